"""A backfill split into content-hash buckets: which files are a bucket's, and where its stages are.

The scan, each bucket's parse and the load are separate runs, possibly on separate machines; they
find one another's output at fixed places beside the warehouse (a directory every worker sees):

    .backfill/files.parquet          the scan, with each file's bucket
    .backfill/parsed-<bucket>/       a bucket's parsed parts, removed once validated
    .backfill/validated/<table>/<bucket>-<n>.parquet   every bucket's validated parts, one stage
    .backfill/done/<bucket>          written last by a bucket: the load refuses a missing one

A file's bucket is a function of its content, so copies of one content share a bucket (and its
duplicate handling), and a re-run of a bucket replaces exactly its own parts.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl

from .parse import parse_files, quarantine_duplicates
from .stage import Stage
from .validate import validate_stage

BACKFILL_DIR = ".backfill"        # beside the warehouse, outside .staging (whose stale runs are swept)


class BackfillIncomplete(RuntimeError):
    """The load was asked to publish while some bucket has not finished: nothing is published."""


def bucket_keys(buckets: int) -> list[str]:
    return [f"{i:02d}" for i in range(buckets)]


def bucket_of(buckets: int) -> pl.Expr:
    """The first 8 hex digits of the content hash modulo the bucket count; an unreadable file
    (no hash) is bucket 00."""
    digits = pl.col("content_sha256").str.slice(0, 8).str.to_integer(base=16, strict=False)
    return (digits % buckets).fill_null(0).cast(pl.Int64)


def _root(warehouse: Path) -> Path:
    return warehouse.parent / BACKFILL_DIR


def start(warehouse: Path, work: pl.DataFrame, buckets: int) -> pl.DataFrame:
    """Begin a backfill from a scan (pipeline.scan.scan_work): any earlier one's output goes."""
    root = _root(warehouse)
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    work = work.with_columns(bucket=bucket_of(buckets))
    work.write_parquet(root / "files.parquet")
    return work


def run_bucket(raw_dir: Path, warehouse: Path, bucket: str) -> dict[str, int]:
    """Parse and validate one bucket's new files into the shared validated stage; returns counts."""
    root = _root(warehouse)
    work = pl.read_parquet(root / "files.parquet").filter(pl.col("bucket") == int(bucket))
    parsed = Stage(root / f"parsed-{bucket}")
    shutil.rmtree(parsed.directory, ignore_errors=True)
    parsed.directory.mkdir(parents=True)
    parse_files(raw_dir, work.filter("to_parse").select("source_file", "content_sha256").rows(), parsed)
    quarantine_duplicates(parsed, work)
    validated = Stage.at(root / "validated")
    validated.remove_parts(f"{bucket}-")
    violations = validate_stage(parsed, validated, prefix=f"{bucket}-")
    counts = {"files": work.height, "parsed": parsed.count("reports"), "quarantined": parsed.count("quarantine"),
              "contract_violations": violations.height}
    shutil.rmtree(parsed.directory)
    (root / "done").mkdir(exist_ok=True)
    (root / "done" / bucket).touch()
    return counts


def finished(warehouse: Path, buckets: list[str]) -> tuple[pl.DataFrame, Stage]:
    """The scan and the validated stage of a backfill whose every bucket is done."""
    root = _root(warehouse)
    if not (root / "files.parquet").exists():
        raise BackfillIncomplete(f"no backfill scan at {root}: materialize backfill_files first")
    work = pl.read_parquet(root / "files.parquet")
    strays = set(bucket_keys(int(work["bucket"].max()) + 1 if work.height else 0)) - set(buckets)
    if strays:
        raise BackfillIncomplete(f"the scan has buckets {', '.join(sorted(strays))} that this backfill does not "
                                 "run (the bucket count changed since): materialize backfill_files again")
    missing = _not_done(root, buckets)
    if missing:
        raise BackfillIncomplete(f"buckets not done: {', '.join(missing)}; nothing was published")
    return work.drop("bucket"), Stage.at(root / "validated")


def _not_done(root: Path, buckets: list[str]) -> list[str]:
    return [b for b in buckets if not (root / "done" / b).exists()]


def ready(warehouse: Path, buckets: list[str]) -> str | None:
    """A token of the backfill's state once every bucket is done (None before, or with no backfill),
    cheap enough for a sensor tick: it changes with a new scan and with a bucket run again, so
    each of those asks for one more load (a load is idempotent)."""
    root = _root(warehouse)
    scan = root / "files.parquet"
    if not scan.exists() or _not_done(root, buckets):
        return None
    return f"{scan.stat().st_mtime_ns}-{max((root / 'done' / b).stat().st_mtime_ns for b in buckets)}"
