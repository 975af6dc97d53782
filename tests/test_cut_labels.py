"""Labels a page break (or a converter's line order) cut in two: a row's label whose first
characters stand with its values and the rest on the next line (Writer/Web's `行 0 0 0` /
`政规范性文件`, Chromium's `（七） 69 …` / `总计`), and a header cell whose tail is written after the
header row's other cells (Writer's `社会公 法律服务机构 其他` / `益组织`). The form's labels join
them; a line that is a row of its own keeps its values, and a header's cut cells count only where
the rows hold the form's seven values."""
from __future__ import annotations

import json
import random
import re

from pipeline.parsing import parse_text
from pipeline.parsing.tables import read_review
from pipeline.parsing.tokens import tokenize

from .conftest import SHARED, flatten
from .render_gold import Variation, render

GOLD = json.loads((SHARED / "gold" / "real2" / "pt_6.json").read_text(encoding="utf-8"))
SECTIONS = ("application", "review_litigation", "proactive")


def _text(*cuts: tuple[str, str]) -> str:
    """pt_6 (2021 form) as TAB rows, each (pattern, replacement) applied once."""
    text = render(GOLD, Variation(separator="tab"), random.Random(0))
    for pattern, replacement in cuts:
        text, n = re.subn(pattern, replacement, text, count=1)
        assert n == 1, pattern
    return text


def _cells(text: str) -> dict:
    got = parse_text(text)
    return {s: dict(flatten(getattr(got, s))) for s in SECTIONS}


def _gold() -> dict:
    return {s: dict(flatten(GOLD[s])) for s in SECTIONS}


_S = r"[ \t]?"       # the rendering sets a row's first value after a space, a TAB or nothing
_ZEROS = r"((?:0\t){6}0)"


def test_a_rows_label_cut_after_its_values_is_joined_by_the_form_label():
    text = _text((rf"行政规范性文件{_S}(2\t4\t33)", r"行\t\1\n政规范性文件"),
                 (rf"（七）总计{_S}(69(?:\t\d+)+)", "（七）\t\\1\n总\n计"),
                 (rf"四、结转下年度继续办理{_S}{_ZEROS}", "四、\t\\1\n结转下年度继续办理"))
    assert _cells(text) == _gold()


def test_a_row_of_its_own_keeps_its_values_when_the_next_row_is_blank():
    """The next line's label is whole and the line above is a row of its own: its values stay
    there, the blank row is NULL (never the values above)."""
    text = _text((rf"行政规范性文件{_S}2\t4\t33", "行政规范性文件"),
                 (rf"（七）总计{_S}69(?:\t\d+)+", "（七）总计"))
    got, gold = _cells(text), _gold()
    measures = ("issued", "repealed", "in_force")
    assert [got["proactive"][("art20_1", "rules", m)] for m in measures] == [0, 0, 0]
    assert [got["proactive"][("art20_1", "normative_documents", m)] for m in measures] == [None] * 3
    other = {k: v for k, v in got["application"].items() if k[0] == "other_other"}
    assert other == {k: v for k, v in gold["application"].items() if k[0] == "other_other"}
    assert {v for k, v in got["application"].items() if k[0] == "outcome_total"} == {None}


_HEADER = r"申请人情况 自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他"


def test_header_cells_cut_apart_are_the_forms_columns_where_the_rows_hold_seven_values():
    text = _text((_HEADER, "申请人情况\n自然\t法人或其他组织\t总\n人\n计\n"
                  "商业企业\t科研机构\t社会公\t法律服务机构\t其他\n益组织"))
    assert _cells(text)["application"] == _gold()["application"]


_ROW = re.compile(r"^(.*[\u4e00-\u9fff”][ \t]?)(\d+)\t(\d+)\t(\d+)\t\d+\t(\d+)\t(\d+)\t(\d+)$", re.MULTILINE)


def test_header_cells_cut_apart_are_no_column_where_the_rows_hold_fewer_values():
    """A table without the 社会公益组织 column whose header text still shows 社会公 … 益组织: its
    rows' six values are read in the six columns the header names whole, none in a seventh."""
    text = _text((_HEADER, "申请人情况\n自然人\t法人或其他组织\t总计\n"
                  "商业企业\t科研机构\t社会公\t法律服务机构\t其他\n益组织"))
    six = _ROW.sub(r"\1\2\t\3\t\4\t\5\t\6\t\7", text)
    got, gold = _cells(six)["application"], _gold()["application"]
    assert {c for _, c in got} == {c for _, c in gold} - {"social_welfare_org"}
    assert got == {k: v for k, v in gold.items() if k[1] != "social_welfare_org"}


def test_a_row_past_the_papers_edge_has_its_missing_cells_there():
    """Section 四 clipped at the paper's edge (Writer's PDF of a page wider than the paper): 13 of
    the row's 15 values in the file. Past the right edge, the last two are NULL; past both, the split
    is the one whose sums hold (here one past each edge), and where none or several do, nothing is read."""
    def review(row: str) -> dict:
        stream = tokenize("结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n" + row + "\n五、存在的主要问题及改进情况")
        return read_review(stream, 0, len(stream.text)).cells

    right = review("\t".join("1 0 0 0 1 2 1 0 0 3 1 0 0".split()) + "\t[past_right_edge]")
    assert [right["litigation_after_review"][r] for r in ("corrected", "pending", "total")] == [0, None, None]
    both = review("[past_left_edge]\t" + "\t".join("0 0 0 1 1 0 0 0 1 2 0 1 0".split()) + "\t[past_right_edge]")
    assert both["review"] == {"upheld": None, "corrected": 0, "other": 0, "pending": 0, "total": 1}
    assert both["litigation_after_review"]["total"] is None
    zeros = review("[past_left_edge]\t" + "\t".join(["0"] * 13) + "\t[past_right_edge]")
    assert all(v is None for p in zeros.values() for v in p.values())


def test_a_label_cut_by_a_page_break_reads_whole_across_the_marks_of_the_papers_edge():
    """The marks of a clipped row are no label text: （一）予以公 / 开 still reads （一）予以公开."""
    stream = tokenize("（一）予以公\t2\t[past_right_edge]\n[past_left_edge]\t开\n（二）部分公开\t3")
    assert "予以公开" in stream.text and "past" not in stream.text
    assert [(t.raw, set(t.past)) for t in stream.tokens] == [("2", {"right"}), ("3", set())]
