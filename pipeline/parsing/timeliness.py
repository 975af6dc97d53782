"""Publication date against the statutory deadline of 条例第四十九条 (2019 revision).

Departments of governments at county level and above publish last year's report by 31 January;
those governments' own reports are published by 31 March. The article names no other level
(townships, 街道), so those are not judged, nor is a report whose date is unknown. The date read
is the signature or stated publication date (metadata.find_published): a report signed late is
flagged `late_publication` (info: a fact about the agency's compliance, not about the numbers).
"""
from __future__ import annotations

import re
from datetime import date

from .flags import Flag
from .metadata import Metadata

_GOVERNMENT_LEVELS = ("county", "prefecture", "province")
_SUB_COUNTY_BODY = re.compile(r"街道|苏木|(?:镇|乡)(?:人民)?政府")


def deadline(meta: Metadata) -> tuple[date, str] | None:
    """The last day to publish, and whose deadline it is; None when the article does not apply."""
    if meta.report_year is None:
        return None
    if meta.admin_level in _GOVERNMENT_LEVELS:
        return date(meta.report_year + 1, 3, 31), f"a {meta.admin_level}-level government's own report"
    if (meta.admin_level == "department" and meta.region.township is None
            and not _SUB_COUNTY_BODY.search(meta.agency_name or "")):
        return date(meta.report_year + 1, 1, 31), "a department of a government at county level or above"
    return None


def check_timeliness(meta: Metadata) -> list[Flag]:
    due = deadline(meta)
    if due is None or meta.published_on is None or meta.published_on <= due[0]:
        return []
    days = (meta.published_on - due[0]).days
    return [Flag("late_publication", f"dated {meta.published_on.isoformat()}, {days} days after the deadline "
                 f"{due[0].isoformat()} for {due[1]} (条例第四十九条; report year {meta.report_year})", "info")]
