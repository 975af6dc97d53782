"""What an analyst uses, on a warehouse loaded from the sample reports: `ogi sql` (one-off and the
prompt, fresh snapshots), `ogi export` and the Parquet copy, `ogi report` and the report asset, and
the report page in headless Chromium."""
from __future__ import annotations

import csv
import io
import json
import random
import re
import shutil
import subprocess
from pathlib import Path

import duckdb
import polars as pl
import pytest
from click.testing import CliRunner
from dagster import AssetKey, DagsterInstance, materialize

from assets.analyst import agency_reports, warehouse_parquet
from assets.cli import main
from assets.definitions import defs
from assets.resources import Warehouse
from assets.run import run_ingest
from pipeline.report import write_reports
from pipeline.report.data import agency_scope, read_report, region_scope
from pipeline.warehouse.console import ConsoleError, open_snapshot, repl, run_sql
from pipeline.warehouse.export import STAR_SCHEMA, parquet_copy_dir
from pipeline.warehouse.publish import publish

from .conftest import ROOT, query
from .synth import random_report, render

SAMPLE = ROOT / "data" / "raw"
HONGZE = "洪泽区"            # the sample's one agency with two years (kiro_1 2023, kiro_2 2024)
PEERS = [("淮安市淮阴区人民政府", 2023), ("淮安市淮阴区人民政府", 2024), ("淮安市清江浦区人民政府", 2024)]   # synthetic


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    """The sample, 洪泽区 in 2023 and 2024 (shared/real), and synthetic reports of two other
    county-level agencies of 淮安市: its peers."""
    wh = tmp_path_factory.mktemp("wh") / "ogi.duckdb"
    raw = tmp_path_factory.mktemp("raw")
    for path in SAMPLE.iterdir():
        shutil.copy(path, raw / path.name)
    for name in ("kiro_1.txt", "kiro_2.txt"):
        shutil.copy(ROOT.parent / "shared" / "real" / name, raw / name)
    rng = random.Random(5)
    for name, year in PEERS:
        report = random_report(rng, "2021", year=year, agency=name)
        (raw / f"{name}_{year}.txt").write_text(render(report, "tabs", rng), encoding="utf-8")
    assert run_ingest(raw, wh).summary.loaded == 10
    return wh


def ogi(*args: str):
    return CliRunner().invoke(main, list(args))


def hongze(warehouse: Path) -> str:
    sql = "SELECT agency_id FROM dim_agency WHERE county = ? AND admin_level = 'county'"
    return query(warehouse, sql, [HONGZE])[0][0]


# ---- ogi sql ---------------------------------------------------------------------------------------

def test_sql_one_off_in_three_formats(warehouse):
    sql = "SELECT report_year, received_new, denial_rate FROM v_application_summary ORDER BY report_year, agency_id"
    want = query(warehouse, sql)
    as_json = ogi("sql", "--warehouse", str(warehouse), "--format", "json", sql)
    assert as_json.exit_code == 0, as_json.output
    rows = [json.loads(line) for line in as_json.output.splitlines()]
    assert [(r["report_year"], r["received_new"]) for r in rows] == [(y, int(n)) for y, n, _ in want]
    as_csv = ogi("sql", "--warehouse", str(warehouse), "--format", "csv", sql)
    parsed = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert [int(r["received_new"]) for r in parsed] == [int(n) for _, n, _ in want]
    assert "." not in parsed[0]["received_new"]          # a whole count reads 75, not 75.0000
    table = ogi("sql", "--warehouse", str(warehouse), sql)
    assert table.output.splitlines()[0].split() == ["report_year", "received_new", "denial_rate"]
    assert f"({len(want)} rows)" in table.output


def test_sql_file_runs_every_statement(warehouse, tmp_path):
    script = tmp_path / "q.sql"
    script.write_text("SELECT count(*) AS reports FROM v_report;\n-- a comment\nSELECT 41 + 1 AS answer;\n",
                      encoding="utf-8")
    result = ogi("sql", "--warehouse", str(warehouse), "--format", "csv", "-f", str(script))
    assert result.exit_code == 0, result.output
    reports = query(warehouse, "SELECT count(*) FROM v_report")[0][0]
    assert result.output.split() == ["reports", str(reports), "answer", "42"]


@pytest.mark.parametrize("statement, message", [
    ("SELEC 1", "syntax error"),
    ("SELECT * FROM no_such_table", "no_such_table"),
    ("DELETE FROM dim_report", "DELETE is not allowed"),
    ("COPY dim_report TO 'out.csv'", "COPY is not allowed"),
    ("SELECT 1; DETACH ogi; ATTACH 'ogi.duckdb' AS ogi", "DETACH is not allowed"),
])
def test_sql_errors_are_one_message_without_traceback(warehouse, statement, message):
    before = query(warehouse, "SELECT count(*) FROM dim_report")
    result = ogi("sql", "--warehouse", str(warehouse), statement)
    assert result.exit_code == 1 and message in result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    assert query(warehouse, "SELECT count(*) FROM dim_report") == before


def test_sql_without_a_warehouse_says_so(tmp_path):
    result = ogi("sql", "--warehouse", str(tmp_path / "none.duckdb"), "SELECT 1")
    assert result.exit_code == 1 and "run `ogi ingest` first" in result.output


def test_prompt_runs_statements_over_lines_and_dot_commands(warehouse):
    lines = iter(["SELECT count(*) AS n", "FROM v_report;", ".format json", "SELECT 1 AS a; SELECT 2 AS b;",
                  ".describe v_review_yoy", "bad;", ".nope", "SELECT 'dropped'", KeyboardInterrupt, ".quit",
                  "SELECT 'never reached';"])
    out = []

    def read_line(prompt):
        line = next(lines)
        if line is KeyboardInterrupt:
            raise KeyboardInterrupt
        return line

    repl(warehouse, "table", read_line, out.append)
    assert out[0].split()[:3] == ["n", "---", str(query(warehouse, "SELECT count(*) FROM v_report")[0][0])]
    assert out[1:3] == ['{"a": 1}', '{"b": 2}']
    described = [json.loads(line) for line in out[3].splitlines()]
    assert {d["column"] for d in described} >= {"agency_id", "province", "prefecture", "county", "result"}
    assert all(d["comment"] for d in described)
    assert out[4].startswith("error: Parser Error") and out[5].startswith("error: unknown command .nope")
    assert out[6:] == ["\n(interrupted)"]


def test_each_query_sees_the_warehouse_as_published_now(warehouse, tmp_path):
    """DuckDB hands a second read-only connection in one process the database instance that an open
    one holds, i.e. the snapshot from before the load; run_sql (and open_snapshot) see the new file."""
    wh = tmp_path / "ogi.duckdb"
    shutil.copy(warehouse, wh)
    held = duckdb.connect(str(wh), read_only=True)
    try:
        publish(wh, lambda con: con.execute("DELETE FROM report_issue"))
        stale = duckdb.connect(str(wh), read_only=True)
        assert stale.execute("SELECT count(*) FROM report_issue").fetchone()[0] > 0     # the old snapshot
        stale.close()
        assert run_sql(wh, "SELECT count(*) FROM report_issue")[0].rows == [(0,)]
        fresh = open_snapshot(wh)
        assert fresh.execute("SELECT count(*) FROM report_issue").fetchone()[0] == 0
        fresh.close()
    finally:
        held.close()
    assert query(wh, "SELECT count(*) FROM report_issue") == [(0,)]     # all closed: a plain connect is fresh


# ---- exports ---------------------------------------------------------------------------------------

def test_export_writes_parquet_and_csv_that_other_tools_read(warehouse, tmp_path):
    result = ogi("export", "--warehouse", str(warehouse), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    facts = pl.read_parquet(tmp_path / "out" / "fact_application.parquet")
    from_csv = pl.read_csv(tmp_path / "out" / "fact_application.csv")
    want = query(warehouse, "SELECT report_id, item, applicant_type, count FROM fact_application ORDER BY ALL")
    assert sorted(facts.rows()) == want
    assert sorted((r, i, a, None if c is None else int(c)) for r, i, a, c in from_csv.rows()) == \
        [(r, i, a, None if c is None else int(c)) for r, i, a, c in want]
    assert {p.stem for p in (tmp_path / "out").glob("*.parquet")} == set(STAR_SCHEMA)
    columns = pl.read_csv(tmp_path / "out" / "columns.csv")
    assert columns.filter(pl.col("comment").is_null()).is_empty()
    assert set(columns["table_name"]) == set(STAR_SCHEMA)


def test_export_of_a_chosen_view_and_an_unknown_name(warehouse, tmp_path):
    result = ogi("export", "--warehouse", str(warehouse), "--out", str(tmp_path), "--only", "v_review_yoy",
                 "--format", "csv")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["columns.csv", "v_review_yoy.csv"]
    rows = query(warehouse, "SELECT count(*) FROM v_review_yoy")[0][0]
    assert len(pl.read_csv(tmp_path / "v_review_yoy.csv")) == rows
    bad = ogi("export", "--warehouse", str(warehouse), "--out", str(tmp_path), "--only", "v_nothing")
    assert bad.exit_code == 1 and "no table or view named v_nothing" in bad.output


def test_the_parquet_asset_keeps_a_copy_beside_the_warehouse(warehouse):
    result = materialize([warehouse_parquet], resources={"warehouse": Warehouse(path=str(warehouse))},
                         instance=DagsterInstance.ephemeral())
    assert result.success
    copy = parquet_copy_dir(warehouse)
    assert copy == warehouse.with_name("ogi.parquet")
    reports = pl.read_parquet(copy / "dim_report.parquet")
    want = query(warehouse, "SELECT report_id FROM dim_report ORDER BY 1")
    assert sorted(reports["report_id"]) == [r for (r,) in want]
    assert not list(warehouse.parent.glob("ogi.parquet.*"))          # no half-written copy left behind


# ---- reports ---------------------------------------------------------------------------------------

def test_report_for_an_agency_and_a_region(warehouse, tmp_path):
    agency = hongze(warehouse)
    result = ogi("report", "--warehouse", str(warehouse), "--agency", agency, "--out", str(tmp_path / "a.html"))
    assert result.exit_code == 0, result.output
    page = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert "<script src=" not in page and "Plotly.newPlot" in page      # self-contained
    detail = query(warehouse, """SELECT detail FROM report_issue JOIN v_report USING (report_id)
                                 WHERE agency_id = ? AND severity = 'warning'""", [agency])
    assert detail and all(d in page for (d,) in detail) and "kiro_1.txt" in page
    region = ogi("report", "--warehouse", str(warehouse), "--region", "淮安市", "--out", str(tmp_path / "r.html"))
    assert region.exit_code == 0, region.output
    assert "淮安市" in (tmp_path / "r.html").read_text(encoding="utf-8")
    for args, message in [(["--region", "火星"], "no province, prefecture or county named"),
                          (["--agency", "nope"], "no agency 'nope'"), ([], "give --agency ID or --region NAME")]:
        bad = ogi("report", "--warehouse", str(warehouse), *args, "--out", str(tmp_path / "x.html"))
        assert bad.exit_code != 0 and message in bad.output
    assert not (tmp_path / "x.html").exists()


def test_an_agency_report_sets_it_beside_its_peers(warehouse):
    """Peers of a county-level government: the other county-level agencies of its prefecture, in
    its latest year; the rates chart's peer lines pool them without it."""
    agency = hongze(warehouse)
    con = open_snapshot(warehouse)
    try:
        data = read_report(con, agency_scope(con, agency))
    finally:
        con.close()
    rows = query(warehouse, """SELECT agency_id, agency_name, report_year, denied, outcome_total
                               FROM v_application_summary WHERE admin_level = 'county' AND prefecture = '淮安市'""")
    assert {p["agency_id"] for p in data.peers} == {r[0] for r in rows if r[2] == 2024}
    assert {r[1] for r in rows} == {"淮安市洪泽区人民政府", *(name for name, _ in PEERS)}
    for pooled in data.peer_rates:
        others = [r for r in rows if r[2] == pooled["report_year"] and r[0] != agency]
        assert pooled["reports"] == len(others)
        assert pooled["denial_rate"] == pytest.approx(float(sum(r[3] for r in others) / sum(r[4] for r in others)))
    assert [p["report_year"] for p in data.peer_rates] == [2023, 2024]


def test_a_report_page_shows_the_dictionarys_rates_and_hides_those_below_its_minimum_sample(warehouse, tmp_path):
    """宽城 2021 answered 4 applications (3 granted, 1 in part): below the metric's minimum of 10 its
    rates are no rates (grey n<10, a gap in the chart), not 75 % and 100 %. 洪泽区 2024 answered 95:
    grant rate 50/95 and disclosure rate 59/95, the formulas of v_rate."""
    [(small,)] = query(warehouse, "SELECT agency_id FROM v_application_summary WHERE outcome_total BETWEEN 1 AND 9")
    floor = query(warehouse, "SELECT min_denominator FROM metric WHERE metric = 'grant_rate'")[0][0]
    con = open_snapshot(warehouse)
    try:
        [row] = read_report(con, agency_scope(con, small)).summary
        big = {r["report_year"]: r for r in read_report(con, agency_scope(con, hongze(warehouse))).summary}
    finally:
        con.close()
    assert row["outcome_total"] < floor
    assert (row["denial_rate"], row["grant_rate"], row["disclosure_rate"]) == (None, None, None)
    assert row["hidden"] == {"denial_rate": floor, "grant_rate": floor, "disclosure_rate": floor}
    want = dict(((y, m), v) for y, m, v in query(warehouse, """SELECT report_year, metric, value FROM v_rate
                                                               WHERE agency_id = ?""", [hongze(warehouse)]))
    assert (big[2024]["grant_rate"], big[2024]["disclosure_rate"]) == pytest.approx((50 / 95, 59 / 95))
    for year, r in big.items():
        assert r["hidden"] == {}
        for metric in ("denial_rate", "grant_rate", "disclosure_rate"):
            assert r[metric] == pytest.approx(want[(year, metric)])
    page = tmp_path / "small.html"
    assert ogi("report", "--warehouse", str(warehouse), "--agency", small, "--out", str(page)).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert f"n&lt;{floor}</span>" in html and "75.0%" not in html and "100.0%" not in html


def test_a_region_name_that_is_two_places_asks_which():
    con = duckdb.connect()
    con.execute("""CREATE TABLE dim_agency AS SELECT * FROM (VALUES
        ('北京市', NULL, '朝阳区'), ('吉林省', '长春市', '朝阳区')) t(province, prefecture, county)""")
    with pytest.raises(ConsoleError, match="names 2 places"):
        region_scope(con, "朝阳区")
    assert region_scope(con, "吉林省/长春市/朝阳区").params == ["吉林省", "长春市", "朝阳区"]
    assert region_scope(con, "长春市/朝阳区").params == ["吉林省", "长春市", "朝阳区"]


def test_analyst_assets_run_after_the_warehouse_in_the_ingest_job():
    graph = defs.get_repository_def().asset_graph
    for name in ("warehouse_parquet", "agency_reports"):
        assert graph.get(AssetKey(name)).parent_keys == {AssetKey("warehouse")}
    job = defs.resolve_job_def("ingest_job")
    assert {"warehouse_parquet", "agency_reports"} <= {node.name for node in job.graph.node_defs}


def test_report_asset_writes_the_agencies_of_the_last_load(warehouse, tmp_path):
    wh = tmp_path / "ogi.duckdb"
    shutil.copy(warehouse, wh)
    result = materialize([agency_reports], resources={"warehouse": Warehouse(path=str(wh))},
                         instance=DagsterInstance.ephemeral())
    assert result.success
    agencies = {r[0] for r in query(wh, "SELECT agency_id FROM dim_report")}     # one load: all touched
    assert {p.stem for p in (tmp_path / "reports").glob("*.html")} == agencies | {"index"}
    assert (tmp_path / "reports" / "plotly.min.js").stat().st_size > 1_000_000


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PROBE_HEAD = """<script>window.__errors = [];
addEventListener('error', e => __errors.push(String(e.message)));
const __ce = console.error; console.error = (...a) => { __errors.push(a.join(' ')); __ce(...a); };</script>"""
PROBE_TAIL = """<pre id="probe"></pre><script>addEventListener('load', () => setTimeout(() => {
  const charts = {};
  for (const el of document.querySelectorAll('.js-plotly-plot'))
    charts[el.id] = {svg: el.querySelectorAll('svg.main-svg').length,
                     traces: el.data.map(t => ({name: t.name, x: t.x, y: t.y}))};
  document.getElementById('probe').textContent = JSON.stringify({errors: __errors, charts});
}, 500));</script>"""


def _chromium(*args: str, user_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                           "--disable-component-update", "--disable-sync", "--no-first-run",
                           f"--user-data-dir={user_dir}", "--enable-logging=stderr", "--v=0", *args],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed (Debian: apt-get install chromium); "
                                             "the report page is not checked in a browser")
def test_report_renders_in_chromium_with_the_warehouse_numbers(warehouse, tmp_path):
    agency = hongze(warehouse)
    page = tmp_path / "report.html"
    assert ogi("report", "--warehouse", str(warehouse), "--agency", agency, "--out", str(page)).exit_code == 0
    html = page.read_text(encoding="utf-8")
    probed = tmp_path / "probed.html"
    probed.write_text(html.replace("<head>", "<head>" + PROBE_HEAD, 1).replace("</body>", PROBE_TAIL + "</body>", 1),
                      encoding="utf-8")
    dom = _chromium("--virtual-time-budget=10000", "--dump-dom", probed.as_uri(), user_dir=tmp_path / "profile")
    start = dom.stdout.index('<pre id="probe">') + len('<pre id="probe">')
    probe = json.loads(dom.stdout[start:dom.stdout.index("</pre>", start)].replace("&quot;", '"').replace("&amp;", "&"))
    assert probe["errors"] == []
    assert "Uncaught" not in dom.stderr
    charts = probe["charts"]
    assert set(charts) == {"chart-applications", "chart-rates", "chart-review"}
    assert all(chart["svg"] > 0 for chart in charts.values())                # plotly drew each one
    traces = {t["name"]: dict(zip(map(str, t["x"]), t["y"], strict=True))
              for t in charts["chart-applications"]["traces"]}
    for year, received, denied, answered in query(warehouse, """SELECT report_year, received_new, denied, outcome_total
            FROM v_application_summary WHERE agency_id = ?""", [agency]):
        assert traces["一、本年新收 received"][str(year)] == received
        assert traces["（三）不予公开 denied"][str(year)] == denied
        assert traces["（七）总计 answered (stated)"][str(year)] == answered
    rates = {t["name"]: dict(zip(map(str, t["x"]), t["y"], strict=True)) for t in charts["chart-rates"]["traces"]}
    for year, denial, grant, disclosure in query(warehouse, """SELECT report_year, denial_rate, grant_rate,
            disclosure_rate FROM v_application_summary WHERE agency_id = ?""", [agency]):
        assert rates["不予公开率 denial rate"][str(year)] == pytest.approx(float(denial))
        assert rates["予以公开率 grant rate (in full)"][str(year)] == pytest.approx(float(grant))
        assert rates["公开率（含部分公开） disclosure rate (in full or in part)"][str(year)] == pytest.approx(float(disclosure))
    assert set(rates["同级 peers: 不予公开率 denial rate"]) == {"2023", "2024"}
    upheld = next(t for t in charts["chart-review"]["traces"] if t["name"] == "结果维持 upheld")
    want = query(warehouse, """SELECT report_year, proceeding, count FROM v_review_yoy WHERE agency_id = ?
                               AND result = 'upheld' ORDER BY proceeding, report_year""", [agency])
    assert sorted(zip(upheld["x"][1], upheld["y"], strict=True)) == sorted((str(y), c) for y, _, c in want)
    shot = _chromium("--window-size=1200,2400", "--hide-scrollbars", f"--screenshot={tmp_path / 'shot.png'}",
                     page.as_uri(), user_dir=tmp_path / "profile2")
    assert (tmp_path / "shot.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", shot.stderr[-500:]


# ---- report pages for their readers ----------------------------------------------------------------

CJK = re.compile(r"[\u3400-\u9fff（一二三]")


def _page(warehouse: Path, tmp_path: Path, *args: str) -> str:
    out = tmp_path / "page.html"
    result = ogi("report", "--warehouse", str(warehouse), *args, "--out", str(out))
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def _texts(html: str, tag: str) -> list[str]:
    """The visible start of each element: its text before any nested English line."""
    body = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    name, _, attrs = tag.partition(" ")
    return [re.sub(r"<[^>]+>", "", inner.split('<span class="en"')[0]).strip()
            for inner in re.findall(rf"<{name} {attrs}[^>]*>(.*?)</{name}>" if attrs else
                                    rf"<{name}(?:\s[^>]*)?>(.*?)</{name}>", body, re.S)]


def test_pages_speak_chinese_first_with_english_beside(warehouse, tmp_path):
    """Read by Chinese officials and journalists: every heading, table header and note opens in
    Chinese; the English follows in a smaller line."""
    for args in (["--agency", hongze(warehouse)], ["--region", "淮安市"]):
        html = _page(warehouse, tmp_path, *args)
        assert '<html lang="zh-CN">' in html
        for tag in ("h1", "h2", "th", "summary"):
            texts = _texts(html, tag)
            assert texts and all(CJK.match(t) for t in texts), (tag, [t for t in texts if not CJK.match(t)])
        notes = _texts(html, 'p class="note"')
        assert notes and all(CJK.match(t) for t in notes), notes
        assert 'class="en"' in html and "denial rate" in html


def test_tables_scroll_and_charts_resize_at_phone_width(warehouse, tmp_path):
    """At 390 px a table of ten columns cannot fit: it scrolls in its own box, not the page; charts
    take their box's width."""
    for args in (["--agency", hongze(warehouse)], ["--region", "淮安市"]):
        html = _page(warehouse, tmp_path, *args)
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
        assert html.count("<table") == html.count('<div class="scroll"><table')
        assert re.search(r"\.scroll\s*\{[^}]*overflow-x:\s*auto", html)
        assert re.search(r"@media \(max-width: \d+px\)", html)
        assert '"responsive": true' in html and "width:100%" in html.replace(" ", "")


def test_flags_are_folded_below_the_agencies(warehouse, tmp_path):
    for args, table in ((["--agency", hongze(warehouse)], "peers-table"), (["--region", "淮安市"], "agencies-table")):
        html = _page(warehouse, tmp_path, *args)
        folded = re.search(r'<details id="flags">(.*?)</details>', html, re.S)
        assert folded and 'id="flags-table"' in folded.group(1)
        assert html.index(f'id="{table}"') < folded.start()


def test_region_trends_say_when_the_set_of_agencies_changes(warehouse, tmp_path):
    """淮安市: 清江浦区 reports only for 2024, so the region's 2024 sums hold an agency its 2023 sums
    do not; the page says so beside the trends."""
    rows = query(warehouse, """SELECT report_year, agency_name FROM v_application_summary
                               WHERE prefecture = '淮安市'""")
    by_year = {y: {n for yy, n in rows if yy == y} for y, _ in rows}
    years = sorted(by_year)
    want = [(b, sorted(by_year[b] - by_year[a]), sorted(by_year[a] - by_year[b])) for a, b in zip(years, years[1:])
            if by_year[a] != by_year[b]]
    assert want
    con = open_snapshot(warehouse)
    try:
        data = read_report(con, region_scope(con, "淮安市"))
    finally:
        con.close()
    assert [(c["report_year"], c["joined"], c["left"]) for c in data.agency_changes] == want
    html = _page(warehouse, tmp_path, "--region", "淮安市")
    note = re.search(r'<div id="agency-changes".*?</div>', html, re.S).group(0)
    assert all(name in note for _, joined, left in want for name in joined + left)


def test_report_folder_has_an_index_of_every_page_by_region_and_name(warehouse, tmp_path):
    """The asset writes pages of the agencies each load touched; the index lists every page in the
    folder, the earlier loads' too, under its region, by its Chinese name."""
    agencies = query(warehouse, "SELECT agency_id, agency_name, province, prefecture FROM v_agency ORDER BY 1")
    out = tmp_path / "reports"
    write_reports(warehouse, out, [a for a, *_ in agencies[:2]])
    write_reports(warehouse, out, [a for a, *_ in agencies[2:]])
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in index and "viewport" in index
    for agency_id, name, province, prefecture in agencies:
        link = re.search(rf'<a href="{agency_id}\.html">([^<]*)</a>', index)
        assert link and link.group(1) == name
        section = index.rindex("<h2", 0, link.start())
        heading = index[section:index.index("</h2>", section)]
        assert all(place in heading for place in (province, prefecture) if place) and (province or "地区不详" in heading)
    assert set(re.findall(r'href="([^"]+)"', index)) == {p.name for p in out.glob("*.html")} - {"index.html"}
    page = (out / f"{agencies[0][0]}.html").read_text(encoding="utf-8")
    assert '<script src="plotly.min.js"></script>' in page and 'href="index.html"' in page
    assert len(page) < 200_000
