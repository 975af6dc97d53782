"""Regenerate tests/fixtures/doc: every visible gold report as a legacy Word (.doc) file, gzipped.

Each gold report is rendered as a web page (tests/html_pages.py) in a few page styles, and the
page goes through LibreOffice as ../shared/conv/SOURCES.md says a published .doc is made: opened
in Writer and saved as Word 2007 XML, then that file saved as "MS Word 97". tests/test_doc.py
parses each file back to its gold. Needs `soffice` (Debian's libreoffice-writer-nogui); CI
does not, it reads the committed files.

    .venv/bin/python tools/make_doc_fixtures.py
"""
from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.html_pages import CATALOGUE, case  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "doc"
GOLD = sorted((ROOT.parent / "shared" / "gold").glob("*/*.json"))
# page styles with real tables (spans, blanks, header rows, the report inside layout tables) or
# none (text tables); each report is rendered in STYLES_PER_REPORT of them, in turn. Left out:
# styles with hidden (display:none) cells or tables, which LibreOffice shows (docs/variations.md, ## DOC).
STYLES = ("cms", "first-only-layout-tables", "merged-null-runs", "flat-header-word-export",
          "heading-row-gb2312", "blank-totals-heading-row", "bare-word-cells", "h1-split-cells",
          "blank-totals", "text-tables")
STYLES_PER_REPORT = 2
# ... and split-table-three for these reports: LibreOffice pads its ragged second table with empty
# cells, and a .doc lays both tables on one grid (grid.py's _unpadded).
RAGGED = ("real2/pt_7", "real2/pt_13")


def fixture_name(gold: Path, style: str) -> str:
    return f"{gold.parent.name}__{gold.stem}__{style}"


def _soffice(args: list[str], workdir: Path) -> None:
    """One LibreOffice run over many files; its own profile, so it never meets a running one."""
    profile = (workdir / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", *args],
                   cwd=workdir, check=True, capture_output=True, timeout=1800)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pages = []
        for i, gold in enumerate(GOLD):
            styles = [STYLES[(i + k * len(STYLES) // STYLES_PER_REPORT) % len(STYLES)] for k in range(STYLES_PER_REPORT)]
            if f"{gold.parent.name}/{gold.stem}" in RAGGED:
                styles.append("split-table-three")
            for style in styles:
                page = work / f"{fixture_name(gold, style)}.html"
                page.write_bytes(case(gold, style)[1])
                pages.append(page)
        _soffice(["--infilter=HTML (StarWriter)", "--convert-to", "docx:MS Word 2007 XML",
                  *(p.name for p in pages)], work)
        _soffice(["--convert-to", "doc:MS Word 97", *(p.with_suffix(".docx").name for p in pages)], work)
        shutil.rmtree(OUT, ignore_errors=True)
        OUT.mkdir(parents=True)
        for page in pages:                # gzipped: a .doc is mostly empty sectors (70 KB -> 9 KB)
            doc = page.with_suffix(".doc")
            (OUT / f"{doc.name}.gz").write_bytes(gzip.compress(doc.read_bytes(), 9, mtime=0))
    print(f"{len(pages)} files, {sum(f.stat().st_size for f in OUT.iterdir()) / 1e6:.1f} MB in {OUT}")


if __name__ == "__main__":
    assert set(STYLES) <= set(CATALOGUE)
    main()
