"""The Dagster Definitions: `dagster dev` (or `ogi ui`) loads this module from the repo root."""
from __future__ import annotations

from dagster import Definitions, in_process_executor, load_asset_checks_from_modules, load_assets_from_modules

from assets import analyst, backfill, checks, ingest, schedules

from .resources import RawDirectory, ReviewDirectory, Warehouse

ASSETS = load_assets_from_modules([ingest])
ANALYST_ASSETS = load_assets_from_modules([analyst])   # downstream of warehouse: exports, reports
ASSET_CHECKS = load_asset_checks_from_modules([checks])


def resources(raw_dir: str = "", warehouse: str = "", lock_wait_seconds: float = 600, review_dir: str = "",
              repoint: bool = False) -> dict:
    return {"raw": RawDirectory(path=raw_dir, repoint=repoint), "review": ReviewDirectory(path=review_dir),
            "warehouse": Warehouse(path=warehouse, lock_wait_seconds=lock_wait_seconds)}


defs = Definitions(
    assets=[*ASSETS, *ANALYST_ASSETS],   # no partitioned asset: "Materialize all" is the nightly ingest
    asset_checks=ASSET_CHECKS,
    jobs=[schedules.ingest_job, backfill.backfill_scan_job, backfill.bucket_job, backfill.backfill_load_job],
    schedules=[schedules.nightly_ingest],
    sensors=[schedules.raw_files_sensor, backfill.backfill_done_sensor],
    resources=resources(),
    # one process for the run: the parse step has its own process pool, and the multiprocess
    # executor's process per step cost ~30 s of start-up on a 16-file "Materialize all"
    executor=in_process_executor,
)
