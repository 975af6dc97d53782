"""What an auditor checks beyond the tables' arithmetic: the narrative's numbers against the
table, and the publication date against 条例第四十九条. Realistic reports: the gold reports and
variants of them with one sentence or date edited."""
from __future__ import annotations

import json
import re

import pytest

from pipeline.parsing import parse_bytes, parse_text

from .conftest import SHARED

RAW_DIRS = {"seeds": SHARED / "seeds", "real": SHARED / "real", "real2": SHARED / "real2"}
ALL_GOLD = [(RAW_DIRS[g.parent.name] / json.loads(g.read_text(encoding="utf-8"))["source"],
             json.loads(g.read_text(encoding="utf-8")))
            for g in sorted((SHARED / "gold").glob("*/*.json"))]
# The gold notes record a narrative that disagrees with its table as "NARRATIVE MISMATCH".
DISAGREEING = {p.stem for p, gold in ALL_GOLD if "NARRATIVE MISMATCH" in gold.get("notes", "")}


def _text(name: str) -> str:
    return (SHARED / name).read_text(encoding="utf-8")


def _flags(report, rule):
    return [f for f in report.issues if f.rule == rule]


@pytest.mark.parametrize("path, gold", ALL_GOLD, ids=[p.stem for p, _ in ALL_GOLD])
def test_narrative_flags_on_gold_only_where_the_gold_notes_a_mismatch(path, gold):
    report = parse_bytes(path.read_bytes(), path.name)
    assert bool(_flags(report, "narrative_mismatch")) == (path.stem in DISAGREEING)


@pytest.mark.parametrize("name", ["real/kiro_2.txt", "real/kiro_2.pdf"])
def test_a_narrative_that_disagrees_names_both_numbers_and_quotes_the_sentence(name):
    [flag] = _flags(parse_bytes((SHARED / name).read_bytes()), "narrative_mismatch")
    assert flag.severity == "warning"
    assert "received 17" in flag.detail and "table says 95" in flag.detail
    assert "区政府办代表区政府受理政府信息公开申请17件" in flag.detail


def _govnb(edit: str, to: str) -> list:
    """govnb_1 with its own staff as the subject (全市 would make its totals another scope) and one edit."""
    text = _text("real/govnb_1.txt").replace("全市共受理", "本机关共受理")
    assert edit in text
    return _flags(parse_text(text.replace(edit, to)), "narrative_mismatch")


def test_the_whole_govnb_sentence_agrees_with_its_table():
    assert _govnb("3119", "3119") == []


@pytest.mark.parametrize("edit, to, named", [
    ("另有 103 件", "另有 13 件", "carried_forward 13 but the table says 103"),
    ("答\n复 3050 件", "答\n复 3005 件", "answered 3005 but the table says 3050"),
    ("上年度结转申请 34 件", "上年度结转申请 43 件", "carried_over 43 but the table says 34"),
    ("行政复议 351\n", "行政复议 35\n", "review 35 but the table says 351"),
    ("行政诉讼 46 件", "行政诉讼 64 件", "litigation 64 but the table says 46"),
])
def test_one_edited_number_raises_one_flag_naming_it(edit, to, named):
    [flag] = _govnb(edit, to)
    assert named in flag.detail


def test_received_may_or_may_not_include_the_carried_over_applications():
    """3119 new + 34 carried over: 共受理3153件 is the other reading of the same table."""
    assert _govnb("政府信息公开申请 3119 件", "政府信息公开申请 3153 件") == []
    [flag] = _govnb("政府信息公开申请 3119 件", "政府信息公开申请 3150 件")
    assert "3119 or 3153" in flag.detail


@pytest.mark.parametrize("edit, to", [
    ("2023年共收到政府信息公开申请1件", "2023年共收到政府信息公开申请5件"),
    ("予以公开1件", "予以公开3件"),
])
def test_a_department_report_with_a_wrong_sentence_is_flagged(edit, to):
    text = _text("real2/pt_8.txt")
    assert edit in text
    [flag] = _flags(parse_text(text.replace(edit, to)), "narrative_mismatch")
    assert re.search(r"states \w+ [35] but the table says 1", flag.detail)


@pytest.mark.parametrize("to", [
    "全区各部门共收到政府信息公开申请5件",        # another scope than the table's
    "2022年共收到政府信息公开申请5件",            # another year
    "较上年共收到政府信息公开申请5件",            # a comparison with last year
    "2023年共收到政府信息公开申请5条，予以公开1件",  # (条 is an application count too: flagged)
])
def test_sentences_about_another_scope_or_year_are_not_judged(to):
    text = _text("real2/pt_8.txt").replace("2023年共收到政府信息公开申请1件", to)
    flags = _flags(parse_text(text), "narrative_mismatch")
    assert len(flags) == (1 if to.endswith("予以公开1件") else 0)


def test_the_numbers_never_change():
    text = _text("real2/pt_8.txt")
    edited = parse_text(text.replace("予以公开1件", "予以公开3件"))
    assert edited.application == parse_text(text).application


# ---- Timeliness: 条例第四十九条 ------------------------------------------------------------

def _late(text: str) -> list:
    return _flags(parse_text(text), "late_publication")


@pytest.mark.parametrize("path, gold", ALL_GOLD, ids=[p.stem for p, _ in ALL_GOLD])
def test_no_gold_report_is_late(path, gold):
    """Their dates are all within the deadline (departments by 31 January) or not stated."""
    assert _flags(parse_bytes(path.read_bytes()), "late_publication") == []


def test_a_department_signed_after_31_january_is_late():
    text = _text("real2/pt_8.txt")
    assert _late(text) == []                       # published 2024-01-31: the last day
    # the signature date and the page's 发布时间 both moved on: either may be what the report reads
    [flag] = _late(text.replace("发布时间: 2024-01-31", "发布时间: 2024-02-05").replace("2024年1月31日", "2024年2月5日"))
    assert flag.severity == "info"
    assert "2024-02-05, 5 days after the deadline 2024-01-31" in flag.detail and "department" in flag.detail


def test_a_county_government_has_until_31_march():
    text = _text("real/kiro_1.txt").rstrip() + "\n洪泽区人民政府\n2024年3月31日\n"
    assert _late(text) == []
    [flag] = _late(text.replace("2024年3月31日", "2024年4月2日"))
    assert "2 days after the deadline 2024-03-31" in flag.detail and "county-level government" in flag.detail


def test_a_township_or_an_undated_report_is_not_judged():
    township = _text("seeds/000_5f12d2b1ea74e05c.txt").rstrip() + "\n郭嘉镇人民政府\n2023年6月30日\n"
    assert parse_text(township).admin_level == "township" and _late(township) == []
    undated = _text("real/kiro_1.txt")
    assert parse_text(undated).published_on is None and _late(undated) == []
