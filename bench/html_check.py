"""The HTML reader's text (formats/html.py to_text) on every page at hand, to show that a change to
its speed leaves the text as it was: `python bench/html_check.py --write before.pkl`, change the
code, then `--check before.pkl`. bench/snapshot_parse.py checks whole reports but holds few pages;
this holds the bench corpus's pages (written to --pages, as bench/corpus.py writes them), the real
page, every gold report in every variation of tests/html_pages.py and synthetic pages."""
from __future__ import annotations

import argparse
import pickle
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpus import SHARED, write_real_corpus  # noqa: E402

from pipeline.parsing import ParseError  # noqa: E402
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


def texts(cases: list[tuple[str, bytes]]) -> dict[str, str]:
    out = {}
    for name, raw in cases:
        try:
            out[name] = html.to_text(html.decode_page(raw))
        except ParseError as exc:
            out[name] = f"ParseError({exc.reason!r}, {exc.detail!r})"
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--write", type=Path)
    ap.add_argument("--check", type=Path)
    ap.add_argument("--pages", type=Path, default=ROOT / "bench" / "out" / "html-check-pages")
    ap.add_argument("--synth", type=int, default=300)
    a = ap.parse_args()
    got = texts(pages(a.pages, a.synth))
    if a.write:
        a.write.write_bytes(pickle.dumps(got))
        print(f"{len(got)} texts written to {a.write}")
    if a.check:
        want = pickle.loads(a.check.read_bytes())
        differ = [k for k in want if got.get(k) != want[k]] + [k for k in got if k not in want]
        for k in differ[:5]:
            print(f"DIFFERS {k}\n  before: {want.get(k)!r:.600}\n  after:  {got.get(k)!r:.600}")
        print(f"{len(got) - len(differ)}/{len(want)} identical")
        sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
