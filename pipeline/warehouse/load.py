"""Load a validated stage into the warehouse: bulk INSERT … SELECT from its Parquet parts, one transaction."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl

from .. import parser_version
from ..frames import FRAMES, empty_frame
from ..review import read_review
from ..stage import Stage
from .db import run
from .review import review_lines, review_outcomes
from .schema import apply_sql, refresh_code_dimensions
from .sql import run_file, statements


@dataclass
class LoadSummary:
    """What one run did (the first fields), then the published warehouse's totals (warehouse_*).
    The words are defined once, in docs/operations.md ("What the counts mean")."""
    files_seen: int = 0
    unchanged: int = 0
    loaded: int = 0
    duplicates: int = 0
    superseded: int = 0          # readings this run found revised: a later edition states other numbers
    merged: int = 0              # readings this run merged into the current report of their agency and year
    conflicting: int = 0         # readings this run found stating other numbers, no date telling which is right
    quarantined: int = 0
    flagged: int = 0             # of the reports this run loaded or re-read, the flagged ones
    reparsed: int = 0            # reports an older parser had read, read again and replaced
    reparse_changed: int = 0     # of those, the ones whose fields, cells or flags changed
    retracted: int = 0           # loaded reports the new parser quarantines
    removed: int = 0             # known files this load found gone from the raw directory (their reports stay)
    continuity: int = 0          # continuity breaks this run found (carried_over vs last year's carried_forward)
    ocr_pages: int = 0           # pages of scans this run recognised by OCR
    ocr_seconds: float = 0.0     # and the CPU seconds that took
    review: dict[str, int] = field(default_factory=dict)   # review decisions by outcome, and malformed lines
    published: bool = False
    warehouse_current: int = 0        # after this run: current reports
    warehouse_multi_file: int = 0     # of those, the ones read from more than one file
    warehouse_conflicting: int = 0    # of those, the ones flagged conflicting_editions
    warehouse_flagged: int = 0        # of those, the flagged ones (as ogi status counts them)
    warehouse_continuity: int = 0     # continuity breaks on current reports
    warehouse_quarantined: int = 0    # files in quarantine
    notes: list[str] = field(default_factory=list)   # one line per flagged report, quarantined file, stale review line

    def as_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k != "notes"}


class DuplicateFacts(RuntimeError):
    """A fact cell would be stored twice: the load is rolled back and nothing is published."""


def cells_stored_twice(con: duckdb.DuckDBPyConnection, staged: dict[str, str]) -> dict[str, int]:
    """Per fact table, the cells the warehouse holds beyond those staged for the same reports.
    `staged` maps a frame to a relation (report_id, n) of its staged cells per report; the stage
    must hold each of those reports once (assert_unique_fact_keys and the fact_cells_unique check
    make sure). The contracts made every staged cell
    unique (validate.py), so a report holding more cells than it staged holds some twice. Counting
    per report is a 100k-group aggregate, where grouping every cell was 17M groups and 3 GB at
    100k reports."""
    found = {}
    for name, relation in staged.items():
        found[FRAMES[name].table] = run(con, f"""
            SELECT coalesce(sum(w.n - s.n), 0) FROM {relation} s
            JOIN (SELECT report_id, count(*) AS n FROM {FRAMES[name].table}
                  WHERE report_id IN (SELECT report_id FROM {relation}) GROUP BY ALL) w USING (report_id)
            WHERE w.n > s.n""")[0][0]
    return found


def keyed_facts() -> list[str]:
    """The fact frames whose rows are cells named by a key (all but the flags)."""
    return [name for name, frame in FRAMES.items() if frame.fact and frame.key]


def assert_unique_fact_keys(con: duckdb.DuckDBPyConnection) -> None:
    """The blocking check before publication: no cell of the reports this load writes is stored twice."""
    twice = run(con, """SELECT count(*) - count(DISTINCT report_id) FROM stage_reports
                        WHERE report_id IN (SELECT report_id FROM loaded_reports)""")[0][0]
    if twice:
        raise DuplicateFacts(f"the stage holds {twice} reports twice; nothing was published")
    staged = {name: f"""(SELECT report_id, count(*) AS n FROM stage_{name}
                         WHERE report_id IN (SELECT report_id FROM loaded_reports) GROUP BY ALL)""" for name in keyed_facts()}
    dupes = {t: n for t, n in cells_stored_twice(con, staged).items() if n}
    if dupes:
        raise DuplicateFacts("; ".join(f"{t}: {n} cells stored twice" for t, n in dupes.items())
                             + "; nothing was published")


def _create_temp_table(con: duckdb.DuckDBPyConnection, name: str, frame: pl.DataFrame) -> None:
    con.register("stage_frame", frame)
    run(con, f"CREATE TEMP TABLE {name} AS SELECT * FROM stage_frame")
    con.unregister("stage_frame")


def files_as_read(scan: pl.DataFrame, stage: Stage) -> pl.DataFrame:
    """The scan's listing with, for each file the parse read, the hash of the bytes it read: a
    file rewritten between the scan and the parse is indexed and counted as the content that was
    loaded or quarantined, not as the content the scan hashed (which nothing holds)."""
    read = (pl.concat([stage.scan(table).select("source_file", pl.col("content_sha256").alias("read_sha"))
                       for table in ("reports", "quarantine")])
            .drop_nulls().unique("source_file").collect())
    return (scan.join(read, on="source_file", how="left")
            .with_columns(content_sha256=pl.coalesce("read_sha", "content_sha256")).drop("read_sha"))


def _stage_relations(con: duckdb.DuckDBPyConnection, stage: Stage, scan: pl.DataFrame) -> None:
    """stage_<table> for every staged table: the small ones as temporary tables (queried many
    times), the facts as views straight over their Parquet parts (read once, streamed). They are
    temporary, so they end with the loading connection."""
    _create_temp_table(con, "stage_files", files_as_read(scan, stage).select("source_file", "content_sha256",
                                                                              "size_bytes", "mtime_ns", "seen_at"))
    for table, frame in FRAMES.items():
        files = stage.files(table)
        if not files:
            _create_temp_table(con, f"stage_{table}", empty_frame(table))
            continue
        kind = "VIEW" if frame.fact else "TABLE"
        paths = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
        run(con, f"CREATE TEMP {kind} stage_{table} AS SELECT * FROM read_parquet([{paths}])")


# The load's steps, in order: sql/load/<step>.sql
LOAD_STEPS = ("000_macros", "010_file_index", "020_new_reports", "025_reparse", "027_facts", "030_quarantine", "040_editions",
              "050_agencies", "060_continuity", "070_disclosure_chain", "080_review")


def load_stage(con: duckdb.DuckDBPyConnection, stage: Stage, scan: pl.DataFrame, now: datetime,
               review_dir: Path | None) -> LoadSummary:
    """Insert the staged reports the warehouse does not hold yet, refresh the file index and
    report statuses, and apply the review files as they are now. Runs inside the caller's
    transaction, under the writer lock (see publish.publish): a rival that published the same
    reports first leaves nothing to add, and the review files are read here, not at scan time."""
    apply_sql(con)
    refresh_code_dimensions(con)
    _stage_relations(con, stage, scan)
    for name, frame in read_review(review_dir).frames().items():
        _create_temp_table(con, f"stage_{name}", frame)
    for step in LOAD_STEPS:
        run_file(con, f"load/{step}", {"now": now, "parser_version": parser_version.current()})
        if step == "027_facts":
            assert_unique_fact_keys(con)
    cur = con.execute(" ".join(statements("queries/load_summary")), {"now": now})
    counts = dict(zip([d[0] for d in cur.description], cur.fetchone()))
    editions = edition_notes(con)
    changed = {status: sum(1 for s, _ in editions if s == status) for status in ("merged", "superseded", "conflicting")}
    return LoadSummary(**counts, **changed, review=review_outcomes(con), published=True,
                       notes=flagged_notes(con) + [note for _, note in editions] + removed_notes(con, now)
                       + reparse_notes(con, now) + review_lines(con))


def edition_notes(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(status, line) per reading this load merged, found revised or found conflicting."""
    notes = []
    for status, file, rid, current_file, current_id, published, current_published, given in run_file(
            con, "queries/edition_notes"):
        current = f"report {current_id} ({current_file})"
        notes.append((status, {
            "merged": f"merged {file} into {current}: they agree on every cell both state; {given} cells taken from it",
            "superseded": f"revised: {current}, published {current_published}, supersedes {file} (report {rid}, "
                          f"published {published}): it states other numbers",
            "conflicting": f"conflicting editions: {file} (report {rid}) states other numbers than {current} and no "
                           "date tells them apart; the better-read one stays current, flagged conflicting_editions",
        }[status]))
    return notes


def removed_notes(con: duckdb.DuckDBPyConnection, now: datetime) -> list[str]:
    """One line per known file this publish found gone from the raw directory."""
    return [f"removed {path}: gone from the raw directory (its report stays, see v_removed_source)" for (path,) in
            run(con, "SELECT source_file FROM source_file WHERE removed_at = $now ORDER BY 1", {"now": now})]


def flagged_notes(con: duckdb.DuckDBPyConnection) -> list[str]:
    """One line per flagged report this load added or re-read: each warning rule with its first detail."""
    reports: dict[str, list[str]] = {}
    for source, rule, detail, flags in run_file(con, "queries/flagged_notes"):
        more = f" (+{flags - 1} more)" if flags > 1 else ""
        reports.setdefault(source, []).append(f"{rule}: {detail}{more}")
    return [f"flagged {source}: " + "; ".join(rules) for source, rules in reports.items()]


def reparse_notes(con: duckdb.DuckDBPyConnection, now: datetime) -> list[str]:
    """One readable line per report this publish re-read with a different result."""
    notes = []
    for report, outcome, fields, changed, added, removed, flags_added, flags_removed in run_file(
            con, "queries/reparse_notes", {"now": now}):
        parts = [f"{', '.join(fields)} changed"] if fields else []
        parts += [f"{n} cells {what}" for n, what in ((changed, "changed"), (added, "added"), (removed, "removed")) if n]
        parts += [f"flags {what} {', '.join(rules)}" for rules, what in ((flags_added, "added"), (flags_removed, "removed"))
                  if rules]
        notes.append(f"re-parsed {report}: " + ("; ".join(parts) if outcome == "reparsed" else outcome))
    return notes


def quarantine_notes(stage: Stage) -> list[str]:
    """One readable line per file the run quarantined (flagged reports: flagged_notes, from the load)."""
    quarantine = stage.scan("quarantine").select("source_file", "reason", "detail").sort("source_file").collect()
    return [f"quarantined {src}: {reason} ({detail})" for src, reason, detail in quarantine.rows()]
