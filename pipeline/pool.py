"""Map a function over tasks in a process pool, in order, or in this process for one worker.

Workers come from a fork server, not a plain fork: polars' thread pool, once started in the
parent, deadlocks in a forked child, and a fork server forks from a clean process that only
imported the worker's module.

Ctrl-C in a terminal reaches every process of the group: the fork server ignores it, a worker
ends at once without a word, and the parent, interrupted, cancels the tasks not yet started
instead of running them (the default shutdown ran the whole parse to its end: 12 s, with a
traceback from every process).
"""
from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import os
import signal
import threading
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
    _start_deaf_to_ctrl_c()
    pool = ProcessPoolExecutor(min(workers, len(tasks)), mp_context=context, initializer=_end_on_ctrl_c)
    try:
        yield from pool.map(fn, tasks)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _end_on_ctrl_c() -> None:
    """A worker's Ctrl-C: end now, quietly; the parent, interrupted too, says what happened."""
    signal.signal(signal.SIGINT, lambda *_: os._exit(130))


def _start_deaf_to_ctrl_c() -> None:
    """Start the fork server with SIGINT ignored (an ignored signal stays ignored across exec), so a
    Ctrl-C while it imports PRELOAD prints no traceback (signals are set only from the main
    thread; elsewhere the server starts as before)."""
    if threading.current_thread() is not threading.main_thread():
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)
