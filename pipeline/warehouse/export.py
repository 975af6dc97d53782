"""`ogi export` and the warehouse_parquet asset: tables and views as Parquet and CSV files, so that
other tools and engines read the numbers without DuckDB (or without this DuckDB version).

Each relation becomes NAME.parquet / NAME.csv; columns.csv beside them carries every column's type
and comment (Parquet and CSV have no place for the comments of the schema). The CSV files are for
spreadsheets: a text cell that would run as a formula gets a leading ' (spreadsheet.py); Parquet
keeps every value as stored.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from .console import CATALOG, ConsoleError, open_snapshot
from .publish import writer_lock
from .spreadsheet import formula_safe_sql

STAR_SCHEMA = ("dim_agency", "agency_alias", "dim_report", "dim_applicant_type", "dim_application_item",
               "dim_disclosure_item", "dim_disclosure_measure", "dim_proceeding", "dim_review_result",
               "fact_application", "fact_review_litigation", "fact_proactive_disclosure", "edition_source",
               "edition_cell", "report_issue", "review_decision")
FORMATS = ("parquet", "csv")
COPY_OPTIONS = {"parquet": "FORMAT parquet, COMPRESSION zstd", "csv": "FORMAT csv, HEADER true"}


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _selection(con, name: str, fmt: str) -> str:
    """The relation's columns as a format writes them: for CSV, text columns made formula-safe."""
    if fmt != "csv":
        return f"SELECT * FROM {_quoted(name)}"
    columns = con.execute("""SELECT column_name, data_type FROM duckdb_columns()
                             WHERE database_name = ? AND table_name = ? ORDER BY column_index""",
                          [CATALOG, name]).fetchall()
    safe = [f"{formula_safe_sql(_quoted(c))} AS {_quoted(c)}" if kind == "VARCHAR" else _quoted(c)
            for c, kind in columns]
    return f"SELECT {', '.join(safe)} FROM {_quoted(name)}"


def export(warehouse: Path, out_dir: Path, names: tuple[str, ...] = STAR_SCHEMA,
           formats: tuple[str, ...] = FORMATS) -> list[Path]:
    """Write each named table or view in each format into out_dir, from one snapshot; the files written."""
    con = open_snapshot(warehouse)
    try:
        known = {r[0] for r in con.execute(
            """SELECT table_name FROM duckdb_tables() WHERE database_name = ?
               UNION SELECT view_name FROM duckdb_views() WHERE database_name = ? AND NOT internal""",
            [CATALOG, CATALOG]).fetchall()}
        unknown = sorted(set(names) - known)
        if unknown:
            raise ConsoleError(f"no table or view named {', '.join(unknown)} (ogi sql 'SHOW TABLES' lists them)")
        out_dir.mkdir(parents=True, exist_ok=True)
        written = []
        for name in names:
            for fmt in formats:
                path = out_dir / f"{name}.{fmt}"
                con.execute(f"COPY ({_selection(con, name, fmt)}) TO {_literal(path)} ({COPY_OPTIONS[fmt]})")
                written.append(path)
        columns = out_dir / "columns.csv"
        con.execute(f"""COPY (SELECT table_name, column_name, data_type, comment FROM duckdb_columns()
                              WHERE database_name = '{CATALOG}' AND list_contains($names, table_name)
                              ORDER BY table_name, column_index)
                        TO {_literal(columns)} (FORMAT csv, HEADER true)""", {"names": list(names)})
        return [*written, columns]
    finally:
        con.close()


def parquet_copy_dir(warehouse: Path) -> Path:
    """Where the Parquet copy of a warehouse lives: beside it (ogi.duckdb -> ogi.parquet/)."""
    return warehouse.with_name(warehouse.stem + ".parquet")


def refresh_parquet_copy(warehouse: Path, wait_seconds: float = 600) -> list[Path]:
    """Rewrite the star schema's Parquet copy beside the warehouse, written aside and swapped in by
    two renames: a reader sees the old copy or the new one (for an instant none), never a mix of loads.
    Under the writer lock, so the copy is of the file just published and two runs never interleave."""
    target = parquet_copy_dir(warehouse)
    fresh = target.with_name(target.name + ".loading")
    old = target.with_name(target.name + ".old")
    with writer_lock(warehouse, wait_seconds):
        for stale in (fresh, old):
            shutil.rmtree(stale, ignore_errors=True)
        files = export(warehouse, fresh, formats=("parquet",))
        if target.exists():
            target.rename(old)
        fresh.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    return [target / f.name for f in files]
