"""Map a function over tasks in a process pool, in order, or in this process for one worker.

Workers come from a fork server, not a plain fork: polars' thread pool, once started in the
parent, deadlocks in a forked child, and a fork server forks from a clean process that only
imported the worker's module. (Parsing untrusted files has its own supervisor over the same
fork server: pipeline/budget.py.)

Ctrl-C in a terminal reaches every process of the group: the fork server, and so every worker it
forks, ignores it; a pool_map worker ends at once without a word, and the parent, interrupted,
cancels the tasks not yet started instead of running them (the default shutdown ran them all: 12 s
with a traceback from every process, issue 25).
"""
from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import os
import signal
import threading
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
    _start_deaf_to_ctrl_c()
    return context


def _start_deaf_to_ctrl_c() -> None:
    """Start the fork server with SIGINT ignored: an ignored signal stays ignored across exec, and
    the server's children get back the disposition it started with (signals are set only from the
    main thread; elsewhere the server starts as before)."""
    if threading.current_thread() is not threading.main_thread():
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)


def start_workers_early() -> None:
    """Start the fork server now, without waiting for it: its imports (seconds) then overlap the
    caller's own start-up (`ogi ingest` importing Dagster) instead of delaying the first parse."""
    worker_context()


def pool_map(fn: Callable[[T], R], tasks: list[T], workers: int) -> Iterator[R]:
    if workers <= 1 or len(tasks) <= 1:
        yield from map(fn, tasks)
        return
    pool = ProcessPoolExecutor(min(workers, len(tasks)), mp_context=worker_context(), initializer=_end_on_ctrl_c)
    try:
        yield from pool.map(fn, tasks)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _end_on_ctrl_c() -> None:
    """A pool_map worker's Ctrl-C: end now, quietly; the parent, interrupted too, says what happened."""
    signal.signal(signal.SIGINT, lambda *_: os._exit(130))
