"""The example queries of sql/examples against results computed independently from the gold JSON
files (the hand-verified truth), on a warehouse loaded from the gold reports' raw files."""
from __future__ import annotations

import shutil
from collections import Counter, defaultdict
from decimal import Decimal

import pytest

from assets.run import run_ingest
from pipeline.config import SQL_DIR
from pipeline.parsing import spec
from pipeline.parsing.flags import IDENTITY_RULES
from pipeline.warehouse.console import run_sql

from .conftest import gold_cases

CASES = gold_cases()
GOLD = [gold for _, gold in CASES]
RESULTS = ("upheld", "corrected", "other", "pending")


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    for path, _ in CASES:
        shutil.copy(path, raw / path.name)
    wh = tmp_path_factory.mktemp("wh") / "ogi.duckdb"
    assert run_ingest(raw, wh).summary.loaded == len(CASES)
    return wh


def example(warehouse, name: str) -> list[dict]:
    (result,) = run_sql(warehouse, (SQL_DIR / "examples" / name).read_text(encoding="utf-8"))
    return [dict(zip(result.columns, row, strict=True)) for row in result.rows]


def num(value):
    return None if value is None else Decimal(str(value))


def total(gold: dict, item: str):
    return num(gold["application"].get(item, {}).get("total"))


def sql_sum(values):
    """SUM as SQL has it: NULLs skipped, NULL when nothing is left."""
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def share(part, whole):
    return None if part is None or not whole else round(float(part / whole), 4)


def agency_groups() -> list[list[dict]]:
    """Gold reports of one agency: those that share an accepted name (e.g. 洪泽区人民政府 in 2023 and
    淮安市洪泽区人民政府 in 2024)."""
    groups: list[tuple[set, list]] = []
    for gold in GOLD:
        names = set(gold["agency_names"])
        joined = [g for g in groups if g[0] & names]
        merged = (names.union(*(g[0] for g in joined)), [gold, *(r for g in joined for r in g[1])])
        groups = [g for g in groups if g not in joined] + [merged]
    return [reports for _, reports in groups]


def test_every_example_is_checked():
    assert {p.name for p in (SQL_DIR / "examples").glob("*.sql")} == set(CHECKS)


def check_applications_yoy(rows):
    want = []
    for reports in agency_groups():
        by_year = {g["report_year"]: total(g, "received_new") for g in reports}
        for year, received in by_year.items():
            prev = by_year.get(year - 1)
            want.append((year, received, prev, None if received is None or prev is None else received - prev))
    assert Counter((r["report_year"], num(r["received_new"]), num(r["prev_count"]), num(r["change"])) for r in rows) \
        == Counter(want)
    assert len({r["agency_id"] for r in rows}) == len(agency_groups())


def check_review_outcomes_by_year(rows):
    cells = defaultdict(lambda: defaultdict(list))
    for gold in GOLD:
        for proceeding, results in gold["review_litigation"].items():
            for result, value in results.items():
                cells[(gold["report_year"], proceeding)][result].append(num(value))
    want = {}
    for key, results in cells.items():
        parts = {r: sql_sum(results[r]) for r in RESULTS}
        want[key] = {**parts, "parts_sum": sql_sum([v for r in RESULTS for v in results[r]]),
                     "stated_total": sql_sum(results["total"])}
    got = {(r["report_year"], r["proceeding"]): {k: num(r[k]) for k in (*RESULTS, "parts_sum", "stated_total")}
           for r in rows}
    assert got == want
    assert any(v["parts_sum"] != v["stated_total"] for v in got.values())   # kiro_1: stated totals of 0


def check_denial_rate_trend(rows):
    groups = defaultdict(list)
    for gold in GOLD:
        if gold["application"]:
            groups[(gold["report_year"], gold["admin_level"])].append(gold)
    want = {}
    for key, golds in groups.items():
        denied = sql_sum([v for g in golds for item, cols in g["application"].items() if item.startswith("denied_")
                          for v in [num(cols.get("total"))]])
        granted, partial = (sql_sum([total(g, item) for g in golds]) for item in ("granted", "partially_granted"))
        answered = sql_sum([total(g, "outcome_total") for g in golds])
        disclosed = None if None in (granted, partial) else granted + partial
        want[key] = (len(golds), denied, granted, partial, answered,
                     *(share(n, answered) for n in (denied, granted, disclosed)))
    rates = ("denial_rate", "grant_rate", "disclosure_rate")
    got = {(r["report_year"], r["admin_level"]): (r["reports"], num(r["denied"]), num(r["granted"]),
                                                  num(r["partially_granted"]), num(r["answered"]),
                                                  *(None if r[k] is None else float(r[k]) for k in rates))
           for r in rows}
    assert got == want
    assert any(g != d for *_, g, d in got.values())     # the gold reports tell grant from disclosure


def check_flagged_reports(rows):
    identity = defaultdict(int)
    year_conflicts = set()
    for r in rows:
        if r["rule"] in IDENTITY_RULES:
            identity[r["source_file"]] += 1
        elif r["rule"] == "year_conflict":
            year_conflicts.add(r["source_file"])
    assert dict(identity) == {g["source"]: len(g["source_inconsistencies"]) for g in GOLD
                              if g["source_inconsistencies"]}
    assert year_conflicts == {g["source"] for g in GOLD if g["title_year"] != g["report_year"]}


def check_top_agencies_by_applications(rows):
    by_year = defaultdict(list)
    for gold in GOLD:
        if total(gold, "received_new") is not None:
            by_year[gold["report_year"]].append(total(gold, "received_new"))
    want = [(year, v) for year in sorted(by_year) for v in sorted(by_year[year], reverse=True)[:10]]
    assert [(r["report_year"], num(r["received_new"])) for r in rows] == want
    names = {name for g in GOLD for name in g["agency_names"]}
    assert {r["agency_name"] for r in rows} <= names


def current_by_year(reports: list[dict]) -> dict[int, dict]:
    return {g["report_year"]: g for g in reports}


DENIED = [r.code for r in spec.APPLICATION_ROWS if r.code.startswith("denied_")]
JUMP_FLOOR = 20          # the metric dictionary's yoy_jump minimum


def check_rates_by_year(rows):
    pooled = defaultdict(lambda: [0, Decimal(0), Decimal(0)])
    for reports in agency_groups():
        for year, g in current_by_year(reports).items():
            for metric, parts in (("grant_rate", ["granted"]), ("denial_rate", DENIED)):
                values, whole = [total(g, p) for p in parts], total(g, "outcome_total")
                if None in values or whole is None:
                    continue
                cell = pooled[(year, g["admin_level"], metric)]
                cell[0] += 1
                cell[1] += sum(values)
                cell[2] += whole
    want = sorted((year, level, metric, n, round(float(part / whole), 3) if whole >= 10 else None)
                  for (year, level, metric), (n, part, whole) in pooled.items())
    got = [(r["report_year"], r["admin_level"], r["metric"], r["reports"],
            None if r["value"] is None else round(float(r["value"]), 3)) for r in rows]
    assert got == want


def _cells(g: dict) -> dict[tuple[str, str], Decimal]:
    """The cells v_yoy_jump compares: section 三's 总计 column, section 四, section 二's counts."""
    cells = {("application", item): num(row.get("total")) for item, row in g["application"].items()}
    cells |= {("review_litigation", f"{proc}.{res}"): num(v) for proc, row in g["review_litigation"].items()
              for res, v in row.items()}
    cells |= {("proactive", f"{clause}.{item}.{m}"): num(v) for clause, items in g["proactive"].items()
              for item, row in items.items() for m, v in row.items()
              if m not in ("fee_amount", "procurement_amount", "change")}
    return cells


def check_yoy_jumps(rows):
    want = []
    for reports in agency_groups():
        years = current_by_year(reports)
        for year, g in years.items():
            if year - 1 not in years:
                continue
            before = _cells(years[year - 1])
            for key, value in _cells(g).items():
                prev = before.get(key)
                if value is None or prev is None or max(value, prev) < JUMP_FLOOR:
                    continue
                if value >= 5 * prev or 5 * value <= prev:
                    want.append((year, *key, prev, value))
    got = [(r["report_year"], r["section"], r["quantity"], num(r["prev_value"]), num(r["value"])) for r in rows]
    assert sorted(got) == sorted(want) and want


CHECKS = {
    "rates_by_year.sql": check_rates_by_year,
    "yoy_jumps.sql": check_yoy_jumps,
    "applications_yoy.sql": check_applications_yoy,
    "review_outcomes_by_year.sql": check_review_outcomes_by_year,
    "denial_rate_trend.sql": check_denial_rate_trend,
    "flagged_reports.sql": check_flagged_reports,
    "top_agencies_by_applications.sql": check_top_agencies_by_applications,
}


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_example_matches_the_gold_reports(warehouse, name):
    rows = example(warehouse, name)
    assert rows
    CHECKS[name](rows)
