"""The ingest steps as plain functions: what to parse, validation over a stage, and what a run did.
Assets call these."""
from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Callable

import polars as pl

from .contracts import VIOLATION_SCHEMA, validate_batch
from .frames import Batch
from .pool import pool_map
from .scan import list_raw_files, scan
from .stage import Stage
from .warehouse.load import KnownState, listed_paths, read_file_index

VALIDATE_PARTS = 16     # parsed parts (of PART_FILES files) validated together


def scan_work(raw_dir: Path, warehouse: Path) -> pl.DataFrame:
    """The raw directory against the published warehouse: every file, and which to parse."""
    known = read_file_index(warehouse)
    return mark_work(scan(raw_dir, known.file_index), known)


def mark_work(scan: pl.DataFrame, known: KnownState) -> pl.DataFrame:
    """Add `to_parse`: files whose content is neither a loaded report nor already quarantined at
    that path. Of several paths with the same new content only the first is parsed."""
    quarantined = pl.DataFrame(list(known.quarantined), schema=["source_file", "content_sha256"], orient="row")
    frame = scan.with_columns(
        known_report=pl.col("content_sha256").is_in(list(known.report_shas)).fill_null(False),
        known_quarantine=pl.struct("source_file", "content_sha256").is_in(quarantined.to_struct().implode())
        .fill_null(False),
    )
    new = ~pl.col("known_report") & ~pl.col("known_quarantine")
    first_of_content = pl.col("content_sha256").is_null() | pl.col("content_sha256").is_first_distinct()
    return frame.with_columns(to_parse=new & first_of_content, duplicate_of_new=new & ~first_of_content)


def quarantine_duplicates(stage: Stage, work: pl.DataFrame) -> None:
    """A bad file copied under another name is quarantined under that name too (every input
    accounted for): the copies' rows are staged as one more part."""
    dupes = work.filter("duplicate_of_new").select("source_file", "content_sha256")
    quarantine = stage.scan("quarantine").collect()
    if dupes.is_empty() or quarantine.is_empty():
        return
    copies = (dupes.join(quarantine.drop("source_file").unique("content_sha256"), on="content_sha256")
              .select(quarantine.columns))
    stage.write("duplicates", replace(Batch.from_rows({}), quarantine=copies))


def _validate_group(args: tuple[Stage, list[str], Stage, str]) -> pl.DataFrame:
    parsed, parts, validated, name = args
    batch, violations = validate_batch(parsed.read(parts))
    validated.write(name, batch)
    return violations


def validate_stage(parsed: Stage, validated: Stage, workers: int | None = None,
                   progress: Callable[[int], None] | None = None, prefix: str = "") -> pl.DataFrame:
    """Run the contracts over the parsed parts, a group at a time (pandera's fixed cost per call
    is paid once per group, memory stays one group), into `validated`, naming the parts
    `<prefix><n>` (a bucket of a backfill shares one validated stage). Returns the violations."""
    parts = parsed.parts()
    groups = [parts[i:i + VALIDATE_PARTS] for i in range(0, len(parts), VALIDATE_PARTS)]
    tasks = [(parsed, group, validated, f"{prefix}{n:06d}") for n, group in enumerate(groups)]
    found = []
    for group, violations in zip(groups, pool_map(_validate_group, tasks, workers or os.cpu_count() or 1)):
        found.append(violations)
        if progress:
            progress(len(group))
    return pl.concat(found) if found else pl.DataFrame(schema=VIOLATION_SCHEMA)


def pending_changes(raw_dir: Path, warehouse: Path) -> int:
    """Files new or changed since the published load (by size and mtime, nothing hashed) plus known
    files gone: what a sensor tick needs to decide whether a run is worth starting."""
    listing = pl.DataFrame([f.__dict__ for f in list_raw_files(raw_dir)],
                           schema={"source_file": pl.Utf8, "size_bytes": pl.Int64, "mtime_ns": pl.Int64})
    index = read_file_index(warehouse).file_index.select("source_file", "size_bytes", "mtime_ns")
    changed = listing.join(index, on=["source_file", "size_bytes", "mtime_ns"], how="anti").height
    return changed + len(listed_paths(warehouse) - set(listing["source_file"]))


def has_changes(work: pl.DataFrame, warehouse: Path) -> bool:
    """Something to write: a file new or changed, or a known file gone from the raw directory."""
    if work.height and work["changed"].any():
        return True
    return bool(listed_paths(warehouse) - set(work["source_file"]))


def run_notes(stage: Stage) -> list[str]:
    """One readable line per flagged report (its warning rules) and per quarantined file."""
    warnings = (stage.scan("issues").filter(pl.col("severity") == "warning")
                .group_by("report_id").agg(pl.col("rule").unique(maintain_order=True))
                .join(stage.scan("reports").select("report_id", "source_file"), on="report_id")
                .sort("source_file").collect())
    notes = [f"flagged {src}: {', '.join(rules)}" for src, rules in zip(warnings["source_file"], warnings["rule"])]
    quarantine = stage.scan("quarantine").select("source_file", "reason", "detail").sort("source_file").collect()
    notes += [f"quarantined {src}: {reason} ({detail})" for src, reason, detail in quarantine.rows()]
    return notes
