"""Where a table's value columns are, from its rules, its header's words or its values' x ranges
(words.py reads rows in them): a ruled table's cells between the vertical rules that cross each
row, else the values' x ranges and the header cells over no value, and for fixed-width text whose
columns drift, the header's own words.
"""
from __future__ import annotations

from bisect import bisect
from statistics import median

from .word_lines import Cells, Line, Rule, Word, is_value, merge_ranges, overlap

SPANNING = 1.5          # a header wider than this many of its column's cells spans several


def value_columns(data: list[Line], above: list[Line], ruled: list[tuple[float, float]],
             borderless: bool = False) -> tuple[list[tuple[float, float]], list[str], str]:
    """Value columns: the ruled cells the values stand in (ruled_cells) where found, else the values' x
    ranges and the header cells above that stand over no value (a column blank in every row);
    each column's header text (its cells top to bottom), and the header words over no one column
    (the label column's title, a heading across several; in a ruled table, a word across a
    column's rule by more than a character: the clause's title in a row of its own above the
    columns, 第二十条第（八）项 centred across the two)."""
    columns = slots = ruled
    if not columns:
        columns = _apart(merge_ranges([(w.x0, w.x1) for line in data for w in line.values()]), data)
        if not columns:
            return [], [], ""
        left = columns[0][0]
        widest = max(x1 - x0 for x0, x1 in columns)
        extra = [(w.x0, w.x1) for line in above for w in line.words
                 if not borderless and not is_value(w.text) and w.x0 >= left - widest and w.x1 - w.x0 <= 3 * widest + 1e-9
                 and not any(overlap((w.x0, w.x1), c) > 0 for c in columns)]
        columns = merge_ranges(columns + extra)
        slots = _slots(columns)
    cells: list[list[str]] = [[] for _ in columns]
    spanning: list[str] = []
    for w in sorted((w for line in above for w in line.words), key=lambda w: (w.mid_y, w.x0)):
        mid = (w.x0 + w.x1) / 2
        inside = [c for c, (a, b) in enumerate(slots) if a <= mid < b and w.x1 - w.x0 <= SPANNING * (b - a)
                  and (not ruled or a - (w.y1 - w.y0) <= w.x0 and w.x1 <= b + (w.y1 - w.y0))]
        (cells[inside[0]] if inside else spanning).append(w.text)
    return columns, ["".join(c) for c in cells], " ".join(spanning)


def ruled_cells(data: list[Line], verticals: list[Rule], width: int | None = None) -> Cells:
    """The value columns of a ruled table, per data line: the cells between the vertical rules
    that cross it, from the cell of the table's leftmost value on (the label cells' rules differ
    from row to row) to the table's right edge; a cell blank in every row is a column all the
    same. A value's box is the detector's, padded: a digit set against a rule may reach over it,
    and a header is centred in its cell while the values stand at its left, so neither tells the
    columns as the rules do. Rows drawn in another system of columns (a web page's nested table:
    the lower rows' seven values in narrow cells of their own) are a run of lines with rules of
    their own, read by them where they hold as many columns (width, if given: a table going on
    from the page before). None (the values decide) where the first of several runs is one line
    only (a rule missed in one row), or a value's middle is in no cell."""
    if not verticals or not data:
        return {}
    runs: list[list[Line]] = []
    first_cuts: list[list[float]] = []      # each run's first line's
    near = rule_tolerance(data)
    for line, across in zip(data, _cuts(data, verticals)):
        if runs and _same(across, first_cuts[-1], near):
            runs[-1].append(line)
        else:
            runs.append([line])
            first_cuts.append(across)
    out: Cells = {}
    for k, run in enumerate(runs):
        cells = _run_cells(run, verticals, trim=k > 0 or width is not None)
        if width is None:
            if len(runs) > 1 and len(run) < 2:
                return {}
            width = len(cells)
        if not cells or len(cells) != width:
            return {}
        out |= {id(line): cells for line in run}
    return out


def _cuts(data: list[Line], verticals: list[Rule]) -> list[list[float]]:
    """The rules crossing each data line, from the last one left of the lines' leftmost value."""
    near = rule_tolerance(data)
    rows = [line for line in data if len(line.values()) > 1] or data      # not a label's number alone (2 / .重复)
    left = min((w.x0 + w.x1) / 2 for line in rows for w in line.values())
    out = []
    for line in data:
        across = _mended(line, bunched(sorted(x for x, y0, y1 in verticals if y0 <= line.mid_y <= y1), near),
                         verticals, near)
        out.append([x for k, x in enumerate(across) if x >= left or k + 1 < len(across) and across[k + 1] >= left])
    return out


def _mended(line: Line, across: list[float], verticals: list[Rule], near: float) -> list[float]:
    """The rules across a line, and those found to end at most a line's height above it that part
    two of its values the rules across it put in one cell: the rule goes on through the row, but
    the finder missed its end there (a row shorter than the rule finder's length, the rule broken
    off above it by a digit set against it). A rule ending above a cell spanning two columns parts
    no two values."""
    mids = sorted((w.x0 + w.x1) / 2 for w in line.values())
    for x, _, end in verticals:
        k = bisect(across, x)
        if line.y0 - (line.y1 - line.y0) <= end < line.mid_y and 0 < k < len(across) \
                and all(abs(x - a) > near for a in across) \
                and any(across[k - 1] <= u < x < v < across[k] for u, v in zip(mids, mids[1:])):
            across = sorted([*across, x])
    return across


def rule_tolerance(data: list[Line]) -> float:
    """How far apart two rules found may be and be one: a sixth of a line's height (a rule found
    twice lies a pixel or two from itself; a web page's narrowest cells are half a line wide)."""
    return median([line.y1 - line.y0 for line in data]) / 6


def _same(a: list[float], b: list[float], near: float) -> bool:
    """Two lines' rules are the same: as many, each within `near` of the other's (rule_tolerance)."""
    return len(a) == len(b) and all(abs(x - y) <= near for x, y in zip(a, b))


def _run_cells(run: list[Line], verticals: list[Rule], trim: bool) -> list[tuple[float, float]]:
    """The value cells of lines crossed by the same rules: from the leftmost that holds a value in
    half of them on (a value left of it only alone on its line: a label's number), with trim none
    after the last that holds one (the first run's are the header's columns, a column blank in
    every row included)."""
    cuts = _cuts(run, verticals)
    near = rule_tolerance(run)
    if len(cuts[0]) < 2 or not all(_same(c, cuts[0], near) for c in cuts[1:]):
        return []
    cells = list(zip(cuts[0], cuts[0][1:]))
    held = [{k for w in line.values() for k in spanned(w, cells)} for line in run]
    first = next((k for k in range(len(cells)) if 2 * sum(k in h for h in held) >= len(run)), None)
    if first is None or any((w.x0 + w.x1) / 2 >= cuts[0][-1] for line in run for w in line.values()) \
            or any(h and min(h) < first for line, h in zip(run, held) if len(line.values()) > 1):
        return []       # a value right of the table, or one of a row's left of the column most rows start at
    end = max(k for h in held for k in h) + 1 if trim else len(cells)
    return cells[first:end]


def bunched(xs: list[float], near: float) -> list[float]:
    """Sorted rule positions, those within `near` of the one before taken as one (a thick rule found twice)."""
    out: list[float] = []
    for x in xs:
        if not out or x - out[-1] > near:
            out.append(x)
    return out


def drifting_columns(data: list[Line], above: list[Line]) -> tuple[list[tuple[float, float]], list[str], str]:
    """value_columns for drifting x positions: the header's columns are its words' own x ranges, merged
    where they overlap, narrowest words first; a word over three or more of them spans them (申请人情况,
    法人或其他组织), one over two is the one it ends in (a wrapped cell's line squeezed left: （本年） /
    处理决定数量), unless alone on its line (a title over the header: 第二十条第（五）项).
    They are taken when as many as the values' columns (or one more: the labels');
    else the header's lines are one cell, read in their order. Returns no value columns: a row's
    values are written in their order."""
    words = [w for line in above for w in line.words]
    columns = header_word_columns(words)
    if len(columns) - max(len(line.values()) for line in data) not in (0, 1):
        return [], [], " ".join(line.text() for line in above)
    columns.sort()
    cells: list[list[str]] = [[] for _ in columns]
    spanning: list[str] = []
    alone = {id(line.words[0]) for line in above if len(line.words) == 1}
    for w in sorted(words, key=lambda w: (w.mid_y, w.x0)):
        hit = [c for c, col in enumerate(columns) if overlap((w.x0, w.x1), col) > 0]
        if len(hit) == 2 and id(w) not in alone:
            hit = [c for c in hit if columns[c][0] < w.x1 <= columns[c][1]]
        (cells[hit[0]] if len(hit) == 1 else spanning).append(w.text)
    return [], ["".join(c) for c in cells], " ".join(spanning)


def header_word_columns(words: list[Word]) -> list[tuple[float, float]]:
    """A drifting header's columns: its words' x ranges merged where they overlap, narrowest words
    first, a word over two or more of them spanning them (drifting_columns)."""
    columns: list[tuple[float, float]] = []
    for w in sorted(words, key=lambda w: w.x1 - w.x0):
        hit = [c for c in columns if overlap((w.x0, w.x1), c) > 0]
        if len(hit) <= 1:
            columns = [c for c in columns if c not in hit] + [(min([w.x0, *(c[0] for c in hit)]),
                                                              max([w.x1, *(c[1] for c in hit)]))]
    return columns


def _apart(columns: list[tuple[float, float]], data: list[Line]) -> list[tuple[float, float]]:
    """Columns cut where one line has two values in one: they are two cells, whatever bridges them
    in another line (a box wider than its digit, a speck read as "—" across the rule between two
    narrow columns). Each such pair gives a cut between them; the cuts of one boundary, from
    different lines, lie within half a line height of each other and are taken as one."""
    values = [w for line in data for w in line.values()]
    near = median([w.y1 - w.y0 for w in values]) / 2 if values else 0
    out: list[tuple[float, float]] = []
    for a, b in columns:
        cuts: list[list[float]] = []
        for x in sorted((u.x1 + v.x0) / 2 for line in data
                        for inside in [[w for w in line.values() if a <= w.x0 and w.x1 <= b]]
                        for u, v in zip(inside, inside[1:]) if u.x1 <= v.x0):
            if cuts and x - cuts[-1][-1] <= near:
                cuts[-1].append(x)
            else:
                cuts.append([x])
        edges = [a, *(median(group) for group in cuts), b]
        out += zip(edges, edges[1:])
    return out


def _slots(columns: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Each column's cell, as wide as the page allows: from half-way to the column before to half-way
    to the next (values sit anywhere in their cell, their headers centred over it)."""
    centres = [(x0 + x1) / 2 for x0, x1 in columns]
    if len(centres) == 1:
        x0, x1 = columns[0]
        return [(x0 - 2 * (x1 - x0), x1 + 2 * (x1 - x0))]
    bounds = [(a + b) / 2 for a, b in zip(centres, centres[1:])]
    bounds = [2 * centres[0] - bounds[0], *bounds, 2 * centres[-1] - bounds[-1]]
    return list(zip(bounds, bounds[1:]))


def spanned(w: Word, cells: list[tuple[float, float]]) -> list[int]:
    """The ruled cells a value stands in: those its box covers more than half of (a run of digits
    over several; a character's padded box may reach over half a narrow cell), else the one its
    middle is in."""
    over = [k for k, (a, b) in enumerate(cells) if overlap((w.x0, w.x1), (a, b)) > (b - a) / 2]
    return over if len(over) > 1 and len(w.text) > 1 else [k for k, (a, b) in enumerate(cells) if a <= (w.x0 + w.x1) / 2 < b]
