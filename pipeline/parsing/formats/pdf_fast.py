"""PDF -> text on pdfium (C) instead of pdfminer (pure Python): the fast path of pdf.py.

The same reading as the pdfplumber reader: ruled tables cell by cell, the rest line by line,
merged by their position on the page. Glyphs and their boxes come from pdfium's text page, the
rulings from the page's path objects (every straight horizontal or vertical segment,
of strokes and fills alike: Word and WPS draw cell borders both ways). Rulings become cells as in
pdfplumber's table finder (its edge snapping and joining, the same tolerances, the same
smallest-cell rule), so a table is found where the slow reader finds it.

A page's tables are read cell by cell only when every glyph of every table can be placed in
exactly one cell:
  - each table's cells tile its box: every grid slot between its rulings is taken by exactly
    one cell (a table cut by a page break lacks the rule along the cut; its outline, out to the
    ends of the column rules that run on to the cut, closes it first, where pdfplumber drops
    the open cells' text);
  - each glyph centred in a table lies in a cell; text is not drawn over a rule: no glyph's
    ink reaches across its cell's left or right rule by more than a third of its width, and no
    two glyphs of a line in neighbouring cells stand closer than JOINED (a rule's width, or cell
    padding, keeps the texts of two cells apart).
Otherwise (a table wider than the page, a ragged table with holes in its ruling, text over a
rule) the page is read by its glyphs' positions: pdf_words.py makes
words of them and words.py rows, the horizontal rules as row bands. So is a page without rules
whose lines end in values (_tabular: tables printed without rules, a web page whose borders a
browser's print dropped), in words.py's borderless mode. `read` gives None, and pdf.py
falls back to pdfplumber, only for a rotated page, a file pdfium cannot open, and scans (too few
glyphs for a text layer), where the slow reader gives the reasoned error.

A page drawn to make the reading expand is refused (ParseError `too_complex`) before it is walked:
more path segments than MAX_SEGMENTS, more characters than MAX_CHARS, or more pairs of rulings
than MAX_RULING_PAIRS (finding the cells is quadratic in the rulings, pdfplumber's about cubic); a
PDF of more than MAX_PAGES pages is refused before any is loaded (`too_many_pages`).
A text layer is its drawn characters other than spaces: a scan under a layer of spaces (or none)
is a scan, read by OCR.
"""
from __future__ import annotations

import ctypes
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from math import inf
from operator import attrgetter, itemgetter
from statistics import median
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as fpdf

from ..errors import ParseError
from ..tokens import beside_edges
from . import pdf_words, words
from .grid import grid_lines
from .running import without_running
from .titles import HEADING_LINES, with_title
from .word_lines import Word, is_value

# Path segments read on one page. A report's page takes a few hundred (the most in the samples is
# 1,696, tables printed from Chrome), a vector chart some thousands; each costs several pdfium calls.
MAX_SEGMENTS = 100_000
# Horizontal x vertical rulings (merged) on one page, each pair tried as a crossing. A report's page
# has at most a few dozen of each (the most in the samples: 810 pairs); 10,000 is a 100 x 100 grid,
# which pdfplumber (the fallback) takes ~5 s to search.
MAX_RULING_PAIRS = 10_000
# Characters on one page, each read with several pdfium calls (2 million took 14 s). A dense page of
# a report holds ~2,000 (40 lines of 50 ideographs); tables in small type a few thousand.
MAX_CHARS = 50_000
# Pages of a PDF read at most (each loaded and walked: 20,000 blank ones took 50 s). A report has a
# few dozen; a thousand is a book, or pages made to keep a reader busy.
MAX_PAGES = 1000
TOLERANCE = 3           # pt: pdfplumber's snap, join and intersection defaults, and its line and word gaps
MIN_EDGE = 3            # pt: shorter rulings are dropped after merging, as pdfplumber does
OVERREACH = 1 / 3       # of a glyph's ink width that may cross its cell's rule
JOINED = pdf_words.JOINED  # pt: glyphs of one line closer than this are one run of text (digits abut); a
                        # browser's thinnest border (1 px, 0.75 pt) parts the texts of cells without padding
TABLE_ROWS = 3          # lines ending in three or more values that make a page without rules tabular
HEADING = 1.15         # a heading's type is at least this much larger than the body's
# pdfium gives some glyphs of a browser's CJK font (一) their ink as the loose box, a box a point
# tall that sorts into a line of its own: a box this much flatter than wide is given the font's
# ideographic em box on its baseline (OpenType's ideographic embox, -0.12 to 0.88 em)
FLAT = 1 / 3
EM_ASCENT, EM_DESCENT = 0.88, 0.12
EDGE = 1                # pt: a rule this near the page's edge ends on it (Writer clips its tables there)
EDGE_ROWS = 3           # rules ending on an edge that make a table's rows cut by it
LETTER_SLACK = 1        # pt: the gaps of a letter-spaced line differ by less (a glyph's box is its advance)
MAX_GLYPH = 48          # pt: 初号, the largest Chinese type size, is 42 pt; a taller loose box is pdfium's error
_BOTTOM, _X0 = attrgetter("bottom"), attrgetter("x0")     # sort keys of glyphs
_KIND_AND_POSITION = itemgetter(0, 1)                      # sort key of rules
_SPACES = {" ", "\u3000", "\xa0", "\t", "\r", "\n"}
_LINE_END_HYPHEN = 2    # pdfium's code for a hyphen that ends a line (FPDFText_IsHyphen)
_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_PATH, _FORM = fpdf.FPDF_PAGEOBJ_PATH, fpdf.FPDF_PAGEOBJ_FORM
_VOID, _INT = ctypes.c_void_p, ctypes.c_int


class _Handle(ctypes.c_void_p):
    """A pdfium pointer as the functions below return it and take it: a ctypes value, never turned
    into a Python int and back."""


def _untyped(name: str, restype, *argtypes):
    """The pdfium function `name`, called with its arguments as they are (ints as C ints, pointers
    as _Handle or byref values), none declared unless given: converting pypdfium2's typed pointers
    costs ctypes about 2 us a call, converting declared ones still about 0.1 us, and a page takes
    thousands of calls (two per glyph, two per drawing object)."""
    function = ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(getattr(fpdf, name), _VOID).value)
    function.argtypes = argtypes or None
    return function


_count_chars = _untyped("FPDFText_CountChars", _INT)
_unicode = _untyped("FPDFText_GetUnicode", ctypes.c_uint)
_font_size = _untyped("FPDFText_GetFontSize", ctypes.c_double)
_origin = _untyped("FPDFText_GetCharOrigin", _INT)
_is_generated = _untyped("FPDFText_IsGenerated", _INT)
_loose_box = _untyped("FPDFText_GetLooseCharBox", _INT)
_ink_box = _untyped("FPDFText_GetCharBox", _INT)
_count_objects = _untyped("FPDFPage_CountObjects", _INT)
_get_object = _untyped("FPDFPage_GetObject", _Handle)
_count_form_objects = _untyped("FPDFFormObj_CountObjects", _INT)
_get_form_object = _untyped("FPDFFormObj_GetObject", _Handle, _VOID, ctypes.c_ulong)   # an unsigned long index
_object_type = _untyped("FPDFPageObj_GetType", _INT)
_object_bounds = _untyped("FPDFPageObj_GetBounds", _INT)
_object_matrix = _untyped("FPDFPageObj_GetMatrix", _INT)
_count_segments = _untyped("FPDFPath_CountSegments", _INT)
_get_segment = _untyped("FPDFPath_GetPathSegment", _Handle)
_segment_point = _untyped("FPDFPathSegment_GetPoint", _INT)
_segment_type = _untyped("FPDFPathSegment_GetType", _INT)
_segment_closes = _untyped("FPDFPathSegment_GetClose", _INT)


def _address(handle) -> _Handle:
    return ctypes.cast(handle, _Handle)


class Glyph(NamedTuple):
    """One drawn character in top-down page coordinates: its box (advance, ascent to descent)."""
    top: float
    bottom: float
    x0: float
    x1: float
    text: str
    index: int              # in pdfium's text page, to ask for its ink when that matters


_new_glyph = tuple.__new__      # Glyph's own constructor is a Python call, a tenth of reading a glyph
Cell = tuple[float, float, float, float]            # x0, top, x1, bottom
Rule = tuple[str, float, float, float]              # "h", y, x0, x1 or "v", x, top, bottom


# ---- glyphs -----------------------------------------------------------------------------------

def _glyphs(textpage: _Handle, height: float) -> list[Glyph]:
    """Drawn glyphs without pdfium's generated spaces and line breaks and without overprinted
    copies (fake bold). A space drawn in the text is kept (as " ") to part words. The box is the
    loose one (as pdfminer's) unless pdfium makes that absurdly large, as it does for a label
    written down a cell in a scaled font: then the ink's. (A ligature of two equal letters, "ff",
    keeps one: it cannot be told from an overprinted copy, and a doubled digit is a wrong number.)"""
    box = fpdf.FS_RECTF()
    box_at = ctypes.byref(box)
    glyphs: list[Glyph] = []
    seen: set[tuple[str, int, int]] = set()
    count = _count_chars(textpage)
    check_chars(count)
    for i in range(count):
        code = _unicode(textpage, i)
        text = "-" if code == _LINE_END_HYPHEN else chr(code)
        if text in _SPACES:
            if _is_generated(textpage, i):
                continue
            text = " "
        elif not text.isprintable():
            continue
        _loose_box(textpage, i, box_at)
        x0, x1, top, bottom = box.left, box.right, height - box.top, height - box.bottom
        if bottom - top > MAX_GLYPH:
            x0, x1, top, bottom = _ink(textpage, i, height)
        elif bottom - top < FLAT * (x1 - x0):
            top, bottom = _em_box(textpage, i, height)
        key = (text, round(x0), round(top))
        if key not in seen:
            seen.add(key)
            glyphs.append(_new_glyph(Glyph, (top, bottom, x0, x1, text, i)))
    return glyphs


def _ink(textpage: _Handle, i: int, height: float) -> tuple[float, float, float, float]:
    """x0, x1, top, bottom of the glyph's outline."""
    out = (ctypes.c_double * 4)()                   # left, right, bottom, top
    _ink_box(textpage, i, *(ctypes.byref(out, 8 * k) for k in range(4)))
    return out[0], out[1], height - out[3], height - out[2]


def _em_box(textpage: _Handle, i: int, height: float) -> tuple[float, float]:
    """top, bottom of the glyph's em box, from its baseline and its font's size."""
    xy = (ctypes.c_double * 2)()
    _origin(textpage, i, ctypes.byref(xy), ctypes.byref(xy, 8))
    size, baseline = _font_size(textpage, i), height - xy[1]
    return baseline - EM_ASCENT * size, baseline + EM_DESCENT * size


def _lines(glyphs: list[Glyph]) -> list[tuple[float, str]]:
    """(top, text) per line (_line_groups); a drawn space or a gap wider than TOLERANCE parts words,
    but a letter-spaced line's spacing (_spacing) parts nothing."""
    return [_line(group, _spacing(group)) for group in _line_groups(glyphs)]


def _ideographic(group: list[Glyph]) -> bool:
    return any(g.text >= "\u3000" for g in group)


def _label_spacing(cells: list[list[tuple[list[Glyph], tuple[float, float] | None]]]) -> float | None:
    """The letter spacing of a table's labels: the median narrowest gap of its cells' letter-spaced
    lines (each cell's _line_groups, with their _spacing) that hold an ideograph; None when none is
    letter-spaced."""
    found = [spacing[0] for lines in cells for group, spacing in lines if spacing and _ideographic(group)]
    return median(found) if found else None


def _spacing(group: list[Glyph]) -> tuple[float, float] | None:
    """The narrowest and widest gap of a line set letter-spaced (`2 . 其 他 法 律`, CSS letter-spacing,
    a word processor's spread text): every gap between its glyphs wider than TOLERANCE, all within
    LETTER_SLACK of the narrowest (a line of a table's cells has wider gaps between them than within
    them). None when the line is not so set."""
    low = high = None
    for a, b in zip(group, group[1:]):
        if " " in (a.text, b.text):
            continue
        gap = b.x0 - a.x1
        if gap <= TOLERANCE:        # most lines: the first gap says so
            return None
        low, high = min(gap, low or gap), max(gap, high or gap)
    if low is None or high > low + LETTER_SLACK:
        return None
    return low, high


def _line_groups(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """The glyphs by line, each left to right: glyphs whose bottoms lie within TOLERANCE of the
    previous one's form a line (the rules of pdfplumber's text lines, which clusters tops; pdfium's
    tops follow each font's ascent, so a heading in 黑体 rises above the text after it, while the
    bottoms agree with pdfminer's)."""
    groups: list[list[Glyph]] = []
    for g in sorted(glyphs, key=_BOTTOM):
        if groups and g.bottom <= groups[-1][-1].bottom + TOLERANCE:
            groups[-1].append(g)
        else:
            groups.append([g])
    return [sorted(group, key=_X0) for group in groups]


def _line(group: list[Glyph], spacing: tuple[float, float] | None = None, labels: float | None = None
          ) -> tuple[float, str]:
    """spacing: the line's letter spacing (_spacing), whose gaps part no words; nor digits, in a line
    with an ideograph (`2 0 2 3 年`), or in a cell's line spaced as its table's labels (labels: `2 6`
    in a table whose labels read `2 . 其 他`). Else digits alone stay apart (two cells' values run
    into one cell: its row NULL, never one number)."""
    out: list[str] = []
    right = None
    letter = 0 if spacing is None else spacing[1] + TOLERANCE / 2
    text = spacing is not None and (_ideographic(group) or labels is not None and all(
        abs(gap - labels) <= LETTER_SLACK for gap in spacing))
    for g in group:
        gap = None if right is None else g.x0 - right
        spaced = gap is not None and gap <= letter and (text or not (out and out[-1].isdigit() and g.text.isdigit()))
        if (g.text == " " or (gap is not None and gap > TOLERANCE and not spaced)) and out and out[-1] != " ":
            out.append(" ")
        if g.text != " ":
            out.append(g.text)
        if right is None or g.x1 > right:
            right = g.x1
    return min(g.top for g in group), "".join(out).rstrip()


def _heading(textpage: _Handle, glyphs: list[Glyph]) -> str | None:
    """The page's heading: its first lines in the largest type, when that is larger than the body's
    (the size most of its ideographs are set in). Sizes are asked of pdfium for this page only."""
    sizes = {g.index: round(_font_size(textpage, g.index), 1) for g in glyphs if g.text != " "}
    body = Counter(size for g in glyphs if "\u4e00" <= g.text <= "\u9fff" for size in (sizes[g.index],))
    if not body:
        return None
    largest = max(sizes.values())
    if largest < HEADING * body.most_common(1)[0][0]:
        return None
    lines = _lines([g for g in glyphs if sizes.get(g.index, 0) >= largest - TOLERANCE / 2])
    return "".join(text for _, text in lines[:HEADING_LINES])


# ---- rulings ----------------------------------------------------------------------------------

def _matrix(obj: _Handle, m=None) -> tuple[float, ...]:
    """The object's matrix, read into m (an FS_MATRIX a caller reuses) or a new one."""
    m = m or fpdf.FS_MATRIX()
    _object_matrix(obj, ctypes.byref(m))
    return m.a, m.b, m.c, m.d, m.e, m.f


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F


def _apply(m: tuple[float, ...], x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _paths(container: _Handle, count, get, outer: tuple[float, ...], found: list) -> list[tuple[_Handle, tuple[float, ...]]]:
    """(path object, the matrix from the page to its container) for every path, those inside form
    XObjects too (the path's own matrix is in its bounds, not in its points), added to found. A
    page holds hundreds of objects, most of them text: two pdfium calls each, nothing more."""
    for i in range(count(container)):
        obj = get(container, i)
        kind = _object_type(obj)
        if kind == _PATH:
            found.append((obj, outer))
        elif kind == _FORM:
            _paths(obj, _count_form_objects, _get_form_object, _compose(_matrix(obj), outer), found)
    return found


def _edges(page: _Handle, height: float) -> list[Rule]:
    """Every horizontal or vertical straight segment of the page's paths (top-down). Most paths
    are single rules or rectangles (a stroked line, a thin filled bar, a cell's background), told
    from their bounds and corners without reading every segment."""
    bounds = (ctypes.c_float * 4)()
    at = [ctypes.byref(bounds, 4 * k) for k in range(4)]
    matrix, xy = fpdf.FS_MATRIX(), (ctypes.c_float(), ctypes.c_float())     # read into, path after path
    edges: list[Rule] = []
    segments_read = 0
    for path, outer in _paths(page, _count_objects, _get_object, _IDENTITY, []):
        n = _count_segments(path)
        segments_read += max(n, 1)
        if segments_read > MAX_SEGMENTS:
            raise ParseError("too_complex", f"a page draws more than {MAX_SEGMENTS:,} path segments: "
                             "a drawing, not a report's tables")
        _object_bounds(path, *at)
        (x0, y0), (x1, y1) = _apply(outer, bounds[0], bounds[1]), _apply(outer, bounds[2], bounds[3])
        x0, x1, top, bottom = min(x0, x1), max(x0, x1), height - max(y0, y1), height - min(y0, y1)
        if n <= 5 and (x1 - x0 < TOLERANCE or bottom - top < TOLERANCE):
            edges += _edge((x0, (top + bottom) / 2), (x1, (top + bottom) / 2)) if x1 - x0 > bottom - top \
                else _edge(((x0 + x1) / 2, top), ((x0 + x1) / 2, bottom))
            continue
        segments = _Segments(path, n, _compose(_matrix(path, matrix), outer), height, xy)
        if n in (4, 5) and _is_rectangle(segments, (x0, top, x1, bottom)):
            edges += _outline((x0, top, x1, bottom))
        else:
            edges += _rules(segments)
    return edges


class _Segments:
    """A path's segments in top-down page space: their handles and points, read from pdfium once
    (xy: the two floats to read a point into)."""

    def __init__(self, path: _Handle, n: int, matrix: tuple[float, ...], height: float, xy):
        self.n = n
        self.handles = [_get_segment(path, i) for i in range(n)]
        self.points: list[tuple[float, float]] = []
        a, b, c, d, e, f = matrix
        px, py = xy
        at_x, at_y = ctypes.byref(px), ctypes.byref(py)
        for handle in self.handles:
            _segment_point(handle, at_x, at_y)
            x, y = px.value, py.value
            self.points.append((a * x + c * y + e, height - (b * x + d * y + f)))


def _is_rectangle(segments: _Segments, box: Cell) -> bool:
    """Four points at the corners of the path's bounds, each a side away from the last, and the
    path closed (by its flag or a fifth point back at the first): an axis-parallel rectangle,
    whatever its stroke or fill (whose width the bounds add)."""
    x0, top, x1, bottom = box
    corners = []
    for x, y in segments.points[:4]:
        at_x0, at_top = abs(x - x0) < TOLERANCE, abs(y - top) < TOLERANCE
        if not ((at_x0 or abs(x - x1) < TOLERANCE) and (at_top or abs(y - bottom) < TOLERANCE)):
            return False
        corners.append((at_x0, at_top))
    if any(p[0] == q[0] and p[1] == q[1] or p[0] != q[0] and p[1] != q[1]
           for p, q in zip(corners, corners[1:] + corners[:1])):
        return False                                # two points on one corner, or a diagonal
    if _segment_closes(segments.handles[-1]):
        return True
    if segments.n != 5:
        return False
    (x, y), first = segments.points[4], segments.points[0]
    return abs(x - first[0]) < TOLERANCE and abs(y - first[1]) < TOLERANCE


def _rules(segments: _Segments) -> list[Rule]:
    """The horizontal and vertical straight segments of any path."""
    edges: list[Rule] = []
    start = last = None
    for seg, point in zip(segments.handles, segments.points):
        kind = _segment_type(seg)
        if kind == fpdf.FPDF_SEGMENT_LINETO and last:
            edges += _edge(last, point)
        elif kind == fpdf.FPDF_SEGMENT_MOVETO:
            start = point
        last = point
        if _segment_closes(seg) and start:
            edges += _edge(last, start)
            last = start
    return edges


def _edge(p: tuple[float, float], q: tuple[float, float]) -> list[Rule]:
    (x0, y0), (x1, y1) = sorted((p, q))
    if abs(y1 - y0) < 0.5 and x1 - x0 >= 1:
        return [("h", (y0 + y1) / 2, x0, x1)]
    if abs(x1 - x0) < 0.5 and abs(y1 - y0) >= 1:
        return [("v", (x0 + x1) / 2, min(y0, y1), max(y0, y1))]
    return []


def _outline(box: Cell) -> list[Rule]:
    x0, top, x1, bottom = box
    return [("h", top, x0, x1), ("h", bottom, x0, x1), ("v", x0, top, bottom), ("v", x1, top, bottom)]


def _merged(edges: list[Rule]) -> list[Rule]:
    """pdfplumber's merge_edges and length filter: rules of one orientation whose positions lie
    within TOLERANCE of the previous one's are moved to their mean position, then rules on one
    line with gaps up to TOLERANCE are joined; rules shorter than MIN_EDGE are dropped."""
    snapped: list[Rule] = []
    group: list[Rule] = []
    for e in sorted(edges, key=_KIND_AND_POSITION) + [("", 0.0, 0.0, 0.0)]:
        if group and (e[0] != group[-1][0] or e[1] > group[-1][1] + TOLERANCE):
            mean = sum(g[1] for g in group) / len(group)
            snapped += [(g[0], mean, g[2], g[3]) for g in group]
            group = []
        group.append(e)
    joined: list[Rule] = []
    for e in sorted(snapped):
        last = joined[-1] if joined else None
        if last and last[:2] == e[:2] and e[2] <= last[3] + TOLERANCE:
            joined[-1] = (*last[:3], max(last[3], e[3]))
        else:
            joined.append(e)
    return [e for e in joined if e[3] - e[2] >= MIN_EDGE]


def _cells(rules: list[Rule]) -> list[Cell]:
    """pdfplumber's intersections_to_cells: from each crossing (within TOLERANCE) of a vertical
    and a horizontal rule, the smallest rectangle whose four sides lie on rules. Rewritten on
    indexed crossings: pdfplumber's own is quadratic and dict-bound, most of the reading time.
    The horizontal rules a vertical one can cross are one slice of them when they are sorted by
    height, as _merged gives them (all of them otherwise: a position pdfium read as NaN)."""
    vs = [e for e in rules if e[0] == "v"]
    hs = [e for e in rules if e[0] == "h"]
    heights = [e[1] for e in hs]
    ordered = all(a <= b for a, b in zip(heights, heights[1:]))
    on_v: dict[tuple[float, float], set[int]] = defaultdict(set)
    on_h: dict[tuple[float, float], set[int]] = defaultdict(set)
    for iv, (_, x, top, bottom) in enumerate(vs):
        crossable = range(bisect_left(heights, top - TOLERANCE), bisect_right(heights, bottom + TOLERANCE)) \
            if ordered else range(len(hs))
        for ih in crossable:
            _, y, x0, x1 = hs[ih]
            if top - TOLERANCE <= y <= bottom + TOLERANCE and x0 - TOLERANCE <= x <= x1 + TOLERANCE:
                on_v[(x, y)].add(iv)
                on_h[(x, y)].add(ih)
    column, row = defaultdict(list), defaultdict(list)
    after: dict[tuple[float, float], tuple[int, int]] = {}     # a crossing's place in its column and row
    for p in sorted(on_v):                          # columns come out sorted down, rows rightwards
        after[p] = len(column[p[0]]) + 1, len(row[p[1]]) + 1
        column[p[0]].append(p)
        row[p[1]].append(p)
    cells: list[Cell] = []
    for p in on_v:
        cell = _smallest(p, column[p[0]][after[p][0]:], row[p[1]][after[p][1]:], on_v, on_h)
        if cell:
            cells.append(cell)
    return cells


def _smallest(p: tuple[float, float], below: list, right: list, on_v: dict, on_h: dict) -> Cell | None:
    """The first crossing below p on a vertical rule through p, and right of p on a horizontal
    rule through p, whose fourth corner is a crossing of those same two rules."""
    vp, hp = on_v[p], on_h[p]
    for b in below:
        if vp.isdisjoint(on_v[b]):
            continue
        hb = on_h[b]
        for r in right:
            if hp.isdisjoint(on_h[r]):
                continue
            corner = (r[0], b[1])
            if corner in on_v and not on_v[corner].isdisjoint(on_v[r]) and not on_h[corner].isdisjoint(hb):
                return p[0], p[1], r[0], b[1]
    return None


# ---- tables -----------------------------------------------------------------------------------

class Grid(NamedTuple):
    """A table whose cells tile its box: the rulings' positions and the cell in each slot."""
    xs: list[float]
    ys: list[float]
    slot: dict[tuple[int, int], Cell]           # (row, column) -> the cell covering it
    open_top: bool = False                      # its column rules run on above its first row rule
    open_bottom: bool = False                   # … below its last: a page break cuts it there

    @property
    def box(self) -> Cell:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]


def _grid(cells: list[Cell]) -> Grid | None:
    """The cells as a grid, or None when they leave a hole or overlap."""
    xs = sorted({c[0] for c in cells} | {c[2] for c in cells})
    ys = sorted({c[1] for c in cells} | {c[3] for c in cells})
    column, row = {x: j for j, x in enumerate(xs)}, {y: i for i, y in enumerate(ys)}
    slot: dict[tuple[int, int], Cell] = {}
    for cell in cells:
        j0, j1, i0, i1 = column[cell[0]], column[cell[2]], row[cell[1]], row[cell[3]]
        for i in range(i0, i1):
            for j in range(j0, j1):
                if (i, j) in slot:
                    return None
                slot[(i, j)] = cell
    return Grid(xs, ys, slot) if len(slot) == (len(xs) - 1) * (len(ys) - 1) else None


def _tables(cells: list[Cell]) -> list[list[Cell]]:
    """pdfplumber's cells_to_tables: cells sharing a corner, directly or through others, form a
    table; a lone cell too (_grids keeps it only as the closed first row of a table cut by a page
    break)."""
    parent = list(range(len(cells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = i = parent[parent[i]]
        return i

    owner: dict[tuple[float, float], int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            other = owner.setdefault(corner, i)
            if other != i:                          # a corner of its own joins nothing
                parent[root(i)] = root(other)
    groups: dict[int, list[Cell]] = defaultdict(list)
    for i, cell in enumerate(cells):
        groups[root(i)].append(cell)
    return sorted(groups.values(), key=lambda g: min((c[1], c[0]) for c in g))


def _grids(edges: list[Rule]) -> list[Grid] | None:
    """The page's ruled tables; None when one's cells do not tile it even once its outline is drawn."""
    merged = _merged(edges)
    vertical = sum(e[0] == "v" for e in merged)
    check_rulings(len(merged) - vertical, vertical)
    grids = []
    for cells in _tables(_cells(merged)):
        box = (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))
        reach = _reach(box, merged)
        closed = all(abs(a - b) <= TOLERANCE for a, b in zip(box, reach))
        if len(cells) == 1 and closed:
            continue        # a lone cell is no table (a framed paragraph, a box around a title)
        grid = _grid(cells) if closed else None
        if grid is None:        # holes, or column rules run on past the last row rule (a page's cut)
            near = [e for e in merged if _within(e, reach)]
            grid = _grid(_cells(_merged(near + _outline(reach))))
            if grid is None:
                return None
            grid = grid._replace(open_top=box[1] - reach[1] > TOLERANCE, open_bottom=reach[3] - box[3] > TOLERANCE)
        grids.append(grid)
    return grids


def check_pages(count: int) -> None:
    """ParseError `too_many_pages` for a PDF of more pages than MAX_PAGES."""
    if count > MAX_PAGES:
        raise ParseError("too_many_pages", f"a PDF of {count:,} pages, more than the {MAX_PAGES:,} read (a "
                         "report has a few dozen): ask for the report alone")


def check_chars(count: int) -> None:
    """ParseError `too_complex` for a page of more characters than MAX_CHARS."""
    if count > MAX_CHARS:
        raise ParseError("too_complex", f"a page draws {count:,} characters, more than {MAX_CHARS:,}: "
                         "not a report's page")


def check_rulings(horizontal: int, vertical: int) -> None:
    """ParseError `too_complex` for a page ruled with more pairs of rulings than MAX_RULING_PAIRS."""
    if horizontal * vertical > MAX_RULING_PAIRS:
        raise ParseError("too_complex", f"a page ruled with {horizontal:,} horizontal and {vertical:,} vertical "
                         f"lines, more than {MAX_RULING_PAIRS:,} pairs to cross: not a report's table")


def _reach(box: Cell, rules: list[Rule]) -> Cell:
    """The box grown to the ends of the rules that cross it: a table cut by a page break has its
    column rules run on to the cut, where no row rule closes them (a browser's PDF draws none
    along the cut), and the rows they hold lie outside the box of the closed cells."""
    x0, top, x1, bottom = box
    for e in rules:
        if _crosses(e, box):
            if e[0] == "h":
                x0, x1 = min(x0, e[2]), max(x1, e[3])
            else:
                top, bottom = min(top, e[2]), max(bottom, e[3])
    return x0, top, x1, bottom


def _crosses(e: Rule, box: Cell) -> bool:
    """A vertical rule within the box's columns that reaches into its rows, or a horizontal one
    within its rows that reaches into its columns."""
    x0, top, x1, bottom = box
    if e[0] == "v":
        return x0 - TOLERANCE <= e[1] <= x1 + TOLERANCE and e[2] < bottom and e[3] > top
    return top - TOLERANCE <= e[1] <= bottom + TOLERANCE and e[2] < x1 and e[3] > x0


def _within(e: Rule, box: Cell) -> bool:
    x0, top, x1, bottom = (e[2], e[1], e[3], e[1]) if e[0] == "h" else (e[1], e[2], e[1], e[3])
    return (x0 >= box[0] - TOLERANCE and x1 <= box[2] + TOLERANCE
            and top >= box[1] - TOLERANCE and bottom <= box[3] + TOLERANCE)


def _split(glyphs: list[Glyph], box: Cell) -> tuple[list[Glyph], list[Glyph]]:
    """(the glyphs centred in the box, the others)"""
    x0, top, x1, bottom = box
    inside: list[Glyph] = []
    outside: list[Glyph] = []
    for g in glyphs:
        x, y = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2
        (inside if x0 <= x <= x1 and top <= y <= bottom else outside).append(g)
    return inside, outside


def _overreaches(x0: float, x1: float, cell: Cell) -> bool:
    return max(cell[0] - x0, x1 - cell[2]) > OVERREACH * (x1 - x0)


def _runs_across(glyphs: list[Glyph], cell_of: dict[int, Cell]) -> bool:
    """Whether glyphs of one line (_line_groups) in neighbouring cells (cell_of, by the glyph's id)
    stand closer than JOINED: one run of text drawn over the rule between them (cell padding keeps
    the text of two cells further apart)."""
    return any(cell_of[id(a)] != cell_of[id(b)] and b.x0 - a.x1 < JOINED
               for line in _line_groups([g for g in glyphs if g.text != " "]) for a, b in zip(line, line[1:]))


def _past_paper(box: Cell, width: float) -> Cell:
    """The box, its sides on the paper's edge (where Writer clips a table wider than the paper)
    opened: the glyphs of its first or last column's text drawn past the edge are still in the
    file (a text run that the paper shows a part of is kept whole), and are that column's."""
    x0, top, x1, bottom = box
    return (-inf if x0 <= EDGE else x0), top, (inf if x1 >= width - EDGE else x1), bottom


class _Table(NamedTuple):
    """A ruled table read cell by cell, each cell's lines joined as written (a cell starting at a
    grid slot holds its text; a slot a span covers, none): kept so until the page breaks are
    seen to (join_cut_rows), then made lines (_rendered)."""
    grid: Grid
    text: dict[Cell, str]
    width: float                                # the page's: Writer clips a table at its edges


def _table_text(grid: Grid, glyphs: list[Glyph], ink, width: float) -> _Table | None:
    """The table, or None when a glyph cannot be placed in one cell. A glyph's box may cross a rule
    where its ink does not (a full-width comma hanging into the margin): the ink, asked for only
    then, decides. A glyph past the paper's edge is its column's there (_past_paper)."""
    xs, ys, slot = grid.xs, grid.ys, grid.slot
    last = len(xs) - 2
    cell_of: dict[int, Cell] = {}                   # by the glyph's id
    text: dict[Cell, list[Glyph]] = defaultdict(list)
    bounds: dict[Cell, Cell] = {}                   # each cell's _past_paper, asked once
    for g in glyphs:
        j = bisect_right(xs, (g.x0 + g.x1) / 2) - 1
        cell = slot.get((bisect_right(ys, (g.top + g.bottom) / 2) - 1, 0 if j < 0 else last if j > last else j))
        if cell is None:
            return None
        box = bounds.get(cell) or bounds.setdefault(cell, _past_paper(cell, width))
        if _overreaches(g.x0, g.x1, box) and _overreaches(*ink(g.index)[:2], box):
            return None
        cell_of[id(g)] = cell
        text[cell].append(g)
    if _runs_across(glyphs, cell_of):
        return None
    spaced = {cell: [(group, _spacing(group)) for group in _line_groups(glyphs)]
              for cell, glyphs in text.items() if len(glyphs) > 1}      # a cell of one glyph is its text
    labels = _label_spacing(list(spaced.values()))
    return _Table(grid, {cell: "\n".join(_line(group, spacing, labels)[1] for group, spacing in spaced[cell])
                         if cell in spaced else glyphs[0].text.rstrip() for cell, glyphs in text.items()}, width)


def _rendered(table: _Table) -> list[tuple[float, str]]:
    """(top, line) per grid row; a row of values of a table Writer clipped says on which side."""
    (xs, ys, slot, *_), text, width = table
    rows = [[(text.get(cell, "") if cell[:2] == (xs[j], ys[i]) else None)
             for j in range(len(xs) - 1) for cell in (slot[(i, j)],)]
            for i in range(len(ys) - 1)]
    lines = grid_lines(rows)
    left, right = xs[0] <= EDGE, xs[-1] >= width - EDGE
    if left or right:
        lines = [beside_edges([line], left, right) if _holds_number(line) else line for line in lines]
    return list(zip(ys, lines))


def join_cut_rows(above: _Table, below: _Table) -> None:
    """A row a page break cuts in two (a browser prints a tall row's first lines at the foot of one
    page, the rest atop the next: `(五)不予 1.` with the row's values, then `处理 信访举报投诉类申请`)
    is one row again: each text of the lower table's first row joins the cell of the upper table's
    last row that stands over its middle. Only where the upper table is open at its foot and the
    lower at its head (their column rules run on to the cut), one starts at a column rule of the
    other (the same left rule, or, where a label merged down over rows goes on past the break, the
    rule right of it: its column is not drawn on the other page), every text finds a cell, and no
    cell gets two values (two rows of their own, then)."""
    (xs, ys, slot, _, cut_below), (bxs, bys, bslot, cut_above, _) = above.grid, below.grid
    if not (cut_below and cut_above and (_on_rule(bxs[0], xs) or _on_rule(xs[0], bxs))):
        return
    last = {slot[(len(ys) - 2, j)] for j in range(len(xs) - 1)}
    moves = []
    for j in range(len(bxs) - 1):
        cell = bslot[(0, j)]
        if cell[:2] != (bxs[j], bys[0]) or not below.text.get(cell):
            continue
        middle = (cell[0] + cell[2]) / 2
        target = next((c for c in last if c[0] <= middle <= c[2]), None)
        if target is None or is_value(below.text[cell]) and is_value(above.text.get(target, "")):
            return
        moves.append((target, cell))
    for target, cell in moves:
        above.text[target] = "\n".join(filter(None, (above.text.get(target), below.text.pop(cell))))


def _holds_number(line: str) -> bool:
    """A row of values (a header's or a label's digits are no cell of their own)."""
    return any(is_value(cell) and any(c.isdigit() for c in cell) for cell in line.split("\t"))


# ---- pages ------------------------------------------------------------------------------------

class _Page(NamedTuple):
    lines: list[str | _Table] | None  # top to bottom; None when the page is rotated
    glyphs: int                     # drawn, spaces not counted: a scan's layer of spaces is no text
    heading: str | None = None      # asked for on the first page only
    cut: str | None = None          # the edges ("left", "right", "left and right") a table runs past


def _page_lines(page: pdfium.PdfPage, first: bool) -> _Page:
    """The page's lines: its ruled tables cell by cell (made lines once the page breaks are seen to)
    where every glyph of theirs can be placed in one cell; the rest line by line, or, where a table
    could not be read so, by the glyphs' positions (_word_lines) between the tables that could."""
    if page.get_rotation():
        return _Page(None, 0)
    width, height = page.get_size()
    handle = fpdf.FPDFText_LoadPage(page)
    textpage = _address(handle)
    try:
        glyphs = _glyphs(textpage, height)
        drawn = sum(g.text != " " for g in glyphs)
        edges = _edges(_address(page.raw), height)
        grids = _grids(edges)
        tables, rest = _tables_read(grids or [], glyphs, lambda i: _ink(textpage, i, height), width)
        heading = _heading(textpage, rest) if first else None
    finally:
        fpdf.FPDFText_ClosePage(handle)
    cut = _past_edge(edges, width, height)
    if grids == [] and _tabular(rest):
        return _Page(_word_lines(rest, [], width, cut, borderless=True), drawn, heading, cut)
    if grids is not None and len(tables) == len(grids):
        placed: list[tuple[float, str | _Table]] = [(t.grid.ys[0], t) for t in tables] + _lines(rest)
        placed.sort(key=lambda item: item[0])
        return _Page([line for _, line in placed if line], drawn, heading, cut)
    items: list[str | _Table] = []
    tops = [t.grid.ys[0] for t in tables] + [inf]
    for above, table, below in zip([-inf] + [t.grid.ys[-1] for t in tables], tables + [None], tops):
        band = [g for g in rest if above <= (g.top + g.bottom) / 2 < below]
        items += _word_lines(band, [e for e in edges if _in_band(e, above, below)], width, cut) if band else []
        items += [table] if table else []
    return _Page(items, drawn, heading, cut)


def _tabular(glyphs: list[Glyph]) -> bool:
    """Whether a page without ruled tables holds a table printed without rules: TABLE_ROWS lines
    that end in three or more values (a web page whose borders a browser's print dropped)."""
    rows = 0
    for group in _line_groups(glyphs):
        found, _ = pdf_words.words([group], [], 0)
        rows += len(found) >= 3 and all(is_value(w.text) for w in found[-3:])
        if rows == TABLE_ROWS:
            return True
    return False


def _in_band(e: Rule, top: float, bottom: float) -> bool:
    """A horizontal rule between the two heights, or a vertical one reaching between them."""
    return top <= e[1] <= bottom if e[0] == "h" else e[2] < bottom and e[3] > top


def _past_edge(edges: list[Rule], width: float, height: float) -> str | None:
    """The page edges a table runs past, if any. Writer lays out a page wider than the paper
    as it is and clips it at the paper's edge: a table's row rules end on the edge, and what lies
    past it is not in the file (glyphs wholly outside are dropped; one drawn across it is kept).
    A table's rows: at least EDGE_ROWS horizontal rules inside the page ending on the same edge
    (a page's background or a banner line gives fewer)."""
    inside = [(x0, x1) for kind, y, x0, x1 in edges if kind == "h" and EDGE < y < height - EDGE]
    sides = [side for side, reaches in (("left", lambda x0, x1: x0 <= EDGE), ("right", lambda x0, x1: x1 >= width - EDGE))
             if sum(reaches(x0, x1) for x0, x1 in inside) >= EDGE_ROWS]
    return " and ".join(sides) or None


def _tables_read(grids: list[Grid], glyphs: list[Glyph], ink, width: float) -> tuple[list[_Table], list[Glyph]]:
    """(the tables read cell by cell, top to bottom; the glyphs outside them): a table whose glyphs
    cannot all be placed in one cell each leaves them with the others."""
    tables: list[_Table] = []
    for grid in grids:
        inside, outside = _split(glyphs, _past_paper(grid.box, width))
        table = _table_text(grid, inside, ink, width)
        if table is not None:
            tables.append(table)
            glyphs = outside
    return sorted(tables, key=lambda t: t.grid.ys[0]), glyphs


def _word_lines(glyphs: list[Glyph], edges: list[Rule], width: float, cut: str | None,
                borderless: bool = False) -> list[str]:
    """The page read by position (pdf_words.py, words.py), its horizontal rules as row bands (or,
    borderless, its tables printed without rules: words.py's label cells). A
    vertical rule on the page's edge is where Writer clipped a table wider than the paper, not a
    cell's: a value drawn across it (95 at the edge, its 5 past it) is one cell's. On a page cut
    so, a row whose cells' rules run to the edge says it runs past it (_runs_past)."""
    rules = _merged(edges)
    verticals = sorted((x, top, bottom) for kind, x, top, bottom in rules
                       if kind == "v" and EDGE < x < width - EDGE)
    bands = sorted(y for kind, y, _, _ in rules if kind == "h")
    placed, across = pdf_words.words(_line_groups(glyphs), verticals, 0, borderless)
    past_edge = _runs_past([e for e in rules if e[0] == "h"], width) if cut else None
    reading = words.read(placed, {0: bands}, doubted=lambda w: id(w) in across, past_edge=past_edge,
                         borderless=borderless)
    return [line for line in reading.lines if line]


def _runs_past(rows: list[Rule], width: float) -> words.Edges:
    """Whether a row runs past the paper's left and right edge, asked of its first word and its
    last value: the rules above and below that word (the nearest that cross it) both end on the
    edge, as the rules of a row Writer clipped there do."""
    def bounded(word: Word, reaches) -> bool:
        x = (word.x0 + word.x1) / 2
        crossing = [(y, x0, x1) for _, y, x0, x1 in rows if x0 - TOLERANCE <= x <= x1 + TOLERANCE]
        above = max((r for r in crossing if r[0] <= word.y0 + TOLERANCE), default=None)
        below = min((r for r in crossing if r[0] >= word.y1 - TOLERANCE), default=None)
        return above is not None and below is not None and reaches(above) and reaches(below)

    def test(first: Word, last: Word) -> tuple[bool, bool]:
        return bounded(first, lambda r: r[1] <= EDGE), bounded(last, lambda r: r[2] >= width - EDGE)
    return test


def _on_rule(x: float, rules: list[float]) -> bool:
    return any(abs(x - r) <= TOLERANCE for r in rules)


def _join_across(before: list[str | _Table], after: list[str | _Table]) -> None:
    """A row cut by the break between two pages (join_cut_rows): the last table of the one, the
    first of the other."""
    above = next((item for item in reversed(before) if isinstance(item, _Table)), None)
    below = next((item for item in after if isinstance(item, _Table)), None)
    if above and below:
        join_cut_rows(above, below)


def _lines_of(item: str | _Table) -> list[str]:
    return [line for _, line in _rendered(item) if line] if isinstance(item, _Table) else [item]


def _title(doc: pdfium.PdfDocument) -> str | None:
    """The document's /Title; None when it is not text (a lone UTF-16 surrogate, in a damaged file)."""
    try:
        return doc.get_metadata_value("Title")
    except UnicodeDecodeError:
        return None


class Read(NamedTuple):
    text: str
    cut: list[tuple[int, str]]          # (page number from 1, edge) of each page a table runs past (_past_edge)


def read(raw: bytes, min_chars_per_page: int) -> Read | None:
    """The document as text, or None when the fast path cannot read it (see the module's doc)."""
    try:
        doc = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError:
        return None
    try:
        check_pages(len(doc))
        pages, chars, heading, cut = [], 0, None, []
        for i in range(len(doc)):
            page = doc[i]                           # a damaged page: PdfiumError
            try:
                read = _page_lines(page, first=i == 0)
            finally:
                page.close()
            if read.lines is None:
                return None
            if pages and pages[-1] and read.lines:
                _join_across(pages[-1], read.lines)
            pages.append(read.lines)
            chars += read.glyphs
            heading = heading or read.heading
            cut += [(i + 1, read.cut)] if read.cut else []
        if chars < min_chars_per_page * max(len(doc), 1):
            return None
        lines = [[line for item in page for line in _lines_of(item)] for page in pages]
        return Read(with_title("\n".join(without_running(lines)), _title(doc), heading), cut)
    except pdfium.PdfiumError:
        return None
    finally:
        doc.close()
