"""Agencies and regions: one agency across years and spellings, placed in the administrative
hierarchy only where the name and the text allow, and cross-year continuity of carried-over cases.

Realistic data: the gold reports of ../shared and variants built from their own text (a county
named differently, a year moved back), never invented agencies."""
from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from assets.run import run_ingest
from pipeline.parsing import parse_bytes
from pipeline.regions import agency_key, gazetteer, resolve_region

from .conftest import SHARED, gold_cases, query

SEEDS, REAL = SHARED / "seeds", SHARED / "real"
GUOJIA, KUANCHENG, SHANGLE = (SEEDS / "000_5f12d2b1ea74e05c.txt", SEEDS / "001_138be65b98b13b66.txt",
                              SEEDS / "002_cff4ace8f11033c3.txt")
XIANGYUN, SANDAOGOU = SEEDS / "003_1e620b80bbedd808.txt", SEEDS / "004_93f78b073b9f0353.txt"
HUAIAN, HONGZE_2023, HONGZE_2024 = REAL / "govnb_1.txt", REAL / "kiro_1.txt", REAL / "kiro_2.txt"

# (province, prefecture, county, township, division_code, township_code) as the name and text allow
GOLD_REGIONS = {
    GUOJIA.name: ("甘肃省", "天水市", "秦安县", "郭嘉镇", "620522", "620522103"),     # text: 秦安郭嘉
    KUANCHENG.name: ("河北省", "承德市", "宽城满族自治县", None, "130827", None),      # a county's office
    SHANGLE.name: ("河南省", "新乡市", "卫辉市", "上乐村镇", "410781", "410781106"),
    XIANGYUN.name: ("河南省", "焦作市", "温县", "祥云镇", "410825", "410825101"),      # text: 焦作市温县祥云镇
    SANDAOGOU.name: ("吉林省", "白山市", "浑江区", "三道沟镇", "220602", "220602103"),
    HUAIAN.name: ("江苏省", "淮安市", None, None, "320800", None),
    HONGZE_2023.name: ("江苏省", "淮安市", "洪泽区", None, "320813", None),
    HONGZE_2024.name: ("江苏省", "淮安市", "洪泽区", None, "320813", None),
}
REGION = ("province", "prefecture", "county", "township", "division_code", "township_code")


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def rules(report) -> set[str]:
    return {f.rule for f in report.issues}


# ---- regions from the name and the text ------------------------------------------------------

@pytest.mark.parametrize("path, gold", gold_cases(), ids=[c[0].stem for c in gold_cases()])
def test_gold_reports_are_placed_as_their_text_allows(path, gold):
    report = parse_bytes(path.read_bytes(), path.name)
    assert tuple(report.to_json()[k] for k in REGION) == GOLD_REGIONS[path.name]
    assert report.admin_level == gold["admin_level"]
    assert not rules(report) & {"region_unresolved", "region_ambiguous", "region_partial"}


def test_xiangyun_trap_is_placed_by_the_text_not_by_the_name_stem():
    # 祥云 is also 云南省大理白族自治州祥云县: matching the stem 祥云 against county names is the trap
    assert [gazetteer().describe(d) for d in gazetteer().full["祥云县"]] == ["云南省大理白族自治州祥云县"]
    report = parse_bytes(XIANGYUN.read_bytes(), XIANGYUN.name)
    assert (report.region.province, report.region.county) == ("河南省", "温县")
    # the same report without 焦作市温县: 祥云 alone proves nothing, so nothing is filled
    blind = parse_bytes(text(XIANGYUN).replace("焦作市温县", "").replace("温县", "本县").encode(), "blind.txt")
    assert (blind.region.province, blind.region.county, blind.region.division_code) == (None, None, None)
    assert "region_unresolved" in rules(blind)


def test_township_needs_its_county_in_the_text():
    region = resolve_region("郭嘉镇", text(GUOJIA).replace("秦安郭嘉", "郭嘉"))
    assert (region.status, region.county, region.flag[0]) == ("unresolved", None, "region_unresolved")
    assert "秦安县" in region.flag[1]      # the reason names the candidate it could not confirm


@pytest.mark.parametrize("name, body, county", [
    ("三道沟镇", text(SANDAOGOU), "浑江区"),                              # address: 白山市浑江区三道沟镇
    ("三道沟镇", text(SANDAOGOU).replace("白山市浑江区", "榆林市府谷县").replace("浑江区", ""), "府谷县"),
    ("府谷县三道沟镇", "", "府谷县"),
])
def test_same_name_townships_are_told_apart_by_the_county(name, body, county):
    assert resolve_region(name, body).county == county


def test_same_name_township_without_a_county_is_ambiguous():
    region = resolve_region("三道沟镇", text(SANDAOGOU).replace("白山市", "").replace("浑江区", ""))
    assert (region.status, region.division_code, region.flag[0]) == ("ambiguous", None, "region_ambiguous")
    assert all(c in region.flag[1] for c in ("浑江区", "府谷县", "瓜州县"))


@pytest.mark.parametrize("name, level, county", [
    ("卫辉市人民政府", "county", "卫辉市"),          # a county-level city: 市 does not make it a prefecture
    ("宽城县人民政府", "county", "宽城满族自治县"),   # the everyday form of an autonomous county
    ("北京市东城区人民政府", "county", "东城区"),     # no prefecture level under a municipality
])
def test_level_and_county_come_from_the_dataset(name, level, county):
    region = resolve_region(name, "")
    assert (region.unit_level, region.county) == (level, county)


REAL2 = sorted((SHARED / "real2").glob("pt_*.txt"))


@pytest.mark.parametrize("path", REAL2[:4], ids=[p.stem for p in REAL2[:4]])
def test_a_functional_zones_bodies_are_placed_in_the_division_that_holds_it(path):
    """平潭综合实验区 is no division in the code list; it is the whole of 平潭县, so its bureaus are
    placed there, as one agency whether or not the name writes 福州市 first."""
    report = parse_bytes(path.read_bytes(), path.name)
    assert (report.region.province, report.region.prefecture, report.region.county) == ("福建省", "福州市", "平潭县")
    assert not rules(report) & {"region_unresolved", "region_ambiguous"}
    prefixed = resolve_region("福州市" + report.agency_name, "")
    assert agency_key(report.agency_name, report.region, "a") == agency_key("x", prefixed, "b")


def test_a_zone_named_after_places_that_do_not_hold_it_is_not_placed_by_the_zone():
    assert resolve_region("雄安新区管理委员会", "").province == "河北省"
    assert resolve_region("上海市两江新区管委会", "").province == "上海市"     # the name's own place wins


def test_a_name_that_names_no_place_is_never_placed():
    region = resolve_region("县人民政府办公室", text(KUANCHENG))
    assert (region.status, region.province) == ("ambiguous", None)


@pytest.mark.parametrize("name", ["北京市朝阳区建外街道办事处", "朝阳区建外街道办事处", "朝阳区建外街道",
                                  "北京市朝阳区建外街道"])
def test_a_street_office_is_its_street_one_township_level_agency(name):
    report = parse_bytes(text(GUOJIA).replace("郭嘉镇", name).encode("utf-8"))
    assert report.admin_level == "township"
    assert agency_key(report.agency_name, report.region, "r") == "110105001"     # 建外街道, 朝阳区


# ---- one agency per real agency in the warehouse ---------------------------------------------

def _variant(raw: Path, name: str, body: str) -> None:
    (raw / name).write_text(body, encoding="utf-8")


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("raw")
    for path, _ in gold_cases():
        shutil.copy(path, raw / path.name)
    # 郭嘉镇 (2022) and 郭嘉镇人民政府 (2023): the same township, spelled two ways
    _variant(raw, "guojia_2023.txt", text(GUOJIA).replace("郭嘉镇2022年", "郭嘉镇人民政府2023年", 1))
    # 三道沟镇 in 府谷县: same township name, another county
    _variant(raw, "sandaogou_fugu.txt", text(SANDAOGOU).replace("白山市浑江区", "榆林市府谷县").replace("浑江区", "府谷县"))
    # 三道沟镇 twice with no county at all: nothing tells whether they are one township
    blind = text(SANDAOGOU).replace("白山市", "").replace("浑江区", "")
    _variant(raw, "sandaogou_blind_a.txt", blind)
    _variant(raw, "sandaogou_blind_b.txt", blind.replace("发布微信公众号152条", "发布微信公众号153条"))
    wh = tmp_path_factory.mktemp("wh") / "ogi.duckdb"
    assert run_ingest(raw, wh).summary.loaded == 12
    return wh


def _agency_of(wh: Path, source_file: str) -> tuple:
    return query(wh, f"""SELECT a.agency_id, a.agency_name, {', '.join('a.' + c for c in REGION)}
                         FROM dim_report r JOIN dim_agency a USING (agency_id) WHERE r.source_file = ?""",
                 [source_file])[0]


def test_name_variants_are_one_agency(warehouse):
    hongze = _agency_of(warehouse, HONGZE_2023.name)
    assert hongze == _agency_of(warehouse, HONGZE_2024.name)
    assert hongze[1] == "淮安市洪泽区人民政府"          # the newest report's spelling
    aliases = query(warehouse, "SELECT alias, first_year, last_year FROM agency_alias WHERE agency_id = ? ORDER BY 2",
                    [hongze[0]])
    assert aliases == [("洪泽区人民政府", 2023, 2023), ("淮安市洪泽区人民政府", 2024, 2024)]
    assert _agency_of(warehouse, GUOJIA.name) == _agency_of(warehouse, "guojia_2023.txt")
    (spellings,) = query(warehouse, "SELECT aliases FROM v_agency WHERE agency_id = ?",
                         [_agency_of(warehouse, GUOJIA.name)[0]])[0]
    assert spellings == ["郭嘉镇", "郭嘉镇人民政府"]


def test_year_over_year_crosses_name_variants(warehouse):
    rows = query(warehouse, """SELECT count, prev_count FROM v_application_yoy WHERE report_year = 2024
                               AND agency_name = '淮安市洪泽区人民政府' AND item = 'received_new'
                               AND applicant_type = 'total'""")
    assert rows == [(Decimal(95), Decimal(21))]


def test_same_name_townships_in_two_counties_are_two_agencies(warehouse):
    hunjiang, fugu = _agency_of(warehouse, SANDAOGOU.name), _agency_of(warehouse, "sandaogou_fugu.txt")
    assert hunjiang[0] != fugu[0]
    assert (hunjiang[4], hunjiang[7], fugu[4], fugu[7]) == ("浑江区", "220602103", "府谷县", "610822110")


def test_same_name_townships_the_text_cannot_tell_apart_are_kept_apart(warehouse):
    a, b = _agency_of(warehouse, "sandaogou_blind_a.txt"), _agency_of(warehouse, "sandaogou_blind_b.txt")
    assert a[0] != b[0] and a[2:] == b[2:] == (None,) * len(REGION)
    assert {a[0], b[0]}.isdisjoint({_agency_of(warehouse, f)[0] for f in (SANDAOGOU.name, "sandaogou_fugu.txt")})
    flags = query(warehouse, """SELECT DISTINCT source_file, severity FROM report_issue JOIN dim_report USING (report_id)
                                WHERE rule = 'region_ambiguous'""")
    assert sorted(flags) == [("sandaogou_blind_a.txt", "info"), ("sandaogou_blind_b.txt", "info")]
    assert query(warehouse, "SELECT count(*) FROM v_report WHERE source_file LIKE 'sandaogou_blind%'") == [(2,)]


def test_agencies_carry_their_region(warehouse):
    for source, region in GOLD_REGIONS.items():
        assert _agency_of(warehouse, source)[2:] == region, source


def test_region_view_sums_applications_by_province(warehouse):
    rows = query(warehouse, """SELECT agencies, reports, received_new, outcome_total FROM v_application_by_region
                               WHERE grain = 'province' AND province = '江苏省' AND report_year = 2024""")
    assert rows == [(2, 2, Decimal(3119 + 95), Decimal(3050 + 95))]      # 淮安市 + 洪泽区
    levels = dict(query(warehouse, """SELECT admin_level, reports FROM v_application_by_region
                                      WHERE grain = 'admin_level' AND report_year = 2024"""))
    assert levels == {"prefecture": 1, "county": 1}
    assert query(warehouse, """SELECT comment FROM duckdb_views() WHERE view_name = 'v_application_by_region'""")[0][0]


# ---- continuity: carried_over(N) = carried_forward(N - 1) ------------------------------------

def test_two_reports_of_a_body_that_names_no_place_are_two_agencies(tmp_path):
    """民政局 of 秦安县 (郭嘉镇's text) and of 浑江区 (三道沟镇's), both 2022: every county has a 民政局,
    so the name alone never makes them one agency (it did: one superseded the other, silently)."""
    raw, wh = tmp_path / "raw", tmp_path / "ogi.duckdb"
    raw.mkdir()
    _variant(raw, "qinan.txt", text(GUOJIA).replace("郭嘉镇", "民政局"))
    _variant(raw, "hunjiang.txt", text(SANDAOGOU).replace("浑江区三道沟镇", "民政局").replace("2021", "2022"))
    assert run_ingest(raw, wh).summary.loaded == 2
    reports = query(wh, "SELECT agency_name, report_year, agency_id, status FROM dim_report ORDER BY source_file")
    assert [r[:2] for r in reports] == [("民政局", 2022)] * 2
    assert reports[0][2] != reports[1][2] and {r[3] for r in reports} == {"current"}
    assert query(wh, "SELECT count(*) FROM v_report") == [(2,)]
    flags = query(wh, "SELECT source_file, detail FROM report_issue JOIN dim_report USING (report_id) "
                      "WHERE rule = 'region_ambiguous' ORDER BY source_file")
    assert flags == [(f, "民政局 names no place: region left NULL and this report kept as an agency of its own")
                     for f in ("hunjiang.txt", "qinan.txt")]


def continuity(wh: Path) -> list[tuple]:
    return query(wh, """SELECT source_file, severity, detail FROM report_issue JOIN dim_report USING (report_id)
                        WHERE rule = 'continuity' ORDER BY source_file""")


def test_continuity_in_either_order_and_never_twice(tmp_path):
    raw, wh = tmp_path / "raw", tmp_path / "ogi.duckdb"
    raw.mkdir()
    shutil.copy(HONGZE_2024, raw)                       # 2024 first: its 2023 is not there yet
    shutil.copy(HUAIAN, raw)
    assert run_ingest(raw, wh).summary.continuity == 0
    shutil.copy(HONGZE_2023, raw)                       # 洪泽区 2023 carried 0 forward, 2024 carried 0 over
    # 淮安市 2023 made from its 2024 report: carried_forward 103, while 2024 carried over 34
    _variant(raw, "huaian_2023.txt", text(HUAIAN).replace("2024", "2023"))
    outcome = run_ingest(raw, wh)
    assert outcome.summary.loaded == 2 and outcome.summary.continuity == 1
    assert len({r[0] for r in query(wh, "SELECT agency_id FROM dim_report WHERE source_file LIKE 'kiro%'")}) == 1
    [(source, severity, detail)] = continuity(wh)
    assert (source, severity) == (HUAIAN.name, "warning")
    assert "natural_person 34 vs 103" in detail and "total 34 vs 103" in detail
    assert run_ingest(raw, wh).summary.published is False       # nothing changed: nothing written
    (raw / "touched.txt").write_text(text(KUANCHENG), encoding="utf-8")    # a new file: recomputed, not duplicated
    summary = run_ingest(raw, wh).summary
    assert (summary.continuity, summary.warehouse_continuity) == (0, 1)     # none found by this run; one held
    assert len(continuity(wh)) == 1
