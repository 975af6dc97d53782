"""Single cells of real reports' text: enumerators glued to digits, units written in cells, blanks
glued to labels. Whole reports under these variations: test_variations.py."""
from __future__ import annotations

import json
import random
import re
from decimal import Decimal

import pytest

from pipeline.parsing import ParseError, parse_text
from pipeline.parsing.tokens import tokenize

from .conftest import SHARED
from .render_gold import Variation, render


def _raws(text: str) -> tuple[str, list[str]]:
    stream = tokenize(text)
    return stream.text, [t.raw for t in stream.tokens]


def test_an_enumerator_glued_to_a_run_belongs_to_the_next_label():
    assert _raws("本机关不掌握相关政府信息30000252.没有现成信息") == ("本机关不掌握相关政府信息2.没有现成信息", ["3000025"])
    assert _raws("属于国家秘密 0 0 0 0 0 0 02.其他法律")[1] == ["0"] * 7
    assert _raws("收费 16220.853、收到和处理")[1] == ["16220.85"]
    assert _raws("采购 45.82万元三、收到")[1] == ["45.82"]          # a decimal is no enumerator


def test_a_blank_glued_to_a_label_or_a_unit_is_a_blank_cell():
    assert _raws("政府集中采购41 /三、收到")[1] == ["41", "/"]
    assert _raws("政府集中采购41个/\n三、收到")[1] == ["41", "/"]
    assert _raws("上一年项目数量本年增/减处理决定数量 3") == ("上一年项目数量本年增/减处理决定数量", ["3"])


def _procurement(cells: str, header: str = "采购总金额") -> dict:
    """pt_9 (2019 form) with its procurement row and header written as given."""
    gold = json.loads((SHARED / "gold" / "real2" / "pt_9.json").read_text(encoding="utf-8"))
    text = render(gold, Variation(units="none"), random.Random(0))       # 政府集中采购 3 344.3
    text = re.sub(r"政府集中采购 ?3\S? 344\.3", f"政府集中采购 {cells}", text.replace("采购总金额", header))
    got = parse_text(text)
    return got.proactive["art20_9"]["government_procurement"] | {"rules": {f.rule for f in got.issues}}


@pytest.mark.parametrize("cells, projects, amount", [
    ("1 251000元", 1, 251000), ("2笔 984361元", 2, 984361), ("3 64731.05元", 3, Decimal("64731.05")),
    ("4 547.9659万元", 4, 5479659), ("5个 1.5亿元", 5, 150000000)])
def test_a_unit_written_in_the_cell_wins(cells, projects, amount):
    got = _procurement(cells)
    assert (got["procurement_projects"], got["procurement_amount"]) == (projects, amount)
    assert got == _procurement(cells, "采购总金额（万元）")     # beside the number beats the header


def test_an_amount_with_no_unit_anywhere_is_null_and_flagged():
    got = _procurement("18 4253521.20")
    assert (got["procurement_projects"], got["procurement_amount"]) == (18, None)
    assert "amount_unit_unknown" in got["rules"]
    assert _procurement("18 4253521.20", "采购总金额（元）")["procurement_amount"] == Decimal("4253521.20")
    assert _procurement("18 425.35", "采购总金额（单位：万元）")["procurement_amount"] == 4253500
    assert _procurement("0 0")["procurement_amount"] == 0


def test_a_unit_of_the_wrong_kind_is_not_the_value():
    got = _procurement("3元 3443000个")
    assert (got["procurement_projects"], got["procurement_amount"]) == (None, None)
    assert "unit_mismatch" in got["rules"]


SHANGLE = SHARED / "seeds" / "002_cff4ace8f11033c3.txt"       # TAB rows: one token per column


@pytest.mark.parametrize("cell, written", [("1e308", "1e308"), ("1E3", "1E3"), ("0x1F", "0x1F"),
                                           ("1e3件", "1e3"),            # the unit stays label text
                                           ("5¹", "5¹"), ("12₃", "12₃"), ("1_000", "1_000"), ("½", "1⁄2")])
@pytest.mark.parametrize("before, after, row", [
    ("(一) 予以公开\t0", "(一) 予以公开\t{}", "section 三: granted"),                   # a full row
    ("行政许可\t0", "行政许可{}", "section 二: art20_5 administrative_license"),       # glued to its label
    ("行政许可\t0\t\t\n第二十条", "行政许可\t{}第二十条", "section 二: art20_5 administrative_license"),
])
def test_a_cell_in_another_notation_is_null_and_flagged(cell, written, before, after, row):
    """Exponents, hex and letters are no number a report writes: NULL with garbled_cells, never
    the digits before the letter (1E3 glued to a label once read as 1) nor a silent NULL (a full
    row of section 三). A footnote marker touching a number (5¹) is NULL and flagged too: 5 or a
    misprinted 51, only the page tells (it once read as 51). 1_000 and ½ once read as 1."""
    text = SHANGLE.read_text(encoding="utf-8")
    assert before in text
    got = parse_text(text.replace(before, after.format(cell), 1))
    value = (got.application["granted"]["natural_person"] if "三" in row
             else got.proactive["art20_5"]["administrative_license"]["decisions"])
    assert value is None
    assert [f.detail for f in got.issues if f.rule == "garbled_cells"] == [
        f"{row} has cells that are not numbers ({written}); those cells are NULL"]


def test_section_five_drawn_before_four_s_heading_is_no_truncation():
    """pdftotext's raw text of a Chromium PDF of a web page keeps the drawing order: section 五's
    heading may come before 四's, whose values are then not found. The text does not end inside 四,
    so the report loads with 四 NULL and flagged (it was quarantined as truncated); a text cut
    inside 四 with no 五 anywhere still is."""
    text = SHANGLE.read_text(encoding="utf-8")
    four, five = text.index("四、政府信息公开行政复议"), text.index("五、存在的主要问题")
    table = text[four:five]
    got = parse_text(text[:four] + text[five:] + table[:table.index("维持") + 2])
    assert got.application["granted"]["total"] == 0
    assert all(v is None for row in got.review_litigation.values() for v in row.values())
    assert "missing_section" in {f.rule for f in got.issues}
    with pytest.raises(ParseError, match="ends inside section 四"):
        parse_text(text[:four] + table[:table.index("维持") + 2])
