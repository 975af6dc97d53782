"""When ingestion runs: nightly, and whenever the raw directory changes."""

import hashlib

from dagster import (
    AssetSelection,
    DefaultScheduleStatus,
    RunRequest,
    ScheduleDefinition,
    SensorEvaluationContext,
    SkipReason,
    define_asset_job,
    sensor,
)

from pipeline.scan import list_raw_files

from .resources import RawDirectory

ingest_job = define_asset_job("ingest_job", selection=AssetSelection.all(),
                              description="Scan, parse, validate and load the warehouse")

nightly_ingest = ScheduleDefinition(
    name="nightly_ingest", job=ingest_job, cron_schedule="0 2 * * *",
    execution_timezone="Asia/Shanghai", default_status=DefaultScheduleStatus.RUNNING,
    description="02:00 Beijing time: pick up whatever arrived during the day (a re-run is a no-op)")


def listing_digest(raw: RawDirectory) -> str:
    """A fingerprint of (path, size, mtime) of every raw file: changes when a file is added or replaced."""
    digest = hashlib.sha1()
    for f in list_raw_files(raw.dir):
        digest.update(f"{f.source_file}\0{f.size_bytes}\0{f.mtime_ns}\n".encode())
    return digest.hexdigest()


@sensor(job=ingest_job, minimum_interval_seconds=60,
        description="Starts an ingest when files in the raw directory are added or changed")
def raw_files_sensor(context: SensorEvaluationContext, raw: RawDirectory):
    digest = listing_digest(raw)
    if digest == context.cursor:
        return SkipReason("no new or changed files")
    context.update_cursor(digest)
    return RunRequest(run_key=digest)
