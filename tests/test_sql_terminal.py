"""`ogi sql` as a hostile user and as a new one meets it: no spelling of a statement writes a file
(the published warehouse, its WAL names, a spill directory), every statement that returns rows shows
them, text that is not UTF-8 is one message, Ctrl-C stops a query and the prompt goes on, and a
table is aligned for Chinese and bounded in length."""
from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
import wcwidth
from click.testing import CliRunner

from assets.cli import main
from assets.run import run_ingest
from pipeline.warehouse.console import TABLE_ROWS, repl

from .conftest import ROOT

OGI = ROOT / ".venv" / "bin" / "ogi"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    wh = tmp_path_factory.mktemp("wh") / "ogi.duckdb"
    run_ingest(ROOT / "data" / "raw", wh)
    return wh


def files_under(*dirs: Path) -> dict[str, str]:
    """Every file under the directories with the SHA-256 of its bytes."""
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for d in dirs for p in d.rglob("*") if p.is_file()}


def writes(w: Path) -> list[str]:
    """Statements that would write a file: the warehouse itself, its WAL, a path in the working
    directory, a whole export; each in a wrapper or spelling that hides its type."""
    target = str(w).replace("'", "''")
    copy = f"COPY (SELECT 'pwned' AS x) TO '{target}' (FORMAT csv, USE_TMP_FILE false)"
    return [
        copy,
        f"COPY (SELECT 1) TO '{target}.wal'",
        "COPY (SELECT 1) TO '.tmp/x.csv'",
        f"/* a comment */ -- and another\n{copy}",
        f"SELECT 1; {copy}",
        f"EXPLAIN ANALYZE {copy}",
        f"EXPLAIN (ANALYZE) {copy}",
        f"PREPARE p AS {copy}; EXECUTE p",
        f"SELECT * FROM query('{copy.replace(chr(39), chr(39) * 2)}')",
        "EXPORT DATABASE 'dump'",
        "COPY FROM DATABASE ogi TO memory",
        "CREATE TABLE memory.t AS PIVOT (SELECT 1 AS a, 2 AS b) ON a USING first(b)",
        "PRAGMA profiling_output = 'profile.txt'",
        "SET enable_external_access = true",
        "INSTALL httpfs",
        "UPDATE EXTENSIONS",
        "USE memory; DETACH ogi; ATTACH 'ogi.duckdb' AS ogi",
    ]


def through_the_prompt(warehouse: Path, lines: list[str]) -> list[str]:
    feed, out = iter(lines), []

    def read_line(prompt):
        try:
            return next(feed)
        except StopIteration:
            raise EOFError from None

    repl(warehouse, "csv", read_line, out.append)
    return out


def test_no_spelling_of_a_statement_writes_a_file(warehouse, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = files_under(warehouse.parent, tmp_path)
    for statement in writes(warehouse):
        one_off = CliRunner().invoke(main, ["sql", "--warehouse", str(warehouse), statement])
        assert one_off.exit_code == 1 and "Traceback" not in one_off.output, (statement, one_off.output)
        script = tmp_path / "attack.sql"
        script.write_text(statement + ";\n", encoding="utf-8")
        from_file = CliRunner().invoke(main, ["sql", "--warehouse", str(warehouse), "-f", str(script)])
        piped = CliRunner().invoke(main, ["sql", "--warehouse", str(warehouse)], input=statement + ";\n")
        prompt = through_the_prompt(warehouse, [statement + ";"])
        assert from_file.exit_code == piped.exit_code == 1, statement
        assert len(prompt) == 1 and prompt[0].startswith("error:"), (statement, prompt)
        script.unlink()
        assert files_under(warehouse.parent, tmp_path) == before, statement
    refused = CliRunner().invoke(main, ["sql", "--warehouse", str(warehouse), writes(warehouse)[0]])
    assert "COPY is not allowed: ogi sql reads the warehouse only" in refused.output


@pytest.mark.parametrize("statement, shows", [
    ("PIVOT (SELECT * FROM (VALUES ('a', 1), ('b', 2)) t(k, v)) ON k USING first(v)", "a,b\n1,2"),
    ("WITH t AS (SELECT 1 AS k, 7 AS v) PIVOT t ON k USING first(v)", "1\n7"),
    ("UNPIVOT (SELECT 1 AS a, 2 AS b) ON a, b INTO NAME k VALUE v", "k,v\na,1\nb,2"),
    ("FROM (SELECT 42 AS answer)", "answer\n42"),
    ("VALUES (1, 'x')", "col0,col1\n1,x"),
    ("SUMMARIZE SELECT 5 AS n", "column_name"),
    ("DESCRIBE dim_report", "report_id"),
    ("SHOW TABLES", "dim_report"),
    ("EXPLAIN SELECT 1", "physical_plan"),
    ("PRAGMA table_info('dim_agency')", "agency_id"),
    ("CALL pragma_version()", "library_version"),
    ("PREPARE two AS SELECT 2 AS n; EXECUTE two", "n\n2"),
])
def test_every_statement_that_returns_rows_shows_them(warehouse, statement, shows):
    result = CliRunner().invoke(main, ["sql", "--warehouse", str(warehouse), "--format", "csv", statement])
    assert result.exit_code == 0, result.output
    assert shows in result.output


def test_sql_text_that_is_not_utf8_is_one_message(warehouse, tmp_path):
    gbk = "SELECT '国家' AS x;".encode("gbk")
    script = tmp_path / "gbk.sql"
    script.write_bytes(gbk)
    from_file = CliRunner().invoke(main, ["sql", "--warehouse", str(warehouse), "-f", str(script)])
    piped = subprocess.run([OGI, "sql", "--warehouse", warehouse], input=gbk, capture_output=True)
    assert from_file.exit_code == 1 and "gbk.sql is not UTF-8 text (byte 0xb9 at offset 8)" in from_file.output
    assert piped.returncode == 1 and piped.stderr.decode() == \
        "Error: standard input is not UTF-8 text (byte 0xb9 at offset 8): save it as UTF-8\n"
    bom = CliRunner().invoke(main, ["sql", "--warehouse", str(warehouse), "--format", "csv"],
                             input="\ufeffSELECT '国家' AS x;".encode())
    assert bom.output == "x\n国家\n"


def test_csv_text_never_runs_as_a_spreadsheet_formula(warehouse):
    formula = CliRunner().invoke(main, ["sql", "--warehouse", str(warehouse), "--format", "csv",
                                        "SELECT '=HYPERLINK(1)' AS quote, -3 AS change"])
    assert formula.output == "quote,change\n'=HYPERLINK(1),-3\n"


def test_ctrl_c_stops_the_running_query_and_the_prompt_goes_on(warehouse):
    """A query of minutes, Ctrl-C (SIGINT) a second into it, then another query."""
    lines = iter(["SELECT sum(hash(i)) FROM range(20000000000) t(i);", "SELECT 42 AS after;"])
    out = []

    def read_line(prompt):
        line = next(lines, None)
        if line is None:
            raise EOFError
        if "range" in line:
            threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGINT)).start()
        return line

    repl(warehouse, "csv", read_line, out.append)
    assert out[0] in ("error: interrupted", "\n(interrupted)") and out[1:] == ["after\n42"]


def test_a_one_off_query_stopped_by_ctrl_c_says_so(warehouse):
    run = subprocess.Popen([OGI, "sql", "--warehouse", warehouse, "SELECT sum(hash(i)) FROM range(20000000000) t(i)"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    started = time.monotonic()
    while cpu_seconds(run.pid) < 5 and time.monotonic() - started < 120:    # start-up costs ~2: it is querying
        time.sleep(0.1)
    run.send_signal(signal.SIGINT)
    out, err = run.communicate(timeout=60)
    assert run.returncode == 1 and err == "Error: interrupted\n"


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a running process (0 once it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_a_table_is_aligned_for_chinese_and_bounded(warehouse):
    sql = "SELECT name, n FROM (VALUES ('祥云镇', 1), ('宽城满族自治县人民政府办公室', 22), ('x', 333)) t(name, n)"
    table = CliRunner().invoke(main, ["sql", "--warehouse", str(warehouse), sql]).output.splitlines()
    # the numbers are right-aligned: each ends at the same display column
    ends = {wcwidth.wcswidth(line.rstrip()) for line in table[2:5]}
    assert len(ends) == 1, table
    many = CliRunner().invoke(main, ["sql", "--warehouse", str(warehouse), "SELECT * FROM range(5000)"]).output
    assert len(re.findall(r"^\s*\d+$", many, re.M)) == TABLE_ROWS
    assert f"(first {TABLE_ROWS} rows shown; --format csv or json, or `ogi export`, give them all)" in many
    every = CliRunner().invoke(main, ["sql", "--warehouse", str(warehouse), "--format", "csv",
                                      "SELECT * FROM range(5000)"]).output
    assert len(every.splitlines()) == 5001

