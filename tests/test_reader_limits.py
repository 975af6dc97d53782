"""The readers cap what they expand before allocating (issue 22): each hostile file of
tests/hostile.py is refused with a readable `too_complex` reason, or read in bounded work (asserted
by a count), and large legitimate tables still read. Sizes are chosen over the caps but small
enough that a reader without them reads the file (or fails) in seconds, not gigabytes.
"""
from __future__ import annotations

import re
import zipfile
from decimal import Decimal

import pytest

from pipeline.parsing import ParseError, narrative, parse_bytes
from pipeline.parsing.formats import docx, html, pdf, pdf_fast, to_text

from . import hostile


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
