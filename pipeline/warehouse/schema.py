"""Apply sql/ (DDL, then views) and refresh the code dimensions from the template spec."""
from __future__ import annotations

import hashlib
from functools import cache

import duckdb
import polars as pl

from ..config import SQL_DIR
from ..parsing import spec
from .db import run


def _files(folder: str) -> list:
    return sorted((SQL_DIR / folder).glob("*.sql"))


@cache
def _sql_digest() -> str:
    """One hash of every migration, DDL and view file: the SQL a warehouse was last shaped by."""
    digest = hashlib.sha256()
    for folder in ("migrations", "ddl", "views"):
        for path in _files(folder):
            digest.update(f"{folder}/{path.name}\0".encode() + path.read_bytes() + b"\0")
    return digest.hexdigest()


def apply_sql(con: duckdb.DuckDBPyConnection) -> None:
    """Migrations, then the tables' current shape (sql/ddl), then the views. A migration runs once
    on a warehouse built before it and is only recorded on a new one (ddl already has its shape).
    A warehouse last shaped by the same SQL files, and holding every table and view it was shaped
    with, is left as it is: re-running ~150 idempotent statements cost 0.3 CPU-s a load."""
    existing = run(con, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'dim_report'")[0][0] > 0
    run(con, "CREATE TABLE IF NOT EXISTS schema_sql (sha256 VARCHAR NOT NULL, objects INTEGER, applied_at TIMESTAMP)")
    if existing and run(con, "SELECT sha256, objects FROM schema_sql") == [(_sql_digest(), _objects(con))]:
        return
    run(con, "CREATE TABLE IF NOT EXISTS schema_migration (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)")
    done = {name for (name,) in run(con, "SELECT name FROM schema_migration")}
    for path in _files("migrations"):
        if path.name not in done:
            if existing:
                run(con, path.read_text(encoding="utf-8"))
            run(con, "INSERT INTO schema_migration VALUES ($name, now())", {"name": path.name})
    for folder in ("ddl", "views"):
        for path in _files(folder):
            run(con, path.read_text(encoding="utf-8"))
    run(con, "DELETE FROM schema_sql")
    run(con, "INSERT INTO schema_sql VALUES ($sha, $objects, now())", {"sha": _sql_digest(), "objects": _objects(con)})


def _objects(con: duckdb.DuckDBPyConnection) -> int:
    """The warehouse's own tables and views (a dropped one makes the SQL files run again)."""
    return run(con, "SELECT (SELECT count(*) FROM duckdb_tables() WHERE NOT temporary AND NOT internal)"
                    " + (SELECT count(*) FROM duckdb_views() WHERE NOT temporary AND NOT internal)")[0][0]


# Codes that sum other codes of their table: analysts must not add them to their parts.
TOTALS = {"total", "outcome_total"}


def _dimension(rows: list[tuple[str, str, str]]) -> pl.DataFrame:
    return pl.DataFrame([(c, lab, g, i, c in TOTALS) for i, (c, lab, g) in enumerate(rows, 1)],
                        schema=["code", "label_zh", "group", "sort_order", "is_total"], orient="row")


def code_dimensions() -> dict[str, pl.DataFrame]:
    return {
        "dim_applicant_type": _dimension([(c.code, c.label, c.group) for c in spec.APPLICANT_COLUMNS]),
        "dim_application_item": _dimension([(r.code, r.label, r.group) for r in spec.APPLICATION_ROWS]),
        "dim_disclosure_item": _dimension([(i.code, i.label, i.group) for i in spec.DISCLOSURE_ITEMS]),
        "dim_disclosure_measure": _dimension([(m.code, m.label, "/".join(m.templates)) for m in spec.MEASURES]),
        "dim_proceeding": _dimension([(p.code, p.label, "") for p in spec.PROCEEDINGS]),
        "dim_review_result": _dimension([(r.code, r.label, "") for r in spec.RESULTS]),
    }


def refresh_code_dimensions(con: duckdb.DuckDBPyConnection) -> None:
    for table, frame in code_dimensions().items():
        con.register("stage_dimension", frame)
        run(con, f"DELETE FROM {table}")
        run(con, f"INSERT INTO {table} SELECT * FROM stage_dimension")
        con.unregister("stage_dimension")
