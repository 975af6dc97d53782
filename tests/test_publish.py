"""The publish step against its file system: a symlinked warehouse path, and a writer lock that
someone removed while a load held it."""
from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assets.run import run_ingest
from pipeline.warehouse.db import run
from pipeline.warehouse.publish import WarehouseBusy, publish, writer_lock

from .conftest import SHARED, query

SEEDS = sorted((SHARED / "seeds").glob("*.txt"))


def test_a_symlinked_warehouse_stays_a_link_and_its_target_is_published_under_its_lock(tmp_path):
    raw, real, link = tmp_path / "raw", tmp_path / "store" / "ogi.duckdb", tmp_path / "ogi.duckdb"
    raw.mkdir()
    shutil.copy(SEEDS[0], raw / SEEDS[0].name)
    assert run_ingest(raw, real).summary.loaded == 1
    link.symlink_to(real)
    shutil.copy(SEEDS[1], raw / SEEDS[1].name)
    assert run_ingest(raw, link).summary.loaded == 1
    assert link.is_symlink() and link.resolve() == real
    assert query(real, "SELECT count(*) FROM dim_report") == [(2,)]
    with writer_lock(real, wait_seconds=0):           # a writer of the real path holds the lock ...
        with pytest.raises(WarehouseBusy):            # ... so one that names the link waits for it
            publish(link, lambda con: None, wait_seconds=0)


WRITER = """
import sys, time
from pathlib import Path
from pipeline.warehouse.db import run
from pipeline.warehouse.publish import publish
wh, table, entered, proceed = sys.argv[1:]
def write(con):
    run(con, f"CREATE TABLE {table} AS SELECT 1 AS x")
    Path(entered).touch()                      # mid-transaction on its copy: tell the test, wait for its word
    while not Path(proceed).exists():
        time.sleep(0.05)
publish(Path(wh), write, wait_seconds=0)
"""


def _writer(wh: Path, table: str) -> tuple[subprocess.Popen, Path, Path]:
    """A writer process that loads `table` and holds its transaction open until told to go on."""
    entered, proceed = wh.with_name(f"{table}.entered"), wh.with_name(f"{table}.proceed")
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(wh), table, str(entered), str(proceed)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return proc, entered, proceed


def _wait_for(path: Path, proc: subprocess.Popen) -> None:
    while not path.exists():
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)


def test_a_writer_whose_lock_was_removed_never_publishes_another_writers_copy(tmp_path):
    """The interleaving, step by step: A loads; its lock file is removed (cleaned up by hand as a
    stale lock); B takes a new lock and starts loading; A finishes before B."""
    wh = tmp_path / "ogi.duckdb"
    publish(wh, lambda con: run(con, "CREATE TABLE base AS SELECT 1 AS x"))
    a, a_in, a_go = _writer(wh, "a_table")
    _wait_for(a_in, a)
    wh.with_name("ogi.duckdb.lock").unlink()
    b, b_in, b_go = _writer(wh, "b_table")
    _wait_for(b_in, b)
    a_go.touch()
    assert a.wait(60) != 0 and "lock beside" in a.communicate()[1]     # A refuses: its lock is not the lock
    assert query(wh, "SELECT table_name FROM duckdb_tables() ORDER BY 1") == [("base",)]
    b_go.touch()
    assert b.wait(60) == 0, b.communicate()                               # B publishes its own, whole copy
    assert query(wh, "SELECT table_name FROM duckdb_tables() ORDER BY 1") == [("b_table",), ("base",)]
    assert not list(tmp_path.glob("ogi.duckdb.loading*"))
