"""Where in its file a cell was read: `ogi explain`. The parse keeps no positions (they would cost
every report bytes and time for the few cells an auditor asks about); the file is read again the
same way, and the tokens the cell's row was read from are found in the text the parser reads.
Outside pipeline/parsing, so that a change here is no new parser version (no re-parse).

That text is the file's own for plain text (line N is the file's line N) and, for HTML, DOCX and
PDF, the extracted text, where every table row is one line of TAB-separated cells (parsing/formats/grid.py): so a
location is a line, and in a table row the cell's place among the row's cells.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from .parsing import read_tables, spec
from .parsing.decode import decode, normalise
from .parsing.formats import to_text
from .parsing.tokens import Token, tokenize, value_positions

# warehouse fact table -> the parser's table and how a cell's row names its tokens
SECTIONS = {"fact_application": "applications", "fact_review_litigation": "review",
            "fact_proactive_disclosure": "proactive"}
CONTEXT = 40     # characters shown either side of a value on a long line (a crawler's one-line page.txt)


@dataclass(frozen=True)
class Location:
    line: int            # 1-based, in the text the parser reads (see the module's docstring)
    column: int          # 1-based character of the line where the value starts
    cell: int | None     # in a table row (a TAB-separated line): the cell's place among its cells
    read: str            # the value as written there ("33", "45.82万元"), or the glued run it was cut from
    exact: bool          # True: the cell is this token alone; False: cut from, or placed among, the row's values
    context: str         # the line, or a window of it around the value
    extracted: bool      # the file is HTML, DOCX or PDF: the line is one of its extracted text

    def describe(self) -> str:
        where = (f"table row, cell {self.cell}" if self.cell else f"line {self.line} of its text") if self.extracted \
            else f"line {self.line}" + (f", cell {self.cell}" if self.cell else f", character {self.column}")
        how = f"read {self.read}" if self.exact else f"cut from (or placed among) the row's values {self.read}"
        return f"{where}: {how}\n    | {self.context.replace(chr(9), ' | ')}"


def _cell_tokens(tables: dict, fact_table: str, row: str, column: str) -> tuple[list[Token], int, int] | None:
    """The tokens a cell's row was read from, the cell's place in that row, and the row's width."""
    table = tables.get(SECTIONS[fact_table])
    if table is None:
        return None
    if fact_table == "fact_review_litigation":
        results = [r.code for r in spec.RESULTS]
        procs = [p.code for p in spec.PROCEEDINGS]
        if row not in procs or column not in results:
            return None
        return table.tokens.get("row", []), procs.index(row) * len(results) + results.index(column), \
            len(procs) * len(results)
    cells = table.cells.get(row) if fact_table == "fact_application" else \
        next((items[row] for items in table.cells.values() if row in items), None)
    if not cells or column not in cells:
        return None
    return table.tokens.get(row, []), list(cells).index(column), len(cells)


class Positions:
    """A file read as the parser reads it, with where each value token stands in its text."""

    def __init__(self, raw: bytes) -> None:
        extracted = to_text(raw)
        text = decode(raw) if extracted is None else normalise(extracted)
        self.stream = tokenize(text)
        self.tables = read_tables(self.stream)[1]
        self.extracted = extracted is not None
        self.text, self.starts = value_positions(text)
        self.breaks = [i for i, ch in enumerate(self.text) if ch == "\n"]
        self.index = {id(t): i for i, t in enumerate(self.stream.tokens)}

    def locate(self, fact_table: str, row: str, column: str) -> Location | None:
        """Where the file states the cell (None: the parser read no such cell, or no value for it)."""
        found = _cell_tokens(self.tables, fact_table, row, column)
        if not found or not found[0]:
            return None
        tokens, index, width = found
        exact = len(tokens) == width        # read as written, one token a cell; else cut or placed (tables.py)
        chosen = [tokens[index]] if exact else tokens
        start = self.starts[self.index[id(chosen[0])]]
        line = bisect_right(self.breaks, start)
        line_start = self.breaks[line - 1] + 1 if line else 0
        whole = self.text[line_start:self.breaks[line] if line < len(self.breaks) else len(self.text)]
        column_at = start - line_start
        cell = whole[:column_at].count("\t") + 1 if "\t" in whole else None
        context = whole if len(whole) <= 2 * CONTEXT + 20 else \
            "…" + whole[max(0, column_at - CONTEXT):column_at + CONTEXT] + "…"
        return Location(line + 1, column_at + 1, cell, " ".join(t.raw + t.unit for t in chosen), exact,
                        context.strip(), self.extracted)


def locate(raw: bytes, fact_table: str, row: str, column: str) -> Location | None:
    """Where the file `raw` states the cell: Positions(raw).locate, for one cell."""
    return Positions(raw).locate(fact_table, row, column)
