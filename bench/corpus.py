"""A deterministic corpus of synthetic reports for the benchmark (and for trying the pipeline on
many files): `python bench/corpus.py --n 1000 --out /tmp/corpus`.

Agencies recur across years (so the year-over-year views have work), both templates and every
plain-text layout appear, a share of files is GB18030 or UTF-16, and about 2% break their own
arithmetic (they must load as written, flagged).
"""
from __future__ import annotations

import argparse
import random
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.synth import LAYOUTS, random_agency, random_report, render  # noqa: E402

BROKEN_SHARE = 0.02
CHUNK = 500


_SYLLABLES = "安平宁康泰和兴隆丰华阳新昌永福金石清河东西南北中林山水川桥关城湖江海云松柏青白红黄"
_KINDS = ("县{}镇人民政府", "县{}乡人民政府", "区{}街道办事处", "县人民政府", "市{}区人民政府", "县财政局")


def _agency_pool(seed: int, n: int) -> list[str]:
    """About n/3 distinct agencies, so that each appears in about three years."""
    rng = random.Random(seed)
    names = {random_agency(rng) for _ in range(50)}
    while len(names) < max(1, n // 3):
        place = "".join(rng.choices(_SYLLABLES, k=2))
        names.add(place + rng.choice(_KINDS).format("".join(rng.choices(_SYLLABLES, k=2))))
    return sorted(names)


def _write_chunk(args: tuple[int, int, int, Path, list[str]]) -> int:
    seed, start, stop, out, agencies = args
    for i in range(start, stop):
        rng = random.Random(seed * 1_000_003 + i)
        agency = agencies[i % len(agencies)]
        year = 2019 + (i // len(agencies)) % 7
        template = "2019" if year < 2021 and rng.random() < 0.9 else "2021"
        rep = random_report(rng, template, year=year, agency=agency, broken=rng.random() < BROKEN_SHARE)
        text = render(rep, rng.choice(LAYOUTS), rng, noise=rng.random() < 0.5)
        encoding = rng.choices(("utf-8", "gb18030", "utf-16"), weights=(85, 10, 5))[0]
        (out / f"{i:07d}.txt").write_bytes(text.encode(encoding))
    return stop - start


def write_corpus(n: int, out: Path, seed: int = 1, workers: int | None = None) -> int:
    """Write n reports to out/0000000.txt …; the same (n, seed) always gives the same bytes."""
    out.mkdir(parents=True, exist_ok=True)
    agencies = _agency_pool(seed, n)
    chunks = [(seed, s, min(n, s + CHUNK), out, agencies) for s in range(0, n, CHUNK)]
    if len(chunks) == 1 or workers == 1:
        return sum(map(_write_chunk, chunks))
    with ProcessPoolExecutor(workers) as pool:
        return sum(pool.map(_write_chunk, chunks))


def _positive(text: str) -> int:
    n = int(text)
    if n < 1:
        raise argparse.ArgumentTypeError(f"{n} is not a positive number of reports")
    return n


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Write N realistic synthetic reports (both templates, every "
                                 "plain-text layout, ~2% with broken arithmetic).")
    ap.add_argument("--n", type=_positive, required=True, help="number of reports to write")
    ap.add_argument("--out", type=Path, required=True, help="output directory")
    ap.add_argument("--seed", type=int, default=1, help="same seed, same files (default 1)")
    a = ap.parse_args(argv)
    print(f"wrote {write_corpus(a.n, a.out, a.seed)} reports to {a.out}")


if __name__ == "__main__":
    main()
