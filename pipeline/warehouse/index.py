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


def listed_paths(warehouse: Path) -> set[str]:
    """The paths the published warehouse believes are in the raw directory (not marked removed)."""
    if not warehouse.exists():
        return set()
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        if not has_column(con, "source_file", "source_file"):
            return set()
        present = "WHERE removed_at IS NULL" if has_column(con, "source_file", "removed_at") else ""
        return {r[0] for r in run(con, f"SELECT source_file FROM source_file {present}")}
    finally:
        con.close()


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


def applied_review_files(warehouse: Path) -> set[tuple[str, str]]:
    """(file, content hash) of the review files the published warehouse last applied (none before
    the first load that had review_file)."""
    if not warehouse.exists():
        return set()
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        if not run(con, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'review_file'")[0][0]:
            return set()
        return set(run(con, "SELECT file, content_sha256 FROM review_file"))
    finally:
        con.close()
