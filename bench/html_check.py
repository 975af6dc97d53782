"""The HTML reader's text (formats/html.py to_text) on every page at hand, to show that a change to
its speed leaves the text as it was: `python bench/html_check.py --write before.pkl`, change the
code, then `--check before.pkl`. bench/snapshot_parse.py checks whole reports but holds few pages;
this holds the bench corpus's pages (written to --pages, as bench/corpus.py writes them), the real
page, every gold report in every variation of tests/html_pages.py and synthetic pages."""
from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpus import SHARED, write_real_corpus  # noqa: E402
from snapshot_parse import arguments, outputs, write_or_check  # noqa: E402

from pipeline.parsing.formats import html  # noqa: E402
from tests import html_pages, synth  # noqa: E402


def pages(bench_pages: Path, n_synth: int) -> list[tuple[str, bytes]]:
    if not bench_pages.exists():
        write_real_corpus(300, bench_pages, formats={"html": 100})
    cases = [(f"bench/{p.name}", p.read_bytes()) for p in sorted(bench_pages.glob("*.html"))]
    cases.append(("real2/pt_6h.html", (SHARED / "real2" / "pt_6h.html").read_bytes()))
    golds = sorted((SHARED / "gold").glob("*/*.json"))
    for gold in golds:
        for name in html_pages.CATALOGUE:
            cases.append((f"catalogue/{gold.stem}/{name}", html_pages.case(gold, name)[1]))
    for i in range(n_synth):
        rng = random.Random(2000 + i)
        cases.append((f"synth/{i}", synth.render_html(synth.random_report(rng), rng, noise=i % 2 == 0)))
    return cases


def main() -> None:
    ap = arguments(__doc__)
    ap.add_argument("--pages", type=Path, default=ROOT / "bench" / "out" / "html-check-pages")
    ap.add_argument("--synth", type=int, default=300)
    a = ap.parse_args()
    got = outputs(pages(a.pages, a.synth), lambda raw, _: html.to_text(html.decode_page(raw)))
    write_or_check(got, a.write, a.check)

if __name__ == "__main__":
    main()
