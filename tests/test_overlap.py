"""Overlapping loads: whatever runs the load and however runs interleave, the warehouse ends as
one clean run leaves it, with every fact cell once."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from dagster import AssetSelection, DagsterInstance, FilesystemIOManager, materialize

from assets.definitions import ASSET_CHECKS, ASSETS, resources
from assets.run import _materialize, run_ingest
from pipeline.scan import scan_work
from pipeline.warehouse.load import DuplicateFacts, assert_unique_fact_keys

from .conftest import ROOT, SHARED, query

SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
OGI = [sys.executable, "-c", "from assets.cli import main; main()"]
# every table with the columns a run's clock does not decide
STATE = {
    "dim_report": "report_id, agency_id, agency_name, report_year, title_year, template_version, published_on, "
                  "source_file, content_sha256, status",
    "dim_agency": "*", "agency_alias": "*", "fact_application": "*", "fact_review_litigation": "*",
    "fact_proactive_disclosure": "*", "report_issue": "*",
    "source_file": "source_file, content_sha256, size_bytes, mtime_ns",
    "quarantine": "source_file, content_sha256, reason, detail",
}


def state(wh: Path) -> dict[str, list]:
    return {t: sorted(query(wh, f"SELECT {cols} FROM {t}"), key=str) for t, cols in STATE.items()}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """The seeds, a copy of one (a duplicate) and a file that is no report (quarantined)."""
    raw = tmp_path_factory.mktemp("pristine") / "raw"
    raw.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, raw / seed.name)
    shutil.copy(SEEDS[0], raw / "copy.txt")
    (raw / "notice.txt").write_text("会议通知：请各单位于下周一上午九点参加安全生产工作会议。\n" * 20, encoding="utf-8")
    return raw


@pytest.fixture
def raw(pristine, tmp_path) -> Path:
    """A test's own copy of `pristine`, with its mtimes (copy2): `clean` is the state it loads to."""
    return Path(shutil.copytree(pristine, tmp_path / "raw", copy_function=shutil.copy2))


@pytest.fixture(scope="module")
def clean(pristine, tmp_path_factory) -> dict[str, list]:
    wh = tmp_path_factory.mktemp("clean") / "ogi.duckdb"
    outcome = run_ingest(pristine, wh)
    assert outcome.summary.loaded == len(SEEDS)
    return state(wh)


def test_two_runs_that_scanned_before_either_published_load_each_report_once(raw, clean, tmp_path):
    wh = tmp_path / "ogi.duckdb"
    scan = tmp_path / "scan.parquet"
    scan_work(raw, wh).write_parquet(scan)          # both runs see an empty warehouse
    first = _materialize(raw, wh, 60, scan)
    second = _materialize(raw, wh, 60, scan)
    assert state(wh) == clean
    assert (first.summary.loaded, first.summary.duplicates, first.summary.quarantined) == (len(SEEDS), 1, 1)
    assert (second.summary.loaded, second.summary.unchanged) == (0, len(SEEDS) + 1)
    assert second.checks["fact_cells_unique"] == "passed"


def test_overlapping_ingest_processes_end_as_one_clean_run(raw, clean, tmp_path):
    wh = tmp_path / "ogi.duckdb"
    procs = [subprocess.Popen([*OGI, "ingest", "--raw-dir", str(raw), "--warehouse", str(wh)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=240) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert state(wh) == clean


def test_a_warehouse_only_materialization_after_a_full_run_adds_nothing(raw, clean, tmp_path):
    wh = tmp_path / "ogi.duckdb"
    instance = DagsterInstance.ephemeral()
    res = {**resources(str(raw), str(wh)), "io_manager": FilesystemIOManager(base_dir=str(tmp_path / "io"))}
    assert materialize([*ASSETS, *ASSET_CHECKS], resources=res, instance=instance).success
    again = materialize([*ASSETS, *ASSET_CHECKS], resources=res, instance=instance,
                        selection=AssetSelection.assets("warehouse"))
    assert again.success
    assert state(wh) == clean


def test_every_run_counts_each_file_once(raw, tmp_path):
    wh = tmp_path / "ogi.duckdb"
    first = run_ingest(raw, wh).summary
    shutil.copy(SEEDS[1], raw / "another copy.txt")
    second = run_ingest(raw, wh).summary
    for s in (first, second):
        assert s.loaded + s.unchanged + s.duplicates + s.quarantined == s.files_seen
    assert (first.files_seen, first.loaded, first.duplicates, first.quarantined) == (len(SEEDS) + 2, len(SEEDS), 1, 1)
    assert (second.files_seen, second.loaded, second.unchanged) == (len(SEEDS) + 3, 0, len(SEEDS) + 3)


def test_a_cell_stored_twice_blocks_the_load(raw, tmp_path):
    """The load's check, on a loaded warehouse whose own facts stand in for the stage of one report."""
    wh = tmp_path / "ogi.duckdb"
    run_ingest(raw, wh)
    con = duckdb.connect(str(wh))
    (rid,) = con.execute("SELECT min(report_id) FROM dim_report").fetchone()
    con.execute(f"CREATE TEMP TABLE loaded_reports AS SELECT '{rid}' AS report_id")
    con.execute(f"CREATE TEMP TABLE stage_reports AS SELECT * FROM dim_report WHERE report_id = '{rid}'")
    for name, table in (("application", "fact_application"), ("review", "fact_review_litigation"),
                        ("proactive", "fact_proactive_disclosure")):
        con.execute(f"CREATE TEMP TABLE stage_{name} AS SELECT * FROM {table} WHERE report_id = '{rid}'")
    assert_unique_fact_keys(con)
    con.execute(f"INSERT INTO fact_application SELECT * FROM fact_application WHERE report_id = '{rid}' LIMIT 1")
    with pytest.raises(DuplicateFacts, match="fact_application: 1 cells"):
        assert_unique_fact_keys(con)
    con.execute("INSERT INTO stage_reports SELECT * FROM stage_reports")
    with pytest.raises(DuplicateFacts, match="holds 1 reports twice"):
        assert_unique_fact_keys(con)
    con.close()


def test_a_removed_source_keeps_its_report_marked_and_drops_its_quarantine_row(raw, tmp_path):
    wh = tmp_path / "ogi.duckdb"
    run_ingest(raw, wh)
    gone = SEEDS[2].name
    (raw / gone).unlink()
    (raw / "notice.txt").unlink()
    outcome = run_ingest(raw, wh)
    assert outcome.summary.published and outcome.checks["every_input_accounted_for"] == "passed"
    assert query(wh, "SELECT count(*) FROM dim_report") == [(len(SEEDS),)]
    assert query(wh, "SELECT source_file FROM source_file WHERE removed_at IS NOT NULL ORDER BY 1") == \
        [(gone,), ("notice.txt",)]
    assert query(wh, "SELECT count(*) FROM quarantine") == [(0,)]
    assert query(wh, "SELECT r.source_file FROM v_removed_source JOIN dim_report r USING (report_id)") == [(gone,)]
    assert not run_ingest(raw, wh).summary.published          # nothing more to say: a no-op
    shutil.copy(SEEDS[2], raw / gone)
    run_ingest(raw, wh)
    assert query(wh, "SELECT count(*) FROM source_file WHERE removed_at IS NOT NULL") == [(1,)]
    assert query(wh, "SELECT count(*) FROM v_removed_source") == [(0,)]


def test_a_warehouse_of_an_older_shape_is_migrated_once(raw, tmp_path):
    wh = tmp_path / "ogi.duckdb"
    seeds = [p.name for p in SEEDS]
    (raw / seeds[-1]).rename(tmp_path / seeds[-1])
    run_ingest(raw, wh)
    con = duckdb.connect(str(wh))          # back to the shape of a warehouse built before the migrations
    con.execute("ALTER TABLE source_file DROP COLUMN removed_at")
    con.execute("ALTER TABLE fact_application ALTER COLUMN count SET DATA TYPE DECIMAL(20, 4)")
    con.execute("ALTER TABLE dim_report DROP COLUMN parser_version")
    con.execute("DROP TABLE schema_migration")
    con.execute("DROP TABLE schema_sql")
    con.close()
    (tmp_path / seeds[-1]).rename(raw / seeds[-1])
    summary = run_ingest(raw, wh).summary
    assert (summary.loaded, summary.reparsed) == (1, len(seeds) - 1)   # no version recorded: read again
    types = dict(query(wh, """SELECT table_name || '.' || column_name, data_type FROM duckdb_columns()
                              WHERE column_name IN ('removed_at', 'count') AND NOT internal
                                AND table_name IN (SELECT table_name FROM duckdb_tables())"""))
    assert types == {"source_file.removed_at": "TIMESTAMP", "fact_application.count": "BIGINT",
                     "fact_review_litigation.count": "BIGINT"}
    assert len(query(wh, "SELECT * FROM schema_migration")) == len(list((ROOT / "sql" / "migrations").glob("*.sql")))


def test_a_load_reapplies_the_sql_files_only_when_they_changed(raw, tmp_path):
    wh = tmp_path / "ogi.duckdb"
    seeds = [p.name for p in SEEDS]
    (raw / seeds[-1]).rename(tmp_path / seeds[-1])
    run_ingest(raw, wh)
    (shaped,) = query(wh, "SELECT sha256, applied_at FROM schema_sql")
    (tmp_path / seeds[-1]).rename(raw / seeds[-1])
    assert run_ingest(raw, wh).summary.loaded == 1
    assert query(wh, "SELECT sha256, applied_at FROM schema_sql") == [shaped]      # the same files: not re-run
    con = duckdb.connect(str(wh))          # shaped by other files, which had no v_rate
    con.execute("DROP VIEW v_rate_by_year")
    con.execute("DROP VIEW v_rate")
    con.execute("UPDATE schema_sql SET sha256 = 'older files', objects = objects - 2")
    con.close()
    (raw / seeds[0]).write_bytes((raw / seeds[0]).read_bytes() + b"\n")
    run_ingest(raw, wh)
    assert query(wh, "SELECT sha256 FROM schema_sql") == [(shaped[0],)]
    assert query(wh, "SELECT count(*) FROM duckdb_views() WHERE view_name IN ('v_rate', 'v_rate_by_year')") == [(2,)]


def test_total_codes_are_marked_in_the_dimensions(clean, tmp_path, raw):
    wh = tmp_path / "ogi.duckdb"
    run_ingest(raw, wh)
    totals = query(wh, """SELECT 'applicant_type', code FROM dim_applicant_type WHERE is_total
                          UNION ALL SELECT 'application_item', code FROM dim_application_item WHERE is_total
                          UNION ALL SELECT 'review_result', code FROM dim_review_result WHERE is_total ORDER BY ALL""")
    assert totals == [("applicant_type", "total"), ("application_item", "outcome_total"), ("review_result", "total")]


def test_a_listing_made_before_the_published_one_never_rolls_a_path_back(raw, tmp_path):
    """The index keeps the latest listing of a path by when it was made, not by its mtime."""
    wh = tmp_path / "ogi.duckdb"
    run_ingest(raw, wh)
    stale = tmp_path / "scan.parquet"
    scan_work(raw, wh).write_parquet(stale)
    restored = raw / SEEDS[0].name
    os.utime(restored, ns=(10**18, 10**18))                    # a restore: an older mtime
    assert run_ingest(raw, wh).summary.published
    _materialize(raw, wh, 60, stale)                           # the stale listing still has the newer mtime
    assert query(wh, "SELECT mtime_ns FROM source_file WHERE source_file = ?", [restored.name]) == [(10**18,)]
