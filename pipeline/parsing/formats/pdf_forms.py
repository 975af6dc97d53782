"""Page content that expands without bound, refused before pdfium parses a page: form XObjects,
and content streams that inflate past MAX_CONTENT.

pdfium expands a form XObject each time a content stream draws it (`/Name Do`), nesting up to 40
levels: a form that draws itself twice, or a chain of forms each drawing the next twice, makes it
parse 2^40 objects when the page loads, allocating inside C until the process dies. So the forms a
page draws are counted first on pdfminer's object graph: resources and the `Do` operators of the
content streams, without parsing any drawing. A form reached again while it is being expanded (a
cycle) expands without bound.
"""
from __future__ import annotations

import io
import re
import zlib
from collections import Counter
from itertools import islice

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1

from ..errors import ParseError
from .pdf_fast import MAX_PAGES  # pages past it are refused, never loaded: not walked here either

# Form XObjects a page may draw, counting each nested draw. Word and WPS draw none or a few per
# page (a logo, a stamp, a watermark); charts exported from Excel a few dozen.
MAX_FORM_DRAWS = 10_000
# Bytes a page's content streams (or a form's) inflate to, at most: pdfium parses a page's whole
# content when it loads the page (300 MB of no-op operators, 580 KB deflated, took 20 s and 700 MB;
# 30 MB of glyphs, 3.4 GB before pdf_fast could count them). The most in the samples is 45 KB (a
# table printed from Chrome); a vector chart takes a few MB.
MAX_CONTENT = 8 << 20
_DO = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*Do\b")


def _too_many(page: int) -> ParseError:
    return ParseError("too_complex", f"page {page} draws form XObjects nested in themselves or more than "
                      f"{MAX_FORM_DRAWS:,} times over: pdfium would expand them without bound")


class _Page:
    """The form draws of one page, each form's count memoised by object id."""

    def __init__(self, number: int):
        self.number = number
        self.expanding: set[int] = set()
        self.memo: dict[int, int] = {}

    def draws(self, content: bytes, resources) -> int:
        """Form draws of a content stream, those of the forms it draws included."""
        xobjects = resolve1((resolve1(resources) or {}).get("XObject")) or {}
        total = 0
        for name, times in Counter(_DO.findall(content)).items():
            ref = xobjects.get(name.decode("latin-1"))
            form = resolve1(ref)
            if not isinstance(form, PDFStream) or getattr(resolve1(form.get("Subtype")), "name", None) != "Form":
                continue
            total += times * (1 + self._form(getattr(ref, "objid", id(form)), form))
            if total > MAX_FORM_DRAWS:
                raise _too_many(self.number)
        return total

    def _form(self, objid: int, form: PDFStream) -> int:
        if objid in self.memo:
            return self.memo[objid]
        if objid in self.expanding:
            raise _too_many(self.number)
        self.expanding.add(objid)
        self.memo[objid] = self.draws(_inflated([form], self.number), form.get("Resources"))
        self.expanding.discard(objid)
        return self.memo[objid]


def _inflated(streams: list, page: int) -> bytes:
    """The streams' data, inflated through a bounded read (MAX_CONTENT in all): pdfminer's
    get_data inflates a stream whole. Filters other than one FlateDecode (rare in content) are
    left to pdfminer."""
    out = []
    left = MAX_CONTENT
    for stream in streams:
        if not isinstance(stream, PDFStream):
            continue
        filters = [f for f, _ in stream.get_filters()]
        if filters and (len(filters) > 1 or filters[0] not in LITERALS_FLATE_DECODE):
            data = stream.get_data()
        else:
            data = stream.rawdata
            if stream.decipher:
                data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
            try:
                data = zlib.decompressobj().decompress(data, left + 1) if filters else data
            except zlib.error:          # damaged: pdfminer inflates what it can
                data = stream.get_data()
        left -= len(data)
        if left < 0:
            raise ParseError("too_complex", f"page {page}'s drawing inflates to more than {MAX_CONTENT >> 20} MiB "
                             "of content: a compression bomb, not a report")
        out.append(data)
    return b"\n".join(out)


def check(raw: bytes) -> None:
    """ParseError `too_complex` when a page's content inflates past MAX_CONTENT or its form
    XObjects expand without bound. A file pdfminer cannot walk is let through: pdfium may still
    read it, and the parse's time and memory budget stops what this cannot see."""
    try:
        doc = PDFDocument(PDFParser(io.BytesIO(raw)))
        for number, page in enumerate(islice(PDFPage.create_pages(doc), MAX_PAGES), 1):
            streams = page.contents if isinstance(page.contents, list) else [page.contents]
            content = _inflated(list(map(resolve1, streams)), number)
            if resolve1((resolve1(page.resources) or {}).get("XObject")):
                _Page(number).draws(content, page.resources)
    except ParseError:
        raise
    except Exception:       # pdfminer raises many kinds of errors on a damaged file
        return
