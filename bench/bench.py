"""The benchmark, on the realistic corpus (bench/corpus.py: the real reports under invented agencies
and years, as text, HTML, PDF and DOCX): each format parsed on one core against a floor measured
in the same run (reading and decoding the files; the zip and lxml read of a DOCX's document.xml text;
plain pypdfium2 text extraction of a PDF), the real PDFs of ../shared/real and the browser and office
PDFs of report pages (../shared/conv, tests/producers) against that floor, the process pool against
serial, and `ogi ingest` (wall time, files/s, peak RSS, against the floor run over the same files on
every core) of 20,000 real-sized text files and of the mix (5,000 files by default: PDFs make a
mixed file ~10x dearer than a text one), the mix's no-op re-run and a 1% incremental run; then a
national year (bench/year.py): 1,000 files in a national crawl's assumed shares ingested, scans
priced by the OCR row, 100,000 reports projected onto machines like this one.

    .venv/bin/python bench/bench.py [--n 5000] [--text-n 20000] [--per-format 100] [--out bench/out] [--pdf-dir DIR]
    .venv/bin/python bench/bench.py --only-pdf            # the real and producer PDF rows, printed
    .venv/bin/python bench/bench.py --only-scan [--scan-sample 6]   # the scan row (OCR of 6 scans), printed
    .venv/bin/python bench/bench.py --only-year [--year-n 1000] [--year-shares html=50,…]
                                                          # the scan row and the national year (bench/year.py)
    .venv/bin/python bench/bench.py --synthetic [--sizes 1000,10000,100000]   # the earlier synthetic rows
                                                          # (into bench/results-synthetic.md)

Corpora are written once into --out and reused (delete it after changing bench/corpus.py). Writes bench/results.md (a table against the
targets, with the machine described). Timings are reported, never asserted: this is not part of
the test suite.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import multiprocessing
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import NamedTuple

import olefile
import pypdfium2 as pdfium
from lxml import etree, html

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpus import FORMATS, write_corpus, write_real_corpus  # noqa: E402  (bench/ is the script's own directory)
from year import NAMES, SHARES, WINDOW_HOURS, YEAR, Projection, Scans, parse_shares, write_year_corpus  # noqa: E402

from pipeline.parse import parse_files  # noqa: E402
from pipeline.parsing import parse_bytes  # noqa: E402
from pipeline.parsing.formats import ocr, pdf  # noqa: E402
from pipeline.stage import Stage  # noqa: E402

OGI = [sys.executable, "-c", "from assets.cli import main; main()"]
TARGETS = {"parse": "≥ 2,000 reports/s/core", "ingest_100000": "≤ 90 s, peak RSS ≤ 2 GB",
           "noop": "≤ 5 s", "incremental": "≤ 10 s", "pdf": "≤ 3x plain pypdfium2 text extraction",
           "txt": "≥ 1,000 reports/s/core", "ingest_text": "20,000 in ≤ 20 s (≥ 1,000 files/s on 2 cores)",  # issue 14
           "html": "≥ 250 pages/s/core (≤ 4x an lxml parse)"}                                                   # issue 26


def machine() -> str:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())
    mem = int(next(ln.split()[1] for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal")))
    return f"{os.cpu_count()} cores ({cpu}), {mem / 2**20:.0f} GiB RAM, Python {platform.python_version()}, {platform.platform()}"


def cpu_speed() -> float:
    """A fixed pure-Python workload, in million loop steps per second: this VM's speed drifts by
    15 % or more within an hour, so each results table says how fast the machine was."""
    start = time.perf_counter()
    total = 0
    for i in range(3_000_000):
        total += i * i % 7
    return 3 / (time.perf_counter() - start)


class Ingest(NamedTuple):
    seconds: float          # wall
    rss_mb: float           # peak RSS of the largest process
    summary: str            # the run's summary and step lines

    @property
    def parse_seconds(self) -> float:
        """The parse step's wall time (its line in the summary)."""
        return float(re.search(r"parsed_reports ([\d.]+) s", self.summary).group(1))


def timed_ingest(raw: Path, wh: Path) -> Ingest:
    """One `ogi ingest`, timed from outside."""
    cmd = ["/usr/bin/time", "-f", "%M", *OGI, "ingest", "--raw-dir", str(raw), "--warehouse", str(wh)]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"ingest failed:\n{proc.stdout}\n{proc.stderr[-3000:]}")
    rss_kb = int(proc.stderr.strip().splitlines()[-1])
    lines = proc.stdout.splitlines()
    summary = next(ln for ln in lines if ln.startswith("this run: files seen"))
    steps = next((ln.strip() for ln in lines if ln.strip().startswith("steps:")), "")
    return Ingest(seconds, rss_kb / 1024, f"{summary}; {steps}" if steps else summary)


def read_baseline(files: list[Path]) -> float:
    start = time.perf_counter()
    for f in files:
        f.read_bytes()
    return time.perf_counter() - start


def subset(corpus: Path, n: int, dest: Path) -> Path:
    """The first n corpus files, hard-linked (no copy) into their own raw directory."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in sorted(os.listdir(corpus))[:n]:
        os.link(corpus / name, dest / name)
    return dest


def pdfium_text(raw: bytes) -> str:
    """The floor: plain pypdfium2 text extraction, page by page, no positions."""
    doc = pdfium.PdfDocument(raw)
    try:
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(raw: bytes) -> str:
    """The DOCX floor: the text nodes of word/document.xml, read from the zip and parsed by lxml."""
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return "".join(t.text or "" for t in root.iter(f"{_W}t"))


def plain_decode(raw: bytes) -> str:
    """The text floor: the bytes decoded (UTF-8, else GB18030), nothing parsed."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


def html_parse(raw: bytes) -> etree._Element:
    """The HTML floor (issue 26): an lxml parse of the same bytes, the page's charset as it declares."""
    return html.document_fromstring(raw)


def doc_text(raw: bytes) -> bytes:
    """The .doc floor: the OLE container opened and its WordDocument stream read (olefile)."""
    with olefile.OleFileIO(io.BytesIO(raw)) as ole:
        return ole.openstream("WordDocument").read()


FLOORS = {"txt": plain_decode, "html": html_parse, "docx": docx_text, "pdf": pdfium_text, "doc": doc_text}
FLOOR_NAMES = {"txt": "read + decode", "html": "an lxml parse of the same bytes", "docx": "zip + lxml read of document.xml",
               "pdf": "plain pypdfium2 text extraction"}


def _read_and(read, files: list[Path]) -> None:
    for f in files:
        read(f.read_bytes())


def format_rows(corpus: Path, per_format: int, rounds: int = 3) -> list[tuple[str, str, str, str]]:
    """Each format of the corpus parsed on one core (CPU time, files read from disk), against its
    floor on the same files, taken in turn round by round; the ratio is the median of the rounds'."""
    rows = []
    for fmt in FORMATS:
        files = sorted(corpus.glob(f"*.{fmt}"))[:per_format]
        if not files:
            continue
        size = sum(f.stat().st_size for f in files) / len(files) / 1024
        _read_and(parse_bytes, files[:5])            # warm-up: imports, the gazetteer, regex caches
        parse_rates, floor_rates = [], []
        for _ in range(rounds):
            for read, rates in ((parse_bytes, parse_rates), (FLOORS[fmt], floor_rates)):
                start = time.process_time()
                _read_and(read, files)
                rates.append(len(files) / (time.process_time() - start))
        ratio = statistics.median(f / p for f, p in zip(floor_rates, parse_rates))
        target = TARGETS.get(fmt, "")
        rows.append((f"{fmt}: parse, one core ({len(files)} files, {size:,.0f} KB avg)",
                     f"{statistics.median(parse_rates):,.0f} files/s/core", target,
                     f"{ratio:.1f}x the floor's time; floor ({FLOOR_NAMES[fmt]}): "
                     f"{statistics.median(floor_rates):,.0f} files/s/core"))
    return rows


def _floor_file(path: str) -> None:
    raw = Path(path).read_bytes()
    FLOORS[Path(path).suffix[1:]](raw)


def mixed_floor(files: list[Path]) -> float:
    """Seconds to read every file and run its format's floor, on every core (as ingest uses them),
    the workers started and warmed up first."""
    paths = [str(f) for f in files]
    with multiprocessing.get_context("forkserver").Pool(os.cpu_count()) as pool:
        pool.map(_floor_file, paths[:4 * os.cpu_count()], chunksize=1)
        start = time.perf_counter()
        pool.map(_floor_file, paths, chunksize=64)
        return time.perf_counter() - start


def producer_pdfs() -> list[Path]:
    """The PDFs browsers and Writer made of report pages: ../shared/conv's and tests/producers' (the
    scan has no text layer: the next issue's)."""
    conv = [f for f in sorted((ROOT.parent / "shared" / "conv").glob("*.pdf")) if not f.stem.endswith("_scan")]
    return conv + sorted((ROOT / "tests" / "producers").glob("*.pdf"))


def pdf_rows(what: str, paths: list[Path], rounds: int = 5, plumber: bool = True) -> list[tuple[str, str, str, str]]:
    """PDFs/s on one core (CPU time) of the reader as used (the fast path, pdfplumber where it
    declines), of the pdfplumber reader alone (when asked) and of the pypdfium2 floor, taken in turn
    round by round in this one process; the ratios are the medians of the rounds' ratios, which hold
    when the machine's speed drifts."""
    raws = [f.read_bytes() for f in paths]
    if not raws:
        return []
    readers = {"reader": (pdf.to_text, 4), "floor": (pdfium_text, 4)}
    if plumber:
        readers["pdfplumber"] = (pdf.plumber_text, 1)
    rates: dict[str, list[float]] = {name: [] for name in readers}
    for read, _ in readers.values():
        read(raws[0])                               # warm-up: imports, font caches
    for _ in range(rounds):
        for name, (read, repeat) in readers.items():
            start = time.process_time()
            for _ in range(repeat):
                for raw in raws:
                    read(raw)
            rates[name].append(repeat * len(raws) / (time.process_time() - start))
    ratio = lambda name: statistics.median(f / r for f, r in zip(rates["floor"], rates[name]))   # noqa: E731
    rate = lambda name: f"{statistics.median(rates[name]):,.1f} PDFs/s/core"                    # noqa: E731
    rows = [(f"{what}, reader as used ({len(raws)} PDFs, {rounds} rounds)", rate("reader"), TARGETS["pdf"],
             f"{ratio('reader'):.1f}x the floor's time")]
    if plumber:
        rows.append((f"{what}, pdfplumber reader alone", rate("pdfplumber"), "", f"{ratio('pdfplumber'):.1f}x the floor's time"))
    return rows + [(f"{what}, floor: plain pypdfium2 text extraction", rate("floor"), "", "no positions, no tables")]


def all_pdf_rows(pdf_dir: Path) -> list[tuple[str, str, str, str]]:
    """The real PDFs of --pdf-dir, then the browser and office PDFs of report pages."""
    return (pdf_rows(f"real PDFs of {pdf_dir.name}/", sorted(pdf_dir.glob("*.pdf")))
            + pdf_rows("browser and office PDFs (Chromium, Writer; conv/ and tests/producers/)", producer_pdfs(),
                       rounds=3, plumber=False))


def scan_rows(scan_dir: Path, sample: int) -> tuple[Scans | None, list[tuple[str, str, str, str]]]:
    """Scans read by OCR (the committed fixtures: real and generated reports printed and scanned
    back; `sample` of them spread evenly over the sorted list, since every one costs tens of CPU
    seconds), one round on one core (CPU time; ~5 s a page), against the floor of rendering every
    page of the same files at the OCR's resolution (OCR renders every page to choose the ones with
    a table). Returns the measurement too: the national year prices its scans with it."""
    files = sorted(scan_dir.glob("*.pdf"))
    raws = [f.read_bytes() for f in files[::max(1, len(files) // sample)][:sample]] if sample else []
    if not raws:
        return None, []
    ocr.engine()                                    # the models load once per process
    start = time.process_time()
    recordings = [ocr.recognise(raw) for raw in raws]
    seconds = time.process_time() - start
    start = time.process_time()
    for raw in raws:
        doc = pdfium.PdfDocument(raw)
        for i in range(len(doc)):
            doc[i].render(scale=ocr.DPI / 72, grayscale=True).to_numpy()
        doc.close()
    floor = time.process_time() - start
    scans = Scans(len(raws), sum(r.pages for r in recordings), sum(len(r.words) for r in recordings), seconds)
    return scans, [(
        f"scans, OCR as used ({scans.files} of the {len(files)} files in {scan_dir.name}/, {scans.pages} pages)",
        f"{scans.pages_read / seconds:.2f} pages/s/core", "",
        f"{scans.per_report:.0f} CPU-s a report; {scans.pages / scans.files:.1f} pages a report, "
        f"{scans.pages_read / scans.files:.1f} of them read; {1 - scans.pages_read / scans.pages:.0%} of pages skipped "
        f"(no ruled table); floor, rendering all {scans.pages} pages at {ocr.DPI} dpi: {scans.pages / floor:.1f} pages/s "
        f"({seconds / floor:.0f}x its time)")]


def fingerprint(stage: Stage) -> str:
    batch = stage.collect()
    frames = [batch.reports.drop("source_file").sort("report_id"), batch.application.sort("report_id", "item", "applicant_type")]
    return hashlib.sha256(b"".join(f.write_csv().encode() for f in frames)).hexdigest()[:16]


def pool_row(corpus: Path, files: list[Path], out: Path) -> tuple[str, str, str, str]:
    """The process pool against one process on the same files: the same result, and how much faster."""
    names = [(f.name, None) for f in files]
    read_baseline(files)             # both runs measure parsing, not a cold disk
    start = time.perf_counter()
    parallel = parse_files(corpus, names, Stage.create(out / "stages", "parallel"), workers=os.cpu_count())
    par_s = time.perf_counter() - start
    start = time.perf_counter()
    serial = parse_files(corpus, names, Stage.create(out / "stages", "serial"), workers=1)
    serial_s = time.perf_counter() - start
    same = fingerprint(parallel) == fingerprint(serial)
    return (f"parse, {os.cpu_count()} processes ({len(names):,} files)", f"{len(names) / par_s:,.0f} files/s", "",
            f"one process: {len(names) / serial_s:,.0f} files/s; same result as serial: {same}")


def rerun_rows(raw: Path, wh: Path, extra: Path, n: int) -> list[tuple[str, str, str, str]]:
    """The no-op re-run on a loaded raw directory, then the extra files (1%) added and ingested."""
    seconds, rss, summary = timed_ingest(raw, wh)
    rows = [(f"no-op re-run on {n:,}", f"{seconds:.1f} s, peak RSS {rss:,.0f} MB", TARGETS["noop"], summary)]
    added = sorted(extra.iterdir())
    for f in added:
        os.link(f, raw / f"x{f.name}")
    seconds, rss, summary = timed_ingest(raw, wh)
    rows.append((f"incremental: {len(added):,} new files (1%) on {n:,}", f"{seconds:.1f} s, peak RSS {rss:,.0f} MB",
                 TARGETS["incremental"], summary))
    rows.append(("warehouse size", f"{wh.stat().st_size / 2**20:,.0f} MB", "", ""))
    return rows


def cached(directory: Path, n: int, write) -> Path:
    """A corpus directory written once: `write(n, directory)` runs only when its marker is missing."""
    marker = directory.with_name(directory.name + ".done")
    if not marker.exists() or marker.read_text() != str(n):
        shutil.rmtree(directory, ignore_errors=True)
        print(f"writing {n:,} reports to {directory} …", flush=True)
        start = time.perf_counter()
        write(n, directory)
        marker.write_text(str(n))
        print(f"  {time.perf_counter() - start:.0f} s", flush=True)
    return directory


def ingest_row(raw: Path, wh: Path, what: str, target: str) -> tuple[tuple[str, str, str, str], Ingest]:
    """One fresh `ogi ingest` of a raw directory, against the floor run over the same files; and
    the run's measures."""
    files = sorted(raw.iterdir())
    n = len(files)
    wh.unlink(missing_ok=True)
    floor = mixed_floor(files)
    run = timed_ingest(raw, wh)
    return (f"ingest {n:,} {what} (fresh warehouse)",
            f"{run.seconds:.1f} s, {n / run.seconds:,.0f} files/s, peak RSS {run.rss_mb:,.0f} MB", target,
            f"{run.seconds / floor:.1f}x the floor's time (every file read and run through its format's floor "
            f"on {os.cpu_count()} processes: {floor:.1f} s, {n / floor:,.0f} files/s); {run.summary}"), run


def year_rows(a: argparse.Namespace, scans: Scans | None) -> list[tuple[str, str, str, str]]:
    """A national year (bench/year.py): the corpus in its shares ingested (scans aside), each
    category's parse on one core (CPU time), and 100,000 reports projected onto machines like this
    one from those CPU times, the ingest's time around its parse step added in the proportion this
    run shows (CPU time, because the wall time of a shared machine measures its load)."""
    if scans is None:
        return []
    shares = a.year_shares
    tag = "-".join(f"{c}{v}" for c, v in shares.items())
    raw = cached(a.out / f"year-{a.year_n}-{tag}", a.year_n, lambda k, d: write_year_corpus(k, d, shares))
    files = sorted(raw.iterdir())
    by_category = {c: [f for f in files if f.name.startswith(c + "-")] for c in SHARES if c != "scan"}
    mix = ", ".join(f"{NAMES[c]} {len(fs)}" for c, fs in by_category.items())
    row, run = ingest_row(raw, a.out / "wh-year.duckdb", f"files of a national year's mix ({mix})", "")
    costs = {c: category_cost(fs[:a.year_sample]) for c, fs in by_category.items()} | {"scan": scans.per_report}
    p = Projection(shares, costs, run.seconds / run.parse_seconds)
    spent = ", ".join(f"{NAMES[c]} {cost * 1000:,.0f} ms ({p.category_hours(c) / p.hours:.0%})"
                      for c, cost in costs.items())
    wall = YEAR * (1 - shares["scan"] / 100) / (len(files) / run.seconds) / 3600 + p.category_hours("scan")
    assumed = ", ".join(f"{NAMES[c]} {v} %" for c, v in shares.items())
    return [row,
            (f"national year, CPU a report by category (parse on one core, up to {a.year_sample} files each; "
             "scans: the OCR row)", f"{sum(shares[c] * costs[c] for c in costs) * 10:,.0f} ms a report on average",
             "", f"{spent} (in brackets: the category's share of the year)"),
            (f"national year: {YEAR:,} reports ({assumed}; assumed, bench/year.py says why)",
             f"{p.hours:.1f} h on this {p.cores}-core machine", f"a {WINDOW_HOURS} h nightly window",
             f"{p.workers} such workers (bucket_job partitions on Celery or Kubernetes, issue 14); scans "
             f"{p.category_hours('scan'):.1f} h ({shares['scan'] * YEAR // 100:,} x {scans.per_report:.0f} CPU-s "
             f"on {p.cores} cores), the rest {p.hours - p.category_hours('scan'):.1f} h (their parse CPU x "
             f"{p.overhead:.2f}, the ingest's wall time over its parse step's); at this run's ingest wall rate "
             f"(the machine's load included) {wall:.1f} h")]


def category_cost(files: list[Path]) -> float:
    """CPU seconds a file of these on one core, read from disk, after a warm-up."""
    _read_and(parse_bytes, files[:2])
    start = time.process_time()
    _read_and(parse_bytes, files)
    return (time.process_time() - start) / len(files)


def real_rows(a: argparse.Namespace) -> list[tuple[str, str, str, str]]:
    n, n_extra = a.n, max(1, a.n // 100)
    corpus = cached(a.out / f"real-{n}", n, write_real_corpus)
    extra = cached(a.out / f"real-{n}-extra", n_extra, lambda k, d: write_real_corpus(k, d, start=n))
    texts = cached(a.out / f"real-text-{a.text_n}", a.text_n,
                   lambda k, d: write_real_corpus(k, d, formats={"txt": 100}))
    files = sorted(corpus.iterdir())
    rows = format_rows(corpus, a.per_format)
    rows += all_pdf_rows(a.pdf_dir)
    scans, ocr_rows = scan_rows(a.scan_dir, a.scan_sample)
    rows += ocr_rows
    rows.append(pool_row(corpus, files[:a.per_format * 5], a.out))
    rows.append(ingest_row(subset(texts, a.text_n, a.out / f"raw-text-{a.text_n}"), a.out / "wh-text.duckdb",
                           "real-sized text files", TARGETS["ingest_text"])[0])
    mix = ", ".join(f"{fmt} {sum(f.suffix == '.' + fmt for f in files) / len(files):.0%}" for fmt in FORMATS)
    raw, wh = subset(corpus, n, a.out / f"raw-real-{n}"), a.out / f"wh-real-{n}.duckdb"
    rows.append(ingest_row(raw, wh, f"real-sized files, mixed ({mix})", "")[0])
    return rows + rerun_rows(raw, wh, extra, n) + year_rows(a, scans)


def synthetic_rows(a: argparse.Namespace) -> list[tuple[str, str, str, str]]:
    """The earlier benchmark's rows: short synthetic texts (bench/corpus.py write_corpus) at --sizes."""
    sizes = [int(s) for s in a.sizes.split(",")]
    biggest = max(sizes)
    corpus = cached(a.out / f"corpus-{biggest}", biggest, lambda k, d: write_corpus(k, d, seed=1))
    extra = cached(a.out / "corpus-extra", max(1, biggest // 100), lambda k, d: write_corpus(k, d, seed=2))
    files = sorted(corpus.iterdir())
    sample = files[:2000]
    base = read_baseline(sample)
    raws = [f.read_bytes() for f in sample]
    for raw in raws[:50]:            # warm-up: the gazetteer and the regex caches load once per process
        parse_bytes(raw)
    start = time.perf_counter()
    for raw in raws:
        parse_bytes(raw)
    rate = len(sample) / (time.perf_counter() - start)
    rows = [(f"synthetic: parse, one core ({len(sample):,} reports)", f"{rate:,.0f} reports/s/core", TARGETS["parse"],
             f"reading the same files: {len(sample) / base:,.0f} files/s"),
            pool_row(corpus, files[:10000], a.out)]
    for n in sizes:
        raw = subset(corpus, n, a.out / f"raw-{n}")
        wh = a.out / f"wh-{n}.duckdb"
        wh.unlink(missing_ok=True)
        base = read_baseline(sorted(raw.iterdir()))
        seconds, rss, summary = timed_ingest(raw, wh)
        target = TARGETS["ingest_100000"] if n == 100000 else ""
        rows.append((f"synthetic: ingest {n:,} reports (fresh warehouse)", f"{seconds:.1f} s, peak RSS {rss:,.0f} MB",
                     target, f"{n / seconds:,.0f} reports/s; read-only baseline {base:.1f} s; {summary}"))
        if n == biggest:
            rows += rerun_rows(raw, wh, extra, n)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=5000, help="files in the mixed end-to-end run (default 5,000)")
    ap.add_argument("--text-n", type=int, default=20000, help="files in the text-only end-to-end run (default 20,000)")
    ap.add_argument("--per-format", type=int, default=100,
                    help="files of each format parsed on one core (default 100; 5x as many for the pool row)")
    ap.add_argument("--synthetic", action="store_true", help="the earlier rows on synthetic texts instead")
    ap.add_argument("--sizes", default="1000,10000,100000", help="--synthetic: ingest sizes")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    ap.add_argument("--results", type=Path, help="default bench/results.md (--synthetic: bench/results-synthetic.md)")
    ap.add_argument("--pdf-dir", type=Path, default=ROOT.parent / "shared" / "real")
    ap.add_argument("--only-pdf", action="store_true", help="only the real-PDF rows, printed (results.md is kept)")
    ap.add_argument("--scan-dir", type=Path, default=ROOT / "tests" / "fixtures" / "scans")
    ap.add_argument("--scan-sample", type=int, default=6, help="scans OCR'd for the scan row (default 6, spread evenly)")
    ap.add_argument("--only-scan", action="store_true", help="only the scan row, printed (results.md is kept)")
    ap.add_argument("--year-n", type=int, default=1000, help="files in the national year's ingest (default 1,000)")
    ap.add_argument("--year-shares", type=parse_shares, default=SHARES,
                    help="the national year's shares in percent, e.g. html=50,pdf=25,docx=5,doc=5,txt=10,scan=5")
    ap.add_argument("--year-sample", type=int, default=20, help="files of each category parsed on one core (default 20)")
    ap.add_argument("--only-year", action="store_true", help="only the scan and national-year rows, printed")
    ap.add_argument("--note", default="", help="a line for results.md under the machine (e.g. the load)")
    a = ap.parse_args()
    if a.only_pdf or a.only_scan or a.only_year:
        if a.only_pdf:
            rows = all_pdf_rows(a.pdf_dir)
        else:
            scans, rows = scan_rows(a.scan_dir, a.scan_sample)
            rows += year_rows(a, scans) if a.only_year else []
        print("\n".join(f"| {m} | {r} | {t} | {n} |" for m, r, t, n in rows))
        return
    speed_before, load_before = cpu_speed(), os.getloadavg()[0]
    rows = synthetic_rows(a) if a.synthetic else real_rows(a)
    table = ["| measure | result | target | notes |", "|---|---|---|---|"]
    table += [f"| {m} | {r} | {t} | {n} |" for m, r, t, n in rows]
    command = "`make bench`" if not a.synthetic else "`bench/bench.py --synthetic`"
    text = "\n".join([
        "# Benchmark results", "",
        f"Machine: {machine()}", f"Measured: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} with {command}",
        f"CPU speed check (pure-Python loop, million steps/s): {speed_before:.1f} before, {cpu_speed():.1f} after; "
        f"load average (1 min): {load_before:.1f} before, {os.getloadavg()[0]:.1f} after",
        *([a.note] if a.note else []), "",
        *table, ""])
    results = a.results or ROOT / "bench" / ("results-synthetic.md" if a.synthetic else "results.md")
    results.write_text(text + "\nAnalysis of these numbers: docs/performance.md.\n")
    print(text)


if __name__ == "__main__":
    main()
