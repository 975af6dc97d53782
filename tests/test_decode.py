"""Encodings give identical results; what is not a report gets a clear reason, not a traceback."""
from __future__ import annotations

import codecs
import unicodedata

import pytest
from click.testing import CliRunner

from assets.cli import main
from pipeline.parsing import ParseError, parse_bytes
from pipeline.parsing.decode import normalise

from .conftest import SHARED

SEED = SHARED / "seeds" / "002_cff4ace8f11033c3.txt"


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-8"),
    lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    lambda t: t.encode("gb18030"),
    lambda t: t.encode("utf-16"),            # with BOM
    lambda t: t.encode("utf-16-le"),         # without BOM
    lambda t: t.replace("\n", "\r\n").encode("gbk"),
], ids=["utf8", "utf8-bom", "gb18030", "utf16", "utf16le-nobom", "gbk-crlf"])
def test_same_report_in_any_encoding_parses_identically(encode):
    text = SEED.read_text(encoding="utf-8")
    reference = parse_bytes(text.encode("utf-8")).to_json()
    assert parse_bytes(encode(text)).to_json() == reference


def test_fullwidth_digits_and_ideographic_spaces_are_normalised():
    text = SEED.read_text(encoding="utf-8")
    noisy = text.translate(str.maketrans("0123456789\t", "０１２３４５６７８９\u3000"))
    assert parse_bytes(noisy.encode("utf-8")).to_json() == parse_bytes(text.encode("utf-8")).to_json()


@pytest.mark.parametrize("label", ["(一) 予以公开", "行政许可"])
def test_a_footnote_marker_on_a_label_stays_label_text(label):
    """NFKC made 予以公开¹ the label 予以公开 and a cell 1; the marker is kept as written."""
    text = SEED.read_text(encoding="utf-8")
    marked = text.replace(label, label + "¹", 1)
    assert parse_bytes(marked.encode("utf-8")).to_json() == parse_bytes(text.encode("utf-8")).to_json()


@pytest.mark.parametrize("raw, reason", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (bytes(range(256)) * 20, "binary"),
    (b"\x89PNG\r\n\x1a\n" + bytes(2000), "binary"),
    ("今天天气很好，我们去公园散步。".encode(), "not_a_report"),
])
def test_non_reports_raise_a_reasoned_error(raw, reason):
    with pytest.raises(ParseError) as exc:
        parse_bytes(raw)
    assert exc.value.reason == reason and exc.value.detail


def test_cli_reports_bad_files_without_traceback(tmp_path):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 4)
    result = CliRunner().invoke(main, ["parse", str(junk), str(SEED)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "junk.txt: not parsed (binary)" in result.output
    assert "卫辉市上乐村镇" in result.output


def test_radicals_read_as_the_unified_ideographs_they_stand_for():
    """CJK Radicals Supplement (by Unicode's Equivalent_Unified_Ideograph) and Kangxi Radicals (by
    NFKC), as PDF fonts put them in a text layer: 上海市人⺠政府, ⻓期, ⼈⼝."""
    assert normalise("上海市人\u2ea0政府 \u2ed3期 \u2f08\u2f1d \u2e9f") == "上海市人民政府 长期 人口 母"
    supplement = [chr(c) for c in range(0x2E80, 0x2F00) if unicodedata.name(chr(c), "")]
    kangxi = [chr(c) for c in range(0x2F00, 0x2FE0) if unicodedata.name(chr(c), "")]
    assert all("\u4e00" <= normalise(ch) <= "\u9fff" or 0x20000 <= ord(normalise(ch)) for ch in kangxi)
    assert sum(normalise(ch) != ch for ch in supplement) >= 110


def test_every_step_of_normalising_applies_in_a_text_that_needs_them_all():
    """normalise() finds the characters its steps change in one pass and runs only the steps they
    call for: each step must still run when several are called for at once, and ASCII is only
    given its line ends and stripped of markup noise."""
    assert normalise("⺠政①\u200b１２，\r\n5¹ [image: x]ｘ\u3000y") == "民政(1)12,\n5¹ x y"
    assert normalise("12\r\n3[page 1]\r") == "12\n3\n"
