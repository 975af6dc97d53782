"""When ingestion runs: nightly, and whenever the raw directory changes."""

import hashlib

from dagster import (
    AssetSelection,
    DefaultScheduleStatus,
    DefaultSensorStatus,
    RunRequest,
    ScheduleDefinition,
    SensorEvaluationContext,
    SkipReason,
    define_asset_job,
    sensor,
)

from pipeline.review import fingerprint
from pipeline.scan import list_raw_files, pending_changes
from pipeline.warehouse.raw_source import OtherRawDirectory, check_raw_dir

from .resources import RawDirectory, ReviewDirectory, Warehouse

ingest_job = define_asset_job("ingest_job", selection=AssetSelection.groups("ingest", "analyst"),
                              description="Scan, parse, validate and load the warehouse")

nightly_ingest = ScheduleDefinition(
    name="nightly_ingest", job=ingest_job, cron_schedule="0 2 * * *",
    execution_timezone="Asia/Shanghai", default_status=DefaultScheduleStatus.RUNNING,
    description="02:00 Beijing time: pick up whatever arrived during the day (a re-run is a no-op)")


def listing_digest(raw: RawDirectory, review: ReviewDirectory) -> str:
    """A fingerprint of (path, size, mtime) of every raw file and of the review files' contents:
    changes when a file is added or replaced, or a review file edited."""
    digest = hashlib.sha1()
    for f in list_raw_files(raw.dir):
        digest.update(f"{f.source_file}\0{f.size_bytes}\0{f.mtime_ns}\n".encode())
    for name, sha in sorted(fingerprint(review.dir)):
        digest.update(f"review\0{name}\0{sha}\n".encode())
    return digest.hexdigest()


@sensor(job=ingest_job, minimum_interval_seconds=60, default_status=DefaultSensorStatus.RUNNING,
        description="Starts an ingest when files in the raw directory are added, changed or removed, "
                    "or the review files changed, since the published warehouse (runs while the "
                    "Dagster daemon runs)")
def raw_files_sensor(context: SensorEvaluationContext, raw: RawDirectory, review: ReviewDirectory,
                     warehouse: Warehouse):
    """Compared with the warehouse's own file index, not with the last tick: a first tick over a
    loaded directory starts nothing, and a listing already requested is not requested again."""
    if not raw.dir.is_dir():
        return SkipReason(f"raw directory {raw.dir} does not exist")
    try:
        check_raw_dir(warehouse.file, raw.dir)
    except OtherRawDirectory as exc:
        return SkipReason(str(exc))
    pending = pending_changes(raw.dir, warehouse.file, review.dir)
    if not pending:
        return SkipReason("no new, changed or removed files (raw or review) since the last load")
    digest = listing_digest(raw, review)
    if digest == context.cursor:
        return SkipReason(f"{pending} changed files, already requested (run in progress or failed)")
    context.update_cursor(digest)
    return RunRequest(run_key=digest, tags={"changed_files": str(pending)})
