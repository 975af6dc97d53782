"""Section 二's tables: the proactive-disclosure clauses (第二十条第（一）项 …), each with a header
naming its measures (本年新制作数量, 上一年项目数量, 采购总金额 …) and a row per item. The clauses'
headers are matched by their labels (spec.MEASURES), in whatever order a converter wrote them; a
row's cells are its values in the header's columns, in the unit the header or the cell states.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import permutations
from operator import itemgetter

from . import spec
from .flags import Flag
from .locate import LabelSet
from .split import leading_zero, resolve, split_row
from .table_result import Cell, TableResult, garbled_flag, number_tokens, row_flag, token_value, values_first_flag
from .tables import cut_label, first_run, written_form
from .tokens import COUNT_UNITS, MONEY_UNITS, Stream, Token

_CLAUSE_HEADER = re.compile(spec.CLAUSE_HEADER)
_DISCLOSURE_ITEMS = LabelSet(spec.DISCLOSURE_ITEMS)
_MEASURES = LabelSet(spec.MEASURES)


def _header_unit(header: str) -> str | None:
    """The money unit a clause's header states: 采购总金额（万元）, 本年收费金额（单位：万元）, （元）.
    None where 万 and 元 stand apart (a converter wrote the header's lines between them: 单位：万 /
    | 信息内容 | … | / 元）): not 元, and not known for certain."""
    if "万" in header and "元" in header and "万元" not in header:
        return None
    for unit in MONEY_UNITS:
        if unit in header:
            return unit
    return None


_ITEM_HEADING = "信息内容"      # the heading of a clause table's label column: none of its characters is a measure's


def _without_item_heading(header: str) -> str:
    """The header less the label column's heading, its characters taken in order wherever they stand:
    pdfminer interleaves the characters of header cells that share a line (本年收信息内容费金额,
    （本年）处理信决定息内容数量), and no measure's label holds one of them."""
    rest, k = [], 0
    for ch in header:
        if k < len(_ITEM_HEADING) and ch == _ITEM_HEADING[k]:
            k += 1
        else:
            rest.append(ch)
    return "".join(rest) if k == len(_ITEM_HEADING) else header


def _by_own_part(m: spec.Measure, header: str) -> int | None:
    """Where the header holds a part of the measure's label, at least two characters that no other
    measure's label holds (本年增/, 上一年, 行有效件数, 年增), with the label's characters before that part
    in order before it and those after it in order after it, wherever they stand (a cell wrapped over
    lines that other cells' lines part: 上一年 … 项 … 目数量, 本年增/ … 减, 现 … 行有效件数, 本 … 年增 … /减):
    where the label's first character stands, the longest part first; else None."""
    label = written_form(m.label)
    others = [written_form(o.label) for o in spec.MEASURES if o is not m]
    for n in range(len(label) - 1, 1, -1):
        for s in range(len(label) - n + 1):
            part = label[s:s + n]
            if any(part in o for o in others) or (at := header.find(part)) < 0 \
                    or not _in_order(label[s + n:], header, at + n):
                continue
            first = _first_before(label[:s], header, at)
            if first is not None:
                return first
    return None


def _in_order(chars: str, text: str, start: int) -> bool:
    """Whether text[start:] holds the characters in their order, others between them."""
    rest = iter(text[start:])
    return all(ch in rest for ch in chars)


def _first_before(chars: str, text: str, end: int) -> int | None:
    """Where the nearest run of the characters in their order (others between them) that ends
    before text[end] begins (end itself for none), else None."""
    at = end
    for ch in reversed(chars):
        at = text.rfind(ch, 0, at)
        if at < 0:
            return None
    return at


def _header_text(stream: Stream, start: int, end: int) -> str:
    """A clause header's text with the blank marks that stand in it: a header's / is its words' (本年增
    / 减 wrapped over lines), not a cell."""
    text, at, pieces = stream.text, start, []
    for tok in stream.between(start, end):
        if tok.value is None and not tok.garbled and tok.offset < end:
            pieces += [text[at:tok.offset], tok.raw]
            at = tok.offset
    return "".join(pieces) + text[at:end]


@lru_cache(maxsize=1024)
def _clause_columns(header: str) -> tuple[tuple[spec.Measure, ...], tuple[str, ...], str | None]:
    """The measures a clause's header names, in its order; the templates it shows (those of its
    measures that belong to one template only); and the money unit the header states."""
    header = _without_item_heading(header)
    found = _MEASURES.first(header)
    whole = {m for _, m in found}
    # a header cell a page break cut (本 年 / 新 公 atop 开数量, a wrapped cell's last line on the next
    # page): the measure stands where its head does; two characters each side, as a measure's
    # labels share their first and last characters (本年…, …数量), or a part of it the measure's
    # alone and the rest of its label in order around it (本年增/ … 减, 现 … 行有效件数)
    found += [(at, m) for m in spec.MEASURES if m not in whole
              if (at := cut_label(written_form(m.label), header, least=2)) is not None
              or (at := _by_own_part(m, header)) is not None]
    measures = tuple(m for _, m in sorted(found, key=itemgetter(0)))
    shown = tuple(m.templates[0] for m in measures if len(m.templates) == 1)
    return measures, shown, _header_unit(header)


def _proactive_values(toks: list[Token], row: str, measures: tuple[spec.Measure, ...], glued: bool,
                      flags: list[Flag]) -> tuple[list[Cell], list[str]]:
    """A section 二 row's cells, one per measure, and the unit written in each; flags what is
    not read as written. Narrative after the table's last row (with numbers of its own) is not
    part of the row: where there are more values than columns, the row is the first run."""
    width = len(measures)
    if len(toks) > width:
        toks = first_run(toks, 0)
    garbled = garbled_flag("section 二", row, toks)
    if garbled:
        flags.append(garbled)
    if width and len(toks) == width:
        if all(_may_stand(tok._replace(unit=""), m) for tok, m in zip(toks, measures)):
            return list(map(token_value, toks)), [t.unit for t in toks]
        # a sign or a fraction under a count: the values are not in the header's order (a
        # converter's drawing order); a unit of the wrong kind is _in_unit's to name
        flags.append(Flag("row_values_mismatch", f"section 二: {row} has values ({' '.join(t.raw for t in toks)}) "
                          "that stand in no column the header gives them (a sign or a fraction under a count: not "
                          "in the header's order); left NULL"))
        return [None] * width, [""] * width
    raws = [t.raw for t in toks]
    if width and toks and len(toks) < width and (glued or leading_zero(raws)) and _units_fit(toks, measures):
        # No identities hold between these cells: a dropped blank cannot be told from a digit
        # of its neighbour, so a run is cut only as written (one cell per piece, none left out).
        signed = frozenset(k for k, m in enumerate(measures) if m.signed)
        res = resolve(split_row(raws, list(map(token_value, toks)), width, signed=signed, vanished=0), width)
        flag = row_flag("section 二", row, res, toks)
        if flag:
            flags.append(flag)
        return res.values, [""] * (width - 1) + [toks[-1].unit]   # a unit follows the run's last cell
    written = " ".join(raws) or "(none)"
    flags.append(Flag("row_values_mismatch", f"section 二: {row} has values ({written}) for {width} "
                      "columns; left NULL"))
    return [None] * width, [""] * width


def _unordered(measures: tuple[spec.Measure, ...]) -> bool:
    """A header that names its columns in another order than the form's: a header wrapped over lines
    and written in drawing order (a PDF's text), where the line a cell's words fall on tells
    nothing of its column. Whether it was, the text (its lines joined) cannot tell."""
    return list(measures) != sorted(measures, key=_FORM_ORDER.index)


_FORM_ORDER = list(spec.MEASURES)


def _unordered_lead(measures: tuple[spec.Measure, ...], clause: str, at: int, flags: list[Flag]) -> list[Token]:
    """A header's columns in another order than the form's: no value under it is read (a mark
    standing for the values before the labels), and a flag says why."""
    if not _unordered(measures):
        return []
    flags.append(Flag("columns_unordered", f"section 二: the header of clause {clause} names its columns in "
                      "another order than the form's (a header wrapped over lines?); the clause's cells are "
                      "left NULL but where every column order its values allow (a sign in 本年增/减 only, a "
                      "fraction in an amount only) reads them alike"))
    return [Token(at, "", None)]


def _order_free(lead: list[Token], toks: list[Token], measures: tuple[spec.Measure, ...]) -> tuple[list[Cell], list[str]] | None:
    """A row under a header of unknown column order (``_unordered_lead``'s mark): its cells, and the
    unit written in each, where every order of the columns that its values allow gives them alike (a
    value with a sign stands only in a signed column, 本年增/减; one with a fraction or a money unit only
    in an amount's; one with a count unit only in a count's); a cell the orders disagree on is NULL.
    规章 0 0 0 reads so in any order, 15 -15 under 本年增/减 and 上一年项目数量 in one only. None for
    a row not of the header's width, or with a garbled cell."""
    width = len(measures)
    if [t.raw for t in lead] != [""] or len(toks) != width or any(t.garbled for t in toks):
        return None
    orders = [order for order in permutations(range(width))
              if all(_may_stand(toks[k], measures[j]) for k, j in enumerate(order))]
    cells: list[tuple[Cell, str]] = []
    for j in range(width):
        seen = {(toks[order.index(j)].value, toks[order.index(j)].unit) for order in orders}
        cells.append(seen.pop() if len(seen) == 1 else (None, ""))
    return [v for v, _ in cells], [u for _, u in cells]


def _may_stand(tok: Token, m: spec.Measure) -> bool:
    """Whether the value may be the measure's: a sign is a signed column's, a fraction or a money unit
    an amount's, a count unit a count's."""
    if tok.value is None:
        return True
    if (tok.value < 0 or tok.raw[0] in "+-") and not m.signed:
        return False
    if (tok.value != tok.value.to_integral_value() or tok.unit in MONEY_UNITS) and not m.is_amount:
        return False
    return not (tok.unit in COUNT_UNITS and m.is_amount)


def _of_clause(measures: tuple[spec.Measure, ...], clause: str, row: str, flags: list[Flag]) -> bool:
    """Whether the header's columns are all of the row's clause (a row under another clause's
    columns, as when that clause's own header was not read, is not read by them)."""
    alien = [m.code for m in measures if clause not in m.clauses]
    if alien:
        flags.append(Flag("columns_of_another_clause", f"section 二: {row} stands under the columns "
                          f"{', '.join(alien)}, which its clause's table does not have; left NULL"))
    return not alien


def _units_fit(toks: list[Token], measures: tuple[spec.Measure, ...]) -> bool:
    """A row to be cut may carry a unit only after its run's last cell, of that column's kind: a
    unit inside the row would fix a cell's end the cut does not know."""
    if any(t.unit for t in toks[:-1]):
        return False
    unit = toks[-1].unit
    return not unit or (unit in MONEY_UNITS) == measures[-1].is_amount


def _in_unit(value: Cell, m: spec.Measure, written: str, header: str | None, row: str,
             flags: list[Flag]) -> Cell:
    """A cell in the warehouse's unit (yuan for amounts). The unit written beside the number wins,
    then the header's, then the form's; an amount with none is not guessed. A money unit on a
    count, or a count unit on an amount, is not that column's value."""
    if value is None:
        return None
    if not m.is_amount:
        if written in MONEY_UNITS:
            flags.append(Flag("unit_mismatch", f"section 二: {row} {m.code} is a count but is written "
                              f"{value}{written}; left NULL"))
            return None
        return value
    if written and written not in MONEY_UNITS:
        flags.append(Flag("unit_mismatch", f"section 二: {row} {m.code} is an amount but is written "
                          f"{value}{written}; left NULL"))
        return None
    unit = written or header or m.unit
    if unit is None and value == 0:
        return value        # nothing is nothing in any unit
    if unit is None:
        flags.append(Flag("amount_unit_unknown", f"section 二: {row} {m.code} is {value} with no unit in "
                          "the cell or the header (元 or 万元); left NULL"))
        return None
    return value * MONEY_UNITS[unit]


def _rows_above_labels(stream: Stream, lead: list[Token], clause: str, items: list, seg_end: int,
                       measures: tuple[spec.Measure, ...], unordered: bool) -> list[list[Token]] | None:
    """Each row's values of a clause whose values stand above their labels (pdftotext's raw text:
    `0 0 0` / 规章 / `6 6 8` / 行政规范性文件), as the values between the label before it (or the
    header) and its own: where every row of the clause has its label found, in the form's order (a
    label the text breaks, 行政 / 许 `88 -72 0` / 可, holds its values inside it: they are no other
    row's; labels drawn out of order, 行政规范性文件 before 规章, keep no one order of values), exactly a row's
    worth stands before the first label and fewer after the last, and no other header stands among
    the rows; and last, those after the last label. Else None: the rows' values are after their
    labels, or the text does not tell."""
    width = len(measures)
    if not width or len(lead) != width or unordered \
            or [item.code for _, item in items] != [i.code for i in spec.DISCLOSURE_ITEMS if i.group == clause]:
        return None
    bounds = [pos for pos, _ in items] + [seg_end]
    if _MEASURES.first(stream.text, bounds[0], seg_end):
        return None
    blocks = [lead] + [stream.between(a, b) for a, b in zip(bounds, bounds[1:])]
    return blocks if len(number_tokens(blocks[-1])) < width else None


def _header_after_label(stream: Stream, items: list, seg_end: int) -> str:
    """The text between a clause's first row's label and its first value (pdftotext's raw text of
    a PDF that draws that label before the clause's header: 行政处罚 / 上一年项目数量 本年增/减 … /
    88 +143 14; a page break between them: 行政许可 / -2- / 本年处理决定数量 / 9487)."""
    start = items[0][0]
    end = items[1][0] if len(items) > 1 else seg_end
    first = next((t.offset for t in stream.between(start, end) if t.value is not None), None)
    return "" if first is None else _header_text(stream, start, first)


def _either_side(above: list[Token], after: list[Token], row: str, flags: list[Flag]) -> tuple[list[Cell], list[str]]:
    """A clause's last row whose values stand above its label but fewer than its columns, the rest
    after its label (pdftotext's raw text: `0 24` / `其他对外管理服务事项 109`, a long label drawn with
    the cell beside it): no identity tells whether those after are the row's first cells or its last,
    so only the cells that both orders read alike are read (`0 0` / `…事项 0`), the others NULL."""
    first, last = after + above, above + after
    values = [a.value if a.value == b.value and a.unit == b.unit and not (a.garbled or b.garbled) else None
              for a, b in zip(first, last)]
    if None in values:
        flags.append(Flag("row_values_mismatch", f"section 二: {row} has values ({' '.join(t.raw for t in above)}) "
                          f"above its label and ({' '.join(t.raw for t in after)}) after it: the cells that differ "
                          "as those after it are its first or its last are left NULL"))
    return values, [a.unit if v is not None else "" for a, v in zip(first, values)]


def _values_both_sides(stream: Stream, start: int, key: int, end: int) -> bool:
    """Whether a row whose label starts before its key (行 0 0 0 / 政规范性文件: a line break cut the
    label, its values between) has values after the key too (章行政 0 0 0 / 规范性文件 2 2 11: 规章's
    last character and its values before the next label's key): then neither run is known its own."""
    return start < key and bool(number_tokens(stream.between(start, key))) and bool(number_tokens(stream.between(key, end)))


def _cells_apart(stream: Stream, start: int, end: int) -> bool:
    """Section 二 written a row a line (no two items' labels on one line) with its cells apart: two
    values with no label between them, no unit after the first nor a sign before the second
    (行政许可 0 +12 4; not 2笔 984361元, nor a glued 15-15). A PDF's text: its short row lost a blank
    cell, whatever table 三's glued runs say (a converter that ran only 三's narrow cells together,
    0000000), and the report's lone 41 under two columns is no 4 | 1. A crawler's page.txt, one line
    or glued, mixes rows apart with glued ones (规章 0 0 0 beside 行政处罚11910305): not so."""
    lines = [stream.line_at(at) for at, _ in _DISCLOSURE_ITEMS.first(stream.text, start, end)]
    tokens = stream.between(start, end)
    return len(set(lines)) == len(lines) > 1 and any(
        a.offset == b.offset and not a.unit and a.value is not None and b.value is not None
        and not b.raw.startswith(("+", "-")) for a, b in zip(tokens, tokens[1:]))


def _blocks_unlike(stream: Stream, header_start: int, header_end: int, toks: list[Token]) -> bool:
    """A row whose values each stand on a line of their own under a header that has two measures'
    labels on one line and another's on another: a converter's text in its blocks' order (pdftotext
    without -layout of a print with padded cells: 本年制发件数 本年废止件数 / 现行有效件数 over 2 / 0 / 12,
    the third column's value drawn before the second's). Values and header blocks grouped unlike,
    that order does not tie a value to its column."""
    if len(toks) < 2 or len({t.line for t in toks}) < len(toks):
        return False
    lines = Counter(stream.line_at(at) for at, _ in _MEASURES.first(stream.text, header_start, header_end))
    return len(lines) > 1 and max(lines.values()) > 1


def read_proactive(stream: Stream, start: int, end: int, glued: bool = False) -> TableResult:
    """In a glued report a short row is cut too, but with no identities to narrow the cuts only
    a row whose cuts are forced (``000``, ``+17370`` after a known count) gets values."""
    result = TableResult()
    text = stream.text
    glued = glued and not _cells_apart(stream, start, end)
    heads = [(m.start(), m.end(), spec.CLAUSES.get(m.group(1))) for m in _CLAUSE_HEADER.finditer(text, start, end)]
    votes = {"2019": 0, "2021": 0}
    for i, (_, h_end, clause) in enumerate(heads):
        seg_end = heads[i + 1][0] if i + 1 < len(heads) else end
        if clause is None:
            continue
        found = _DISCLOSURE_ITEMS.first(text, h_end, seg_end)
        items = _DISCLOSURE_ITEMS.starts(text, found, h_end)
        # a clause's header shows its template also where no row's label is in the file (cut at the
        # paper's left edge: Writer's PDF of a page wider than the paper)
        measures, shown, header_unit = _clause_columns(_header_text(stream, h_end, items[0][0] if items else seg_end))
        header_after = not measures and bool(items)
        if header_after:        # the header drawn after the first row's label, before its values
            measures, shown, header_unit = _clause_columns(_header_after_label(stream, items, seg_end))
        if not measures:    # no column headers: the clause named in narrative, not its table
            continue
        for template in shown:
            votes[template] += 1
        if not items:
            continue
        # a row whose label lies past the paper's left edge (values right after it: Token.past) is not
        # in the file but for its values, which are no row's: its cells stay NULL
        lead = number_tokens(stream.between(h_end, items[0][0]))
        edge = next((t.offset for t in lead if "left" in t.past), None)
        lead = [t for t in lead if t.offset != edge]
        above = _rows_above_labels(stream, lead, clause, items, seg_end, measures, unordered=_unordered(measures))
        if above is not None:
            result.flags.append(Flag("values_above_labels", f"section 二: clause {clause}'s values stand above "
                                     "their labels (a row's worth before the first, less after the last: a "
                                     "converter's drawing order); each row is read from the values above it", "info"))
            lead = []
        elif lead:
            result.flags.append(values_first_flag("section 二", lead))
        else:
            lead = _unordered_lead(measures, clause, h_end, result.flags)
        for j, (pos, item) in enumerate(items):
            # an item belongs to its own clause, also when a report sets it under another's header
            name = f"{item.group} {item.code}"
            nxt = items[j + 1][0] if j + 1 < len(items) else seg_end
            # a clause's header whose 第二十条 line was not read as one (OCR: 第 / 二十 / 条第（九）项)
            # heads the rows after it: the row before ends there
            sub = None if header_after and j == 0 else _MEASURES.first(text, pos, nxt)
            result.tokens[item.code] = above[j] if above else stream.between(pos, sub[0][0] if sub else nxt)
            free = _order_free(lead, result.tokens[item.code], measures)
            if (lead and free is None) or not _of_clause(measures, item.group, name, result.flags):
                values, units = [None] * len(measures), [""] * len(measures)
            elif free is not None:
                values, units = free
            elif above and j == len(items) - 1 and len(above[j]) + len(number_tokens(above[-1])) == len(measures):
                values, units = _either_side(above[j], number_tokens(above[-1]), name, result.flags)
            elif above and len(above[j]) != len(measures):
                result.flags.append(Flag("row_values_mismatch", f"section 二: {name} has values "
                                         f"({' '.join(t.raw for t in above[j]) or '(none)'}) above its label for "
                                         f"{len(measures)} columns; left NULL"))
                values, units = [None] * len(measures), [""] * len(measures)
            elif not above and _blocks_unlike(stream, h_end, items[0][0], number_tokens(result.tokens[item.code])):
                result.flags.append(Flag("row_values_mismatch", f"section 二: {name} has its values one to a line "
                                         "under a header whose labels are grouped otherwise (a converter's text in "
                                         "its blocks' order): which value is which column's the text does not "
                                         "tell; left NULL"))
                values, units = [None] * len(measures), [""] * len(measures)
            elif _values_both_sides(stream, pos, found[j][0], sub[0][0] if sub else nxt):
                result.flags.append(Flag("row_values_mismatch", f"section 二: {name} has values between its "
                                         "label's first characters and the rest of it, and after it: which are "
                                         "its own the text does not tell; left NULL"))
                values, units = [None] * len(measures), [""] * len(measures)
            else:
                values, units = _proactive_values(result.tokens[item.code], name, measures, glued, result.flags)
            row = result.cells.setdefault(item.group, {}).setdefault(item.code, {})
            for m, value, unit in zip(measures, values, units):
                row[m.code] = _in_unit(value, m, unit, header_unit, name, result.flags)
            if sub:
                measures, _, header_unit = _clause_columns(_header_text(stream, sub[0][0], nxt))
                lead = _unordered_lead(measures, clause, h_end, result.flags)
    if votes["2019"] != votes["2021"]:
        result.template_hint = max(votes, key=votes.get)
    return result
