"""Report metadata (body, admin level, years, publication date) on every gold report, and on the
gold reports re-dressed in the title, header, signature and period forms of tests/metadata_variants."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.parsing import parse_bytes, parse_text
from pipeline.parsing.numerals import arabic_dates

from .metadata_variants import (
    HEADERS,
    PERIODS,
    SIGNATURES,
    TITLES,
    YEAR_STYLES,
    Expected,
    Variant,
    fits,
    gold_reports,
    render,
    variants,
)

REPORTS = gold_reports()
VARIANTS = variants(REPORTS)


@pytest.mark.parametrize("report", REPORTS, ids=[r.stem for r in REPORTS])
def test_every_gold_report_has_its_metadata(report):
    parsed = parse_bytes(report.path.read_bytes(), report.path.name)
    gold = report.gold
    assert parsed.agency_name in gold["agency_names"]
    assert (parsed.admin_level, parsed.report_year, parsed.title_year, parsed.template_version) == (
        gold["admin_level"], gold["report_year"], gold["title_year"], gold["template_version"])


def assert_metadata_read(report, variant):
    text, expected = render(report, variant)
    parsed = parse_text(text, report.path.name)
    assert Expected(parsed.agency_name, parsed.title_year, parsed.report_year, parsed.admin_level,
                    parsed.published_on) == expected
    conflict = any(f.rule == "year_conflict" for f in parsed.issues)
    assert conflict == (expected.title_year != expected.report_year)


@pytest.mark.parametrize("report, variant", VARIANTS, ids=[f"{r.stem}-{v.id}" for r, v in VARIANTS])
def test_metadata_in_every_published_form(report, variant):
    assert_metadata_read(report, variant)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_metadata_in_any_combination_of_forms(data):
    report = data.draw(st.sampled_from(REPORTS))
    variant = data.draw(st.builds(Variant, st.sampled_from(tuple(TITLES)), st.sampled_from(report.gold["agency_names"]),
                                  *(st.sampled_from(d) for d in (YEAR_STYLES, HEADERS, SIGNATURES, PERIODS)))
                        .filter(fits))
    assert_metadata_read(report, variant)


def test_the_catalogue_covers_every_option_for_every_report():
    for report in REPORTS:
        mine = [v for r, v in VARIANTS if r is report]
        for dim, options in (("year_style", YEAR_STYLES), ("header", HEADERS), ("signature", SIGNATURES),
                             ("period", PERIODS)):
            assert {getattr(v, dim) for v in mine} == set(options)
    assert {v.title for _, v in VARIANTS} == set(TITLES)


@pytest.mark.parametrize("written, digits", [
    ("二〇二五年二月十四日", "2025年2月14日"),
    ("二〇二〇年一月", "2020年1月"),
    ("二○二三年十二月三十一日", "2023年12月31日"),
    ("二零二一年度政府信息公开工作年度报告", "2021年度政府信息公开工作年度报告"),
    ("二O一九年十月二十日", "2019年10月20日"),
    ("一、总体情况 近三年 十二月", "一、总体情况 近三年 十二月"),
])
def test_chinese_numeral_dates_read_as_digits(written, digits):
    assert arabic_dates(written) == digits


def test_a_source_field_run_on_into_the_next_names_the_body():
    """Chromium's print of a page with 25 mm margins (real2_pt_3): the title is cut at the margin
    (…工作年度, no 报告, so no title is found), and the PDF's text runs the header fields together
    without a space, 来源:XX局发布时间:…; the 来源 field still names the body, and the date is read."""
    text = ("首页 政务公开 政务服务 互动交流\n首页\n平潭综合实验区综合执法与应急管理局2019年政府信息公开工作年度\n"
            "政务公开\n来源:平潭综合实验区综合执法与应急管理局发布时间:2020-01-15 浏览次数:419\n"
            "本报告中所列数据的统计期限自2019年1月1日起至2019年12月31日止。\n一、总体情况\n"
            "二、主动公开政府信息情况\n第二十条第(一)项\n信息内容 本年新制作数量 本年新公开数量 对外公开总数量\n"
            "规章 0 0 0\n三、收到和处理政府信息公开申请情况\n项目 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n"
            "一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题\n")
    report = parse_text(text)
    assert report.agency_name == "平潭综合实验区综合执法与应急管理局"
    assert str(report.published_on) == "2020-01-15"
