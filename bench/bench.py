"""The benchmark: parse throughput, end-to-end ingest at 1k/10k/100k, no-op and 1% incremental runs,
and the PDF readers against plain pypdfium2 text extraction of the same files.

    .venv/bin/python bench/bench.py [--sizes 1000,10000,100000] [--out bench/out] [--pdf-dir DIR] [--only-pdf]

Writes bench/results.md (a table against the targets, with the machine described). Timings are
reported, never asserted: this is not part of the test suite.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpus import write_corpus  # noqa: E402  (bench/ is the script's own directory)

from pipeline.parse import parse_files  # noqa: E402
from pipeline.parsing import parse_bytes  # noqa: E402
from pipeline.parsing.formats import pdf  # noqa: E402
from pipeline.stage import Stage  # noqa: E402

OGI = [sys.executable, "-c", "from assets.cli import main; main()"]
TARGETS = {"parse": "≥ 2,000 reports/s/core", "ingest_100000": "≤ 90 s, peak RSS ≤ 2 GB",
           "noop": "≤ 5 s", "incremental": "≤ 10 s", "pdf": "≤ 3x plain pypdfium2 text extraction"}


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


def timed_ingest(raw: Path, wh: Path) -> tuple[float, float, str]:
    """(seconds, peak RSS in MB of the largest process, last summary line) of one `ogi ingest`."""
    cmd = ["/usr/bin/time", "-f", "%M", *OGI, "ingest", "--raw-dir", str(raw), "--warehouse", str(wh)]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"ingest failed:\n{proc.stdout}\n{proc.stderr[-3000:]}")
    rss_kb = int(proc.stderr.strip().splitlines()[-1])
    lines = proc.stdout.splitlines()
    summary = next(ln for ln in lines if ln.startswith("files seen"))
    steps = next((ln.strip() for ln in lines if ln.strip().startswith("steps:")), "")
    return seconds, rss_kb / 1024, f"{summary}; {steps}" if steps else summary


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


def pdf_rows(pdf_dir: Path, rounds: int = 5) -> list[tuple[str, str, str, str]]:
    """PDFs/s on one core (CPU time) of the reader as used (the fast path, pdfplumber where it
    declines), of the pdfplumber reader alone and of the pypdfium2 floor, taken in turn round by
    round in this one process; the ratios are the medians of the rounds' ratios, which hold
    when the machine's speed drifts."""
    raws = [f.read_bytes() for f in sorted(pdf_dir.glob("*.pdf"))]
    if not raws:
        return []
    readers = {"reader": (pdf.to_text, 4), "pdfplumber": (pdf.plumber_text, 1), "floor": (pdfium_text, 4)}
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
    files = f"{len(raws)} PDFs in {pdf_dir.name}/, {rounds} rounds"
    return [(f"PDF, reader as used ({files})", rate("reader"), TARGETS["pdf"],
             f"{ratio('reader'):.1f}x the floor's time"),
            ("PDF, pdfplumber reader alone", rate("pdfplumber"), "", f"{ratio('pdfplumber'):.1f}x the floor's time"),
            ("PDF, floor: plain pypdfium2 text extraction", rate("floor"), "", "no positions, no tables")]


def fingerprint(stage: Stage) -> str:
    batch = stage.collect()
    frames = [batch.reports.drop("source_file").sort("report_id"), batch.application.sort("report_id", "item", "applicant_type")]
    return hashlib.sha256(b"".join(f.write_csv().encode() for f in frames)).hexdigest()[:16]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    ap.add_argument("--results", type=Path, default=ROOT / "bench" / "results.md")
    ap.add_argument("--pdf-dir", type=Path, default=ROOT.parent / "shared" / "real")
    ap.add_argument("--only-pdf", action="store_true", help="only the PDF rows, printed (results.md is kept)")
    a = ap.parse_args()
    if a.only_pdf:
        print("\n".join(f"| {m} | {r} | {t} | {n} |" for m, r, t, n in pdf_rows(a.pdf_dir)))
        return
    sizes = [int(s) for s in a.sizes.split(",")]
    speed_before = cpu_speed()
    biggest = max(sizes)
    corpus = a.out / f"corpus-{biggest}"
    extra = a.out / "corpus-extra"
    if not corpus.exists() or len(os.listdir(corpus)) != biggest:
        print(f"writing {biggest} synthetic reports …", flush=True)
        write_corpus(biggest, corpus, seed=1)
    n_extra = max(1, biggest // 100)
    if not extra.exists() or len(os.listdir(extra)) != n_extra:
        write_corpus(n_extra, extra, seed=2)
    files = sorted(corpus.iterdir())
    rows: list[tuple[str, str, str, str]] = []

    sample = files[:2000]
    base = read_baseline(sample)
    raws = [f.read_bytes() for f in sample]
    for raw in raws[:50]:            # warm-up: the gazetteer and the regex caches load once per process
        parse_bytes(raw)
    start = time.perf_counter()
    for raw in raws:
        parse_bytes(raw)
    serial = time.perf_counter() - start
    rate = len(sample) / serial
    rows.append(("parse, one core (2,000 reports)", f"{rate:,.0f} reports/s/core", TARGETS["parse"],
                 f"reading the same files: {len(sample) / base:,.0f} files/s"))

    rows += pdf_rows(a.pdf_dir)

    par_files = [(f.name, None) for f in files[:10000]]
    read_baseline(files[:10000])     # both parse rows measure parsing, not a cold disk
    start = time.perf_counter()
    parallel = parse_files(corpus, par_files, Stage.create(a.out / "stages", "parallel"), workers=os.cpu_count())
    par_s = time.perf_counter() - start
    serial = parse_files(corpus, par_files, Stage.create(a.out / "stages", "serial"), workers=1)
    same = fingerprint(parallel) == fingerprint(serial)
    rows.append((f"parse, {os.cpu_count()} processes ({len(par_files):,} reports)",
                 f"{len(par_files) / par_s:,.0f} reports/s", "", f"same result as serial: {same}"))

    for n in sizes:
        raw = subset(corpus, n, a.out / f"raw-{n}")
        wh = a.out / f"wh-{n}.duckdb"
        wh.unlink(missing_ok=True)
        base = read_baseline(sorted(raw.iterdir()))
        seconds, rss, summary = timed_ingest(raw, wh)
        target = TARGETS["ingest_100000"] if n == 100000 else ""
        rows.append((f"ingest {n:,} reports (fresh warehouse)", f"{seconds:.1f} s, peak RSS {rss:,.0f} MB", target,
                     f"{n / seconds:,.0f} reports/s; read-only baseline {base:.1f} s; {summary}"))
        if n == biggest:
            seconds, rss, summary = timed_ingest(raw, wh)
            rows.append((f"no-op re-run on {n:,}", f"{seconds:.1f} s, peak RSS {rss:,.0f} MB", TARGETS["noop"], summary))
            for f in sorted(extra.iterdir()):
                os.link(f, raw / f"x{f.name}")
            seconds, rss, summary = timed_ingest(raw, wh)
            rows.append((f"incremental: {n_extra:,} new files (1%) on {n:,}", f"{seconds:.1f} s, peak RSS {rss:,.0f} MB",
                         TARGETS["incremental"], summary))
            rows.append(("warehouse size", f"{wh.stat().st_size / 2**20:,.0f} MB", "", ""))

    table = ["| measure | result | target | notes |", "|---|---|---|---|"]
    table += [f"| {m} | {r} | {t} | {n} |" for m, r, t, n in rows]
    text = "\n".join([
        "# Benchmark results", "",
        f"Machine: {machine()}", f"Measured: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} with `make bench`",
        f"CPU speed check (pure-Python loop, million steps/s): {speed_before:.1f} before, {cpu_speed():.1f} after", "",
        *table, ""])
    a.results.write_text(text + "\nAnalysis of these numbers: docs/performance.md.\n")
    print(text)


if __name__ == "__main__":
    main()
