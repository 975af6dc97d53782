"""Where things live: the repo's data/ by default, OGI_RAW_DIR / OGI_WAREHOUSE to override."""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SQL_DIR = REPO_ROOT / "sql"


def default_raw_dir() -> Path:
    return Path(os.environ.get("OGI_RAW_DIR") or REPO_ROOT / "data" / "raw")


def default_warehouse() -> Path:
    return Path(os.environ.get("OGI_WAREHOUSE") or REPO_ROOT / "data" / "warehouse" / "ogi.duckdb")
