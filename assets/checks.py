"""Asset checks shown in the Dagster UI: the pandera contract (blocking) and the accounting
identities (a warning: the numbers are loaded as written), and warehouse invariants."""

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import polars as pl
from dagster import AssetCheckResult, AssetCheckSeverity, AssetIn, MetadataValue, asset_check

from pipeline.contracts import CONTRACTS
from pipeline.parsing.flags import IDENTITY_RULES
from pipeline.stage import Stage
from pipeline.warehouse.load import cells_stored_twice, keyed_facts
from pipeline.warehouse.review import has_review_tables, review_lines, review_outcomes
from pipeline.warehouse.sql import run_file
from pipeline.warehouse.stats import connect_readonly

from .ingest import validated_reports, warehouse
from .resources import Warehouse

AUDIT_RULES = ["narrative_mismatch", "late_publication", "disclosure_chain"]
NO_WAREHOUSE = AssetCheckResult(passed=True, metadata={"note": "no warehouse yet"})


@contextmanager
def published(warehouse: Warehouse) -> Iterator[duckdb.DuckDBPyConnection | None]:
    """A read-only connection to the published file (None before the first load), closed after."""
    con = connect_readonly(warehouse.file)
    try:
        yield con
    finally:
        if con is not None:
            con.close()


@asset_check(asset=validated_reports, blocking=True,
             description="Every staged frame has its pandera contract's columns and types (the data "
                         "rules - codes, whole non-negative counts, one value per cell, report year in "
                         "range - ran in validated_reports, which quarantined violating reports). "
                         "Blocks the load if not.")
def structural_contract(validated_reports: Stage) -> AssetCheckResult:
    """The staged parts' columns and types against the contracts. (The data checks ran part by
    part in validated_reports, which moved violating reports to quarantine; on a LazyFrame
    pandera checks the schema only, which is cheap over all parts at once.)"""
    failures = {}
    for name, schema in CONTRACTS.items():
        try:
            schema.validate(validated_reports.scan(name), lazy=True)
        except Exception as exc:   # pandera SchemaErrors: reported, and the load is blocked
            failures[name] = str(exc)[:500]
    return AssetCheckResult(passed=not failures, metadata={"failures": MetadataValue.json(failures)})


@asset_check(asset=validated_reports,
             description="Accounting identities of CONTRACT.md on the new reports. Non-blocking: a "
                         "report that breaks one is loaded as written and flagged in report_issue.")
def accounting_identities(validated_reports: Stage) -> AssetCheckResult:
    broken = validated_reports.scan("issues").filter(pl.col("rule").is_in(sorted(IDENTITY_RULES))).collect()
    by_rule = dict(broken.group_by("rule").len().rows())
    reports = dict(broken.group_by("rule").agg(pl.col("report_id").n_unique()).sort("rule").rows())
    n = broken["report_id"].n_unique()
    why = (f"{n} report{'s' * (n != 1)} of this run break{'s' * (n == 1)} the form's own arithmetic ("
           + ", ".join(f"{rule} in {k}" for rule, k in reports.items())
           + "): loaded as written and flagged (README: Getting started)")
    return AssetCheckResult(
        passed=broken.is_empty(), severity=AssetCheckSeverity.WARN,
        metadata={"reports_flagged": broken["report_id"].n_unique(), "by_rule": MetadataValue.json(by_rule),
                  "examples": MetadataValue.json(broken.head(5).select("report_id", "detail").to_dicts()),
                  "why": why})


@asset_check(asset=warehouse,
             description="What an auditor checks beyond the arithmetic, over the whole warehouse: numbers "
                         "the narrative states that differ from the table (narrative_mismatch), reports "
                         "published after the 条例第四十九条 deadline (late_publication), section 二 "
                         "counts that do not follow from last year's (disclosure_chain). Non-blocking.")
def auditor_flags(warehouse: Warehouse) -> AssetCheckResult:
    with published(warehouse) as con:
        if con is None:
            return NO_WAREHOUSE
        rows = run_file(con, "queries/audit_flags", {"rules": AUDIT_RULES})
    by_rule = {rule: reports for rule, reports, _ in rows}
    why = "current reports in the warehouse with " + ", ".join(f"{rule}: {n}" for rule, n in by_rule.items())
    return AssetCheckResult(passed=not rows, severity=AssetCheckSeverity.WARN,
                            metadata={"reports_by_rule": MetadataValue.json(by_rule), "why": why,
                                      "examples": MetadataValue.json({rule: ex for rule, _, ex in rows})})


@asset_check(asset=warehouse, additional_ins={"raw_report_files": AssetIn()},
             description="Every file in the raw directory is a loaded report or a quarantine row.")
def every_input_accounted_for(warehouse: Warehouse, raw_report_files: pl.DataFrame) -> AssetCheckResult:
    """Against the run's own listing of the raw directory, in one anti-join inside DuckDB."""
    files = raw_report_files.select("source_file")
    with published(warehouse) as con:
        if con is None:
            missing = files["source_file"].to_list()
        else:
            con.register("raw_files", files)
            missing = [r[0] for r in run_file(con, "queries/unaccounted_files")]
    return AssetCheckResult(passed=not missing, metadata={"files": files.height, "unaccounted": len(missing),
                                                          "examples": MetadataValue.json(missing[:10])})


@asset_check(asset=warehouse, description="One current report per agency and report year.")
def one_current_report_per_agency_year(warehouse: Warehouse) -> AssetCheckResult:
    with published(warehouse) as con:
        if con is None:
            return NO_WAREHOUSE
        dupes = run_file(con, "queries/current_report_conflicts")
    return AssetCheckResult(passed=not dupes, metadata={"violations": len(dupes)})


@asset_check(asset=warehouse, blocking=True, additional_ins={"validated_reports": AssetIn()},
             description="Every fact cell (report, row, column) of the reports this run staged is stored "
                         "once in the published warehouse. The load refuses to publish a duplicate cell; "
                         "this proves it on the file.")
def fact_cells_unique(warehouse: Warehouse, validated_reports: Stage) -> AssetCheckResult:
    """Only a staged report can gain facts in a run (the load inserts nothing else), so checking
    the run's own reports proves the whole file, run by run: each holds exactly its staged cells,
    which the contracts made unique, staged once."""
    reports = validated_reports.scan("reports").select(pl.len(), pl.col("report_id").n_unique()).collect().row(0)
    with published(warehouse) as con:
        if con is None:
            return NO_WAREHOUSE
        for name in keyed_facts():
            con.register(f"staged_{name}", validated_reports.scan(name).group_by("report_id")
                         .agg(n=pl.len()).collect())
        dupes = cells_stored_twice(con, {name: f"staged_{name}" for name in keyed_facts()})
    dupes["stage: reports staged twice"] = reports[0] - reports[1]
    return AssetCheckResult(passed=not any(dupes.values()), metadata={"duplicate_cells": MetadataValue.json(dupes)})


@asset_check(asset=warehouse,
             description="Every review decision (data/review/*.csv) applies: none whose report is gone or superseded, whose "
                         "cell or flag is missing or whose written value changed since it was made, and no "
                         "malformed line. Non-blocking: the others apply, the stale ones are listed.")
def review_decisions(warehouse: Warehouse) -> AssetCheckResult:
    with published(warehouse) as con:
        if con is None:
            return NO_WAREHOUSE
        outcomes, stale = (review_outcomes(con), review_lines(con)) if has_review_tables(con) else ({}, [])
    return AssetCheckResult(passed=not stale, severity=AssetCheckSeverity.WARN,
                            metadata={"by_outcome": MetadataValue.json(outcomes),
                                      "not_applied": MetadataValue.json(stale[:20])})
