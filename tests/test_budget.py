"""The parse supervisor (pipeline/budget.py): a file over its budget, or whose worker dies, costs
that file only; its neighbours in the same part and the other parts still arrive.

Most tests here give the supervisor a stand-in for the parser, which records what it was given and
misbehaves on the files named so (a crash has no real input to show it); the parse itself meets a
real input over budget here and in tests/test_hostile_corpus.py.
"""
from __future__ import annotations

import os
import shutil
import signal
import time
from functools import partial
from pathlib import Path

import pytest

from pipeline.budget import Budget, Part, run_parts
from pipeline.parse import parse_files
from pipeline.stage import Stage
from tests import hostile

SEEDS = sorted((Path(__file__).resolve().parents[1] / "data" / "raw").iterdir())


def _record(out: Path, part: Part, announce) -> int:
    lines = []
    for i, (name, _) in enumerate(part.files):
        if i in part.verdicts:
            lines.append(f"{name} {part.verdicts[i][0]}")
            continue
        announce(i)
        if name == "segfault":
            os.kill(os.getpid(), signal.SIGSEGV)
        elif name == "sleeps":
            time.sleep(600)
        elif name == "pages":           # a scan: each OCR page re-announces the file, within the limit
            for _ in range(4):
                announce(i)
                time.sleep(0.8)
        elif name == "hoards":
            hoard = b"x" * (8 << 30)       # written, so resident, at memset speed
            del hoard
        lines.append(f"{name} read")
    announce(None)
    (out / part.name).write_text("\n".join(lines))
    return len(part.files)


def _run(tmp_path: Path, parts: dict[str, list[str]], budget: Budget, workers: int = 2) -> dict[str, list[str]]:
    done = list(run_parts(partial(_record, tmp_path), [Part(name, [(f, None) for f in files])
                                                       for name, files in parts.items()], workers, budget))
    assert sorted(done) == sorted(len(files) for files in parts.values())
    return {name: (tmp_path / name).read_text().splitlines() for name in parts}


def test_each_misbehaving_file_is_given_up_alone_and_its_neighbours_are_read(tmp_path):
    outcome = _run(tmp_path, {"p1": ["a", "segfault", "b", "sleeps", "c"], "p2": ["d", "e"]}, Budget(seconds=2))
    assert outcome == {"p1": ["a read", "segfault parser_crashed", "b read", "sleeps over_time_limit", "c read"],
                       "p2": ["d read", "e read"]}


def test_a_scan_has_the_time_limit_for_each_page_it_reads(tmp_path):
    """3.2 s in all, under 2 s a page: read, as OCR of a scan's pages (pipeline/parsing/formats/ocr.py)."""
    assert _run(tmp_path, {"p1": ["pages", "a"]}, Budget(seconds=2), workers=1) == {"p1": ["pages read", "a read"]}


def test_a_file_over_the_memory_budget_is_given_up_alone(tmp_path):
    """A worker starts at ~150 MiB; the hoarder passes 400 within seconds (no time limit races it)."""
    outcome = _run(tmp_path, {"p": ["a", "hoards", "b"]}, Budget(seconds=600, memory=400 << 20))
    assert outcome == {"p": ["a read", "hoards over_memory_limit", "b read"]}


def test_one_worker_survives_a_run_of_bad_files(tmp_path):
    outcome = _run(tmp_path, {"p": ["segfault", "segfault", "a"]}, Budget(seconds=1), workers=1)
    assert outcome == {"p": ["segfault parser_crashed", "segfault parser_crashed", "a read"]}


def test_the_verdicts_name_the_limit_and_how_to_raise_it():
    budget = Budget(seconds=2.5, memory=512 << 20)
    assert budget.over_time() == ("over_time_limit", "parsing took over 2.5 s and was stopped; the limit per file is "
                                  "OGI_PARSE_TIMEOUT=2.5 (seconds): raise it to read this file")
    assert budget.over_memory(600 << 20)[1].startswith("parsing took 600 MiB of memory and was stopped; the limit "
                                                       "per file is OGI_PARSE_MEMORY=512 (MiB)")


@pytest.mark.parametrize(("memory", "expected"), [("", 2 << 30), ("512", 512 << 20), ("512M", 512 << 20),
                                                  ("2G", 2 << 30), ("1.5GiB", 3 << 29)])
def test_the_memory_limit_reads_mib_or_a_unit(monkeypatch, memory, expected):
    monkeypatch.setenv("OGI_PARSE_MEMORY", memory)
    monkeypatch.setenv("OGI_PARSE_TIMEOUT", "7")
    assert Budget.from_env() == Budget(7.0, expected)


def test_a_malformed_limit_is_an_error_that_names_the_variables(monkeypatch):
    monkeypatch.setenv("OGI_PARSE_MEMORY", "lots")
    with pytest.raises(ValueError, match="OGI_PARSE_MEMORY='lots'"):
        Budget.from_env()


def test_a_docx_within_the_readers_caps_that_outgrows_the_memory_budget_costs_only_itself(tmp_path):
    """word/document.xml of 53 MiB and 900k elements passes the reader's caps (64 MiB inflated,
    docx.MAX_ELEMENTS), and its XML tree takes ~250 MiB: ~400 MiB of a worker (one starts at ~150),
    over a 300 MiB budget."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, raw / seed.name)
    (raw / "paragraphs.docx").write_bytes(hostile.docx_many_paragraphs())
    files = [(path.name, None) for path in sorted(raw.iterdir())]
    batch = parse_files(raw, files, Stage.at(tmp_path / "stage"), budget=Budget(seconds=600, memory=300 << 20)).collect()
    assert sorted(batch.reports["source_file"]) == [seed.name for seed in SEEDS]
    assert batch.quarantine.select("source_file", "reason").rows() == [("paragraphs.docx", "over_memory_limit")]
