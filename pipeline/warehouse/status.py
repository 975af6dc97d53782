"""`ogi status`: an operator's view of the published warehouse (read-only, never blocks a load)."""
from __future__ import annotations

from pathlib import Path

from tabulate import tabulate

from .db import run
from .stats import connect_readonly


def status_report(warehouse: Path) -> str:
    con = connect_readonly(warehouse)
    try:
        years = run(con, """
            SELECT report_year, count(*) FILTER (WHERE status = 'current') AS current,
                   count(*) FILTER (WHERE status = 'superseded') AS superseded,
                   count(DISTINCT report_id) FILTER (WHERE status = 'current' AND report_id IN
                       (SELECT report_id FROM report_issue WHERE severity = 'warning')) AS flagged
            FROM dim_report GROUP BY ALL ORDER BY report_year""")
        rules = run(con, """SELECT rule, count(DISTINCT report_id) FROM report_issue WHERE severity = 'warning'
                            GROUP BY ALL ORDER BY 2 DESC, 1""")
        reasons = run(con, "SELECT reason, count(*) FROM quarantine GROUP BY ALL ORDER BY 2 DESC, 1")
        files = run(con, "SELECT count(*), max(last_seen_at) FROM source_file")[0]
        has_view = run(con, "SELECT count(*) FROM duckdb_views() WHERE view_name = 'v_removed_source'")[0][0]
        removed = run(con, "SELECT count(*) FROM v_removed_source")[0][0] if has_view else 0
    finally:
        con.close()
    parts = [f"{warehouse}: {files[0]} raw files known, last load {files[1]}",
             tabulate(years, headers=["year", "current", "superseded", "flagged"], tablefmt="simple"),
             "flags (reports with a warning, by rule):",
             tabulate(rules, headers=["rule", "reports"], tablefmt="simple") if rules else "  none",
             "quarantine (files not loaded, by reason):",
             tabulate(reasons, headers=["reason", "files"], tablefmt="simple") if reasons else "  none",
             f"reports whose raw files were all removed (kept, see v_removed_source): {removed}"]
    return "\n".join(parts)
