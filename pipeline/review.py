"""Review decisions: an analyst's CSV files (data/review/*.csv) that confirm or dismiss a flag, or
give a fact cell's true value with the evidence. Read on every load; the warehouse applies them
(sql/load/080_review.sql) and keeps the numbers as written beside them.

A file is one of two kinds, told by its header (columns in any order):

    cells: report_id,table,row,column,written_value,value,page,quote,reviewer,reason
    flags: report_id,rule,decision,page,quote,reviewer,reason

A line that cannot be a decision (unknown table or code, a value that is no number, a cell or
flag decided twice, …) is a problem with a readable reason, never an error of the run: the other
lines still apply. Decisions are keyed by report_id (a content hash, stable across re-parses)
and the cell's codes, so they outlive any re-parse of the report.
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import polars as pl

from .frames import AMOUNT, MAX_VALUE
from .names import stored_name
from .parsing import spec

CELL_COLUMNS = ("report_id", "table", "row", "column", "written_value", "value", "page", "quote", "reviewer", "reason")
FLAG_COLUMNS = ("report_id", "rule", "decision", "page", "quote", "reviewer", "reason")
REQUIRED = {"cells": ("report_id", "table", "row", "column", "value", "quote", "reviewer", "reason"),
            "flags": ("report_id", "rule", "decision", "reviewer", "reason")}
FLAG_DECISIONS = ("confirmed", "dismissed")
REPORT_ID = re.compile(r"^[0-9a-f]{16}$")
# A value as a person writes it: digits, a sign, a decimal point. Decimal() also reads 0e99, 1E+39,
# NaN, Infinity and 1_000, spellings no reviewer means and some no DECIMAL(20,4) holds.
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
MAX_TEXT = 200        # a problem quotes at most this much of its line


@dataclass(frozen=True)
class CellTable:
    """A fact table as a review file names its cells: the row and column codes it accepts."""
    rows: tuple[str, ...]
    columns: tuple[str, ...]


def _codes(labels) -> tuple[str, ...]:
    return tuple(label.code for label in labels)


CELL_TABLES = {
    "fact_application": CellTable(_codes(spec.APPLICATION_ROWS), _codes(spec.APPLICANT_COLUMNS)),
    "fact_review_litigation": CellTable(_codes(spec.PROCEEDINGS), _codes(spec.RESULTS)),
    "fact_proactive_disclosure": CellTable(_codes(spec.DISCLOSURE_ITEMS), _codes(spec.MEASURES)),
}

FILE_SCHEMA = {"file": pl.Utf8, "content_sha256": pl.Utf8, "decisions": pl.Int32, "problems": pl.Int32}
BLANK = ("blank", "null")     # how a value says the cell is blank (an empty written_value says it too)


class Decision(NamedTuple):
    """One line of a review file that is a decision (a row of review_decision, before its outcome)."""
    file: str
    line: int
    report_id: str
    decision: str                 # value | confirmed | dismissed
    fact_table: str | None
    row_code: str | None
    column_code: str | None
    rule: str | None
    written_value: Decimal | None
    reviewed_value: Decimal | None
    page: str | None
    quote: str | None
    reviewer: str
    reason: str

    def key(self) -> tuple:
        """What it decides on: a cell, or a report's flags of one rule."""
        if self.decision == "value":
            return self.report_id, self.fact_table, self.row_code, self.column_code
        return self.report_id, self.rule

    def place(self) -> str:
        return f"{self.file}:{self.line}"


class ProblemLine(NamedTuple):
    """A line (or a whole file: line 1) that is no decision (a row of review_problem)."""
    file: str
    line: int
    reason: str
    text: str | None


NUMERIC = {"line": pl.Int32, "written_value": AMOUNT, "reviewed_value": AMOUNT}
DECISION_SCHEMA = {name: NUMERIC.get(name, pl.Utf8) for name in Decision._fields}
PROBLEM_SCHEMA = {name: NUMERIC.get(name, pl.Utf8) for name in ProblemLine._fields}


class Problem(ValueError):
    """Why a line (or a whole file) is not a decision, in words for the analyst."""


@dataclass
class ReviewSet:
    """Everything the review directory says: its files, their decisions and their problems."""
    files: pl.DataFrame
    decisions: pl.DataFrame
    problems: pl.DataFrame

    def frames(self) -> dict[str, pl.DataFrame]:
        return {"review_file": self.files, "review_decision": self.decisions, "review_problem": self.problems}


def review_files(review_dir: Path | None) -> list[Path]:
    """The *.csv files directly in the review directory (hidden ones skipped), sorted; none when it is absent."""
    if review_dir is None or not review_dir.is_dir():
        return []
    return sorted(p for p in review_dir.glob("*.csv") if p.is_file() and not p.name.startswith("."))


def fingerprint(review_dir: Path | None) -> set[tuple[str, str]]:
    """(file name, SHA-256 of its bytes) of every review file: what tells a run that they changed."""
    return {(stored_name(p.name), hashlib.sha256(p.read_bytes()).hexdigest()) for p in review_files(review_dir)}


def read_review(review_dir: Path | None) -> ReviewSet:
    contents = {stored_name(path.name): path.read_bytes() for path in review_files(review_dir)}
    decisions: list[Decision] = []
    problems: list[ProblemLine] = []
    for name, data in contents.items():
        found, bad = _read_file(name, data)
        decisions += found
        problems += bad
    decisions, conflicts = _without_conflicts(decisions)
    problems = sorted(problems + conflicts, key=lambda p: (p.file, p.line))
    files = [(name, hashlib.sha256(data).hexdigest(), sum(d.file == name for d in decisions),
              sum(p.file == name for p in problems)) for name, data in contents.items()]
    return ReviewSet(pl.DataFrame(files, schema=FILE_SCHEMA, orient="row"),
                     pl.DataFrame(decisions, schema=DECISION_SCHEMA, orient="row"),
                     pl.DataFrame(problems, schema=PROBLEM_SCHEMA, orient="row"))


def _decode(data: bytes) -> str:
    """UTF-8 (with or without Excel's BOM), else GB18030: what a spreadsheet on a Chinese system saves."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            raise Problem("not text: save the file as CSV (UTF-8)") from None


def _kind(header: list[str]) -> str:
    names = [h.strip() for h in header]
    for kind, columns in (("cells", CELL_COLUMNS), ("flags", FLAG_COLUMNS)):
        if sorted(names) == sorted(columns):
            return kind
    raise Problem(f"header {','.join(names)!r} is neither a cells file ({','.join(CELL_COLUMNS)}) "
                  f"nor a flags file ({','.join(FLAG_COLUMNS)})")


def _read_file(name: str, data: bytes) -> tuple[list[Decision], list[ProblemLine]]:
    """(decisions, problems) of one file; a file whose header is not one of the two is one problem."""
    try:
        rows = csv.reader(io.StringIO(_decode(data), newline=""))
        header = next(rows, None)
        if header is None:
            return [], []
        kind = _kind(header)
    except (Problem, csv.Error) as exc:
        return [], [ProblemLine(name, 1, str(exc), None)]
    decisions, problems = [], []
    names = [h.strip() for h in header]
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(ProblemLine(name, rows.line_num, f"not CSV: {exc}", None))
            continue
        if not any(cell.strip() for cell in row):
            continue
        try:
            if len(row) != len(names):
                raise Problem(f"{len(row)} fields, the header has {len(names)}")
            fields = {k: v.strip() for k, v in zip(names, row)}
            decisions.append(Decision(name, rows.line_num, *_decision(kind, fields)))
        except Problem as exc:
            problems.append(ProblemLine(name, rows.line_num, str(exc), ",".join(row)[:MAX_TEXT]))
    return decisions, problems


def _decision(kind: str, f: dict[str, str]) -> tuple:
    """The fields of a Decision after file and line, or Problem."""
    missing = [c for c in REQUIRED[kind] if not f[c]]
    if missing:
        raise Problem(f"empty {', '.join(missing)}")
    report_id = f["report_id"].lower()
    if not REPORT_ID.match(report_id):
        raise Problem(f"report_id {f['report_id']!r} is not 16 hex digits (dim_report.report_id)")
    evidence = (f["page"] or None, f["quote"] or None, f["reviewer"], f["reason"])
    if kind == "flags":
        decision = f["decision"].lower()
        if decision not in FLAG_DECISIONS:
            raise Problem(f"decision {f['decision']!r} is not one of {', '.join(FLAG_DECISIONS)}")
        return (report_id, decision, None, None, None, f["rule"], None, None, *evidence)
    table = CELL_TABLES.get(f["table"])
    if table is None:
        raise Problem(f"table {f['table']!r} is not one of {', '.join(CELL_TABLES)}")
    if f["row"] not in table.rows:
        raise Problem(f"row {f['row']!r} is not a row code of {f['table']}")
    if f["column"] not in table.columns:
        raise Problem(f"column {f['column']!r} is not a column code of {f['table']}")
    written = _value(f["written_value"] or BLANK[0], "written_value", f["table"], f["column"])
    value = _value(f["value"], "value", f["table"], f["column"])
    return (report_id, "value", f["table"], f["row"], f["column"], None, written, value, *evidence)


def _value(text: str, name: str, table: str, column: str) -> Decimal | None:
    """A cell value as the fact table's contract allows it; blank (or null) is a blank cell (NULL)."""
    if text.lower() in BLANK:
        return None
    if not PLAIN_NUMBER.fullmatch(text):
        raise Problem(f"{name} {text!r} is not a number (write blank for a blank cell; digits only, "
                      "no exponent or separators)")
    value = Decimal(text)
    measure = spec.MEASURE_BY_CODE.get(column) if table == "fact_proactive_disclosure" else None
    if abs(value) >= MAX_VALUE:
        raise Problem(f"{name} {text!r} is out of range")
    if value < 0 and not (measure and measure.signed):
        raise Problem(f"{name} {text!r} is negative")
    if value != value.to_integral_value() and not (measure and measure.is_amount):
        raise Problem(f"{name} {text!r} is not a whole number")
    if value.as_tuple().exponent < -4:
        raise Problem(f"{name} {text!r} has more than 4 decimal places")
    return value


def _without_conflicts(decisions: list[Decision]) -> tuple[list[Decision], list[ProblemLine]]:
    """A cell or flag decided on more than one line is ambiguous: none of those lines applies,
    each is a problem naming the others."""
    places: dict[tuple, list[str]] = {}
    for d in decisions:
        places.setdefault(d.key(), []).append(d.place())
    kept, conflicts = [], []
    for d in decisions:
        where = places[d.key()]
        if len(where) == 1:
            kept.append(d)
        else:
            others = ", ".join(w for w in where if w != d.place())
            conflicts.append(ProblemLine(d.file, d.line, f"decided more than once (also {others}): none of them applies",
                                         None))
    return kept, conflicts
