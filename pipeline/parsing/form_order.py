"""Table 三's values dealt out in the form's row order: where a converter wrote the values apart
from their labels (in drawing order, a row's values before its label, rows in blocks written column
by column, two cells run together), they fill the form's rows a row's worth each, and the reading is
taken only where every identity of the table holds, in exactly one way.
"""
from __future__ import annotations

from decimal import Decimal
from functools import cache
from itertools import accumulate
from typing import NamedTuple

from . import spec
from .checks import application_identities
from .flags import Flag
from .solve import SumGroup
from .split import looks_glued, split_row, written_cut
from .table_result import Cell, TableResult, token_value
from .tokens import Token

FORM_COLUMNS = tuple(c.code for c in spec.APPLICANT_COLUMNS)


@cache
def sum_groups(cols: tuple[str, ...]) -> tuple[SumGroup, ...]:
    if "total" in cols and all(p in cols for p in spec.APPLICANT_PARTS):
        return (SumGroup(cols.index("total"), tuple(cols.index(p) for p in spec.APPLICANT_PARTS)),)
    return ()


ROW_RULES = frozenset({"row_values_mismatch", "ambiguous_cells", "recovered_cells", "split_cells"})  # row_flag's
_FORMS = tuple(tuple(r.code for r in spec.APPLICATION_ROWS if r.code not in leave_out)
               for leave_out in (("other_processing",), spec.OTHER_SUBROWS))     # the 2021 form's rows, the 2019's


def read_in_form_order(result: TableResult, tokens: list[Token], forms: tuple[tuple[str, ...], ...],
                        past: list[Token] = ()) -> bool:
    """result's cells as the values in their written order fill one of the forms' rows
    (_in_form_order), flagged so, where they do, else as they do with the first values `past` the
    table's end after them, where one count of those only fits (claimed: no other table's); the rows
    whose run of two cells was cut are placed, not read."""
    dealt = _in_form_order(tokens, forms)
    if dealt is None and past:      # the first k of them, for exactly one k
        fits = [(k, fit) for k in range(1, len(past) + 1)
                if (fit := _in_form_order([*tokens, *runs_cut({"": past[:k]}, len(FORM_COLUMNS))[""]], forms))]
        if len(fits) == 1:
            (k, dealt), = fits
            result.claimed = past[:k]
    if dealt is None:
        return False
    result.cells, cut, moved, how = dealt
    ran = f" (in {', '.join(cut)} two cells run together, cut in the one way that keeps the row's total)" if cut else ""
    if result.claimed:
        ran += (f" (the last ones, {' '.join(t.raw for t in result.claimed)}, after section 四's heading, before "
                "its words but its header's top line)")
    if moved:
        ran += (f" ({len(moved)} rows, from {moved[0]} on, {how}: the one reading in that order whose rows' "
                "totals hold and that keeps every identity)")
    result.flags = [f for f in result.flags if f.rule not in ROW_RULES] + [Flag(
        "values_in_form_order", "section 三: rows read by their labels leave cells NULL or break an identity (or "
        "values stand before the first label), but the values in their written order fill the form's rows a row's "
        f"worth each{ran}, and every identity of the table holds: so read", "info")]
    result.placed = {("application", code, col) for code in cut for col in FORM_COLUMNS}
    return True


def runs_cut(row_tokens: dict[str, list[Token]], width: int) -> dict[str, list[Token]]:
    """The rows with each glued run of a row's worth of digits (0000000, 4000004: pdftotext runs a
    row's narrow cells together; markitdown may set one row's run beside the next's) that its writing
    cuts in one way only (written_cut, the run's total its parts' sum) as that cut's `width` cells,
    and a row still short of `width` values that one cut only of its pieces fills (140 0 0 0 0 14:
    pdfminer runs 14 and 0 together; only 14|0 keeps the total): such a row is read so by its label,
    and is as many values in the table's written order."""
    groups = sum_groups(FORM_COLUMNS) if width == len(FORM_COLUMNS) else ()
    out: dict[str, list[Token]] = {}
    for code, toks in row_tokens.items():
        toks = [cell for tok in toks for cell in _run_cells(tok, width, groups)]
        out[code] = _short_row_cut(toks, width, groups) or toks
    return out


def _run_cells(tok: Token, width: int, groups: tuple[SumGroup, ...]) -> list[Token]:
    """A token that is a row's glued run cut in its one way, else the token itself (a run shorter than
    the row's cells is none)."""
    if len(tok.raw) < width:
        return [tok]
    cells = written_cut([tok.raw], [tok.value], width, groups) if looks_glued([tok.raw], width) else None
    if cells is None or None in cells:
        return [tok]
    return [Token(tok.offset, format(c, "f"), c, line=tok.line) for c in cells]


def _short_row_cut(toks: list[Token], width: int, groups: tuple[SumGroup, ...]) -> list[Token] | None:
    """A row of fewer numbers than `width` whose pieces one cut only makes `width` cells that keep
    the row's sums (no cell left out), as those cells; else None."""
    if not groups or not 0 < len(toks) < width or any(t.value is None or t.garbled for t in toks):
        return None
    found = split_row([t.raw for t in toks], list(map(token_value, toks)), width, groups, vanished=0)
    if found.capped or len(found.candidates) != 1:
        return None
    line = toks[0].line if toks[0].line == toks[-1].line else -1      # cells of one line keep it
    return [Token(toks[0].offset, format(c, "f"), c, line=line) for c in found.candidates[0]]


def forms_shown(row_tokens: dict[str, list[Token]], text: str, anchors: dict[str, int]) -> tuple[tuple[str, ...], ...]:
    """The form's rows as the labels found show them: （六）'s sub-rows, or its one row (else none).
    A 2021 report may keep only （六）1. and 2.: its form lacks 3.其他 where （六）2.'s label and
    （七）总计's are found and the text between them holds no 其他 (not even cut: 其 / 他); where
    neither they nor 3.其他 are found, both forms are tried, and only one may fit."""
    if not any(r in row_tokens for r in spec.OTHER_SUBROWS):
        return (_FORMS[1],) if "other_processing" in row_tokens else ()
    if "other_other" in anchors:
        return (_FORMS[0],)
    without_other = tuple(r for r in _FORMS[0] if r != "other_other")
    unpaid, total = anchors.get("other_unpaid_fee"), anchors.get("outcome_total")
    if unpaid is not None and total is not None:
        return (_FORMS[0],) if "他" in text[unpaid:total] else (without_other,)
    return _FORMS[0], without_other


class _Dealt(NamedTuple):
    cells: dict[str, dict[str, Cell]]
    cut: list[str]          # rows with a run of two cells cut
    moved: list[str]        # rows read from values written otherwise than along the row
    how: str                # how those were written


def _in_form_order(tokens: list[Token], forms: tuple[tuple[str, ...], ...]) -> _Dealt | None:
    """The table's values (tokens) dealt out in their written order, seven to each of the form's
    rows (a converter wrote the values in the form's row order but its labels apart from them, or
    split a label so that it is not found): taken only where the values, each a number, are exactly
    the form's cells, and every identity of the table (each row's total, the outcome rows' sum, the
    balance of each column) is evaluated and holds, or, short of the form's cells, where they are so
    dealt with some runs of two cells cut (_dealt_with_cuts). The forms: forms_shown; only one of them may
    fit. None otherwise."""
    if any(t.value is None or t.garbled for t in tokens):
        return None
    fits = [fit for form in forms if (fit := _dealt_in_form(tokens, form)) is not None]
    return fits[0] if len(fits) == 1 else None


def _dealt_in_form(tokens: list[Token], form: tuple[str, ...]) -> _Dealt | None:
    """_in_form_order's reading in one form's rows: row by row, else (as many values as cells) in
    one of the drawing orders _moved knows, else with runs cut (fewer values)."""
    width = len(FORM_COLUMNS)
    values = list(map(token_value, tokens))
    moved: list[int] = []
    how = ""
    if len(tokens) == width * len(form):
        rows, cut = [values[k * width:(k + 1) * width] for k in range(len(form))], []
        if not _all_held(form, rows):
            found = _moved(values, form, width)
            if found is None:
                return None
            rows, moved, how = found
    elif len(tokens) < width * len(form):
        dealt = _dealt_with_cuts([t.raw for t in tokens], values, len(form), width)
        if dealt is None:
            return None
        rows, cut = dealt
    else:
        return None
    if not _all_held(form, rows):
        return None
    return _Dealt({code: dict(zip(FORM_COLUMNS, cells)) for code, cells in zip(form, rows)},
                  [form[k] for k in cut], [form[k] for k in moved], how)


def _all_held(form: tuple[str, ...], rows: list[list[Decimal]] | tuple[tuple[Decimal, ...], ...]) -> bool:
    held = [i.held for i in application_identities({code: dict(zip(FORM_COLUMNS, cells))
                                                    for code, cells in zip(form, rows)})]
    return bool(held) and all(held)


_MAX_BLOCK_READINGS = 64
Table = tuple[tuple[Decimal, ...], ...]


def _moved(values: list[Decimal], form: tuple[str, ...], width: int) -> tuple[list[list[Decimal]], list[int], str] | None:
    """The rows where the values, as many as the form's cells, are not written row by row but in
    one of the drawing orders a PDF's content stream keeps (_in_blocks, _first_columns_apart): the one table
    that all those orders together give and in which every identity holds (none, more than one, or
    too many readings to weigh: None). The rows, those not read along the row, and how."""
    tables: dict[Table, str] = {}
    for how, found in (("in blocks written column by column", _in_blocks(values, form, width)),
                       ("their first columns written after their other values", _first_columns_apart(values, form, width))):
        if found is None:
            return None
        for table in found:
            tables.setdefault(table, how)
    if len(tables) != 1:
        return None
    (table, how), = tables.items()
    rows = [list(row) for row in table]
    return rows, [k for k in range(len(form)) if rows[k] != values[k * width:(k + 1) * width]], how


def _holds(row: list[Decimal] | tuple[Decimal, ...]) -> bool:
    return row[-1] == sum(row[:-1])


def _in_blocks(values: list[Decimal], form: tuple[str, ...], width: int) -> frozenset[Table] | None:
    """The tables where a PDF draws table 三 in blocks of rows (a merged label cell's rows, a page's
    rows), each block's cells column by column (pdftotext's raw text of real reports: the first
    column of （三）'s eight rows, then the second, …), a lone row's along the row. Every way to part
    the rows into consecutive blocks whose rows each have their parts' sum for total is taken, and
    the tables they give in which every identity holds are returned (None: past
    _MAX_BLOCK_READINGS different tables). Only where some row read along the rows breaks its total:
    a table whose rows all hold as written breaks its other identities in its source, and is read so
    or not at all, never rearranged to hold."""
    rows = len(form)
    if all(_holds(values[k * width:(k + 1) * width]) for k in range(rows)):
        return frozenset()

    def block(i: int, r: int) -> Table:
        start = i * width
        return tuple(tuple(values[start + c * r + a] for c in range(width)) for a in range(r))

    fits = {i: [(r, b) for r in range(1, rows - i + 1) if all(map(_holds, b := block(i, r)))] for i in range(rows)}

    @cache
    def readings(i: int) -> frozenset | None:
        """The distinct tables rows i.. can be read as (None: too many)."""
        if i == rows:
            return frozenset({()})
        out: set = set()
        for r, b in fits[i]:
            rest = readings(i + r)
            if rest is None:
                return None
            out.update(b + tail for tail in rest)
            if len(out) > _MAX_BLOCK_READINGS:
                return None
        return frozenset(out)
    found = readings(0)
    return None if found is None else frozenset(t for t in found if _all_held(form, t))


def _first_columns_apart(values: list[Decimal], form: tuple[str, ...], width: int) -> frozenset[Table] | None:
    """The tables where a PDF draws a run of rows' cells but their first columns along the rows,
    and those first columns' cells (row by row) right after the run or after the table's last row
    (Chromium's PDFs of reports whose first columns' cells sit with wrapped labels: pdftotext's raw
    text has them beside the labels, after the other values); the other rows are written along the
    row. Where some row read along the rows breaks its total (cells moved away break it; a table
    whose rows all hold breaks a column's identity in its source), every run of rows, count of
    first columns and place of those cells where each row's total is its parts' sum is taken, and
    the tables in which every identity holds are returned (None: past _MAX_BLOCK_READINGS different
    tables)."""
    n = len(form)
    major = [tuple(values[k * width:(k + 1) * width]) for k in range(n)]
    first_bad = next((k for k in range(n) if not _holds(major[k])), n)
    if first_bad == n:
        return frozenset()
    whole_from = n      # rows from here on hold where they are written along the row
    while whole_from > 0 and _holds(major[whole_from - 1]):
        whole_from -= 1
    sums = list(accumulate(values, initial=Decimal(0)))      # sums[i]: the first i values' sum
    found: set[Table] = set()
    weighed: dict[Table, bool] = {}
    for a in range(min(first_bad + 1, n)):
        for b in range(a, n):
            for c in range(1, width):
                after = width * a + (width - c) * (b - a + 1)       # where the rows past the run start
                for q in {b + 1, n}:        # the first columns' cells before row q
                    moved = [values[after + k * width:after + (k + 1) * width] for k in range(q - b - 1)]
                    if q < whole_from or not all(map(_holds, moved)):
                        continue
                    firsts = after + (q - b - 1) * width
                    # each row's total its parts' sum, by the values' running sums
                    if any(sums[firsts + (i + 1) * c] - sums[firsts + i * c] + sums[width * a + (i + 1) * (width - c) - 1]
                           - sums[width * a + i * (width - c)] != values[width * a + (i + 1) * (width - c) - 1]
                           for i in range(b - a + 1)):
                        continue
                    run = [values[firsts + i * c:firsts + (i + 1) * c]
                           + values[width * a + i * (width - c):width * a + (i + 1) * (width - c)] for i in range(b - a + 1)]
                    table = tuple(map(tuple, major[:a] + run + moved + major[q:]))
                    if table not in weighed:        # many places give one table where cells are alike
                        weighed[table] = _all_held(form, table)
                        found.update([table] if weighed[table] else [])
                        if len(found) > _MAX_BLOCK_READINGS:
                            return None
    return frozenset(found)


def _pair_cuts(raw: str) -> list[tuple[Decimal, Decimal]]:
    """A run of digits as two cells (140: 1|40, 14|0), neither with a leading zero."""
    if not raw.isdigit():
        return []
    return [(Decimal(raw[:i]), Decimal(raw[i:])) for i in range(1, len(raw))
            if (raw[0] != "0" or i == 1) and (raw[i] != "0" or i == len(raw) - 1)]


def _dealt_with_cuts(raws: list[str], values: list[Decimal], rows: int,
                     width: int) -> tuple[list[list[Decimal]], list[int]] | None:
    """The values dealt out `width` to a row, where the text has fewer than the form's cells because
    pdftotext ran two close cells together (14 and 0 of one row as 140): row by row, either the next
    `width` values, whose total is their parts' sum, or the next `width - 1` with one of them cut in
    two so that the total is their parts' sum, in exactly one way. A row that both readings, or two
    cuts, fit (or none) ends the deal: None. So does a deal that does not use up the values.
    The rows, and the indexes of those cut."""
    group = sum_groups(FORM_COLUMNS)[0]

    def holds(cells: list[Decimal]) -> bool:
        return cells[group.total] == sum(cells[p] for p in group.parts)
    out: list[list[Decimal]] = []
    cut: list[int] = []
    i = 0
    for k in range(rows):
        fits = []
        whole = values[i:i + width]
        if len(whole) == width and holds(whole):
            fits.append((width, whole))
        short = values[i:i + width - 1]
        if len(short) == width - 1:
            for j in range(width - 1):
                for a, b in _pair_cuts(raws[i + j]):
                    cells = short[:j] + [a, b] + short[j + 1:]
                    if holds(cells):
                        fits.append((width - 1, cells))
        if len(fits) != 1:
            return None
        used, cells = fits[0]
        out.append(cells)
        if used < width:
            cut.append(k)
        i += used
    return (out, cut) if i == len(values) else None
