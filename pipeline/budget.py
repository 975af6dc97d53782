"""Parse untrusted files in worker processes, each file under a budget of wall time and memory.

A hostile file (a PDF whose form draws itself, a DOCX bomb) can take all of a process's memory,
or minutes inside C code (pdfium) that no Python signal interrupts. So no raw file is parsed in
the main process, whatever the run's size, and a supervisor (this module) watches the workers:

- each worker announces a file before parsing it, so the parent always knows whose fault it is;
- a worker over its time on one file (OGI_PARSE_TIMEOUT) or over its memory (OGI_PARSE_MEMORY)
  is killed, and so is nothing else; a scan announces its file again before each page it OCRs
  (~5 CPU-s a page), so its time limit counts per page and a scan of many table pages is read; a worker that dies by itself (a segfault, the kernel's
  OOM killer) charges the file it announced (`parser_crashed`);
- a worker writes its part (pipeline/stage.py) only at the end, so the part of a killed worker is
  run again by a fresh worker, with the culprit's verdict in it instead of a parse: the culprit
  becomes a quarantine row naming the limit and how to raise it, and its neighbours load.

Why not pebble or ProcessPoolExecutor: their unit is a task. A task per file would send every
file's rows back to the parent, which would then build every part's frames alone (the work the
staged design moved into the workers); a task per part would give the time limit to 256 files at
once and name no culprit. Neither limits memory. The supervisor needed here is small: a pipe and
a deadline per worker.

Why the memory is polled (the worker's resident set, read from /proc several times a second)
rather than set with setrlimit: RLIMIT_AS counts address space reserved, not used (the thread
arenas of polars and pdfium reserve GiBs they never touch), and an allocation refused inside C
code often aborts the process, which the parent could not tell from any other crash. Polling
measures what the machine loses, and the parent knows why it killed. A file can overshoot the
limit by what it allocates within one poll (a tenth of a second), and the limit is enforced on
Linux only (elsewhere there is no /proc to read; the time limit holds everywhere).
"""
from __future__ import annotations

import os
import re
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait

from .pool import worker_context

POLL_SECONDS = 0.1
# Measured: real reports parse in under 0.2 s (PDFs of 0.2-0.7 MB), a legitimate 2,000-row table in
# 0.9 s; a worker's resident set is ~150 MiB on start and ~210 MiB at its peak over a part of real
# reports. The defaults leave a wide margin and still stop the bombs of issue 22 (12 GiB, minutes).
DEFAULT_SECONDS = 60.0
DEFAULT_MEMORY = 2 << 30
_PAGE = os.sysconf("SC_PAGE_SIZE")

Announce = Callable[[int | None], None]


class WorkerFailed(RuntimeError):
    """A worker failed outside any file's parse (writing its part, or before reading): not a file's fault."""


@dataclass(frozen=True)
class Budget:
    seconds: float = DEFAULT_SECONDS
    memory: int = DEFAULT_MEMORY        # bytes

    @classmethod
    def from_env(cls) -> Budget:
        """OGI_PARSE_TIMEOUT in seconds; OGI_PARSE_MEMORY in MiB, or with a unit (512M, 2G, 2GiB)."""
        seconds = os.environ.get("OGI_PARSE_TIMEOUT") or ""
        memory = os.environ.get("OGI_PARSE_MEMORY") or ""
        try:
            return cls(float(seconds) if seconds else DEFAULT_SECONDS,
                       _bytes(memory) if memory else DEFAULT_MEMORY)
        except ValueError:
            raise ValueError(f"OGI_PARSE_TIMEOUT={seconds!r} / OGI_PARSE_MEMORY={memory!r}: expected seconds "
                             "(e.g. 60) and a size (e.g. 2048, in MiB, or 2G)") from None

    def over_time(self) -> tuple[str, str]:
        return ("over_time_limit", f"parsing took over {self.seconds:g} s and was stopped; the limit per file "
                f"is OGI_PARSE_TIMEOUT={self.seconds:g} (seconds): raise it to read this file")

    def over_memory(self, used: int) -> tuple[str, str]:
        return ("over_memory_limit", f"parsing took {used >> 20} MiB of memory and was stopped; the limit per "
                f"file is OGI_PARSE_MEMORY={self.memory >> 20} (MiB): raise it to read this file")


def _bytes(text: str) -> int:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?\s*", text, re.IGNORECASE)
    if not match:
        raise ValueError(text)
    shift = {"k": 10, "": 20, "m": 20, "g": 30}[match[2].lower()]
    return int(float(match[1]) * (1 << shift))


def crashed(exitcode: int | None) -> tuple[str, str]:
    return ("parser_crashed", f"the parser's process died ({_death(exitcode)}) while reading this file; "
            "the other files were read by another process")


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        return f"killed by {signal.Signals(-exitcode).name}"
    return f"exit status {exitcode}"


@dataclass(frozen=True)
class Part:
    """Files parsed and staged together by one worker. `verdicts`: files (by index) that a worker
    already failed on, to be quarantined with this (reason, detail) instead of parsed again."""
    name: str
    files: list[tuple[str, str | None]]
    verdicts: dict[int, tuple[str, str]] = field(default_factory=dict)


def run_parts(work: Callable[[Part, Announce], int], parts: list[Part], workers: int,
              budget: Budget) -> Iterator[int]:
    """Run `work(part, announce)` for every part in worker processes; yields each finished part's
    result (in any order). `work` calls announce(i) before parsing file i, announce(None) when
    it stops parsing (writing its part)."""
    context = worker_context()
    todo = deque(parts)
    idle: list[_Worker] = []
    busy: list[_Worker] = []
    try:
        while todo or busy:
            while todo and len(busy) < workers:
                worker = idle.pop() if idle else _Worker(context, work)
                worker.start(todo.popleft())
                busy.append(worker)
            wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=POLL_SECONDS)
            for worker in list(busy):
                outcome, value = worker.check(budget)
                if outcome == "done":
                    busy.remove(worker)
                    idle.append(worker)
                    yield value
                elif outcome == "charge":
                    busy.remove(worker)
                    todo.appendleft(worker.charge(value))
    finally:
        for worker in idle + busy:
            worker.stop()


def _serve(conn: Connection, work: Callable[[Part, Announce], int]) -> None:
    """A worker's loop: parts in, results out, until the parent goes away (or kills it)."""
    try:
        while True:
            part = conn.recv()
            try:
                conn.send(("done", work(part, lambda i: conn.send(("file", i)))))
            except Exception as exc:
                conn.send(("failed", f"{type(exc).__name__}: {exc}"))
    except (EOFError, BrokenPipeError):
        pass


class _Worker:
    def __init__(self, context, work: Callable[[Part, Announce], int]) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, work), daemon=True)
        self.process.start()
        child.close()
        self.part: Part | None = None
        self.file: int | None = None      # the file being parsed, announced at `since`
        self.since = 0.0

    def start(self, part: Part) -> None:
        self.part, self.file = part, None
        self.conn.send(part)

    def check(self, budget: Budget) -> tuple[str, object]:
        """("done", the part's result), ("charge", why the file being parsed is given up), or
        ("busy", None). Follows the files the worker announces on the way."""
        alive = self.process.is_alive()      # before reading: a dead worker's last words are all in the pipe
        try:
            while self.conn.poll():
                kind, value = self.conn.recv()
                if kind == "done":
                    return "done", value
                if kind == "failed":
                    raise WorkerFailed(f"parse part {self.part.name}: {value}")
                self.file, self.since = value, time.monotonic()
        except (EOFError, OSError):          # the worker went away mid-message
            alive = False
        if not alive:
            self.process.join()
            if self.file is None:
                raise WorkerFailed(f"a parse worker died ({_death(self.process.exitcode)}) outside any "
                                   f"file's parse, in part {self.part.name}")
            return "charge", crashed(self.process.exitcode)
        if self.file is None:                 # between files, or writing: no file's budget runs
            return "busy", None
        if time.monotonic() - self.since > budget.seconds:
            return "charge", budget.over_time()
        used = _resident(self.process.pid)
        if used is not None and used > budget.memory:
            return "charge", budget.over_memory(used)
        return "busy", None

    def charge(self, verdict: tuple[str, str]) -> Part:
        """Stop this worker; its part again, with the file it was parsing given up."""
        self.stop()
        return replace(self.part, verdicts={**self.part.verdicts, self.file: verdict})

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


def _resident(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return None
