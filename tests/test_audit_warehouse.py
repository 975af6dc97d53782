"""Warehouse-side audit: section 二 over years, year-over-year jumps and the rate views with their
metric dictionary, on 洪泽区's two real reports (2023 and 2024) and variants of them."""
from __future__ import annotations

import re
import shutil
from decimal import Decimal

import pytest

from assets.run import run_ingest

from .conftest import ROOT, SHARED, query

KIRO_1, KIRO_2 = SHARED / "real" / "kiro_1.txt", SHARED / "real" / "kiro_2.txt"
NORMATIVE_2024 = "行政规范性文件          3          0       8"


def _warehouse(tmp_path, files: dict[str, str]):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, text in files.items():
        (raw / name).write_text(text, encoding="utf-8")
    wh = tmp_path / "ogi.duckdb"
    run_ingest(raw, wh)
    return wh


@pytest.fixture(scope="module")
def hongze(tmp_path_factory):
    """The two real reports as published."""
    raw = tmp_path_factory.mktemp("raw")
    for path in (KIRO_1, KIRO_2):
        shutil.copy(path, raw / path.name)
    wh = tmp_path_factory.mktemp("wh") / "ogi.duckdb"
    run_ingest(raw, wh)
    return wh


def test_the_real_chain_holds_and_raises_nothing(hongze):
    """2023: 行政规范性文件 in force 5; 2024: issued 3, repealed 0, in force 8 = 5 + 3 - 0."""
    assert query(hongze, "SELECT * FROM report_issue WHERE rule = 'disclosure_chain'") == []


@pytest.mark.parametrize("first", ["2023", "2024"])
def test_a_broken_section_2_chain_is_an_info_flag_with_the_numbers(tmp_path, first):
    assert NORMATIVE_2024 in KIRO_2.read_text(encoding="utf-8")
    broken = KIRO_2.read_text(encoding="utf-8").replace(NORMATIVE_2024, NORMATIVE_2024[:-1] + "9")
    raw = tmp_path / "raw"
    raw.mkdir()
    wh = tmp_path / "ogi.duckdb"
    # either year may arrive first: the chain is recomputed for the agency on every load
    files = [("kiro_1.txt", KIRO_1.read_text(encoding="utf-8")), ("kiro_2.txt", broken)]
    for name, text in (files if first == "2023" else files[::-1]):
        (raw / name).write_text(text, encoding="utf-8")
        run_ingest(raw, wh)
    [(severity, detail)] = query(wh, "SELECT severity, detail FROM report_issue WHERE rule = 'disclosure_chain'")
    assert severity == "info"
    assert "normative_documents in_force 2024 is 9, but 2023's 5 + issued 3 - repealed 0 = 8" in detail


def test_a_jump_in_section_2_is_listed(hongze):
    """行政许可 decisions: 550 in 2023, 9487 in 2024 (17-fold); applications 21 -> 95 (4.5-fold) are not."""
    rows = query(hongze, "SELECT report_year, section, quantity, prev_value, value, factor FROM v_yoy_jump")
    assert (2024, "proactive", "art20_5.administrative_license.decisions", Decimal(550), Decimal(9487),
            Decimal("17.25")) in rows
    assert all(q != "received_new" for _, _, q, *_ in rows)
    for *_, prev, value, _factor in rows:
        assert max(prev, value) >= 20 and (value >= 5 * prev or 5 * value <= prev)


def test_rates_follow_the_metric_dictionary(hongze):
    """2024 (kiro_2): granted 50 of 95 outcomes; denials 1+1+1 = 3; not held 31; review 1 of 2
    corrected but only 2 decided cases, below the minimum sample of 5."""
    rate = dict(query(hongze, "SELECT metric, value FROM v_rate WHERE report_year = 2024"))
    assert rate["grant_rate"] == pytest.approx(50 / 95)
    assert rate["denial_rate"] == pytest.approx(3 / 95)
    assert rate["not_held_share"] == pytest.approx(31 / 95)
    assert rate["carry_forward_rate"] == 0
    assert rate["review_correction_rate"] is None
    assert query(hongze, """SELECT numerator, denominator, below_min_sample FROM v_rate
                            WHERE report_year = 2024 AND metric = 'review_correction_rate'""") == [(1, 2, True)]
    metrics = {m for (m,) in query(hongze, "SELECT metric FROM metric WHERE len(numerator) > 0")}
    assert metrics == {m for (m,) in query(hongze, "SELECT DISTINCT metric FROM v_rate")}


def test_a_rate_column_named_after_a_metric_computes_that_metric(hongze):
    """One name, one formula: every column of v_application_summary and v_application_by_region
    that bears a metric's name is the dictionary's numerator / denominator (these views apply no
    minimum sample). kiro_2: granted 50 and partially granted 9 of 95: grant_rate 50/95, disclosure_rate 59/95."""
    metrics = {m for (m,) in query(hongze, "SELECT metric FROM metric")}
    for view, key in (("v_application_summary", "report_year"), ("v_application_by_region", "report_year")):
        columns = {c for (c,) in query(hongze, "SELECT column_name FROM duckdb_columns() WHERE table_name = ?", [view])}
        named = sorted(metrics & columns)
        assert {"grant_rate", "disclosure_rate", "denial_rate"} <= set(named)
        where = "" if view == "v_application_summary" else "WHERE grain = 'admin_level'"
        for metric in named:
            got = dict(query(hongze, f"SELECT {key}, {metric} FROM {view} {where}"))
            want = dict(query(hongze, "SELECT report_year, numerator / denominator FROM v_rate WHERE metric = ?", [metric]))
            assert got == pytest.approx(want), (view, metric)
    assert query(hongze, """SELECT grant_rate, disclosure_rate FROM v_application_summary
                            WHERE report_year = 2024""")[0] == pytest.approx((50 / 95, 59 / 95))


def test_a_blank_cell_makes_the_rate_null_never_zero(tmp_path):
    """kiro_2 with its 国家秘密 row blanked (/): the denial rate's numerator is unknown."""
    text = KIRO_2.read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if "属于国家秘密" in ln)
    blanked = text.replace(line, re.sub(r"\b0\b", "/", line))
    wh = _warehouse(tmp_path, {"kiro_2.txt": blanked})
    assert query(wh, "SELECT numerator, value FROM v_rate WHERE metric = 'denial_rate'") == [(None, None)]
    assert query(wh, "SELECT value FROM v_rate WHERE metric = 'grant_rate'")[0][0] == pytest.approx(50 / 95)


def test_pooled_rates_by_year(hongze):
    rows = query(hongze, """SELECT report_year, reports, numerator, denominator FROM v_rate_by_year
                            WHERE metric = 'grant_rate' ORDER BY report_year""")
    assert [r[0] for r in rows] == [2023, 2024] and rows[1][1:] == (1, 50, 95)


PT_17 = SHARED / "real2" / "pt_17.txt"      # 2019 template, 2019: 行政许可 上一年项目数量 17, 本年增/减 0


@pytest.mark.parametrize("stated, flagged", [("17", False), ("18", True)])
def test_the_2019_chain_takes_last_years_items_and_change(tmp_path, stated, flagged):
    """A 2020 report of the same department (pt_17 with its years moved on) must say 17 + 0."""
    text = PT_17.read_text(encoding="utf-8")
    assert "行政许可 17 0 2" in text
    later = text.replace("2019", "2020").replace("行政许可 17 0 2", f"行政许可 {stated} 0 2")
    wh = _warehouse(tmp_path, {"pt_17.txt": text, "pt_17_2020.txt": later})
    assert query(wh, "SELECT count(*) FROM v_report")[0][0] == 2
    details = [d for (d,) in query(wh, "SELECT detail FROM report_issue WHERE rule = 'disclosure_chain'")]
    assert bool(details) == flagged
    if flagged:
        assert details[0].startswith("administrative_license prior_year_items 2020 is 18, but 2019's 17 "
                                     "+ its change 0 = 17")


def test_auditor_flags_asset_check_counts_the_warehouse(hongze):
    from assets.checks import auditor_flags
    from assets.resources import Warehouse
    result = auditor_flags(Warehouse(path=str(hongze)))
    assert not result.passed
    assert result.metadata["reports_by_rule"].data == {"narrative_mismatch": 1}


def test_the_readme_lists_every_metric_with_its_minimum_sample(hongze):
    """The README's metric table and the dictionary the views evaluate say the same thing."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = {m: int(n) for m, n in re.findall(r"^\| (\w+) \| [^|]+ \| (?:larger count ≥ )?(\d+) \|$", text, re.M)}
    assert listed == dict(query(hongze, "SELECT metric, min_denominator FROM metric"))
