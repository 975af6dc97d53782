"""Writes tests/producers/: every visible gold report, rendered as a web page (tests/html_pages.py),
put through the tools that governments and crawlers publish with (../shared/conv/SOURCES.md):

- ``chromepdf.pdf``: Chromium's print to PDF of the page;
- ``chromelandscape.pdf``: the page printed on landscape A4 with narrow margins, as a site's print
  style sheet asks (``@page``): wider columns, the page breaks elsewhere in the tables;
- ``chromespaced.pdf``: the page printed with its table cells letter-spaced (CSS ``letter-spacing``,
  as a word processor's spread text sets labels: ``2 . 其 他``);
- ``chromenoborder.pdf``: the page printed with its tables' borders dropped (a CMS page that draws its
  rules as cell backgrounds, or in CSS a print style sheet overrides: the PDF's tables have no ruling);
- ``lodocx.docx``: the page opened in LibreOffice Writer and saved as Word;
- ``lopdf.pdf``: that Word file exported to PDF;
- ``lowebpdf.pdf``: the page exported by Writer/Web straight to PDF;
- ``pdftotext.txt``: ``pdftotext -layout`` of the Chromium PDF;
- ``chromestyle_pdftotext.txt``: ``pdftotext -layout`` of the Chromium PDF of the page in another
  style (OTHER_STYLES, a few reports);
- ``pdftotext_raw.txt``: ``pdftotext`` without -layout (text in content order), of the same PDF;
- ``lopdf_pdftotext.txt``, ``lowebpdf_pdftotext.txt``: ``pdftotext -layout`` of the Writer PDFs kept;
- ``chromestyle_pdftotext_raw.txt``: ``pdftotext`` without -layout of the Chromium PDF of the page
  in another of STYLES than the report's own (CHROME_STYLES: its drawing order of table 三 and 四 differs);
- ``markitdown.md``: markitdown's Markdown of the same PDF (pipe tables where it finds some);
- ``realpdf_markitdown.md``, ``realpdf_pdftotext_raw.txt``: the same two converters of the real
  PDFs of ../shared/real (as others turn real reports into text).

CI has none of these tools: the outputs are committed, and tests/test_producers.py parses each to
its gold. Each report gets one page style (STYLES, in turn), so the fixtures cover the label layouts
of table 三 without the cost of every style times every report. The texts and Word files of every
report are kept; a PDF embeds its CJK font subset (Chromium's ~500 KB, Writer's ~120 KB), so only
every PDF_EVERY-th report's PDFs are (the producers in turn), and the Writer PDFs of WRITER_PDFS,
unless --all-pdfs. Needs Debian's
chromium, libreoffice-writer-nogui, poppler-utils and fonts-noto-cjk, and markitdown (a tool to make fixtures,
not a dependency of the project: `python3 -m venv /tmp/md && /tmp/md/bin/pip install "markitdown[pdf]"`):

    .venv/bin/python tools/make_producer_fixtures.py [--only STEM ...] [--out DIR] [--all-pdfs] [--markitdown PATH]
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import zlib
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.html_pages import CATALOGUE, render  # noqa: E402  (the repo's root is put on the path above)

GOLD = ROOT.parent / "shared" / "gold"
REAL = ROOT.parent / "shared" / "real"
OUT = ROOT / "tests" / "producers"
# Page styles whose cells are the gold's as they stand (no blanked totals, no stale hidden tables:
# Writer imports display:none content), one per report in turn; all written as UTF-8 (a browser
# shows the page the same whatever its encoding, and reads a UTF-16 page without BOM as junk).
STYLES = ("cms", "h1-split-cells", "flat-header-word-export", "heading-row-gb2312", "first-only-layout-tables",
          "merged-null-runs", "bare-word-cells", "split-table-three")
PDFS = ("chromepdf", "lopdf", "lowebpdf")
PDF_EVERY = 7           # report i keeps the PDF of producer PDFS[(i // PDF_EVERY) % 3] when i % PDF_EVERY == 0…2
# PDFs kept beside those in turn: prints whose table 三 a page break cuts inside a row, its first
# lines (`(五)不予 1.`, `1.`) at one page's foot and the rest atop the next (pdf_fast.join_cut_rows)
ALSO_KEPT = {"real2_pt_7": "chromepdf", "real2_pt_5": "chromelandscape"}
# Chromium's prints of the page under a print style sheet: report i has the one whose number is
# i % PDF_EVERY (producer: number, style sheet)
PRINT_STYLES = {"chromelandscape": (5, "<style>@page { size: A4 landscape; margin: 8mm }</style>"),
                "chromespaced": (6, "<style>td { letter-spacing: 0.4em }</style>"),
                "chromenoborder": (4, "<style>table, td, th { border: none !important } "
                                      "table { border-collapse: collapse !important }</style>")}


# Writer's PDFs kept beyond the rotation (with their pdftotext -layout text): reports whose Writer
# layout shows what the rotation's do not, found by making every report's (--all-pdfs): the 2019
# form's wrapped labels (pt_10, pt_3, pt_4), pages clipped at the left edge too (pt_18, seeds_002's
# Writer/Web), padded rows (pt_7), values apart from labels (pt_5, pt_8), a real report (kiro_1),
# section 二's clauses past the edge (seeds_000, pt_16).
WRITER_PDFS = {"real2_pt_10": ("lopdf", "lowebpdf"), "real2_pt_18": ("lopdf",), "real2_pt_5": ("lopdf", "lowebpdf"),
               "real2_pt_7": ("lopdf",), "seeds_002_cff4ace8f11033c3": ("lowebpdf",), "real2_pt_8": ("lopdf",),
               "real_kiro_1": ("lowebpdf",), "seeds_000_5f12d2b1ea74e05c": ("lowebpdf",), "real2_pt_3": ("lopdf",),
               "real2_pt_16": ("lowebpdf",), "real2_pt_4": ("lopdf",)}


# Reports whose page is also printed in another style, for pdftotext's raw text of it: table 三 in
# two tables, its values drawn before their labels and items' numbers apart from their words (pt_10);
# section 五's heading drawn before 四's (kiro_2)
CHROME_STYLES = {"real2_pt_10": "split-table-three", "real_kiro_2": "h1-split-cells"}
# Reports also printed in a second page style, only their pdftotext -layout text kept: styles whose
# text loses rows the report's own style keeps (cms: a group label's cell over rows whose labels
# pdftotext runs together, 3.4.危及…, their values scattered; the rows after them are read by their
# own lines), so the maintainers' unseen pages in any style are tested.
OTHER_STYLES = {"real_kiro_2": "cms", "real2_pt_13": "first-only-layout-tables", "real2_pt_19": "heading-row-gb2312"}


def golds() -> list[Path]:
    return sorted(GOLD.glob("*/*.json"))


def style_of(index: int) -> str:
    return STYLES[index % len(STYLES)]


def kept_pdfs(index: int, stem: str) -> set[str]:
    """The PDFs committed for report `index`: about one report in PDF_EVERY for each producer, and
    those of WRITER_PDFS and ALSO_KEPT."""
    turn = {PDFS[(index % PDF_EVERY + index // PDF_EVERY) % len(PDFS)]} if index % PDF_EVERY < len(PDFS) else set()
    return turn | set(WRITER_PDFS.get(stem, ())) | {ALSO_KEPT.get(stem)} & set(PDFS)


def styled(page: bytes, style: str) -> bytes:
    """The page with a style sheet added."""
    return page.replace(b"</head>", style.encode() + b"</head>", 1)


def web_page(index: int, gold: Path, style: str | None = None) -> bytes:
    """Report `index` (of golds()) as a web page in its style (or `style`), always the same bytes."""
    style = style or style_of(index)
    variation = replace(CATALOGUE[style], encoding="utf-8")
    raw, _, _ = render(json.loads(gold.read_text(encoding="utf-8")), variation,
                       random.Random(zlib.crc32(f"{gold.stem}/{style}".encode())))
    return raw


def print_to_pdf(page: Path, pdf: Path, work: Path) -> None:
    """Chromium's print to PDF of a page (its profile in `work`)."""
    _run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
          f"--user-data-dir={work / 'chromium'}", f"--print-to-pdf={pdf}", page.as_uri()])


def _run(cmd: list[str], **kw) -> None:
    subprocess.run(cmd, check=True, capture_output=True, timeout=300, **kw)


def _soffice(args: list[str], outdir: Path, profile: Path) -> None:
    """One headless Writer of our own (its own profile: other users' Writers do not collide)."""
    _run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", *args, "--outdir", str(outdir)])


def _markdown(markitdown: str, pdf: Path, target: Path) -> None:
    target.write_bytes(subprocess.run([markitdown, str(pdf)], check=True, capture_output=True, timeout=300).stdout)


def make(stems: set[str] | None, out: Path, all_pdfs: bool, markitdown: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pages, keep = [], {}
        for i, path in enumerate(golds()):
            stem = f"{path.parent.name}_{path.stem}"
            if stems and stem not in stems:
                continue
            page = work / f"{stem}.html"
            page.write_bytes(web_page(i, path))
            pages.append(page)
            keep[stem] = set(PDFS) if all_pdfs else kept_pdfs(i, stem)
            chrome = work / f"{stem}_chromepdf.pdf"
            print_to_pdf(page, chrome, work)
            for producer, (number, style) in PRINT_STYLES.items():
                if all_pdfs or i % PDF_EVERY == number or ALSO_KEPT.get(stem) == producer:
                    variant = work / producer / page.name
                    variant.parent.mkdir(exist_ok=True)
                    variant.write_bytes(styled(page.read_bytes(), style))
                    print_to_pdf(variant, out / f"{stem}_{producer}.pdf", work)
            _run(["pdftotext", "-layout", "-enc", "UTF-8", str(chrome), str(out / f"{stem}_pdftotext.txt")])
            _run(["pdftotext", "-enc", "UTF-8", str(chrome), str(out / f"{stem}_pdftotext_raw.txt")])
            _markdown(markitdown, chrome, out / f"{stem}_markitdown.md")
            for styles, options, suffix in ((CHROME_STYLES, [], "chromestyle_pdftotext_raw.txt"),
                                            (OTHER_STYLES, ["-layout"], "chromestyle_pdftotext.txt")):
                if stem in styles:
                    other = work / suffix / page.name
                    other.parent.mkdir(exist_ok=True)
                    other.write_bytes(web_page(i, path, styles[stem]))
                    print_to_pdf(other, other.with_suffix(".pdf"), work)
                    _run(["pdftotext", *options, "-enc", "UTF-8", str(other.with_suffix(".pdf")), str(out / f"{stem}_{suffix}")])
        profile = work / "lo-profile"
        names = [str(p) for p in pages]
        _soffice(["--infilter=HTML (StarWriter)", "--convert-to", "docx:MS Word 2007 XML", *names], work, profile)
        _soffice(["--convert-to", "pdf", *(str(p.with_suffix(".docx")) for p in pages)], work / "lopdf", profile)
        _soffice(["--convert-to", "pdf:writer_web_pdf_Export", *names], work / "lowebpdf", profile)
        for page in pages:
            shutil.copy(page.with_suffix(".docx"), out / f"{page.stem}_lodocx.docx")
            made = {"chromepdf": work / f"{page.stem}_chromepdf.pdf", "lopdf": work / "lopdf" / f"{page.stem}.pdf",
                    "lowebpdf": work / "lowebpdf" / f"{page.stem}.pdf"}
            for producer in keep[page.stem]:
                shutil.copy(made[producer], out / f"{page.stem}_{producer}.pdf")
                if producer != "chromepdf":     # the Chromium PDF's text is made for every report, above
                    _run(["pdftotext", "-layout", "-enc", "UTF-8", str(made[producer]),
                          str(out / f"{page.stem}_{producer}_pdftotext.txt")])
    for pdf in sorted(REAL.glob("*.pdf")):
        if not stems or f"real_{pdf.stem}" in stems:
            _run(["pdftotext", "-enc", "UTF-8", str(pdf), str(out / f"real_{pdf.stem}_realpdf_pdftotext_raw.txt")])
            _markdown(markitdown, pdf, out / f"real_{pdf.stem}_realpdf_markitdown.md")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", help="report stems (e.g. real2_pt_3); default: all")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--all-pdfs", action="store_true", help="every report's PDFs (~25 MB: to measure)")
    parser.add_argument("--markitdown", default="markitdown", help="the markitdown command")
    args = parser.parse_args()
    make(set(args.only or ()), args.out, args.all_pdfs, args.markitdown)
