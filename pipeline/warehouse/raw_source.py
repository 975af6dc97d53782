"""Which raw directory fills a warehouse.

A load marks every known file that its listing lacks as removed, so a run over another directory
(the sample in data/raw, a test folder, `ogi ui` started with the defaults) would mark most of the
warehouse's reports removed. So a warehouse remembers the directory of its first load, and a run
over another one is refused before it scans; re-pointing it is a deliberate `--new-raw-dir`.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from .db import run

SETTING = "raw_dir"


class OtherRawDirectory(RuntimeError):
    """The run's raw directory is not the one the warehouse is filled from: nothing is done."""


def _key(raw_dir: Path) -> str:
    return str(Path(raw_dir).resolve())


def _refusal(warehouse: Path, remembered: str, raw_dir: Path) -> OtherRawDirectory:
    return OtherRawDirectory(
        f"{warehouse} is filled from {remembered}, not {_key(raw_dir)}: run with --raw-dir {remembered}, or "
        f"`ogi ingest --new-raw-dir {raw_dir}` to fill it from there from now on (files not there are marked removed)")


def remembered_raw_dir(warehouse: Path) -> str | None:
    """The directory the warehouse is filled from; None for a new warehouse or one loaded before
    it was recorded (its next load records the directory it is given)."""
    if not warehouse.exists():
        return None
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        if not run(con, "SELECT 1 FROM duckdb_tables() WHERE table_name = 'warehouse_setting'"):
            return None
        found = run(con, "SELECT value FROM warehouse_setting WHERE name = $name", {"name": SETTING})
    finally:
        con.close()
    return found[0][0] if found else None


def check_raw_dir(warehouse: Path, raw_dir: Path) -> None:
    """Refuse, before any work, a raw directory other than the remembered one."""
    remembered = remembered_raw_dir(warehouse)
    if remembered is not None and remembered != _key(raw_dir):
        raise _refusal(warehouse, remembered, raw_dir)


def record_raw_dir(con: duckdb.DuckDBPyConnection, warehouse: Path, raw_dir: Path, repoint: bool) -> None:
    """In the load's transaction, under the writer lock: record the directory, or refuse another
    one unless `repoint` (a rival may have re-pointed the warehouse since the run's check)."""
    found = run(con, "SELECT value FROM warehouse_setting WHERE name = $name", {"name": SETTING})
    if found and found[0][0] != _key(raw_dir) and not repoint:
        raise _refusal(warehouse, found[0][0], raw_dir)
    run(con, "INSERT OR REPLACE INTO warehouse_setting VALUES ($name, $value)", {"name": SETTING, "value": _key(raw_dir)})
