"""A warehouse remembers the raw directory that fills it (pipeline/warehouse/raw_source.py): a run
over another one (`ogi ui` on data/raw beside a warehouse filled from elsewhere) is refused in one
line before it marks anything removed; `--new-raw-dir` re-points it, and the run says what it removed."""
from __future__ import annotations

import os
import shutil

import pytest
from click.testing import CliRunner
from dagster import DagsterInstance, SkipReason, build_sensor_context, materialize, mem_io_manager

from assets.cli import main
from assets.definitions import ASSETS, resources
from assets.run import run_ingest
from assets.schedules import raw_files_sensor
from pipeline.warehouse.raw_source import OtherRawDirectory

from .conftest import SHARED, query
from .test_overlap import state

SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
KEPT = 3                                      # the other directory holds the first seeds only


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    """A warehouse filled from `first` (every seed); `other` holds copies of KEPT of them. Loaded
    once, with pristine copies kept beside it for `dirs` to restore."""
    base = tmp_path_factory.mktemp("filled")
    first, other, wh_dir = base / "first", base / "other", base / "wh"
    for folder in (first, other, wh_dir):
        folder.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, first / seed.name)
    for seed in SEEDS[:KEPT]:
        shutil.copy(seed, other / seed.name)
    assert run_ingest(first, wh_dir / "ogi.duckdb").summary.loaded == len(SEEDS)
    for folder in (first, other, wh_dir):
        shutil.copytree(folder, base / "pristine" / folder.name, copy_function=shutil.copy2)
    return base


@pytest.fixture
def dirs(filled):
    """`filled` as its one ingest left it, whatever the test before changed: the same paths (the
    warehouse remembers `first`), the same files and mtimes (copy2)."""
    for name in ("first", "other", "wh"):
        shutil.rmtree(filled / name)
        shutil.copytree(filled / "pristine" / name, filled / name, copy_function=shutil.copy2)
    return filled / "first", filled / "other", filled / "wh" / "ogi.duckdb"


def test_a_run_over_another_raw_directory_is_refused_in_one_line_and_changes_nothing(dirs):
    first, other, warehouse = dirs
    before = state(warehouse)
    result = CliRunner().invoke(main, ["ingest", "--raw-dir", str(other), "--warehouse", str(warehouse)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    assert f"filled from {first}" in result.stderr and "--new-raw-dir" in result.stderr
    assert state(warehouse) == before
    assert query(warehouse, "SELECT count(*) FROM source_file WHERE removed_at IS NOT NULL") == [(0,)]
    assert not run_ingest(first, warehouse).summary.published     # its own directory: still a no-op


def test_a_ui_run_over_another_directory_fails_with_that_line(dirs):
    """The asset graph refuses by itself too (a materialization in the UI, the schedule)."""
    first, other, warehouse = dirs
    result = materialize(ASSETS, resources={**resources(str(other), str(warehouse)), "io_manager": mem_io_manager},
                         instance=DagsterInstance.ephemeral(), raise_on_error=False)
    assert not result.success
    failure = next(e for e in result.all_events if e.is_step_failure).step_failure_data.error.cause
    assert failure.cls_name == "OtherRawDirectory" and f"filled from {first}" in failure.message
    assert query(warehouse, "SELECT count(*) FROM source_file WHERE removed_at IS NOT NULL") == [(0,)]


def test_the_sensor_skips_another_directory_and_says_why(dirs):
    first, other, warehouse = dirs
    (first / "new.txt").write_bytes(SEEDS[0].read_bytes() + b"\n")
    tick = lambda raw: raw_files_sensor(build_sensor_context(  # noqa: E731
        cursor=None, resources={k: v for k, v in resources(str(raw), str(warehouse)).items() if k != "io_manager"}))
    skipped = tick(other)
    assert isinstance(skipped, SkipReason) and f"filled from {first}" in skipped.skip_message
    assert tick(first).run_key                               # its own directory's new file starts a run


def test_new_raw_dir_repoints_the_warehouse_and_the_run_shows_the_removals(dirs):
    first, other, warehouse = dirs
    result = materialize(ASSETS, resources={**resources(str(other), str(warehouse), repoint=True),
                                            "io_manager": mem_io_manager}, instance=DagsterInstance.ephemeral())
    metadata = result.asset_materializations_for_node("warehouse")[0].metadata     # what the UI shows
    gone = sorted(p.name for p in SEEDS[KEPT:])
    assert metadata["removed"].value == len(gone)
    assert [n.split(":")[0] for n in metadata["notes"].value if n.startswith("removed ")] == \
        [f"removed {name}" for name in gone]
    cli = CliRunner().invoke(main, ["ingest", "--raw-dir", str(other), "--warehouse", str(warehouse)])
    assert cli.exit_code == 0, cli.output                    # the new directory is the remembered one now
    refused = CliRunner().invoke(main, ["ingest", "--raw-dir", str(first), "--warehouse", str(warehouse)])
    assert refused.exit_code == 2 and f"filled from {other}" in refused.stderr


def test_ogi_new_raw_dir_prints_the_removals_in_the_run_line(dirs):
    first, other, warehouse = dirs
    result = CliRunner().invoke(main, ["ingest", "--new-raw-dir", str(other), "--warehouse", str(warehouse)])
    assert result.exit_code == 0, result.output
    assert f"removed {len(SEEDS) - KEPT}" in result.stdout.splitlines()[0]


def test_ogi_ui_hands_its_directories_to_the_code_location_and_refuses_another(dirs, monkeypatch):
    first, other, warehouse = dirs
    started = []
    monkeypatch.setattr(os, "execv", lambda path, args: started.append((args, dict(os.environ))))
    monkeypatch.delenv("OGI_RAW_DIR", raising=False)
    refused = CliRunner().invoke(main, ["ui", "--raw-dir", str(other), "--warehouse", str(warehouse)])
    assert refused.exit_code == 1 and f"filled from {first}" in refused.output and not started
    assert CliRunner().invoke(main, ["ui", "--raw-dir", str(first), "--warehouse", str(warehouse)]).exit_code == 0
    (args, env), = started
    assert args[1:] == ["dev", "-m", "assets.definitions"]
    assert (env["OGI_RAW_DIR"], env["OGI_WAREHOUSE"]) == (str(first), str(warehouse))


def test_a_warehouse_from_before_the_setting_takes_the_directory_of_its_next_load(dirs):
    first, other, warehouse = dirs
    import duckdb
    con = duckdb.connect(str(warehouse))
    con.execute("DROP TABLE warehouse_setting")
    con.close()
    (other / "new.txt").write_bytes(SEEDS[0].read_bytes() + b"\n")
    assert run_ingest(other, warehouse).summary.published
    with pytest.raises(OtherRawDirectory):
        run_ingest(first, warehouse)
