"""Every visible gold report, published as a web page in each variation of tests/html_pages.py, parses
back to exactly its gold cells; the narrative starts with the report's title, once, and carries no
site chrome."""
from __future__ import annotations

import json

import pytest

from pipeline.parsing import parse_bytes
from pipeline.parsing.formats import sniff, to_text

from .conftest import SHARED, flatten
from .html_pages import CATALOGUE, as_decimal, assert_gold_cells, case
from .synth import _title

GOLD = sorted((SHARED / "gold").glob("*/*.json"))
CHROME = ("历史搜索", "热门搜索", "长者模式", "当前位置", "分享到", "微博", "全真版", "扫一扫", "相关阅读",
          "热点信息", "网站标识码", "ICP备", "主办单位", "打印本页", "document.write", "border:", "html5shiv")


def _gold(path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", CATALOGUE)
@pytest.mark.parametrize("path", GOLD, ids=[f"{p.parent.name}/{p.stem}" for p in GOLD])
def test_gold_report_as_a_web_page_parses_to_its_gold_cells(path, name):
    gold, raw, rep, blanked = case(path, name)
    assert sniff(raw) == "html"
    got = parse_bytes(raw, "page.htm")
    assert_gold_cells(got, gold, rep, blanked)
    assert got.agency_name == rep.agency and got.report_year == gold["report_year"]


@pytest.mark.parametrize("name", CATALOGUE)
def test_page_text_starts_with_the_title_once_and_has_no_chrome(name):
    """Without tables of figures, or with the report's tables among the page's own children, the end
    of the article is not known: the page's tail is kept."""
    for path in GOLD[::4]:
        gold, raw, rep, _ = case(path, name)
        text = to_text(raw)
        lines = text.split("\n")
        assert lines[0] == _title(rep)
        assert text.count(_title(rep)) == 1
        signed = len(lines) - 1 - lines[::-1].index(rep.agency)
        assert lines[signed + 1].startswith(f"{rep.year + 1}年1月")
        if not (CATALOGUE[name].text_tables or CATALOGUE[name].page == "bare"):
            assert signed + 2 == len(lines)
        assert [c for c in CHROME if c in "\n".join(lines[:signed + 2])] == []


def test_real_page_with_its_site_chrome_parses_to_its_gold():
    """pt_6h.html: a whole stored page of the 平潭 site (search box, elder mode, tabs, QR code)."""
    path = SHARED / "real2" / "pt_6h.html"
    gold = _gold(SHARED / "gold" / "real2" / "pt_6h.json")
    got = parse_bytes(path.read_bytes(), path.name)
    for section in ("application", "review_litigation", "proactive"):
        assert dict(flatten(getattr(got, section))) == {k: as_decimal(v) for k, v in flatten(gold[section])}, section
    assert got.agency_name in gold["agency_names"] and got.report_year == gold["report_year"]
    lines = to_text(path.read_bytes()).split("\n")
    agency = gold["agency_names"][0]
    assert lines[0] == f"{agency}{gold['title_year']}年政府信息公开工作年度报告"
    assert lines[-2] == agency and lines[-1] == got.published_on.strftime("%Y年%-m月%-d日")
    assert not {"历史搜索:", "热门搜索:", "扫一扫在手机上查看当前页面", "H5解读"} & set(lines)
