"""A new parser version re-reads exactly the reports an older one read, in one publish, and says
what changed; the warehouse ends as a fresh ingest with the new parser would build it."""
from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

import pipeline.parse
from assets.run import run_ingest
from pipeline import parser_version
from pipeline.parsing import ParseError, parse_bytes
from pipeline.scan import pending_changes

from .conftest import SHARED, query
from .test_overlap import state
from .test_review import CELLS, FLAGS, rid, write

REPORTS = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "real").glob("*.txt"))


def _raw(tmp_path: Path, files: list[Path]) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    for f in files:
        shutil.copy(f, raw / f.name)
    return raw


def _use_parser(monkeypatch, version: str, revise=None) -> None:
    """Run with parser `version`; `revise(source, report)` stands for what the new code reads differently.
    The stand-in lives in this process, so the parts are parsed here, not in the budgeted workers
    (pipeline/budget.py, tested on its own)."""
    monkeypatch.setattr(parser_version, "current", lambda: version)
    monkeypatch.setattr(pipeline.parse, "run_parts", _in_this_process)

    def parse(raw: bytes, source: str = "", on_page=None):
        report = parse_bytes(raw, source, on_page)
        if revise:
            revise(source, report)
        return report
    monkeypatch.setattr(pipeline.parse, "parse_bytes", parse)


def _in_this_process(work, parts, workers, budget):
    for part in parts:
        yield work(part, lambda i: None)


def _loaded_by_v1(tmp_path: Path, monkeypatch, n: int) -> tuple[Path, Path]:
    """The first n reports, loaded by parser v1: (raw directory, warehouse)."""
    raw = _raw(tmp_path, REPORTS[:n])
    wh = tmp_path / "ogi.duckdb"
    _use_parser(monkeypatch, "v1")
    run_ingest(raw, wh)
    return raw, wh


def _reads_one_cell_differently(target: str):
    """The new parser reads one cell of `target` as one more and no longer raises its warnings."""
    def revise(source: str, report) -> None:
        if source == target:
            cells = report.application["carried_over"]
            cells["natural_person"] = (cells.get("natural_person") or Decimal(0)) + 1
            report.issues = [f for f in report.issues if f.severity == "info"]
    return revise


def test_a_version_bump_reparses_exactly_the_old_reports_and_reports_the_change(tmp_path, monkeypatch):
    old, new = REPORTS[:5], REPORTS[5:]
    raw = _raw(tmp_path, old)
    wh = tmp_path / "ogi.duckdb"
    _use_parser(monkeypatch, "v1")
    assert run_ingest(raw, wh).summary.loaded == len(old)
    warned = query(wh, "SELECT r.source_file FROM dim_report r JOIN report_issue i USING (report_id) "
                       "WHERE i.severity = 'warning' ORDER BY 1 LIMIT 1")[0][0]

    _raw(tmp_path, new)
    _use_parser(monkeypatch, "v2", _reads_one_cell_differently(warned))
    assert pending_changes(raw, wh) == len(old) + len(new)
    summary = run_ingest(raw, wh).summary
    assert (summary.loaded, summary.reparsed, summary.reparse_changed, summary.retracted) == (len(new), len(old), 1, 0)
    rows = query(wh, """SELECT d.source_file, p.old_version, p.new_version, p.outcome, p.cells_changed,
                               p.cells_added, p.cells_removed, len(p.flags_added), len(p.flags_removed) > 0, p.changes
                        FROM report_reparse p JOIN dim_report d USING (report_id) ORDER BY 1""")
    assert [r[0] for r in rows] == sorted(f.name for f in old)       # exactly the old ones, once each
    assert {r[1:4] for r in rows} == {("v1", "v2", "reparsed")}
    changed = {r[0]: r[4:] for r in rows if r[4:9] != (0, 0, 0, 0, False)}
    assert list(changed) == [warned]
    cells, added, removed, flags_added, flags_removed, changes = changed[warned]
    assert (cells, added, removed, flags_added, flags_removed) == (1, 0, 0, 0, True)
    assert len(changes) == 1 and changes[0].startswith("application carried_over/natural_person: ")
    assert any(n.startswith(f"re-parsed {warned}: 1 cells changed; flags removed ") for n in summary.notes)
    assert query(wh, "SELECT DISTINCT parser_version FROM dim_report") == [("v2",)]

    fresh = tmp_path / "fresh" / "ogi.duckdb"
    run_ingest(raw, fresh)
    assert state(wh) == state(fresh)                 # as if the new parser had read everything
    assert not run_ingest(raw, wh).summary.published  # and nothing is stale any more


def test_a_report_the_new_parser_quarantines_leaves_the_warehouse_with_its_reason(tmp_path, monkeypatch):
    raw, wh = _loaded_by_v1(tmp_path, monkeypatch, 3)
    doomed = REPORTS[1].name

    def reject(source: str, report) -> None:
        if source == doomed:
            raise ParseError("truncated", "section 四 ends mid-table")
    _use_parser(monkeypatch, "v2", reject)
    outcome = run_ingest(raw, wh)
    assert (outcome.summary.reparsed, outcome.summary.retracted, outcome.summary.quarantined) == (2, 1, 1)
    assert outcome.checks["every_input_accounted_for"] == "passed"
    assert query(wh, "SELECT count(*) FROM dim_report WHERE source_file = ?", [doomed]) == [(0,)]
    assert query(wh, "SELECT reason FROM quarantine") == [("truncated",)]
    assert query(wh, "SELECT outcome, cells_removed > 0 FROM report_reparse WHERE outcome <> 'reparsed'") == [
        ("quarantined: truncated (section 四 ends mid-table)", True)]
    facts = query(wh, "SELECT count(*) FROM fact_application WHERE report_id NOT IN (SELECT report_id FROM dim_report)")
    assert facts == [(0,)]


def test_a_report_whose_file_is_gone_keeps_its_reading_and_does_not_start_runs(tmp_path, monkeypatch):
    raw, wh = _loaded_by_v1(tmp_path, monkeypatch, 3)
    (raw / REPORTS[0].name).unlink()
    _use_parser(monkeypatch, "v2")
    assert run_ingest(raw, wh).summary.reparsed == 2
    assert query(wh, "SELECT source_file, parser_version FROM dim_report WHERE parser_version = 'v1'") == [
        (REPORTS[0].name, "v1")]
    assert pending_changes(raw, wh) == 0
    assert not run_ingest(raw, wh).summary.published


@pytest.mark.parametrize("agency_moves", [True, False])
def test_a_reparse_that_moves_a_report_to_another_agency_or_year_keeps_one_current_per_year(
        tmp_path, monkeypatch, agency_moves):
    raw, wh = _loaded_by_v1(tmp_path, monkeypatch, 4)
    target = REPORTS[0].name

    def rename(source: str, report) -> None:
        if source == target:
            if agency_moves:
                report.agency_name = "测试县人民政府"
            else:
                report.report_year = (report.report_year or 2020) - 5
    _use_parser(monkeypatch, "v2", rename)
    outcome = run_ingest(raw, wh)
    assert outcome.checks["one_current_report_per_agency_year"] == "passed"
    fields = query(wh, "SELECT fields_changed FROM report_reparse p JOIN dim_report d USING (report_id) "
                       "WHERE d.source_file = ?", [target])[0][0]
    assert ("agency_name" in fields) if agency_moves else (fields == ["report_year"])
    orphans = query(wh, "SELECT count(*) FROM dim_agency WHERE agency_id NOT IN (SELECT agency_id FROM dim_report)")
    assert orphans == [(0,)]
    fresh = tmp_path / "fresh" / "ogi.duckdb"
    run_ingest(raw, fresh)
    assert state(wh) == state(fresh)


def test_review_decisions_survive_a_reparse_and_stop_applying_when_the_written_value_changes(
        tmp_path, monkeypatch):
    kiro = SHARED / "real" / "kiro_1.txt"
    k1 = rid(kiro)
    review = write(tmp_path / "review", {
        "cells.csv": CELLS + f'{k1},fact_review_litigation,review,total,0,11,4,"行政复议 10 1 0 0 0",li.wei,misprint\n',
        "flags.csv": FLAGS + f"{k1},review_total,dismissed,4,,li.wei,the 总计 is a misprint\n"})
    raw, wh = _raw(tmp_path, [kiro]), tmp_path / "ogi.duckdb"
    reviewed_total = """SELECT count, written_count FROM v_fact_review_litigation
                        WHERE report_id = ? AND proceeding = 'review' AND result = 'total'"""
    flag_left = "SELECT count(*) FROM v_issue WHERE report_id = ? AND rule = 'review_total'"
    for version in ("v1", "v2"):                     # v2 re-reads the report the same way
        _use_parser(monkeypatch, version)
        run_ingest(raw, wh, review_dir=review)
        assert query(wh, "SELECT DISTINCT outcome FROM review_decision") == [("applied",)]
        assert query(wh, reviewed_total, [k1]) == [(11, 0)]
        assert query(wh, flag_left, [k1]) == [(0,)]
    assert query(wh, "SELECT count(*) FROM report_reparse") == [(1,)]

    def reads_ten(source: str, report) -> None:
        report.review_litigation["review"]["total"] = Decimal(10)
    _use_parser(monkeypatch, "v3", reads_ten)
    outcome = run_ingest(raw, wh, review_dir=review)
    assert query(wh, "SELECT file, outcome FROM review_decision ORDER BY file") == [
        ("cells.csv", "written_value_changed"), ("flags.csv", "applied")]
    assert query(wh, reviewed_total, [k1]) == [(10, 10)]   # the new reading, until the analyst looks again
    assert any(note.startswith("review cells.csv:2 written_value_changed") for note in outcome.summary.notes)
