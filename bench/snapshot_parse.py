"""Snapshot of the parser's output on gold and generated reports, to show that a change to the
parser's speed leaves every cell, flag and metadata field as it was:
`python bench/snapshot_parse.py --write before.pkl`, change the code, then `--check before.pkl`.

The inputs are the raw gold texts (seeds, real, real2), the gold reports rendered under the layout
variations of tests/render_gold.py (glued ones included), synthetic reports in every layout
(tests/synth.py) and metadata variants (tests/metadata_variants.py). Each output is the report's
repr (Decimals as written, every flag) or the ParseError it raised.
"""
from __future__ import annotations

import argparse
import pickle
import random
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.parsing import ParseError, parse_bytes  # noqa: E402
from tests import metadata_variants, render_gold, synth  # noqa: E402
from tests.conftest import gold_cases  # noqa: E402

SHARED = ROOT.parent / "shared"


def inputs(n_variations: int, n_synth: int) -> list[tuple[str, bytes]]:
    cases: list[tuple[str, bytes]] = []
    for d in ("seeds", "real", "real2", "real/alt"):
        cases += [(f"{d}/{p.name}", p.read_bytes()) for p in sorted((SHARED / d).iterdir())
                  if p.suffix in (".txt", ".html") and p.name != "SOURCES.md"]
    golds = [gold for _, gold in gold_cases("seeds", "real", "real2")]
    rng = random.Random(14)
    for i in range(n_variations):
        v = render_gold.Variation(
            numbering=rng.choice(render_gold.NUMBERINGS), separator=rng.choice(render_gold.SEPARATORS),
            one_line=rng.random() < 0.5, units=rng.choice(render_gold.UNIT_STYLES), chrome=rng.random() < 0.5,
            review_heading=rng.randrange(len(render_gold.REVIEW_HEADINGS)), narrative=rng.random() < 0.5)
        gold = golds[i % len(golds)]
        cases.append((f"variation/{i}", render_gold.render(gold, v, random.Random(i)).encode()))
    for i in range(n_synth):
        r = random.Random(1000 + i)
        rep = synth.random_report(r, broken=i % 25 == 0)
        kind = (*synth.LAYOUTS, synth.GLUED, synth.GLUED, "html")[i % 7]
        raw = synth.render_html(rep, r) if kind == "html" else synth.render(rep, kind, r).encode()
        cases.append((f"synth/{i}/{kind}", raw))
    for i, (report, v) in enumerate(metadata_variants.variants(metadata_variants.gold_reports())):
        cases.append((f"metadata/{i}", metadata_variants.render(report, v)[0].encode()))
    return cases


def outputs(cases: list[tuple[str, bytes]], read: Callable[[bytes, str], str] | None = None) -> dict[str, str]:
    """Each case's output: `read(raw, name)`, by default the parsed report's repr."""
    read = read or (lambda raw, name: repr(parse_bytes(raw, name)))
    out = {}
    for name, raw in cases:
        try:
            out[name] = read(raw, name)
        except ParseError as exc:
            out[name] = f"ParseError({exc.reason!r}, {exc.detail!r})"
    return out


def arguments(description: str) -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--write", type=Path, help="write the outputs to this file")
    ap.add_argument("--check", type=Path, help="compare the outputs with those written to this file")
    return ap


def main() -> None:
    ap = arguments(__doc__)
    ap.add_argument("--variations", type=int, default=400)
    ap.add_argument("--synth", type=int, default=300)
    args = ap.parse_args()
    write_or_check(outputs(inputs(args.variations, args.synth)), args.write, args.check)


def write_or_check(got: dict[str, str], write: Path | None, check: Path | None) -> None:
    """Write the outputs to `write`; compare them with those in `check` (exit 1 if any differ)."""
    if write:
        write.write_bytes(pickle.dumps(got))
        print(f"{len(got)} outputs written to {write}")
    if check:
        want = pickle.loads(check.read_bytes())
        differ = [k for k in want if got.get(k) != want[k]] + [k for k in got if k not in want]
        for k in differ[:10]:
            print(f"DIFFERS {k}\n  before: {want.get(k)!r:.600}\n  after:  {got.get(k)!r:.600}")
        print(f"{len(got) - len(differ)}/{len(want)} identical")
        sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
