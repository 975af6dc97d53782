"""The key that makes two reports one agency (dim_agency.agency_key).

- placed: the division code and the body within it. 洪泽区人民政府 and 淮安市洪泽区人民政府 are
  320813; 郭嘉镇 and 秦安县郭嘉镇人民政府 are 620522103; 宽城满族自治县人民政府办公室 is 130827/政府办公室.
- named but not placed: the name without whitespace and a trailing (人民)政府 (name/郭嘉镇).
- ambiguous (三道沟镇 with no county in the text, a name that names no place: 县财政局, 民政局): the report itself,
  so that two same-name agencies are never merged on a guess.
"""
from __future__ import annotations

from .names import government_name_key
from .resolve import Region


def agency_key(agency_name: str | None, region: Region, report_id: str) -> str:
    if region.status == "resolved":
        code = region.township_code or region.division_code
        return f"{code}/{region.local_name}" if region.local_name else code
    if region.status == "unresolved" and agency_name:
        return f"name/{government_name_key(agency_name)}"
    return f"report/{report_id}"
