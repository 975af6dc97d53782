"""PDF, HTML and DOCX reports: told from their content, read cell for cell through the one parser.

The three real PDFs parse straight from the .pdf to their hand-verified gold; HTML pages (with site
chrome, rowspan/colspan and blank cells) and DOCX files (merged cells) are rendered from known
tables and must parse back exactly; damaged or text-less files get a reasoned ParseError.
"""
from __future__ import annotations

import io
import json
import random
import zipfile
from decimal import Decimal

import docx
import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from assets.run import run_ingest
from pipeline.parsing import ParseError, parse_bytes, spec
from pipeline.parsing.flags import IDENTITY_RULES
from pipeline.parsing.formats import sniff, to_text
from pipeline.parsing.formats.grid import grid_lines

from .conftest import SHARED, flatten
from .synth import expected_json, random_report, render_docx, render_html

REAL_PDFS = sorted((SHARED / "real").glob("*.pdf"))
seeds = st.integers(0, 2**31 - 1)


def _cells(report_json: dict) -> dict:
    return {k: report_json[k] for k in ("application", "review_litigation", "proactive")}


def _scan_pdf(pages: int = 2) -> bytes:
    """What a scanner makes: page images and no text."""
    out = io.BytesIO()
    images = [Image.new("RGB", (595, 842), "white") for _ in range(pages)]
    images[0].save(out, "PDF", save_all=True, append_images=images[1:])
    return out.getvalue()


# ---- the real PDFs --------------------------------------------------------------------------

@pytest.fixture(params=REAL_PDFS, ids=[p.stem for p in REAL_PDFS], scope="module")
def real_pdf(request):
    gold = json.loads((SHARED / "gold" / "real" / f"{request.param.stem}.json").read_text(encoding="utf-8"))
    return parse_bytes(request.param.read_bytes(), request.param.name), gold


def test_real_pdfs_are_found_beside_their_gold():
    assert [p.stem for p in REAL_PDFS] == ["govnb_1", "kiro_1", "kiro_2"]


def test_real_pdf_matches_gold_cell_for_cell(real_pdf):
    report, gold = real_pdf
    for section in ("application", "review_litigation", "proactive"):
        got = dict(flatten(getattr(report, section)))
        want = {k: (None if v is None else Decimal(str(v))) for k, v in flatten(gold[section])}
        assert got == want, section


def test_real_pdf_metadata_and_source_inconsistencies(real_pdf):
    report, gold = real_pdf
    assert report.agency_name in gold["agency_names"]
    assert (report.report_year, report.title_year, report.template_version, report.admin_level) == (
        gold["report_year"], gold["title_year"], gold["template_version"], gold["admin_level"])
    # kiro_1: table 四 states totals of 0 over parts 10,1 and 5: flagged, never fixed
    assert len([f for f in report.issues if f.rule in IDENTITY_RULES]) == len(gold["source_inconsistencies"])
    assert not [f for f in report.issues if f.rule in ("ambiguous_cells", "row_values_mismatch")]


def test_pdf_is_told_by_its_content_not_its_name():
    raw = REAL_PDFS[0].read_bytes()
    assert sniff(raw) == "pdf"
    assert parse_bytes(raw, "report.txt").to_json()["application"] == parse_bytes(raw, "x.pdf").to_json()["application"]


# ---- files that cannot be read ----------------------------------------------------------------

def _docx_without_body() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document><w:body><w:p>")     # cut off
    return out.getvalue()


def _spreadsheet() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


@pytest.mark.parametrize("make, reason", [
    (_scan_pdf, "ocr_no_text"),
    (lambda: REAL_PDFS[0].read_bytes()[:3000], "corrupt_pdf"),
    (lambda: b"%PDF-1.7\n" + bytes(range(256)) * 8, "corrupt_pdf"),
    (lambda: b"PK\x03\x04" + bytes(500), "corrupt_docx"),
    (_docx_without_body, "corrupt_docx"),
    (_spreadsheet, "unsupported_format"),
    (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000), "corrupt_doc"),
    (lambda: b"<html><body><p>\xe4\xbc\x9a\xe8\xae\xae\xe9\x80\x9a\xe7\x9f\xa5</p></body></html>", "not_a_report"),
], ids=["scan", "truncated-pdf", "garbage-pdf", "broken-zip", "broken-docx", "xlsx", "legacy-doc", "html-notice"])
def test_unreadable_files_raise_a_reasoned_error(make, reason):
    with pytest.raises(ParseError) as exc:
        parse_bytes(make())
    assert exc.value.reason == reason and exc.value.detail


# ---- HTML -----------------------------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(seed=seeds, template=st.sampled_from(spec.TEMPLATES), noise=st.booleans())
def test_generated_html_page_parses_back_exactly(seed, template, noise):
    rng = random.Random(seed)
    rep = random_report(rng, template)
    raw = render_html(rep, rng, noise)
    assert sniff(raw) == "html"
    got = parse_bytes(raw, "page.txt").to_json()
    assert _cells(got) == expected_json(rep)
    assert (got["agency_name"], got["report_year"], got["template_version"]) == (rep.agency, rep.year, template)
    assert got["published_on"] is not None and got["published_on"].startswith(str(rep.year + 1))
    assert [i for i in got["issues"] if i["severity"] != "info"] == []


def test_html_blank_data_cells_are_null_not_zero_and_spans_keep_columns():
    rng = random.Random(7)
    rep = random_report(rng, "2021")
    rep.application["denied_state_secret"]["research_institution"] = None
    rep.review["review"]["other"] = None
    got = parse_bytes(render_html(rep, rng, noise=True)).to_json()
    assert got["application"]["denied_state_secret"]["research_institution"] is None
    assert got["review_litigation"]["review"]["other"] is None
    assert _cells(got) == expected_json(rep)


def test_grid_marks_blank_data_cells_only():
    grid = [["信息内容", "本年制发件数", "本年废止件数"],       # header: nothing is blank here
            ["规章", "3", ""],                              # a blank data cell
            ["", None, None],                               # an empty label row under a span
            ["行政规范性文件", "\u00a0", "\u3000"],          # a row of blanks: still a data row
            ["注:单位为件", None, None]]
    assert grid_lines(grid) == ["信息内容\t本年制发件数\t本年废止件数", "规章\t3\t/", "",
                                "行政规范性文件\t/\t/", "注:单位为件"]


def test_grid_drops_the_cells_writer_pads_a_ragged_table_with():
    """Table 三 continued in a second table without its first label column (a page break of the
    source): its total row's label spans three columns, the rows above two, and Writer (DOCX, .doc,
    its PDFs) gives each of those an empty cell at its end. Dropped, the row keeps its seven
    values; a blank 总计 in a table whose rows' labels end alike stays a blank."""
    values = ["1", "0", "0", "0", "0", "0", "1"]
    split = [["(四)无法提供", "1.本机关不掌握相关政府信息", *values, ""],
             [None, "2.没有现成信息需要另行制作", *values, ""],
             ["四、结转下年度继续办理", None, None, *values]]
    assert grid_lines(split) == ["(四)无法提供\t1.本机关不掌握相关政府信息\t" + "\t".join(values),
                                 "2.没有现成信息需要另行制作\t" + "\t".join(values),
                                 "四、结转下年度继续办理\t" + "\t".join(values)]
    blank_total = [["(一)予以公开", None, *values[:-1], ""], ["四、结转下年度继续办理", None, *values]]
    assert grid_lines(blank_total)[0] == "(一)予以公开\t" + "\t".join(values[:-1]) + "\t/"


def test_grid_drops_writers_padding_by_cells_where_a_doc_lays_both_tables_on_one_grid():
    """A .doc's table 三 and its continuation are one table on the columns of all their cell edges
    (formats/doc.py): the rows' first value cell spans two grid columns, the padding one cell
    after a covered column. Counted in cells, the row still has one cell before the total row's
    label ends, and drops one."""
    values = ["1", "0", "0", "0", "0", "0", "1"]
    split = [["(四)无法提供", "1.本机关不掌握相关政府信息", values[0], None, *values[1:], None, ""],
             ["四、结转下年度继续办理", None, None, None, *values[:-1], None, values[-1]]]
    assert grid_lines(split) == ["(四)无法提供\t1.本机关不掌握相关政府信息\t" + "\t".join(values),
                                 "四、结转下年度继续办理\t" + "\t".join(values)]


def test_html_nested_layout_tables_and_inline_markup():
    page = ("<html><body><table><tr><td><h1>某县人民政府2023年政府信息公开工作年度报告</h1>"
            "<table><tr><td rowspan='2'>行政<br>复议</td><td>结果<span>维持</span></td><td>总计</td></tr>"
            "<tr><td><span>1</span><span>2</span></td><td>&nbsp;</td></tr></table>"
            "<!-- a comment --><script>var a = '<td>9</td>';</script></td></tr></table>"
            "<div class='footer'>版权所有 2024</div></body></html>")
    assert to_text(page.encode("utf-8")) == ("某县人民政府2023年政府信息公开工作年度报告\n"
                                              "行政复议\t结果维持\t总计\n12\t/")


def _granted(rep) -> str:
    return str(rep.application["granted"]["natural_person"])


def test_a_raised_footnote_marker_is_no_digit_of_the_cell_in_html_or_docx():
    """予以公开's first cell written 13<sup>1</sup> (or a superscript run in Word): the text once read
    131; the cell is NULL and flagged, whichever of 13 and a misprinted 131 the page meant."""
    rng = random.Random(3)
    rep = random_report(rng, "2021")
    cell = f"（一）予以公开</td><td>{_granted(rep)}"
    page = render_html(rep, rng, noise=False).decode("utf-8")
    assert cell in page
    marked_html = page.replace(cell, cell + "<sup>1</sup>", 1).encode("utf-8")
    document = docx.Document(io.BytesIO(render_docx(rep, rng)))
    row = next(r for t in document.tables for r in t.rows if r.cells[1].text.endswith("予以公开"))
    first = next(c for c in row.cells if c.text == _granted(rep))
    first.paragraphs[0].add_run("1").font.superscript = True
    marked_docx = io.BytesIO()
    document.save(marked_docx)
    for raw in (marked_html, marked_docx.getvalue()):
        got = parse_bytes(raw, "report.bin")
        assert got.application["granted"]["natural_person"] is None
        assert [f.detail for f in got.issues if f.rule == "garbled_cells"] == [
            f"section 三: granted has cells that are not numbers ({_granted(rep)}¹); those cells are NULL"]


# ---- DOCX -----------------------------------------------------------------------------------

@settings(max_examples=12, deadline=None)
@given(seed=seeds, template=st.sampled_from(spec.TEMPLATES))
def test_generated_docx_parses_back_exactly(seed, template):
    rng = random.Random(seed)
    rep = random_report(rng, template)
    raw = render_docx(rep, rng)
    assert sniff(raw) == "zip"
    got = parse_bytes(raw, "report.bin").to_json()
    assert _cells(got) == expected_json(rep)
    assert (got["agency_name"], got["report_year"], got["template_version"]) == (rep.agency, rep.year, template)
    assert [i for i in got["issues"] if i["severity"] != "info"] == []


# ---- one raw directory, every format ----------------------------------------------------------

def test_mixed_raw_directory_ingests_in_one_run(tmp_path):
    raw, wh = tmp_path / "raw", tmp_path / "w.duckdb"
    raw.mkdir()
    for pdf in REAL_PDFS:
        (raw / pdf.name).write_bytes(pdf.read_bytes())
    seed_txt = sorted((SHARED / "seeds").glob("*.txt"))[0]
    (raw / seed_txt.name).write_bytes(seed_txt.read_bytes())
    rng = random.Random(11)
    page = random_report(rng, "2021", agency="东湖区人民政府")
    (raw / "donghu.html").write_bytes(render_html(page, rng))
    word = random_report(rng, "2019", agency="温县人民政府")
    (raw / "wenxian.docx").write_bytes(render_docx(word, rng))
    (raw / "pingtan.doc").write_bytes((SHARED / "conv" / "pt_6h_lodoc.doc").read_bytes())
    (raw / "scan.pdf").write_bytes(_scan_pdf())

    assert run_ingest(raw, wh).summary.loaded == 7
    con = duckdb.connect(str(wh), read_only=True)
    try:
        assert con.execute("SELECT source_file, reason FROM quarantine").fetchall() == [("scan.pdf", "ocr_no_text")]
        loaded = {f for (f,) in con.execute("SELECT source_file FROM dim_report").fetchall()}
        methods = dict(con.execute("SELECT source_file, read_method FROM dim_report").fetchall())
        html_total = con.execute(
            "SELECT count FROM fact_application JOIN dim_report USING (report_id) WHERE source_file = "
            "'donghu.html' AND item = 'received_new' AND applicant_type = 'total'").fetchone()[0]
    finally:
        con.close()
    assert loaded == {p.name for p in raw.iterdir()} - {"scan.pdf"}
    assert methods == {**{name: "pdf" for name in loaded if name.endswith(".pdf")}, seed_txt.name: "text",
                       "donghu.html": "html", "wenxian.docx": "docx", "pingtan.doc": "doc"}
    assert html_total == page.application["received_new"]["total"]


def _python_docx_text(raw: bytes) -> str:
    """The reference: the text python-docx's own API gives, paragraphs and cells in body order."""
    import docx as python_docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from pipeline.parsing.formats.grid import MergedDown, grid_lines

    def grid(table: Table) -> list[list[str | None]]:
        rows, merged = [], MergedDown()
        for tr in table._tbl.tr_lst:
            row: list[str | None] = [None] * tr.grid_before
            for tc in tr.tc_lst:
                if tc.vMerge == "continue":
                    text = merged.below(len(row))
                else:
                    merged.origin(len(row), text := "\n".join(Paragraph(p, table).text for p in tc.p_lst))
                row += [text] + [None] * (tc.grid_span - 1)
            rows.append(row)
        return rows
    document = python_docx.Document(io.BytesIO(raw))
    return "\n".join(line for block in document.iter_inner_content()
                     for line in (grid_lines(grid(block)) if isinstance(block, Table) else [block.text]))


def _awkward_docx() -> bytes:
    """What Word writes beyond the generator's tables: tabs, line, page and column breaks, a
    non-breaking hyphen, a hyperlink, a row starting after a gridBefore, a vertical merge whose
    continuation has no w:val, and a table nested in a cell."""
    import docx as python_docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = python_docx.Document()
    p = document.add_paragraph("一、总体情况\t2023年")
    p.add_run().add_break()
    p.add_run("续行")
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:br w:type="page"/><w:t>分页</w:t><w:noBreakHyphen/>'
                          f'<w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/><w:cr/></w:r>'))
    p._p.append(parse_xml(f'<w:hyperlink {nsdecls("w")}><w:r><w:t>链接</w:t></w:r></w:hyperlink>'))
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"{r}{c}" if c else ["本年收到申请数量", "予以公开", "结转下年度继续办理"][r]
    table.cell(0, 1).merge(table.cell(1, 1))
    tc = table.rows[1]._tr.tc_lst[1]
    tc.tcPr.find(f"{{{tc.nsmap['w']}}}vMerge").attrib.clear()
    trPr = table.rows[2]._tr.get_or_add_trPr()
    trPr.append(parse_xml(f'<w:gridBefore {nsdecls("w")} w:val="1"/>'))
    table.rows[2]._tr.remove(table.rows[2]._tr.tc_lst[0])
    table.cell(0, 2).add_table(rows=1, cols=2).cell(0, 0).text = "嵌套"
    document.add_paragraph("二、主动公开政府信息情况")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_the_docx_reader_gives_the_text_python_docx_gives():
    from pipeline.parsing.formats import docx as reader

    for raw in (_awkward_docx(), render_docx(random_report(random.Random(3), "2021"), random.Random(3))):
        assert reader.to_text(raw) == _python_docx_text(raw)


def test_docx_cells_merged_down_and_cut_into_paragraphs_read_as_a_web_page_s():
    """LibreOffice saves a page's rowspan as vMerge and a cell's <p>s as paragraphs: a value merged
    down over unknown cells leaves them blank (the values after them keep their columns), a label
    merged down is read once, and `1` / `.本机关…` is one label, as HTML reads them."""
    import docx as python_docx

    from pipeline.parsing.formats import docx as reader

    document = python_docx.Document()
    table = document.add_table(rows=3, cols=4)
    for r, values in enumerate((["0", "1", "2"], ["", "3", "4"], ["", "5", "6"])):
        for c, v in enumerate(values, 1):
            table.cell(r, c).text = v
    table.cell(0, 0).text = "（四）无法提供"
    table.cell(0, 0).merge(table.cell(2, 0))
    table.cell(0, 1).merge(table.cell(1, 1))
    table.cell(2, 1).text = "1"
    table.cell(2, 1).add_paragraph(".本机关")
    out = io.BytesIO()
    document.save(out)
    assert reader.to_text(out.getvalue()).split("\n") == ["(四)无法提供\t0\t1\t2", "/\t3\t4", "1.本机关\t5\t6"]


def test_runs_word_wraps_in_smart_tags_content_controls_and_insertions_are_read():
    """python-docx reads a paragraph's direct runs only, and would lose these cells' digits."""
    import docx as python_docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from pipeline.parsing.formats import docx as reader

    w = nsdecls("w")
    document = python_docx.Document()
    table = document.add_table(rows=1, cols=3)
    label, tagged, changed = table.rows[0].cells
    label.text = "本年新收政府信息公开申请数量"
    tagged.paragraphs[0]._p.append(parse_xml(
        f'<w:smartTag {w} w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chmetcnv">'
        f'<w:smartTagPr><w:attr w:name="UnitName" w:val="件"/></w:smartTagPr><w:r><w:t>12</w:t></w:r></w:smartTag>'))
    changed.paragraphs[0]._p.append(parse_xml(
        f'<w:del {w} w:id="1" w:author="a"><w:r><w:delText>8</w:delText></w:r></w:del>'))
    changed.paragraphs[0]._p.append(parse_xml(f'<w:ins {w} w:id="2" w:author="a"><w:r><w:t>9</w:t></w:r></w:ins>'))
    document.element.body.insert(0, parse_xml(
        f'<w:sdt {w}><w:sdtPr><w:alias w:val="标题"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>某县人民政府</w:t></w:r>'
        f'<w:sdt><w:sdtContent><w:r><w:t>2023年政府信息公开工作年度报告</w:t></w:r></w:sdtContent></w:sdt>'
        f'</w:p></w:sdtContent></w:sdt>'))
    out = io.BytesIO()
    document.save(out)
    assert reader.to_text(out.getvalue()).splitlines() == [
        "某县人民政府2023年政府信息公开工作年度报告", "本年新收政府信息公开申请数量\t12\t9"]
    assert "12" not in _python_docx_text(out.getvalue())


def _mht(page: bytes, charset: str) -> bytes:
    """A web page archive as Word saves one ("single file web page"): MIME, the page quoted-printable."""
    import quopri

    return (b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_NextPart_01"\r\n\r\n'
            b"------=_NextPart_01\r\nContent-Location: file:///C:/report.htm\r\n"
            b"Content-Transfer-Encoding: quoted-printable\r\n"
            b'Content-Type: text/html; charset="' + charset.encode() + b'"\r\n\r\n'
            + quopri.encodestring(page) + b"\r\n------=_NextPart_01--\r\n")


@pytest.mark.parametrize("charset", ["utf-8", "gb2312"])
def test_a_web_page_archive_named_doc_reads_as_its_page(charset):
    """MHTML under a .doc name: read as markup, its quoted-printable page showed no Chinese
    (`=E5=B9=B4`) and the report was not_a_report."""
    page = (SHARED / "real2" / "pt_6h.html").read_text(encoding="utf-8").replace('charset="UTF-8"', f'charset="{charset}"')
    archive = _mht(page.encode("gb18030" if charset == "gb2312" else charset), charset)
    got, want = parse_bytes(archive, "report.doc").to_json(), parse_bytes(page.encode(), "report.doc").to_json()
    got.pop("source"), want.pop("source")
    assert got == want
    assert sum(1 for _, v in flatten(_cells(got)) if v is not None) > 100
    assert sniff(archive) == "mht"
