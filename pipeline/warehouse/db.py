"""One statement, run to completion (DuckDB 2 refuses new work while a result is unread)."""
from __future__ import annotations

import duckdb


def run(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None) -> list[tuple]:
    cursor = con.execute(sql, params) if params else con.execute(sql)
    return cursor.fetchall() if cursor.description else []
