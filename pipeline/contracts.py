"""pandera (polars backend) contracts for every frame that reaches the warehouse.

Structural rules are blocking: a report with any violating row is moved to quarantine whole.
The accounting identities are not here: they are flags computed by the parser (parsing/checks.py)
and land in report_issue.
"""
from __future__ import annotations

from datetime import date

import pandera.polars as pa
import polars as pl

from .frames import AMOUNT, FRAMES, MAX_VALUE, Batch
from .parsing import spec

APPLICATION_ITEMS = [r.code for r in spec.APPLICATION_ROWS]
APPLICANT_TYPES = [c.code for c in spec.APPLICANT_COLUMNS]
PROCEEDINGS = [p.code for p in spec.PROCEEDINGS]
RESULTS = [r.code for r in spec.RESULTS]
CLAUSES = list(spec.CLAUSES.values())
DISCLOSURE_ITEMS = [i.code for i in spec.DISCLOSURE_ITEMS]
MEASURES = [m.code for m in spec.MEASURES]
ADMIN_LEVELS = ["province", "prefecture", "county", "township", "department", "unknown"]


def _whole(data: pa.PolarsData) -> pl.LazyFrame:
    col = pl.col(data.key)
    return data.lazyframe.select(col.is_null() | (col == col.floor()))


class ReportFrame(pa.DataFrameModel):
    report_id: str = pa.Field(unique=True)
    content_sha256: str = pa.Field(str_length={"min_value": 64, "max_value": 64})
    source_file: str
    agency_name: str = pa.Field(nullable=True)
    admin_level: str = pa.Field(isin=ADMIN_LEVELS)
    report_year: pl.Int32 = pa.Field(ge=2008, le=date.today().year)
    title_year: pl.Int32 = pa.Field(nullable=True)
    template_version: str = pa.Field(isin=list(spec.TEMPLATES))
    published_on: pl.Date = pa.Field(nullable=True)
    province: str = pa.Field(nullable=True)
    prefecture: str = pa.Field(nullable=True)
    county: str = pa.Field(nullable=True)
    township: str = pa.Field(nullable=True)
    division_code: str = pa.Field(nullable=True, str_matches=r"^\d{6}$")
    township_code: str = pa.Field(nullable=True, str_matches=r"^\d{9}$")
    agency_key: str
    agency_id: str = pa.Field(str_length={"min_value": 12, "max_value": 12})
    parser_version: str
    read_method: str = pa.Field(isin=["text", "html", "docx", "doc", "pdf", "ocr"])
    ocr_pages: pl.Int32 = pa.Field(nullable=True, ge=0)
    ocr_confidence: pl.Float64 = pa.Field(nullable=True, ge=0, le=1)
    ocr_seconds: pl.Float64 = pa.Field(nullable=True, ge=0)


class _CountFrame(pa.DataFrameModel):
    """A fact of whole, non-negative case counts (sections 三 and 四)."""
    report_id: str
    count: AMOUNT = pa.Field(nullable=True, ge=0, lt=MAX_VALUE)

    @pa.check("count", name="whole_number")
    def whole(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return _whole(data)


class ApplicationFrame(_CountFrame):
    item: str = pa.Field(isin=APPLICATION_ITEMS)
    applicant_type: str = pa.Field(isin=APPLICANT_TYPES)

    class Config:
        unique = list(FRAMES["application"].key)


class ReviewFrame(_CountFrame):
    proceeding: str = pa.Field(isin=PROCEEDINGS)
    result: str = pa.Field(isin=RESULTS)

    class Config:
        unique = list(FRAMES["review"].key)


class ProactiveFrame(pa.DataFrameModel):
    report_id: str
    clause: str = pa.Field(isin=CLAUSES)
    item: str = pa.Field(isin=DISCLOSURE_ITEMS)
    measure: str = pa.Field(isin=MEASURES)
    value: AMOUNT = pa.Field(nullable=True, gt=-MAX_VALUE, lt=MAX_VALUE)

    @pa.dataframe_check(name="non_negative_except_change")
    def non_negative(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("value").is_null() | (pl.col("value") >= 0) | (pl.col("measure") == "change"))

    @pa.dataframe_check(name="counts_are_whole")
    def counts_whole(cls, data: pa.PolarsData) -> pl.LazyFrame:
        amounts = [m.code for m in spec.MEASURES if m.is_amount]
        v = pl.col("value")
        return data.lazyframe.select(v.is_null() | pl.col("measure").is_in(amounts) | (v == v.floor()))

    class Config:
        unique = list(FRAMES["proactive"].key)


class IssueFrame(pa.DataFrameModel):
    report_id: str
    rule: str
    severity: str = pa.Field(isin=["info", "warning"])
    detail: str


class QuarantineFrame(pa.DataFrameModel):
    source_file: str
    content_sha256: str = pa.Field(nullable=True)
    reason: str
    detail: str


VIOLATION_SCHEMA = {"report_id": pl.Utf8, "reason": pl.Utf8, "detail": pl.Utf8}
# The contract of every frame of frames.FRAMES but quarantine (checked on its own, last).
CONTRACTS = {"reports": ReportFrame, "application": ApplicationFrame, "review": ReviewFrame,
             "proactive": ProactiveFrame, "issues": IssueFrame}


def contract_violations(batch: Batch) -> pl.DataFrame:
    """One row per report that breaks a structural rule: report_id, reason, detail (readable)."""
    found: list[tuple[str, str]] = []
    for name, schema in CONTRACTS.items():
        frame = getattr(batch, name)
        try:
            schema.validate(frame, lazy=True)
        except pa.errors.SchemaErrors as exc:
            if exc.failure_cases["index"].is_null().any():   # a missing column or a wrong type: our bug
                raise
            cases = exc.failure_cases
            ids = frame["report_id"].gather(cases["index"].cast(pl.UInt32))
            for rid, col, check, case in zip(ids, cases["column"], cases["check"], cases["failure_case"]):
                found.append((rid, f"{name}.{col} fails {check}: {case}"))
    if not found:
        return pl.DataFrame(schema=VIOLATION_SCHEMA)
    return (pl.DataFrame(found, schema={"report_id": pl.Utf8, "detail": pl.Utf8}, orient="row")
            .group_by("report_id", maintain_order=True)
            .agg(pl.col("detail").unique(maintain_order=True).head(5).str.join("; "))
            .with_columns(reason=pl.lit("contract_violation")).select("report_id", "reason", "detail"))


def validate_batch(batch: Batch) -> tuple[Batch, pl.DataFrame]:
    """(the batch with violating reports moved to quarantine, the violations). Eager validation:
    the frames are DataFrames, so every data check runs (a LazyFrame would only check the schema)."""
    violations = contract_violations(batch)
    if violations.height:      # what is left must pass now (raises if the move missed a row)
        batch = batch.without_reports(set(violations["report_id"]), violations)
        for name, schema in CONTRACTS.items():
            schema.validate(getattr(batch, name))
    QuarantineFrame.validate(batch.quarantine)
    return batch, violations
