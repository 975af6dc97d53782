"""Apply sql/ (DDL, then views) and refresh the code dimensions from the template spec."""
from __future__ import annotations

import duckdb
import polars as pl

from ..config import SQL_DIR
from ..parsing import spec
from .db import run


def apply_sql(con: duckdb.DuckDBPyConnection) -> None:
    for folder in ("ddl", "views"):
        for path in sorted((SQL_DIR / folder).glob("*.sql")):
            run(con, path.read_text(encoding="utf-8"))


def _dimension(rows: list[tuple[str, str, str]]) -> pl.DataFrame:
    return pl.DataFrame([(c, lab, g, i) for i, (c, lab, g) in enumerate(rows, 1)],
                        schema=["code", "label_zh", "group", "sort_order"], orient="row")


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
