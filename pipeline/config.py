"""Where things live: the repo's data/ by default, OGI_RAW_DIR / OGI_WAREHOUSE / OGI_REVIEW_DIR to override."""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent
# A wheel carries sql/ inside the package (pyproject's force-include); a checkout has it at the top.
SQL_DIR = PACKAGE_DIR / "sql" if (PACKAGE_DIR / "sql").is_dir() else REPO_ROOT / "sql"


def default_raw_dir() -> Path:
    return Path(os.environ.get("OGI_RAW_DIR") or REPO_ROOT / "data" / "raw")


def default_warehouse() -> Path:
    return Path(os.environ.get("OGI_WAREHOUSE") or REPO_ROOT / "data" / "warehouse" / "ogi.duckdb")


def default_review_dir() -> Path:
    """The analysts' review decisions (*.csv, see pipeline/review.py), under version control beside data/raw."""
    return Path(os.environ.get("OGI_REVIEW_DIR") or REPO_ROOT / "data" / "review")
