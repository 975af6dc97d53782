"""A national year priced: a corpus in the shares a national crawl is assumed to have, and what
100,000 reports of it cost.

The shares are assumed, not counted (no census of a national crawl is in the repo). Every agency
must publish its report in the 政府信息公开 column of its government website, and county and
township sites, the bulk of the 100,000, publish it as a CMS article: all 22 reports of the real2
crawler archive are web pages. Where the report is an attachment it is mostly a PDF exported from
Word or printed from a browser (real/: 3 of 3 with a text layer), sometimes the Word file itself
(legacy .doc still common on older CMSs), and a sealed paper copy scanned where the office uploads
the signed one. Crawler text stands for the archives that kept a page's text but not the page.
`--year-shares` re-prices any other guess.

Each category is built from the repo's own files first (the real and producer PDFs, Writer DOCX
and .doc fixtures, the crawler texts of real2 and pdftotext, the real page), the rest from
bench/corpus.py's realistic corpus (each file a real report under an invented agency and year).
Scans are not ingested here: OCR costs ~5 CPU-s a page, so 5 % of even 1,000 files would take most
of the bench; they are priced from the OCR row (bench.py scan_rows) on the scan fixtures.
"""
from __future__ import annotations

import gzip
import math
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

if __package__:                 # imported as bench.year (the tests)
    from .corpus import SHARED, write_real_corpus
else:                           # by bench.py, run as a script from bench/
    from corpus import SHARED, write_real_corpus

ROOT = Path(__file__).resolve().parents[1]
SHARES = {"html": 50, "pdf": 25, "docx": 5, "doc": 5, "txt": 10, "scan": 5}     # percent of reports
NAMES = {"html": "web pages", "pdf": "text-layer PDFs", "docx": "Word .docx", "doc": "Word .doc",
         "txt": "crawler text", "scan": "scans"}
YEAR = 100_000           # reports a national year
WINDOW_HOURS = 4         # the nightly window


def fixtures(category: str) -> list[Path]:
    """The repo's own files of a category (real reports and what real tools made of them)."""
    producers = ROOT / "tests" / "producers"
    found = {
        "html": [SHARED / "real2" / "pt_6h.html"],
        "pdf": sorted(producers.glob("*.pdf")) + sorted((SHARED / "real").glob("*.pdf"))
        + [p for p in sorted((SHARED / "conv").glob("*.pdf")) if not p.stem.endswith("_scan")],
        "docx": sorted(producers.glob("*.docx")) + sorted((SHARED / "conv").glob("*.docx")),
        "doc": sorted((ROOT / "tests" / "fixtures" / "doc").glob("*.doc.gz")) + sorted((SHARED / "conv").glob("*.doc")),
        "txt": sorted((SHARED / "real2").glob("pt_*.txt")) + sorted(producers.glob("*_pdftotext.txt"))
        + sorted((ROOT / "data" / "raw").glob("*.txt")),
        "scan": sorted((ROOT / "tests" / "fixtures" / "scans").glob("*.pdf")),
    }
    return found[category]


def parse_shares(text: str) -> dict[str, int]:
    """'html=50,pdf=25,…' -> the shares (every category named, summing to 100)."""
    shares = {k.strip(): int(v) for k, v in (part.split("=") for part in text.split(","))}
    if set(shares) != set(SHARES) or sum(shares.values()) != 100:
        raise SystemExit(f"--year-shares must give each of {', '.join(SHARES)} a percentage, summing to 100")
    return shares


def counts(n: int, shares: dict[str, int]) -> dict[str, int]:
    """Files of each ingested category among n (scans are priced, not ingested)."""
    ingested = {c: s for c, s in shares.items() if c != "scan"}
    total = sum(ingested.values())
    return {c: round(n * s / total) for c, s in ingested.items()}


def write_year_corpus(n: int, out: Path, shares: dict[str, int]) -> dict[str, int]:
    """n files in the shares (scans aside), named <category>-…: the fixtures first, then generated
    reports (the realistic corpus, each format from its own range of items, so no agency-year is
    generated twice; its text-only sources left out). A .doc is fixtures only (Writer makes them; CI has none): a shortfall is
    filled with .docx. Returns the files written per category."""
    out.mkdir(parents=True)
    want = counts(n, shares)
    short = max(0, want["doc"] - len(fixtures("doc")))
    want["doc"] -= short
    want["docx"] += short
    start = 0
    for category, k in want.items():
        own = fixtures(category)[:k]
        for f in own:
            data = f.read_bytes()
            name = f.name[:-3] if f.suffix == ".gz" else f.name
            (out / f"{category}-{name}").write_bytes(gzip.decompress(data) if f.suffix == ".gz" else data)
        if k > len(own):
            generated, m = out / f".{category}", (k - len(own)) * 6 // 5 + 2
            write_real_corpus(m, generated, start=start, formats={category: 100})
            start += m
            # a source that cannot be laid out as a document comes as text: left out
            for f in sorted(generated.glob(f"*.{category}"))[:k - len(own)]:
                f.rename(out / f"{category}-{f.name}")
            shutil.rmtree(generated)
    return want


@dataclass
class Scans:
    """What OCR cost on the scan fixtures, one core."""
    files: int
    pages: int
    pages_read: int
    cpu_seconds: float

    @property
    def per_report(self) -> float:
        return self.cpu_seconds / self.files


@dataclass
class Projection:
    """A year of YEAR reports on machines like this one, from CPU time (the wall time of a machine
    shared with others says more about them than about the pipeline)."""
    shares: dict[str, int]
    costs: dict[str, float]         # category -> CPU-s a report (parse on one core; a scan: its OCR)
    overhead: float                 # the ingest around the parse: its wall time over its parse step's
    cores: int = os.cpu_count() or 1

    def category_hours(self, category: str) -> float:
        extra = 1.0 if category == "scan" else self.overhead     # a scan's OCR dwarfs the rest
        return YEAR * self.shares[category] / 100 * self.costs[category] * extra / self.cores / 3600

    @property
    def hours(self) -> float:
        return sum(map(self.category_hours, self.costs))

    @property
    def workers(self) -> int:
        return math.ceil(self.hours / WINDOW_HOURS)
