"""Generated layouts: known tables rendered into every plain-text layout, parsed back exactly."""
from __future__ import annotations

import random
import re
from collections.abc import Callable
from decimal import Decimal

from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.parsing import parse_text, spec
from pipeline.parsing.flags import IDENTITY_RULES
from pipeline.parsing.form_order import _in_form_order
from pipeline.parsing.tables import _carried_on
from pipeline.parsing.tokens import Token, tokenize

from .synth import LAYOUTS, expected_json, random_report, render

seeds = st.integers(0, 2**31 - 1)


def _cells(report_json: dict) -> dict:
    return {k: report_json[k] for k in ("application", "review_litigation", "proactive")}


@settings(max_examples=200, deadline=None)
@given(seed=seeds, layout=st.sampled_from(LAYOUTS), template=st.sampled_from(spec.TEMPLATES),
       noise=st.booleans())
def test_rendered_report_parses_back_exactly(seed, layout, template, noise):
    rng = random.Random(seed)
    rep = random_report(rng, template)
    got = parse_text(render(rep, layout, rng, noise)).to_json()
    assert _cells(got) == expected_json(rep)
    assert (got["report_year"], got["template_version"]) == (rep.year, template)
    assert got["agency_name"] == rep.agency
    assert [i for i in got["issues"] if i["severity"] != "info"] == []


@settings(max_examples=50, deadline=None)
@given(seed=seeds, layout=st.sampled_from(LAYOUTS))
def test_broken_arithmetic_is_loaded_as_written_and_flagged(seed, layout):
    rng = random.Random(seed)
    rep = random_report(rng, broken=True)
    got = parse_text(render(rep, layout, rng)).to_json()
    assert _cells(got) == expected_json(rep)
    assert {i["rule"] for i in got["issues"]} & IDENTITY_RULES


@settings(max_examples=150, deadline=None)
@given(seed=seeds, layout=st.sampled_from(("tabs", "columns")), data=st.data())
def test_a_lost_value_never_becomes_a_wrong_number(seed, layout, data):
    """Drop one value from one section 三 row: each cell is then the true value or NULL, and a
    NULL cell is always flagged."""
    rng = random.Random(seed)
    rep = random_report(rng)
    lines = render(rep, layout, rng, noise=False).split("\n")
    rows = [i for i, ln in enumerate(lines) if re.search(r"[\u4e00-\u9fff].*\d+\s*$", ln)
            and any(lab.label.split("）")[-1][-4:] in ln for lab in spec.APPLICATION_ROWS)]
    assert rows
    i = data.draw(st.sampled_from(rows))
    values = list(re.finditer(r"(?<=\s)[+-]?\d+(?=\s|$)", lines[i]))
    drop = data.draw(st.sampled_from(values))
    lines[i] = lines[i][:drop.start()] + lines[i][drop.end():]
    got = parse_text("\n".join(lines)).to_json()
    want = expected_json(rep)["application"]
    nulls = 0
    for row, cells in got["application"].items():
        for col, v in cells.items():
            assert v is None or v == want[row][col], (row, col, v, want[row][col])
            nulls += v is None and want[row][col] is not None
    if nulls:
        assert {i["rule"] for i in got["issues"]} & {"ambiguous_cells", "row_values_mismatch"}


def _read_right_or_not(rep, written: list[str], rng: random.Random, mutation: str,
                       writes: Callable[[dict], bool] = lambda table: False) -> None:
    """Table 三's values as written, mutated (two swapped, two run together, one lost, or none), read
    in the form's order: every cell the report's, or no reading; or, where the mutation made the text
    another table's faithful writing (`writes`: the same drawing order, nothing mutated, writes the
    table as the text has it), that table: nothing in the text tells the two apart."""
    k = rng.randrange(len(written) - 1)
    if mutation == "swap":
        written[k], written[k + 1] = written[k + 1], written[k]
    elif mutation == "glue":
        written[k:k + 2] = [written[k] + written[k + 1]]
    elif mutation == "drop":
        del written[k]
    read = _in_form_order([Token(0, raw, Decimal(raw)) for raw in written], (tuple(rep.application),))
    if read is not None:
        want = expected_json(rep)["application"]
        got = {r: {c: int(v) for c, v in cells.items()} for r, cells in read.cells.items()}
        assert got == want or (mutation != "none" and writes(got))


@settings(max_examples=300, deadline=None)
@given(seed=seeds, mutation=st.sampled_from(("none", "swap", "glue", "drop")))
def test_table_three_in_drawing_order_is_read_right_or_not_at_all(seed, mutation):
    """pdftotext's raw text of a PDF: table 三's values in drawing order, in blocks of rows written
    row by row or column by column, a blank cell gone; and then two values swapped, two run together
    (as pdftotext runs close cells) or one lost. Read in the form's order (form_order._in_form_order),
    every cell is the table's, or no cell is read."""
    rng = random.Random(seed)
    rep = random_report(rng)
    rows, cols = list(rep.application), [c.code for c in spec.APPLICANT_COLUMNS]
    written: list[str] = []
    i = 0
    while i < len(rows):
        block = rows[i:i + min(rng.choice((1, 1, 1, 2, 3, 5, 9, len(rows))), len(rows) - i)]
        order = [(r, c) for r in block for c in cols] if len(block) == 1 else [(r, c) for c in cols for r in block]
        written += [str(rep.application[r][c]) for r, c in order if rep.application[r][c] is not None]
        i += len(block)
    _read_right_or_not(rep, written, rng, mutation)


@settings(max_examples=300, deadline=None)
@given(seed=seeds, mutation=st.sampled_from(("none", "swap", "glue", "drop")))
@example(seed=33642, mutation="swap")   # the swap writes rows 6..10 apart of a table with two rows exchanged
def test_table_three_with_first_columns_written_apart_is_read_right_or_not_at_all(seed, mutation):
    """pdftotext's raw text of a browser's PDF: table 三's values row by row, but a run of rows with
    their first columns' cells written apart, right after the run's other cells or after the table's
    last row (the cells drawn with wrapped labels), a blank cell gone; and then two values swapped, two run together or
    one lost. Read in the form's order (form_order._in_form_order, form_order._first_columns_apart), every cell is the
    table's, or no cell is read."""
    rng = random.Random(seed)
    rep = random_report(rng)
    rows = list(rep.application)
    a = rng.randrange(len(rows))
    b = rng.randrange(a, len(rows))
    c = rng.randrange(1, len(spec.APPLICANT_COLUMNS))
    q = rng.choice((b + 1, len(rows)))
    written = _first_columns_written(rep.application, a, b, c, q)
    n, width = len(rows), len(spec.APPLICANT_COLUMNS)
    _read_right_or_not(rep, written, rng, mutation, lambda table: any(
        _first_columns_written(table, a, b, c, q) == written
        for a in range(n) for b in range(a, n) for c in range(1, width) for q in {b + 1, n}))


def _first_columns_written(table: dict, a: int, b: int, c: int, q: int) -> list[str]:
    """Table 三 written row by row but rows a..b, whose first c columns' cells come after their
    other cells and the rows before row q."""
    rows, cols = list(table), [col.code for col in spec.APPLICANT_COLUMNS]
    firsts, rests = ([(r, col) for r in rows[a:b + 1] for col in cols[:c]],
                     [(r, col) for r in rows[a:b + 1] for col in cols[c:]])
    whole = [[(r, col) for col in cols] for r in rows]
    order = sum(whole[:a], []) + rests + sum(whole[b + 1:q], []) + firsts + sum(whole[q:], [])
    return [str(table[r][col]) for r, col in order if table[r][col] is not None]


@settings(max_examples=300, deadline=None)
@given(seed=seeds, under=st.integers(1, 14), first=st.booleans(), phone=st.booleans(), lost=st.booleans())
def test_section_four_carried_past_the_next_sections_is_read_right_or_not_at_all(seed, under, first, phone, lost):
    """pdftotext's raw text of a browser's PDF: section 四's fifteen values, some under its header and
    the rest (the row's first or last ones) after 五 and 六's words, maybe after a footer's telephone
    number, maybe one lost: read together (tables._carried_on), they are the row's, or not read."""
    rng = random.Random(seed)
    row = [str(v) for cells in random_report(rng).review.values() for v in cells.values()]
    shown, rest = (row[:under], row[under:]) if first else (row[-under:], row[:-under])
    if lost:
        del rest[rng.randrange(len(rest))]
    text = ("结果维 结果纠 其他结 尚未审 总\n持 正 果 结 计\n" + "\n".join(shown) + "\n五、存在的主要问题及改进情况\n"
            "2024年，公开内容仍需进一步规范。\n六、其他需要报告的事项\n本年度未收取信息处理费。\n"
            + ("联系电话：0591-23561409\n" if phone else "") + "\n".join(rest) + "\n某某区人民政府\n2025年1月25日\n")
    stream = tokenize(text)
    end = stream.text.index("五、")
    read = _carried_on(stream, stream.between(0, end), end)
    assert read is None or [t.raw for t in read] == row
