"""Parser time on the visible real texts (real2, real, seeds): reports/s on one core, and with
--profile the cProfile of that loop: `python bench/profile_parse.py --reps 20 --profile`.

The texts are read into memory first: the time is parse_bytes alone (decoding included).
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.parsing import ParseError, parse_bytes  # noqa: E402

SHARED = ROOT.parent / "shared"


def texts() -> list[bytes]:
    return [p.read_bytes() for d in ("real2", "real", "seeds") for p in sorted((SHARED / d).glob("*.txt"))]


def clear_caches() -> None:
    """Empty every functools cache of the parser: a cut or a header cached on one pass over the
    texts would make the next pass faster than a corpus of other reports would."""
    for name, module in list(sys.modules.items()):
        if name.startswith("pipeline.parsing."):
            for obj in list(vars(module).values()):
                if callable(getattr(obj, "cache_clear", None)):
                    obj.cache_clear()


def loop(raws: list[bytes], reps: int, cold: bool = False) -> None:
    for _ in range(reps):
        if cold:
            clear_caches()
        for raw in raws:
            try:
                parse_bytes(raw)
            except ParseError:
                pass


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--reps", type=int, default=10)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--cold", action="store_true", help="empty the parser's caches before each pass")
    args = ap.parse_args()
    raws = texts()
    loop(raws, 1)       # warm the caches a long run keeps warm
    if args.profile:
        prof = cProfile.Profile()
        prof.runcall(loop, raws, args.reps, args.cold)
        pstats.Stats(prof).sort_stats("cumulative").print_stats(args.top)
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.top)
        return
    passes = []
    for _ in range(args.reps):      # one time per pass: on a shared machine the fastest is the code's
        t = time.process_time()
        loop(raws, 1, args.cold)
        passes.append((time.process_time() - t) / len(raws))
    best, median = min(passes), statistics.median(passes)
    print(f"{len(raws)} texts ({sum(map(len, raws)) / len(raws) / 1024:.1f} KB each), {args.reps} passes: "
          f"best {best * 1000:.2f} ms a report ({1 / best:.0f} reports/s on one core), median "
          f"{median * 1000:.2f} ms (CPU time{', caches emptied each pass' if args.cold else ''})")

if __name__ == "__main__":
    main()
