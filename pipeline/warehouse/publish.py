"""One writer at a time, and readers never blocked or shown a half-load.

DuckDB lets one process write a file, and a writer cannot open a file that a reader holds. So the
writer never opens the published file: it copies it, loads into the copy, checkpoints, and renames
the copy over the published path (an atomic rename). Readers holding the old file keep reading the
old snapshot; the next reader opens the new one. A crash at any point leaves the published file as
it was (at worst a stray working copy, removed by the next run once its writer is gone).
"""
from __future__ import annotations

import fcntl
import glob
import os
import re
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import duckdb

from .db import run

T = TypeVar("T")
TMP_SUFFIX = ".loading"
# DuckDB keeps the memory its queries free, for reuse, up to its memory limit (80 % of RAM by
# default), so a load's footprint grew with the run (1.1 GB at 100k reports, most of it freed
# intermediates). Under a limit it spills to a directory beside the working copy instead
# (<copy>.tmp, removed when the connection closes): docs/performance.md, Memory.
LOAD_MEMORY_ENV = "OGI_LOAD_MEMORY"
LOAD_MEMORY = "512MB"
PAUSE_ENV = "OGI_PAUSE_AT"   # testing aid: the crash tests kill the writer while it waits here


def _pause_point(name: str) -> None:
    """When $OGI_PAUSE_AT names this point, announce it in $OGI_PAUSE_FILE and wait to be killed."""
    if os.environ.get(PAUSE_ENV) == name:
        Path(os.environ["OGI_PAUSE_FILE"]).write_text(name)
        time.sleep(3600)


class WarehouseBusy(RuntimeError):
    pass


@contextmanager
def writer_lock(warehouse: Path, wait_seconds: float) -> Iterator[Callable[[], bool]]:
    """Serialize writers with an OS file lock beside the warehouse's real file (a symlink and its
    target share one lock; released if the process dies). Yields a check that the lock file is
    still the one this writer locked: one removed meanwhile (a lock cleaned up by hand as stale)
    has let another writer in."""
    real = _real(warehouse)
    lock = real.with_name(real.name + ".lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    while True:
        fh = open(lock, "a")
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.close()
            if time.monotonic() >= deadline:
                raise WarehouseBusy(f"another ingest is writing {warehouse}; try again when it has finished") from None
            time.sleep(0.2)
            continue
        if _is_file_at(fh, lock):       # else it was removed between the open and the lock: lock the new one
            break
        fh.close()
    try:
        yield lambda: _is_file_at(fh, lock)
    finally:
        fh.close()                      # closing releases the lock


def _real(warehouse: Path) -> Path:
    """The file a (possibly symlinked) warehouse path names: the one to lock and to replace."""
    return warehouse.resolve()


def _is_file_at(fh, path: Path) -> bool:
    try:
        here, there = os.fstat(fh.fileno()), os.stat(path)
    except FileNotFoundError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def _working_copy(warehouse: Path) -> Path:
    """This writer's own copy: its process id (for the clean-up) and a random part in the name, so
    no other writer ever opens, replaces, publishes or removes it."""
    return warehouse.with_name(f"{warehouse.name}{TMP_SUFFIX}-{os.getpid()}-{uuid.uuid4().hex[:8]}")


def _remove_stray_copies(warehouse: Path) -> None:
    """Remove the working copies (their WALs and spill directories too) of writers that died; a live
    writer's copy stays."""
    for path in warehouse.parent.glob(glob.escape(warehouse.name + TMP_SUFFIX) + "*"):
        pid = path.name[len(warehouse.name + TMP_SUFFIX):].split("-")
        if len(pid) > 1 and pid[1].isdigit() and _alive(int(pid[1])):
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:       # another user's process
        return True
    return True


def wait_until_readable(warehouse: Path, wait_seconds: float, say: Callable[[str], None] = lambda _: None) -> None:
    """A process holding the file read-write (a notebook's `duckdb.connect(W)`) locks every other
    process out, readers too, and a publish would swap the file from under its writes: wait up to
    wait_seconds for it to let go (`say` hears that once), then say who holds it."""
    deadline = time.monotonic() + wait_seconds
    waiting = False
    while warehouse.exists():
        try:
            duckdb.connect(str(warehouse), read_only=True).close()
            return
        except duckdb.IOException as exc:
            holder = re.search(r"Conflicting lock is held in (.+?\(PID \d+\))", str(exc))
            if holder is None:
                raise
            if time.monotonic() >= deadline:
                raise WarehouseBusy(f"{warehouse} is open for writing in another process, {holder[1]}: close that "
                                    "connection (read with duckdb.connect(path, read_only=True)) and run again") from None
            if not waiting:
                say(f"{warehouse} is open for writing in {holder[1]}: waiting up to {wait_seconds:g} s for it to close …")
                waiting = True
            time.sleep(0.2)


def publish(warehouse: Path, write: Callable[[duckdb.DuckDBPyConnection], T], wait_seconds: float = 600) -> T:
    """Run `write` in one transaction on a copy of the warehouse, then swap the copy in atomically.
    A symlinked warehouse path stays a symlink: its target is replaced."""
    warehouse = _real(warehouse)
    with writer_lock(warehouse, wait_seconds) as still_locked:
        wait_until_readable(warehouse, wait_seconds)
        _remove_stray_copies(warehouse)
        copy = _working_copy(warehouse)
        if warehouse.exists():
            shutil.copyfile(warehouse, copy)
        try:
            _pause_point("copied")
            con = duckdb.connect(str(copy), config={"memory_limit": os.environ.get(LOAD_MEMORY_ENV) or LOAD_MEMORY})
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
            if not still_locked():
                raise WarehouseBusy(f"the writer lock beside {warehouse} was removed during this load, so another "
                                    "writer may be loading: nothing published; run again")
            os.replace(copy, warehouse)
        except BaseException:
            for path in (copy, Path(f"{copy}.wal")):
                path.unlink(missing_ok=True)
            shutil.rmtree(f"{copy}.tmp", ignore_errors=True)
            raise
        return result
