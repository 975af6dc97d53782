"""Regenerate the scan fixtures of tests/fixtures/scans: reports printed and scanned back.

The sources: the real PDFs of ../shared/real and reports drawn by tests/pdfgen.py, scanned as
../shared/conv/SOURCES.md says pt_6h_scan.pdf was (AS_CONV: `pdftoppm -r 150 -gray`, ImageMagick
turns the page 0.6°, adds Gaussian noise, JPEG at quality 70; `img2pdf --pagesize A4`, image only);
and every other visible gold report (../shared/gold/seeds, real2, named SET_STEM) as Chromium
prints its web page (tools/make_producer_fixtures.py), scanned smaller (COMPACT): printed at 75 %
(as a report's 9 to 10.5 pt tables, not a browser's 12 pt: narrow columns, thin rules, digits
against them), the light grey turned white after the noise (a scanner's background removal: a
noisy white page costs 200 KB of JPEG, a clean one 70 KB; the ink keeps its noise), JPEG at
quality 40: ~270 KB a report. VARIANTS are gold reports scanned another way (NAME.VARIANT: a
scanner's blur, BLURRED, or
light-grey rules, of a PDF committed in tests/producers/). Then the OCR engine reads each
scan once and its words and rulings are recorded (NAME.ocr.json) so that most tests replay them instead of spending ~5 CPU-s a page;
only the pages up to the last one OCR read are kept (the pages after the tables, which the
pipeline skips, would only weigh; the real and pdfgen scans were committed whole, before this
cut). A generated report's cells are written as NAME.gold.json (the parser's JSON cells).

Needs poppler-utils, imagemagick, img2pdf and chromium (Debian); CI needs none of them: the
outputs are committed. Run from the checkout (OCR: ~5 CPU-s a page, ~20 CPU-minutes in all):

    .venv/bin/python tools/make_scans.py [--record-only] [--only NAME ...]
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.parsing.formats.ocr import Recording, recognise  # noqa: E402
from tests.pdfgen import render_pdf  # noqa: E402
from tests.synth import expected_json, random_report  # noqa: E402
from tools.make_producer_fixtures import golds, print_to_pdf, web_page  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "scans"
REAL = ROOT.parent / "shared" / "real"
CONV = [ROOT.parent / "shared" / "conv" / "pt_6h_scan.pdf"]
GENERATED = {"gen_2021": (7, "2021"), "gen_2019": (11, "2019")}     # name: (seed, template)
AS_CONV = ("-attenuate", "0.4", "+noise", "Gaussian", "-quality", "70")
COMPACT = ("-attenuate", "0.4", "+noise", "Gaussian", "-white-threshold", "85%", "-quality", "40")
# a scanner that blurs (0.9 px at 150 dpi: a thin border printed grey comes out near grey 170, lighter
# than ocr.INK), of a report printed by Chromium at full size (tests/producers/, committed)
NOISY = ("-attenuate", "0.4", "+noise", "Gaussian", "-quality", "40")        # COMPACT's light grey kept
BLURRED = ("-blur", "0x0.9", *NOISY)
VARIANTS = {"real2_pt_15.blurred": (ROOT / "tests" / "producers" / "real2_pt_15_chromepdf.pdf", BLURRED),
            # a web page's table ruled in light grey (#eee: ~12 grey levels under the paper once scanned)
            "real2_pt_18.light": (ROOT / "tests" / "producers" / "real2_pt_18_chromelandscape.pdf", NOISY)}
PRINT = b"<style>@page { size: A4; margin: 12mm } html { zoom: 0.75 }</style>"       # COMPACT's print


def _pages(pdf: bytes, tmp: Path, seed: int, recipe: tuple[str, ...]) -> list[Path]:
    """The PDF's pages printed and scanned back (JPEG files), as ../shared/conv/pt_6h_scan.pdf was made."""
    src = tmp / "src.pdf"
    src.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "150", "-gray", str(src), f"{tmp}/page"], check=True)
    jpegs = []
    for k, page in enumerate(sorted(tmp.glob("page*.pgm"))):
        jpeg = page.with_suffix(".jpg")
        subprocess.run(["convert", str(page), "-seed", str(seed + k), "-rotate", "0.6", *recipe, str(jpeg)], check=True)
        jpegs.append(jpeg)
    return jpegs


def _pack(jpegs: list[Path]) -> bytes:
    return subprocess.run(["img2pdf", "--pagesize", "A4", *map(str, jpegs)], check=True, capture_output=True).stdout


def _save(name: str, recording: Recording) -> None:
    (OUT / f"{name}.ocr.json").write_text(json.dumps(recording.to_json(), ensure_ascii=False, separators=(",", ":")),
                                          encoding="utf-8")
    print(f"{name}: {recording.pages} pages, read {sorted(recording.words)} in {recording.seconds:.0f} CPU-s",
          flush=True)


def write(name: str, pdf: bytes, recipe: tuple[str, ...] = AS_CONV) -> None:
    """The scan of `pdf`, cut after the last page OCR read, and its recording; with --record-only,
    the committed scan re-recorded (after a change to the OCR step: the scans stay as they are)."""
    if ARGS.record_only:
        _save(name, recognise((OUT / f"{name}.pdf").read_bytes()))
        return
    with tempfile.TemporaryDirectory() as tmp:
        jpegs = _pages(pdf, Path(tmp), zlib.crc32(name.encode()) % 2**30, recipe)
        recording = recognise(_pack(jpegs))
        recording.pages = max(recording.words) + 1
        (OUT / f"{name}.pdf").write_bytes(_pack(jpegs[:recording.pages]))
    _save(name, recording)


def _printed(i: int, gold: Path, stem: Path) -> bytes:
    """The gold report's web page as Chromium prints it at 75 % (PRINT)."""
    page, pdf = stem.with_suffix(".html"), stem.with_suffix(".pdf")
    page.write_bytes(web_page(i, gold).replace(b"<head>", b"<head>" + PRINT, 1))
    print_to_pdf(page, pdf, stem.parent)
    return pdf.read_bytes()


def wanted(name: str) -> bool:
    return not ARGS.only or name in ARGS.only


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for path in CONV:       # scans made elsewhere: only their reading is recorded
        if wanted(path.stem):
            _save(path.stem, recognise(path.read_bytes()))
    for name, (seed, template) in GENERATED.items():
        if wanted(name):
            rep = random_report(random.Random(seed), template)
            gold = {"agency_names": [rep.agency], "report_year": rep.year, "template_version": template,
                    **expected_json(rep)}
            (OUT / f"{name}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
            write(name, render_pdf(rep, random.Random(seed)))
    for path in sorted(REAL.glob("*.pdf")):
        if wanted(path.stem):
            write(path.stem, path.read_bytes())
    for name, (path, recipe) in VARIANTS.items():     # NAME.VARIANT: the gold report NAME scanned another way
        if wanted(name):
            write(name, path.read_bytes(), recipe)
    with tempfile.TemporaryDirectory() as tmp:      # the other gold reports, as Chromium prints their pages
        work = Path(tmp)
        for i, gold in enumerate(golds()):
            name = f"{gold.parent.name}_{gold.stem}"
            if gold.parent.name != "real" and wanted(name):       # re-recording needs no print
                write(name, b"" if ARGS.record_only else _printed(i, gold, work / name), COMPACT)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--record-only", action="store_true", help="re-record the committed scans")
    parser.add_argument("--only", nargs="*", help="fixture names (kiro_1, real2_pt_3, ...); default: all")
    ARGS = parser.parse_args()
    main()
