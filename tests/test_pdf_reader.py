"""The two PDF readers: the fast one (pdfium) reads the real and the generated reports cell for cell,
and a page whose tables' glyphs cannot each be placed in one cell by their positions; the pdfplumber
reader takes over only for rotated pages and files pdfium cannot open.

Which reader read a file is told by comparing pdf.to_text with the fast reader's own text (None
when it declines). Timings are measured by bench/bench.py, never asserted here.
"""
from __future__ import annotations

import io
import json
import random
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib import colors
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from pipeline.parsing import parse_bytes, parse_text, spec
from pipeline.parsing.formats import pdf, pdf_fast, pdf_words

from .conftest import ROOT, SHARED, flatten
from .pdfgen import _BODY, FONT, render_pdf
from .synth import expected_json, random_report

REAL_PDFS = sorted((SHARED / "real").glob("*.pdf"))
SECTIONS = ("application", "review_litigation", "proactive")


def _fast(raw: bytes) -> str | None:
    read = pdf_fast.read(raw, pdf.MIN_CHARS_PER_PAGE)
    return None if read is None else read.text


def _cells(report) -> dict:
    return {section: dict(flatten(getattr(report, section))) for section in SECTIONS}


# ---- the real PDFs ----------------------------------------------------------------------------

@pytest.mark.parametrize("path", REAL_PDFS, ids=[p.stem for p in REAL_PDFS])
def test_real_pdf_is_read_by_the_fast_reader_to_its_gold(path):
    raw = path.read_bytes()
    fast = _fast(raw)
    assert fast is not None and pdf.to_text(raw) == fast
    gold = json.loads((SHARED / "gold" / "real" / f"{path.stem}.json").read_text(encoding="utf-8"))
    want = {s: {k: (None if v is None else Decimal(str(v))) for k, v in flatten(gold[s])} for s in SECTIONS}
    assert _cells(parse_bytes(raw, path.name)) == want


@pytest.mark.parametrize("path", REAL_PDFS, ids=[p.stem for p in REAL_PDFS])
def test_both_readers_give_the_same_cells_on_the_real_pdfs(path):
    raw = path.read_bytes()
    assert _cells(parse_text(pdf.plumber_text(raw))) == _cells(parse_text(_fast(raw)))


def test_a_table_cut_by_a_page_break_keeps_the_text_of_its_open_cells():
    """kiro_1's table 第二十条第（六）项 goes on over a page; Word draws no rule along the cut, so
    the first cell on the new page is open at the top. The slow reader drops its text."""
    raw = (SHARED / "real" / "kiro_1.pdf").read_bytes()
    assert "信息内容\t本年处理决定数量" in _fast(raw).splitlines()
    assert "本年处理决定数量" in pdf.plumber_text(raw).splitlines()


# ---- generated PDFs ---------------------------------------------------------------------------

@settings(max_examples=6, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), template=st.sampled_from(spec.TEMPLATES))
def test_generated_pdf_is_read_by_the_fast_reader_exactly(seed, template):
    rng = random.Random(seed)
    rep = random_report(rng, template)
    raw = render_pdf(rep, rng)
    fast = _fast(raw)
    assert fast is not None and pdf.to_text(raw) == fast
    got = parse_bytes(raw, "report.pdf").to_json()
    assert {s: got[s] for s in SECTIONS} == expected_json(rep)
    assert (got["agency_name"], got["report_year"], got["template_version"]) == (rep.agency, rep.year, template)


@pytest.mark.parametrize("radicals", [{"民": "\u2ea0"}, {"民": "\u2ea0", "长": "\u2ed3", "人": "\u2f08"}],
                         ids=["min", "min-chang-ren"])
def test_a_font_that_maps_ideographs_to_radicals_reads_as_the_ideographs(radicals):
    """PDF fonts give 民 as the CJK radical ⺠ (U+2EA0) and 人 as the Kangxi radical ⼈ (U+2F08):
    the agency and every label read as the ideographs the page shows."""
    rng = random.Random(5)
    rep = random_report(rng, "2021", agency="上海市人民政府办公厅")
    raw = render_pdf(rep, rng, to_unicode=radicals)
    assert "\u2ea0" in _fast(raw)
    got = parse_bytes(raw, "report.pdf").to_json()
    assert got["agency_name"] == "上海市人民政府办公厅"
    assert {s: got[s] for s in SECTIONS} == expected_json(rep)


@pytest.mark.parametrize("seed, template", [(3, "2019"), (8, "2021")])
def test_rotated_pages_fall_back_to_the_pdfplumber_reader(seed, template):
    """Landscape pages stored turned (/Rotate 90): the fast reader works in unturned page space
    and declines. pdfminer turns the glyphs (its table finder does not see the turned rulings,
    so the tables come out as lines of text for the text parser)."""
    rng = random.Random(seed)
    rep = random_report(rng, template)
    raw = render_pdf(rep, rng, rotated=True)
    assert _fast(raw) is None
    text = pdf.to_text(raw)
    assert text == pdf.plumber_text(raw)
    got = parse_text(text).to_json()
    assert (got["agency_name"], got["report_year"], got["template_version"]) == (rep.agency, rep.year, template)
    assert got["application"]["received_new"] == expected_json(rep)["application"]["received_new"]


def _one_table(right_padding: float) -> bytes:
    """A title and a small ruled table whose 12345678 keeps `right_padding` from its right rule."""
    rows = [["信息内容", "本年新制作数量", "本年新公开数量"], ["规章", "12345678", "0"], ["行政规范性文件", "3", "1"]]
    style = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONT", (0, 0), (-1, -1), FONT, 8),
                        ("ALIGN", (1, 1), (1, 1), "RIGHT"), ("RIGHTPADDING", (1, 1), (1, 1), right_padding)])
    out = io.BytesIO()
    SimpleDocTemplate(out).build([Paragraph("某县人民政府2023年政府信息公开工作年度报告", _BODY),
                                  Table(rows, colWidths=[120, 70, 70], style=style)])
    return out.getvalue()


CONV_PDFS = sorted(p for p in (SHARED / "conv").glob("*.pdf") if not p.stem.endswith("_scan"))


@pytest.mark.parametrize("path", REAL_PDFS + CONV_PDFS, ids=[p.stem for p in REAL_PDFS + CONV_PDFS])
def test_every_page_read_by_position_loads_no_wrong_value(path, monkeypatch):
    """The reading by position (pdf_words.py, words.py), forced on every page of the WPS PDFs and
    of the real page's Chromium and Writer PDFs, never loads a wrong value: what it cannot place
    (a WPS label wrapped beside its values, a vertical group label) is NULL. The browser's and
    Writer's PDFs it reads cell for cell, as the cell reading does."""
    monkeypatch.setattr(pdf_fast, "_grids", lambda edges: None)
    gold_dir = SHARED / "gold" / "real" if path.parent.name == "real" else SHARED / "conv" / "gold"
    gold = json.loads((gold_dir / f"{path.stem}.json").read_text(encoding="utf-8"))
    want = {s: {k: (None if v is None else Decimal(str(v))) for k, v in flatten(gold[s])} for s in SECTIONS}
    got = _cells(parse_bytes(path.read_bytes(), path.name))
    assert {(s, k): v for s in SECTIONS for k, v in got[s].items() if v is not None and want[s].get(k) != v} == {}
    if path.parent.name == "conv":
        assert got == want


def test_text_drawn_across_a_rule_is_left_blank():
    """A value too wide for its cell runs over the rule into the next one (a cramped spreadsheet
    export): which cell each digit belongs to would be a guess, so the page is read by position
    (pdf_words.py) and the run over the rule, with the cell it runs into, is blank: no part of it
    is a number."""
    assert "规章\t12345678\t0" in _fast(_one_table(4)).splitlines()
    crossed = _fast(_one_table(-14)).splitlines()
    assert "规章\t/\t/" in crossed and not any(digits in line for line in crossed for digits in ("1234", "5678"))


def _spaced(text: str, gap: float, x: float = 0) -> list[pdf_fast.Glyph]:
    """A line's glyphs as Chromium sets them at 12 pt: an ideograph 12 pt wide, a digit or stop 6,
    `gap` between each two (a CSS letter-spacing, or the gap a layout leaves)."""
    glyphs = []
    for ch in text:
        width = 12 if ch >= "\u3000" else 6
        glyphs.append(pdf_fast.Glyph(0, 12, x, x + width, ch, len(glyphs)))
        x += width + gap
    return glyphs


def test_a_letter_spaced_line_runs_together_but_digits_alone_stay_apart():
    """Letter spacing wider than the word gap would part every glyph: an item's number from its label
    (`2` read as a value), a year into four numbers. A line whose gaps are all alike is letter-spaced;
    digits with nothing else stay apart (one letter-spaced value, or two cells' run into one: never
    read as one number) but in a cell of a table whose labels are spaced so; a line with wider gaps
    between its parts is no letter-spaced line."""
    assert pdf_fast._lines(_spaced("2.其他法律", 4.8)) == [(0, "2.其他法律")]
    assert pdf_fast._lines(_spaced("2023年", 4.8)) == [(0, "2023年")]
    assert pdf_fast._lines(_spaced("26", 4.8)) == [(0, "2 6")]
    number = _spaced("26", 4.8)                             # in a cell of a table whose labels are spaced so
    assert pdf_fast._line(number, pdf_fast._spacing(number), labels=4.8) == (0, "26")
    wider = _spaced("26", 8)
    assert pdf_fast._line(wider, pdf_fast._spacing(wider), labels=4.8) == (0, "2 6")
    row = _spaced("部分公开", 0) + _spaced("70", 30, x=100)
    assert pdf_fast._lines(row) == [(0, "部分公开 7 0")]


# ---- the structural check ---------------------------------------------------------------------

def test_cells_must_tile_their_table():
    tiled = [(0, 0, 10, 5), (10, 0, 20, 5), (0, 5, 20, 10)]             # the lower cell spans both columns
    grid = pdf_fast._grid(tiled)
    assert grid is not None and grid.xs == [0, 10, 20] and grid.ys == [0, 5, 10]
    assert grid.slot[(1, 0)] == grid.slot[(1, 1)] == (0, 5, 20, 10)
    assert pdf_fast._grid([(0, 0, 10, 5), (10, 0, 20, 5), (0, 5, 10, 10)]) is None     # a hole
    assert pdf_fast._grid([(0, 0, 20, 5), (10, 0, 20, 5), (0, 5, 20, 10)]) is None     # an overlap


def _cut_table(ys: tuple[float, float], texts: list[str], open_top: bool, open_bottom: bool,
               xs: tuple[float, ...] = (50.0, 150.0, 250.0, 350.0)) -> pdf_fast._Table:
    """A one-row ruled table of label cells and value cells (by default 100 pt wide each) inside the paper."""
    xs = list(xs)
    cells = [(xs[j], ys[0], xs[j + 1], ys[1]) for j in range(len(texts))]
    grid = pdf_fast.Grid(xs, list(ys), {(0, j): cell for j, cell in enumerate(cells)}, open_top, open_bottom)
    return pdf_fast._Table(grid, {cell: text for cell, text in zip(cells, texts) if text}, 600.0)


def _row(table: pdf_fast._Table) -> list[str]:
    return [line for _, line in pdf_fast._rendered(table) if line]


def test_a_row_a_page_break_cuts_is_one_row_again():
    """Chromium prints a tall row's first lines at a page's foot (`1.` with the values) and the rest
    atop the next (`属于国家秘密`): the two parts, each in a table open at the cut, are one row."""
    foot = _cut_table((700.0, 760.0), ["1.", "0", "3"], open_top=False, open_bottom=True)
    head = _cut_table((30.0, 50.0), ["属于国家秘密", "", ""], open_top=True, open_bottom=False)
    pdf_fast.join_cut_rows(foot, head)
    assert (_row(foot), _row(head)) == (["1.属于国家秘密\t0\t3"], [])
    # the group label merged down over rows goes on past the break, its column not drawn there
    wide = (10.0, 50.0, 150.0, 250.0, 350.0)
    foot = _cut_table((700.0, 760.0), ["(三)不予公开", "1.", "0", "3"], False, True, xs=wide)
    head = _cut_table((30.0, 50.0), ["属于国家秘密", "", ""], True, False)
    pdf_fast.join_cut_rows(foot, head)
    assert _row(foot) == ["(三)不予公开\t1.属于国家秘密\t0\t3"] and _row(head) == []


def test_rows_of_their_own_at_a_page_break_stay_apart():
    """Two values for one cell are two rows; a table closed at the page's foot ends its row there."""
    for foot, head in (
            (_cut_table((700.0, 760.0), ["1.", "0", "3"], False, True), _cut_table((30.0, 50.0), ["2.", "1", "4"], True, False)),
            (_cut_table((700.0, 760.0), ["1.", "0", "3"], False, False), _cut_table((30.0, 50.0), ["属于国家秘密", "", ""], True, False))):
        pdf_fast.join_cut_rows(foot, head)
        assert len(_row(foot)) == len(_row(head)) == 1


def test_a_table_that_cannot_be_read_cell_by_cell_leaves_the_pages_other_tables_so(monkeypatch):
    """A page's table whose glyphs cross its rules (section 四 under a layout table's rules) is read
    by the glyphs' positions, between the page's other tables, which are still read cell by cell:
    here table 三's end, a row of it cut by the page break before and joined by its cells."""
    cell_by_cell = pdf_fast._table_text

    def failing_review(grid, glyphs, ink, width):
        table = cell_by_cell(grid, glyphs, ink, width)
        return None if table and any("行政复议" in text for text in table.text.values()) else table
    monkeypatch.setattr(pdf_fast, "_table_text", failing_review)
    path = ROOT / "tests" / "producers" / "real2_pt_7_chromepdf.pdf"
    report = parse_bytes(path.read_bytes(), path.name)
    gold = json.loads((SHARED / "gold" / "real2" / "pt_7.json").read_text(encoding="utf-8"))
    assert _cells(report) == {s: {k: (None if v is None else Decimal(str(v))) for k, v in flatten(gold[s])}
                              for s in SECTIONS}
    assert "(五)不予处理\t1.信访举报投诉类申请\t1\t0" in _fast(path.read_bytes())


def test_a_borderless_rows_first_value_set_against_its_label_is_cut_off():
    """A table printed without rules or padding sets a row's first value against its label's end
    (`禁止公开0`, then `0 0`): on a borderless page the trailing digits are a value of their own where
    values follow; a label ending in digits with no values after it, and digits before text, stay."""
    def texts(line, borderless=True):
        return [w.text for w in pdf_words.words([line], [], 0, borderless)[0]]
    row = _spaced("禁止公开0", 0) + _spaced("0", 0, x=90) + _spaced("0", 0, x=110)
    assert texts(row) == ["禁止公开", "0", "0", "0"]
    assert texts(row, borderless=False) == ["禁止公开0", "0", "0"]
    assert texts(_spaced("附件1", 0) + _spaced("说明", 0, x=60)) == ["附件1", "说明"]
    assert texts(_spaced("2023年", 0) + _spaced("0", 0, x=90) + _spaced("0", 0, x=110)) == ["2023年", "0", "0"]
