"""The readers cap what they expand before allocating (issue 22): each hostile file of
tests/hostile.py is refused with a readable `too_complex` reason, or read in bounded work (asserted
by a count), and large legitimate tables still read. Sizes are chosen over the caps but small
enough that a reader without them reads the file (or fails) in seconds, not gigabytes.
"""
from __future__ import annotations

import gzip
import re
import zipfile
from decimal import Decimal

import pytest

from pipeline.parsing import ParseError, narrative, parse_bytes
from pipeline.parsing.formats import doc, docx, html, ocr, pdf, pdf_fast, pdf_forms, to_text

from . import hostile
from .conftest import ROOT


def _refused(read, raw) -> ParseError:
    with pytest.raises(ParseError) as caught:
        read(raw)
    assert caught.value.reason == "too_complex", caught.value
    return caught.value


# ---- tables: spans --------------------------------------------------------------------------------

def test_a_docx_cell_spanning_millions_of_columns_is_refused():
    err = _refused(lambda raw: parse_bytes(raw, "bomb.docx"), hostile.docx_grid_span(span=2_000_000))
    assert "2,000,000 grid positions" in err.detail


def test_an_html_table_of_huge_spans_is_refused():
    """Within the per-direction cap of 1,000, but 20 x 200 positions a cell."""
    err = _refused(html.to_text, hostile.html_span_area(rows=20, span=200))
    assert "grid positions" in err.detail


def test_large_legitimate_tables_are_read_whole():
    docx_lines = to_text(hostile.big_valid_docx(rows=2000, columns=12)).splitlines()
    assert len(docx_lines) == 2000 and docx_lines[-1].split("\t")[-1] == str(1999 + 11)
    html_lines = html.to_text(hostile.big_valid_html(rows=2000, columns=12)).splitlines()
    assert len(html_lines) == 2000 and html_lines[-1].split("\t")[-1] == str(1999 + 11)


# ---- DOCX: inflation --------------------------------------------------------------------------------

def test_a_docx_that_inflates_past_the_cap_is_refused_having_inflated_no_more(monkeypatch):
    """Counted: the bytes zipfile hands out for word/document.xml stop one past the cap (here 1 MiB
    of a part that inflates to 16 MiB), whatever size the archive states."""
    monkeypatch.setattr(docx, "MAX_DOCUMENT_XML", 1 << 20)
    inflated = []
    read = zipfile.ZipExtFile.read
    monkeypatch.setattr(zipfile.ZipExtFile, "read", lambda self, n=-1: inflated.append(len(out := read(self, n))) or out)
    err = _refused(to_text, hostile.docx_inflation(16 << 20))
    assert "inflates to more than 1 MiB" in err.detail
    assert sum(inflated) <= (1 << 20) + 1


# ---- PDF ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("make", [hostile.pdf_self_form, hostile.pdf_cyclic_forms, hostile.pdf_form_chain],
                         ids=["self", "cycle", "chain-2^40"])
def test_form_xobjects_that_expand_without_bound_are_refused_before_pdfium_loads_the_page(make):
    err = _refused(pdf.to_text, make())
    assert "form XObjects" in err.detail


def test_a_few_nested_forms_are_read():
    assert "annual report line 5" in pdf.to_text(hostile.pdf_form_chain(depth=3))


@pytest.mark.parametrize("read", [pdf.to_text, pdf.plumber_text], ids=["fast", "pdfplumber"])
def test_a_page_ruled_as_a_huge_grid_is_refused_by_both_readers(read):
    err = _refused(read, hostile.pdf_ruled_grid(120))
    assert "121 horizontal and 121 vertical" in err.detail


def test_a_ruled_grid_under_the_cap_is_read():
    lines = pdf.to_text(hostile.pdf_ruled_grid(60)).splitlines()
    assert "annual report line 3 of the text layer" in lines
    assert sum(line.count("\t") == 59 for line in lines) == 60          # 60 rows of 60 cells


def test_a_page_of_too_many_path_segments_is_refused_while_walking_them(monkeypatch):
    """Counted: pdfium is asked for no more segment counts than the cap allows paths."""
    asked = []
    count = pdf_fast._count_segments
    monkeypatch.setattr(pdf_fast, "_count_segments", lambda path: asked.append(1) or count(path))
    err = _refused(pdf.to_text, hostile.pdf_many_paths(paths=60_000))
    assert "100,000 path segments" in err.detail
    assert len(asked) <= pdf_fast.MAX_SEGMENTS // 2 + 1


# ---- narrative ------------------------------------------------------------------------------------------

class _Scanned:
    """A compiled pattern that adds up the length of text it is asked to search."""

    def __init__(self, pattern: re.Pattern, tally: list[int]):
        self.pattern, self.flags, self._p, self._tally = pattern.pattern, pattern.flags, pattern, tally

    def __getattr__(self, name):
        method = getattr(self._p, name)

        def scanned(text, *args, **kwargs):
            self._tally.append(len(text))
            return method(text, *args, **kwargs)
        return scanned


def test_the_narrative_check_scans_a_long_sentence_a_bounded_number_of_times(monkeypatch):
    """One 'sentence' of 3,000 claims: every claim used to search the whole text before it again
    (quadratic: 0.55 MB took 40 s). Counted: the guard words' patterns read the text a few times."""
    tally: list[int] = []
    for name, value in list(vars(narrative).items()):
        if isinstance(value, re.Pattern):
            monkeypatch.setattr(narrative, name, _Scanned(value, tally))
    text = hostile.narrative_repeat(3000)
    flags = narrative.check_narrative(text, {"received_new": {"total": Decimal(7)}}, {}, 2023)
    assert len(flags) == 3000 and "received 1 but the table says 7" in flags[0].detail
    assert sum(tally) <= 10 * len(text)


def test_a_number_is_matched_only_from_the_start_of_its_digits():
    """A search begun inside a run of digits finds no number there: retried from each position of
    a long run, a pattern that starts with the number would rescan the rest of the run (20,000
    digits took 15 s)."""
    carried = next(c for c in narrative.CLAIMS if c.name == "carried_forward")
    assert carried.pattern.search("1234件结转至下年度").group(2) == "1234"
    assert carried.pattern.search("1234件结转至下年度", 1) is None


# ---- PDF: pages, characters, damage (issue 24) ---------------------------------------------------

@pytest.mark.parametrize("read", [pdf.to_text, pdf.plumber_text], ids=["fast", "pdfplumber"])
def test_a_page_of_too_many_characters_is_refused_by_both_readers(read):
    err = _refused(read, hostile.pdf_many_chars(60_000))
    assert "characters, more than 50,000" in err.detail


def test_a_page_whose_content_inflates_past_the_cap_is_refused_before_pdfium_loads_it(monkeypatch):
    monkeypatch.setattr(pdf_forms, "MAX_CONTENT", 1 << 20)
    err = _refused(pdf.to_text, hostile.pdf_content_bomb(2 << 20))
    assert "page 1's drawing inflates to more than 1 MiB" in err.detail
    assert "annual report line 3" in pdf.to_text(hostile.pdf_content_bomb(1 << 19))


@pytest.mark.parametrize("read", [pdf.to_text, pdf.plumber_text], ids=["fast", "pdfplumber"])
def test_a_pdf_of_too_many_pages_is_refused_by_both_readers(read, monkeypatch):
    monkeypatch.setattr(pdf_fast, "MAX_PAGES", 10)
    with pytest.raises(ParseError) as caught:
        read(hostile.pdf_pages(11))
    assert caught.value.reason == "too_many_pages" and "11 pages, more than the 10" in caught.value.detail
    assert "annual report line 0" in read(hostile.pdf_pages(10))


@pytest.mark.parametrize("make, reason, words", [
    (hostile.pdf_no_pages, "corrupt_pdf", "no pages"),
    (hostile.pdf_encrypted, "encrypted_pdf", "password"),
], ids=["no pages", "encrypted"])
def test_a_pdf_without_pages_to_read_is_quarantined_with_its_reason(make, reason, words):
    """Through parse_bytes: a PDF that neither reader opens is not taken for a scan (OCR failed on it
    with pdfium's own error, a parser_error)."""
    with pytest.raises(ParseError) as caught:
        parse_bytes(make(), "report.pdf")
    assert caught.value.reason == reason and words in caught.value.detail


def test_a_damaged_title_is_left_out_not_a_crash():
    """pypdfium2 decodes the /Title strictly: a lone surrogate raised UnicodeDecodeError (parser_error)."""
    assert "annual report line 3" in pdf.to_text(hostile.pdf_damaged_title())


def test_a_zip_directory_that_zipfile_cannot_read_is_a_corrupt_docx():
    """zipfile raises NotImplementedError for a part's version (and UnicodeDecodeError for a name):
    both were parser_error."""
    with pytest.raises(ParseError) as caught:
        parse_bytes(hostile.docx_zip_version(), "report.docx")
    assert caught.value.reason == "corrupt_docx" and "zip file version" in caught.value.detail


def test_a_scan_under_a_text_layer_of_spaces_is_a_scan():
    """Spaces are no text: both readers count the characters drawn (the scan went to the parser as a
    text PDF, and was quarantined not_a_report without OCR)."""
    raw = hostile.pdf_scan(spaces=60)
    assert pdf_fast.read(raw, pdf.MIN_CHARS_PER_PAGE) is None
    with pytest.raises(ParseError) as caught:
        pdf.read(raw)
    assert caught.value.reason == "no_text_layer"


# ---- OCR: pages and pixels ------------------------------------------------------------------------

def _rendered(monkeypatch) -> list[tuple[int, ...]]:
    shapes: list[tuple[int, ...]] = []
    straight = ocr._straight
    monkeypatch.setattr(ocr, "_straight", lambda img: shapes.append(img.shape) or straight(img))
    return shapes


def test_a_scan_of_too_many_pages_is_refused_before_a_page_is_rendered(monkeypatch):
    monkeypatch.setattr(ocr, "MAX_SCAN_PAGES", 3)
    shapes = _rendered(monkeypatch)
    with pytest.raises(ParseError) as caught:
        ocr.recognise(hostile.pdf_scan(pages=4))
    assert caught.value.reason == "too_many_pages" and "of 4 pages, more than the 3" in caught.value.detail
    assert shapes == []


def test_a_page_larger_than_the_pixel_budget_is_rendered_within_it(monkeypatch):
    """An A4 page at DPI is 1240 x 1754 px; under a budget of 200,000 pixels it is rendered smaller,
    in proportion (the 14,400 pt square PDF allows took 7 GB)."""
    monkeypatch.setattr(ocr, "MAX_PIXELS", 200_000)
    shapes = _rendered(monkeypatch)
    with pytest.raises(ParseError) as caught:
        ocr.recognise(hostile.pdf_scan(size=(595, 842)))
    assert caught.value.reason == "ocr_no_text"                     # white: blank, nothing to read
    (h, w), = shapes
    assert (h - 1) * (w - 1) <= 200_000 < h * w * 1.05 and abs(h / w - 842 / 595) < 0.01   # pdfium rounds a side


@pytest.mark.parametrize("size", [(14400, 40), (40, 14400)], ids=["wide", "tall"])
def test_a_page_far_longer_than_wide_is_refused_before_the_detector_scales_it_up(size, monkeypatch):
    """The detector scales the narrow side up to 736 px: a 14,400 x 40 pt strip took 7.4 GB (a
    MemoryError, parser_error). Counted: the engine is never asked."""
    monkeypatch.setattr(ocr, "engine", lambda: pytest.fail("the engine was asked"))
    with pytest.raises(ParseError) as caught:
        ocr.recognise(hostile.pdf_scan(size=size, ink=0))
    assert caught.value.reason == "too_complex" and "more than 30 times as long as it is wide" in caught.value.detail


def test_a_page_too_small_to_hold_text_is_read_as_blank():
    """A 1 x 1 pt page rendered 2 px square: OpenCV's kernels, a twentieth of the page, were 0 px (a
    parser_error)."""
    with pytest.raises(ParseError) as caught:
        ocr.recognise(hostile.pdf_scan(size=(1, 1), ink=0))
    assert caught.value.reason == "ocr_no_text"


# ---- Word 97-2003 ---------------------------------------------------------------------------------

def _doc_fixture() -> bytes:
    return gzip.decompress(next((ROOT / "tests" / "fixtures" / "doc").glob("*.doc.gz")).read_bytes())


def test_a_doc_whose_sector_chain_loops_is_refused():
    """olefile followed the loop for the stream's stated size: the same sectors over again as text."""
    with pytest.raises(ParseError) as caught:
        doc.to_text(hostile.doc_fat_loop(_doc_fixture()))
    assert caught.value.reason == "corrupt_doc" and "WordDocument stream loops back" in caught.value.detail


def test_a_doc_whose_directory_loops_is_named_damaged():
    """Not 'an OLE file that is not a Word document': its WordDocument entry is lost in the damage."""
    with pytest.raises(ParseError) as caught:
        doc.to_text(hostile.doc_directory_loop(_doc_fixture()))
    assert caught.value.reason == "corrupt_doc" and "damaged OLE container" in caught.value.detail


def test_a_doc_cut_to_its_header_is_read_as_bytes_not_as_a_file_name():
    """olefile takes bytes shorter than 1,536 for a file's name (the detail was 'embedded null byte')."""
    with pytest.raises(ParseError) as caught:
        doc.to_text(_doc_fixture()[:512])
    assert caught.value.reason == "corrupt_doc" and "incomplete OLE sector" in caught.value.detail


def test_an_rtf_file_named_doc_is_named_as_rtf():
    with pytest.raises(ParseError) as caught:
        parse_bytes(hostile.rtf_named_doc(), "report.doc")
    assert caught.value.reason == "unsupported_format" and "RTF" in caught.value.detail


# ---- DOCX: XML ------------------------------------------------------------------------------------

def test_a_docx_declaring_entities_is_refused_before_parsing():
    err = _refused(to_text, hostile.docx_laughs())
    assert "document type" in err.detail


def test_a_docx_nested_past_the_parsers_depth_is_refused():
    err = _refused(to_text, hostile.docx_nested(1000))
    assert "256 deep" in err.detail


def test_a_docx_of_too_many_elements_is_refused_while_parsing(monkeypatch):
    monkeypatch.setattr(docx, "MAX_ELEMENTS", 1000)
    err = _refused(to_text, hostile.docx_paragraphs(2000))
    assert "more than 1,000 elements" in err.detail
    assert to_text(hostile.docx_paragraphs(990)) == "\n" * 989
