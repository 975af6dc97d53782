"""What the published warehouse knows of the raw directory: its file index, the reports' and the
quarantine's contents. Read-only, without the writer lock: the scan uses it to skip what is known,
and the load decides again under the lock."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from .. import parser_version
from .db import has_column, run

FILE_INDEX_SCHEMA = {"source_file": pl.Utf8, "content_sha256": pl.Utf8, "size_bytes": pl.Int64,
                     "mtime_ns": pl.Int64}


@dataclass
class KnownState:
    """What the published warehouse already holds, read without taking any lock."""
    file_index: pl.DataFrame        # source_file, content_sha256, size_bytes, mtime_ns
    report_shas: set[str]
    stale_shas: set[str]            # reports an older parser read (pipeline/parser_version.py)
    quarantined: set[tuple[str, str | None]]


@dataclass(frozen=True)
class PublishedInputs:
    """The inputs the published warehouse was built from, as far as a run needs to compare them."""
    paths: set[str]                        # raw paths it believes are there (not marked removed)
    review_files: set[tuple[str, str]]     # (file, content hash) of the review files it applied


def published_inputs(warehouse: Path) -> PublishedInputs:
    """Both in one read-only connection (an older warehouse may lack removed_at or review_file)."""
    if not warehouse.exists():
        return PublishedInputs(set(), set())
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        paths: set[str] = set()
        if has_column(con, "source_file", "source_file"):
            present = "WHERE removed_at IS NULL" if has_column(con, "source_file", "removed_at") else ""
            paths = {r[0] for r in run(con, f"SELECT source_file FROM source_file {present}")}
        reviewed = has_column(con, "review_file", "content_sha256")
        review_files = set(run(con, "SELECT file, content_sha256 FROM review_file")) if reviewed else set()
    finally:
        con.close()
    return PublishedInputs(paths, review_files)


def read_file_index(warehouse: Path) -> KnownState:
    empty = KnownState(pl.DataFrame(schema=FILE_INDEX_SCHEMA), set(), set(), set())
    if not warehouse.exists():
        return empty
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = {r[0] for r in run(con, "SELECT table_name FROM duckdb_tables()")}
        if "source_file" not in tables:
            return empty
        index = con.sql("SELECT source_file, content_sha256, size_bytes, mtime_ns FROM source_file").pl()
        versioned = has_column(con, "dim_report", "parser_version")
        reports = run(con, f"SELECT content_sha256, {'parser_version' if versioned else 'NULL'} FROM dim_report")
        quarantined = set(run(con, "SELECT source_file, content_sha256 FROM quarantine"))
    finally:
        con.close()
    current = parser_version.current()
    return KnownState(index.cast(FILE_INDEX_SCHEMA), {sha for sha, _ in reports},
                      {sha for sha, version in reports if version != current}, quarantined)

