"""Read-only facts about the published warehouse (for metadata, checks and `ogi status`)."""
from __future__ import annotations

from pathlib import Path

import duckdb

from .db import run


def connect_readonly(warehouse: Path) -> duckdb.DuckDBPyConnection | None:
    return duckdb.connect(str(warehouse), read_only=True) if warehouse.exists() else None


def table_counts(warehouse: Path) -> dict[str, int]:
    con = connect_readonly(warehouse)
    if con is None:
        return {}
    try:
        tables = [t for (t,) in run(con, "SELECT table_name FROM duckdb_tables() WHERE NOT internal ORDER BY 1")]
        return {t: run(con, f"SELECT count(*) FROM {t}")[0][0] for t in tables}
    finally:
        con.close()
