"""Raw file names no terminal or database would take as they are: stored escaped and lossless
(pipeline/names.py), read like any other file, and never able to forge a line of the output."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from click.testing import CliRunner

from assets.cli import main
from pipeline.names import disk_path, printable, stored_name
from pipeline.scan import pending_changes

from .conftest import SHARED, query

SHANGLE = SHARED / "seeds" / "002_cff4ace8f11033c3.txt"


def gbk_path(directory: Path, name: str) -> Path:
    """`name` written in GBK bytes, as unzip of a Windows archive writes it (not UTF-8)."""
    return Path(os.fsdecode(os.fsencode(directory) + b"/" + name.encode("gbk")))


def ingest(raw: Path, wh: Path):
    return CliRunner().invoke(main, ["ingest", "--raw-dir", str(raw), "--warehouse", str(wh)])


def test_a_name_that_is_not_utf8_is_stored_escaped_and_the_file_loads(tmp_path):
    raw, wh = tmp_path / "raw", tmp_path / "ogi.duckdb"
    raw.mkdir()
    shutil.copy(SHANGLE, raw / SHANGLE.name)
    text = SHANGLE.read_text(encoding="utf-8")
    revised = text.replace("卫辉市上乐村镇", "卫辉市下乐村镇").encode("utf-8")
    gbk_path(raw, "国家.txt").write_bytes(revised)
    folder = gbk_path(raw, "报告")
    folder.mkdir()
    gbk_path(folder, "国家.txt").write_bytes(SHANGLE.read_bytes())      # a copy, in a GBK-named folder
    review = tmp_path / "review"
    review.mkdir()
    gbk_path(review, "审核.csv").write_text("report_id,rule,decision,page,quote,reviewer,reason\n", encoding="utf-8")
    assert pending_changes(raw, wh, review) == 3 + 1                     # the sensor's check lists them

    result = CliRunner().invoke(main, ["ingest", "--raw-dir", str(raw), "--warehouse", str(wh),
                                       "--review-dir", str(review)])
    assert result.exit_code == 0, result.output
    assert "loaded 2," in result.output and "duplicates 1," in result.output
    name, nested = r"\xb9\xfa\xbc\xd2.txt", r"\xb1\xa8\xb8\xe6/\xb9\xfa\xbc\xd2.txt"
    assert stored_name(gbk_path(raw, "国家.txt").name) == name
    assert query(wh, "SELECT agency_name FROM dim_report WHERE source_file = ?", [name]) == [("卫辉市下乐村镇",)]
    assert {r[0] for r in query(wh, "SELECT source_file FROM source_file")} == {SHANGLE.name, name, nested}
    assert disk_path(raw, name).read_bytes() == revised                 # the stored name leads back to the file
    assert disk_path(raw, nested) == gbk_path(folder, "国家.txt")
    assert query(wh, "SELECT file FROM review_file") == [(r"\xc9\xf3\xba\xcb.csv",)]
    assert pending_changes(raw, wh, review) == 0


def test_a_backslash_in_a_name_cannot_pass_for_an_escape(tmp_path):
    real = "\\xb9\\xfa.txt"                        # a UTF-8 name that spells an escape
    raw_bytes = os.fsdecode(b"\xb9\xfa.txt")       # the bytes it spells
    assert stored_name(real) != stored_name(raw_bytes)
    for name in (real, raw_bytes, "a\\b\n.txt"):
        assert disk_path(tmp_path, stored_name(name)) == tmp_path / name


def test_names_and_details_with_newlines_or_terminal_escapes_print_as_one_line_each(tmp_path):
    raw, wh = tmp_path / "raw", tmp_path / "ogi.duckdb"
    raw.mkdir()
    shutil.copy(SHANGLE, raw / SHANGLE.name)
    forged = "x\nquarantined forged.txt: empty (the file is empty)\n  flagged forged.txt: continuity"
    (raw / forged).write_bytes(bytes(range(256)))                   # binary: quarantined
    (raw / "\x1b[2K\x1b[1Ared.txt").write_bytes(b"")               # empty: quarantined
    result = ingest(raw, wh)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert sum(line.startswith("  quarantined") for line in lines) == 2
    assert not any("forged" in line for line in lines if not line.startswith("  quarantined x\\x0a"))
    assert "\x1b" not in result.output
    assert printable("cell \x1b]0;title\x07 \u202egnp.exe") == "cell \\x1b]0;title\\x07 \\u202egnp.exe"
