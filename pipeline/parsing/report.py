"""The parser's output: one report's metadata, cells and flags, and its JSON form (gold FORMAT.md keys)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..regions import Region
from .flags import Flag

Cells = dict  # nested dicts of code -> ... -> Decimal | None
REGION_FIELDS = ("province", "prefecture", "county", "township", "division_code", "township_code")


@dataclass
class ParsedReport:
    source: str
    agency_name: str | None
    admin_level: str
    title_year: int | None
    report_year: int | None
    template_version: str | None
    published_on: date | None
    application: Cells = field(default_factory=dict)
    review_litigation: Cells = field(default_factory=dict)
    proactive: Cells = field(default_factory=dict)
    issues: list[Flag] = field(default_factory=list)
    region: Region = field(default_factory=lambda: Region("unresolved"))
    read_method: str = "text"           # text | html | docx | doc | pdf | ocr: how the file was read
    ocr_pages: int | None = None        # OCR: pages recognised (the others held no table)
    ocr_confidence: float | None = None  # OCR: mean confidence of the boxes read
    ocr_seconds: float | None = None    # OCR: CPU seconds spent (the run's summary adds them up)
    # cells of 三/四 the identities placed, not read as written (table_result.TableResult.placed): vouch.py
    placed: set[tuple[str, str, str]] = field(default_factory=set, repr=False, compare=False)

    def __post_init__(self) -> None:
        """The region's reason for a NULL place is an info flag of the report."""
        if self.region.flag:
            self.issues.append(Flag(*self.region.flag, severity="info"))

    @property
    def warnings(self) -> list[Flag]:
        return [f for f in self.issues if f.severity != "info"]

    def to_json(self) -> dict:
        return {
            "source": self.source,
            "agency_name": self.agency_name,
            "admin_level": self.admin_level,
            "report_year": self.report_year,
            "title_year": self.title_year,
            "template_version": self.template_version,
            "published_on": self.published_on.isoformat() if self.published_on else None,
            **{key: getattr(self.region, key) for key in REGION_FIELDS},
            "application": _plain(self.application),
            "review_litigation": _plain(self.review_litigation),
            "proactive": _plain(self.proactive),
            "issues": [{"rule": f.rule, "severity": f.severity, "detail": f.detail} for f in self.issues],
        }


def json_number(v: Decimal | None) -> int | float | None:
    if v is None:
        return None
    return int(v) if v == v.to_integral_value() else float(v)


def _plain(node):
    if isinstance(node, dict):
        return {k: _plain(v) for k, v in node.items()}
    return json_number(node)
