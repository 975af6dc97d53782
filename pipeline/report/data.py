"""What a report shows, read from one warehouse snapshot: an agency (or a region's agencies) over
the years, its flags, and its peers. Only the views' numbers, converted for JSON, never recomputed
beyond sums and the views' own rates."""
from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from ..warehouse.console import CATALOG, ConsoleError, plain

PLACE_LEVELS = ("province", "prefecture", "county")
ADMIN_LEVELS = {"province": "省级", "prefecture": "地市级", "county": "县级", "township": "乡镇级",
                "department": "部门", "unknown": "层级不详"}
PLACE_NAMES = {"province": "省", "prefecture": "地市", "county": "县区"}
SUMMARY_COLUMNS = ("received_new", "carried_over", "granted", "partially_granted", "denied", "unavailable",
                   "not_processed", "other_processing", "outcome_total", "carried_forward")
# The rates a page shows: metric (table metric) -> the v_application_summary columns of its
# numerator; the denominator of each is outcome_total. Pooled as sums, like v_rate_by_year.
RATES = {"denial_rate": ("denied",), "grant_rate": ("granted",), "disclosure_rate": ("granted", "partially_granted")}
POOLED_RATES = ", ".join(f"({' + '.join(f'sum({c})' for c in parts)}) / nullif(sum(outcome_total), 0) AS {rate}"
                         for rate, parts in RATES.items())


@dataclass
class Scope:
    """Whose numbers: one agency, or every agency placed in a region."""
    title: str
    subtitle: str
    where: str                      # SQL condition on a relation carrying agency_id and the place columns
    params: list
    agency: dict | None = None      # the agency, in agency mode
    peers_label: str = ""


@dataclass
class ReportData:
    scope: Scope
    years: list[int]
    summary: list[dict]             # per year: SUMMARY_COLUMNS, RATES, reports (and `hidden`: see hide_small_samples)
    review: dict[str, list[dict]]   # proceeding -> per year: upheld, corrected, other, pending, total (stated)
    flags: list[dict]
    peers: list[dict] = field(default_factory=list)   # latest year, same level and region (agency mode)
    peer_rates: list[dict] = field(default_factory=list)   # per year, the peers' pooled rates
    agencies: list[dict] = field(default_factory=list)     # region mode: latest report of each agency
    agency_changes: list[dict] = field(default_factory=list)   # region mode: see _add_agency_changes


def _dicts(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [{n: plain(v) for n, v in zip(names, row, strict=True)} for row in cursor.fetchall()]


READ_VIEWS = ("v_agency", "v_report", "v_application_summary", "v_review_yoy")


def freeze_views(con: duckdb.DuckDBPyConnection) -> None:
    """Materialize the views a report reads as temporary tables of the same names, which shadow
    the views on this connection: for a page per agency, each view is evaluated once, not once per
    agency (on 2,000 reports: ~35 ms a page instead of ~330 ms)."""
    for view in READ_VIEWS:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {view} AS SELECT * FROM {CATALOG}.main.{view}")


def agency_scope(con: duckdb.DuckDBPyConnection, agency_id: str) -> Scope:
    rows = _dicts(con, "SELECT * FROM v_agency WHERE agency_id = ?", [agency_id])
    if not rows:
        raise ConsoleError(f"no agency {agency_id!r} (v_agency lists them, e.g. ogi sql \"SELECT agency_id, "
                           "agency_name, province, prefecture, county FROM v_agency\")")
    agency = rows[0]
    place = " / ".join(p for p in (agency[k] for k in (*PLACE_LEVELS, "township")) if p) or "地区不详 place unknown"
    level = ADMIN_LEVELS.get(agency["admin_level"], agency["admin_level"])
    return Scope(title=agency["agency_name"], subtitle=f"{level} · {place} · agency_id {agency_id}",
                 where="agency_id = ?", params=[agency_id], agency=agency)


def region_scope(con: duckdb.DuckDBPyConnection, region: str) -> Scope:
    """`region` is a place name (淮安市) or a path of names (江苏省/淮安市) when one name is several places."""
    parts = [p.strip() for p in region.split("/") if p.strip()]
    if not parts:
        raise ConsoleError("--region needs a place name")
    for depth in range(len(parts) - 1, len(PLACE_LEVELS)):      # the highest level the name can be first
        named = PLACE_LEVELS[depth + 1 - len(parts):depth + 1]
        path = PLACE_LEVELS[:depth + 1]
        places = con.execute(f"""SELECT DISTINCT {', '.join(path)} FROM dim_agency
                                 WHERE {' AND '.join(f'{lv} = ?' for lv in named)}""", parts).fetchall()
        if len(places) > 1:
            options = ", ".join("/".join(p for p in place if p) for place in places)
            raise ConsoleError(f"{region!r} names {len(places)} places: {options}; give one of them")
        if places:
            return Scope(title="/".join(p for p in places[0] if p),
                         subtitle=f"本{PLACE_NAMES[PLACE_LEVELS[depth]]}所有机关 · all agencies placed in this "
                                  f"{PLACE_LEVELS[depth]}",
                         where=" AND ".join(f"{c} IS NOT DISTINCT FROM ?" for c in path), params=list(places[0]))
    raise ConsoleError(f"no province, prefecture or county named {region!r} in dim_agency")


def read_report(con: duckdb.DuckDBPyConnection, scope: Scope) -> ReportData:
    sums = ", ".join(f"sum({c}) AS {c}" for c in SUMMARY_COLUMNS)
    summary = _dicts(con, f"""
        SELECT report_year, count(*) AS reports, {sums}, {POOLED_RATES}
        FROM v_application_summary WHERE {scope.where} GROUP BY report_year ORDER BY report_year""", scope.params)
    review_rows = _dicts(con, f"""
        SELECT report_year, proceeding, result, sum(count) AS count FROM v_review_yoy
        WHERE {scope.where} GROUP BY ALL ORDER BY report_year""", scope.params)
    review: dict[str, list[dict]] = {}
    for proceeding in [r[0] for r in con.execute("SELECT code FROM dim_proceeding ORDER BY sort_order").fetchall()]:
        years = sorted({r["report_year"] for r in review_rows if r["proceeding"] == proceeding})
        review[proceeding] = [{"report_year": y, **{r["result"]: r["count"] for r in review_rows
                                                    if r["proceeding"] == proceeding and r["report_year"] == y}}
                              for y in years]
    flags = _dicts(con, f"""
        SELECT report_year, agency_name, source_file, rule, detail
        FROM v_report JOIN v_issue USING (report_id)
        WHERE severity = 'warning' AND {scope.where}
        ORDER BY report_year, agency_name, rule, detail""", scope.params)
    years = sorted({r["report_year"] for r in summary} | {r["report_year"] for r in review_rows})
    data = ReportData(scope, years, summary, review, flags)
    if scope.agency is not None:
        _add_peers(con, data)
    else:
        data.agencies = _dicts(con, f"""
            SELECT agency_id, agency_name, admin_level, report_year, received_new, outcome_total,
                   {', '.join(RATES)} FROM v_application_summary WHERE {scope.where}
            QUALIFY report_year = max(report_year) OVER (PARTITION BY agency_id)
            ORDER BY admin_level, received_new DESC NULLS LAST, agency_name""", scope.params)
        _add_agency_changes(con, data)
    hide_small_samples(con, data)
    return data


def hide_small_samples(con: duckdb.DuckDBPyConnection, data: ReportData) -> None:
    """A rate over fewer answered applications than its metric's min_denominator is no rate (one
    application plots as a 100 % / 0 % swing): it becomes None, and `hidden` maps it to that
    minimum so the page can say why, as v_rate does with below_min_sample."""
    floors = dict(con.execute("SELECT metric, min_denominator FROM metric WHERE metric IN ?", [list(RATES)]).fetchall())
    for row in (*data.summary, *data.peer_rates, *data.peers, *data.agencies):
        row["hidden"] = {rate: floor for rate, floor in floors.items()
                         if row[rate] is not None and row["outcome_total"] < floor}
        row.update(dict.fromkeys(row["hidden"]))


def _add_peers(con: duckdb.DuckDBPyConnection, data: ReportData) -> None:
    """Peers: agencies of the same admin level in the smallest region that holds them all (the
    prefecture for a county or township agency, the province for a prefecture, the country for a
    province). None when the agency is not placed."""
    agency = data.scope.agency
    region_levels = {"province": (), "prefecture": ("province",), "county": ("province", "prefecture")}.get(
        agency["admin_level"], ("province", "prefecture", "county") if agency["county"] else ("province", "prefecture"))
    if any(agency[c] is None for c in region_levels) or agency["province"] is None:
        return
    where = " AND ".join(["admin_level = ?", *(f"{c} = ?" for c in region_levels)])
    params = [agency["admin_level"], *(agency[c] for c in region_levels)]
    level = ADMIN_LEVELS.get(agency["admin_level"], agency["admin_level"])
    data.scope.peers_label = f"{'/'.join(agency[c] for c in region_levels) or '全国'} {level}机关"
    latest = max((r["report_year"] for r in data.summary), default=None)
    if latest is not None:
        data.peers = _dicts(con, f"""
            SELECT agency_id, agency_name, received_new, outcome_total, denied, {', '.join(RATES)}
            FROM v_application_summary WHERE {where} AND report_year = ?
            ORDER BY received_new DESC NULLS LAST, agency_name""", [*params, latest])
    data.peer_rates = _dicts(con, f"""
        SELECT report_year, count(*) AS reports, sum(outcome_total) AS outcome_total, {POOLED_RATES}
        FROM v_application_summary WHERE {where} AND agency_id <> ? GROUP BY report_year ORDER BY report_year""",
        [*params, agency["agency_id"]])


def _add_agency_changes(con: duckdb.DuckDBPyConnection, data: ReportData) -> None:
    """A region's sums rise when an agency starts reporting, not only when applications do: for
    each year whose agencies differ from the year before, who joined and who left (by name)."""
    rows = con.execute(f"SELECT report_year, agency_id, agency_name FROM v_application_summary WHERE {data.scope.where}",
                       data.scope.params).fetchall()
    names = {agency_id: name for _, agency_id, name in rows}
    by_year = {year: {a for y, a, _ in rows if y == year} for year in sorted({y for y, _, _ in rows})}
    years = list(by_year)
    data.agency_changes = [{"report_year": year, "since": before,
                            "joined": sorted(names[a] for a in by_year[year] - by_year[before]),
                            "left": sorted(names[a] for a in by_year[before] - by_year[year])}
                           for before, year in zip(years, years[1:]) if by_year[before] != by_year[year]]


def pages_by_region(con: duckdb.DuckDBPyConnection, agency_ids: list[str]) -> dict[str, list[dict]]:
    """The agencies of a folder's pages under their region (province/prefecture/county), regions in
    order; a page whose agency is no longer in the warehouse is listed by its id."""
    known = {r["agency_id"]: r for r in _dicts(con, f"""
        SELECT agency_id, agency_name, admin_level, {', '.join(PLACE_LEVELS)} FROM v_agency
        WHERE agency_id IN (SELECT unnest(?))""", [agency_ids])}
    regions: dict[str, list[dict]] = {}
    for agency_id in agency_ids:
        row = known.get(agency_id, {"agency_id": agency_id, "agency_name": agency_id, "admin_level": "unknown"})
        region = "/".join(row[c] for c in PLACE_LEVELS if row.get(c)) or "地区不详 place unknown"
        regions.setdefault(region, []).append(row)
    return {region: sorted(rows, key=lambda r: (r["agency_name"], r["agency_id"]))
            for region, rows in sorted(regions.items())}
