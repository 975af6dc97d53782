"""The asset graph materialized into a temporary warehouse: tables, checks, idempotency,
supersede, year-over-year views, schedule and sensor."""
from __future__ import annotations

import os
import random
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from dagster import DagsterInstance, SkipReason, build_sensor_context, materialize, mem_io_manager

from assets.definitions import ASSET_CHECKS, ASSETS, defs, resources
from assets.resources import RawDirectory, ReviewDirectory, Warehouse
from assets.run import run_ingest
from assets.schedules import nightly_ingest, raw_files_sensor
from pipeline.scan import has_changes, pending_changes, scan_work

from .conftest import gold_cases, query
from .synth import random_report, render

CASES = gold_cases()


def ingest(raw: Path, wh: Path):
    return materialize([*ASSETS, *ASSET_CHECKS], resources={**resources(str(raw), str(wh)), "io_manager": mem_io_manager},
                       instance=DagsterInstance.ephemeral())


@pytest.fixture(scope="module")
def gold_warehouse(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    for path, _ in CASES:
        shutil.copy(path, raw / path.name)
    wh = tmp_path_factory.mktemp("wh") / "ogi.duckdb"
    result = ingest(raw, wh)
    return raw, wh, result


def test_definitions_load_with_schedule_sensor_and_checks():
    repo = defs.get_repository_def()
    assert {a.key.to_user_string() for a in ASSETS} == {"raw_report_files", "parsed_reports", "validated_reports", "warehouse"}
    assert repo.has_schedule_def("nightly_ingest") and repo.has_sensor_def("raw_files_sensor")


@pytest.mark.parametrize("path, gold", CASES, ids=[c[0].stem for c in CASES])
def test_warehouse_facts_equal_gold(gold_warehouse, path, gold):
    _, wh, _ = gold_warehouse
    (rid,) = query(wh, "SELECT report_id FROM dim_report WHERE source_file = ?", [path.name])[0]
    got = {
        "application": query(wh, "SELECT item, applicant_type, count FROM fact_application WHERE report_id = ?", [rid]),
        "review_litigation": query(wh, "SELECT proceeding, result, count FROM fact_review_litigation WHERE report_id = ?", [rid]),
        "proactive": query(wh, "SELECT clause, item, measure, value FROM fact_proactive_disclosure WHERE report_id = ?", [rid]),
    }
    for section, rows in got.items():
        flat = {tuple(r[:-1]): r[-1] for r in rows}
        want = {}
        for k1, v1 in gold[section].items():
            for k2, v2 in v1.items():
                if isinstance(v2, dict):
                    want.update({(k1, k2, k3): Decimal(str(v3)) for k3, v3 in v2.items()})
                else:
                    want[(k1, k2)] = Decimal(str(v2))
        assert flat == want, section
    year, template = query(wh, "SELECT report_year, template_version FROM dim_report WHERE report_id = ?", [rid])[0]
    assert (year, template) == (gold["report_year"], gold["template_version"])


def test_checks_block_nothing_and_warn_on_broken_identities(gold_warehouse):
    _, wh, result = gold_warehouse
    evals = {e.check_name: e for e in result.get_asset_check_evaluations()}
    assert evals["structural_contract"].passed
    assert evals["every_input_accounted_for"].passed
    assert evals["one_current_report_per_agency_year"].passed
    identities = evals["accounting_identities"]
    assert not identities.passed and identities.metadata["reports_flagged"].value == 2
    flagged = {r[0] for r in query(wh, """SELECT DISTINCT source_file FROM dim_report JOIN report_issue USING (report_id)
                                         WHERE rule IN ('outcome_sum', 'review_total')""")}
    assert flagged == {"001_138be65b98b13b66.txt", "kiro_1.txt"}


def test_tables_and_columns_are_documented(gold_warehouse):
    """Every table, view and column of the warehouse says what it holds (COMMENT ON …)."""
    _, wh, _ = gold_warehouse
    undocumented = query(wh, """
        SELECT 'table', table_name FROM duckdb_tables() WHERE comment IS NULL
        UNION ALL SELECT 'view', view_name FROM duckdb_views() WHERE NOT internal AND comment IS NULL
        UNION ALL SELECT 'column', table_name || '.' || column_name FROM duckdb_columns()
                  WHERE NOT internal AND comment IS NULL ORDER BY ALL""")
    assert undocumented == []
    views = {r[0] for r in query(wh, "SELECT view_name FROM duckdb_views() WHERE NOT internal")}
    assert {"v_report", "v_application_yoy", "v_review_yoy", "v_application_by_region"} <= views
    assert query(wh, "SELECT label_zh FROM dim_application_item WHERE code = 'denied_state_secret'") == [("（三）1.属于国家秘密",)]


def test_second_run_is_a_noop(tmp_path):
    raw, wh = tmp_path / "raw", tmp_path / "ogi.duckdb"
    shutil.copytree(CASES[0][0].parent, raw)
    first = run_ingest(raw, wh)
    assert first.summary.loaded == 5 and first.summary.published
    stamp = wh.stat().st_mtime_ns
    second = run_ingest(raw, wh)
    assert (second.summary.loaded, second.summary.unchanged, second.summary.published) == (0, 5, False)
    assert wh.stat().st_mtime_ns == stamp


def test_a_file_whose_mtime_goes_back_settles_after_one_run(tmp_path):
    """A restore, `cp -p` or `touch -d` sets an older mtime: the index records what the scan saw,
    so one run takes note and the next one has nothing to do (it used to re-hash and publish forever)."""
    raw, wh = tmp_path / "raw", tmp_path / "ogi.duckdb"
    shutil.copytree(CASES[0][0].parent, raw)
    assert run_ingest(raw, wh).summary.loaded == 5
    older = raw / CASES[0][0].name
    os.utime(older, ns=(1_577_836_800 * 10**9, 1_577_836_800 * 10**9))      # 2020-01-01
    noted = run_ingest(raw, wh).summary
    assert (noted.loaded, noted.unchanged) == (0, 5)
    assert query(wh, "SELECT mtime_ns FROM source_file WHERE source_file = ?", [older.name]) == [(1_577_836_800 * 10**9,)]
    work = scan_work(raw, wh)
    assert (int(work["changed"].sum()), has_changes(work, wh, None), pending_changes(raw, wh)) == (0, False, 0)
    again = run_ingest(raw, wh).summary
    assert (again.loaded, again.unchanged, again.published) == (0, 5, False)


def test_new_file_loads_alone_and_an_undated_change_is_a_conflict_never_resolved_silently(tmp_path):
    """Seed 002 states no date: a copy with one number changed cannot be told to be the later one.
    One of the two stays current (the better read; here they read equally well, so the content
    decides, never the order or the name), flagged conflicting_editions with the cell."""
    raw, wh = tmp_path / "raw", tmp_path / "ogi.duckdb"
    raw.mkdir()
    seed = CASES[2][0]                     # 002: 卫辉市上乐村镇 2023, all zero
    shutil.copy(seed, raw / seed.name)
    assert run_ingest(raw, wh).summary.loaded == 1
    revised = seed.read_text(encoding="utf-8").replace("行政规范性文件\t0\t0\t0", "行政规范性文件\t2\t0\t2")
    assert revised != seed.read_text(encoding="utf-8")
    (raw / "shangle_2023_revised.txt").write_text(revised, encoding="utf-8")
    outcome = run_ingest(raw, wh)
    assert (outcome.summary.loaded, outcome.summary.superseded, outcome.summary.conflicting) == (1, 0, 1)
    assert sorted(s for (s,) in query(wh, "SELECT status FROM dim_report")) == ["conflicting", "current"]
    (detail,) = query(wh, "SELECT detail FROM v_issue JOIN v_report USING (report_id) WHERE rule = 'conflicting_editions'")[0]
    assert "proactive art20_1/normative_documents/issued" in detail


def test_year_over_year_view_has_the_previous_year(tmp_path):
    raw, wh = tmp_path / "raw", tmp_path / "ogi.duckdb"
    raw.mkdir()
    seed = CASES[2][0]
    shutil.copy(seed, raw / seed.name)
    rng = random.Random(7)
    prior = random_report(rng, "2021", year=2022, agency="卫辉市上乐村镇")
    (raw / "shangle_2022.txt").write_text(render(prior, "tabs", rng), encoding="utf-8")
    run_ingest(raw, wh)
    rows = query(wh, """SELECT applicant_type, count, prev_count, change FROM v_application_yoy
                        WHERE agency_name = '卫辉市上乐村镇' AND report_year = 2023 AND item = 'received_new'""")
    want = prior.application["received_new"]
    assert {r[0]: (r[2], r[3]) for r in rows} == {c: (Decimal(v), -Decimal(v)) for c, v in want.items()}
    pro = query(wh, """SELECT prev_value FROM v_proactive_yoy WHERE agency_name = '卫辉市上乐村镇'
                       AND report_year = 2023 AND item = 'administrative_license'""")
    assert pro == [(Decimal(prior.proactive["art20_5"]["administrative_license"]["decisions"]),)]


def test_nightly_schedule_is_2am_beijing():
    assert nightly_ingest.cron_schedule == "0 2 * * *"
    assert nightly_ingest.execution_timezone == "Asia/Shanghai"


def test_sensor_fires_once_per_change_against_the_warehouse(tmp_path):
    raw_dir, wh = tmp_path / "raw", tmp_path / "ogi.duckdb"
    raw_dir.mkdir()
    shutil.copy(CASES[0][0], raw_dir / "a.txt")
    res = {"raw": RawDirectory(path=str(raw_dir)), "review": ReviewDirectory(), "warehouse": Warehouse(path=str(wh))}
    first = raw_files_sensor(build_sensor_context(cursor=None, resources=res))
    assert first.run_key                                    # nothing loaded yet
    again = raw_files_sensor(build_sensor_context(cursor=first.run_key, resources=res))
    assert isinstance(again, SkipReason)                    # requested already
    run_ingest(raw_dir, wh)
    loaded = raw_files_sensor(build_sensor_context(cursor=None, resources=res))
    assert isinstance(loaded, SkipReason)                   # a first tick over a loaded directory
    shutil.copy(CASES[1][0], raw_dir / "b.txt")
    third = raw_files_sensor(build_sensor_context(cursor=first.run_key, resources=res))
    assert third.run_key and third.run_key != first.run_key
    run_ingest(raw_dir, wh)
    (raw_dir / "a.txt").unlink()
    assert raw_files_sensor(build_sensor_context(cursor=third.run_key, resources=res)).run_key   # a removal


FACTS = ["SELECT * FROM fact_application ORDER BY ALL", "SELECT * FROM fact_review_litigation ORDER BY ALL",
         "SELECT * FROM fact_proactive_disclosure ORDER BY ALL",
         "SELECT report_id, agency_id, report_year, status FROM dim_report ORDER BY ALL",
         "SELECT report_id, rule, detail FROM report_issue ORDER BY ALL"]


def test_many_small_stage_parts_and_a_process_pool_load_the_same_warehouse(tmp_path, monkeypatch):
    """A national run is staged as hundreds of parts, parsed and validated in process pools; the
    warehouse must not depend on how the files were cut into parts or which process read them."""
    import pipeline.parse
    import pipeline.validate
    raw = tmp_path / "raw"
    raw.mkdir()
    rng = random.Random(11)
    for i in range(70):
        (raw / f"r{i:03d}.txt").write_text(render(random_report(rng), "cells", rng), encoding="utf-8")
    one = run_ingest(raw, tmp_path / "one.duckdb")
    monkeypatch.setattr(pipeline.parse, "PART_FILES", 3)
    monkeypatch.setattr(pipeline.validate, "VALIDATE_PARTS", 4)
    many = run_ingest(raw, tmp_path / "many.duckdb")
    assert one.summary.loaded == many.summary.loaded == 70
    stages = sorted((tmp_path / ".staging").glob("*/validated/reports/*.parquet"))
    assert len(stages) == 1 + 6          # the first run's one group; the second's 24 parts in 6 groups
    for sql in FACTS:
        assert query(tmp_path / "one.duckdb", sql) == query(tmp_path / "many.duckdb", sql)


def test_hashing_many_files_in_reader_processes_matches_hashlib(tmp_path):
    from hashlib import sha256

    from pipeline.scan import HASH_IN_POOL_FROM, hash_files
    files = []
    for i in range(HASH_IN_POOL_FROM + 5):
        data = f"report {i}\n".encode() * (i % 7)
        (tmp_path / f"{i}.txt").write_bytes(data)
        files.append(f"{i}.txt")
    files.append("vanished.txt")
    expected = [sha256((tmp_path / name).read_bytes()).hexdigest() for name in files[:-1]] + [None]
    assert hash_files(tmp_path, files) == expected
