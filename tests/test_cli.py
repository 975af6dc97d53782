"""The `ogi` command line as a user meets it: directories, bad arguments and bad files give a
clear message and no traceback."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from assets.cli import main
from bench import corpus

from .conftest import ROOT, SHARED, query

SEEDS = sorted((SHARED / "seeds").glob("*.txt"))


def test_parse_reads_every_file_under_a_directory(tmp_path):
    (tmp_path / "nested").mkdir()
    shutil.copy(SEEDS[0], tmp_path / SEEDS[0].name)
    shutil.copy(SEEDS[1], tmp_path / "nested" / SEEDS[1].name)
    (tmp_path / ".hidden").write_text("not an input")
    result = CliRunner().invoke(main, ["parse", "--json", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(json.loads(line)["source"] for line in result.output.splitlines()) == \
        sorted([SEEDS[0].name, SEEDS[1].name])


def test_status_on_a_file_that_is_no_warehouse_says_so(tmp_path):
    bad = tmp_path / "notes.duckdb"
    bad.write_text("not a database")
    result = CliRunner().invoke(main, ["status", "--warehouse", str(bad)])
    assert result.exit_code == 1
    assert "is not a readable warehouse" in result.output and result.exception.__class__ is SystemExit


def test_the_corpus_writer_refuses_a_negative_count(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        corpus.main(["--n", "-5", "--out", str(tmp_path / "out")])
    assert exit_.value.code == 2 and "-5 is not a positive number" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("garbage", [b"# README\n\nnot a database\n" * 50, bytes(range(256)) * 400])
def test_ingest_into_a_file_that_is_no_warehouse_says_so_in_one_line(tmp_path, garbage):
    raw, wh = tmp_path / "raw", tmp_path / "notes.md"
    raw.mkdir()
    shutil.copy(SEEDS[0], raw / SEEDS[0].name)
    wh.write_bytes(garbage)
    result = CliRunner().invoke(main, ["ingest", "--raw-dir", str(raw), "--warehouse", str(wh)])
    assert result.exit_code == 2 and result.exception.__class__ is SystemExit, result.output
    assert result.output.splitlines()[-1].startswith(f"ingest failed: {wh} is not a readable warehouse: ")
    assert "Traceback" not in result.output and wh.read_bytes() == garbage


def test_ingest_and_status_in_a_read_only_warehouse_directory_say_so_in_one_line(tmp_path):
    """One line and exit 2, no traceback. Root writes anywhere, so as root the commands run in a
    user namespace of their own (`unshare --user`): still the files' owner, without the power to
    override permissions."""
    raw, folder = tmp_path / "raw", tmp_path / "wh"
    raw.mkdir()
    folder.mkdir()
    shutil.copy(SEEDS[0], raw / SEEDS[0].name)
    CliRunner().invoke(main, ["ingest", "--raw-dir", str(raw), "--warehouse", str(folder / "ogi.duckdb")])
    shutil.copy(SEEDS[1], raw / SEEDS[1].name)            # something new to write
    folder.chmod(0o555)
    try:
        unprivileged = ["unshare", "--user"] if os.geteuid() == 0 else []
        ogi = [*unprivileged, sys.executable, "-c", "from assets.cli import main; main()"]
        ingest = subprocess.run([*ogi, "ingest", "--raw-dir", str(raw), "--warehouse", str(folder / "ogi.duckdb")],
                                capture_output=True, text=True, cwd=ROOT)
        assert ingest.returncode == 2, ingest.stderr
        last = ingest.stderr.splitlines()[-1]
        assert last.startswith("ingest failed: ") and f"[Errno 13] Permission denied: '{folder}/" in last
        assert "Traceback" not in ingest.stderr
        status = subprocess.run([*ogi, "status", "--warehouse", str(folder / "ogi.duckdb")],
                                capture_output=True, text=True, cwd=ROOT)
        assert status.returncode == 0 and "1 raw files known" in status.stdout, status.stderr
    finally:
        folder.chmod(0o755)


def _without_its_flag(text: str) -> str:
    """The sample's 宽城 2021 (001) with its not-held row read as 0: its outcomes then add up to its
    stated total of 4, so the revision carries no outcome_sum flag."""
    start = text.index("1.本机关不掌握相关政府信息") + len("1.本机关不掌握相关政府信息")
    end = text.index("2.", start)
    return text[:start] + text[start:end].replace("1", "0") + text[end:]


def test_the_ingest_line_counts_this_run_and_labels_the_warehouse_totals_as_ogi_status_counts(tmp_path):
    """"flagged" is one thing everywhere: a current report with a warning no review dismissed. The
    run's line counts its own reports; the warehouse line and `ogi status` count all current ones,
    never a superseded report's flags. The identities check says which rule the reports break."""
    raw, wh = tmp_path / "raw", tmp_path / "ogi.duckdb"
    shutil.copytree(ROOT / "data" / "raw", raw)
    first = CliRunner().invoke(main, ["ingest", "--raw-dir", str(raw), "--warehouse", str(wh)])
    lines = first.output.splitlines()
    assert ("this run: files seen 5: loaded 5, unchanged 0, duplicates 0, superseded 0, quarantined 0; "
            "of the reports loaded, flagged 2; continuity breaks found 0") in lines
    assert "warehouse now: current reports 5, flagged 2, continuity breaks 0, quarantined files 0 (ogi status lists them)" in lines
    [check] = [line for line in lines if line.startswith("  check accounting_identities: warning")]
    assert "outcome_sum in 1" in check and "loaded as written" in check
    flagged = [line for line in lines if line.startswith("  flagged ")]
    assert len(flagged) == 2 and "outcome_total is 4 but the outcome rows sum to 5" in flagged[0]
    sample = (raw / "001_138be65b98b13b66.txt").read_text(encoding="utf-8")
    (raw / "001_revised.txt").write_text(_without_its_flag(sample), encoding="utf-8")
    lines = CliRunner().invoke(main, ["ingest", "--raw-dir", str(raw), "--warehouse", str(wh)]).output.splitlines()
    assert ("this run: files seen 6: loaded 1, unchanged 5, duplicates 0, superseded 1, quarantined 0; "
            "of the reports loaded, flagged 0; continuity breaks found 0") in lines
    assert "warehouse now: current reports 5, flagged 1, continuity breaks 0, quarantined files 0 (ogi status lists them)" in lines
    status = CliRunner().invoke(main, ["status", "--warehouse", str(wh)]).output
    rules = status[status.index("flags (current reports"):status.index("quarantine (")]
    assert "year_conflict" in rules and "outcome_sum" not in rules
    years = status[:status.index("flags (current reports")].splitlines()
    assert sum(int(line.split()[3]) for line in years if line.strip()[:4].isdigit()) == 1


def test_parse_json_carries_the_ids_the_warehouse_gives_the_file(tmp_path):
    """`ogi parse --json` joins with the warehouse: report_id and agency_id as the load stores them."""
    raw, wh = tmp_path / "raw", tmp_path / "ogi.duckdb"
    shutil.copytree(ROOT / "data" / "raw", raw)
    parsed = CliRunner().invoke(main, ["parse", "--json", str(raw)])
    assert parsed.exit_code == 0, parsed.output
    got = {(r["source"], r["report_id"], r["agency_id"]) for r in map(json.loads, parsed.output.splitlines())}
    assert CliRunner().invoke(main, ["ingest", "--raw-dir", str(raw), "--warehouse", str(wh)]).exit_code == 0
    assert got == set(query(wh, "SELECT source_file, report_id, agency_id FROM dim_report")) and len(got) == 5


OGI = [sys.executable, "-c", "from assets.cli import main; main()"]
HOLD = "import duckdb, sys; con = duckdb.connect(sys.argv[1]); print('holding', flush=True); sys.stdin.read()"


@pytest.fixture
def loaded(tmp_path):
    """A warehouse loaded from one seed, and a raw directory with a second seed to load."""
    raw, wh = tmp_path / "raw", tmp_path / "ogi.duckdb"
    raw.mkdir()
    shutil.copy(SEEDS[0], raw / SEEDS[0].name)
    assert CliRunner().invoke(main, ["ingest", "--raw-dir", str(raw), "--warehouse", str(wh)]).exit_code == 0
    shutil.copy(SEEDS[1], raw / SEEDS[1].name)
    return raw, wh


def _hold_read_write(wh: Path) -> subprocess.Popen:
    """Another process (a notebook) holding the warehouse open read-write until its stdin closes."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(wh)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True)
    assert holder.stdout.readline() == "holding\n"
    return holder


def test_ingest_while_a_notebook_holds_the_warehouse_waits_then_says_so_in_one_line(loaded):
    raw, wh = loaded
    holder = _hold_read_write(wh)
    try:
        result = CliRunner().invoke(main, ["ingest", "--raw-dir", str(raw), "--warehouse", str(wh), "--wait", "1"])
    finally:
        holder.communicate("")
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert result.stderr.splitlines()[-1] == (f"ingest failed: {wh} is open for writing in another process, "
                                              f"{Path(sys.executable).resolve()} (PID {holder.pid}): close that "
                                              "connection (read with duckdb.connect(path, read_only=True)) and run again")


def test_ingest_waits_for_a_notebook_that_lets_go_within_wait(loaded):
    raw, wh = loaded
    holder = _hold_read_write(wh)
    ingest = subprocess.Popen([*OGI, "ingest", "--raw-dir", str(raw), "--warehouse", str(wh), "--wait", "600"],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert "is open for writing" in ingest.stderr.readline()     # it found the lock and waits
    holder.communicate("")
    out, err = ingest.communicate(timeout=300)
    assert ingest.returncode == 0, err
    assert out.startswith("this run: files seen 2: loaded 1")


def test_ctrl_c_while_parsing_says_interrupted_and_publishes_nothing(tmp_path):
    """Ctrl-C reaches the whole process group (the parent and its parse workers)."""
    raw, wh = tmp_path / "raw", tmp_path / "wh" / "ogi.duckdb"
    raw.mkdir()
    sample = sorted((ROOT / "data" / "raw").glob("*.txt"))
    for i in range(800):        # distinct files (a line of their own), so that each one is parsed
        source = sample[i % len(sample)]
        (raw / f"{i:03d}_{source.name}").write_text(source.read_text(encoding="utf-8") + f"\n{i}\n", encoding="utf-8")
    ingest = subprocess.Popen([*OGI, "ingest", "--raw-dir", str(raw), "--warehouse", str(wh)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    while not list(wh.parent.glob(".staging/*/parsed/reports/*.parquet")):     # a part parsed: it is parsing
        assert ingest.poll() is None, ingest.communicate()
        time.sleep(0.05)
    os.killpg(ingest.pid, signal.SIGINT)
    out, err = ingest.communicate(timeout=300)
    assert ingest.returncode == 130
    assert err.splitlines()[-1] == "interrupted; nothing was published"
    assert "Traceback" not in err and "Dagster" not in err and out == ""
    assert not wh.exists()
