"""How well each producer's fixtures (tests/producers/) parse: per file the cells read right of the
gold's, the wrong ones (there must be none) and the flags the report raised where a cell stays NULL;
per producer the files read exactly and the share of cells.

    python bench/producers.py                        # every producer
    python bench/producers.py lopdf_pdftotext.txt lowebpdf_pdftotext.txt -v

A producer is a fixture name's suffix (tests/test_producers.py PRODUCERS); -v lists the NULL cells'
rows by section.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.parsing import parse_bytes  # noqa: E402
from tests.conftest import SHARED, flatten  # noqa: E402
from tests.test_producers import FIXTURES, PRODUCERS, SECTIONS, _split  # noqa: E402


def measure(producer: str, verbose: bool) -> tuple[int, int, int, int, int]:
    """Print a line per fixture of `producer`; return (files, exact, cells right, cells, wrong)."""
    files = exact = right = total = wrong = 0
    for path in sorted(FIXTURES.iterdir()):
        gold_set, stem, made_by = _split(path.name)
        if made_by != producer:
            continue
        gold = json.loads((SHARED / "gold" / gold_set / f"{stem}.json").read_text(encoding="utf-8"))
        report = parse_bytes(path.read_bytes(), path.name)
        ok = cells = bad = 0
        null: Counter[tuple[str, str]] = Counter()
        for section in SECTIONS:
            got = dict(flatten(getattr(report, section)))
            for key, value in flatten(gold[section]):
                want = None if value is None else Decimal(str(value))
                cells += 1
                if got.get(key) == want:
                    ok += 1
                elif got.get(key) is None:
                    null[section, key[0]] += 1
                else:
                    bad += 1
                    print(f"  WRONG {section} {key}: {got[key]} (gold {want})")
        flags = dict(Counter(f.rule for f in report.issues)) if ok < cells else ""
        print(f"{path.name:55s} {ok:4d}/{cells:4d}  wrong {bad}  {'EXACT' if ok == cells else flags}")
        if verbose and null:
            print("     NULL:", dict(null))
        files, exact, right, total, wrong = files + 1, exact + (ok == cells), right + ok, total + cells, wrong + bad
    return files, exact, right, total, wrong


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("producers", nargs="*", metavar="PRODUCER",
                        help=f"fixture name suffixes (default: all): {', '.join(PRODUCERS)}")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the NULL cells' rows by section")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.producers) - set(PRODUCERS))
    if unknown:
        parser.error(f"no such producer: {', '.join(unknown)}")
    summary = []
    for producer in args.producers or PRODUCERS:
        files, exact, right, total, wrong = measure(producer, args.verbose)
        summary.append(f"== {producer}: {exact} of {files} exact, {right}/{total} cells = "
                       f"{100 * right / max(total, 1):.1f} %, {wrong} wrong")
    print("\n".join(summary))


if __name__ == "__main__":
    main(sys.argv[1:])
