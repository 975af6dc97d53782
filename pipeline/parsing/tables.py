"""Read the three national tables out of a token stream, into contract codes.

Each reader returns the cells it found and the flags it raised. Rows and columns are matched by
their labels (spec.py); a row's values are the tokens between its label and the next label.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from . import spec
from .locate import chain_labels, find_first
from .solve import RowResult, SumGroup, place_row
from .tokens import Stream, Token

Cell = Decimal | None


@dataclass
class Flag:
    rule: str
    detail: str
    severity: str = "warning"   # info | warning


@dataclass
class TableResult:
    cells: dict = field(default_factory=dict)
    flags: list[Flag] = field(default_factory=list)
    template_hint: str | None = None


def _row_flag(section: str, row: str, res: RowResult, tokens: list[Token]) -> Flag | None:
    written = " ".join(t.raw for t in tokens) or "(none)"
    garbled = [t.raw for t in tokens if t.garbled]
    if garbled:
        return Flag("garbled_cells", f"{section}: {row} has cells that are not numbers ({', '.join(garbled)}); "
                    "those cells are NULL")
    if res.status == "recovered":
        return Flag("recovered_cells", f"{section}: {row} has {len(tokens)} values ({written}); "
                    "the missing cells are fixed by the table's identities", "info")
    if res.status == "ambiguous":
        return Flag("ambiguous_cells", f"{section}: {row} has {len(tokens)} values ({written}) and "
                    f"{res.candidates} placements fit the identities; undetermined cells left NULL")
    if res.status == "mismatch":
        return Flag("row_values_mismatch", f"{section}: {row} has values ({written}) that fit no "
                    "placement in its columns; left NULL")
    return None


# ---- Section 三 ---------------------------------------------------------------------------

def _applicant_columns(header: str) -> tuple[list[str], bool]:
    header = re.sub(r"法人或者?其他组织", "", header)
    cols = [c.code for c in spec.APPLICANT_COLUMNS if find_first(header, c.keys) is not None]
    if not cols:
        return [c.code for c in spec.APPLICANT_COLUMNS], True
    return cols, False


def _sum_groups(cols: list[str]) -> tuple[SumGroup, ...]:
    if "total" in cols and all(p in cols for p in spec.APPLICANT_PARTS):
        return (SumGroup(cols.index("total"), tuple(cols.index(p) for p in spec.APPLICANT_PARTS)),)
    return ()


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


def read_applications(stream: Stream, start: int, end: int) -> TableResult:
    result = TableResult()
    text = stream.text
    anchors = chain_labels(text, spec.APPLICATION_ROWS, start, end)
    if not anchors:
        return result
    subrows = [r for r in spec.OTHER_SUBROWS if r in anchors]
    ordered = sorted(anchors.items(), key=lambda kv: kv[1])
    cols, assumed = _applicant_columns(text[start:ordered[0][1]])
    if assumed:
        result.flags.append(Flag("columns_assumed", "section 三: no applicant column headers found; "
                                 "the national template's seven columns are assumed", "info"))
    width, groups = len(cols), _sum_groups(cols)
    row_tokens: dict[str, list[Token]] = {}
    for i, (code, pos) in enumerate(ordered):
        nxt = ordered[i + 1][1] if i + 1 < len(ordered) else end
        row_tokens[code] = stream.between(pos, nxt)
    if subrows and "other_processing" in row_tokens and not row_tokens["other_processing"]:
        del row_tokens["other_processing"]      # a group label above its sub-rows, not a row
    result.template_hint = "2021" if subrows else ("2019" if "other_processing" in row_tokens else None)

    rows: dict[str, list[Cell]] = {}
    pending: list[str] = []
    for code, toks in row_tokens.items():
        if len(toks) == width:
            rows[code] = [t.value for t in toks]
        else:
            pending.append(code)
    for code in pending:      # inflow rows first: they bound the others
        toks = row_tokens[code]
        is_outcome = code not in ("received_new", "carried_over", "carried_forward")
        bounds = _inflow_bounds(rows, width, code) if is_outcome else None
        res = place_row([t.value for t in toks], width, groups, bounds)
        rows[code] = res.values
        flag = _row_flag("section 三", code, res, toks)
        if flag:
            result.flags.append(flag)
    result.cells = {code: dict(zip(cols, rows[code])) for code in row_tokens}
    return result


# ---- Section 四 ---------------------------------------------------------------------------

def _first_run(tokens: list[Token], max_gap: int = 40) -> list[Token]:
    """The first contiguous run of values: narrative after the table is not part of it."""
    run: list[Token] = []
    for tok in tokens:
        if run and tok.offset - run[-1].offset > max_gap:
            break
        run.append(tok)
    return run


def read_review(stream: Stream, start: int, end: int) -> TableResult:
    result = TableResult()
    width = len(spec.PROCEEDINGS) * len(spec.RESULTS)
    tokens = _first_run(stream.between(start, end))
    if not tokens:
        return result
    n = len(spec.RESULTS)
    groups = tuple(SumGroup(p * n + n - 1, tuple(range(p * n, p * n + n - 1))) for p in range(len(spec.PROCEEDINGS)))
    res = place_row([t.value for t in tokens], width, groups)
    flag = _row_flag("section 四", "review/litigation row", res, tokens)
    if flag:
        result.flags.append(flag)
    for p, proc in enumerate(spec.PROCEEDINGS):
        result.cells[proc.code] = {r.code: res.values[p * n + k] for k, r in enumerate(spec.RESULTS)}
    return result


# ---- Section 二 ---------------------------------------------------------------------------

def _amount_factor(header: str) -> Decimal:
    """The national templates state amounts in 万元; a header that says plain 元 keeps yuan."""
    if "万元" in header or "元" not in header:
        return Decimal(10000)
    return Decimal(1)


def read_proactive(stream: Stream, start: int, end: int) -> TableResult:
    result = TableResult()
    text = stream.text
    clause_re = re.compile(spec.CLAUSE_HEADER)
    heads = [(m.start(), m.end(), spec.CLAUSES.get(m.group(1))) for m in clause_re.finditer(text, start, end)]
    votes = {"2019": 0, "2021": 0}
    for i, (h_start, h_end, clause) in enumerate(heads):
        seg_end = heads[i + 1][0] if i + 1 < len(heads) else end
        if clause is None:
            continue
        items = sorted((p, item) for item in spec.DISCLOSURE_ITEMS
                       if (p := find_first(text, item.keys, h_end, seg_end)) is not None)
        if not items:
            continue
        header = text[h_end:items[0][0]]
        measures = sorted((p, m) for m in spec.MEASURES
                          if (p := find_first(header, m.keys)) is not None)
        measures = [m for _, m in measures]
        for m in measures:
            if len(m.templates) == 1:
                votes[m.templates[0]] += 1
        factor = _amount_factor(header)
        for j, (pos, item) in enumerate(items):
            nxt = items[j + 1][0] if j + 1 < len(items) else seg_end
            toks = stream.between(pos, nxt)
            garbled = [t.raw for t in toks if t.garbled]
            if garbled:
                result.flags.append(Flag("garbled_cells", f"section 二: {clause} {item.code} has cells that are "
                                         f"not numbers ({', '.join(garbled)}); those cells are NULL"))
            if len(toks) != len(measures) or not measures:
                written = " ".join(t.raw for t in toks) or "(none)"
                result.flags.append(Flag("row_values_mismatch", f"section 二: {clause} {item.code} has "
                                         f"values ({written}) for {len(measures)} columns; left NULL"))
                toks = [None] * len(measures)
            row = result.cells.setdefault(clause, {}).setdefault(item.code, {})
            for m, tok in zip(measures, toks):
                value = tok.value if tok is not None else None
                if value is not None and m.is_amount:
                    value = value * factor
                row[m.code] = value
    if votes["2019"] != votes["2021"]:
        result.template_hint = max(votes, key=votes.get)
    return result

