"""PDF -> text on pdfium (C) instead of pdfminer (pure Python): the fast path of pdf.py.

The same reading as the pdfplumber reader: ruled tables cell by cell, the rest line by line,
merged by their position on the page. Glyphs, their boxes and baselines come from pdfium's text
page; the rulings from the page's path objects (every straight horizontal or vertical segment,
of strokes and fills alike: Word and WPS draw cell borders both ways). Rulings become cells as in
pdfplumber's table finder (its edge snapping and joining, the same tolerances, the same
smallest-cell rule), so a table is found where the slow reader finds it.

`read` gives None, and pdf.py falls back to the slow reader, unless every glyph of every table
can be placed in exactly one cell:
  - no page is rotated;
  - each table's cells tile its box: every grid slot between its rulings is taken by exactly
    one cell (a table cut by a page break lacks the rule along the cut; its outline closes it
    first, where pdfplumber drops the open cells' text);
  - each glyph centred in a table lies in a cell, and its ink does not reach across the cell's
    left or right rule by more than a third of its width (text drawn over a rule: which cell it
    belongs to would be a guess).
Scans (too few glyphs for a text layer) and files pdfium cannot open also give None: the slow
reader then gives the reasoned error.
"""
from __future__ import annotations

import ctypes
from bisect import bisect_right
from collections import defaultdict
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as fpdf
from pdfplumber.table import cells_to_tables, edges_to_intersections, merge_edges

from .grid import grid_lines

TOLERANCE = 3           # pt: pdfplumber's snap, join and intersection defaults, and its line and word gaps
MIN_EDGE = 3            # pt: shorter rulings are dropped after merging, as pdfplumber does
OVERREACH = 1 / 3       # of a glyph's ink width that may cross its cell's rule
MAX_GLYPH = 48          # pt: 初号, the largest Chinese type size, is 42 pt; a taller loose box is pdfium's error
_SPACES = {" ", "\u3000", "\xa0", "\t", "\r", "\n"}
_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


class Glyph(NamedTuple):
    """One drawn character in top-down page coordinates: its box (advance, ascent to descent)."""
    top: float
    bottom: float
    x0: float
    x1: float
    text: str
    index: int              # in pdfium's text page, to ask for its ink when that matters


Cell = tuple[float, float, float, float]            # x0, top, x1, bottom


# ---- glyphs -----------------------------------------------------------------------------------

def _glyphs(textpage, height: float) -> list[Glyph]:
    """Drawn glyphs without pdfium's generated spaces and line breaks and without overprinted
    copies (fake bold). A space drawn in the text is kept (as " ") to part words. The box is the
    loose one (as pdfminer's) unless pdfium makes that absurdly large, as it does for a label
    written down a cell in a scaled font: then the ink's. Two calls into pdfium per glyph (each
    costs about a microsecond, the bulk of the reading time)."""
    box = fpdf.FS_RECTF()
    box_ptr = ctypes.pointer(box)
    unicode, loose, generated = fpdf.FPDFText_GetUnicode, fpdf.FPDFText_GetLooseCharBox, fpdf.FPDFText_IsGenerated
    glyphs: list[Glyph] = []
    seen: set[tuple[str, int, int]] = set()
    for i in range(fpdf.FPDFText_CountChars(textpage)):
        text = chr(unicode(textpage, i))
        if text in _SPACES:
            if generated(textpage, i):
                continue
            text = " "
        elif not text.isprintable():
            continue
        loose(textpage, i, box_ptr)
        x0, x1, top, bottom = box.left, box.right, height - box.top, height - box.bottom
        if bottom - top > MAX_GLYPH:
            x0, x1, top, bottom = _ink(textpage, i, height)
        key = (text, round(x0), round(top))
        if key not in seen:
            seen.add(key)
            glyphs.append(Glyph(top, bottom, x0, x1, text, i))
    return glyphs


def _ink(textpage, i: int, height: float) -> tuple[float, float, float, float]:
    """x0, x1, top, bottom of the glyph's outline."""
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    fpdf.FPDFText_GetCharBox(textpage, i, left, right, bottom, top)
    return left.value, right.value, height - top.value, height - bottom.value


def _lines(glyphs: list[Glyph]) -> list[tuple[float, str]]:
    """(top, text) per line: glyphs whose bottoms lie within TOLERANCE of the previous one's form a
    line, read left to right; a drawn space or a gap wider than TOLERANCE parts words (the rules
    of pdfplumber's text lines, which clusters tops; pdfium's tops follow each font's ascent, so a
    heading in 黑体 rises above the text after it, while the bottoms agree with pdfminer's)."""
    lines: list[tuple[float, str]] = []
    group: list[Glyph] = []
    for g in sorted(glyphs, key=lambda g: g.bottom):
        if group and g.bottom > group[-1].bottom + TOLERANCE:
            lines.append(_line(group))
            group = []
        group.append(g)
    if group:
        lines.append(_line(group))
    return lines


def _line(group: list[Glyph]) -> tuple[float, str]:
    out: list[str] = []
    right = None
    for g in sorted(group, key=lambda g: g.x0):
        if (g.text == " " or (right is not None and g.x0 > right + TOLERANCE)) and out and out[-1] != " ":
            out.append(" ")
        if g.text != " ":
            out.append(g.text)
        right = g.x1 if right is None else max(right, g.x1)
    return min(g.top for g in group), "".join(out).rstrip()


# ---- rulings ----------------------------------------------------------------------------------

def _matrix(obj) -> tuple[float, ...]:
    m = fpdf.FS_MATRIX()
    fpdf.FPDFPageObj_GetMatrix(obj, m)
    return m.a, m.b, m.c, m.d, m.e, m.f


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F


def _paths(container, count, get, matrix):
    """(path object, its matrix to page space) for every path, those inside form XObjects too."""
    for i in range(count(container)):
        obj = get(container, i)
        kind = fpdf.FPDFPageObj_GetType(obj)
        if kind == fpdf.FPDF_PAGEOBJ_PATH:
            yield obj, _compose(_matrix(obj), matrix)
        elif kind == fpdf.FPDF_PAGEOBJ_FORM:
            yield from _paths(obj, fpdf.FPDFFormObj_CountObjects, fpdf.FPDFFormObj_GetObject,
                              _compose(_matrix(obj), matrix))


def _edges(page, height: float) -> list[dict]:
    """Every horizontal or vertical straight segment of the page's paths, as pdfplumber edges."""
    x, y = ctypes.c_float(), ctypes.c_float()
    edges: list[dict] = []
    for path, (a, b, c, d, e, f) in _paths(page, fpdf.FPDFPage_CountObjects, fpdf.FPDFPage_GetObject, _IDENTITY):
        start = last = None
        for i in range(fpdf.FPDFPath_CountSegments(path)):
            seg = fpdf.FPDFPath_GetPathSegment(path, i)
            fpdf.FPDFPathSegment_GetPoint(seg, x, y)
            point = (a * x.value + c * y.value + e, height - (b * x.value + d * y.value + f))
            kind = fpdf.FPDFPathSegment_GetType(seg)
            if kind == fpdf.FPDF_SEGMENT_LINETO and last:
                edges += _edge(last, point)
            elif kind == fpdf.FPDF_SEGMENT_MOVETO:
                start = point
            last = point
            if fpdf.FPDFPathSegment_GetClose(seg) and start:
                edges += _edge(last, start)
                last = start
    return edges


def _edge(p: tuple[float, float], q: tuple[float, float]) -> list[dict]:
    (x0, y0), (x1, y1) = sorted((p, q))
    if abs(y1 - y0) < 0.5 and x1 - x0 >= 1:
        top = (y0 + y1) / 2
        return [{"x0": x0, "x1": x1, "top": top, "bottom": top, "doctop": top, "width": x1 - x0, "height": 0,
                 "orientation": "h", "object_type": "line"}]
    if abs(x1 - x0) < 0.5 and abs(y1 - y0) >= 1:
        top, bottom = min(y0, y1), max(y0, y1)
        return [{"x0": x0, "x1": x0, "top": top, "bottom": bottom, "doctop": top, "width": 0,
                 "height": bottom - top, "orientation": "v", "object_type": "line"}]
    return []


def _merged(edges: list[dict]) -> list[dict]:
    merged = merge_edges(edges, TOLERANCE, TOLERANCE, TOLERANCE, TOLERANCE)
    return [e for e in merged if (e["width"] if e["orientation"] == "h" else e["height"]) >= MIN_EDGE]


def _cells(edges: list[dict]) -> list[Cell]:
    """pdfplumber's intersections_to_cells (from each crossing, the smallest rectangle whose four
    sides are rulings), with the crossings indexed: its own version is quadratic in pure Python
    and took most of the reading time."""
    crossings = edges_to_intersections(edges, TOLERANCE, TOLERANCE)
    v_of = {p: {id(e) for e in on["v"]} for p, on in crossings.items()}
    h_of = {p: {id(e) for e in on["h"]} for p, on in crossings.items()}
    column, row = defaultdict(list), defaultdict(list)
    for p in sorted(crossings):                     # columns come out sorted down, rows rightwards
        column[p[0]].append(p)
        row[p[1]].append(p)
    cells: list[Cell] = []
    for p in crossings:
        below = column[p[0]][column[p[0]].index(p) + 1:]
        right = row[p[1]][row[p[1]].index(p) + 1:]
        cell = next(((p[0], p[1], r[0], b[1]) for b in below if v_of[p] & v_of[b]
                     for r in right if h_of[p] & h_of[r]
                     if (r[0], b[1]) in crossings and v_of[(r[0], b[1])] & v_of[r] and h_of[(r[0], b[1])] & h_of[b]),
                    None)
        if cell:
            cells.append(cell)
    return cells


def _outline(box: Cell) -> list[dict]:
    x0, top, x1, bottom = box
    return [*_edge((x0, top), (x1, top)), *_edge((x0, bottom), (x1, bottom)),
            *_edge((x0, top), (x0, bottom)), *_edge((x1, top), (x1, bottom))]


# ---- tables -----------------------------------------------------------------------------------

class Grid(NamedTuple):
    """A table whose cells tile its box: the rulings' positions and the cell in each slot."""
    xs: list[float]
    ys: list[float]
    slot: dict[tuple[int, int], Cell]           # (row, column) -> the cell covering it

    @property
    def box(self) -> Cell:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]


def _grid(cells: list[Cell]) -> Grid | None:
    """The cells as a grid, or None when they leave a hole or overlap."""
    xs = sorted({c[0] for c in cells} | {c[2] for c in cells})
    ys = sorted({c[1] for c in cells} | {c[3] for c in cells})
    slot: dict[tuple[int, int], Cell] = {}
    for cell in cells:
        j0, j1, i0, i1 = xs.index(cell[0]), xs.index(cell[2]), ys.index(cell[1]), ys.index(cell[3])
        for i in range(i0, i1):
            for j in range(j0, j1):
                if (i, j) in slot:
                    return None
                slot[(i, j)] = cell
    return Grid(xs, ys, slot) if len(slot) == (len(xs) - 1) * (len(ys) - 1) else None


def _grids(edges: list[dict]) -> list[Grid] | None:
    """The page's ruled tables; None when one's cells do not tile it even once its outline is drawn."""
    merged = _merged(edges)
    grids = []
    for cells in cells_to_tables(_cells(merged)):
        grid = _grid(cells)
        if grid is None:
            x0, top, x1, bottom = box = (min(c[0] for c in cells), min(c[1] for c in cells),
                                         max(c[2] for c in cells), max(c[3] for c in cells))
            near = [e for e in merged if e["x0"] >= x0 - TOLERANCE and e["x1"] <= x1 + TOLERANCE
                    and e["top"] >= top - TOLERANCE and e["bottom"] <= bottom + TOLERANCE]
            grid = _grid(_cells(_merged(near + _outline(box))))
            if grid is None:
                return None
        grids.append(grid)
    return grids


def _inside(g: Glyph, box: Cell) -> bool:
    x, y = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _overreaches(x0: float, x1: float, cell: Cell) -> bool:
    return max(cell[0] - x0, x1 - cell[2]) > OVERREACH * (x1 - x0)


def _table_lines(grid: Grid, glyphs: list[Glyph], ink) -> list[tuple[float, str]] | None:
    """(top, line) per grid row, or None when a glyph cannot be placed in one cell. A glyph's box
    may cross a rule where its ink does not (a full-width comma hanging into the margin): the
    ink, asked for only then, decides."""
    xs, ys, slot = grid
    text: dict[Cell, list[Glyph]] = defaultdict(list)
    for g in glyphs:
        j = bisect_right(xs, (g.x0 + g.x1) / 2) - 1
        i = bisect_right(ys, (g.top + g.bottom) / 2) - 1
        cell = slot.get((i, j))
        if cell is None or (_overreaches(g.x0, g.x1, cell) and _overreaches(*ink(g.index)[:2], cell)):
            return None
        text[cell].append(g)
    rows = [[("\n".join(t for _, t in _lines(text[cell])) if cell[:2] == (xs[j], ys[i]) else None)
             for j in range(len(xs) - 1) for cell in (slot[(i, j)],)]
            for i in range(len(ys) - 1)]
    return list(zip(ys, grid_lines(rows)))


# ---- pages ------------------------------------------------------------------------------------

def _page_lines(page: pdfium.PdfPage) -> tuple[list[str] | None, int]:
    """(the page as lines, or None when its tables' glyphs cannot all be placed; its glyph count)"""
    height = page.get_height()
    textpage = fpdf.FPDFText_LoadPage(page)
    try:
        glyphs = _glyphs(textpage, height)
        count = len(glyphs)
        grids = None if page.get_rotation() else _grids(_edges(page, height))
        if grids is None:
            return None, count
        placed: list[tuple[float, str]] = []
        for grid in grids:
            box = grid.box
            lines = _table_lines(grid, [g for g in glyphs if _inside(g, box)], lambda i: _ink(textpage, i, height))
            if lines is None:
                return None, count
            placed += lines
            glyphs = [g for g in glyphs if not _inside(g, box)]
    finally:
        fpdf.FPDFText_ClosePage(textpage)
    placed += _lines(glyphs)
    placed.sort(key=lambda item: item[0])
    return [line for _, line in placed if line], count


def read(raw: bytes, min_chars_per_page: int) -> str | None:
    """The document as text, or None when the fast path cannot read it (see the module's doc)."""
    try:
        doc = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError:
        return None
    try:
        out, chars = [], 0
        for i in range(len(doc)):
            page = doc[i]
            try:
                lines, count = _page_lines(page)
            finally:
                page.close()
            if lines is None:
                return None
            out += lines
            chars += count
        return "\n".join(out) if chars >= min_chars_per_page * max(len(doc), 1) else None
    finally:
        doc.close()
