"""Map a function over tasks in a process pool, in order, or in this process for one worker.

Workers come from a fork server, not a plain fork: polars' thread pool, once started in the
parent, deadlocks in a forked child, and a fork server forks from a clean process that only
imported the worker's module. (Parsing untrusted files has its own supervisor over the same
fork server: pipeline/budget.py.)
"""
from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.context import ForkServerContext
from typing import TypeVar

# Every pool's worker code, imported once in the fork server (which starts with the first pool of
# a run and serves all later ones), so that forked workers start warm.
PRELOAD = ["pipeline.scan", "pipeline.parse", "pipeline.validate", "pipeline.warm_worker"]
T = TypeVar("T")
R = TypeVar("R")


def worker_context() -> ForkServerContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def start_workers_early() -> None:
    """Start the fork server now, without waiting for it: its imports (seconds) then overlap the
    caller's own start-up (`ogi ingest` importing Dagster) instead of delaying the first parse."""
    worker_context()
    multiprocessing.forkserver.ensure_running()


def pool_map(fn: Callable[[T], R], tasks: list[T], workers: int) -> Iterator[R]:
    if workers <= 1 or len(tasks) <= 1:
        yield from map(fn, tasks)
        return
    with ProcessPoolExecutor(min(workers, len(tasks)), mp_context=worker_context()) as pool:
        yield from pool.map(fn, tasks)
