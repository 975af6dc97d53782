"""Load a validated stage into the warehouse: bulk INSERT … SELECT from its Parquet parts, one transaction."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl

from ..frames import SCHEMAS, empty_frame
from ..scan import FILE_INDEX_SCHEMA
from ..stage import Stage
from .db import run
from .schema import apply_sql, refresh_code_dimensions


@dataclass
class LoadSummary:
    files_seen: int = 0
    unchanged: int = 0
    loaded: int = 0
    duplicates: int = 0
    superseded: int = 0
    quarantined: int = 0
    flagged: int = 0
    continuity: int = 0          # current reports whose carried_over differs from last year's carried_forward
    published: bool = False
    notes: list[str] = field(default_factory=list)   # one line per flagged report or quarantined file

    def as_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k != "notes"}


@dataclass
class KnownState:
    """What the published warehouse already holds, read without taking any lock."""
    file_index: pl.DataFrame        # source_file, content_sha256, size_bytes, mtime_ns
    report_shas: set[str]
    quarantined: set[tuple[str, str | None]]


def listed_paths(warehouse: Path) -> set[str]:
    """The paths the published warehouse believes are in the raw directory (not marked removed)."""
    if not warehouse.exists():
        return set()
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        columns = {r[0] for r in run(con, "SELECT column_name FROM duckdb_columns() WHERE table_name = 'source_file'")}
        if not columns:
            return set()
        present = "WHERE removed_at IS NULL" if "removed_at" in columns else ""
        return {r[0] for r in run(con, f"SELECT source_file FROM source_file {present}")}
    finally:
        con.close()


def read_file_index(warehouse: Path) -> KnownState:
    empty = KnownState(pl.DataFrame(schema=FILE_INDEX_SCHEMA), set(), set())
    if not warehouse.exists():
        return empty
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = {r[0] for r in run(con, "SELECT table_name FROM duckdb_tables()")}
        if "source_file" not in tables:
            return empty
        index = con.sql("SELECT source_file, content_sha256, size_bytes, mtime_ns FROM source_file").pl()
        shas = {r[0] for r in run(con, "SELECT content_sha256 FROM dim_report")}
        quarantined = set(run(con, "SELECT source_file, content_sha256 FROM quarantine"))
    finally:
        con.close()
    return KnownState(index.cast(FILE_INDEX_SCHEMA), shas, quarantined)


FACT_TABLES = ("application", "review", "proactive", "issues")
# Each fact table and the columns that name one cell: a report's cell appears once.
FACT_KEYS = {
    "fact_application": ("report_id", "item", "applicant_type"),
    "fact_review_litigation": ("report_id", "proceeding", "result"),
    "fact_proactive_disclosure": ("report_id", "clause", "item", "measure"),
}
# The reports this load adds: chosen inside the writer's transaction against the very state it
# replaces, so two runs that staged the same files (schedule and sensor, two CLIs, a second click)
# cannot both add them; each content once even when the stage holds it twice.
NEW_REPORTS = """
    CREATE TEMP TABLE new_reports AS
    SELECT DISTINCT ON (content_sha256) * FROM stage_reports
    WHERE content_sha256 NOT IN (SELECT content_sha256 FROM dim_report)
      AND report_id NOT IN (SELECT report_id FROM dim_report)
    ORDER BY content_sha256, source_file
"""


class DuplicateFacts(RuntimeError):
    """A fact cell would be stored twice: the load is rolled back and nothing is published."""


def duplicate_cells(con: duckdb.DuckDBPyConnection, reports: str | None = None) -> dict[str, int]:
    """Per fact table, the cells stored more than once (of the reports the subquery names, or all)."""
    where = f"WHERE report_id IN ({reports})" if reports else ""
    found = {}
    for table, key in FACT_KEYS.items():
        found[table] = run(con, f"""SELECT count(*) FROM (SELECT {", ".join(key)} FROM {table} {where}
                                    GROUP BY ALL HAVING count(*) > 1)""")[0][0]
    return found


def assert_unique_fact_keys(con: duckdb.DuckDBPyConnection) -> None:
    """The blocking check before publication: no cell of the reports this load adds is stored twice."""
    dupes = {t: n for t, n in duplicate_cells(con, "SELECT report_id FROM new_reports").items() if n}
    if dupes:
        raise DuplicateFacts("; ".join(f"{t}: {n} cells stored twice" for t, n in dupes.items())
                             + "; nothing was published")
REGION_COLUMNS = "province, prefecture, county, division_code, township, township_code"
# Statuses, names, aliases and continuity can only change for the agencies a batch touches:
# recomputing just those keeps a 1% nightly run from rewriting the whole warehouse.
TOUCHED = "(SELECT agency_id FROM new_reports)"


def _upsert_agencies(con: duckdb.DuckDBPyConnection) -> None:
    """Insert new agencies, refresh level and place from the newest report, and name each agency
    after its newest current report (the best current name)."""
    updates = ", ".join(f"{c} = excluded.{c}" for c in ["admin_level", *REGION_COLUMNS.split(", ")])
    run(con, f"""
        INSERT INTO dim_agency (agency_id, agency_key, agency_name, admin_level, {REGION_COLUMNS})
        SELECT DISTINCT ON (agency_id) agency_id, agency_key, agency_name, admin_level, {REGION_COLUMNS}
        FROM new_reports ORDER BY agency_id, report_year DESC
        ON CONFLICT (agency_id) DO UPDATE SET {updates}
    """)
    run(con, f"""
        UPDATE dim_agency SET agency_name = newest.agency_name
        FROM (SELECT DISTINCT ON (agency_id) agency_id, agency_name FROM dim_report
              WHERE agency_name IS NOT NULL AND agency_id IN {TOUCHED}
              ORDER BY agency_id, status = 'current' DESC, report_year DESC, ingested_at DESC) newest
        WHERE dim_agency.agency_id = newest.agency_id
    """)


def _rebuild_aliases(con: duckdb.DuckDBPyConnection) -> None:
    run(con, f"DELETE FROM agency_alias WHERE agency_id IN {TOUCHED}")
    run(con, f"""
        INSERT INTO agency_alias
        SELECT agency_id, agency_name, list(report_id ORDER BY report_year, report_id), min(report_year),
               max(report_year)
        FROM dim_report WHERE agency_name IS NOT NULL AND agency_id IN {TOUCHED} GROUP BY agency_id, agency_name
    """)


def _check_continuity(con: duckdb.DuckDBPyConnection) -> int:
    """carried_over(N) = carried_forward(N - 1) per applicant column, between the current reports
    of one agency. Recomputed for every agency this batch touches, so the order in which the two
    years arrive does not matter and a re-run adds nothing. Returns the number of flagged reports
    in the whole warehouse."""
    run(con, f"""DELETE FROM report_issue WHERE rule = 'continuity' AND report_id IN
                 (SELECT report_id FROM dim_report WHERE agency_id IN {TOUCHED})""")
    run(con, f"""
        INSERT INTO report_issue
        SELECT cur.report_id, 'continuity', 'warning',
               'carried_over ' || cur.report_year || ' differs from carried_forward ' || prev.report_year
               || ' of the same agency (report ' || prev.report_id || '): '
               || string_agg(o.applicant_type || ' ' || CAST(o.count AS BIGINT) || ' vs '
                             || CAST(f.count AS BIGINT), ', ' ORDER BY t.sort_order)
        FROM dim_report cur
        JOIN dim_report prev ON prev.agency_id = cur.agency_id AND prev.report_year = cur.report_year - 1
                            AND prev.status = 'current'
        JOIN fact_application o ON o.report_id = cur.report_id AND o.item = 'carried_over'
        JOIN fact_application f ON f.report_id = prev.report_id AND f.item = 'carried_forward'
                               AND f.applicant_type = o.applicant_type
        LEFT JOIN dim_applicant_type t ON t.code = o.applicant_type
        WHERE cur.status = 'current' AND o.count <> f.count AND cur.agency_id IN {TOUCHED}
        GROUP BY cur.report_id, cur.report_year, prev.report_year, prev.report_id
    """)
    return run(con, "SELECT count(*) FROM report_issue WHERE rule = 'continuity'")[0][0]


def _create_temp_table(con: duckdb.DuckDBPyConnection, name: str, frame: pl.DataFrame) -> None:
    con.register("stage_frame", frame)
    run(con, f"CREATE TEMP TABLE {name} AS SELECT * FROM stage_frame")
    con.unregister("stage_frame")


def _stage_relations(con: duckdb.DuckDBPyConnection, stage: Stage, scan: pl.DataFrame) -> None:
    """stage_<table> for every staged table: the small ones as temporary tables (queried many
    times), the facts as views straight over their Parquet parts (read once, streamed). They are
    temporary, so they end with the loading connection."""
    _create_temp_table(con, "stage_files", scan.select("source_file", "content_sha256", "size_bytes", "mtime_ns"))
    for table in SCHEMAS:
        files = stage.files(table)
        if not files:
            _create_temp_table(con, f"stage_{table}", empty_frame(table))
            continue
        kind = "VIEW" if table in FACT_TABLES else "TABLE"
        paths = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
        run(con, f"CREATE TEMP {kind} stage_{table} AS SELECT * FROM read_parquet([{paths}])")


def _mark_removed_sources(con: duckdb.DuckDBPyConnection, now: datetime) -> None:
    """The scan lists every file; a known path it lacks is marked removed (its report stays), one
    it lists again is present again, and a removed file's quarantine row goes: nothing is left to
    account for."""
    run(con, """UPDATE source_file SET removed_at = CASE WHEN source_file IN (SELECT source_file FROM stage_files)
                                                        THEN NULL ELSE coalesce(removed_at, $now) END""",
        {"now": now})
    run(con, "DELETE FROM quarantine WHERE source_file NOT IN (SELECT source_file FROM stage_files)")


def load_stage(con: duckdb.DuckDBPyConnection, stage: Stage, scan: pl.DataFrame, now: datetime) -> LoadSummary:
    """Insert the staged reports the warehouse does not hold yet and refresh the file index and
    report statuses. Runs inside the caller's transaction, under the writer lock (see
    publish.publish): a rival that published the same reports first leaves nothing to add."""
    apply_sql(con)
    refresh_code_dimensions(con)
    _stage_relations(con, stage, scan)
    # a stale scan (staged before a rival published a newer listing) never rolls a path back
    run(con, """
        INSERT INTO source_file (source_file, content_sha256, size_bytes, mtime_ns, first_seen_at, last_seen_at)
        SELECT source_file, content_sha256, size_bytes, mtime_ns, $now, $now FROM stage_files
        ON CONFLICT (source_file) DO UPDATE SET content_sha256 = excluded.content_sha256,
            size_bytes = excluded.size_bytes, mtime_ns = excluded.mtime_ns, last_seen_at = excluded.last_seen_at
        WHERE excluded.mtime_ns >= source_file.mtime_ns OR source_file.mtime_ns IS NULL
    """, {"now": now})
    _mark_removed_sources(con, now)
    before = dict(run(con, "SELECT status, count(*) FROM dim_report GROUP BY ALL"))
    run(con, NEW_REPORTS)
    run(con, """
        INSERT INTO dim_report SELECT report_id, agency_id, agency_name, report_year, title_year, template_version,
            published_on, source_file, content_sha256, 'current', $now
        FROM new_reports
    """, {"now": now})
    new_ids = "report_id IN (SELECT report_id FROM new_reports)"
    run(con, f"INSERT INTO fact_application SELECT * FROM stage_application WHERE {new_ids}")
    run(con, f"INSERT INTO fact_review_litigation SELECT * FROM stage_review WHERE {new_ids}")
    run(con, f"INSERT INTO fact_proactive_disclosure SELECT * FROM stage_proactive WHERE {new_ids}")
    run(con, f"INSERT INTO report_issue SELECT * FROM stage_issues WHERE {new_ids}")
    assert_unique_fact_keys(con)
    run(con, """
        INSERT INTO quarantine SELECT source_file, content_sha256, reason, detail, $now, $now FROM stage_quarantine
        ON CONFLICT (source_file) DO UPDATE SET content_sha256 = excluded.content_sha256, reason = excluded.reason,
            detail = excluded.detail, seen_at = excluded.seen_at
    """, {"now": now})
    run(con, "UPDATE quarantine SET seen_at = $now WHERE source_file IN (SELECT source_file FROM stage_files)",
        {"now": now})
    # a path that now holds a loadable report is no longer quarantined
    run(con, """DELETE FROM quarantine WHERE source_file IN (
        SELECT f.source_file FROM source_file f JOIN dim_report r USING (content_sha256))""")
    run(con, f"""
        UPDATE dim_report SET status = CASE WHEN ranked.rn = 1 THEN 'current' ELSE 'superseded' END
        FROM (SELECT r.report_id, row_number() OVER (PARTITION BY r.agency_id, r.report_year
                     ORDER BY r.ingested_at DESC, f.mtime_ns DESC NULLS LAST, r.source_file DESC) AS rn
              FROM dim_report r LEFT JOIN (SELECT content_sha256, max(mtime_ns) AS mtime_ns FROM source_file
                                           GROUP BY ALL) f USING (content_sha256)
              WHERE r.agency_id IN {TOUCHED}) ranked
        WHERE dim_report.report_id = ranked.report_id
    """)
    _upsert_agencies(con)
    _rebuild_aliases(con)
    continuity = _check_continuity(con)
    after = dict(run(con, "SELECT status, count(*) FROM dim_report GROUP BY ALL"))
    flagged = run(con, f"""SELECT count(DISTINCT report_id) FROM stage_issues WHERE severity = 'warning'
                             AND {new_ids}""")[0][0]
    return LoadSummary(
        **_file_outcomes(con), flagged=flagged, continuity=continuity,
        superseded=after.get("superseded", 0) - before.get("superseded", 0), published=True)


def _file_outcomes(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """What became of each file of the scan, once each, so the counts add up to the files seen:
    loaded (its content is a report this load added), duplicates (another copy of such content),
    quarantined (staged as a quarantine row) and unchanged (everything else: content already
    loaded or quarantined, possibly by a rival run that published first)."""
    row = run(con, """
        SELECT count(*),
               count(*) FILTER (outcome = 'loaded'), count(*) FILTER (outcome = 'duplicate'),
               count(*) FILTER (outcome = 'quarantined')
        FROM (SELECT CASE WHEN q.source_file IS NOT NULL THEN 'quarantined'
                          WHEN n.source_file = f.source_file THEN 'loaded'
                          WHEN n.source_file IS NOT NULL THEN 'duplicate' END AS outcome
              FROM stage_files f
              LEFT JOIN new_reports n ON n.content_sha256 = f.content_sha256
              LEFT JOIN (SELECT DISTINCT source_file FROM stage_quarantine) q ON q.source_file = f.source_file)
    """)[0]
    seen, loaded, duplicates, quarantined = row
    return {"files_seen": seen, "loaded": loaded, "duplicates": duplicates, "quarantined": quarantined,
            "unchanged": seen - loaded - duplicates - quarantined}
