"""Read-only facts about the published warehouse (for metadata, checks and `ogi status`)."""
from __future__ import annotations

from pathlib import Path

import duckdb

from .db import run

TABLES = ("dim_agency", "agency_alias", "dim_report", "fact_application", "fact_review_litigation",
          "fact_proactive_disclosure", "report_issue", "quarantine", "source_file")


def connect_readonly(warehouse: Path) -> duckdb.DuckDBPyConnection | None:
    return duckdb.connect(str(warehouse), read_only=True) if warehouse.exists() else None


def table_counts(warehouse: Path) -> dict[str, int]:
    con = connect_readonly(warehouse)
    if con is None:
        return {}
    try:
        return {t: run(con, f"SELECT count(*) FROM {t}")[0][0] for t in TABLES}
    finally:
        con.close()
