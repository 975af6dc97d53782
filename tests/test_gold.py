"""Every cell, the metadata and the source inconsistencies of the eight hand-verified reports."""
from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.parsing import parse_bytes

from .conftest import flatten, gold_cases

IDENTITY_RULES = {"column_balance", "outcome_sum", "row_total", "review_total"}
CASES = gold_cases()


@pytest.fixture(params=CASES, ids=[c[0].stem for c in CASES], scope="module")
def case(request):
    path, gold = request.param
    return parse_bytes(path.read_bytes(), path.name), gold


@pytest.mark.parametrize("section", ["application", "review_litigation", "proactive"])
def test_every_cell_matches_gold(case, section):
    report, gold = case
    got = dict(flatten(getattr(report, section)))
    want = {k: (None if v is None else Decimal(str(v))) for k, v in flatten(gold[section])}
    assert got == want


def test_metadata_matches_gold(case):
    report, gold = case
    assert report.agency_name in gold["agency_names"]
    assert (report.report_year, report.title_year, report.template_version, report.admin_level) == (
        gold["report_year"], gold["title_year"], gold["template_version"], gold["admin_level"])


def test_source_inconsistencies_are_flagged_and_only_those(case):
    report, gold = case
    broken = [f for f in report.issues if f.rule in IDENTITY_RULES]
    assert len(broken) == len(gold["source_inconsistencies"])


def test_year_conflict_is_flagged_when_title_and_period_differ(case):
    report, gold = case
    conflict = any(f.rule == "year_conflict" for f in report.issues)
    assert conflict == (gold["report_year"] != gold["title_year"])
