"""The benchmark's realistic corpus (bench/corpus.py) publishes the real reports under invented
agencies and years: every format and every kind of agency it writes must parse back to the
invented agency and year, in the format its name says, and the tables an HTML, PDF or DOCX file
renders from the gold must read back as the gold's cells. (Speed is bench/bench.py's business.)"""
from __future__ import annotations

import hashlib
from collections import Counter

import pytest

from bench import corpus, year
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


def test_a_national_year_is_its_shares_in_distinct_files_of_each_kind(tmp_path):
    """bench/year.py: the files of each category in their share, no two alike (a copy would be
    loaded as a duplicate, not parsed), each read as its kind."""
    out = tmp_path / "year"
    written = year.write_year_corpus(40, out, year.SHARES)
    files = sorted(out.iterdir())
    assert written == year.counts(40, year.SHARES)
    assert Counter(f.name.split("-")[0] for f in files) == written
    assert len({hashlib.sha256(f.read_bytes()).digest() for f in files}) == len(files)
    kinds = {"html": "html", "pdf": "pdf", "docx": "zip", "doc": "ole", "txt": "text"}
    assert {(f.name.split("-")[0], sniff(f.read_bytes())) for f in files} == set(kinds.items())


def test_a_national_year_adds_each_category_in_its_share_on_every_core():
    costs = {"html": 0.02, "pdf": 0.1, "docx": 0.02, "doc": 0.02, "txt": 0.004, "scan": 40.0}     # CPU-s
    p = year.Projection(year.SHARES, costs, overhead=1.25, cores=2)
    assert p.category_hours("scan") == pytest.approx(5_000 * 40 / 2 / 3600)
    assert p.category_hours("pdf") == pytest.approx(25_000 * 0.1 * 1.25 / 2 / 3600)
    assert p.hours == pytest.approx(sum(map(p.category_hours, costs)))
    assert p.workers == 8                   # 28.4 h in 4 h windows
