"""Regenerate the scan fixtures of tests/fixtures/scans: reports printed and scanned back.

Each source PDF (the real ones in ../shared/real, and reports drawn by tests/pdfgen.py) goes
through the recipe of ../shared/conv/SOURCES.md: `pdftoppm -r 150 -gray`, ImageMagick's
`convert -rotate 0.6 -attenuate 0.4 +noise Gaussian -quality 70`, `img2pdf --pagesize A4`
(image only, no text layer). Then the OCR engine reads each scan once and its words and rulings
are recorded (NAME.ocr.json) so that most tests replay them instead of spending ~5 CPU-s a page.
A generated report's cells are written as NAME.gold.json (the parser's JSON cells).

Needs poppler-utils, imagemagick and img2pdf (Debian); CI needs none of them: the outputs are
committed. Run from the checkout: .venv/bin/python tools/make_scans.py [--record-only]
"""
from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.parsing.formats.ocr import recognise  # noqa: E402
from tests.pdfgen import render_pdf  # noqa: E402
from tests.synth import expected_json, random_report  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "scans"
REAL = ROOT.parent / "shared" / "real"
CONV = [ROOT.parent / "shared" / "conv" / "pt_6h_scan.pdf"]
GENERATED = {"gen_2021": (7, "2021"), "gen_2019": (11, "2019")}     # name: (seed, template)


def scan(pdf: bytes) -> bytes:
    """The PDF printed and scanned back, as ../shared/conv/pt_6h_scan.pdf was made."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src.pdf"
        src.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "150", "-gray", str(src), f"{tmp}/page"], check=True)
        pages = sorted(Path(tmp).glob("page*.pgm"))
        jpegs = []
        for page in pages:
            jpeg = page.with_suffix(".jpg")
            subprocess.run(["convert", str(page), "-rotate", "0.6", "-attenuate", "0.4", "+noise", "Gaussian",
                            "-quality", "70", str(jpeg)], check=True)
            jpegs.append(str(jpeg))
        return subprocess.run(["img2pdf", "--pagesize", "A4", *jpegs], check=True, capture_output=True).stdout


def record(name: str, raw: bytes) -> None:
    recording = recognise(raw)
    (OUT / f"{name}.ocr.json").write_text(json.dumps(recording.to_json(), ensure_ascii=False, separators=(",", ":")),
                                          encoding="utf-8")
    print(f"{name}: {recording.pages} pages, read {sorted(recording.words)} in {recording.seconds:.0f} CPU-s")


def write(name: str, pdf: bytes) -> None:
    """The scan of `pdf` and its recording; with --record-only, the committed scan re-recorded
    (after a change to the OCR step: the scans themselves stay as they are)."""
    if "--record-only" in sys.argv:
        record(name, (OUT / f"{name}.pdf").read_bytes())
        return
    raw = scan(pdf)
    (OUT / f"{name}.pdf").write_bytes(raw)
    record(name, raw)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for path in CONV:       # scans made elsewhere: only their reading is recorded
        record(path.stem, path.read_bytes())
    for name, (seed, template) in GENERATED.items():
        rep = random_report(random.Random(seed), template)
        gold = {"agency_names": [rep.agency], "report_year": rep.year, "template_version": template,
                **expected_json(rep)}
        (OUT / f"{name}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
        write(name, render_pdf(rep, random.Random(seed)))
    for path in sorted(REAL.glob("*.pdf")):
        write(path.stem, path.read_bytes())


if __name__ == "__main__":
    main()
