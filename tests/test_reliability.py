"""Every input accounted for, hostile inputs handled, loads atomic under crashes, readers and rivals."""
from __future__ import annotations

import codecs
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assets.run import run_ingest
from pipeline.warehouse.publish import writer_lock

from .conftest import SHARED, query
from .test_overlap import state

SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
SHANGLE = SHARED / "seeds" / "002_cff4ace8f11033c3.txt"
OGI = [sys.executable, "-c", "from assets.cli import main; main()"]


def snapshot(wh: Path) -> dict:
    return {t: sorted(query(wh, f"SELECT * FROM {t}"), key=str) for t in
            ("fact_application", "fact_review_litigation", "fact_proactive_disclosure", "report_issue")}


def accounted(wh: Path) -> set[str]:
    return {r[0] for r in query(wh, """SELECT f.source_file FROM source_file f JOIN dim_report USING (content_sha256)
                                      UNION SELECT source_file FROM quarantine""")}


def hostile_corpus(raw: Path) -> dict[str, str | None]:
    """Write the bad inputs; return file -> expected quarantine reason (None: loads)."""
    text = SHANGLE.read_text(encoding="utf-8")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "junk.bin").write_bytes(bytes(range(256)) * 64)
    (raw / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(4000))
    (raw / "not a report.txt").write_text("会议通知：请各单位于下周一上午九点参加安全生产工作会议。\n" * 20, encoding="utf-8")
    (raw / "truncated.txt").write_text(text[: text.index("5. 属于三类内部事务信息")], encoding="utf-8")
    in_review = text.index("维持", text.index("四、")) + 12          # inside section 四's value row
    (raw / "cut in review.txt").write_text(text[:in_review].replace("卫辉市上乐村镇", "截断镇"), encoding="utf-8")
    cut_char = text[:in_review].replace("卫辉市上乐村镇", "半字镇").encode("utf-8") + "审".encode()[:2]
    (raw / "cut in a character.txt").write_bytes(cut_char)
    (raw / "上乐村镇 gb18030.txt").write_bytes(text.replace("卫辉市上乐村镇", "卫辉市下乐村镇").encode("gb18030"))
    (raw / "utf16.txt").write_bytes(text.replace("卫辉市上乐村镇", "卫辉市下乐村镇").encode("utf-16"))
    (raw / "utf8bom.txt").write_bytes(codecs.BOM_UTF8 + text.replace("卫辉市上乐村镇", "卫辉市下乐村镇").encode("utf-8"))
    (raw / "copy of 002.txt").write_bytes(SHANGLE.read_bytes())
    negative = text.replace("一、本年新收政府信息公开申请数量\t\t0\t0", "一、本年新收政府信息公开申请数量\t\t-3\t0")
    (raw / "negative.txt").write_text(negative.replace("卫辉市上乐村镇", "负数镇"), encoding="utf-8")
    huge = text.replace("行政许可\t0", "行政许可\t1000000000000000")
    (raw / "huge.txt").write_text(huge.replace("卫辉市上乐村镇", "巨大镇"), encoding="utf-8")
    # beyond DECIMAL(20,4): it must not slip into the frames as NULL on the way to the contract
    beyond = text.replace("行政许可\t0", "行政许可\t123456789012345678901")
    (raw / "beyond storage.txt").write_text(beyond.replace("卫辉市上乐村镇", "更大镇"), encoding="utf-8")
    letters = text.replace("行政许可\t0", "行政许可\tl2O")
    (raw / "letters.txt").write_text(letters.replace("卫辉市上乐村镇", "字母镇"), encoding="utf-8")
    with open(raw / "fifty megabytes.txt", "wb") as fh:
        fh.truncate(50 * 2**20)
    (raw / "gone.txt").symlink_to(raw / "no-such-target.txt")
    return {"empty.txt": "empty", "junk.bin": "binary", "photo.txt": "binary", "not a report.txt": "not_a_report",
            "truncated.txt": "truncated", "cut in review.txt": "truncated", "cut in a character.txt": "truncated",
            "上乐村镇 gb18030.txt": None, "utf16.txt": None, "utf8bom.txt": None,
            "copy of 002.txt": None, "negative.txt": "contract_violation", "huge.txt": "contract_violation",
            "beyond storage.txt": "contract_violation",
            "letters.txt": None, "fifty megabytes.txt": "too_large", "gone.txt": "unreadable"}


def test_hostile_inputs_are_accounted_for_and_never_damage_the_warehouse(tmp_path):
    raw, wh = tmp_path / "raw", tmp_path / "ogi.duckdb"
    raw.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, raw / seed.name)
    assert run_ingest(raw, wh).summary.loaded == 5
    before = snapshot(wh)
    expected = hostile_corpus(raw)

    outcome = run_ingest(raw, wh)
    assert outcome.error is None
    quarantine = dict(query(wh, "SELECT source_file, reason FROM quarantine"))
    assert quarantine == {f: r for f, r in expected.items() if r is not None}
    assert all(d for (d,) in query(wh, "SELECT detail FROM quarantine"))
    assert accounted(wh) == {p.name for p in raw.iterdir()}
    after = snapshot(wh)
    for table, rows in before.items():
        assert set(rows) <= set(after[table]), f"{table}: earlier rows changed"
    # the duplicate is one report with two file names
    assert query(wh, "SELECT count(*) FROM dim_report WHERE content_sha256 = "
                     "(SELECT content_sha256 FROM source_file WHERE source_file = 'copy of 002.txt')") == [(1,)]
    # three encodings of one report: identical facts
    facts = [query(wh, f"""SELECT item, applicant_type, count FROM fact_application JOIN dim_report USING (report_id)
                          WHERE source_file = '{name}' ORDER BY ALL""") for name in ("上乐村镇 gb18030.txt", "utf16.txt", "utf8bom.txt")]
    assert facts[0] == facts[1] == facts[2] and len(facts[0]) == 175
    # letters in a number cell: never a number, the cell is NULL and flagged
    assert query(wh, """SELECT value FROM fact_proactive_disclosure JOIN dim_report USING (report_id)
                        WHERE source_file = 'letters.txt' AND item = 'administrative_license'""") == [(None,)]
    assert run_ingest(raw, wh).summary.published is False


def test_sql_metacharacters_in_names_load_as_plain_text(tmp_path):
    raw, wh = tmp_path / "raw", tmp_path / "ogi.duckdb"
    raw.mkdir()
    evil = "O'Neil镇\" OR ''='' --DROP TABLE x--"      # no ; or , : those end a sentence, not a name
    text = SHANGLE.read_text(encoding="utf-8").replace("卫辉市上乐村镇", evil)
    (raw / "x'; DELETE FROM quarantine; --.txt").write_text(text, encoding="utf-8")
    assert run_ingest(raw, wh).summary.loaded == 1
    assert query(wh, "SELECT agency_name, source_file FROM dim_report") == [(evil.replace(" ", ""), "x'; DELETE FROM quarantine; --.txt")]


def _ingest_proc(raw: Path, wh: Path, **env) -> subprocess.Popen:
    return subprocess.Popen([*OGI, "ingest", "--raw-dir", str(raw), "--warehouse", str(wh), *env.pop("args", [])],
                            env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for(path: Path, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the ingest never reached its pause point"
        time.sleep(0.1)


@pytest.fixture(scope="module")
def seeds_loaded_cleanly(tmp_path_factory) -> dict:
    """What one ingest of all the seeds leaves: the state a run after a crash must reach (copies keep
    their mtimes, which the state holds)."""
    base = tmp_path_factory.mktemp("clean")
    raw = base / "raw"
    raw.mkdir()
    for seed in SEEDS:
        shutil.copy2(seed, raw / seed.name)
    run_ingest(raw, base / "clean.duckdb")
    return state(base / "clean.duckdb")


@pytest.mark.parametrize("point", ["copied", "loaded", "committed"])
def test_a_killed_load_leaves_the_previous_warehouse_and_the_next_run_completes(tmp_path, point, seeds_loaded_cleanly):
    raw, wh = tmp_path / "raw", tmp_path / "ogi.duckdb"
    raw.mkdir()
    shutil.copy2(SEEDS[0], raw / SEEDS[0].name)
    assert run_ingest(raw, wh).summary.loaded == 1
    before = snapshot(wh)
    for seed in SEEDS[1:]:
        shutil.copy2(seed, raw / seed.name)
    marker = tmp_path / "paused"
    proc = _ingest_proc(raw, wh, OGI_PAUSE_AT=point, OGI_PAUSE_FILE=str(marker))
    _wait_for(marker, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert snapshot(wh) == before                       # intact and openable
    outcome = run_ingest(raw, wh)
    assert outcome.summary.loaded == 4
    assert state(wh) == seeds_loaded_cleanly


def test_a_reader_holding_the_warehouse_neither_blocks_nor_sees_a_half_load(tmp_path):
    raw, wh = tmp_path / "raw", tmp_path / "ogi.duckdb"
    raw.mkdir()
    shutil.copy(SEEDS[0], raw / SEEDS[0].name)
    run_ingest(raw, wh)
    reader = subprocess.Popen([sys.executable, "-c", f"""
import duckdb, sys
con = duckdb.connect({str(wh)!r}, read_only=True)
print(con.execute('SELECT count(*) FROM dim_report').fetchone()[0], flush=True)
sys.stdin.readline()
print(con.execute('SELECT count(*) FROM dim_report').fetchone()[0], flush=True)
"""], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert reader.stdout.readline().strip() == "1"
    for seed in SEEDS[1:]:
        shutil.copy(seed, raw / seed.name)
    outcome = run_ingest(raw, wh, wait_seconds=5)
    assert outcome.error is None and outcome.summary.loaded == 4
    reader.stdin.write("\n")
    reader.stdin.flush()
    assert reader.stdout.readline().strip() == "1"       # its snapshot, whole
    reader.wait()
    assert query(wh, "SELECT count(*) FROM dim_report") == [(5,)]


def test_a_second_writer_waits_then_gives_up_with_a_clear_message(tmp_path):
    raw, wh = tmp_path / "raw", tmp_path / "ogi.duckdb"
    raw.mkdir()
    shutil.copy(SEEDS[0], raw / SEEDS[0].name)
    with writer_lock(wh, wait_seconds=1):
        proc = _ingest_proc(raw, wh, args=["--wait", "1"])
        out, err = proc.communicate(timeout=120)
    assert proc.returncode == 2
    *progress, last = err.strip().splitlines()
    assert last.startswith("ingest failed: warehouse: another ingest is writing")      # the message alone
    assert len(progress) == 2 and "Trace" not in err
    assert not wh.exists()
    assert run_ingest(raw, wh).summary.loaded == 1
