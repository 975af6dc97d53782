"""SQL kept in files under sql/: a file is one step, its statements end with ';' at a line's end."""
from __future__ import annotations

import re
from functools import cache

import duckdb

from ..config import SQL_DIR
from .db import run

_END = re.compile(r";\s*$", re.MULTILINE)
_PARAM = re.compile(r"\$(\w+)")


@cache
def statements(path: str) -> tuple[str, ...]:
    """The statements of sql/<path>.sql (comments kept: DuckDB ignores them)."""
    text = (SQL_DIR / f"{path}.sql").read_text(encoding="utf-8")
    return tuple(s.strip() for s in _END.split(text) if s.strip() and not _only_comments(s))


def _only_comments(sql: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in sql.splitlines())


def run_file(con: duckdb.DuckDBPyConnection, path: str, params: dict | None = None) -> list[tuple]:
    """Run every statement of sql/<path>.sql in order, each with the parameters it names;
    returns the last one's rows. (DuckDB binds parameters to one statement at a time.)"""
    rows: list[tuple] = []
    for sql in statements(path):
        names = set(_PARAM.findall(sql))
        rows = run(con, sql, {k: v for k, v in (params or {}).items() if k in names} or None)
    return rows
