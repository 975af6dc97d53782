"""Raw files -> a Batch of polars frames ready for validation and loading.

Parsing is a pure function of the bytes, so it runs in a process pool; each worker returns plain
tuples (cheap to pickle) and the frames are built once, here, in the parent.
"""
from __future__ import annotations

import hashlib
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Callable, Iterable

import polars as pl

from .parsing import ParseError, ParsedReport, parse_bytes
from .parsing.report import REGION_FIELDS
from .regions import agency_key

MAX_FILE_BYTES = 20 * 1024 * 1024
SERIAL_BELOW = 64
AMOUNT = pl.Decimal(20, 4)

SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "reports": {"report_id": pl.Utf8, "content_sha256": pl.Utf8, "source_file": pl.Utf8,
                "agency_name": pl.Utf8, "admin_level": pl.Utf8, "report_year": pl.Int32,
                "title_year": pl.Int32, "template_version": pl.Utf8, "published_on": pl.Date,
                **{name: pl.Utf8 for name in REGION_FIELDS}, "agency_key": pl.Utf8},
    "application": {"report_id": pl.Utf8, "item": pl.Utf8, "applicant_type": pl.Utf8, "count": AMOUNT},
    "review": {"report_id": pl.Utf8, "proceeding": pl.Utf8, "result": pl.Utf8, "count": AMOUNT},
    "proactive": {"report_id": pl.Utf8, "clause": pl.Utf8, "item": pl.Utf8, "measure": pl.Utf8,
                  "value": AMOUNT},
    "issues": {"report_id": pl.Utf8, "rule": pl.Utf8, "severity": pl.Utf8, "detail": pl.Utf8},
    "quarantine": {"source_file": pl.Utf8, "content_sha256": pl.Utf8, "reason": pl.Utf8, "detail": pl.Utf8},
}


def report_id_for(sha256: str) -> str:
    """A report is its content: the id is stable across rebuilds and machines."""
    return sha256[:16]


@dataclass
class Batch:
    reports: pl.DataFrame
    application: pl.DataFrame
    review: pl.DataFrame
    proactive: pl.DataFrame
    issues: pl.DataFrame
    quarantine: pl.DataFrame

    @classmethod
    def from_rows(cls, rows: dict[str, list[tuple]]) -> "Batch":
        return cls(**{name: pl.DataFrame(rows.get(name, []), schema=schema, orient="row")
                      for name, schema in SCHEMAS.items()})

    @classmethod
    def empty(cls) -> "Batch":
        return cls.from_rows({})

    @classmethod
    def concat(cls, parts: list["Batch"]) -> "Batch":
        if not parts:
            return cls.empty()
        return cls(**{name: pl.concat([getattr(p, name) for p in parts], rechunk=True) for name in SCHEMAS})

    def frames(self) -> dict[str, pl.DataFrame]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def without_reports(self, report_ids: set[str], reasons: pl.DataFrame) -> "Batch":
        """Move whole reports to quarantine (never half a report): `reasons` has report_id, reason, detail."""
        keep = {name: df.filter(~pl.col("report_id").is_in(list(report_ids)))
                for name, df in self.frames().items() if name != "quarantine"}
        moved = (self.reports.filter(pl.col("report_id").is_in(list(report_ids)))
                 .join(reasons, on="report_id").select(list(SCHEMAS["quarantine"])))
        return Batch(**keep, quarantine=pl.concat([self.quarantine, moved]))


def report_rows(report: ParsedReport, sha256: str, source_file: str) -> dict[str, list[tuple]]:
    rid = report_id_for(sha256)
    return {
        "reports": [(rid, sha256, source_file, report.agency_name, report.admin_level, report.report_year,
                     report.title_year, report.template_version, report.published_on,
                     *(getattr(report.region, name) for name in REGION_FIELDS),
                     agency_key(report.agency_name, report.region, rid))],
        "application": [(rid, item, col, v) for item, cells in report.application.items()
                        for col, v in cells.items()],
        "review": [(rid, proc, res, v) for proc, cells in report.review_litigation.items()
                   for res, v in cells.items()],
        "proactive": [(rid, clause, item, m, v) for clause, items in report.proactive.items()
                      for item, cells in items.items() for m, v in cells.items()],
        "issues": [(rid, f.rule, f.severity, f.detail) for f in report.issues],
    }


def parse_file(raw_dir: Path, source_file: str, scanned_sha: str | None = None) -> dict[str, list[tuple]]:
    """One raw file -> its rows, or a quarantine row with a readable reason. Never raises."""
    path = raw_dir / source_file
    try:
        if path.exists() and not path.is_file():    # a FIFO or device would block or never end
            return {"quarantine": [(source_file, None, "not_a_regular_file", "not a regular file; not read")]}
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:     # never read into memory; the scan hashed it in chunks
            return {"quarantine": [(source_file, scanned_sha, "too_large",
                                    f"{size / 1e6:.1f} MB is over the {MAX_FILE_BYTES // 2**20} MiB limit for a report")]}
        raw = path.read_bytes()
    except OSError as exc:
        return {"quarantine": [(source_file, scanned_sha, "unreadable", f"cannot read the file: {exc.strerror or exc}")]}
    sha = hashlib.sha256(raw).hexdigest()
    try:
        report = parse_bytes(raw, source_file)
    except ParseError as exc:
        return {"quarantine": [(source_file, sha, exc.reason, exc.detail)]}
    except Exception as exc:  # a parser bug must cost one file, never the run
        return {"quarantine": [(source_file, sha, "parser_error", f"{type(exc).__name__}: {exc}")]}
    return report_rows(report, sha, source_file)


def _parse_chunk(args: tuple[Path, list[tuple[str, str | None]]]) -> Batch:
    """A worker's share: parse the files and build the frames here, so that the parent only
    concatenates (polars frames pickle as Arrow buffers, far cheaper than rows of Decimals)."""
    raw_dir, files = args
    rows: dict[str, list[tuple]] = {name: [] for name in SCHEMAS}
    for name, sha in files:
        for table, r in parse_file(raw_dir, name, sha).items():
            rows[table].extend(r)
    return Batch.from_rows(rows)


def parse_files(raw_dir: Path, source_files: list[tuple[str, str | None]], workers: int | None = None,
                progress: Callable[[int], None] | None = None) -> Batch:
    """Parse (source_file, scanned sha256) pairs, in a process pool when there are many, into one Batch."""
    workers = workers or os.cpu_count() or 1
    size = SERIAL_BELOW if workers == 1 else max(16, min(256, len(source_files) // (workers * 8) or 1))
    chunks = [(raw_dir, source_files[i:i + size]) for i in range(0, len(source_files), size)]
    parts: list[Batch] = []

    def collect(results: Iterable[Batch]) -> None:
        for chunk, batch in zip(chunks, results):
            parts.append(batch)
            if progress:
                progress(len(chunk[1]))

    if workers == 1 or len(source_files) < SERIAL_BELOW:
        collect(map(_parse_chunk, chunks))
    else:
        with ProcessPoolExecutor(workers) as pool:
            collect(pool.map(_parse_chunk, chunks))
    return Batch.concat(parts)
