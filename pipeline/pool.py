"""Map a function over tasks in a process pool, in order, or in this process for one worker.

Workers come from a fork server, not a plain fork: polars' thread pool, once started in the
parent, deadlocks in a forked child, and a fork server forks from a clean process that only
imported the worker's module.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

# Every pool's worker code, imported once in the fork server (which starts with the first pool of
# a run and serves all later ones), so that forked workers start warm.
PRELOAD = ["pipeline.scan", "pipeline.parse", "pipeline.validate"]
T = TypeVar("T")
R = TypeVar("R")


def pool_map(fn: Callable[[T], R], tasks: list[T], workers: int) -> Iterator[R]:
    if workers <= 1 or len(tasks) <= 1:
        yield from map(fn, tasks)
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    with ProcessPoolExecutor(min(workers, len(tasks)), mp_context=context) as pool:
        yield from pool.map(fn, tasks)
