"""The benchmark's realistic corpus (bench/corpus.py) publishes the real reports under invented
agencies and years: every format and every kind of agency it writes must parse back to the
invented agency and year, in the format its name says, and the tables an HTML, PDF or DOCX file
renders from the gold must read back as the gold's cells. (Speed is bench/bench.py's business.)"""
from __future__ import annotations

import pytest

from bench import corpus
from pipeline.parsing import parse_bytes
from pipeline.parsing.formats import sniff

ITEMS = corpus.plan(400)
SAMPLE = {(item.fmt, item.kind): item for item in reversed(ITEMS)}     # the first of each pair


def test_the_plan_covers_every_format_and_kind_with_distinct_agency_years():
    assert {fmt for fmt, _ in SAMPLE} == set(corpus.FORMATS)
    assert {kind for _, kind in SAMPLE} == {"department", "township", "county", "prefecture"}
    published = [(max(corpus.expected_names(i.source, i.names), key=len), i.year) for i in ITEMS]
    assert len(set(published)) == len(published)


@pytest.mark.parametrize("kind", ["department", "township", "county", "prefecture"])
def test_agencies_of_a_kind_have_names_of_their_own(kind):
    """Many texts name only the town: two agencies called 高桥镇 would publish the same bytes."""
    count = min(corpus.capacity(kind), 3000)
    bottoms = {(max(places.items())[1], office) for places, office in map(
        lambda q: corpus.agency_places(kind, q), range(count))}
    assert len(bottoms) == count


@pytest.mark.parametrize("item", sorted(SAMPLE.values(), key=lambda i: i.index), ids=lambda i: f"{i.fmt}-{i.kind}")
def test_a_file_parses_to_its_invented_agency_and_year(item):
    raw = corpus.render_item(item)
    report = parse_bytes(raw)
    source_names = item.source.gold["agency_names"]
    invented = corpus.expected_names(item.source, item.names)
    assert sniff(raw) == {"txt": "text", "docx": "zip"}.get(item.fmt, item.fmt)
    assert report.report_year == item.year
    assert report.agency_name in invented
    assert not set(invented) & set(source_names)         # the real agency's names are gone
    assert len(raw) > 4_000                                  # real-sized, not a synthetic sketch
    if item.fmt != "txt":                                   # tables rendered from the gold's cells
        assert report.application == item.source.gold["application"]


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
def test_the_same_item_gives_the_same_bytes(fmt):
    item = next(i for i in ITEMS if i.fmt == fmt)
    assert corpus.render_item(item) == corpus.render_item(item)
