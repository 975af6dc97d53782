"""One writer at a time, and readers never blocked or shown a half-load.

DuckDB lets one process write a file, and a writer cannot open a file that a reader holds. So the
writer never opens the published file: it copies it, loads into the copy, checkpoints, and renames
the copy over the published path (an atomic rename). Readers holding the old file keep reading the
old snapshot; the next reader opens the new one. A crash at any point leaves the published file as
it was (at worst a stray temporary copy, removed on the next run).
"""
from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import duckdb

from .db import run

T = TypeVar("T")
TMP_SUFFIX = ".loading"
PAUSE_ENV = "OGI_PAUSE_AT"   # testing aid: the crash tests kill the writer while it waits here


def _pause_point(name: str) -> None:
    """When $OGI_PAUSE_AT names this point, announce it in $OGI_PAUSE_FILE and wait to be killed."""
    if os.environ.get(PAUSE_ENV) == name:
        Path(os.environ["OGI_PAUSE_FILE"]).write_text(name)
        time.sleep(3600)


class WarehouseBusy(RuntimeError):
    pass


@contextmanager
def writer_lock(warehouse: Path, wait_seconds: float) -> Iterator[None]:
    """Serialize writers with an OS file lock beside the warehouse (released if the process dies)."""
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    with open(warehouse.with_name(warehouse.name + ".lock"), "w") as fh:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WarehouseBusy(f"another ingest is writing {warehouse}; try again when it has finished") from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def publish(warehouse: Path, write: Callable[[duckdb.DuckDBPyConnection], T], wait_seconds: float = 600) -> T:
    """Run `write` in one transaction on a copy of the warehouse, then swap the copy in atomically."""
    with writer_lock(warehouse, wait_seconds):
        copy = warehouse.with_name(warehouse.name + TMP_SUFFIX)
        copy.unlink(missing_ok=True)
        Path(str(copy) + ".wal").unlink(missing_ok=True)
        if warehouse.exists():
            shutil.copyfile(warehouse, copy)
        try:
            _pause_point("copied")
            con = duckdb.connect(str(copy))
            try:
                run(con, "BEGIN TRANSACTION")
                result = write(con)
                _pause_point("loaded")
                run(con, "COMMIT")
                run(con, "CHECKPOINT")
            finally:
                con.close()
            with open(copy, "rb+") as fh:
                os.fsync(fh.fileno())
            _pause_point("committed")
            os.replace(copy, warehouse)
        except BaseException:
            copy.unlink(missing_ok=True)
            raise
        return result
