"""The `ogi` command line as a user meets it: directories, bad arguments and bad files give a
clear message and no traceback."""
from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from assets.cli import main
from bench import corpus

from .conftest import SHARED

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
