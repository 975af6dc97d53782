"""DOCX -> text: paragraphs and tables in document order, merged cells as spans.

The body is read straight from word/document.xml with lxml, a run's text as python-docx gives it
(w:t, w:tab and w:ptab, w:br of the default textWrapping type and w:cr, w:noBreakHyphen), at a
fraction of its cost: python-docx built an object and ran an XPath query for each of a report's
~6,000 paragraphs. Unlike python-docx's `Paragraph.text`, the runs Word wraps in other elements
are read too: smart tags (Chinese Word marks dates and numbers with units as chsdate and chmetcnv
smart tags, so a cell "5件" may be one), content controls, fields, custom XML and tracked
insertions. Tracked deletions are not text. Paragraphs and tables inside content controls and
custom XML count as the body's.

word/document.xml is inflated through a bounded read (MAX_DOCUMENT_XML): the file-size limit counts
compressed bytes, and deflate packs repeated markup ~1000:1. Its tree is built up to MAX_ELEMENTS
elements, and a document type declaration (entities: the billion laughs), which Word never
writes, is refused before parsing.
"""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

from lxml import etree

from ..decode import as_marker
from ..errors import ParseError
from .grid import Grid, MergedDown, check_positions, grid_lines

# Inflated bytes of word/document.xml read at most. Word writes ~1 KB of XML per table cell or
# paragraph; the largest report in the samples has 0.3 MB. 64 MiB is a 200x margin. lxml's tree
# takes many times the XML (390 MB for 16 MiB), so near the cap the parse's memory budget
# (pipeline/budget.py), not this cap, is what stops a file.
MAX_DOCUMENT_XML = 64 << 20
# Elements of word/document.xml parsed at most, counted as the tree is built: each becomes an lxml
# node (~150 bytes) and is walked in Python, so 64 MiB of empty paragraphs (10 M) took 2 minutes and
# 1.5 GB. A report has ~60,000 (~6,000 paragraphs); a 2,000-row table of 12 columns 250,000.
MAX_ELEMENTS = 1_000_000
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _R = (f"{_W}{t}" for t in ("p", "tbl", "tr", "tc", "r"))
_VAL, _TYPE = f"{_W}val", f"{_W}type"
_RUN_TEXT = {f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}
_T, _BR = f"{_W}t", f"{_W}br"
_VERT_ALIGN = f"{_W}rPr/{_W}vertAlign"
_SDT, _SDT_CONTENT, _CUSTOM_XML = f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"
# not text: properties, tracked deletions and moves away, nested paragraphs (text boxes), and
# markup-compatibility alternatives (their choice and fallback say the same thing twice)
_NOT_RUNS = {*(f"{_W}{t}" for t in ("pPr", "rPr", "del", "moveFrom", "p", "tbl", "sdtPr", "sdtEndPr")),
             "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"}


def _raised(run: etree._Element) -> bool:
    """A superscript or subscript run: a footnote marker, not digits of the number before it."""
    align = run.find(_VERT_ALIGN)
    return align is not None and align.get(_VAL) in ("superscript", "subscript")


def _run_text(run: etree._Element) -> str:
    parts = []
    for e in run:
        if e.tag == _T:
            parts.append(e.text or "")
        elif e.tag == _BR:
            parts.append("\n" if e.get(_TYPE, "textWrapping") == "textWrapping" else "")
        else:
            parts.append(_RUN_TEXT.get(e.tag, ""))
    text = "".join(parts)
    return as_marker(text) if text and _raised(run) else text


def _runs(element: etree._Element) -> Iterator[etree._Element]:
    """The runs of a paragraph in document order, through the elements that wrap runs."""
    for e in element:
        if e.tag == _R:
            yield e
        elif e.tag not in _NOT_RUNS:
            yield from _runs(e)


def _paragraph_text(p: etree._Element) -> str:
    return "".join(_run_text(r) for r in _runs(p))


def _blocks(element: etree._Element, tags: tuple[str, ...]) -> Iterator[etree._Element]:
    """The children of `element` with these tags, and those inside content controls and custom XML."""
    for e in element:
        if e.tag in tags:
            yield e
        elif e.tag == _SDT:
            content = e.find(_SDT_CONTENT)
            if content is not None:
                yield from _blocks(content, tags)
        elif e.tag == _CUSTOM_XML:
            yield from _blocks(e, tags)


def _int(element: etree._Element | None, default: int) -> int:
    return int(element.get(_VAL)) if element is not None and element.get(_VAL) is not None else default


def _grid(table: etree._Element) -> Grid:
    """Spans from the XML: gridSpan widens a cell, vMerge="continue" (or no w:val) is merged into
    the cell above (MergedDown), gridBefore leaves empty grid columns before a row's first cell."""
    grid: Grid = []
    merged = MergedDown()
    positions = cells = 0
    for tr in _blocks(table, (_TR,)):
        before = max(_int(tr.find(f"{_W}trPr/{_W}gridBefore"), 0), 0)
        check_positions(positions := positions + before, cells)
        row: list[str | None] = [None] * before
        for tc in _blocks(tr, (_TC,)):
            span = max(_int(tc.find(f"{_W}tcPr/{_W}gridSpan"), 1), 1)
            cells += 1
            check_positions(positions := positions + span, cells)
            merge = tc.find(f"{_W}tcPr/{_W}vMerge")
            if merge is not None and merge.get(_VAL, "continue") == "continue":
                row += [merged.below(len(row))] + [None] * (span - 1)
            else:
                merged.origin(len(row), text := "\n".join(_paragraph_text(p) for p in _blocks(tc, (_P,))))
                row += [text] + [None] * (span - 1)
        grid.append(row)
    return grid


def _document_xml(raw: bytes) -> bytes:
    """word/document.xml inflated, read through a bounded stream (the size the archive states
    may lie: zipfile stops at it or checks it)."""
    with zipfile.ZipFile(io.BytesIO(raw)) as archive, archive.open("word/document.xml") as part:
        xml = part.read(MAX_DOCUMENT_XML + 1)
    if len(xml) > MAX_DOCUMENT_XML:
        raise ParseError("too_complex", f"word/document.xml inflates to more than {MAX_DOCUMENT_XML >> 20} MiB "
                         f"(from {len(raw):,} bytes): a compression bomb, not a report")
    return xml


def _lays_out(table: etree._Element) -> bool:
    """A table around tables larger than itself lays out a page (a web page's layout tables, as
    Writer keeps them when it saves the page as Word); a small table in one cell of a large one
    is that cell's content, not the table's purpose."""
    own = len(table.findall(f"{_TR}/{_TC}"))
    return sum(1 for _ in table.iter(_TC)) > 2 * own      # the nested tables' cells outnumber its own


def _lines(container: etree._Element) -> Iterator[str]:
    """The paragraphs and tables of a body or a cell as lines; the cells of a layout table are read
    as body, one after the other."""
    for block in _blocks(container, (_P, _TBL)):
        if block.tag == _P:
            yield _paragraph_text(block)
        elif not _lays_out(block):
            yield from grid_lines(_grid(block))
        else:
            for tr in _blocks(block, (_TR,)):
                for tc in _blocks(tr, (_TC,)):
                    yield from _lines(tc)


def _tree(xml: bytes) -> etree._Element:
    """The parsed XML, its elements counted as they are built (MAX_ELEMENTS); lxml itself stops
    at elements nested 256 deep."""
    first = re.search(rb"<[A-Za-z_]", xml)                  # the root element: a DTD comes before it
    if b"<!DOCTYPE" in xml[:first.start() if first else len(xml)].upper():
        raise ParseError("too_complex", "word/document.xml declares a document type (entities), which Word "
                         "never writes: a file built to expand, not a report")
    parsing = etree.iterparse(io.BytesIO(xml), events=("start",), resolve_entities=False, no_network=True)
    for count, _ in enumerate(parsing, 1):
        if count > MAX_ELEMENTS:
            raise ParseError("too_complex", f"word/document.xml holds more than {MAX_ELEMENTS:,} elements: "
                             "not a report")
    return parsing.root


def to_text(raw: bytes) -> str:
    try:
        root = _tree(_document_xml(raw))
        body = root.find(f"{_W}body")
        if body is None:
            raise ValueError("word/document.xml has no w:body")
        lines = list(_lines(body))
    except ParseError:
        raise
    except Exception as exc:    # zipfile and lxml raise many kinds of errors on a damaged file
        if isinstance(exc, etree.XMLSyntaxError) and "Excessive depth" in str(exc):
            raise ParseError("too_complex", "word/document.xml nests elements more than 256 deep (the XML "
                             "parser's limit): not a report") from None
        raise ParseError("corrupt_docx", f"the Word document cannot be read: {type(exc).__name__}: {exc}") from None
    return "\n".join(lines)
