"""The PDF reader's text and flags (formats/pdf.py read) on every PDF with a text layer at hand, to
show that a change to its speed leaves them as they were: `python bench/pdf_check.py --write
before.pkl`, change the code, then `--check before.pkl`. bench/snapshot_parse.py checks texts and
pages only; this holds the real PDFs (../shared/real, real2), the converted ones (../shared/conv)
and the producer fixtures (tests/producers)."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpus import SHARED  # noqa: E402
from snapshot_parse import arguments, outputs, write_or_check  # noqa: E402

from pipeline.parsing.formats import pdf  # noqa: E402


def pdfs() -> list[tuple[str, bytes]]:
    files = [f for d in ("real", "real2", "conv") for f in sorted((SHARED / d).glob("*.pdf"))]
    files += sorted((ROOT / "tests" / "producers").glob("*.pdf"))
    return [(f"{f.parent.name}/{f.name}", f.read_bytes()) for f in files if not f.stem.endswith("_scan")]


def main() -> None:
    a = arguments(__doc__).parse_args()
    write_or_check(outputs(pdfs(), lambda raw, _: repr(pdf.read(raw))), a.write, a.check)


if __name__ == "__main__":
    main()
