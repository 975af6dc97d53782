"""A backfill in content-hash buckets, for a raw directory too big for one machine's run.

Three jobs, each run on purpose (docs/performance.md, "Scaling past one machine"):
1. backfill_scan_job: scan the raw directory once and assign each file its bucket;
2. bucket_job over every partition of BUCKETS: parse and validate one bucket per run, each bucket
   independent, so a Dagster backfill runs them side by side, on the multiprocess executor or, with
   OGI_EXECUTOR=celery, on Celery workers of other machines (deploy/celery.yaml);
3. backfill_load_job: the single writer loads every bucket's parts in one atomic publish, and
   decides what is new under the writer lock, as `ogi ingest` does; backfill_done_sensor starts it
   when the last bucket is done. It records a materialization of the `warehouse` asset.
They are op jobs, not assets: a partitioned asset on the asset graph made the UI's "Materialize
all" a 16-bucket backfill (18 runs, 128 s for 5 unchanged files). The graph's "Materialize all" is
the nightly ingest; a backfill is launched from its jobs. `ogi ingest` does not use them.
"""
import os

from dagster import (
    AssetMaterialization,
    DefaultSensorStatus,
    OpExecutionContext,
    RunRequest,
    SensorEvaluationContext,
    SkipReason,
    StaticPartitionsDefinition,
    job,
    multiprocess_executor,
    op,
    sensor,
)

from pipeline import backfill
from pipeline.scan import scan_work
from pipeline.warehouse.raw_source import check_raw_dir

from .ingest import load_warehouse
from .resources import RawDirectory, ReviewDirectory, Warehouse

BUCKETS = StaticPartitionsDefinition(backfill.bucket_keys(int(os.environ.get("OGI_BUCKETS", "16"))))


@op(description="The start of a backfill: every raw file with its content hash, whether it must be "
    "parsed, and its bucket; an earlier backfill's stages are removed.")
def backfill_files(context: OpExecutionContext, raw: RawDirectory, warehouse: Warehouse) -> None:
    check_raw_dir(warehouse.file, raw.dir)
    work = backfill.start(warehouse.file, scan_work(raw.dir, warehouse.file), len(BUCKETS.get_partition_keys()))
    context.add_output_metadata({"files_seen": work.height, "to_parse": int(work["to_parse"].sum()),
                                 "buckets": len(BUCKETS.get_partition_keys())})


@op(description="One bucket's new files parsed and validated into the backfill's shared stage.")
def bucket_reports(context: OpExecutionContext, raw: RawDirectory, warehouse: Warehouse) -> None:
    context.add_output_metadata(backfill.run_bucket(raw.dir, warehouse.file, context.partition_key))


@op(pool="duckdb_writer", description="The warehouse published from every bucket of the backfill in one "
    "transaction; refused (nothing published) while any bucket is not done.")
def backfill_warehouse(context: OpExecutionContext, raw: RawDirectory, warehouse: Warehouse,
                       review: ReviewDirectory) -> None:
    files, validated = backfill.finished(warehouse.file, BUCKETS.get_partition_keys())
    result = load_warehouse(warehouse, raw, files, validated, review)
    context.log_event(AssetMaterialization("warehouse", metadata=result.metadata))


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


@job(description="Step 1 of a backfill: scan and assign buckets")
def backfill_scan_job():
    backfill_files()


@job(partitions_def=BUCKETS, executor_def=_bucket_executor(),
     description="Step 2 of a backfill: parse and validate one content-hash bucket per run "
                 "(Launch backfill over all partitions)")
def bucket_job():
    bucket_reports()


@job(description="Step 3 of a backfill: publish every bucket at once")
def backfill_load_job():
    backfill_warehouse()


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
