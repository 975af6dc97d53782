"""The publish step against its file system: a symlinked warehouse path, a writer lock that
someone removed while a load held it, and the spill directory of a load over its memory limit."""
from __future__ import annotations

import os
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
wh, sql, entered, proceed = sys.argv[1:]
def write(con):
    run(con, sql)
    Path(entered).touch()                      # mid-transaction on its copy: tell the test, wait for its word
    while not Path(proceed).exists():
        time.sleep(0.05)
publish(Path(wh), write, wait_seconds=0)
"""


def _writer(wh: Path, table: str, sql: str = "", env: dict | None = None) -> tuple[subprocess.Popen, Path, Path]:
    """A writer process that loads `table` (or runs `sql`) and holds its transaction open until told to go on."""
    entered, proceed = wh.with_name(f"{table}.entered"), wh.with_name(f"{table}.proceed")
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(wh), sql or f"CREATE TABLE {table} AS SELECT 1 AS x",
                             str(entered), str(proceed)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})})
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


def test_a_load_over_its_memory_limit_spills_beside_its_copy_and_a_dead_writers_spill_is_removed(tmp_path):
    """The load's DuckDB runs under OGI_LOAD_MEMORY (default publish.LOAD_MEMORY): past it, data
    goes to <copy>.tmp, not to more memory. A writer killed mid-load leaves that directory behind;
    the next writer removes it with the dead writer's copy."""
    wh = tmp_path / "ogi.duckdb"
    publish(wh, lambda con: run(con, "CREATE TABLE base AS SELECT 1 AS x"))
    big = "CREATE TEMP TABLE spilled AS SELECT md5(range::VARCHAR) AS s FROM range(1000000)"   # ~50 MB
    proc, entered, _ = _writer(wh, "spilled", big, env={"OGI_LOAD_MEMORY": "20MB"})
    _wait_for(entered, proc)
    spill = [p for p in tmp_path.glob("ogi.duckdb.loading*.tmp") if p.is_dir()]
    assert len(spill) == 1 and any(spill[0].iterdir())
    proc.kill()
    proc.wait(60)
    publish(wh, lambda con: run(con, "CREATE TABLE later AS SELECT 1 AS x"))
    assert not list(tmp_path.glob("ogi.duckdb.loading*"))
    assert query(wh, "SELECT table_name FROM duckdb_tables() ORDER BY 1") == [("base",), ("later",)]
