"""The gold reports rendered under the text-layout variations of real reports (tests/render_gold.py):
parsed back exactly where the cells are separated, and right or NULL-and-flagged where they are glued;
and the same reports with one cell changed so that an identity breaks: loaded as written, or NULL
and flagged, never a value chosen to make the arithmetic come out."""
from __future__ import annotations

import copy
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.parsing import parse_text
from pipeline.parsing.flags import IDENTITY_RULES

from .conftest import flatten, gold_cases
from .render_gold import NUMBERINGS, REVIEW_HEADINGS, SEPARATORS, UNIT_STYLES, Variation, expected, render

GOLD = [gold for _, gold in gold_cases("seeds", "real", "real2")]
NULL_FLAGS = {"ambiguous_cells", "row_values_mismatch", "amount_unit_unknown"}
SECTIONS = ("application", "review_litigation", "proactive")

variations = st.builds(Variation, numbering=st.sampled_from(NUMBERINGS), separator=st.sampled_from(SEPARATORS),
                       one_line=st.booleans(), units=st.sampled_from(UNIT_STYLES), chrome=st.booleans(),
                       review_heading=st.integers(0, len(REVIEW_HEADINGS) - 1), narrative=st.booleans())
separated = variations.filter(lambda v: not v.glued)
golds = st.sampled_from(GOLD)
seeds = st.integers(0, 2**31 - 1)


def _cells(report_json: dict) -> dict:
    return {k: report_json[k] for k in SECTIONS}


def _right_or_flagged_null(got: dict, want: dict) -> int:
    """Every cell is the wanted value, or NULL in a report that flags NULL cells; the NULL count."""
    flagged = {i["rule"] for i in got["issues"]} & NULL_FLAGS
    nulls = 0
    for section in SECTIONS:
        cells = dict(flatten(got[section]))
        for key, value in flatten(want[section]):
            if cells.get(key) == value:
                continue
            assert cells.get(key) is None, (section, key, cells.get(key), value)
            assert flagged, (section, key)
            nulls += 1
    return nulls


@settings(max_examples=250, deadline=None)
@given(gold=golds, v=separated, seed=seeds)
def test_separated_cells_parse_back_exactly(gold, v, seed):
    got = parse_text(render(gold, v, random.Random(seed))).to_json()
    assert _cells(got) == expected(gold, v)
    assert got["template_version"] == gold["template_version"]
    unknown = any(i["rule"] == "amount_unit_unknown" for i in got["issues"])
    assert unknown == (_cells(got) != _cells(gold))     # flagged exactly when an amount has no unit


@settings(max_examples=150, deadline=None)
@given(gold=golds, v=variations.map(lambda v: Variation(**{**v.__dict__, "separator": "glued"})), seed=seeds)
def test_glued_cells_are_right_or_null_and_flagged(gold, v, seed):
    got = parse_text(render(gold, v, random.Random(seed))).to_json()
    _right_or_flagged_null(got, expected(gold, v))
    assert got["template_version"] == gold["template_version"]


def test_glued_gold_reports_keep_sections_three_and_four():
    """Glued, a gold report's 三 and 四 are fixed by their identities nearly everywhere; 二 has
    none, so its multi-digit runs stay NULL. Over all gold reports and numbering variations."""
    right = total = 0
    for i, gold in enumerate(GOLD):
        v = Variation(numbering=NUMBERINGS[i % len(NUMBERINGS)], separator="glued", one_line=True, chrome=True)
        got = parse_text(render(gold, v, random.Random(i))).to_json()
        _right_or_flagged_null(got, expected(gold, v))
        for section in ("application", "review_litigation"):
            cells = dict(flatten(got[section]))
            pairs = [(k, x) for k, x in flatten(gold[section]) if x is not None]
            right += sum(cells.get(k) == x for k, x in pairs)
            total += len(pairs)
    assert right / total > 0.97


# ---- a source that breaks its own identities ----------------------------------------------------

def _break_one_cell(gold: dict, rng: random.Random) -> dict:
    """The gold with one count of table 三 or 四 changed: at least one identity no longer holds."""
    written = copy.deepcopy(gold)
    section = rng.choice(("application", "application", "review_litigation"))
    cells = [(row, col) for row, cols in written[section].items() for col, x in cols.items() if x is not None]
    row, col = rng.choice(cells)
    old = written[section][row][col]
    written[section][row][col] = max(0, old + rng.choice((1, 2, 5, 10, 37, -1, -10))) if old else rng.choice((1, 3, 12))
    if written[section][row][col] == old:
        written[section][row][col] = old + 1
    return written


@settings(max_examples=150, deadline=None)
@given(gold=golds, v=variations, seed=seeds)
def test_a_broken_source_is_loaded_as_written_or_null_and_flagged(gold, v, seed):
    rng = random.Random(seed)
    written = _break_one_cell(gold, rng)
    got = parse_text(render(written, v, rng)).to_json()
    want = expected(written, v)
    nulls = _right_or_flagged_null(got, want)
    if not v.glued:
        assert nulls == sum(x is None for x in dict(flatten(_cells(got))).values()) - sum(
            x is None for x in dict(flatten(want)).values())
        assert _cells(got) == want
        assert {i["rule"] for i in got["issues"]} & IDENTITY_RULES
