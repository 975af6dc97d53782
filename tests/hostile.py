"""Hostile files: small inputs that made a reader expand without bound (issue 22's red team).

One generator per class; each returns the file's bytes, a few KB (the inflation bomb a few MB), so
the corpus is built when the tests run and nothing big is kept on disk. The sizes are parameters:
the defaults are the red team's (or enough to exceed any sane cap); a test may pass smaller ones.
`big_valid_docx` / `big_valid_html` are the other side: large but legitimate tables that the caps
must still let through.
"""
from __future__ import annotations

import io
import zipfile
import zlib

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>")


def _docx(document_xml: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("word/document.xml", document_xml)
    return out.getvalue()


def _document(body: str) -> bytes:
    return f'<w:document xmlns:w="{_W_NS}"><w:body>{body}</w:body></w:document>'.encode()


def _cell(text: str, span: int = 1) -> str:
    props = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span > 1 else ""
    return f"<w:tc>{props}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


# ---- DOCX ---------------------------------------------------------------------------------------

def docx_grid_span(span: int = 100_000_000, cells: int = 3) -> bytes:
    """Class: DOCX span bomb. Each table cell spans `span` grid columns (w:gridSpan), so a reader
    that lays the row out position by position allocates cells x span slots (~300 bytes on disk)."""
    row = "<w:tr>" + "".join(_cell(str(i), span) for i in range(cells)) + "</w:tr>"
    return _docx(_document(f"<w:tbl>{row}</w:tbl>"))


def docx_inflation(inflated: int = 2 << 30) -> bytes:
    """Class: DOCX inflation bomb. word/document.xml inflates to about `inflated` bytes (default
    2 GiB) of empty paragraphs, from ~2 MB in the archive: deflate packs repeated text ~1000:1,
    and the file-size limit counts the compressed bytes."""
    head, tail = _document("").split(b"</w:body>")
    chunk = b"<w:p/>" * (1 << 20)                      # 6 MiB of markup per write
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        info = zipfile.ZipInfo("word/document.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w", force_zip64=True) as f:
            f.write(head)
            for _ in range(max(inflated // len(chunk), 1)):
                f.write(chunk)
            f.write(b"</w:body>" + tail)
    return out.getvalue()


def big_valid_docx(rows: int = 2000, columns: int = 12) -> bytes:
    """Not hostile: a long plain table (rows x columns cells, no spans), bigger than any real
    report's, that every cap must let through."""
    body = "".join("<w:tr>" + "".join(_cell(f"{r}-{c}" if c == 0 else str(r + c)) for c in range(columns))
                   + "</w:tr>" for r in range(rows))
    return _docx(_document(f"<w:tbl>{body}</w:tbl>"))


# ---- HTML ---------------------------------------------------------------------------------------

def html_span_area(rows: int = 600, span: int = 1000) -> str:
    """Class: HTML span area bomb. A table of rowspan=`span` colspan=`span` cells, a row of two per
    <tr> (~50 KB): within the per-direction span cap, but the grid laid out is rows x span x span."""
    row = f'<tr><td rowspan="{span}" colspan="{span}">1</td><td rowspan="{span}" colspan="{span}">2</td></tr>'
    return f"<html><body><table>{row * rows}</table></body></html>"


def big_valid_html(rows: int = 2000, columns: int = 12) -> str:
    """Not hostile: a long table with the spans real reports use (a label spanning a few rows)."""
    body = []
    for r in range(rows):
        label = f'<td rowspan="4">组{r // 4}</td>' if r % 4 == 0 else ""
        body.append("<tr>" + label + "".join(f"<td>{r + c}</td>" for c in range(columns)) + "</tr>")
    return f"<html><body><table>{''.join(body)}</table></body></html>"


# ---- PDF ----------------------------------------------------------------------------------------

def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of these objects (numbered from 1; object 1 the catalog) with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"", compress: bool = True) -> bytes:
    if compress:
        data, extra = zlib.compress(data, 9), extra + b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _one_page(content: bytes, resources: bytes = b"", more: list[bytes] | None = None,
              size: tuple[int, int] = (595, 842)) -> bytes:
    """Catalog, pages, one page (A4 unless `size` says) with Helvetica as /F1, its content; `more`
    objects from 5 on."""
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R " % size
        + b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> "
        + resources + b" >> >>",
        _stream(content),
        *(more or []),
    ])


def _text(lines: int = 4) -> bytes:
    """A few lines of Latin text, so the page has a text layer (not a scan)."""
    return b"".join(b"BT /F1 10 Tf 40 %d Td (annual report line %d of the text layer) Tj ET\n"
                    % (800 - 12 * i, i) for i in range(lines))


def pdf_self_form(copies: int = 2) -> bytes:
    """Class: PDF form recursion. The page draws form XObject 5, whose content draws itself
    `copies` times (its /Resources name it): a renderer that follows it draws copies^depth times."""
    draw = b"q 0.5 0 0 0.5 10 10 cm /X Do Q " * copies
    form = _stream(b"0 0 m 100 100 l S " + draw,
                   b" /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /X 5 0 R >> >>",
                   compress=False)
    return _one_page(_text() + b"/X Do", b"/XObject << /X 5 0 R >>", [form])


def pdf_cyclic_forms(copies: int = 2) -> bytes:
    """Class: PDF form recursion through a cycle: form 5 draws form 6 and 6 draws 5, each `copies` times."""
    def form(other: int) -> bytes:
        return _stream(b"0 0 m 50 50 l S " + b"q 0.9 0 0 0.9 1 1 cm /Y Do Q " * copies,
                       b" /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /Y %d 0 R >> >>"
                       % other, compress=False)
    return _one_page(_text() + b"/Y Do", b"/XObject << /Y 5 0 R >>", [form(6), form(5)])


def pdf_form_chain(depth: int = 40, copies: int = 2) -> bytes:
    """Class: PDF form recursion without a cycle: forms 5, 6, ... each draw the next `copies` times,
    `depth` deep (pdfium nests 40 levels), copies^depth draws. Shallow, it is a legitimate page
    (a logo inside a letterhead form)."""
    forms = [_stream(b"0 0 m 50 50 l S " + (b"q 0.9 0 0 0.9 1 1 cm /Z Do Q " * copies if k < depth - 1 else b""),
                     b" /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /Z %d 0 R >> >>"
                     % (6 + k), compress=False) for k in range(depth)]
    return _one_page(_text(6) + b"/Z Do", b"/XObject << /Z 5 0 R >>", forms)


def pdf_ruled_grid(n: int = 300) -> bytes:
    """Class: PDF ruling bomb. The page is ruled as an n x n grid of 4 pt cells (n+1 lines each
    way, ~4 KB compressed) with a digit in some cells: n^2 cells for a table finder."""
    step, end = 4, 40 + 4 * n
    lines = [b"%d %d m %d %d l" % (40, 40 + i * step, end, 40 + i * step) for i in range(n + 1)]
    lines += [b"%d %d m %d %d l" % (40 + i * step, 40, 40 + i * step, end) for i in range(n + 1)]
    digits = b"".join(b"BT /F1 2 Tf %d %d Td (%d) Tj ET\n" % (41 + i * step, 41 + i * step, i % 10)
                      for i in range(0, n, max(n // 40, 1)))
    return _one_page(_text() + b"0.1 w " + b" ".join(lines) + b" S\n" + digits, size=(end + 40, max(end + 40, 842)))


def pdf_many_paths(paths: int = 200_000, segments: int = 2) -> bytes:
    """Class: PDF path bomb. `paths` stroked paths of `segments` short segments each (~500 KB
    compressed at the defaults): a reader that walks every segment does millions of calls."""
    one = b"%d %d m " + b"%d %d l " * (segments - 1) + b"S\n"
    body = b"".join(one % tuple((i * 7 + k) % 500 + 40 for k in range(2 * segments)) for i in range(paths))
    return _one_page(_text() + b"0.1 w " + body)


# ---- text ---------------------------------------------------------------------------------------

def narrative_repeat(times: int = 15_000) -> str:
    """Class: narrative quadratic. One 'sentence' (no full stop) repeating a received-count claim
    `times` times (~0.55 MB in UTF-8 at the default): every claim re-scanned the text before it."""
    return "收到政府信息公开申请1件" * times


def html_many_tables(tables: int = 40_000, cells: int = 20, span: int = 50) -> str:
    """Not refused by any reader: many small tables, each within the per-table caps (20 cells of
    colspan 50: 1,000 grid positions), 16 MiB in all. Reading it is linear but long (40M positions:
    about a minute), so only the per-file time budget stops it."""
    row = f"<td colspan={span}>1</td>" * cells
    return "<html><body>" + f"<table><tr>{row}</tr></table>" * tables + "</body></html>"
