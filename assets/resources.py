"""Dagster resources: where the raw reports, the review decisions and the warehouse are."""
from __future__ import annotations

from pathlib import Path

from dagster import ConfigurableResource

from pipeline.config import default_raw_dir, default_review_dir, default_warehouse


class RawDirectory(ConfigurableResource):
    """The directory of raw report files. Empty: $OGI_RAW_DIR, else the repo's data/raw.
    repoint: fill the warehouse from this directory although it remembers another one
    (pipeline/warehouse/raw_source.py); `ogi ingest --new-raw-dir` sets it, the UI never does."""
    path: str = ""
    repoint: bool = False

    @property
    def dir(self) -> Path:
        return Path(self.path) if self.path else default_raw_dir()


class ReviewDirectory(ConfigurableResource):
    """The directory of review decision files (*.csv). Empty: $OGI_REVIEW_DIR, else the repo's data/review."""
    path: str = ""

    @property
    def dir(self) -> Path:
        return Path(self.path) if self.path else default_review_dir()


class Warehouse(ConfigurableResource):
    """The published DuckDB file. Empty: $OGI_WAREHOUSE, else data/warehouse/ogi.duckdb."""
    path: str = ""
    lock_wait_seconds: float = 600

    @property
    def file(self) -> Path:
        return Path(self.path) if self.path else default_warehouse()
