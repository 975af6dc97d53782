"""The ingest asset graph: raw files -> parsed reports -> validated reports -> warehouse.

Thin wrappers: the work is in pipeline.* so that it is tested without Dagster and reused by the CLI.
"""

from datetime import datetime

import polars as pl
from dagster import Config, MaterializeResult, MetadataValue, Output, asset
from tabulate import tabulate
from tqdm import tqdm

from pipeline.frames import SCHEMAS
from pipeline.parse import parse_files, quarantine_duplicates
from pipeline.scan import has_changes, scan_work
from pipeline.stage import Stage
from pipeline.validate import validate_stage
from pipeline.warehouse import LoadSummary, load_stage, publish
from pipeline.warehouse.load import quarantine_notes
from pipeline.warehouse.publish import wait_until_readable
from pipeline.warehouse.raw_source import check_raw_dir, record_raw_dir
from pipeline.warehouse.stats import table_counts

from .resources import RawDirectory, ReviewDirectory, Warehouse

GROUP = "ingest"


def _preview(frame: pl.DataFrame, rows: int = 10) -> MetadataValue:
    if not frame.height:
        return MetadataValue.md("(none)")
    return MetadataValue.md(tabulate(frame.head(rows).rows(), headers=frame.columns, tablefmt="github"))


class ScanConfig(Config):
    """prescanned: a Parquet file holding this very scan, written by `ogi ingest` when it checked
    for changes (so 100k files are not listed twice). Empty: scan the raw directory."""
    prescanned: str = ""


@asset(group_name=GROUP, description="Every file in the raw directory with its content hash and "
       "whether it must be parsed (new or changed content, or a report an older parser read).")
def raw_report_files(config: ScanConfig, raw: RawDirectory, warehouse: Warehouse) -> Output[pl.DataFrame]:
    wait_until_readable(warehouse.file, warehouse.lock_wait_seconds)
    if not raw.repoint:
        check_raw_dir(warehouse.file, raw.dir)
    work = pl.read_parquet(config.prescanned) if config.prescanned else scan_work(raw.dir, warehouse.file)
    return Output(work, metadata={
        "raw_dir": str(raw.dir), "files_seen": work.height,
        "changed": int(work["changed"].sum()), "to_parse": int(work["to_parse"].sum()),
        "to_reparse": int(work["reparse"].sum()),
    })


def _progress(total: int, desc: str, unit: str) -> tqdm:
    return tqdm(total=total, desc=desc, unit=unit, disable=None if total else True, leave=False)


@asset(group_name=GROUP, description="New reports parsed into fact frames, staged as Parquet parts "
       "beside the warehouse; unparseable files become quarantine rows with a reason.")
def parsed_reports(raw: RawDirectory, warehouse: Warehouse, raw_report_files: pl.DataFrame) -> Output[Stage]:
    todo = raw_report_files.filter("to_parse").select("source_file", "content_sha256").rows()
    with _progress(len(todo), "parsing", "report") as bar:
        stage = parse_files(raw.dir, todo, Stage.create(warehouse.file, "parsed"), progress=bar.update)
    quarantine_duplicates(stage, raw_report_files)
    quarantine = stage.scan("quarantine").collect()
    return Output(stage, metadata={
        "stage": str(stage.directory), "parsed": stage.count("reports"), "quarantined": quarantine.height,
        "quarantine_preview": _preview(quarantine),
    })


@asset(group_name=GROUP, description="The parsed frames after the pandera contracts: a report that "
       "breaks a structural rule is moved to quarantine whole.")
def validated_reports(parsed_reports: Stage) -> Output[Stage]:
    validated = parsed_reports.sibling("validated")
    with _progress(len(parsed_reports.parts()), "validating", "part") as bar:
        violations = validate_stage(parsed_reports, validated, progress=bar.update)
    return Output(validated, metadata={
        "stage": str(validated.directory), "contract_violations": violations.height,
        "violations_preview": _preview(violations),
        **{f"rows_{name}": validated.count(name) for name in SCHEMAS},
    })


@asset(group_name=GROUP, pool="duckdb_writer", description="The DuckDB star schema, published "
       "atomically (readers never blocked, never a half-load). What is new is decided under the "
       "writer lock, so overlapping runs never load a report twice.")
def warehouse(warehouse: Warehouse, raw: RawDirectory, review: ReviewDirectory, raw_report_files: pl.DataFrame,
              validated_reports: Stage) -> MaterializeResult:
    return load_warehouse(warehouse, raw, raw_report_files, validated_reports, review)


def load_warehouse(warehouse: Warehouse, raw: RawDirectory, files: pl.DataFrame, validated: Stage,
                   review: ReviewDirectory | None = None) -> MaterializeResult:
    """Publish a validated stage against the scan `files` of `raw`, with the review decisions (also
    the backfill's load; no `review`: the default review directory)."""
    review_dir = (review or ReviewDirectory()).dir
    summary = LoadSummary(files_seen=files.height, unchanged=files.height)
    if has_changes(files, warehouse.file, review_dir) or raw.repoint:
        now = datetime.now().replace(microsecond=0)

        def write(con) -> LoadSummary:
            loaded = load_stage(con, validated, files, now, review_dir)
            record_raw_dir(con, warehouse.file, raw.dir, raw.repoint)
            return loaded
        summary = publish(warehouse.file, write, warehouse.lock_wait_seconds)
    summary.notes = summary.notes + quarantine_notes(validated)
    counts = table_counts(warehouse.file)
    # no value: the summary is this metadata, so no IO manager writes a pickle that the UI would show as the path
    return MaterializeResult(metadata={
        **summary.as_dict(), "notes": MetadataValue.json(summary.notes),
        "duckdb_file": MetadataValue.path(str(warehouse.file.resolve())),
        **{f"rows_{table}": n for table, n in counts.items()},
    })
