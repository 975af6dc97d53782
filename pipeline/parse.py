"""The parse step: raw files -> staged Parquet parts, ready for validation and loading. (One
report's bytes -> its cells is pipeline/parsing.)

Parsing is a pure function of the bytes, so it runs in worker processes, each file under a budget
of time and memory (pipeline/budget.py; never in this process: the bytes are untrusted); each
worker builds the frames of its files and writes them to the run's stage itself (pipeline/stage.py).
"""
from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from decimal import Decimal
from functools import partial
from pathlib import Path

import polars as pl

from . import parser_version
from .budget import Announce, Budget, Part, run_parts
from .frames import MAX_VALUE, SCHEMAS, Batch
from .names import disk_path
from .parsing import ParsedReport, ParseError, parse_bytes
from .parsing.report import REGION_FIELDS
from .regions import agency_key
from .scan import MAX_FILE_BYTES
from .stage import Stage

PART_FILES = 256          # files per worker task, and so per staged part


def report_id_for(sha256: str) -> str:
    """A report is its content: the id is stable across rebuilds and machines."""
    return sha256[:16]


def agency_id_for(key: str) -> str:
    """A stable hash of the region-aware agency_key (pipeline/regions/identity.py), so a report
    matches the agency already in the warehouse in any later run."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def report_identity(report: ParsedReport, sha256: str) -> tuple[str, str, str]:
    """(report_id, agency_key, agency_id) as the warehouse stores them (also `ogi parse --json`)."""
    rid = report_id_for(sha256)
    key = agency_key(report.agency_name, report.region, rid)
    return rid, key, agency_id_for(key)


def report_rows(report: ParsedReport, sha256: str, source_file: str) -> dict[str, list[tuple]]:
    rid, key, agency_id = report_identity(report, sha256)
    return {
        "reports": [(rid, sha256, source_file, report.agency_name, report.admin_level, report.report_year,
                     report.title_year, report.template_version, report.published_on,
                     *(getattr(report.region, name) for name in REGION_FIELDS), key, agency_id,
                     parser_version.current(), report.read_method, report.ocr_pages, report.ocr_confidence,
                     report.ocr_seconds)],
        "application": [(rid, item, col, v) for item, cells in report.application.items()
                        for col, v in cells.items()],
        "review": [(rid, proc, res, v) for proc, cells in report.review_litigation.items()
                   for res, v in cells.items()],
        "proactive": [(rid, clause, item, m, v) for clause, items in report.proactive.items()
                      for item, cells in items.items() for m, v in cells.items()],
        "issues": [(rid, f.rule, f.severity, f.detail) for f in report.issues],
    }


def parse_file(raw_dir: Path, source_file: str, scanned_sha: str | None = None,
               on_page: Callable[[], None] | None = None) -> dict[str, list[tuple]]:
    """One raw file -> its rows, or a quarantine row with a readable reason. Never raises.
    on_page: called before each page of a scan is OCR'd."""
    path = disk_path(raw_dir, source_file)
    try:
        if path.exists() and not path.is_file():    # a FIFO or device would block or never end
            return {"quarantine": [(source_file, None, "not_a_regular_file", "not a regular file; not read")]}
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:     # never read: the scan gave it a sampled identity
            return {"quarantine": [(source_file, scanned_sha, "too_large",
                                    f"{size / 1e6:.1f} MB is over the {MAX_FILE_BYTES // 2**20} MiB limit for a report")]}
        raw = path.read_bytes()
    except OSError as exc:
        return {"quarantine": [(source_file, scanned_sha, "unreadable", f"cannot read the file: {exc.strerror or exc}")]}
    sha = hashlib.sha256(raw).hexdigest()
    try:
        report = parse_bytes(raw, source_file, on_page)
    except ParseError as exc:
        return {"quarantine": [(source_file, sha, exc.reason, exc.detail)]}
    except Exception as exc:  # a parser bug must cost one file, never the run
        return {"quarantine": [(source_file, sha, "parser_error", f"{type(exc).__name__}: {exc}")]}
    rows = report_rows(report, sha, source_file)
    huge = _beyond_storage(rows)
    if huge is not None:
        return {"quarantine": [(source_file, sha, "contract_violation",
                                f"a cell reads {huge}, beyond any count or amount (≥ 10^15): a misread, not loaded")]}
    return rows


def _beyond_storage(rows: dict[str, list[tuple]]) -> Decimal | None:
    """A value the warehouse's DECIMAL(20,4) could not hold would become NULL on the way into the
    frames, silently; the contract's limit (10^15) is checked here, before that can happen."""
    for table in ("application", "review", "proactive"):
        for row in rows[table]:
            if row[-1] is not None and abs(row[-1]) >= MAX_VALUE:
                return row[-1]
    return None


def _parse_part(raw_dir: Path, stage: Stage, part: Part, announce: Announce) -> int:
    """A worker's share: parse the files, build the frames and write them as one staged part, so
    that nothing but a count travels back to the parent. A file this part's earlier worker was
    stopped on is quarantined with the supervisor's verdict, not read again."""
    rows: dict[str, list[tuple]] = {name: [] for name in SCHEMAS}
    with _rare_collections():
        for i, (name, sha) in enumerate(part.files):
            if i in part.verdicts:
                rows["quarantine"].append((name, sha, *part.verdicts[i]))
                continue
            announce(i)
            # a scan: the time limit counts per OCR page (each page re-announces the file)
            for table, r in parse_file(raw_dir, name, sha, partial(announce, i)).items():
                rows[table].extend(r)
        announce(None)
        stage.write(part.name, Batch.from_rows(rows))
    return len(part.files)


@contextmanager
def _rare_collections() -> Iterator[None]:
    """A part's ~50k row tuples and Decimals live until the part is written, and the default
    thresholds made the cyclic GC re-scan them (and the place-name gazetteer) dozens of times per
    part: a quarter of a worker's time. Young garbage is still collected, only less often."""
    before = gc.get_threshold()
    gc.set_threshold(100_000, 50, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def parse_files(raw_dir: Path, source_files: list[tuple[str, str | None]], stage: Stage,
                workers: int | None = None, progress: Callable[[int], None] | None = None,
                budget: Budget | None = None) -> Stage:
    """Parse (source_file, scanned sha256) pairs into `stage`, in worker processes, each file under
    `budget` [default: $OGI_PARSE_TIMEOUT and $OGI_PARSE_MEMORY]."""
    parts = [Part(f"{i // PART_FILES:06d}", source_files[i:i + PART_FILES])
             for i in range(0, len(source_files), PART_FILES)]
    workers = min(workers or os.cpu_count() or 1, len(parts))
    for done in run_parts(partial(_parse_part, raw_dir, stage), parts, workers, budget or Budget.from_env()):
        if progress:
            progress(done)
    return stage


def quarantine_duplicates(stage: Stage, work: pl.DataFrame) -> None:
    """A bad file copied under another name is quarantined under that name too (every input
    accounted for): the copies' rows are staged as one more part."""
    dupes = work.filter("duplicate_of_new").select("source_file", "content_sha256")
    quarantine = stage.scan("quarantine").collect()
    if dupes.is_empty() or quarantine.is_empty():
        return
    copies = (dupes.join(quarantine.drop("source_file").unique("content_sha256"), on="content_sha256")
              .select(quarantine.columns))
    stage.write("duplicates", replace(Batch.from_rows({}), quarantine=copies))
