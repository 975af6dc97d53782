"""The ingest steps as plain functions: what to parse, and what a run did. Assets call these."""
from __future__ import annotations

import polars as pl

from .staging import Batch
from .warehouse.load import KnownState


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


def quarantine_duplicates(batch: Batch, work: pl.DataFrame) -> Batch:
    """A bad file copied under another name is quarantined under that name too (every input accounted for)."""
    dupes = work.filter("duplicate_of_new").select("source_file", "content_sha256")
    if dupes.is_empty() or batch.quarantine.is_empty():
        return batch
    copies = (dupes.join(batch.quarantine.drop("source_file").unique("content_sha256"), on="content_sha256")
              .select(batch.quarantine.columns))
    return Batch(**{**batch.frames(), "quarantine": pl.concat([batch.quarantine, copies])})


def has_changes(work: pl.DataFrame) -> bool:
    return bool(work["changed"].any()) if work.height else False


def run_notes(batch: Batch) -> list[str]:
    """One readable line per flagged report (its warning rules) and per quarantined file."""
    warnings = (batch.issues.filter(pl.col("severity") == "warning")
                .group_by("report_id", maintain_order=True).agg(pl.col("rule").unique(maintain_order=True))
                .join(batch.reports.select("report_id", "source_file"), on="report_id"))
    notes = [f"flagged {src}: {', '.join(rules)}" for src, rules in zip(warnings["source_file"], warnings["rule"])]
    notes += [f"quarantined {src}: {reason} ({detail})"
              for src, reason, detail in batch.quarantine.select("source_file", "reason", "detail").rows()]
    return notes
