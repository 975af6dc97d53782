"""A backfill in content-hash buckets, for a raw directory too big for one machine's run.

Three steps, each its own run (docs/performance.md, "Scaling past one machine"):
1. backfill_files: scan the raw directory once and assign each file its bucket;
2. bucket_job over every partition of BUCKETS: parse and validate one bucket per run, each bucket
   independent, so a Dagster backfill runs them side by side, on the multiprocess executor or, with
   OGI_EXECUTOR=celery, on Celery workers of other machines (deploy/celery.yaml);
3. backfill_warehouse: the single writer loads every bucket's parts in one atomic publish, and
   decides what is new under the writer lock, as `ogi ingest` does; backfill_done_sensor starts it
   when the last bucket is done.
`ogi ingest` does not use these assets: its one run goes on as before (assets/ingest.py).
"""
import os

from dagster import (
    AssetExecutionContext,
    DefaultSensorStatus,
    MaterializeResult,
    RunRequest,
    SensorEvaluationContext,
    SkipReason,
    StaticPartitionsDefinition,
    asset,
    define_asset_job,
    multiprocess_executor,
    sensor,
)

from pipeline import backfill
from pipeline.scan import scan_work

from .ingest import load_warehouse
from .resources import RawDirectory, ReviewDirectory, Warehouse

GROUP = "backfill"
BUCKETS = StaticPartitionsDefinition(backfill.bucket_keys(int(os.environ.get("OGI_BUCKETS", "16"))))


@asset(group_name=GROUP, description="The start of a backfill: every raw file with its content hash, "
       "whether it must be parsed, and its bucket; an earlier backfill's stages are removed.")
def backfill_files(raw: RawDirectory, warehouse: Warehouse) -> MaterializeResult:
    work = backfill.start(warehouse.file, scan_work(raw.dir, warehouse.file), len(BUCKETS.get_partition_keys()))
    return MaterializeResult(metadata={"files_seen": work.height, "to_parse": int(work["to_parse"].sum()),
                                       "buckets": len(BUCKETS.get_partition_keys())})


@asset(group_name=GROUP, partitions_def=BUCKETS, deps=[backfill_files],
       description="One bucket's new files parsed and validated into the backfill's shared stage "
       "(a backfill of this asset is one run per bucket, Dagster's default for static partitions).")
def bucket_reports(context: AssetExecutionContext, raw: RawDirectory, warehouse: Warehouse) -> MaterializeResult:
    return MaterializeResult(metadata=backfill.run_bucket(raw.dir, warehouse.file, context.partition_key))


@asset(group_name=GROUP, pool="duckdb_writer", deps=[bucket_reports],
       description="The warehouse published from every bucket of the backfill in one transaction; "
                   "refused (nothing published) while any bucket is not done.")
def backfill_warehouse(warehouse: Warehouse, review: ReviewDirectory) -> MaterializeResult:
    files, validated = backfill.finished(warehouse.file, BUCKETS.get_partition_keys())
    return load_warehouse(warehouse, files, validated, review)


def _bucket_executor():
    """The executor is configuration: OGI_EXECUTOR=celery runs the bucket steps on Celery workers
    (the optional dagster-celery extra; broker and queues in the run config, deploy/celery.yaml)."""
    if os.environ.get("OGI_EXECUTOR") == "celery":
        try:
            from dagster_celery import celery_executor
        except ImportError as exc:
            raise ImportError("OGI_EXECUTOR=celery needs the celery extra: uv sync --extra celery") from exc
        return celery_executor
    return multiprocess_executor


bucket_job = define_asset_job("bucket_job", selection=[bucket_reports],
                              executor_def=_bucket_executor(),
                              description="Parse and validate one content-hash bucket (backfill all partitions)")
backfill_scan_job = define_asset_job("backfill_scan_job", selection=[backfill_files],
                                     description="Step 1 of a backfill: scan and assign buckets")
backfill_load_job = define_asset_job("backfill_load_job", selection=[backfill_warehouse],
                                     description="Step 3 of a backfill: publish every bucket at once")


@sensor(job=backfill_load_job, minimum_interval_seconds=60, default_status=DefaultSensorStatus.RUNNING,
        description="Step 3 by itself: starts backfill_load_job once every bucket of a backfill is done")
def backfill_done_sensor(context: SensorEvaluationContext, warehouse: Warehouse):
    token = backfill.ready(warehouse.file, BUCKETS.get_partition_keys())
    if token is None:
        return SkipReason("no backfill whose every bucket is done")
    if token == context.cursor:
        return SkipReason("this backfill's load was already requested")
    context.update_cursor(token)
    return RunRequest(run_key=token)
