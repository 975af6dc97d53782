"""Shared fixtures: the gold reports of ../shared (beside the clone, as in CI)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb
import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD_SETS = {"seeds": SHARED / "seeds", "real": SHARED / "real", "real2": SHARED / "real2"}


def gold_cases(*sets: str) -> list[tuple[Path, dict]]:
    """(raw file, gold) of the named gold sets; by default the eight of seeds and real (the
    warehouse and region tests count on them; real2 is crawled text of one zone, test_gold)."""
    cases = []
    for name in sets or ("seeds", "real"):
        raw_dir = GOLD_SETS[name]
        for gold_file in sorted((SHARED / "gold" / name).glob("*.json")):
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
            cases.append((raw_dir / gold["source"], gold))
    if not cases:
        raise RuntimeError(f"no gold files under {SHARED}/gold: shared/ must sit beside the checkout")
    return cases


@pytest.fixture(scope="session", autouse=True)
def no_review_decisions(tmp_path_factory):
    """The repo's data/review/ holds the analysts' own decisions: a test sees only the review
    directory it writes (runs that name none read this empty one)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OGI_REVIEW_DIR", str(tmp_path_factory.mktemp("no-review")))
        yield


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return ROOT / "data" / "raw"


def query(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    """Read the warehouse as an analyst does: a read-only connection, closed at once."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, params).fetchall() if params else con.execute(sql).fetchall()
    finally:
        con.close()


def flatten(node, path=()):
    """Nested report cells -> ((key, key, …), value) pairs."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from flatten(v, path + (k,))
    else:
        yield path, node


# CI (CI=true) replays a fixed set of generated examples so that a build is reproducible; local
# runs draw new ones, which is how rare counterexamples get found and turned into fixes.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
