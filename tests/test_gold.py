"""Every cell, the metadata and the source inconsistencies of the hand-verified reports.

All gold sets are checked cell by cell: seeds, real and real2 (crawled text of one zone's site).
Where real2's page.txt glues a section 二 row into a run with several cuts, its gold comes from the
page's HTML, which the parser does not see: those cells are listed below, with the run, and must
be NULL and flagged, never a guess. Every other cell must equal the gold exactly.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.parsing import parse_bytes
from pipeline.parsing.flags import IDENTITY_RULES

from .conftest import flatten, gold_cases

CASES = gold_cases("seeds", "real", "real2")
META_CASES = gold_cases("seeds", "real")    # real2's metadata (the crawler's header lines): metadata work

# report -> (section, clause, item) -> (the glued run as written, the cells it leaves open).
# No identity holds between a section 二 row's cells, so a run such as 9921 (9|9|21, 9|92|1,
# 99|2|1, …) cannot be cut from the text; 4253521.20 and 10669053 have no unit anywhere.
UNDETERMINED = {
    "pt_2": {
        ("art20_1", "normative_documents"): ("9921", ("produced", "published", "total_published")),
        ("art20_5", "administrative_license"): ("20180", ("prior_year_items", "change", "decisions")),
        ("art20_6", "administrative_penalty"): ("8814314", ("prior_year_items", "change", "decisions")),
        ("art20_6", "administrative_enforcement"): ("7114", ("prior_year_items", "change", "decisions")),
        ("art20_9", "government_procurement"): ("191690.9913", ("procurement_projects", "procurement_amount")),
    },
    "pt_3": {
        ("art20_6", "administrative_penalty"): ("11910305", ("prior_year_items", "change", "decisions")),
        ("art20_6", "administrative_enforcement"): ("4205", ("prior_year_items", "change")),
        ("art20_9", "government_procurement"): ("2273680", ("procurement_projects", "procurement_amount")),
    },
    "pt_4": {
        ("art20_1", "normative_documents"): ("121212", ("produced", "published", "total_published")),
        ("art20_5", "administrative_license"): ("4800", ("prior_year_items", "change")),
        ("art20_9", "government_procurement"): ("184253521.20", ("procurement_projects",)),
    },
    "pt_5": {("art20_1", "normative_documents"): ("2120", ("issued", "repealed", "in_force"))},
    "pt_6": {("art20_1", "normative_documents"): ("2433", ("issued", "repealed", "in_force"))},
    "pt_8": {("art20_1", "normative_documents"): ("13013", ("issued", "repealed", "in_force"))},
    "pt_10": {("art20_9", "government_procurement"): ("1018703", ("procurement_projects", "procurement_amount"))},
    "pt_13": {
        ("art20_1", "normative_documents"): ("2211", ("produced", "published", "total_published")),
        ("art20_5", "administrative_license"): ("0124", ("change", "decisions")),
        ("art20_9", "government_procurement"): ("4110669053", ("procurement_projects",)),
    },
    "pt_14": {
        ("art20_5", "administrative_license"): ("3705", ("prior_year_items", "change")),
        ("art20_5", "other_external_services"): ("109024", ("prior_year_items", "change", "decisions")),
        ("art20_6", "administrative_penalty"): ("103040", ("prior_year_items", "change", "decisions")),
        ("art20_9", "government_procurement"): ("176586650.10", ("procurement_projects", "procurement_amount")),
    },
    "pt_15": {("art20_1", "normative_documents"): ("2023", ("issued", "repealed", "in_force"))},
    "pt_18": {("art20_1", "normative_documents"): ("5615", ("issued", "repealed", "in_force"))},
    "pt_19": {
        ("art20_5", "administrative_license"): ("88 -720", ("change", "decisions")),
        ("art20_6", "administrative_penalty"): ("26 -260", ("change", "decisions")),
        ("art20_9", "government_procurement"): ("263042532", ("procurement_projects", "procurement_amount")),
    },
    "pt_22": {
        ("art20_1", "normative_documents"): ("1077", ("produced", "published", "total_published")),
        ("art20_6", "administrative_penalty"): ("3500", ("prior_year_items", "change")),
        ("art20_9", "government_procurement"): ("2832995", ("procurement_projects", "procurement_amount")),
    },
}


@pytest.fixture(params=CASES, ids=[c[0].stem for c in CASES], scope="module")
def case(request):
    path, gold = request.param
    return parse_bytes(path.read_bytes(), path.name), gold


def _open_cells(stem: str) -> set[tuple]:
    return {(clause, item, cell) for (clause, item), (_, cells) in UNDETERMINED.get(stem, {}).items()
            for cell in cells}


@pytest.mark.parametrize("section", ["application", "review_litigation", "proactive"])
def test_every_cell_matches_gold(case, section):
    """Exact: every gold cell (NULL where the gold is NULL), no cell the gold lacks."""
    report, gold = case
    got = dict(flatten(getattr(report, section)))
    want = {k: (None if v is None else Decimal(str(v))) for k, v in flatten(gold[section])}
    if section == "proactive":
        for key in _open_cells(report.source.rsplit(".", 1)[0]):
            want[key] = None
    assert got == want


@pytest.mark.parametrize("stem", sorted(UNDETERMINED))
def test_cells_the_text_leaves_open_are_flagged(stem):
    """The listed runs are written so (the list is no guess about the source), and the parser
    flags each of those rows as ambiguous, quoting the run."""
    (path, _), = [c for c in CASES if c[0].stem == stem]
    report = parse_bytes(path.read_bytes(), path.name)
    flagged = " ".join(f.detail for f in report.issues if f.rule == "ambiguous_cells")
    for (clause, item), (run, _) in UNDETERMINED[stem].items():
        assert run.replace(" ", "") in path.read_text(encoding="utf-8")
        assert f"{clause} {item} is glued ({run})" in flagged


@pytest.mark.parametrize("path, gold", META_CASES, ids=[c[0].stem for c in META_CASES])
def test_metadata_matches_gold(path, gold):
    report = parse_bytes(path.read_bytes(), path.name)
    assert report.agency_name in gold["agency_names"]
    assert (report.report_year, report.title_year, report.template_version, report.admin_level) == (
        gold["report_year"], gold["title_year"], gold["template_version"], gold["admin_level"])


def test_template_matches_gold(case):
    report, gold = case
    assert report.template_version == gold["template_version"]


def test_source_inconsistencies_are_flagged_and_only_those(case):
    report, gold = case
    broken = [f for f in report.issues if f.rule in IDENTITY_RULES]
    assert len(broken) == len(gold["source_inconsistencies"])


def test_year_conflict_is_flagged_when_title_and_period_differ(case):
    report, gold = case
    conflict = any(f.rule == "year_conflict" for f in report.issues)
    assert conflict == (gold["report_year"] != gold["title_year"])
