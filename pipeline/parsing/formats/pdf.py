"""PDF with a text layer -> text: ruled tables cell by cell, the rest as lines.

Two readers. The fast one (pdf_fast.py, on pdfium: ruled tables cell by cell, or a page by its
glyphs' positions where its tables' glyphs cannot each be placed in one cell) is tried first; this
module's pdfplumber reader, ~20x slower (pdfminer is pure Python), reads only the files the fast
one turns down: a rotated page, a file pdfium cannot open, and scans; its errors then say why a
file cannot be read.

Table cells come out of the ruling, not out of the glyphs' baselines, so a value centred in a tall
cell stays on its label's row (a plain text dump puts it a line above or below, where it reads as
the neighbouring row's). Text outside the tables is written line by line; both are merged in
reading order by their position on the page, after the document's title (titles.py). Overprinted glyphs (fake bold) are removed first, or
"1" would read as "11".
"""
from __future__ import annotations

import io

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdftypes import resolve1
from pdfminer.utils import decode_text
from pdfplumber.table import merge_edges
from pdfplumber.utils import filter_edges

from ..errors import ParseError
from ..flags import Flag
from . import pdf_fast, pdf_forms
from .grid import grid_lines
from .running import without_running
from .titles import with_title

MIN_CHARS_PER_PAGE = 20     # fewer on average: a scan (perhaps with a stamped page number)


def _inside(obj: dict, boxes: list[tuple]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _check_rulings(page) -> None:
    """The fast reader's cap on rulings, counted as pdfplumber's table finder merges them (of the
    horizontal and vertical edges only: a browser's slanted strokes have no orientation)."""
    t = pdf_fast.TOLERANCE
    straight = [e for e in filter_edges(page.edges, min_length=1) if e["orientation"] in ("h", "v")]
    edges = filter_edges(merge_edges(straight, t, t, t, t), min_length=pdf_fast.MIN_EDGE)
    vertical = sum(e["orientation"] == "v" for e in edges)
    pdf_fast.check_rulings(len(edges) - vertical, vertical)


def _drawn(page) -> int:
    """The page's characters other than spaces (as pdf_fast counts them), capped as there."""
    pdf_fast.check_chars(len(page.chars))
    return sum(not c["text"].isspace() for c in page.chars)


def _page_lines(page) -> list[str]:
    page = page.dedupe_chars()
    _check_rulings(page)
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    prose = page.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes))
    placed = [(line["top"], line["text"]) for line in prose.extract_text_lines()]
    for table in tables:
        placed += [(row.bbox[1], line) for row, line in zip(table.rows, grid_lines(table.extract()))]
    placed.sort(key=lambda item: item[0])
    return [line for _, line in placed if line]


def _title(doc) -> str | None:
    """The document's /Title, as pdfium reads it: UTF-16 by either byte order mark (WPS writes it
    little-endian, which pdfplumber's metadata and pdfminer's decode_text misread), else PDFDocEncoding."""
    for info in doc.doc.info:
        value = resolve1(info.get("Title"))
        if isinstance(value, bytes):
            return value.decode("utf-16", "replace") if value[:2] in (b"\xfe\xff", b"\xff\xfe") else decode_text(value)
    return None


def to_text(raw: bytes) -> str:
    return read(raw)[0]


def read(raw: bytes) -> tuple[str, list[Flag]]:
    """The text, and a flag for each page whose table runs past the paper's edge (pdf_fast's
    _past_edge): cells past it are not in the file, and read as NULL."""
    pdf_forms.check(raw)
    fast = pdf_fast.read(raw, MIN_CHARS_PER_PAGE)
    if fast is None:
        return plumber_text(raw), []
    return fast.text, [Flag("table_past_page_edge", f"page {page}: a table runs past the paper's edge ({side}): the "
                            "page was laid out wider than the paper, and its columns past the edge are not in the "
                            "file; their cells are NULL") for page, side in fast.cut]


def plumber_text(raw: bytes) -> str:
    try:
        with pdfplumber.open(io.BytesIO(raw)) as doc:
            pages = doc.pages
            if not pages:
                raise ParseError("corrupt_pdf", "the PDF has no pages")
            pdf_fast.check_pages(len(pages))
            chars = sum(_drawn(page) for page in pages)
            if chars < MIN_CHARS_PER_PAGE * len(pages):
                raise ParseError("no_text_layer", f"the PDF has {len(pages)} page(s) but {chars} characters "
                                 "of text: a scan without a text layer (OCR is not supported)")
            text = "\n".join(without_running([_page_lines(page) for page in pages]))
            return with_title(text, _title(doc))
    except ParseError:
        raise
    except Exception as exc:    # pdfminer raises many kinds of errors on a damaged file
        if isinstance(exc, PDFPasswordIncorrect) or isinstance(exc.__context__, PDFPasswordIncorrect):
            raise ParseError("encrypted_pdf", "the PDF is protected by a password; ask the publisher for a "
                             "copy without one") from None
        raise ParseError("corrupt_pdf", f"the PDF cannot be read ({type(exc).__name__}: {exc}): damaged or "
                         "cut short; download it again") from None
