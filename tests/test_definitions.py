"""What the Dagster UI offers (assets/definitions.py), through Dagster's own APIs: the asset graph's
"Materialize all" is the nightly ingest in one run, and the bucketed backfill is a deliberate action
of its own jobs."""
from __future__ import annotations

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
