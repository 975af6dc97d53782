"""The ingest asset graph: raw files -> parsed reports -> validated reports -> warehouse.

Thin wrappers: the work is in pipeline.* so that it is tested without Dagster and reused by the CLI.
"""

from datetime import datetime

import polars as pl
from dagster import MaterializeResult, MetadataValue, Output, asset
from tabulate import tabulate
from tqdm import tqdm

from pipeline.contracts import validate_batch
from pipeline.ingest import has_changes, mark_work, quarantine_duplicates, run_notes
from pipeline.resources import RawDirectory, Warehouse
from pipeline.scan import scan
from pipeline.staging import Batch, parse_files
from pipeline.warehouse import LoadSummary, load_batch, publish, read_file_index
from pipeline.warehouse.stats import table_counts

GROUP = "ingest"


def _preview(frame: pl.DataFrame, rows: int = 10) -> MetadataValue:
    if not frame.height:
        return MetadataValue.md("(none)")
    return MetadataValue.md(tabulate(frame.head(rows).rows(), headers=frame.columns, tablefmt="github"))


@asset(group_name=GROUP, description="Every file in the raw directory with its content hash and "
       "whether it must be parsed (new or changed content).")
def raw_report_files(raw: RawDirectory, warehouse: Warehouse) -> Output[pl.DataFrame]:
    known = read_file_index(warehouse.file)
    work = mark_work(scan(raw.dir, known.file_index), known)
    return Output(work, metadata={
        "raw_dir": str(raw.dir), "files_seen": work.height,
        "changed": int(work["changed"].sum()), "to_parse": int(work["to_parse"].sum()),
    })


@asset(group_name=GROUP, description="New reports parsed into fact frames; unparseable files become "
       "quarantine rows with a reason.")
def parsed_reports(raw: RawDirectory, raw_report_files: pl.DataFrame) -> Output[Batch]:
    todo = raw_report_files.filter("to_parse").select("source_file", "content_sha256").rows()
    with tqdm(total=len(todo), desc="parsing", unit="report", disable=None if todo else True, leave=False) as bar:
        batch = parse_files(raw.dir, todo, progress=bar.update)
    batch = quarantine_duplicates(batch, raw_report_files)
    return Output(batch, metadata={
        "parsed": batch.reports.height, "quarantined": batch.quarantine.height,
        "quarantine_preview": _preview(batch.quarantine),
    })


@asset(group_name=GROUP, description="The parsed frames after the pandera contracts: a report that "
       "breaks a structural rule is moved to quarantine whole.")
def validated_reports(parsed_reports: Batch) -> Output[Batch]:
    batch, violations = validate_batch(parsed_reports)
    return Output(batch, metadata={
        "reports": batch.reports.height, "contract_violations": violations.height,
        "violations_preview": _preview(violations),
        **{f"rows_{name}": frame.height for name, frame in batch.frames().items()},
    })


@asset(group_name=GROUP, pool="duckdb_writer", description="The DuckDB star schema, published "
       "atomically (readers never blocked, never a half-load).")
def warehouse(warehouse: Warehouse, raw_report_files: pl.DataFrame,
              validated_reports: Batch) -> MaterializeResult:
    summary = LoadSummary()
    if has_changes(raw_report_files):
        now = datetime.now().replace(microsecond=0)
        summary = publish(warehouse.file, lambda con: load_batch(con, validated_reports, raw_report_files, now),
                          warehouse.lock_wait_seconds)
    summary.notes = run_notes(validated_reports)
    summary.files_seen = raw_report_files.height
    summary.unchanged = int((~raw_report_files["to_parse"]).sum())
    summary.duplicates = int(raw_report_files["duplicate_of_new"].sum())
    counts = table_counts(warehouse.file)
    return MaterializeResult(value=summary, metadata={
        **summary.as_dict(), "path": str(warehouse.file),
        **{f"rows_{table}": n for table, n in counts.items()},
    })
