"""Crawled text with glued cells: digit runs cut back into cells, exactly when the identities fix
the cut, and otherwise NULL with an ambiguous_cells flag that quotes the cuts. Never a wrong number.
"""
from __future__ import annotations

import json
import random
import re
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.parsing import parse_text, spec
from pipeline.parsing.decode import decode
from pipeline.parsing.solve import SumGroup
from pipeline.parsing.split import resolve, split_row
from pipeline.parsing.tables import read_applications
from pipeline.parsing.tokens import tokenize

from .conftest import flatten, gold_cases
from .synth import GLUED, expected_json, random_report, render

NULL_FLAGS = {"ambiguous_cells", "row_values_mismatch"}
ROW = (SumGroup(6, (0, 1, 2, 3, 4, 5)),)
REVIEW = tuple(SumGroup(p * 5 + 4, tuple(range(p * 5, p * 5 + 4))) for p in range(3))
seeds = st.integers(0, 2**31 - 1)


def _cut(raws: str, width: int = 7, groups=ROW, vanished: int = 0, **kw):
    """One row's cells; by default as a crawl that keeps every cell (no blank dropped)."""
    raws = raws.split()
    values = [None if r == "/" else Decimal(r) for r in raws]
    return resolve(split_row(raws, values, width, groups, vanished=vanished, **kw), width)


def _ints(values):
    return [None if v is None else int(v) for v in values]


def _right_or_flagged_null(got: dict, want: dict) -> tuple[int, int]:
    """Every cell is the true value, or NULL in a report that flags NULL cells; (right, null)."""
    flagged = {i["rule"] for i in got["issues"]} & NULL_FLAGS
    right = null = 0
    for section in ("application", "review_litigation", "proactive"):
        cells = dict(flatten(got[section]))
        for key, value in flatten(want[section]):
            if cells.get(key) == value:
                right += 1
                continue
            assert cells.get(key) is None, (section, key, cells.get(key), value)
            assert flagged, (section, key)
            null += 1
    return right, null


# ---- one row ----------------------------------------------------------------------------------

def test_the_issue_example_has_one_cut():
    res = _cut("640020470")
    assert (_ints(res.values), res.status) == ([64, 0, 0, 2, 0, 4, 70], "split")


def test_two_cuts_leave_the_cells_they_disagree_on_null():
    res = _cut("101000011")        # 10|1|0|0|0|0|11 and 1|0|10|0|0|0|11
    assert res.status == "ambiguous" and res.candidates == 2
    assert _ints(res.values) == [None, None, None, 0, 0, 0, 11]


def test_no_leading_zeros_and_blanks_keep_their_cell():
    assert _ints(_cut("0000000").values) == [0] * 7
    assert _ints(_cut("10 / 000010").values) == [10, None, 0, 0, 0, 0, 10]
    assert _cut("02").status == "mismatch"


def test_a_blank_the_crawl_dropped_is_one_more_way_to_cut():
    """37|14|/|0|0|0|51 with the blank dropped reads 371400051, which 3|7|1|40|0|0|51 also fits."""
    assert _cut("371400051").status == "split"                  # a crawl that keeps every cell
    res = _cut("371400051", vanished=2)
    assert res.status == "ambiguous" and _ints(res.values) == [None] * 6 + [51]
    assert _ints(_cut("0000000", vanished=2).values) == [0] * 7   # "00" is no cell: still one cut


def test_a_blank_adds_nothing_to_its_row():
    assert _cut("5 / 2 0 0 0 13").status == "mismatch"          # 5 + 2 is not 13, blank or not
    assert _cut("5700013", vanished=1).status == "mismatch"


def test_a_fifteen_digit_review_run():
    assert _ints(_cut("000000000000000", 15, REVIEW).values) == [0] * 15
    res = _cut("72641783735113481261211620", 15, REVIEW)     # the last proceeding is ambiguous
    assert _ints(res.values) == [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, None, None, None, None, 20]


def test_a_source_that_breaks_its_totals_gets_no_cut():
    assert _cut("1010000000050000", 15, REVIEW).status == "mismatch"    # kiro_1: totals 0 over 10, 1, 5


def test_signed_change_only_in_its_column():
    res = _cut("120 +17370", 3, (), signed=frozenset({1}))
    assert res.status == "ambiguous" and _ints(res.values) == [120, None, None]
    assert _ints(_cut("5 -18 0", 3, (), signed=frozenset({1})).values) == [5, -18, 0]
    assert _cut("+5 18", 3, (), signed=frozenset({1})).status == "mismatch"


def test_the_search_is_bounded():
    res = _cut("9" * 40)        # the cap, not the clock, ends it: a status says so
    assert res.status in ("capped", "mismatch") and all(v is None for v in res.values)


def test_a_slash_touching_a_digit_is_a_blank_cell_but_not_in_a_label():
    assert [t.raw for t in tokenize("不掌握相关政府信息1215/030057").tokens] == ["1215", "/", "030057"]
    assert [t.raw for t in tokenize("数量/0020470").tokens] == ["/", "0020470"]
    stream = tokenize("本年增/减 3")
    assert stream.text == "本年增/减" and [t.raw for t in stream.tokens] == ["3"]


# ---- whole reports ----------------------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(seed=seeds, template=st.sampled_from(spec.TEMPLATES), noise=st.booleans())
def test_glued_report_is_exact_or_null_and_flagged(seed, template, noise):
    rng = random.Random(seed)
    rep = random_report(rng, template)
    got = parse_text(render(rep, GLUED, rng, noise)).to_json()
    _right_or_flagged_null(got, expected_json(rep))
    assert (got["agency_name"], got["report_year"], got["template_version"]) == (rep.agency, rep.year, template)


@settings(max_examples=30, deadline=None)
@given(seed=seeds)
def test_blanks_the_crawl_dropped_never_give_a_wrong_number(seed):
    """Blank cells written as nothing at all shift a row's digits (12|15|/ can read 1|21|5, the
    same sum). Measured on 3,000 reports with three such blanks each: 0 wrong numbers. A dropped
    blank can read 0 where the column's bounds force a count of 0, as for a lost cell."""
    rng = random.Random(seed)
    rep = random_report(rng)
    zeros = [(row, col) for row in rep.application for col in spec.APPLICANT_PARTS
             if rep.application[row][col] == 0]
    for row, col in rng.sample(zeros, min(3, len(zeros))):
        rep.application[row][col] = None
    for proc, result in rng.sample([(p, r) for p in rep.review for r in ("upheld", "pending")], 1):
        if rep.review[proc][result] == 0:
            rep.review[proc][result] = None
    text = re.sub(r"(?<=\d)/|/(?=\d)", "", render(rep, GLUED, rng, noise=False))
    got, want = parse_text(text).to_json(), expected_json(rep)
    for section in ("application", "review_litigation", "proactive"):
        cells = dict(flatten(got[section]))
        for key, value in flatten(want[section]):
            assert cells.get(key) in (None, value) or value is None and cells.get(key) == 0, (
                section, key, cells.get(key), value)


@settings(max_examples=30, deadline=None)
@given(seed=seeds)
def test_a_source_that_breaks_its_identities_never_gives_a_wrong_number(seed):
    rng = random.Random(seed)
    rep = random_report(rng, broken=True)
    _right_or_flagged_null(parse_text(render(rep, GLUED, rng, noise=False)).to_json(), expected_json(rep))


def test_recall_on_generated_glued_reports():
    """Sections 三 and 四 have identities to fix the cuts; section 二 has none, so only its forced
    cuts load. Measured on 300 reports: 三 99.0 %, 二 54.5 % (the rest NULL, flagged); 四 96 %:
    a proceeding's cells load only where the cuts agree even without its own total (a source
    that breaks a total could otherwise be cut to keep it)."""
    right = {"application": 0, "review_litigation": 0}
    total = dict.fromkeys(right, 0)
    for seed in range(40):
        rng = random.Random(seed)
        rep = random_report(rng)
        got = parse_text(render(rep, GLUED, rng, noise=False)).to_json()
        want = expected_json(rep)
        _right_or_flagged_null(got, want)
        for section in right:
            cells = dict(flatten(got[section]))
            pairs = list(flatten(want[section]))
            right[section] += sum(cells.get(k) == v for k, v in pairs)
            total[section] += len(pairs)
    assert right["application"] / total["application"] > 0.98
    assert right["review_litigation"] / total["review_litigation"] > 0.94


def test_gold_reports_with_their_cells_glued():
    """The eight hand-verified reports with the whitespace between a row's cells removed:
    every cell is the gold value or NULL and flagged; kiro_1's broken table 四 is not cut."""
    nulls = {}
    for path, gold in gold_cases():
        text = decode(path.read_bytes())
        glued = "\n".join(re.sub(r"(?<=[\d/])[ \t]+(?=[\d/])", "", line) for line in text.split("\n"))
        got = parse_text(glued).to_json()
        nulls[path.stem] = _right_or_flagged_null(got, gold)[1]
        assert got["template_version"] == gold["template_version"]
    assert sum(nulls.values()) < 60, json.dumps(nulls)


def test_a_glued_row_under_a_header_without_a_total_is_not_cut_as_written():
    """pdftotext's raw text of a page whose table 三 the browser split (kiro_2, split-table-three):
    its header read as three columns with no total (商业企业 科研机构 法律服务机构), the table glued
    (310000031). A row of 50 and 9 cuts into three cells one way only (5|0|9), but no total vouches
    for that cut, and the page says 50 (granted, natural person) and 0s: its cells stay NULL."""
    text = ("三、收到和处理政府信息公开申请情况\n申请人情况 商业企业 科研机构 法律服务机构\n"
            "一、本年新收政府信息公开申请数量 310000031\n(一)予以公开 50 9\n(二)部分公开 0 0 0\n"
            "四、政府信息公开行政复议、行政诉讼情况\n")
    stream = tokenize(text)
    read = read_applications(stream, 0, stream.text.index("四、政府"))
    assert set(read.cells["granted"].values()) == {None}
