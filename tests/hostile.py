"""Hostile files: small inputs that made a reader expand without bound (issue 22's red team).

One generator per class; each returns the file's bytes, a few KB (the inflation bomb a few MB), so
the corpus is built when the tests run and nothing big is kept on disk. The sizes are parameters:
the defaults are the red team's (or enough to exceed any sane cap); a test may pass smaller ones.
`big_valid_docx` / `big_valid_html` are the other side: large but legitimate tables that the caps
must still let through.
"""
from __future__ import annotations

import io
import struct
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


def docx_many_paragraphs(paragraphs: int = 300_000) -> bytes:
    """A DOCX within every cap of the reader (word/document.xml ~53 MiB, under 64 MiB; 900k elements,
    under MAX_ELEMENTS) whose XML tree still takes ~250 MiB: paragraphs of a short run of text."""
    head, tail = _document("").split(b"</w:body>")
    para = b"<w:p><w:r><w:t>" + "政府信息公开".encode() * 8 + b"</w:t></w:r></w:p>"
    return _docx(head + para * paragraphs + b"</w:body>" + tail)


def docx_zip_version(version: int = 0xFF) -> bytes:
    """A DOCX whose ZIP directory says its parts need ZIP version `version` / 10 to extract."""
    raw = bytearray(_docx(_document("<w:p/>")))
    at = raw.find(b"PK\x01\x02")
    while at >= 0:
        raw[at + 6] = version                   # central directory: version needed to extract
        at = raw.find(b"PK\x01\x02", at + 4)
    return bytes(raw)


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

def _pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF of these objects (numbered from 1; object 1 the catalog) with a correct xref table;
    `trailer`: more entries of the trailer dictionary."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref)
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


def pdf_many_chars(chars: int = 2_000_000) -> bytes:
    """Class: PDF glyph bomb. One page draws `chars` characters in 0.1 pt type, lines of 1,000
    (~5 KB compressed at the default): a reader asks pdfium several things of each."""
    line = b"(" + b"1" * 1000 + b") Tj T* "
    return _one_page(_text() + b"BT /F1 0.1 Tf 0.1 TL 10 800 Td " + line * (chars // 1000) + b"ET")


def pdf_content_bomb(inflated: int = 300 << 20) -> bytes:
    """Class: PDF content inflation. A page's second content stream inflates to `inflated` bytes of
    no-op operators (~600 KB deflated at the default): pdfium parses all of it as it loads the page."""
    chunk = b"1 0 0 1 0 0 cm\n" * (1 << 16)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(chunk) for _ in range(max(inflated // len(chunk), 1))) + packer.flush()
    bomb = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    doc = _one_page(_text(), more=[bomb])
    return doc.replace(b"/Contents 4 0 R", b"/Contents [4 0 R 5 0 R]")


def _pages(n: int, resources: bytes, content: bytes, size: tuple[float, float] = (595, 842),
           more: list[bytes] | None = None) -> bytes:
    """n pages sharing one content stream (object 3) and these resources; `more` objects from n + 4 on."""
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(n))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %g %g] /Contents 3 0 R /Resources << %s >> >>" % (
        *size, resources)
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n),
                 _stream(content), *[page] * n, *(more or [])])


def pdf_pages(n: int = 20_000) -> bytes:
    """Class: PDF page bomb. `n` pages of a few lines each, sharing one content stream (~4 MB at
    the default): each page is loaded and walked."""
    return _pages(n, b"/Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >>", _text(3))


def pdf_scan(pages: int = 1, size: tuple[float, float] = (595, 842), ink: int = 255, spaces: int = 0) -> bytes:
    """An image-only PDF: `pages` pages of `size` pt, each filled by one 8 x 8 px grey image of this
    `ink` (255: white, a blank page); `spaces` lines of 80 drawn spaces over it (a text layer of
    nothing)."""
    w, h = size
    image = _stream(bytes([ink]) * 64, b" /Type /XObject /Subtype /Image /Width 8 /Height 8 "
                    b"/ColorSpace /DeviceGray /BitsPerComponent 8")
    layer = b"".join(b"BT /F1 10 Tf 40 %d Td (%s) Tj ET\n" % (800 - 12 * i, b" " * 80) for i in range(spaces))
    return _pages(pages, b"/XObject << /Im0 %d 0 R >> /Font << /F1 << /Type /Font /Subtype /Type1 "
                  b"/BaseFont /Helvetica >> >>" % (pages + 4), b"q %g 0 0 %g 0 0 cm /Im0 Do Q\n" % (w, h) + layer,
                  size, [image])


def pdf_no_pages() -> bytes:
    """A PDF whose page tree is empty."""
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])


def pdf_damaged_title() -> bytes:
    """A PDF whose /Title is UTF-16 with a lone surrogate (as a damaged file's may be)."""
    doc = _one_page(_text(), more=[b"<< /Title <FEFFD8000041> >>"])
    return doc.replace(b"/Root 1 0 R", b"/Root 1 0 R /Info 5 0 R")


def pdf_encrypted() -> bytes:
    """A PDF under the standard security handler (40-bit RC4) whose user password is not empty:
    its /U is no empty password's (the content is never decrypted: opening fails first)."""
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <%s> /U <%s> >>" % (b"ab" * 32, b"cd" * 32)
    doc = _one_page(_text(), more=[encrypt])
    return doc.replace(b"/Root 1 0 R", b"/Root 1 0 R /Encrypt 5 0 R /ID [<%s> <%s>]" % (b"01" * 16, b"01" * 16))


# ---- Word 97-2003 -------------------------------------------------------------------------------

def doc_fat_loop(doc: bytes) -> bytes:
    """Class: OLE sector loop. A .doc whose WordDocument stream's chain of sectors runs back to its
    first sector after two: a reader that follows the chain for the stream's stated size reads
    those sectors over and over as its text."""
    import olefile

    ole = olefile.OleFileIO(doc)
    start = ole.direntries[ole._find("WordDocument")].isectStart
    third = ole.fat[ole.fat[start]]
    fat_sector = struct.unpack_from("<109I", doc, 0x4C)[third // 128]     # the header's DIFAT
    out = bytearray(doc)
    struct.pack_into("<I", out, 512 * (fat_sector + 1) + 4 * (third % 128), start)
    return bytes(out)


def doc_directory_loop(doc: bytes) -> bytes:
    """Class: OLE directory loop. A .doc whose directory's chain of sectors runs back to its first:
    olefile reads on past the damage, and lists entries twice or not at all."""
    import olefile

    first = olefile.OleFileIO(doc).first_dir_sector
    fat_sector = struct.unpack_from("<109I", doc, 0x4C)[first // 128]
    out = bytearray(doc)
    struct.pack_into("<I", out, 512 * (fat_sector + 1) + 4 * (first % 128), first)
    return bytes(out)


def rtf_named_doc() -> bytes:
    """An RTF document (as a .doc or .wps saved as RTF is): ASCII markup, the text escaped."""
    title = "".join(f"\\u{ord(c)}?" for c in "某某市2023年政府信息公开工作年度报告")
    return ("{\\rtf1\\ansi\\ansicpg936{\\fonttbl{\\f0 SimSun;}}\\f0 " + title + "\\par}").encode("ascii")


# ---- DOCX, XML ----------------------------------------------------------------------------------

def docx_laughs(levels: int = 9) -> bytes:
    """Class: XML entity expansion (billion laughs): entities of ten of the one before, `levels`
    deep, in a document type declaration (which Word never writes)."""
    entities = '<!ENTITY e0 "lol">' + "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, levels + 1))
    return _docx(f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'.encode()
                 + _document(f"<w:p><w:r><w:t>&e{levels};</w:t></w:r></w:p>"))


def docx_nested(depth: int = 1_000_000) -> bytes:
    """Class: XML nesting bomb: `depth` custom XML elements each inside the one before."""
    return _docx(_document("<w:customXml>" * depth + "</w:customXml>" * depth))


def docx_paragraphs(count: int) -> bytes:
    """`count` empty paragraphs (the inflation bomb's markup, uncompressed in size)."""
    return _docx(_document("<w:p/>" * count))


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
