"""Assets for the people who use the numbers, downstream of the warehouse: a Parquet copy of the
star schema beside it, and HTML reports for the agencies the last load touched."""
from __future__ import annotations

from dagster import AssetKey, MaterializeResult, MetadataValue, asset

from pipeline.report import write_reports
from pipeline.warehouse.console import open_snapshot
from pipeline.warehouse.export import parquet_copy_dir, refresh_parquet_copy

from .resources import Warehouse

GROUP = "analyst"


@asset(group_name=GROUP, deps=[AssetKey("warehouse")],
       description="The star schema (dimensions, facts, report_issue, agency_alias, review_decision) as Parquet files in "
                   "ogi.parquet/ beside the DuckDB file, with columns.csv: any engine reads the facts "
                   "without DuckDB. Rewritten whole after each load.")
def warehouse_parquet(warehouse: Warehouse) -> MaterializeResult:
    if not warehouse.file.exists():
        return MaterializeResult(metadata={"note": "no warehouse yet"})
    files = refresh_parquet_copy(warehouse.file, warehouse.lock_wait_seconds)
    return MaterializeResult(metadata={"directory": MetadataValue.path(str(parquet_copy_dir(warehouse.file).resolve())),
                                       "files": len(files)})


def touched_agencies(warehouse: Warehouse) -> list[str]:
    """Agencies with a report loaded by the last load (the latest ingested_at)."""
    con = open_snapshot(warehouse.file)
    try:
        return [r[0] for r in con.execute("""SELECT DISTINCT agency_id FROM dim_report
                WHERE ingested_at = (SELECT max(ingested_at) FROM dim_report) ORDER BY agency_id""").fetchall()]
    finally:
        con.close()


@asset(group_name=GROUP, deps=[AssetKey("warehouse")],
       description="One HTML report (charts over the years, flags, peers) per agency touched by the last "
                   "load, in reports/ beside the DuckDB file (AGENCY_ID.html, sharing one plotly.min.js), and "
                   "index.html listing every page there by region and agency name.")
def agency_reports(warehouse: Warehouse) -> MaterializeResult:
    if not warehouse.file.exists():
        return MaterializeResult(metadata={"note": "no warehouse yet"})
    out_dir = warehouse.file.with_name("reports")
    written = write_reports(warehouse.file, out_dir, touched_agencies(warehouse))
    return MaterializeResult(metadata={"directory": MetadataValue.path(str(out_dir.resolve())),
                                       "reports": len(written),
                                       "examples": MetadataValue.json([p.name for p in written[:10]])})
