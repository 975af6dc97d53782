"""What the Dagster UI offers (assets/definitions.py), through Dagster's own APIs: the asset graph's
"Materialize all" is the nightly ingest in one run, and the bucketed backfill is a deliberate action
of its own jobs."""
from __future__ import annotations

import json
import os
import shutil

from dagster import DagsterInstance

from assets import backfill
from assets.definitions import defs

from .conftest import ROOT, query


def _asset_keys(job) -> set[str]:
    return {key.to_user_string() for key in job.asset_layer.selected_asset_keys}


def test_materialize_all_is_the_ingest_job_with_no_partitioned_asset():
    """The global graph's "Materialize all" (the implicit asset job) selects every asset: were one
    partitioned, the UI would open a partition dialog and launch a run per bucket."""
    assert [spec.key for spec in defs.resolve_all_asset_specs() if spec.partitions_def] == []
    everything = defs.resolve_implicit_global_asset_job_def()
    assert everything.partitions_def is None
    assert _asset_keys(everything) == _asset_keys(defs.resolve_job_def("ingest_job"))


def test_the_backfill_is_its_own_three_jobs_with_the_buckets_as_partitions():
    bucket_job = defs.resolve_job_def("bucket_job")
    assert bucket_job.partitions_def.get_partition_keys() == backfill.BUCKETS.get_partition_keys()
    for name in ("backfill_scan_job", "bucket_job", "backfill_load_job"):
        assert _asset_keys(defs.resolve_job_def(name)) == set()    # ops: nothing on the asset graph
    assert defs.resolve_sensor_def("backfill_done_sensor").job_name == "backfill_load_job"


def test_materialize_all_on_the_sample_is_one_run_that_loads_the_warehouse(tmp_path, monkeypatch):
    raw, warehouse = tmp_path / "raw", tmp_path / "wh" / "ogi.duckdb"
    shutil.copytree(ROOT / "data" / "raw", raw)
    monkeypatch.setenv("OGI_RAW_DIR", str(raw))
    monkeypatch.setenv("OGI_WAREHOUSE", str(warehouse))
    instance = DagsterInstance.ephemeral()
    result = defs.resolve_implicit_global_asset_job_def().execute_in_process(instance=instance)
    assert result.success
    assert len(instance.get_runs()) == 1
    materialized = {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}
    assert materialized == _asset_keys(defs.resolve_job_def("ingest_job"))
    assert query(warehouse, "SELECT count(*) FROM source_file")[0][0] == len(list(raw.iterdir()))


SNAPSHOT = ROOT / "tests" / "snapshots" / "definitions.json"


def _definitions_snapshot() -> dict:
    """What the UI shows of every asset, check, job, schedule and sensor, in plain values."""
    repo, graph = defs.get_repository_def(), defs.resolve_asset_graph()
    checks: dict[str, list] = {}
    for check in map(graph.get_check_spec, graph.asset_check_keys):
        checks.setdefault(check.asset_key.to_user_string(), []).append(
            {"name": check.name, "blocking": check.blocking, "description": check.description})
    return {
        "assets": {spec.key.to_user_string(): {
            "group": spec.group_name, "deps": sorted(d.asset_key.to_user_string() for d in spec.deps),
            "description": spec.description, "partitioned": spec.partitions_def is not None,
            "checks": sorted(checks.get(spec.key.to_user_string(), []), key=lambda c: c["name"]),
        } for spec in sorted(defs.resolve_all_asset_specs(), key=lambda s: s.key.to_user_string())},
        "jobs": {job.name: {"assets": sorted(_asset_keys(job)), "ops": sorted(n.name for n in job.graph.node_defs),
                            "partitioned": job.partitions_def is not None, "description": job.description}
                 for job in sorted(defs.resolve_all_job_defs(), key=lambda j: j.name) if not job.name.startswith("__")},
        "schedules": {s.name: {"job": s.job_name, "cron": s.cron_schedule, "timezone": s.execution_timezone,
                               "default_status": s.default_status.value} for s in repo.schedule_defs},
        "sensors": {s.name: {"job": s.job_name, "interval_seconds": s.minimum_interval_seconds,
                             "default_status": s.default_status.value, "description": s.description}
                    for s in repo.sensor_defs},
    }


def test_the_definitions_match_their_reviewed_snapshot():
    """A change to any asset's key, deps, description, group or checks, or to a job, schedule or
    sensor, shows in review as a diff of tests/snapshots/definitions.json. After a deliberate
    change: OGI_UPDATE_SNAPSHOT=1 pytest tests/test_definitions.py, and commit the file."""
    current = json.dumps(_definitions_snapshot(), indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    if os.environ.get("OGI_UPDATE_SNAPSHOT"):
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(current, encoding="utf-8")
    assert current == SNAPSHOT.read_text(encoding="utf-8")
