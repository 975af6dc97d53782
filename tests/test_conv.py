"""One real page (real2/pt_6h.html) in the forms producers make of it (../shared/conv): a
browser's print to PDF, LibreOffice's Word and PDF exports, pdftotext's text of the browser's
PDF, and LibreOffice's legacy binary Word (.doc). Every file names its agency and years as the page
does, and no cell is ever a wrong value. (The scan is not read: no OCR.)"""
from __future__ import annotations

import json
import random
from decimal import Decimal

import pytest

from pipeline.parsing import parse_bytes
from pipeline.parsing.formats import pdf, pdf_fast, titles

from .conftest import SHARED, flatten
from .pdfgen import render_pdf
from .synth import expected_json, random_report

CONV = SHARED / "conv"
GOLDS = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((CONV / "gold").glob("*.json"))}
READ = [stem for stem in GOLDS if not stem.endswith("_scan")]
SECTIONS = ("application", "review_litigation", "proactive")
EXACT = ["pt_6h_chromepdf", "pt_6h_lodoc", "pt_6h_lodocx", "pt_6h_lopdf", "pt_6h_lowebpdf", "pt_6h_pdftotext"]


def _parsed(stem: str):
    gold = GOLDS[stem]
    return parse_bytes((CONV / gold["source"]).read_bytes(), gold["source"]), gold


@pytest.mark.parametrize("stem", READ)
def test_metadata_matches_gold(stem):
    """The title of a page printed with its site's chrome lies below the navigation: a PDF's /Title
    names it, and in text the opening goes on until the report's body begins."""
    report, gold = _parsed(stem)
    assert report.agency_name in gold["agency_names"]
    assert (report.report_year, report.title_year, report.template_version) == (
        gold["report_year"], gold["title_year"], gold["template_version"])


@pytest.mark.parametrize("stem", READ)
def test_no_cell_is_a_wrong_value(stem):
    report, gold = _parsed(stem)
    for section in SECTIONS:
        want = {k: (None if v is None else Decimal(str(v))) for k, v in flatten(gold[section])}
        wrong = {k: v for k, v in flatten(getattr(report, section)) if v is not None and want.get(k) != v}
        assert wrong == {}


@pytest.mark.parametrize("stem", EXACT)
def test_every_cell_matches_gold(stem):
    """Chromium's PDF: its CJK font gives 一 a box a point tall (it sorted into a line of its own,
    and 第二十条第(一)项 lost its clause), and the table that a page break cuts runs its column rules
    past its last row rule (the rows above the first rule on the new page were read as prose).
    pdftotext's layout wraps a label over three lines, breaking it inside its words (`逾` / `期不补正`)
    or putting the row's first value beside its first line (`要求行政机关确认或 0` / `5.` / `重新出具…`):
    the rows are found by the label's first words too."""
    report, gold = _parsed(stem)
    for section in SECTIONS:
        want = {k: (None if v is None else Decimal(str(v))) for k, v in flatten(gold[section])}
        assert dict(flatten(getattr(report, section))) == want


def test_chromium_pdf_is_read_by_the_fast_reader():
    raw = (CONV / "pt_6h_chromepdf.pdf").read_bytes()
    text = pdf_fast.read(raw, pdf.MIN_CHARS_PER_PAGE).text
    assert "第二十条第(一)项" in text and "3.危及“三安全一稳定”\t0" in text


def test_a_stale_document_title_is_not_taken_for_the_report_s():
    """A Word file's /Title left from last year's report is not in the text: it names nothing."""
    text = pdf.to_text((CONV / "pt_6h_lopdf.pdf").read_bytes()).split("\n", 1)[1]     # without its title
    stale = "平潭综合实验区自然资源与生态环境局2023年政府信息公开工作年度报告"
    assert titles.with_title(text, stale) == text
    assert titles.with_title(text, None, "平 潭 综 合 实 验 区 2024 年 政 府 信 息 公 开 工 作 年 度 报 告").startswith(
        "平潭综合实验区2024年政府信息公开工作年度报告\n")


@pytest.mark.parametrize("header", ["{agency}{year}年政府信息公开工作年度报告", "{agency}"])
def test_running_headers_and_footers_stay_out_of_tables(header):
    """Word's page style repeats the title atop every page and 第 N 页 共 M 页 below: where a page
    break cuts a table, the title's year joined the row above it (四、结转下年度继续办理 … 2024)."""
    for seed in (0, 1):
        rng = random.Random(seed)
        rep = random_report(rng)
        raw = render_pdf(rep, rng, running=header.format(agency=rep.agency, year=rep.year))
        for text in (pdf.to_text(raw), pdf.plumber_text(raw)):
            got = parse_bytes(text.encode("utf-8"), "report.txt").to_json()
            assert {s: got[s] for s in SECTIONS} == expected_json(rep)
            assert (got["agency_name"], got["report_year"]) == (rep.agency, rep.year)
