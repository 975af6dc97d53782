"""Which statements `ogi sql` runs: those that only read, decided by statement type.

DuckDB's sandbox (external access off, the warehouse attached READ_ONLY, settings locked) is not
enough on its own: it still lets a session write the attached file's own path and its WAL names,
so `COPY (SELECT 'x') TO '<warehouse>'` replaced the published file. The terminal therefore runs
only statements that cannot write anything: queries (SELECT and the forms DuckDB parses as one:
WITH, FROM-first, VALUES, DESCRIBE, SHOW, SUMMARIZE, UNPIVOT; PIVOT, which it parses as a MULTI
statement; CALL of a table function), the read-only PRAGMAs, and EXPLAIN / PREPARE of an allowed
statement (EXPLAIN ANALYZE runs its statement; EXECUTE runs only what an allowed PREPARE made).
Everything else (COPY, EXPORT, ATTACH, SET, INSTALL, LOAD, CHECKPOINT's PRAGMA forms, DDL, DML,
transactions) is refused before any statement of the input runs.
"""
from __future__ import annotations

import duckdb

_ALWAYS = {duckdb.StatementType.SELECT, duckdb.StatementType.CALL, duckdb.StatementType.EXECUTE}
_WRAPPERS = {duckdb.StatementType.EXPLAIN, duckdb.StatementType.PREPARE}
# the words a query can start with: a MULTI statement that starts otherwise (CREATE TABLE … AS PIVOT) is refused
_QUERY_STARTS = {"SELECT", "WITH", "FROM", "VALUES", "PIVOT", "PIVOT_WIDER", "UNPIVOT", "("}
# PRAGMAs that only describe: `COPY FROM DATABASE` is a PRAGMA statement too, and others set options
READ_PRAGMAS = {"table_info", "show", "show_tables", "show_tables_expanded", "show_databases", "database_list",
                "database_size", "storage_info", "metadata_info", "version", "platform", "functions",
                "collations", "user_agent"}


class Refused(Exception):
    """A statement `ogi sql` does not run; the message names it."""


def check(con: duckdb.DuckDBPyConnection, sql: str) -> list[duckdb.Statement]:
    """The statements of `sql`, or Refused naming the first that could write."""
    statements = con.extract_statements(sql)
    for statement in statements:
        _check(con, statement)
    return statements


def _check(con: duckdb.DuckDBPyConnection, statement: duckdb.Statement) -> None:
    try:
        kind = statement.type
    except ValueError:      # a type the Python API does not know (UPDATE EXTENSIONS is 29)
        raise Refused("a statement of a kind ogi sql does not run: it reads the warehouse only") from None
    words = _words(statement.query)
    first = words[0][1].upper() if words else ""
    if kind in _ALWAYS:
        return
    if kind == duckdb.StatementType.MULTI and first in _QUERY_STARTS:
        return
    if kind == duckdb.StatementType.PRAGMA and first == "PRAGMA" and len(words) > 1 \
            and words[1][1].lower() in READ_PRAGMAS:
        return
    if kind in _WRAPPERS:
        inner = _wrapped(statement.query, words)
        if inner is not None:
            try:
                (wrapped,) = con.extract_statements(inner)
            except (ValueError, duckdb.Error):      # not exactly one statement
                wrapped = None
            if wrapped is not None:
                _check(con, wrapped)
                return
    name = kind.name if kind != duckdb.StatementType.MULTI else first
    raise Refused(f"{name} is not allowed: ogi sql reads the warehouse only "
                  "(it runs queries; `ogi export` writes files)")


def _words(query: str) -> list[tuple[int, str]]:
    """(offset, text) of each token of `query` but comments."""
    tokens = duckdb.tokenize(query)
    ends = [start for start, _ in tokens[1:]] + [len(query)]
    return [(start, query[start:end].strip()) for (start, kind), end in zip(tokens, ends, strict=True)
            if kind != duckdb.token_type.comment]


def _wrapped(query: str, words: list[tuple[int, str]]) -> str | None:
    """The statement inside `EXPLAIN [ANALYZE | (options)] s` or `PREPARE name AS s`."""
    texts = [text.upper() for _, text in words]
    if texts[:1] == ["EXPLAIN"]:
        i = 1
        if texts[i:i + 1] == ["("]:
            i = texts.index(")", i) + 1 if ")" in texts[i:] else len(texts)
        if texts[i:i + 1] == ["ANALYZE"]:
            i += 1
    elif texts[:1] == ["PREPARE"] and "AS" in texts:
        i = texts.index("AS") + 1
    else:
        return None
    return query[words[i][0]:] if i < len(words) else None
