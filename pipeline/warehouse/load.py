"""Load a validated Batch into the warehouse: bulk INSERT … SELECT from polars frames, one transaction."""
from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl

from ..scan import FILE_INDEX_SCHEMA
from ..staging import Batch
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


def agency_key(name: str | None) -> str:
    """郭嘉镇 and 郭嘉镇人民政府 are one agency; a report without a name keys on nothing."""
    if not name:
        return "(unnamed)"
    return re.sub(r"(?:人民政府|政府)$", "", re.sub(r"\s+", "", name)) or name


def _agency_id(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _with_agency(reports: pl.DataFrame) -> pl.DataFrame:
    keys = [agency_key(n) for n in reports["agency_name"]]
    return reports.with_columns(agency_key=pl.Series(keys, dtype=pl.Utf8),
                                agency_id=pl.Series([_agency_id(k) for k in keys], dtype=pl.Utf8))


def load_batch(con: duckdb.DuckDBPyConnection, batch: Batch, scan: pl.DataFrame, now: datetime) -> LoadSummary:
    """Insert the batch and refresh the file index and report statuses. Runs inside the caller's
    transaction (see publish.publish)."""
    apply_sql(con)
    refresh_code_dimensions(con)
    staged = {**batch.frames(), "reports": _with_agency(batch.reports),
              "files": scan.select("source_file", "content_sha256", "size_bytes", "mtime_ns")}
    for name, frame in staged.items():
        con.register(f"stage_{name}", frame)
    run(con, """
        INSERT INTO source_file SELECT source_file, content_sha256, size_bytes, mtime_ns, $now, $now FROM stage_files
        ON CONFLICT (source_file) DO UPDATE SET content_sha256 = excluded.content_sha256,
            size_bytes = excluded.size_bytes, mtime_ns = excluded.mtime_ns, last_seen_at = excluded.last_seen_at
    """, {"now": now})
    before = dict(run(con, "SELECT status, count(*) FROM dim_report GROUP BY ALL"))
    run(con, """
        INSERT INTO dim_agency (agency_id, agency_key, agency_name, admin_level)
        SELECT DISTINCT ON (agency_id) agency_id, agency_key, agency_name, admin_level FROM stage_reports
        ON CONFLICT (agency_id) DO UPDATE SET agency_name = excluded.agency_name, admin_level = excluded.admin_level
    """)
    run(con, """
        INSERT INTO dim_report SELECT report_id, agency_id, agency_name, report_year, title_year, template_version,
            published_on, source_file, content_sha256, 'current', $now
        FROM stage_reports WHERE content_sha256 NOT IN (SELECT content_sha256 FROM dim_report)
    """, {"now": now})
    new_ids = "report_id IN (SELECT report_id FROM stage_reports)"
    run(con, f"INSERT INTO fact_application SELECT * FROM stage_application WHERE {new_ids}")
    run(con, f"INSERT INTO fact_review_litigation SELECT * FROM stage_review WHERE {new_ids}")
    run(con, f"INSERT INTO fact_proactive_disclosure SELECT * FROM stage_proactive WHERE {new_ids}")
    run(con, f"INSERT INTO report_issue SELECT * FROM stage_issues WHERE {new_ids}")
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
    run(con, """
        UPDATE dim_report SET status = CASE WHEN ranked.rn = 1 THEN 'current' ELSE 'superseded' END
        FROM (SELECT r.report_id, row_number() OVER (PARTITION BY r.agency_id, r.report_year
                     ORDER BY r.ingested_at DESC, f.mtime_ns DESC NULLS LAST, r.source_file DESC) AS rn
              FROM dim_report r LEFT JOIN (SELECT content_sha256, max(mtime_ns) AS mtime_ns FROM source_file
                                           GROUP BY ALL) f USING (content_sha256)) ranked
        WHERE dim_report.report_id = ranked.report_id
    """)
    after = dict(run(con, "SELECT status, count(*) FROM dim_report GROUP BY ALL"))
    flagged = run(con, """SELECT count(DISTINCT report_id) FROM stage_issues WHERE severity = 'warning'
                             AND report_id IN (SELECT report_id FROM stage_reports)""")[0][0]
    for name in staged:
        con.unregister(f"stage_{name}")
    return LoadSummary(
        loaded=batch.reports.height, quarantined=batch.quarantine.height, flagged=flagged,
        superseded=after.get("superseded", 0) - before.get("superseded", 0), published=True)
