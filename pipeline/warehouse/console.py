"""`ogi sql`: read-only SQL on the published warehouse with the project's own DuckDB.

Each query opens a fresh snapshot. DuckDB caches one database instance per file and process:
`duckdb.connect(path, read_only=True)` while another connection to that path is open in the same
process returns the instance opened earlier, i.e. the snapshot from before the last load (the
writer swaps in a new file, see publish.py). ATTACHing the file to a new in-memory connection
opens it anew, whatever else the process holds, so `open_snapshot` does that.

`ogi sql` runs in a sandbox: the file attached read-only, no other file or network access, no
spilling to a temporary directory, settings locked, and only statements that read (read_only.py).
Files are written by `ogi export`.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import threading
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb
from tabulate import tabulate

from . import read_only
from .spreadsheet import formula_safe

FORMATS = ("table", "csv", "json")
CATALOG = "ogi"
TABLE_ROWS = 1000       # an aligned table is for reading: more rows are left unread (csv/json give all)


class ConsoleError(Exception):
    """A message for the user (bad SQL, no warehouse): printed without a traceback."""


def open_snapshot(warehouse: Path, sandbox: bool = False) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the warehouse as published now (see the module docstring);
    sandbox: no file system access besides it, and settings locked."""
    if not Path(warehouse).is_file():
        raise ConsoleError(f"no warehouse at {warehouse}: run `ogi ingest` first")
    con = duckdb.connect()
    try:
        con.execute(f"ATTACH '{str(warehouse).replace(chr(39), chr(39) * 2)}' AS {CATALOG} (READ_ONLY)")
        con.execute(f"USE {CATALOG}")
        if sandbox:
            con.execute("SET temp_directory = ''; SET enable_external_access = false; "
                        "SET lock_configuration = true")
    except duckdb.Error as exc:
        con.close()
        raise ConsoleError(f"{warehouse} is not a readable warehouse: {_first_line(exc)}") from None
    return con


@dataclass
class Result:
    columns: list[str]
    rows: list[tuple]
    more: bool = False      # rows beyond the max_rows asked for were left unread


def run_sql(warehouse: Path, sql: str, max_rows: int | None = None) -> list[Result]:
    """Every statement of `sql` on one fresh sandboxed snapshot; the results of those that return
    rows, each cut to `max_rows` when given. Ctrl-C stops the statement running (ConsoleError)."""
    if not sql.isascii():
        try:
            sql.encode("utf-8")
        except UnicodeEncodeError:      # bytes that were not UTF-8, read with surrogateescape
            raise ConsoleError("the statement is not UTF-8 text") from None
    con = open_snapshot(warehouse, sandbox=True)
    session = con.cursor()      # another thread can interrupt a cursor, not the connection itself
    try:
        session.execute(f"USE {CATALOG}")
        return [result for statement in read_only.check(session, sql)
                if (result := _interruptible(session, statement, max_rows)) is not None]
    except read_only.Refused as exc:
        raise ConsoleError(str(exc)) from None
    except duckdb.Error as exc:
        raise ConsoleError(str(exc).strip()) from None
    finally:
        session.close()
        con.close()


def _interruptible(con: duckdb.DuckDBPyConnection, statement: duckdb.Statement,
                   max_rows: int | None) -> Result | None:
    """Run one statement on a thread while this one waits for Ctrl-C and then interrupts DuckDB.
    DuckDB's own check of Python's signal flag missed a Ctrl-C in about half the tries (the query
    ran on), while a KeyboardInterrupt always reaches the main thread."""
    outcome: list = []
    done = threading.Event()

    def run() -> None:
        try:
            cursor = con.execute(statement)
            if not cursor.description or statement.type == duckdb.StatementType.PREPARE:
                outcome.append(None)
                return
            rows = cursor.fetchall() if max_rows is None else cursor.fetchmany(max_rows + 1)
            outcome.append(Result([d[0] for d in cursor.description], rows[:max_rows],
                                  max_rows is not None and len(rows) > max_rows))
        except BaseException as exc:    # handed to the waiting thread, which raises it
            outcome.append(exc)
        finally:
            done.set()

    # an Event, not Thread.join: a join that Ctrl-C interrupts leaves the thread looking finished
    threading.Thread(target=run, daemon=True).start()
    try:
        while not done.wait(0.2):
            pass
    except KeyboardInterrupt:
        con.interrupt()
        done.wait()
        raise ConsoleError("interrupted") from None
    if isinstance(outcome[0], BaseException):
        if isinstance(outcome[0], RuntimeError) and str(outcome[0]) == "Query interrupted":
            raise ConsoleError("interrupted") from None
        raise outcome[0]
    return outcome[0]


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__


def plain(value):
    """A value as CSV/JSON should carry it: whole decimals as integers, dates as ISO text."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def render(result: Result, fmt: str) -> str:
    rows = [[plain(v) for v in row] for row in result.rows]
    if fmt == "json":
        return "\n".join(json.dumps(dict(zip(result.columns, row, strict=True)), ensure_ascii=False) for row in rows)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([formula_safe(json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                          for v in row] for row in rows)
        return out.getvalue().rstrip("\n")
    numeric = [any(isinstance(row[i], (int, float)) for row in rows)
               and all(isinstance(row[i], (int, float)) or row[i] is None for row in rows)
               for i in range(len(result.columns))]
    table = tabulate(rows, headers=result.columns, tablefmt="simple", missingval="NULL", disable_numparse=True,
                     colalign=["right" if n else "left" for n in numeric] or None)
    count = f"{len(rows)} row{'' if len(rows) == 1 else 's'}"
    if result.more:
        count = f"first {count} shown; --format csv or json, or `ogi export`, give them all"
    return f"{table}\n({count})"


def rows_for(fmt: str) -> int | None:
    """How many rows of a result `fmt` shows: a table a screenful or so, csv and json every row."""
    return TABLE_ROWS if fmt == "table" else None


def describe(warehouse: Path, name: str | None = None) -> Result:
    """Tables and views with their comments, or one relation's columns with theirs."""
    if name is None:
        sql = f"""SELECT table_name AS name, 'table' AS kind, comment FROM duckdb_tables()
                  WHERE database_name = '{CATALOG}'
                  UNION ALL SELECT view_name, 'view', comment FROM duckdb_views()
                  WHERE database_name = '{CATALOG}' AND NOT internal ORDER BY kind, name"""
        return run_sql(warehouse, sql)[0]
    con = open_snapshot(warehouse)
    try:
        rows = con.execute("""SELECT column_name, data_type, comment FROM duckdb_columns()
                              WHERE database_name = ? AND table_name = ? ORDER BY column_index""",
                           [CATALOG, name]).fetchall()
    finally:
        con.close()
    if not rows:
        raise ConsoleError(f"no table or view named {name!r} (.tables lists them)")
    return Result(["column", "type", "comment"], rows)


HELP = """Statements end with ';' (a line may hold several, a statement may span lines). Each runs on a
fresh read-only snapshot of the warehouse. Commands:
  .tables            tables and views with their comments
  .describe NAME     the columns of a table or view, with their comments
  .format table|csv|json
  .help   .quit (or Ctrl-D)"""


def repl(warehouse: Path, fmt: str, read_line, write) -> None:
    """The interactive prompt: `read_line(prompt)` gives a line (EOFError ends), `write` prints.
    Ctrl-C drops the statement being typed or stops the one running, and the prompt goes on."""
    buffer: list[str] = []
    while True:
        try:
            line = read_line("...> " if buffer else "ogi> ")
            if not buffer and line.strip().startswith("."):
                command, _, arg = line.strip().partition(" ")
                if command in (".quit", ".exit"):
                    return
                fmt = _command(warehouse, command, arg.strip(), fmt, write)
                continue
            buffer.append(line)
            sql = "\n".join(buffer)
            if sql.strip() and not sql.rstrip().endswith(";"):
                continue
            buffer = []
            for result in run_sql(warehouse, sql, rows_for(fmt)) if sql.strip() else ():
                write(render(result, fmt))
        except EOFError:
            return
        except UnicodeDecodeError:
            buffer = []
            write("error: the line is not UTF-8 text")
        except KeyboardInterrupt:
            buffer = []
            write("\n(interrupted)")
        except ConsoleError as exc:
            write(f"error: {exc}")


def _command(warehouse: Path, command: str, arg: str, fmt: str, write) -> str:
    """Run one dot command; returns the output format in force afterwards."""
    if command == ".tables":
        write(render(describe(warehouse), fmt))
    elif command == ".describe" and arg:
        write(render(describe(warehouse, arg), fmt))
    elif command == ".format" and arg in FORMATS:
        return arg
    elif command == ".help":
        write(HELP)
    else:
        raise ConsoleError(f"unknown command {command} {arg}".strip() + " (.help lists the commands)")
    return fmt
