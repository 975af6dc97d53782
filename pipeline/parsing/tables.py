"""Read sections 三 and 四 out of a token stream, into contract codes (section 二: proactive.py;
table 三 read in the form's row order: form_order.py), and the label helpers the readers share
(labels cut at a page's or the paper's edge, a table's first run of values).

Each reader returns the cells it found and the flags it raised. Rows and columns are matched by
their labels (spec.py); a row's values are the tokens between its label and the next label.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from decimal import Decimal
from functools import lru_cache
from operator import itemgetter

from . import spec
from .checks import check_application, check_review
from .flags import Flag
from .form_order import FORM_COLUMNS, forms_shown, read_in_form_order, runs_cut, sum_groups
from .locate import LabelSet, chain_labels, review_heading_end
from .narrow import narrow
from .solve import RowResult, SumGroup, place_row
from .split import Splits, distrust, leading_zero, looks_glued, resolve, split_row, written_cut
from .table_result import Cell, TableResult, garbled_flag, number_tokens, row_flag, token_value, values_first_flag
from .tokens import Stream, Token

# ---- Section 三 ---------------------------------------------------------------------------

_APPLICATION_ROWS = LabelSet(spec.APPLICATION_ROWS)
_APPLICANT_COLUMNS = LabelSet(spec.APPLICANT_COLUMNS)
_ORG_GROUP = re.compile(r"法人或者?其他组织")     # the header over the organisation columns
CUT_HEAD = 4            # characters of a row's label tail that the paper's edge left, to read it by


@lru_cache(maxsize=1024)
def _applicant_columns(header: str) -> tuple[tuple[str, ...], bool]:
    """The columns the header names, and whether they are assumed. Cached, as the other header
    readers: the header is label text only (no values), and it repeats from report to report."""
    found = {c.code for _, c in _APPLICANT_COLUMNS.first(_ORG_GROUP.sub("", header))}
    cols = tuple(c.code for c in spec.APPLICANT_COLUMNS if c.code in found)
    if not cols:
        return tuple(c.code for c in spec.APPLICANT_COLUMNS), True
    return cols, False




def cut_label(label: str, header: str, least: int = 1) -> int | None:
    """Where the header holds the label cut in two, its head and later its tail, each at least
    `least` characters: the longest head's offset (a shorter one may be another label's start:
    本年新 of 本年新制作数量 before 本年新公 / 开数量), else None. A header row that a page break cut
    leaves a label's last characters atop the next page, after the row's other cells."""
    for i in range(len(label) - least, least - 1, -1):
        head = header.find(label[:i])
        if head >= 0 and header.find(label[i:], head + i) >= 0:
            return head
    return None


@lru_cache(maxsize=1024)
def _cut_columns(header: str) -> frozenset[str]:
    """The columns whose label the header holds cut in two (cut_label): 社会公 法律服务机构 其他 /
    益组织 atop the next page, or 自然 … 人 below the page's last rule; or its last line set right
    before its first (人自然: pdftotext sets a narrow column's 自 / 然 / 人 with 人 a column left of the
    others, and its header's columns come apart)."""
    header = _ORG_GROUP.sub("", header)
    return frozenset(c.code for c in spec.APPLICANT_COLUMNS if cut_label(c.label, header) is not None
                     or any(c.label[i:] + c.label[:i] in header for i in range(1, len(c.label))))


def _with_cut_columns(cols: tuple[str, ...], header: str, row_tokens: dict[str, list[Token]]) -> tuple[str, ...]:
    """The columns the header names whole or cut (_cut_columns), in the form's order, where at
    least half the rows hold as many values: the rows confirm the columns that so little text shows
    (a single 人 or 计; 自然 … 人 with the total's column past the paper's edge, six values a row).
    Else the columns the header names whole."""
    named = set(cols) | _cut_columns(header)
    if named == set(cols):
        return cols
    shown = tuple(c for c in FORM_COLUMNS if c in named)
    counts = [len(toks) for toks in row_tokens.values()]
    return shown if 2 * counts.count(len(shown)) >= len(counts) else cols




_INFLOW_ROWS = ("received_new", "carried_over", "carried_forward")


def _inflow_bounds(rows: dict[str, list[Cell]], width: int, item: str) -> list[Cell]:
    """Upper bound per column for an outcome row, from the column's inflow and carry-forward."""
    bounds: list[Cell] = []
    for c in range(width):
        new, old = rows.get("received_new", [None] * width)[c], rows.get("carried_over", [None] * width)[c]
        total = rows.get("outcome_total", [None] * width)[c]
        fwd = rows.get("carried_forward", [None] * width)[c]
        if item != "outcome_total" and total is not None:
            bounds.append(total)
        elif new is not None and old is not None:
            bounds.append(new + old - fwd if fwd is not None else new + old)
        else:
            bounds.append(None)
    return bounds


def _cut_glued(row_tokens: dict[str, list[Token]], pending: list[str], rows: dict[str, list[Cell]],
               width: int, groups: tuple[SumGroup, ...]) -> dict[str, RowResult]:
    """Short rows of a glued table: cut each row's runs, then narrow the cuts across rows.

    A crawl may drop an empty cell without a trace, so a cut may also leave a cell or two blank:
    37|14|/|0|0|0|51 glues to the same 371400051 as 3|7|1|40|0|0|51, and without that the wrong
    cut would pass for the only one. Cells the cuts leave open are still filled where the other
    rows' bounds force them (a count bounded by 0 is 0), as in place_row."""
    splits: dict[str, Splits] = {}
    for code in pending:
        toks = row_tokens[code]
        bounds = None if code in _INFLOW_ROWS else _inflow_bounds(rows, width, code)
        splits[code] = split_row([t.raw for t in toks], [t.value for t in toks], width, groups, bounds)
    known = {code: [tuple(values)] for code, values in rows.items()}
    known |= {code: s.candidates for code, s in splits.items() if s.candidates and not s.capped}
    narrowed, doubtful = narrow(known, width, row_tokens)
    results: dict[str, RowResult] = {}
    for code, s in splits.items():
        res = resolve(Splits(narrowed.get(code, s.candidates), s.capped), width)
        cols = [c for c in range(width) if (code, c) in doubtful]
        results[code] = distrust(res, cols) if cols and res.status in ("split", "ambiguous") else res
    known_rows = {**rows, **{code: res.values for code, res in results.items()}}
    for code, res in results.items():
        if res.status == "ambiguous" and code not in _INFLOW_ROWS:
            cuts = narrowed.get(code, splits[code].candidates)
            forced = place_row([], width, groups, _inflow_bounds(known_rows, width, code))
            results[code] = _force(res, forced, cuts)
    return results


def _force(res: RowResult, forced: RowResult, cuts: list[tuple]) -> RowResult:
    """The cells the cuts disagree on, filled where the bounds force a value that some cut
    reads and the others leave blank: the identities choose among the cuts, never against them
    (a row whose cuts all break an identity, or that has no cut, keeps its NULLs)."""
    def pick(c: int, v, f):
        if v is not None or f is None:
            return v
        seen = {cut[c] for cut in cuts}
        return f if f in seen and seen <= {f, None} else None
    values = [pick(c, v, f) for c, (v, f) in enumerate(zip(res.values, forced.values))]
    if all(v is not None for v in values):
        return RowResult(values, "recovered", res.candidates)
    return RowResult(values, res.status, res.candidates, res.cuts)




_ITEM = re.compile(r"(\d)\.(.+)")
# The form's numbered items: number and words (2, 其他法律行政法规禁止公开), (2, 重复申请), …
_ITEMS = frozenset((int(m.group(1)), unicodedata.normalize("NFKC", m.group(2)))
                   for r in spec.APPLICATION_ROWS if (m := _ITEM.search(r.label)))
_ITEM_NUMBERS = frozenset(str(n) for n, _ in _ITEMS)


def _is_enumerator(stream: Stream, k: int, numbered: bool) -> bool:
    """Whether token k is an item's number set apart from its words (pdftotext's raw text): a lone
    digit N right before the words of the form's item N, with label words also before it (`公开` /
    `2` / `其他` / `法律行政法规禁止公开`), or followed by all of the item's words and then the number's
    dot (`0` / `2` / `重复` / `申请` / `.`), or, in a table whose labels are `numbered` (8.属于…), by all of
    the item's words with its dot elsewhere (`0` / `7` / `属于行政执法案卷`: a label with no number of
    its own; in a table of unnumbered labels the digit may be the row's last value before the next
    label), or by the dot and then the item's words, a group label's few
    characters before them maybe (`0` / `4` / `（三）不 .保护第三`; `4` / `.无正当…`), also where a
    row's worth of values at most stands between the number and the words (`4` / `0` / `0` / `（三）不予` /
    `.保护第三`: values drawn beside the label's first line) and no other N among them. A row's value
    stands by its row's other values, and no label's words end or begin in a dot."""
    toks, tok = stream.tokens, stream.tokens[k]
    if tok.raw not in _ITEM_NUMBERS:
        return False
    width = len(FORM_COLUMNS)
    last = k                # the last token at tok's place in the text, a row's worth after it at most
    while last + 1 < len(toks) and toks[last + 1].offset == tok.offset and last - k <= width:
        last += 1
    nxt = toks[last + 1].offset if last + 1 < len(toks) else len(stream.text)
    if tok.offset == nxt or last - k > width:
        return False
    near = [t for t in toks[max(0, last - width):last + 1] if t.offset == tok.offset]
    if sum(t.raw == tok.raw for t in near) > 1:
        return False
    after = stream.text[tok.offset:nxt]
    rest = stream.text[tok.offset:]     # the text on, the values among its words left out
    alone = last == k
    apart = alone and 0 < tok.offset and (k == 0 or toks[k - 1].offset < tok.offset)
    return any(n == int(tok.raw) and (alone and rest.startswith(words) and (numbered or rest.startswith(words + "."))
                                      or apart and after.startswith(words[:2])
                                      or re.match(rf"[^.\d]{{0,6}}\.{re.escape(words[:2])}", after)
                                      or alone and re.match(rf"[(（][一二三四五六七][)）][^.\d]{{0,6}}{re.escape(words)}\.", rest))
               for n, words in _ITEMS)


def _without_enumerators(stream: Stream, start: int, end: int) -> Stream:
    """The stream less the tokens between start and end that are items' numbers (_is_enumerator)."""
    numbered = any(f"{n}.{words[:2]}" in stream.text[start:end] for n, words in _ITEMS)
    drop = {k for k, t in enumerate(stream.tokens) if start <= t.offset <= end and _is_enumerator(stream, k, numbered)}
    if not drop:
        return stream
    return Stream(stream.text, [t for k, t in enumerate(stream.tokens) if k not in drop], stream.cut_left, stream.breaks, stream.tabbed)


def read_applications(stream: Stream, start: int, end: int, glued: bool = False) -> TableResult:
    """Section 三's cells, in the columns its header names. A header that names only some of the
    form's columns, over rows that hold the form's seven values, is a header whose wrapped words a
    converter interleaved (自然总人商业科研…: pdftotext's layout); the form's columns are read there
    where every row's total is the sum of its parts (what places columns: the identities between
    rows hold or not whatever the columns), else the header's. Only rows of seven values
    are read so: the same converter runs two close cells together (21 and 0 as 210), and a row short
    of a value fits the identities with a total of its own making."""
    stream = _without_enumerators(stream, start, end)
    past = _past_heading(stream, end)
    result = _read_applications(stream, start, end, glued, past)
    cols = next(iter(result.cells.values()), {})
    if 0 < len(cols) < len(FORM_COLUMNS) and _of_form_width(result.tokens):
        form = _read_applications(stream, start, end, glued, past, FORM_COLUMNS)
        if not any(f.rule == "row_total" for f in check_application(form.cells)):
            form.flags.append(Flag("columns_from_form", f"section 三: the header names {len(cols)} of the form's "
                                   f"{len(FORM_COLUMNS)} columns but its rows hold {len(FORM_COLUMNS)} values "
                                   "each, whose total is their parts' sum: the form's columns are read", "info"))
            return form
    return result


_REVIEW_TOP = "行政复议行政诉讼"     # section 四's header's top line


def _past_heading(stream: Stream, end: int) -> list[Token]:
    """The values right after section 四's heading that starts at `end`, before any of its words
    but its header's top line maybe (行政复议 / 行|政诉讼): pdftotext's raw text of a browser's PDF
    whose table 三 ends on the next page draws its last rows' values there."""
    after = review_heading_end(stream.text, end)
    if after is None:
        return []
    toks = stream.between(end, after + len(_REVIEW_TOP))
    at = toks[0].offset if toks else after
    if not set(stream.text[after:at]) <= set(_REVIEW_TOP):
        return []
    return [t for t in toks if t.offset == at]


def _with_cut_heads(stream: Stream, labels: tuple[spec.Label, ...], anchors: dict[str, int],
                    start: int, end: int) -> dict[str, int]:
    """anchors (code -> offset, from chain_labels) with the rows whose label's head lies past the
    paper's left edge (Writer clips a page wider than the paper): the text from where a row's label
    begins (Stream.cut_left, or after the row above's values, where pdftotext's text of the page
    starts it) up to the row's values, 年结转政府信息公开申请数量, is the row's where it ends the
    form's label of exactly one row not found by its keys (二、上年结转…; 府信息公开申请数量 ends
    一、本年新收… too, found), at least CUT_HEAD characters, and lies between its neighbours."""
    found = dict(anchors)
    order = [label.code for label in labels]
    for pos in sorted(set(stream.cut_left) | {t.offset for t in stream.between(start, end)}):
        values = stream.between(pos, end)
        words = stream.text[pos:values[0].offset if values else end]
        ends = [label.code for label in labels if label.code not in found and written_form(label.label).endswith(words)]
        if len(words) < CUT_HEAD or len(ends) != 1 or pos in found.values():
            continue
        i = order.index(ends[0])
        before = [found[c] for c in order[:i] if c in found]
        after = [found[c] for c in order[i + 1:] if c in found]
        if all(o < pos for o in before) and all(pos < o for o in after):
            found[ends[0]] = pos
    return dict(sorted(found.items(), key=itemgetter(1)))


def written_form(label: str) -> str:
    """A form's label as normalised text writes it (（一） as (一))."""
    return label.replace("（", "(").replace("）", ")")


def _fragment(piece: str, label: str) -> bool:
    """`piece` is what a paper's edge left of `label`: two or more of its characters, in its order,
    not all of them."""
    rest = iter(label)
    return 2 <= len(piece) < len(label) and all(ch in rest for ch in piece)


def _edge_flag(section: str, read: int) -> Flag:
    return Flag("table_past_page_edge", f"{section}: the header's last column label is cut short, as the text of "
                "a page laid out wider than the paper has it (Writer clips the page at the paper's edge, and "
                f"pdftotext leaves out what lies past it): the first {read} columns are read; the one the edge "
                "cuts (its values may be cut too) and those past it are NULL")


def _cut_at(header: str) -> set[str]:
    """The applicant columns whose label the header does not name whole (section 三's)."""
    header = _ORG_GROUP.sub("", header)
    return {c.code for c in spec.APPLICANT_COLUMNS if c.label not in header}


def _edge_columns(header: str, row_tokens: dict[str, list[Token]]) -> tuple[str, ...] | None:
    """The columns of table 三 in pdftotext's text of a page Writer clipped at the paper's edge:
    the header names the first columns whole and ends in what the edge left of the next one's label
    (法律服; 律服务构 of a label wrapped 法 / 律服务 / 机 / 构 in a narrow cell), naming none after it.
    Most rows hold the columns before the cut one, or those and the cut one (its values drawn left
    of the edge); where any row holds the cut one's value, a row without it lacks a value no
    position places (a blank cell amid its values: read short, NULL), and a longer row holds two
    rows' values. The cut column's values place the rows, but are NULL (read_applications):
    pdftotext drops glyphs one by one, and a number the edge crosses reads short (12 as 1). None
    where the header is not so cut."""
    header = _ORG_GROUP.sub("", header)
    labels = [c.label for c in spec.APPLICANT_COLUMNS]
    named = [label in header for label in labels]
    cut = named.index(False) if False in named else 0
    if not cut or any(named[cut:]) or not _fragment(header[header.rindex(labels[cut - 1]) + len(labels[cut - 1]):],
                                                       labels[cut]):
        return None
    if any(looks_glued([t.raw for t in toks], len(FORM_COLUMNS)) for toks in row_tokens.values()):
        return None
    widths = Counter(len(toks) for toks in row_tokens.values() if toks)
    if not widths or widths.most_common(1)[0][0] not in (cut, cut + 1):
        return None
    return FORM_COLUMNS[:cut + 1] if widths[cut + 1] else FORM_COLUMNS[:cut]


def _of_form_width(row_tokens: dict[str, list[Token]]) -> bool:
    """Most rows with values hold the form's count of them, or digits run together that can be cut so
    in one way only (0000000: pdftotext runs narrow cells together)."""
    rows = [toks for toks in row_tokens.values() if toks]
    width = len(FORM_COLUMNS)
    return 2 * sum(len(toks) == width or written_cut([t.raw for t in toks], [t.value for t in toks], width)
                   is not None for toks in rows) > len(rows)


def _read_applications(stream: Stream, start: int, end: int, glued: bool, past: list[Token],
                       columns: tuple[str, ...] | None = None) -> TableResult:
    """columns: the form's, to read only rows that hold as many values, or digits cut so in one way;
    past: values after the table's end that may be its last rows' (_past_heading)."""
    result = TableResult()
    text = stream.text
    anchors = _with_cut_heads(stream, spec.APPLICATION_ROWS, chain_labels(text, _APPLICATION_ROWS, start, end),
                              start, end)
    if not anchors:
        return result
    subrows = [r for r in spec.OTHER_SUBROWS if r in anchors]
    offsets = list(anchors.values())
    row_tokens: dict[str, list[Token]] = {code: stream.between(pos, nxt)
                                          for code, pos, nxt in zip(anchors, offsets, offsets[1:] + [end])}
    header = text[start:offsets[0]]
    cols, assumed = (columns, False) if columns else _applicant_columns(header)
    edge = None if columns or assumed or glued else _edge_columns(header, row_tokens)
    if assumed:
        result.flags.append(Flag("columns_assumed", "section 三: no applicant column headers found; "
                                 "the national template's seven columns are assumed", "info"))
    elif edge is not None:
        cols = edge
        result.flags.append(_edge_flag("section 三", len(cols) - (cols[-1] in _cut_at(header))))
    elif len(cols) < len(FORM_COLUMNS):
        cols = _with_cut_columns(cols, header, row_tokens)
    width, groups = len(cols), sum_groups(cols)
    lead = number_tokens(stream.between(start, offsets[0]))
    if len(lead) >= width:      # a row's worth of values above the first row's label
        written = runs_cut({"": stream.between(start, offsets[0]), **row_tokens}, len(FORM_COLUMNS))
        # the form's columns also under a header that names only some (its wrapped words interleaved):
        # the reading stands only where the form's every identity holds
        if read_in_form_order(result, [t for toks in written.values() for t in toks], forms_shown(row_tokens, text, anchors),
                               past):
            return result
        result.flags.append(values_first_flag("section 三", lead))
        result.cells = {code: dict.fromkeys(cols) for code in anchors}
        return result
    if subrows and "other_processing" in row_tokens and not row_tokens["other_processing"]:
        del row_tokens["other_processing"]      # a group label above its sub-rows, not a row
    result.template_hint = "2021" if subrows else ("2019" if "other_processing" in row_tokens else None)

    if not glued:
        result.flags += _unpad(row_tokens, width, groups)
    rows: dict[str, list[Cell]] = {}
    pending: list[str] = []
    for code, toks in row_tokens.items():
        if len(toks) == width:
            rows[code] = list(map(token_value, toks))
        else:
            pending.append(code)
    result.glued = glued or any(looks_glued([t.raw for t in row_tokens[c]], width) for c in pending)
    # a row with one cut only is read as written: no identity chooses it, but the row's total must
    # be its parts' sum (without a total column a cut is a guess: a header read short, 50 | 9 as 5|0|9)
    if result.glued and groups:
        for code in list(pending):
            cells = written_cut([t.raw for t in row_tokens[code]], [t.value for t in row_tokens[code]], width,
                                groups)
            if cells is not None:
                rows[code] = list(cells)
                pending.remove(code)
    for code in rows:          # the rows read as written; those placed below get row_flag
        garbled = garbled_flag("section 三", code, row_tokens[code])
        if garbled:
            result.flags.append(garbled)
    cut = _cut_glued(row_tokens, pending, rows, width, groups) if result.glued and not columns else {}
    # a row holding two rows' worth of values or more: values stand in other rows than their own (a
    # converter's drawing order), so a short row's cells are elsewhere, not blank: none is recovered
    # (not a table the paper's edge cut: its rows keep their own values, the header only fewer columns)
    displaced = edge is None and not any(t.past for toks in row_tokens.values() for t in toks) \
        and any(len(toks) >= 2 * width for toks in row_tokens.values())
    for code in pending:      # inflow rows first: they bound the others
        toks = row_tokens[code]
        if not toks or columns or (displaced and len(toks) < width and not result.glued):
            # merged cells (the row has only its label), the form's columns, or values displaced
            res = RowResult([None] * width, "mismatch", 0)
        elif result.glued:
            res = cut[code]
        else:
            bounds = None if code in _INFLOW_ROWS else _inflow_bounds(rows, width, code)
            res = place_row([t.value for t in toks], width, groups, bounds)
        rows[code] = res.values
        if res.status != "read":
            result.placed.update(("application", code, col) for col in cols)
        flag = row_flag("section 三", code, res, toks)
        if flag:
            result.flags.append(flag)
    filled = [toks for toks in row_tokens.values() if toks]
    if edge is None and not groups and 2 * sum(len(toks) == width for toks in filled) <= len(filled):
        # a header naming no total (nothing checks a row's sum) over rows most of which hold another
        # count of values: the columns are not the rows' (a converter's drawing order), none is read;
        # (a header the paper's edge cut explains its own columns: _edge_columns)
        rows = {code: [None] * width for code in rows}
        result.flags.append(Flag("values_apart_from_labels", f"section 三: the header names {width} columns and "
                                 "no total, and most rows hold another count of values (a converter's drawing "
                                 "order): no row's values can be told its own; the table's cells are left NULL"))
    result.cells = {code: dict(zip(cols, rows[code])) for code in row_tokens}
    if edge is not None and cols[-1] in _cut_at(header):
        for cells in result.cells.values():
            cells[cols[-1]] = None
    result.tokens = row_tokens
    if not any(None in cells for cells in rows.values()) and not check_application(result.cells):
        return result       # every cell read by its label, every identity holding: nothing else to try
    as_written = runs_cut(row_tokens, width)
    # in the form's columns also under a header that names only some (its wrapped words interleaved),
    # but for rows that read_applications reads by their labels in the form's columns
    if not (width < len(FORM_COLUMNS) and _of_form_width(row_tokens)):
        in_form = as_written if width == len(FORM_COLUMNS) else runs_cut(row_tokens, len(FORM_COLUMNS))
        if read_in_form_order(result, [t for toks in in_form.values() for t in toks], forms_shown(row_tokens, text, anchors),
                               past):
            return result
    apart = _apart_from(as_written, width)
    doubted = [] if apart is None else [code for code in _out_of_step(list(as_written.items())[apart:], width)
                                        if not _beside_label(stream, anchors[code], as_written[code], width)]
    if doubted:
        result.flags.append(Flag("values_apart_from_labels", f"section 三: from {doubted[0]} on, row labels stand "
                                 "apart from values (rows without values beside rows with two rows' values), "
                                 "and the values read by the rows' order do not fill the table so that its "
                                 "identities hold; the rows out of step with their values are left NULL "
                                 f"({', '.join(doubted)})"))
        for code in doubted:
            result.cells[code] = dict.fromkeys(cols)
    return result


def _unpad(row_tokens: dict[str, list[Token]], width: int, groups: tuple[SumGroup, ...]) -> list[Flag]:
    """Rows less the blank cells after their `width` values that a ragged table pads them with,
    and an info flag for each. Table 三 cut at a page break goes on in a second table one label
    column narrower, whose total row's label spans the column its other rows lack (四、结转下年度
    继续办理 across three): Writer pads each shorter row with an empty cell at its end, Chromium's
    ruling closes one, and where the page break leaves the total row on the next page, no wider
    row in the same grid tells the pad from a cell (grid.py's _unpadded). Such a row holds more
    values than the header's columns, the extra ones blank marks after them; its first `width`
    are read where they are all numbers whose totals are their parts' sums: the form's identities
    confirm those columns. Any other row with too many values fits no placement (left NULL)."""
    flags: list[Flag] = []
    for code, toks in row_tokens.items():
        row, pad = toks[:width], toks[width:]
        if not pad or not groups or any(t.value is not None or t.garbled for t in pad) \
                or any(t.value is None for t in row) \
                or any(row[g.total].value != sum(row[p].value for p in g.parts) for g in groups):
            continue
        row_tokens[code] = row
        flags.append(Flag("padded_row", f"section 三: {code} has {len(toks)} values ({' '.join(t.raw for t in toks)}), "
                          f"the last {len(pad)} blank past the header's {width} columns: a ragged table's padding, "
                          "read without them (the row's total is its parts' sum)", "info"))
    return flags


def _out_of_step(rows: list[tuple[str, list[Token]]], width: int) -> list[str]:
    """The rows, from where labels and values part, whose values may be another row's: all but
    those with a row's worth of values and, before them and after them, as many values as rows
    (a row's values written before its label, the next row's label standing without values,
    put the rows back in step)."""
    doubted: list[str] = []
    written = 0
    for k, (code, toks) in enumerate(rows):
        if len(toks) != width or written != width * k:
            doubted.append(code)
        written += len(toks)
    return doubted


def _beside_label(stream: Stream, anchor: int, toks: list[Token], width: int) -> bool:
    """A row's worth of values on its label's line, ending it, in a TAB row: set beside the label by
    their height on the page (words.py: pdftotext -layout, a PDF's words), they are its row's
    whatever the rows around it lost (rows whose values the reader could not place, read without
    any, put no count in step). Not so a line of text in drawing order (pdftotext's raw text): a
    label there may end on another row's values."""
    if len(toks) != width or not toks:
        return False
    line = toks[0].line
    return line in stream.tabbed and toks[-1].line == line == stream.line_at(anchor) \
        and stream.line_at(toks[-1].offset) > line


LABEL_BLOCK = 3         # labels in a row without values: the text holds labels and values apart


def _apart_from(row_tokens: dict[str, list[Token]], width: int) -> int | None:
    """Where labels and values part (a converter's text in drawing order, a value line above its
    label's): the first of LABEL_BLOCK rows without values that have values after them, or, where
    a row without values stands beside one with two rows' worth, the first such row. From there on
    each row may hold its neighbour's values: a reading by the rows' order is taken only where the
    identities confirm it. None when the labels keep their values."""
    counts = [len(toks) for toks in row_tokens.values()]
    run = 0
    for i, n in enumerate(counts):
        if n and run >= LABEL_BLOCK:
            return i - run
        run = 0 if n else run + 1
    if 0 in counts and max(counts) >= 2 * width:
        return next(i for i, n in enumerate(counts) if n == 0 or n >= 2 * width)
    return None


# ---- Section 四 ---------------------------------------------------------------------------

def first_run(tokens: list[Token], max_gap: int = 40) -> list[Token]:
    """The first contiguous run of values: narrative after the table is not part of it."""
    run: list[Token] = []
    for tok in tokens:
        if run and tok.offset - run[-1].offset > max_gap:
            break
        run.append(tok)
    return run


_RESULT_CODES = tuple(r.code for r in spec.RESULTS)
_REVIEW_WIDTH = len(spec.PROCEEDINGS) * len(_RESULT_CODES)
# Per proceeding, its results' cells add up to its total (the last of them).
_REVIEW_GROUPS = tuple(SumGroup(p + len(_RESULT_CODES) - 1, tuple(range(p, p + len(_RESULT_CODES) - 1)))
                       for p in range(0, _REVIEW_WIDTH, len(_RESULT_CODES)))


def _cut_review(raws: list[str], values: list[Cell]) -> RowResult:
    """The glued review row's cuts that keep every proceeding's total. A source that breaks one
    total (72|69|178|37|351) can still have a cut that keeps it by moving the digits
    (7269|1|78|3|7351): so a cell is loaded only where the cuts that keep all totals but any
    one also agree on it. Such cuts include the source's own, as long as it breaks at most one."""
    res = resolve(split_row(raws, values, _REVIEW_WIDTH, _REVIEW_GROUPS, vanished=0), _REVIEW_WIDTH)
    if res.status not in ("split", "ambiguous"):
        return res
    cells = list(res.values)
    for g in range(len(_REVIEW_GROUPS)):
        loose = split_row(raws, values, _REVIEW_WIDTH, _REVIEW_GROUPS[:g] + _REVIEW_GROUPS[g + 1:], vanished=0)
        if loose.capped:
            return RowResult([None] * _REVIEW_WIDTH, "capped", res.candidates, res.cuts)
        cells = [v if all(cut[c] == v for cut in loose.candidates) else None for c, v in enumerate(cells)]
    status = res.status if cells == res.values else "ambiguous"
    return RowResult(cells, status, res.candidates, res.cuts)


def _past_edge(values: list[Cell], width: int, groups: tuple[SumGroup, ...], left: bool, right: bool,
               lost_left: int | None = None) -> list[Cell] | None:
    """The cells of a row short of the form's width that runs past the paper's `left` or `right`
    edge: its values in a block, the cells past the edge NULL.
    Past one edge, they lie on that side; past both, `lost_left` on the left where the header
    shows how many (_lost_left), else on each side as many as leave every sum the row can check
    true, where only one such split does (else None). A split whose sums break is not the row's
    (and the row is not read so)."""
    lost = width - len(values)
    if lost <= 0 or not (left or right):
        return None
    if left and right:
        shifts = [lost_left] if lost_left is not None and lost_left <= lost else range(lost + 1)
    else:
        shifts = [lost if left else 0]
    fits = [cells for k in shifts for cells in [[None] * k + values + [None] * (lost - k)]
            if all(None in (c := [cells[g.total], *(cells[p] for p in g.parts)]) or c[0] == sum(c[1:]) for g in groups)]
    return fits[0] if len(fits) == 1 else None


_REVIEW_HEADER_CHARS = frozenset("结果维持纠正其他尚未审总计")     # section 四's result columns' words


def _carried_on(stream: Stream, tokens: list[Token], end: int) -> list[Token] | None:
    """Section 四's row where a converter's text in drawing order sets some of its values under the
    header and the rest after the next sections' words (pdftotext's raw text of a browser's PDF: six
    or eleven under the header, the others after 五 and 六, at the end of the first block of values
    there, after the page footer's telephone number 0591-23561409 where there is one, the header's
    words maybe drawn among them: `0 0` / 结 / `0 0 0 0 0 0`): the values under the header, then as
    many as are missing from the end of that block, or those first, where exactly one of the two
    orders gives every proceeding's total as its results' sum. Else None."""
    missing = _REVIEW_WIDTH - len(tokens)
    if not tokens or missing <= 0 or not all(_plain_count(t) for t in tokens):
        return None
    later = stream.between(end, len(stream.text))
    groups = [[t for t in later if t.offset == o] for o in dict.fromkeys(t.offset for t in later)]
    first = next((k for k, group in enumerate(groups) if len(group) >= 2), len(groups))
    block = groups[first] if groups[first:] else []
    for group in groups[first + 1:]:    # on across the header's words drawn among them (未审 / 结)
        words = stream.text[block[-1].offset:group[0].offset]
        if not set(words) <= _REVIEW_HEADER_CHARS:
            break
        block = block + group
    tail = block[-missing:] if len(block) >= missing else []
    if not tail or not all(_plain_count(t) for t in tail):
        return None
    fits = [row for row in (tokens + tail, tail + tokens) if _review_holds(list(map(token_value, row)))]
    return fits[0] if len({tuple(map(token_value, row)) for row in fits}) == 1 else None


def _plain_count(tok: Token) -> bool:
    """A count as a cell of 四 holds it: a whole number, not negative, without a unit, and no run
    of glued cells (0000000)."""
    return tok.value is not None and not tok.unit and tok.raw.isdigit() and not leading_zero([tok.raw])


def _review_holds(values: list[Decimal]) -> bool:
    return all(values[g.total] == sum(values[p] for p in g.parts) for g in _REVIEW_GROUPS)


def _lost_left(header: str, count: int) -> int | None:
    """The results of section 四 past the paper's left edge: those before the first result its
    header names (结果纠正 first: 行政复议's 结果维持 lies past the edge), where the header names as
    many results as the row has cells (a blank one too: a cell the edge cuts, its value past it)."""
    labels = [r.label for r in spec.RESULTS]
    if sum(map(header.count, labels)) != count:
        return None
    return min((header.find(label), i) for i, label in enumerate(labels) if label in header)[1]


def _edge_cut_results(header: str, count: int) -> bool:
    """Section 四 in pdftotext's text of a page Writer clipped at the paper's right edge: the header
    names as many results as the row has values, fewer than the form's, the last of them cut short
    (其他结 of 其他结果: the one head of a result's label, two characters or more, left where the
    labels named whole are taken out); the row's cells past the edge are not in the text, and the
    last value, under the cut label, may be cut too (NULL)."""
    labels = [r.label for r in spec.RESULTS]
    rest = re.sub("|".join(labels), "|", header)
    heads = re.findall("|".join(label[:n] for label in labels for n in range(len(label) - 1, 1, -1)), rest)
    return len(heads) == 1 and sum(map(header.count, labels)) + 1 == count < _REVIEW_WIDTH


def read_review(stream: Stream, start: int, end: int, glued: bool = False, top: int | None = None) -> TableResult:
    """top: where the section starts (its heading), above its header (start: after the header's first results)."""
    result = TableResult()
    width = _REVIEW_WIDTH
    tokens = first_run(stream.between(start, end))
    if not tokens:
        return result
    header = stream.text[start if top is None else top:tokens[0].offset]
    # under the header, the values among its words too (real2_pt_6: 1 0 0 1 / 未经复议直接起诉 … / 2 0)
    carried = _carried_on(stream, stream.between(start, end), end) if len(tokens) < width else None
    if carried is not None:
        under = len(stream.between(start, end))
        result.flags.append(Flag("values_after_sections", f"section 四: {under} values stand under the "
                                 f"header and the other {width - under} after the next sections' text (a "
                                 "converter's drawing order); read together in the one order that keeps every "
                                 "proceeding's total", "info"))
        tokens = carried
    raws, values = [t.raw for t in tokens], list(map(token_value, tokens))
    result.glued = glued or looks_glued(raws, width)
    cut = _edge_cut_results(header, len(tokens))
    clipped = None if result.glued else _past_edge(values, width, _REVIEW_GROUPS, "left" in tokens[0].past,
                                                   cut or "right" in tokens[-1].past, _lost_left(header, len(tokens)))
    if clipped is not None:
        values = clipped
        if cut:     # the value under the cut label may be cut too (12 read 1): NULL
            values[len(tokens) - 1] = None
            result.flags.append(_edge_flag("section 四", len(tokens) - 1))
    if result.glued and len(tokens) < width:
        # Each proceeding's five cells check their own total and its counts are short, so a blank
        # the crawl dropped leaves too few digits for any cut rather than a shifted one (0 wrong in
        # 3,000 generated reports); allowing for dropped blanks here would leave a third NULL.
        res = _cut_review(raws, values)
    else:
        res = place_row(values, width, _REVIEW_GROUPS)
        if res.status == "mismatch" and len(tokens) == width - 1 and None not in values:
            # one value short and no blank's place fits the totals: two cells a converter ran
            # together (35113 for 351 | 13, pypdf's layout text), cut as a glued row's are
            res = _cut_review(raws, values)
    flag = row_flag("section 四", "review/litigation row", res, tokens)
    if flag:
        result.flags.append(flag)
    result.tokens["row"] = tokens
    n = len(_RESULT_CODES)
    if len({t.offset for t in tokens}) > 1 and (None in res.values or check_review(
            {p.code: dict(zip(_RESULT_CODES, res.values[i * n:i * n + n])) for i, p in enumerate(spec.PROCEEDINGS)})):
        # header words between the values (a converter's text in drawing order): the row's order
        # of values is not the table's, and the identities do not confirm it
        result.flags.append(Flag("values_apart_from_labels", "section 四: the values stand among the header's "
                                 "words and do not fill the table so that its identities hold; left NULL"))
        res = RowResult([None] * width, "mismatch", 0)
    for p, proc in enumerate(spec.PROCEEDINGS):
        result.cells[proc.code] = dict(zip(_RESULT_CODES, res.values[p * n:p * n + n]))
        if res.status != "read":
            result.placed.update(("review_litigation", proc.code, r) for r in _RESULT_CODES)
    return result
