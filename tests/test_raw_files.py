"""Raw files that are not what the scan saw: far too large to read, or changed while the run reads them."""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import assets.run
from assets.run import run_ingest
from pipeline.scan import SAMPLED

from .conftest import SHARED, query

SEEDS = sorted((SHARED / "seeds").glob("*.txt"))


def bytes_read() -> int:
    """What this process has read through read() and its kin so far, from any file (Linux)."""
    return int(dict(line.split(": ") for line in Path("/proc/self/io").read_text().splitlines())["rchar"])


def test_a_huge_sparse_file_is_quarantined_without_being_read(tmp_path):
    raw, wh = tmp_path / "raw", tmp_path / "ogi.duckdb"
    raw.mkdir()
    shutil.copy(SEEDS[0], raw / SEEDS[0].name)
    huge = raw / "disk image.txt"
    huge.touch()
    os.truncate(huge, 20 * 2**30)               # 20 GiB of holes: no disk used, all of it readable
    before = bytes_read()
    outcome = run_ingest(raw, wh)
    assert bytes_read() - before < 2**30         # the run's own reads (Python, DuckDB): far below the file
    assert outcome.summary.loaded == 1 and outcome.summary.quarantined == 1
    [(reason, identity)] = query(wh, "SELECT reason, content_sha256 FROM quarantine")
    assert reason == "too_large" and identity.startswith(SAMPLED)
    assert query(wh, "SELECT content_sha256 FROM source_file WHERE source_file = 'disk image.txt'") == [(identity,)]
    assert run_ingest(raw, wh).summary.published is False          # known by its identity: not re-read
    os.utime(huge, ns=(0, 0))
    assert run_ingest(raw, wh).summary.quarantined == 1            # touched: a new identity, quarantined again
    assert query(wh, "SELECT content_sha256 <> ? FROM quarantine", [identity]) == [(True,)]


def test_a_file_rewritten_between_scan_and_parse_is_indexed_and_counted_as_what_was_read(tmp_path, monkeypatch):
    raw, wh = tmp_path / "raw", tmp_path / "ogi.duckdb"
    raw.mkdir()
    shutil.copy(SEEDS[0], raw / "a.txt")
    shutil.copy(SEEDS[1], raw / "b.txt")
    scan_work = assets.run.scan_work

    def scan_then_rewrite(raw_dir, warehouse):
        work = scan_work(raw_dir, warehouse)
        shutil.copy(SEEDS[2], raw / "b.txt")          # an upload finishing while the run starts
        return work

    monkeypatch.setattr(assets.run, "scan_work", scan_then_rewrite)
    summary = run_ingest(raw, wh).summary
    assert (summary.loaded, summary.unchanged, summary.files_seen) == (2, 0, 2)
    read = hashlib.sha256(SEEDS[2].read_bytes()).hexdigest()
    assert query(wh, "SELECT content_sha256 FROM source_file WHERE source_file = 'b.txt'") == [(read,)]
    assert query(wh, "SELECT source_file FROM dim_report WHERE content_sha256 = ?", [read]) == [("b.txt",)]
    monkeypatch.undo()
    again = run_ingest(raw, wh).summary            # the file's stat moved on: re-hashed, known, nothing loaded
    assert (again.loaded, again.unchanged) == (0, 2)
