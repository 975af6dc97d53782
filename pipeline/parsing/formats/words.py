"""Positioned words -> lines, table rows in the form the tokenizer reads (grid.py's TAB rows).

Any reader that knows where its words sit on the page feeds this step: OCR boxes, PDF glyph
words, fixed-width text (a character's column is its x). Text order is not trusted: a browser's
or a scanner's page puts a blank cell nowhere and a wrapped label on three lines, so a row is
read from geometry instead:

- words whose y ranges overlap form a line (word_lines.py); a line holding a standalone value (a
  number, or a blank mark such as "/") is a data line, and data lines close together form a table;
- the table's value columns (word_columns.py) are the x ranges of its values, merged where they
  overlap, plus the header cells above its first data line that stand over no value (a column
  blank in every row), or, in a ruled table, the cells between its vertical rules;
- a value is placed in the column its x range overlaps most; a column with nothing there is a
  blank ("/", NULL), never filled by shifting the next value left;
- a row is a y-band: the label lines without values around a data line join the nearest data line
  (or the one inside the same ruled band, where horizontal rulings are given), so a label wrapped
  over several lines is one label;
- a table whose page ends and whose next page starts with data in the same columns continues
  (its columns, header and all, carry over the page break).

Rulings are optional: given, they decide the bands; absent, the distance does. A table printed
without rules (``borderless``: a web page whose borders a browser's print dropped) has its label
cells told apart by their numbers instead (_label_cells): a label cell starts at an item's or a
group's number and holds the words wrapped under it, and joins the row whose values lie within it
(centred on them), else the nearest. A caller that
knows a row runs past the paper's edge (a clipped PDF: past_edge) has the row say so, on that side
of its cells (tokens.beside_edges): the cells its text lacks are there, not between its values. Words a caller
doubts (OCR read them with low confidence) are placed as blanks and returned with their cell's
row and column, so the caller can say which cell it left NULL and why.

Fixed-width text (``pdftotext -layout``) has x positions that hold only within a line and within a
block of lines: the converter shifts each block's columns by the width of the labels left of them
(one table's values at columns 44-73, then 62-90), squeezes a header into fewer columns than its
values take, and puts a row's first value beside its label's first line. Read with
``drifting=True``, a row's values are its cells in their written order (none placed as blank: the
solver and the identities decide a short row), and the header's columns are the header's own:
its words grouped by their x ranges, so 自然 / 人 over one column still reads 自然人.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from statistics import median

from ..tokens import beside_edges
from .grid import BLANK
from .word_columns import drifting_columns, header_word_columns, rule_tolerance, ruled_cells, spanned, value_columns
from .word_lines import Cells, Line, Rule, Word, is_value, merge_ranges, overlap, page_lines

TABLE_GAP = 6.0         # line heights between data lines of one table (a tall ruled row is ~4)
TOUCH = 0.3             # a label line nearer than this share of a height above a table's first values is their row's
HEADER_LINES = 4        # lines above a table's first data line searched for column headers
BLOCK_ROWS = 8          # rows a drifting table's interleaved block of values spans at most
DRIFTING_HEADER_LINES = 6   # in fixed-width text, whose header cells wrap one character a line (信 / 息)
# Drifting text has no x to tell a header from the prose above it: a line with a number (2024年,
# 139条) or a sentence's stop is prose, and ends the header.
_PROSE = re.compile(r"\d|。")


@dataclass(frozen=True)
class Doubt:
    """A value the caller doubted: placed as a blank. row: the row's label text; column: its index
    among the table's value columns, and the header text above it ("" if none)."""
    word: Word
    row: str
    column: int
    header: str


@dataclass
class Reading:
    lines: list[str]
    doubts: list[Doubt] = field(default_factory=list)
    tables: int = 0


@dataclass
class _Table:
    lines: list[Line]          # header lines, then data and label lines, in order
    data: list[int]             # indexes into lines of the data lines
    columns: list[tuple[float, float]]
    headers: list[str]
    cells: Cells = field(default_factory=dict)      # a ruled table's columns, per data line (ruled_cells)

    @property
    def last_columns(self) -> list[tuple[float, float]]:
        """The columns its last row is read by: a table that goes on over a page goes on in them."""
        return self.cells.get(id(self.lines[self.data[-1]]), self.columns) if self.data else self.columns


def _tables(lines: list[Line], borderless: bool = False) -> list[tuple[int, int]]:
    """(first, last) data-line indexes of each table. Two data lines are of one table when only
    label lines lie between them (lines that end where their values start, give or take a
    character: a wrapped or spanning label) and they
    are no more than TABLE_GAP line heights apart (borderless: no two lines from one to the other,
    a tall row's label wrapped around its values); a line reaching over the values (prose, a
    heading, the next table's header) ends the table."""
    height = median([line.y1 - line.y0 for line in lines]) if lines else 0
    spans: list[tuple[int, int]] = []
    for i, line in enumerate(lines):
        if not (values := line.values()):
            continue
        if spans:
            last = spans[-1][1]
            left = min(w.x0 for w in (*lines[last].values(), *values))
            labels_only = all(w.x1 <= left + (w.y1 - w.y0) for between in lines[last + 1:i] for w in between.words)
            gap = max(b.y0 - a.y1 for a, b in zip(lines[last:i], lines[last + 1:i + 1])) if borderless \
                else line.y0 - lines[last].y1
            if labels_only and gap <= TABLE_GAP * height:
                spans[-1] = (spans[-1][0], i)
                continue
        spans.append((i, i))
    return spans


# A label cell's first word in a table printed without rules: an item's or a group's number, or the
# bracket that opens one (a narrow cell wraps （六）其他处理 as （ / 六 / ）其他处理)
_STARTS_CELL = re.compile(r"[一二三四五六七八九十]+、|[（(]|\d{1,2}[.、]")
_STARTS_ITEM = re.compile(r"\d{1,2}[.、]")
_TOTAL = re.compile(r"[（(][一二三四五六七八九十]+[）)]?总计")     # a group of no items: its label whole
_LONE_NUMBER = re.compile(r"[1-9]\d?")
WIDE = 5                # values in a borderless table's widest row that make it read as a table (_read)
NEAR_STOP = 3           # lines from an item's number, wrapped apart, down to its stop


def _label_cells(table: _Table) -> dict[int, tuple[int, float]]:
    """A borderless table's label words: id -> (the data line whose row they label, the x where their
    label cell starts). A cell starts at a word that starts a label (_STARTS_CELL); any other word
    goes on the cell of the nearest word above it that it stands under (their x ranges overlap: a
    label wrapped in its cell, left-aligned or centred), or else starts one of its own. A cell joins
    the data line whose values lie in its height nearest its middle (a label centred on its row's
    values, wrapped above and below them), else the nearest one; but a cell that starts an item (2.)
    and holds no data line in its height, between two data lines each labelled by a cell that starts
    in its height, is a row of its own, keyed by its first line (a row printed blank, 2.申请人逾期未按
    收费…: joined to the nearest, its label took the row above's values, as _band's ruled rows)."""
    values = {id(w) for d in table.data for w in table.lines[d].values()}
    label = sorted((w for line in table.lines for w in line.words if id(w) not in values), key=lambda w: (w.mid_y, w.x0))
    cells: list[list[Word]] = []
    cell_of: dict[int, int] = {}
    for k, w in enumerate(label):
        above = None if _STARTS_CELL.match(w.text) else max(
            (u for u in label[:k] if u.y1 <= w.mid_y and overlap((u.x0, u.x1), (w.x0, w.x1)) > 0),
            key=lambda u: u.mid_y, default=None)
        if above is None:
            cells.append([])
        cell_of[id(w)] = len(cells) - 1 if above is None else cell_of[id(above)]
        cells[cell_of[id(w)]].append(w)
    mids = {d: table.lines[d].mid_y for d in table.data}
    line_of = {id(w): k for k, line in enumerate(table.lines) for w in line.words}
    labelled = {d for d in table.data for cell in cells if _STARTS_CELL.match(cell[0].text)
                and table.lines[d].y0 <= cell[0].mid_y <= table.lines[d].y1}
    out: dict[int, tuple[int, float]] = {}
    for cell in cells:
        y0, y1 = min(w.y0 for w in cell), max(w.y1 for w in cell)
        inside = [d for d, y in mids.items() if y0 <= y <= y1]
        above = max((d for d, y in mids.items() if y < y0), key=mids.get, default=None)
        below = min((d for d, y in mids.items() if y > y1), key=mids.get, default=None)
        if not inside and _STARTS_ITEM.match(cell[0].text) and {above, below} <= labelled:
            row = line_of[id(cell[0])]
        else:
            row = min(inside or list(mids), key=lambda d: abs(mids[d] - (y0 + y1) / 2))
        out |= {id(w): (row, min(w.x0 for w in cell)) for w in cell}
    return out


def _wrapped_below(lines: list[Line], first: int, last: int, left: float) -> int:
    """A borderless table's last line: its last data line, or the last of the label lines wrapped
    under it (四、 / 结转下年度继续办理 below its values): lines left of the values, each at most a
    line's height below the one before, that start no label and stand under a label word above."""
    above = [w for line in lines[first:last + 1] for w in line.words if w.x1 <= left]
    while last + 1 < len(lines) and not lines[last + 1].values():
        line = lines[last + 1]
        if line.y0 - lines[last].y1 > line.y1 - line.y0 or _STARTS_CELL.match(line.words[0].text) \
                or not all(w.x1 <= left and any(overlap((u.x0, u.x1), (w.x0, w.x1)) > 0 for u in above)
                           for w in line.words):
            break
        above += line.words
        last += 1
    return last


def _glued(line: Line, columns: list[tuple[float, float]] | None = None) -> bool:
    """A borderless table's data line whose cells' values ran together where the cells have no
    padding: one value only (4000004), or, given the columns, a value over two of them (14|0 as
    140). Such a row is written as text, where the tables' reader cuts a run as the row's width and
    total say, or leaves the row NULL; it gives no columns."""
    values = line.values()
    return len(values) == 1 or columns is not None and any(
        sum(overlap((w.x0, w.x1), column) > 0 for column in columns) > 1 for w in values)


def _numbers_rejoined(lines: list[Line]) -> list[Line]:
    """The lines with an item's number that a narrow label cell wrapped apart from its stop put back
    before it (2 / .其他法律…, 3 / 他处理 / . 0 0 0): alone on its line, the number would read as a
    row of one value. The stop is a word starting with . or 、 up to NEAR_STOP lines below, at the
    number's x."""
    out: list[Line | None] = list(lines)
    for k, line in enumerate(lines):
        if len(line.words) != 1 or not _LONE_NUMBER.fullmatch(line.words[0].text):
            continue
        number = line.words[0]
        for j in range(k + 1, min(len(out), k + 1 + NEAR_STOP)):
            below = out[j]
            stop = below and next((w for w in below.words if w.text[:1] in ".、"
                                   and abs(w.x0 - number.x0) <= number.y1 - number.y0), None)
            if stop:
                out[j] = Line([w._replace(text=number.text + w.text, x0=number.x0) if w is stop else w
                                for w in below.words])
                out[k] = None
                break
    return [line for line in out if line is not None]


def _band(i: int, lines: list[Line], data: list[int], rulings: list[float], ruled: bool = False) -> int:
    """The row a label line joins: the data line in the same ruled band, else the nearest; but in a
    ruled table (its columns' rules found: the bands are its rows), a label line between its data
    lines in a band that holds none is a row of its own (a row printed blank, 2.申请人逾期未按收费…
    under a row of values: joined to the nearest, its label took the row above's values), the
    first of the band's lines."""
    mid = lines[i].mid_y
    if rulings:
        def band(y: float) -> int:
            return bisect(rulings, y)
        same = [d for d in data if band(lines[d].mid_y) == band(mid)]
        if same:
            return same[0]
        if ruled and data[0] < i < data[-1]:
            return next(j for j in range(data[0] + 1, i + 1) if band(lines[j].mid_y) == band(mid))
    return min(data, key=lambda d: abs(lines[d].mid_y - mid))


_STARTS_LABEL = re.compile(r"(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.、])(?=\S)")


def _joins_in_order(table: _Table) -> dict[int, int]:
    """The data line each label line joins, for drifting text whose lines keep the page's order but
    not its distances (a converter's blank lines): the lines between two data lines join the next
    from the first that starts an item (2.没有现…), or else from the last that starts a label (一、,
    （二）: a group's label stands beside the wrapped tail of the item above, （五）不 版物); a bare
    enumerator starts none (centred in its cell, the label's text around it). The lines above it,
    or all of them when the next data line's own label starts so (its values beside its label's
    first line, the row before wrapped below its own) but from a group's number alone on its line
    (（三 / … / ）不予公开: the next group's), end the label of the data line before.
    Lines above the first data line join it, lines below the last join the last."""
    joins: dict[int, int] = {}
    previous: int | None = None
    for d in table.data:
        between = range(0 if previous is None else previous + 1, d)
        starts = [i for i in between if _STARTS_LABEL.match(table.lines[i].words[0].text)]
        items = [i for i in starts if _ITEM.match(table.lines[i].words[0].text)]
        own = [w for w in table.lines[d].words if not is_value(w.text)]
        if previous is None:
            split = between.start
        elif own and _STARTS_LABEL.match(own[0].text) and not (items and not _ITEM.match(own[-1].text)):
            split = next((i for i in between if _GROUP_HEAD.fullmatch(table.lines[i].words[0].text)), d)
        elif items or starts:
            split = items[0] if items else starts[-1]
        elif len(table.lines[previous].words) == len(table.lines[previous].values()):
            split = _centred_split(table.lines, joins, previous, d, bool(own))
        else:
            split = between.start
        if previous is not None:
            split = min(split, _numbered_from(table.lines, between))
        joins |= {i: (previous if i < split else d) for i in between}
        previous = d
    return joins | {i: table.data[-1] for i in range(table.data[-1] + 1, len(table.lines))}


def _numbered_from(lines: list[Line], between: range) -> int:
    """Where the label of a bare item number (2.) between two data lines starts: at the number, or
    on the line above it where that line's text stands over the number (其他法律行政 / 2. /
    法规禁 …: pdftotext sets the number, in a Latin font, below its label's first line). The
    next data line's label starts there at the latest."""
    for i in between:
        number = lines[i].words[0]
        if _BARE_ENUMERATOR.fullmatch(number.text):
            above = lines[i - 1].words[0] if i - 1 in between else None
            return i - 1 if above is not None and overlap((above.x0, above.x1), (number.x0, number.x1)) > 0 else i
    return between.stop


def _centred_split(lines: list[Line], joins: dict[int, int], previous: int, d: int, own: bool) -> int:
    """Where the label lines between two data lines that start no label part: a label centred on
    its values ends as many lines below them as it starts above, and on no line nearer the next
    row's values (a tie goes to the next row unless its values have label text beside them), nor
    past an item's number (the next label's start). Values with no label beside or above them have
    it below, up to the lines nearer the next row's values (their label's first line lay past the
    paper's edge: 二、上年结转政 / 府信息公开申请数量 cut at the left, Writer's clipped page).
    Lines count as written, blank ones aside."""
    top = min([i for i, j in joins.items() if j == previous], default=previous)
    below_only = top == previous
    for i in range(previous + 1, d):
        below, above = i - previous, d - i
        if _BARE_ENUMERATOR.fullmatch(lines[i].words[0].text) or below > previous - top and not below_only \
                or below > above or below == above and not own and not below_only:
            return i
    return d


def _tail(lines: list[Line], first: int, last: int) -> int:
    """The table's last line: its last data line or, where that holds values only, the last line of
    its label centred on them (_centred_split): lines left of the values that start no label, as
    many below them as the label's lines above reach."""
    if len(lines[last].words) > len(lines[last].values()):
        return last
    data = [i for i in range(first, last + 1) if lines[i].values()]
    previous = data[-2] if len(data) > 1 else first - 1
    reach = sum(last - i < i - previous for i in range(previous + 1, last))
    left = min(w.x0 for w in lines[last].values())
    end = last
    while end + 1 < len(lines) and end + 1 - last <= reach and not lines[end + 1].values() \
            and all(w.x1 <= left for w in lines[end + 1].words) \
            and not _STARTS_LABEL.match(lines[end + 1].words[0].text) and not _PROSE.search(lines[end + 1].text()):
        end += 1
    return end


# Whether a row runs past the paper's left and right edge, asked of its first word and last value
Edges = Callable[[Word, Word], tuple[bool, bool]]


def _row_lines(table: _Table, rulings: list[float], verticals: list[Rule], doubted: Callable[[Word], bool],
               doubts: list[Doubt], past_edge: Edges | None = None, borderless: bool = False) -> list[str]:
    """One TAB line per data line: its label (with the label lines that join it), then a cell per
    column; marked on the side where a row runs past the paper's edge (tokens.beside_edges). In a
    ruled table the label's words are read a label cell at a time, left to right (a group's label
    wrapped in its cell, （三）不予公 / 开, beside its item's, 1.属于国 / 家秘密), and so are a borderless
    table's (_label_cells); a borderless table's row whose values ran together is written as text (_glued)."""
    table = _unglued(table)
    labels: dict[int, list[Word]] = {d: [] for d in table.data}      # in line order, each line left to right
    cells_of = _label_cells(table) if borderless else {}
    for i, line in enumerate(table.lines):
        if borderless:
            values = set(map(id, line.values())) if i in labels else set()
            for w in line.words:
                if id(w) not in values:
                    labels.setdefault(cells_of[id(w)][0], []).append(w)
        elif i in labels:
            values = set(map(id, _placed(line, table.cells)))
            labels[i] += [w for w in line.words if id(w) not in values]
        else:
            labels.setdefault(_band(i, table.lines, table.data, rulings, bool(table.cells)), []).extend(line.words)
    out: list[str] = []
    columns = table.columns
    for d in sorted(labels):
        columns = table.cells.get(id(table.lines[d]), columns)
        if table.cells:
            cuts = [x for x, y0, y1 in verticals if y0 <= table.lines[d].mid_y <= y1]
            labels[d].sort(key=lambda w: sum(x <= (w.x0 + w.x1) / 2 for x in cuts))
        elif borderless:
            labels[d].sort(key=lambda w: (cells_of[id(w)][1], w.mid_y, w.x0))
        label = _with_stops([w.text for w in labels[d]]) if table.cells else "".join(w.text for w in labels[d])
        if borderless and _glued(table.lines[d], columns):
            out.append(" ".join([label, *(w.text for w in table.lines[d].values())]))
            continue
        read: dict[int, list[str | None]] = {}
        for w in _placed(table.lines[d], table.cells):
            pieces = _pieces(w, columns, bool(table.cells))
            if doubted(w):
                doubts.append(Doubt(w, label, pieces[0][0], table.headers[pieces[0][0]]))
                continue
            for col, text in pieces:
                read.setdefault(col, []).append(text)
        cells = [BLANK] * len(columns)
        for col, texts in read.items():     # two values in one cell, or a run not cut: the cell cannot be read
            if len(texts) == 1 and texts[0] is not None:
                cells[col] = texts[0]
        values = table.lines[d].values()
        left, right = past_edge(table.lines[d].words[0], values[-1]) if past_edge and values else (False, False)
        out.append(beside_edges(([label] if label else []) + cells, left, right))
    return out


_GLUED = re.compile(r"(.*[^\d.,+-])(\d+)")        # a label, and the digits OCR boxed with it


def _unglued(table: _Table) -> _Table:
    """The table with each data line's label word that ends in a value cut in two: OCR boxed a
    label and the value beside it as one word (行政规范性文件2 | 4 | 33, the 2 in the first value
    column). Cut where the digits, the box shared among its characters by their width (a CJK
    character twice a digit's), stand in a value column the line holds no value in, and the
    label's part in none (but by as much as the digits' width: the estimate's error)."""
    lines = list(table.lines)
    cells = dict(table.cells)
    for d in table.data:
        line = lines[d]
        columns = table.cells.get(id(line), table.columns)
        values = _placed(line, table.cells)
        before = [w for w in line.words if w.x1 <= min(v.x0 for v in values)] if values else []
        glued = _GLUED.fullmatch(before[-1].text) if before else None
        if glued is None or not columns:
            continue
        w = before[-1]
        widths = [2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in w.text]
        cut = w.x1 - (w.x1 - w.x0) * sum(widths[len(glued[1]):]) / sum(widths)
        digits = (cut, w.x1)
        held = {max(range(len(columns)), key=lambda c: overlap((v.x0, v.x1), columns[c])) for v in values}
        c = max(range(len(columns)), key=lambda c: overlap(digits, columns[c]))
        if c in held or overlap(digits, columns[c]) < (w.x1 - cut) / 2 \
                or any(overlap((w.x0, cut), column) > w.x1 - cut for column in columns):
            continue
        split = Line([*line.words[:line.words.index(w)], w._replace(text=glued[1], x1=cut),
                       w._replace(text=glued[2], x0=cut), *line.words[line.words.index(w) + 1:]])
        lines[d] = split
        if id(line) in cells:
            cells[id(split)] = cells.pop(id(line))
    return table if lines == table.lines else _Table(lines, table.data, table.columns, table.headers, cells)


def _pieces(w: Word, columns: list[tuple[float, float]], ruled: bool) -> list[tuple[int, str | None]]:
    """The cells a value fills: the column its box overlaps most. In a ruled table, a run of digits
    over several cells (one box for 0|0 set either side of a rule, half a line apart) is a digit a
    cell where its characters, the box divided evenly among them (a digit's width), each stand in
    the next of them; else it fills them all with no reading (None): nothing is guessed."""
    if ruled:
        over = spanned(w, columns)
        if len(over) > 1:
            step = (w.x1 - w.x0) / len(w.text)
            middles = [w.x0 + (i + 0.5) * step for i in range(len(w.text))]
            if w.text.isdigit() and len(w.text) == len(over) \
                    and all(columns[k][0] <= m < columns[k][1] for k, m in zip(over, middles)):
                return list(zip(over, w.text))
            return [(k, None) for k in over]
    return [(max(range(len(columns)), key=lambda c: overlap((w.x0, w.x1), columns[c])), w.text)]


def _rows_in_order(table: _Table) -> list[str]:
    """_row_lines for drifting text: a row's values as written. A row's values split over two lines
    (the first beside its label's first line: 不再 0 / 处理其… 0 0 0 0 0 0) are one row. A row with fewer values than the table's widest keeps its label
    but not its values: its blank cells left no trace, and two cells the converter set close may
    have run together (21 and 0 as 210), so no placement is sure (the reader leaves it NULL and
    flags it); but for a row as short as a labelled row beside it: a clause of fewer columns
    (section 二's). A row whose label holds two items' numbers (1.2.本机关不掌握…没有现成…: the
    converter set two rows' labels on the lines around one row's values) is written as its values
    on a line before its label: whose they are no order tells, so they join the row above, which
    the tables' reader then knows for two rows' worth beside a row without values (tables.py reads
    such values only in the form's row order, where the identities hold). A stack of values written
    a column at a time is its rows (_unstacked); short rows interleaved, all one value, are written
    as one line (_same_block). (layout.py cuts a run such as 210 where the row's total says how.)"""
    table = _unstacked(table)
    joins = _joins_in_order(table)
    rows = _split_rows(table)
    counts = [sum(len(table.lines[d].values()) for d in row) for row in rows]
    row_of = {d: k for k, row in enumerate(rows) for d in row}
    labels: list[list[Word]] = [[] for _ in rows]
    unvalued = _unvalued_items(table)
    apart = {i for lines in unvalued.values() for i in lines}
    for i, line in enumerate(table.lines):
        if i in apart:
            continue
        kept = set(map(id, line.values())) if i in row_of else set()
        labels[row_of[joins.get(i, i)]] += [w for w in line.words if id(w) not in kept]
    out: list[str] = []
    widest = max(counts)
    values = [[w.text for d in row for w in table.lines[d].values()] for row in rows]
    block = range(0)
    for k, label in enumerate(labels):
        beside = [counts[j] for j in (k - 1, k + 1) if 0 <= j < len(rows) and len(labels[j]) > 0]
        short = counts[k] < widest and counts[k] not in beside
        if short and k not in block:
            block = _same_block(values, k, widest)
        own = not short and k not in block
        if not own:     # its values are not written with it: nor is a value glued to its label (”10 for ” 1 0)
            glued = {id(w) for d in rows[k] for w in table.lines[d].words}
            label = [w._replace(text=m[1]) if id(w) in glued and (m := _GLUED.fullmatch(w.text)) else w
                     for w in label]
        if rows[k][0] in unvalued:       # rows printed without values: their labels, no cells
            out.append("".join(w.text for i in unvalued[rows[k][0]] for w in table.lines[i].words))
        text = "".join(w.text for w in _enumerators_first(_groups_first(label)))
        cells = [v for j in block for v in values[j]] if block and k == block.start else \
            values[k] if own else []
        if len(_ITEM.findall(text)) > 1:        # two items' labels: the values first, the labels without their numbers
            out += ["\t".join(["", *cells]), _ITEM.sub("", text)]
        else:
            out.append("\t".join([text, *cells]))
    return out


def _unvalued_items(table: _Table) -> dict[int, range]:
    """The label lines of items printed without values, by the total's data line below them
    (2.申请人逾期未按收费… / 3.其他 above （七）总计 1 0 0 0 0 0 1): the total's label is whole on
    its own line and a group of no items, so the items' labels above it are none of its; joined
    to the row above, its label would hold three items' numbers and its values would be read as no
    row's. From the first line that starts an item (or the line over a bare item number) on."""
    out: dict[int, range] = {}
    previous = None
    for d in table.data:
        own = [w for w in table.lines[d].words if not is_value(w.text)]
        if previous is not None and own and _TOTAL.fullmatch(own[0].text):
            between = range(previous + 1, d)
            items = [i for i in between if _ITEM.match(table.lines[i].words[0].text)]
            start = min(items[0] if items else d, _numbered_from(table.lines, between))
            if start < d:
                out[d] = range(start, d)
        previous = d
    return out


def _same_block(values: list[list[str]], k: int, widest: int) -> range:
    """The rows from row k on whose values together make whole rows (a multiple of `widest`) and are
    all one value (0 0 0 …): rows drawn side by side (3.4.危及… / 保护第三方…) that pdftotext
    interleaved, a row's values partly beside another's label. Whose value is which no order
    tells, but all being one, each row's are the same: written as one line, they are read only in
    the form's row order, where the identities hold (tables.py). An empty range if none."""
    total = 0
    for j in range(k, min(len(values), k + BLOCK_ROWS)):
        total += len(values[j])
        if total % widest == 0:
            run = [v for row in values[k:j + 1] for v in row]
            return range(k, j + 1) if j > k and len(set(run)) == 1 else range(0)
    return range(0)


def _unstacked(table: _Table) -> _Table:
    """The table with each stack of values its rows: a run of lines holding values only, each fewer
    than the widest row's, is several rows written a column at a time (pdftotext writes the cells
    of rows drawn together one per line, the column's cells one below the other: 0 / 0 / 0 / 0 … 0 0
    / 0 0). The run may start on a label's line that holds its first value (3.补正后… 0). Taken so
    where the run's values fall in exactly as many columns as the widest row has values, each
    holding as many values, one per line (one per row, top to bottom); else the run stays."""
    widest = max(len(table.lines[d].values()) for d in table.data)
    lines: list[Line] = []
    run: list[Line] = []
    for line in [*table.lines, None]:
        short = line is not None and 0 < len(line.values()) < widest
        if short and run and len(line.values()) == len(line.words):
            run.append(line)
            continue
        lines += _rows_of_stack(run, widest)
        run = [line] if short else []
        if line is not None and not short:
            lines.append(line)
    if [id(line) for line in lines] == [id(line) for line in table.lines]:
        return table
    return _Table(lines, [i for i, line in enumerate(lines) if line.values()], table.columns, table.headers)


def _rows_of_stack(run: list[Line], widest: int) -> list[Line]:
    """The run's rows and, first, the label its first line holds; the run as it is if no stack.
    A column's cells drift a character from line to line (0 at 28, then 29): one column holds
    values whose x ranges touch or overlap, no two of one line."""
    values = [w for line in run for w in line.values()]
    if len(run) < 2 or len(values) % widest:
        return run
    columns: list[list[Word]] = []
    for w in sorted(values, key=lambda w: (w.x0, w.y0)):
        if columns and overlap((w.x0, w.x1), (columns[-1][-1].x0, columns[-1][-1].x1)) >= 0 \
                and all(v.y0 != w.y0 for v in columns[-1]):
            columns[-1].append(w)
        else:
            columns.append([w])
    rows = len(values) // widest
    if len(columns) != widest or any(len(c) != rows for c in columns):
        return run
    kept = set(map(id, values))
    label = [w for w in run[0].words if id(w) not in kept]
    columns = [sorted(c, key=lambda w: w.y0) for c in columns]
    return ([Line(label)] if label else []) + [Line([c[r] for c in columns]) for r in range(rows)]


def _split_rows(table: _Table) -> list[list[int]]:
    """The data lines of each row: one, or two where a line with label text and too few values is
    followed by one that starts no label and holds the rest (as many together as the widest row)."""
    counts = [len(table.lines[d].values()) for d in table.data]
    widest = max(counts)
    rows: list[list[int]] = []
    k = 0
    while k < len(table.data):
        d = table.data[k]
        if k + 1 < len(table.data) and counts[k] + counts[k + 1] == widest \
                and _continues_row(table, d, table.data[k + 1]):
            rows.append([d, table.data[k + 1]])
            k += 2
        else:
            rows.append([d])
            k += 1
    return rows


def _continues_row(table: _Table, first: int, second: int) -> bool:
    own = [w for w in table.lines[second].words if not is_value(w.text)]
    return len(table.lines[first].words) > len(table.lines[first].values()) \
        and not (own and _STARTS_LABEL.match(own[0].text))


_BARE_ENUMERATOR = re.compile(r"\d{1,2}[.、]")
# a group's number alone on its line (its label wrapped below it, or its bracket's close)
_GROUP_HEAD = re.compile(r"[（(][一二三四五六七八九十]+[）)]?")
_ITEM = re.compile(r"(?<!\d)\d[.、](?!\d(?![.、]))")       # an item's number in a label: 1. 2、 (1.5 not)


def _with_stops(texts: list[str]) -> str:
    """A ruled table's label words joined, a digit alone among them written as its item's number
    with the stop OCR did not read (4 / 保护第三方…, the 4. set on a line of its own in the label
    cell): the label cell holds no value, and a bare digit glued to the label would read as one.
    A stop OCR read as a word of its own (2 / .重复申请) is kept as read."""
    return "".join(f"{t}." if len(t) == 1 and t in "123456789" and not nxt.startswith((".", "、")) else t
                   for t, nxt in zip(texts, texts[1:] + [""]))


def _groups_first(label: list[Word]) -> list[Word]:
    """A row's label words, those left of its innermost label (the rightmost word that starts one:
    （一）, 3.) first: a group's label in the column before its items' (（五）不 / 予处理) is read
    whole, not inside the item's wrapped label (3.要求提供公开出 / 版物), and so is a group's number
    alone on its line (（四） / 无法提供 between 1.本机关不 / 掌握相关 / 政府信息)."""
    starts = [w.x0 for w in label if _STARTS_LABEL.match(w.text) or _BARE_ENUMERATOR.fullmatch(w.text)
              or _GROUP_HEAD.fullmatch(w.text)]
    if len(starts) < 2:
        return label
    pivot = max(starts) - 2 * (label[0].y1 - label[0].y0)
    return [w for w in label if w.x0 < pivot] + [w for w in label if w.x0 >= pivot]


def _enumerators_first(label: list[Word]) -> list[Word]:
    """A row's label words with a bare enumerator (2.) before the first word of its column (starting
    up to four characters left of it: 属于四类过程性信息 / 6.): centred in its cell, it stands on the
    line below its label's first (没有现成… / 提供 2.), and at the label's end it would read as a value."""
    out = list(label)
    for e in [w for w in label if _BARE_ENUMERATOR.fullmatch(w.text)]:
        text = next((w for w in out if w is not e and w.x0 >= e.x0 - 4 * (e.y1 - e.y0)
                     and not _BARE_ENUMERATOR.fullmatch(w.text)), None)
        if text is not None and out.index(text) < out.index(e):
            out.remove(e)
            out.insert(out.index(text), e)
    return out


def _placed(line: Line, cells: Cells) -> list[Word]:
    """The line's values; of a ruled table's data line (its cells given), those in its columns: one
    left of them (a label's number alone on its line in a label cell, 2 / .重复申请) is label text."""
    ruled = cells.get(id(line))
    return [w for w in line.values() if (w.x0 + w.x1) / 2 >= ruled[0][0]] if ruled else line.values()


def read(words: list[Word], rulings: dict[int, list[float]] | None = None,
         doubted: Callable[[Word], bool] = lambda w: False, drifting: bool = False,
         verticals: dict[int, list[Rule]] | None = None, past_edge: Edges | None = None,
         borderless: bool = False) -> Reading:
    """The words of all pages as text lines: prose as lines, tables as TAB rows with a cell per
    column. rulings: per page, the y of horizontal rules (optional). doubted: values to leave blank.
    drifting: x positions hold only within a line and a header (fixed-width text, see above).
    verticals: per page, the vertical rules (x, y0, y1), optional: a ruled table's columns.
    past_edge: whether a row runs past the paper's left and right edge (see above). borderless: the
    tables were printed without rules (see above)."""
    pages = {page: page_lines([w for w in words if w.page == page],
                          sorted((rulings or {}).get(page, [])) if (verticals or {}).get(page) else [])
             for page in sorted({w.page for w in words})}
    if verticals:
        _rejoin_cut_rows(pages, rulings or {}, verticals)
        _rejoin_cut_headers(pages, verticals)
    if borderless:
        pages = {page: _numbers_rejoined(lines) for page, lines in pages.items()}
    return _read(pages, rulings, doubted, drifting, verticals or {}, past_edge, borderless)


def _rejoin_cut_rows(pages: dict[int, list[Line]], rulings: dict[int, list[float]],
                     verticals: dict[int, list[Rule]]) -> None:
    """A ruled row cut by a page break (its label wrapped on, 3.危及“三安 / 全一稳定”): the label lines
    atop the next page, above its first horizontal rule and inside the table (crossed by its
    vertical rules), with no values before that rule, move to the foot of the page before, where
    _read keeps them with its last row."""
    for page in list(pages)[1:]:
        lines, before = pages[page], pages.get(page - 1)
        top = min(rulings.get(page) or [0.0])
        cut = 0
        while cut < len(lines) and not lines[cut].values() and lines[cut].y1 <= top \
                and sum(y0 <= lines[cut].mid_y <= y1 for _, y0, y1 in verticals.get(page, [])) >= 2:
            cut += 1
        if cut and cut < len(lines) and lines[cut].y0 >= top and before and verticals.get(page - 1):
            dy = before[-1].y1 - lines[0].y0
            pages[page - 1] = before + [Line([w._replace(y0=w.y0 + dy, y1=w.y1 + dy, page=page - 1)
                                               for w in line.words]) for line in lines[:cut]]
            pages[page] = lines[cut:]


def _rejoin_cut_headers(pages: dict[int, list[Line]], verticals: dict[int, list[Rule]]) -> None:
    """A ruled table's header cut by a page break (信息 / 内容, 本 / 年增/减): the lines at a page's
    foot after its last values that lie inside a table (crossed by three of its vertical rules or
    more: the frame's and a column's; a clause's title above the header is crossed by the frame's
    only) move atop the next page where its first lines, before any values, lie inside a table too:
    there they are one header with the rest. Lines right after values are the last row's label,
    wrapped on (行政处 / 罚), and stay."""
    def framed(line: Line, page: int) -> bool:
        return not line.values() and sum(y0 <= line.mid_y <= y1 for _, y0, y1 in verticals.get(page, [])) >= 3

    for page in list(pages)[1:]:
        lines, before = pages[page], pages.get(page - 1)
        if not before or not lines or not framed(lines[0], page):
            continue
        cut = len(before)
        while cut > 0 and framed(before[cut - 1], page - 1):
            cut -= 1
        if 0 < cut < len(before) and not before[cut - 1].values():     # not a row's label wrapped on
            pages[page] = _atop(before[cut:], lines) + lines
            pages[page - 1] = before[:cut]


def read_lines(lines: list[list[Word]]) -> Reading:
    """read(drifting=True) of one page whose lines are known: each a text line of fixed-width text,
    its words left to right (what _lines would find, without sorting a page's words)."""
    return _read({0: [Line(line) for line in lines if line]}, None, lambda w: False, True, {})


def _read(pages: dict[int, list[Line]], rulings: dict[int, list[float]] | None,
          doubted: Callable[[Word], bool], drifting: bool, verticals: dict[int, list[Rule]],
          past_edge: Edges | None = None, borderless: bool = False) -> Reading:
    reading = Reading([])
    previous: _Table | None = None      # the last table, while nothing but data follows it
    ended: list[Line] = []             # the lines after the last page's last table
    for page, lines in pages.items():
        if ended and lines and lines[0].values():
            lines = _atop(ended, lines) + lines
        else:
            reading.lines += [line.text() for line in ended]
        page_rulings = sorted((rulings or {}).get(page, []))
        done = 0
        for first, last in _tables(lines, borderless):
            if drifting:
                last = _tail(lines, first, last)
            top = _header_top(lines, done, first, HEADER_LINES, drifting)
            values = [w for line in lines[first:last + 1] for w in line.values()]
            if previous and top == 0 and _continues(previous, values, lines[top:first]):
                first = 0       # atop the page, no header: the lines above its first values are labels
                columns, headers = previous.last_columns, previous.headers
                data = [line for line in lines[:last + 1] if line.values()]
                cells = (ruled_cells(data, verticals.get(page, []), len(columns))
                         or {id(line): columns for line in data}) if previous.cells else {}
            else:
                first = _label_start(lines, top, first)
                data = [line for line in lines[first:last + 1] if line.values()]
                if borderless and max(len(line.values()) for line in data) < WIDE:
                    reading.lines += [line.text() for line in lines[done:last + 1]]
                    previous, done = None, last + 1
                    continue
                cells = {} if drifting else ruled_cells(data, verticals.get(page, []))
                if cells:
                    top = _ruled_top(lines, done, top, verticals.get(page, []), data, cells)
                    while first > top and _in_row(lines[first - 1], data[0], page_rulings, cells):
                        first -= 1      # label lines above the first values, in their ruled row
                if drifting:
                    far = _header_top(lines, done, top, DRIFTING_HEADER_LINES - HEADER_LINES, drifting)
                    top, columns, headers, spanning = _drifting_header(data, lines, range(far, top + 1), first)
                else:
                    columns, headers, spanning = value_columns([line for line in data if not (borderless and _glued(line))],
                                                          lines[top:first], cells.get(id(data[0]), []), borderless)
                reading.lines += [line.text() for line in lines[done:top]]
                if top < first:     # the header as one line: its cells are stacked in no common lines
                    reading.lines.append("\t".join([spanning, *headers]))
            if cells:       # label lines below the last values, in their ruled row (a label wrapped under them)
                row = lines[last]
                while last + 1 < len(lines) and _in_row(lines[last + 1], row, page_rulings, cells):
                    last += 1
            elif borderless:
                last = _wrapped_below(lines, first, last, columns[0][0])
            body = lines[first:last + 1]
            table = _Table(body, [i for i, line in enumerate(body) if _placed(line, cells)], columns, headers, cells)
            reading.lines += (_rows_in_order(table) if drifting else
                              _row_lines(table, page_rulings, verticals.get(page, []), doubted, reading.doubts,
                                         past_edge, borderless))
            reading.tables += 1
            previous, done = table, last + 1
        if done < len(lines):
            previous = None
        ended = lines[done:]
    reading.lines += [line.text() for line in ended]
    return reading


def _header_top(lines: list[Line], done: int, first: int, most: int, drifting: bool) -> int:
    """The top of the header above lines[first]: up to `most` lines without values (in drifting
    text, nor a number or a sentence's stop: prose)."""
    top = first
    while top > done and first - top < most and not lines[top - 1].values() \
            and not (drifting and _PROSE.search(lines[top - 1].text())):
        top -= 1
    return top


def _in_row(line: Line, row: Line, rulings: list[float], cells: Cells) -> bool:
    """A label line of a ruled row (a data line): no values, in the row's ruled band, its words in
    the label cells (left of the first value cell, but by half a character: a box's padding)."""
    edge = cells[id(row)][0][0]
    return not line.values() and bisect(rulings, line.mid_y) == bisect(rulings, row.mid_y) \
        and all(w.x1 <= edge + (w.y1 - w.y0) / 2 for w in line.words)


def _ruled_top(lines: list[Line], done: int, top: int, verticals: list[Rule], data: list[Line],
               cells: Cells) -> int:
    """A ruled table's header top: up from `top`, the lines without values that two of its value
    columns' rules cross (header cells wrapped a few characters a line, 本年新 / 公开数量, over
    more than HEADER_LINES lines); the clause's title above the grid is crossed by none."""
    near, columns = rule_tolerance(data), cells[id(data[0])]
    edges = [a for a, _ in columns] + [columns[-1][1]]
    while top > done and not lines[top - 1].values() and sum(
            any(abs(x - edge) <= near and y0 <= lines[top - 1].mid_y <= y1 for x, y0, y1 in verticals)
            for edge in edges) >= 2:
        top -= 1
    return top


def _drifting_header(data: list[Line], lines: list[Line], tops: range, first: int):
    """A drifting header's top line, columns, cells and spanning text: from the first of `tops` (from
    up to DRIFTING_HEADER_LINES above the values down to HEADER_LINES: a header cell wrapped a
    character a line, 上一年 / 项 / 目数量) whose lines name as many columns as the values
    (drifting_columns), or else the last's, read as one cell; from its title down (_titled) where
    it has one."""
    for top in tops:
        header = drifting_columns(data, lines[top:first])
        if header[1]:
            break
    return _titled(data, lines, top, first) or (top, *header)


def _titled(data: list[Line], lines: list[Line], top: int, first: int):
    """The header from its title down, where a line below its top holds one word alone over two or
    more of its columns (第二十条第（六）项) and the lines from there name the columns: the lines
    above the title are no header cells (a heading beside a page's margin text, 通知公告
    二、主动公开…). None where there is no such title."""
    columns = header_word_columns([w for line in lines[top:first] for w in line.words])
    for t in range(top + 1, first):
        words = lines[t].words
        if len(words) == 1 and sum(overlap((words[0].x0, words[0].x1), c) > 0 for c in columns) >= 2:
            header = drifting_columns(data, lines[t:first])
            return (t, *header) if header[1] else None
    return None


def _atop(ended: list[Line], lines: list[Line]) -> list[Line]:
    """The lines that ended the last page, set a line above this page's first (a data line): a
    table's header at the foot of a page, its rows on the next, is the header of those rows."""
    first = lines[0]
    dy = first.y0 - (first.y1 - first.y0) - ended[-1].y1
    page = first.words[0].page
    return [Line([Word(w.text, w.x0, w.x1, w.y0 + dy, w.y1 + dy, page, w.confidence) for w in line.words])
            for line in ended]


def _label_start(lines: list[Line], top: int, first: int) -> int:
    """The first line of the first row: a label wrapped above its values starts it, if it touches them."""
    data = lines[first]
    left = min(w.x0 for w in data.values())
    while first > top and all(w.x1 <= left for w in lines[first - 1].words) \
            and data.y0 - lines[first - 1].y1 < TOUCH * (data.y1 - data.y0):
        first -= 1
    return first


def _continues(before: _Table, values: list[Word], above: list[Line]) -> bool:
    """Data atop a page continues the last page's table when each of its columns lies in one of
    that table's. A ruled table's cells are wide (another table's values lie in them too): its
    continuation also has nothing above its values but labels (no header of its own)."""
    if before.cells:
        values = [w for w in values if (w.x0 + w.x1) / 2 >= before.last_columns[0][0]]
    after = merge_ranges([(w.x0, w.x1) for w in values])
    if not after or not before.columns or not all(any(overlap(c, b) > 0 for b in before.last_columns) for c in after):
        return False
    left = min(w.x0 for w in values)
    return not before.cells or all(w.x1 <= left for line in above for w in line.words)
