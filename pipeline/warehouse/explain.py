"""`ogi explain REPORT CELL`: the value a report shows for a cell, and where each of its files
states it (pipeline/provenance.py reads the file again). Read-only on the published file."""
from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

from ..names import disk_path, printable
from ..provenance import SECTIONS, locate
from .db import run
from .stats import connect_readonly

TABLES = {"application": "fact_application", "review": "fact_review_litigation", "proactive": "fact_proactive_disclosure"}
_VALUE = {"fact_application": ("item", "applicant_type", "count"),
          "fact_review_litigation": ("proceeding", "result", "count"),
          "fact_proactive_disclosure": ("item", "measure", "value")}


class ExplainError(ValueError):
    """The report or the cell is not in the warehouse, or CELL is not TABLE/ROW/COLUMN."""


def parse_cell(cell: str) -> tuple[str, str, str]:
    """'application/received_new/natural_person' (or fact_application/…) -> (fact table, row, column)."""
    parts = cell.split("/")
    table = TABLES.get(parts[0], parts[0])
    if len(parts) != 3 or table not in SECTIONS:
        raise ExplainError(f"CELL is TABLE/ROW/COLUMN with TABLE one of {', '.join(TABLES)} "
                           f"(e.g. application/received_new/natural_person), not {cell!r}")
    return table, parts[1], parts[2]


def explain_cell(warehouse: Path, raw_dir: Path, report_id: str, cell: str) -> str:
    table, row, column = parse_cell(cell)
    con = connect_readonly(warehouse)
    if con is None:
        raise ExplainError(f"no warehouse at {warehouse}: run `ogi ingest` first")
    try:
        found = run(con, """SELECT coalesce(s.current_id, d.report_id), d.status FROM dim_report d
                            LEFT JOIN edition_source s USING (report_id) WHERE d.report_id = $id""", {"id": report_id})
        if not found:
            raise ExplainError(f"no report {report_id} in {warehouse}")
        shown, status = found[0]
        r, c, v = _VALUE[table]
        value = run(con, f"SELECT written_{v}, {v}, reviewed FROM v_{table} "
                         f"WHERE report_id = $id AND {r} = $row AND {c} = $col", {"id": shown, "row": row, "col": column})
        files = run(con, """SELECT f.source_file, f.content_sha256, f.removed_at IS NOT NULL
                            FROM dim_report d JOIN source_file f USING (content_sha256)
                            WHERE d.report_id IN (SELECT report_id FROM edition_source WHERE current_id = $id
                                                  UNION SELECT $id)
                            ORDER BY d.report_id <> $id, f.source_file""", {"id": shown})
    finally:
        con.close()
    if not value:
        raise ExplainError(f"report {shown} has no cell {table} {row}/{column}")
    written, views, reviewed = value[0]
    lines = [f"report {shown}" + (f" (via {report_id}, {status})" if shown != report_id else "")
             + f": {table} {row}/{column} = {_number(written)} as written"
             + (f", {_number(views)} reviewed" if reviewed else "")]
    for name, sha, removed in files:
        lines.append(f"  {printable(name)}: {_where(raw_dir, name, sha, removed, table, row, column)}")
    return "\n".join(lines)


def _where(raw_dir: Path, name: str, sha: str, removed: bool, table: str, row: str, column: str) -> str:
    path = disk_path(raw_dir, name)
    if removed or not path.is_file():
        return "gone from the raw directory: cannot be shown"
    raw = path.read_bytes()
    if hashlib.sha256(raw).hexdigest() != sha:
        return "changed since it was loaded: the next ingest reads it again"
    location = locate(raw, table, row, column)
    if location is None:
        return "states no value for this cell"
    return "\n".join(map(printable, location.describe().splitlines()))


def _number(v: Decimal | int | None) -> str:
    if v is None:
        return "blank"
    return format(v.normalize(), "f") if isinstance(v, Decimal) else str(v)
