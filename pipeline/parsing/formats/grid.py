"""A table grid -> one text line per row, in the form the tokenizer reads as a table row.

Every extractor that sees real table structure (HTML, DOCX, ruled PDF tables) gives a grid with
spans expanded: each position holds the text of the cell that starts there ("" when the cell is
empty) or None when a row- or column-span from another cell covers it. A row becomes its cells'
texts joined by TABs, covered positions left out, so a label written once for several rows (a
rowspan such as 三、本年度办理结果) is read once.

An empty cell is a blank, not a missing value: in a data cell it becomes the explicit blank
token "/" (NULL, never 0) so that the values after it keep their columns. Only data cells get the
marker. Labels stand left of the data in these tables, so the data columns are those from the
leftmost column that holds a number on (a column left blank in every row included). A row is a
data row when it has a number in them, or when, below the first such row, it has a label and only
blanks in them. Header rows (column titles above the data) and label cells stay as written.

Spans are checked before they are laid out (check_positions): a few bytes of markup can ask for a
cell over 10^8 columns.
"""
from __future__ import annotations

import functools
import re

from ..decode import normalise
from ..errors import ParseError
from ..tokens import BLANK_PIECES

Grid = list[list[str | None]]
Span = tuple[str, int, int]          # a cell as marked up: text, rowspan, colspan
BLANK = "/"
_NUMBER = re.compile(r"[+-]?\d[\d,]*(?:\.\d+)?")
# Grid positions a table may lay out. Real tables' spans cover ~1.5 positions per marked-up cell
# (a label merged over a few rows, a heading across a dozen columns; the most in the samples is
# 280 positions for 215 cells); a span bomb covers millions with a handful of cells. SPAN_FACTOR
# positions per cell, and MIN_POSITIONS for any table (a one-cell banner across many columns),
# keep the grid linear in the markup.
SPAN_FACTOR = 50
MIN_POSITIONS = 1_000


def join_lines(lines: list[str]) -> str:
    """A cell's lines as one text: a browser or Word wraps a cell's paragraphs, but the text is one
    label or one number, so Chinese, digits and punctuation run on; only two Latin words keep a space."""
    text = ""
    for line in lines:
        seam = text[-1:] + line[:1]
        text += (" " if len(seam) == 2 and seam.isascii() and seam.isalpha() else "") + line
    return text


@functools.lru_cache(maxsize=8192)
def _clean(cell: str | None) -> str | None:
    """NFKC, spaces collapsed, and a cell's lines (its paragraphs) joined as join_lines does. Cached:
    a form's tables repeat the same labels and figures (0, /), report after report."""
    if cell is None:
        return None
    return join_lines([line for line in (" ".join(x.split()) for x in normalise(cell).split("\n")) if line])


def _is_number(cell: str | None) -> bool:
    return bool(cell) and _NUMBER.fullmatch(cell) is not None


def _is_blank(cell: str | None) -> bool:
    return cell is not None and (cell == "" or cell in BLANK_PIECES)


def check_positions(positions: int, cells: int) -> None:
    """ParseError `too_complex` when `cells` marked-up cells lay out more than their share of positions."""
    limit = max(MIN_POSITIONS, SPAN_FACTOR * cells)
    if positions > limit:
        raise ParseError("too_complex", f"a table of {cells:,} cell(s) whose spans lay out {positions:,} grid "
                         f"positions, more than {limit:,} (at most {SPAN_FACTOR} a cell): not a report's table")


class MergedDown:
    """What a cell merged into the one above it holds in a format that marks merges cell by cell
    (DOCX vMerge, the .doc row properties), as expand() lays out a rowspan: "" (a blank: NULL)
    below a value cell (a number or a blank), so the values after it keep their columns; None
    (covered) below a label, which is read once."""

    def __init__(self) -> None:
        self._values: set[int] = set()         # grid columns whose cell above is a value cell

    def origin(self, column: int, text: str) -> None:
        value = _clean(text)
        if _is_number(value) or _is_blank(value):
            self._values.add(column)
        else:
            self._values.discard(column)

    def below(self, column: int) -> str | None:
        return "" if column in self._values else None


def span_origins(rows: list[list[Span]]) -> list[tuple[int, int, Span]]:
    """(row, column, cell) for each cell, laid out as HTML does: a cell takes the first column not
    covered by a span from above; a rowspan stops at the last row."""
    covered: list[set[int]] = [set() for _ in rows]     # per row, the columns spans cover
    n_covered = 0
    placed: list[tuple[int, int, Span]] = []
    cells = sum(map(len, rows))
    for r, row in enumerate(rows):
        c = 0
        mine = covered[r]
        for cell in row:
            while c in mine:
                c += 1
            rowspan, colspan = min(cell[1], len(rows) - r), cell[2]
            check_positions(n_covered + rowspan * colspan, cells)
            if rowspan == colspan == 1:         # most cells: no later cell of the row looks left
                n_covered += 1
            else:
                for below in covered[r:r + rowspan]:
                    n_covered -= len(below)
                    below.update(range(c, c + colspan))
                    n_covered += len(below)
            placed.append((r, c, cell))
            c += colspan
    return placed


def expand(rows: list[list[Span]]) -> Grid:
    """The grid of marked-up rows. A value cell (a number or a blank) merged down over several rows
    holds the value of its first row; the rows below have no value of their own there, so they get
    an empty cell (a blank: NULL), not a covered one. A label merged down is written once."""
    placed = span_origins(rows)
    width = max((c + cell[2] for _, c, cell in placed), default=0)
    check_positions(len(rows) * width, len(placed))
    grid: Grid = [[None] * width for _ in rows]
    for r, c, (text, rowspan, _) in placed:
        grid[r][c] = text
        if rowspan > 1 and (_is_number(value := _clean(text)) or _is_blank(value)):
            for below in grid[r + 1:r + rowspan]:
                below[c] = ""
    return grid


def _unpadded(rows: Grid, first: int) -> Grid:
    """The rows less the empty cells a word processor pads a ragged table with. Writer's tables are
    rectangular: a table cut from a larger one (its first label column left behind at a page break)
    has rows whose label spans one column fewer than a total row's (`四、结转下年度继续办理` across
    three), and Writer gives each of them an empty cell at its end, which read as one blank value
    too many. A row with k cells before the widest label ends, and whose last k cells are empty,
    has those k cells dropped. Cells, not grid columns: a .doc lays both tables on one grid, on the
    columns of all their cell edges, where a cell may span several."""
    starts = [next((j for j in range(first, len(row)) if row[j] is not None), len(row)) for row in rows]
    numbered = [s for row, s in zip(rows, starts) if any(_is_number(c) for c in row[s:])]
    widest = max(numbered, default=first)
    out: Grid = []
    for row, start in zip(rows, starts):
        cells = [j for j in range(start, len(row)) if row[j] is not None]
        pad = sum(j < widest for j in cells)
        if 0 < pad < len(cells) and all(row[j] == "" for j in cells[-pad:]):
            row = row[:cells[-pad]]
        out.append(row)
    return out


def grid_lines(grid: Grid) -> list[str]:
    """One line per grid row ("" for a row with no text), cells TAB-separated."""
    rows = [[_clean(c) for c in row] for row in grid]
    first = min((j for row in rows for j, c in enumerate(row) if _is_number(c)), default=None)
    if first is not None:
        rows = _unpadded(rows, first)
    value_cols = set() if first is None else set(range(first, max(map(len, rows))))
    below_values = False
    lines: list[str] = []
    for row in rows:
        values = [c for j, c in enumerate(row) if j in value_cols]
        has_number = any(_is_number(c) for c in values)
        labelled = any(c for j, c in enumerate(row) if j not in value_cols)
        cells_there = [c for c in values if c is not None]      # a ragged row ends early
        blank_row = below_values and labelled and bool(cells_there) and all(map(_is_blank, cells_there))
        below_values = below_values or has_number
        data = has_number or blank_row
        cells = [BLANK if data and c == "" and j in value_cols else c for j, c in enumerate(row)]
        lines.append("\t".join(c for c in cells if c))
    return lines
