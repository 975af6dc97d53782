"""Generated PDF reports, as a word processor exports them: the prose in paragraphs and the three
tables ruled cell by cell (spans as merged cells, the vertical 三、本年度办理结果 one character per
line), in a CJK font. Written with reportlab's built-in STSong-Light (no font file needed);
`rotated` puts the same pages on portrait sheets turned a quarter (/Rotate 90), as landscape
pages often come out of scanners' and printers' PDF drivers.
"""
from __future__ import annotations

import io
import random
from html import escape

import pypdfium2 as pdfium
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

from pipeline.parsing.formats.grid import span_origins

from .synth import SynthReport, _closing, _opening, _signed_on, _title, table_spans

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
_BODY = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=18, wordWrap="CJK")
_TITLE = ParagraphStyle("title", parent=_BODY, fontSize=16, leading=26, alignment=1)
_CELL = ParagraphStyle("cell", fontName=FONT, fontSize=7, leading=9, wordWrap="CJK")


# label columns of the tables table_spans gives (主动公开, 依申请, 复议诉讼); value columns share the rest
LABEL_WIDTHS = ([150], [24, 56, 130], [])


def _table(rows, labels: list[float], room: float, said=escape) -> Table:
    placed = span_origins(rows)
    width = max(c + span[2] for _, c, span in placed)
    data: list[list] = [[""] * width for _ in rows]
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    for r, c, (text, rowspan, colspan) in placed:
        data[r][c] = Paragraph(said(text), _CELL) if text else ""
        if rowspan > 1 or colspan > 1:
            style.append(("SPAN", (c, r), (c + colspan - 1, r + rowspan - 1)))
    values = (room - sum(labels)) / (width - len(labels))
    return Table(data, colWidths=[*labels, *[values] * (width - len(labels))], style=TableStyle(style))


def render_pdf(rep: SynthReport, rng: random.Random, rotated: bool = False,
               to_unicode: dict[str, str] | None = None, running: str | None = None) -> bytes:
    """The report as a PDF: a page of prose, each table on a page of its own, the closing.
    `to_unicode` maps characters as a font's ToUnicode table does that says 民 is the radical ⺠:
    the page shows the same glyph, its text layer the other character. `running` is a header
    drawn atop every page (with a footer 第 N 页 共 M 页), as Word's and WPS's page styles have."""
    table = str.maketrans(to_unicode or {})

    def said(text: str) -> str:
        return escape(text.translate(table))

    size = landscape(A4) if rotated else A4
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=size, leftMargin=50, rightMargin=50, topMargin=60, bottomMargin=60)
    story: list = [Paragraph(said(_title(rep)), _TITLE)]
    story += [Paragraph(said(line), _BODY) for line in _opening(rep, rng)]
    for (heading, rows), labels in zip(table_spans(rep), LABEL_WIDTHS):
        story += [PageBreak(), Paragraph(said(heading), _BODY), _table(rows, labels, size[0] - 100, said)]
    story += [Paragraph(said(line), _BODY) for line in (*_closing(rep), rep.agency, _signed_on(rep, rng))]
    doc.build(story, onFirstPage=_running(running), onLaterPages=_running(running))
    return _turned(out.getvalue()) if rotated else out.getvalue()


def _running(header: str | None):
    def draw(canvas, doc) -> None:
        if header:
            width, height = doc.pagesize
            canvas.setFont(FONT, 9)
            canvas.drawCentredString(width / 2, height - 35, header)
            canvas.drawCentredString(width / 2, 30, f"第 {doc.page} 页 共 4 页")
    return draw


def _turned(raw: bytes) -> bytes:
    """Each landscape page drawn turned onto a portrait sheet that is shown turned back (/Rotate 90)."""
    src = pdfium.PdfDocument(raw)
    dest = pdfium.PdfDocument.new()
    for i in range(len(src)):
        width, height = src[i].get_size()
        page = dest.new_page(height, width)
        form = src.page_as_xobject(i, dest).as_pageobject()
        form.set_matrix(pdfium.PdfMatrix().rotate(90, ccw=True).translate(height, 0))
        page.insert_obj(form)
        page.gen_content()
        page.set_rotation(90)
    out = io.BytesIO()
    dest.save(out)
    return out.getvalue()
