"""Published formats -> plain text that the one token parser reads.

The format is told from the content (magic bytes, markup), never from the file name. Each
extractor writes the narrative as lines and every table row as one TAB-separated line (grid.py),
so PDF, HTML, DOCX and DOC share the parser of plain text. Plain text gives None: it is decoded as is.
"""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import ParseError
from ..flags import Flag
from . import doc, docx, html, markdown, mht, pdf

if TYPE_CHECKING:
    from .ocr import Scan

READ_METHODS = {"pdf": "pdf", "zip": "docx", "ole": "doc", "mht": "html", "html": "html", "text": "text"}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"       # legacy .doc / .wps (and .xls / .ppt, refused)
_HTML = re.compile(rb"<(?:!doctype\s+html|html|body|table)\b", re.IGNORECASE)
_MHT = re.compile(rb"^content-type:\s*multipart/related", re.IGNORECASE | re.MULTILINE)    # MHTML's header


def sniff(raw: bytes) -> str:
    """pdf | zip | ole | rtf | mht | html | text"""
    if b"%PDF-" in raw[:1024]:            # the header may follow a little junk
        return "pdf"
    if raw[:64].lstrip()[:5] == b"{\\rtf":     # a .doc or .wps that Word or WPS saved as RTF
        return "rtf"
    if raw.startswith(b"PK\x03\x04"):
        return "zip"
    if raw.startswith(_OLE):
        return "ole"
    if _MHT.search(raw[:4096]):                 # before html: its page is in it, encoded
        return "mht"
    if _HTML.search(raw[:65536].replace(b"\x00", b"")):      # NULs out: UTF-16 markup reads as ASCII
        return "html"
    return "text"


def _docx_text(raw: bytes) -> str:
    try:
        names = zipfile.ZipFile(io.BytesIO(raw)).namelist()
    except Exception as exc:        # zipfile raises many kinds on a damaged directory (a bad version, name)
        raise ParseError("corrupt_docx", f"a ZIP archive (as a .docx is) that cannot be read: {exc}") from None
    if "word/document.xml" not in names:
        raise ParseError("unsupported_format", "a ZIP archive that is not a Word document (no word/document.xml)")
    return docx.to_text(raw)


def to_text(raw: bytes) -> str | None:
    """The document as text, or None when it is plain text already."""
    return _read(raw)[0]


def _read(raw: bytes) -> tuple[str | None, list[Flag]]:
    """to_text, and what the reader found of the layout that the text cannot show (a PDF's
    table past the paper's edge)."""
    kind = sniff(raw)
    if kind == "pdf":
        return pdf.read(raw)
    if kind == "zip":
        return _docx_text(raw), []
    if kind == "ole":
        return doc.to_text(raw), []
    if kind == "rtf":
        raise ParseError("unsupported_format", "an RTF document (whatever its file name says), which is not "
                         "read: open it in Word or WPS and save it as .docx or PDF")
    if kind in ("mht", "html"):
        page = html.decode_page(mht.page(raw) if kind == "mht" else raw)
        if markdown.is_markdown_page(page):     # pandoc's Markdown with tables in HTML
            return markdown.to_text(markdown.with_html_tables(page, html.to_text)), []
        return html.to_text(page), []
    return None, []


@dataclass
class Extracted:
    text: str | None            # None: plain text, decoded as is
    method: str                 # READ_METHODS, or "ocr"
    scan: Scan | None = None
    flags: list[Flag] = field(default_factory=list)     # the reader's (_read)


def extract(raw: bytes, on_page: Callable[[], None] | None = None) -> Extracted:
    """The document's text and how it was read. A PDF without a text layer is read by OCR
    (ocr.py, imported only then: the engine is large and slow to load)."""
    try:
        text, flags = _read(raw)
        return Extracted(text, READ_METHODS[sniff(raw)], flags=flags)
    except ParseError as exc:
        if exc.reason != "no_text_layer":
            raise
    from .ocr import read_scan

    scan = read_scan(raw, on_page)
    return Extracted(scan.text, "ocr", scan)
