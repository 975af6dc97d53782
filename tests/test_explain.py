"""Every stated cell of every visible gold report, in plain text and as a web page, resolves to
the place in its file that states it (pipeline/provenance.py, `ogi explain`): the line read
there holds the value, or the glued run the value was cut from."""
from __future__ import annotations

import random
from decimal import Decimal

import pytest

from pipeline.parsing.decode import decode, normalise
from pipeline.parsing.formats import to_text
from pipeline.provenance import SECTIONS, Positions

from . import html_pages
from .conftest import flatten, gold_cases

TABLE = {"application": "fact_application", "review_litigation": "fact_review_litigation",
         "proactive": "fact_proactive_disclosure"}
TEXTS = [(p, g) for p, g in gold_cases("seeds", "real", "real2") if p.suffix == ".txt"]


def stated(gold: dict):
    """(fact table, row, column, value) of each stated cell of a gold file."""
    for (section, *keys), v in flatten({k: gold[k] for k in TABLE}):
        if v is not None:
            yield TABLE[section], keys[-2], keys[-1], Decimal(str(v))


def digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def reads_as(value: Decimal, read: str, exact: bool) -> bool:
    """The written text is the value (an amount may be written in 万元), or holds its digits (a run
    it was cut from, a row it was placed in)."""
    if exact:
        number = Decimal(read.rstrip("元万亿个件项笔家").replace(",", ""))
        return value in (number, number * 10_000, number * 100_000_000)
    written = format(value.normalize(), "f").replace(".", "")
    return written.lstrip("-") in digits(read) or digits(format((value / 10_000).normalize(), "f")) in digits(read)


def check(raw: bytes, gold: dict, line_of) -> list[str]:
    misses, positions = [], Positions(raw)
    for table, row, column, value in stated(gold):
        loc = positions.locate(table, row, column)
        if loc is None or not reads_as(value, loc.read, loc.exact):
            misses.append(f"{table} {row}/{column}={value}: {loc}")
            continue
        line = line_of(loc.line)
        first = loc.read.split()[0]
        if loc.cell:        # a table row: the value is that cell of it
            assert line.split("\t")[loc.cell - 1].replace(" ", "").startswith(first), (table, row, column, line)
        else:
            assert line[loc.column - 1:].startswith(first), (table, row, column, loc)
    return misses


@pytest.mark.parametrize("path, gold", TEXTS, ids=[p.stem for p, _ in TEXTS])
def test_every_cell_of_a_text_report_is_on_the_line_explain_names(path, gold):
    raw = path.read_bytes()
    lines = decode(raw).split("\n")
    assert check(raw, gold, lambda n: lines[n - 1]) == []


PAGES = [(p, g) for p, g in gold_cases("real2") if p.suffix == ".html" or p.stem in ("pt_2", "pt_8", "pt_19")]
PDFS = [(p.with_suffix(".pdf"), g) for p, g in gold_cases("real")]


@pytest.mark.parametrize("path, gold", PAGES + PDFS, ids=[p.name for p, _ in PAGES + PDFS])
def test_every_cell_of_a_page_or_pdf_is_in_the_table_row_and_cell_explain_names(path, gold):
    """The real page of pt_6, the gold of three others (glued, merged cells, a negative change)
    rendered as a CMS page, and the three real PDFs: each cell is the named cell of the named table
    row of the text extracted from the file (for a PDF that is no page and box yet)."""
    raw = path.read_bytes() if path.suffix != ".txt" else html_pages.render(gold, html_pages.Variation(),
                                                                              random.Random(path.stem))[0]
    lines = normalise(to_text(raw)).split("\n")
    assert check(raw, gold, lambda n: lines[n - 1]) == []


def test_the_tables_explain_knows_are_the_fact_tables():
    assert set(SECTIONS) == set(TABLE.values())
