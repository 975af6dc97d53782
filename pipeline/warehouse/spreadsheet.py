"""CSV text a spreadsheet would run as a formula (OWASP "CSV injection"): Excel, LibreOffice and
Sheets evaluate a cell that starts with = + - @ (or a TAB or CR), so a review quote such as
=HYPERLINK(…) would run on an analyst's machine. A text cell that starts so gets a leading ' (the
spreadsheet shows the text and hides the quote); numbers are never touched, so -3 stays a number.
Used by every CSV written for people: ogi export and ogi sql --format csv.
Parquet keeps every value exactly as stored.
"""
from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value):
    """A CSV cell's value: text that starts like a formula with a ' before it, anything else as it is."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def formula_safe_sql(column: str) -> str:
    """formula_safe as a DuckDB expression over a text column (`column`: a quoted identifier)."""
    starts = ", ".join(f"chr({ord(c)})" for c in FORMULA_START)
    return f"CASE WHEN left({column}, 1) IN ({starts}) THEN '''' || {column} ELSE {column} END"
