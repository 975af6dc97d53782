"""One statement, run to completion (DuckDB 2 refuses new work while a result is unread)."""
from __future__ import annotations

import duckdb


def run(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None) -> list[tuple]:
    cursor = con.execute(sql, params) if params else con.execute(sql)
    return cursor.fetchall() if cursor.description else []


def has_column(con: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    """Whether an older warehouse has this column yet (readers see files the migrations have not reached)."""
    return bool(run(con, "SELECT 1 FROM duckdb_columns() WHERE table_name = $t AND column_name = $c",
                    {"t": table, "c": column}))
