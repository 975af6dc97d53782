"""One report, many files (issue 27): readings of one edition merged cell by cell, a later edition
superseding, a conflict flagged, whatever the order, the night or the folder layout the files
arrive in. Real: real2/pt_6.txt (a crawler's page.txt, glued cells) and pt_6h.html (its page.html).
Generated: the other visible real2 reports as a crawler stores them, their gold rendered as
page.txt (glued, one line: tests/render_gold.py) beside page.html (tests/html_pages.py)."""
from __future__ import annotations

import random
import shutil
from datetime import datetime, timedelta
from decimal import Decimal
from itertools import permutations
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from assets.cli import main
from pipeline.frames import Batch
from pipeline.parse import parse_file
from pipeline.scan import scan_work
from pipeline.stage import Stage
from pipeline.warehouse import load
from pipeline.warehouse.load import LoadSummary, load_stage
from pipeline.warehouse.publish import publish
from pipeline.warehouse.schema import apply_sql
from pipeline.warehouse.status import status_report

from . import html_pages, render_gold
from .conftest import SHARED, flatten, gold_cases, query

PT6 = {"txt": SHARED / "real2" / "pt_6.txt", "html": SHARED / "real2" / "pt_6h.html"}
GOLD = dict(gold_cases("real2"))
PT6_GOLD = next(g for p, g in GOLD.items() if p.name == "pt_6h.html")
LAYOUTS = {"flat": {"txt": "pt_6.txt", "html": "pt_6h.html"}, "item": {"txt": "item/page.txt", "html": "item/page.html"}}
DAY = timedelta(days=1)
_PARSED: dict[tuple[str, str], dict] = {}


@pytest.fixture(scope="module", autouse=True)
def empty_warehouse(tmp_path_factory):
    """The schema (sql/: DDL, views) applied once: every warehouse here starts as a copy of this
    one and its loads skip re-applying it (idempotent, but half of a small load's time)."""
    path = tmp_path_factory.mktemp("schema") / "empty.duckdb"
    publish(path, apply_sql)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(load, "apply_sql", lambda con: None)
        _EMPTY.append(path)
        yield path
        _EMPTY.clear()


_EMPTY: list[Path] = []


def night(raw: Path, wh: Path, now: datetime) -> LoadSummary:
    """One run over `raw` as `ogi ingest` loads it (scan, parse what is new, load, publish), in
    process and without Dagster, each file's parse kept for the next warehouse that reads it."""
    if not wh.exists():
        shutil.copy(_EMPTY[0], wh)
    work = scan_work(raw, wh)
    rows: dict[str, list] = {}
    for name, sha in work.filter("to_parse").select("source_file", "content_sha256").rows():
        if (name, sha) not in _PARSED:
            _PARSED[name, sha] = parse_file(raw, name)
        for table, found in _PARSED[name, sha].items():
            rows.setdefault(table, []).extend(found)
    stage = Stage.create(wh, "validated")
    stage.write("all", Batch.from_rows(rows))
    return publish(wh, lambda con: load_stage(con, stage, work, now, None))


def place(raw: Path, files: list[tuple[str, bytes]]) -> None:
    """The raw directory holds these files, and only these."""
    shutil.rmtree(raw, ignore_errors=True)
    for name, data in files:
        (raw / name).parent.mkdir(parents=True, exist_ok=True)
        (raw / name).write_bytes(data)


def nights(tmp: Path, files: list[list[tuple[str, bytes]]]) -> Path:
    """A warehouse loaded night after night; each night's list is the raw directory that night."""
    raw, wh = tmp / "raw", tmp / "ogi.duckdb"
    for i, present in enumerate(files):
        place(raw, present)
        night(raw, wh, datetime(2026, 1, 1) + i * DAY)
    return wh


CELLS = """SELECT r.agency_id, r.report_year, 'application', item || '/' || applicant_type, CAST(count AS DECIMAL(20, 4))
           FROM v_fact_application JOIN v_report r USING (report_id)
           UNION ALL SELECT r.agency_id, r.report_year, 'review_litigation', proceeding || '/' || result, count
           FROM v_fact_review_litigation JOIN v_report r USING (report_id)
           UNION ALL SELECT r.agency_id, r.report_year, 'proactive', clause || '/' || item || '/' || measure, value
           FROM v_fact_proactive_disclosure JOIN v_report r USING (report_id)"""


def warehouse(wh: Path) -> dict:
    """What an analyst sees, by content: the current reports, their cells, files and flags."""
    return {
        "reports": sorted(query(wh, "SELECT agency_id, report_year, report_id, files FROM v_report")),
        "cells": sorted(query(wh, CELLS)),
        "flags": sorted(query(wh, "SELECT report_id, rule, detail FROM v_issue JOIN v_report USING (report_id)")),
        "sources": sorted(query(wh, """SELECT report_id, reading_id, status, source_file FROM v_report_source
                                       WHERE removed_at IS NULL""")),
        "readings": sorted(query(wh, """SELECT report_id, status FROM dim_report WHERE content_sha256 IN
                                        (SELECT content_sha256 FROM source_file WHERE removed_at IS NULL)""")),
    }


def gold_cells(gold: dict) -> dict[tuple[str, str], Decimal | None]:
    """(section, cell) -> value of a gold file, keyed as CELLS names them."""
    return {(path[0], "/".join(path[1:])): None if v is None else Decimal(str(v))
            for path, v in flatten({k: gold[k] for k in ("application", "review_litigation", "proactive")})}


def merged(wh: Path) -> dict[tuple[str, str], Decimal | None]:
    return {(section, cell): v for _, _, section, cell, v in query(wh, CELLS)}


def test_pt6_text_and_page_load_to_the_gold_in_every_order_and_layout(tmp_path):
    """The page states the 3 section 二 cells the glued text leaves NULL: whichever comes first, in
    one night or two, flat (pt_6.txt, pt_6h.html) or as the archive stores an item (item/page.txt,
    item/page.html), the report is one current report read from all four files, equal to the gold.
    Before, the file loaded last was current: the text, loaded second, lost those 3 cells."""
    data = {kind: [(names[kind], PT6[kind].read_bytes()) for names in LAYOUTS.values()] for kind in PT6}
    runs = {"together": [data["txt"] + data["html"]]}
    runs |= {f"{a} then {b}": [data[a], data[a] + data[b]] for a, b in permutations(PT6)}
    got = {how: nights(tmp_path / how.replace(" ", "_"), files) for how, files in runs.items()}
    views = {how: warehouse(wh) for how, wh in got.items()}
    assert views["txt then html"] == views["together"] == views["html then txt"]
    for wh in got.values():
        assert merged(wh) == gold_cells(PT6_GOLD)
    assert [r[3] for r in views["together"]["reports"]] == [4]
    assert {s[2] for s in views["together"]["sources"]} == {"current", "merged"}
    only_the_page = query(got["together"], "SELECT DISTINCT files FROM v_cell_source WHERE len(files) < 4")
    assert only_the_page == [(["item/page.html", "pt_6h.html"],)]
    assert query(got["together"], "SELECT count(*) FROM v_cell_source WHERE len(files) = 2") == [(3,)]
    (report,) = query(got["together"], "SELECT report_id FROM v_report")[0]
    shown = CliRunner().invoke(main, ["explain", report, "proactive/normative_documents/issued", "--warehouse",
                                      str(got["together"]), "--raw-dir", str(tmp_path / "together" / "raw")])
    assert shown.exit_code == 0, shown.output
    assert "normative_documents/issued = 2 as written" in shown.output
    assert "item/page.html: table row, cell 2: read 2\n    | 行政规范性文件 | 2 | 4 | 33" in shown.output
    assert "pt_6.txt: line 10, character 858: cut from (or placed among) the row's values 2433" in shown.output


def test_removing_a_source_re_merges_from_the_rest_and_a_re_parse_keeps_the_merge(tmp_path):
    """The page gone, the report is the text's reading alone again (its 3 NULL cells back, the
    page's reading removed); the page back and both files re-read by a newer parser, the report is
    merged again exactly as before."""
    both = [(LAYOUTS["item"][kind], PT6[kind].read_bytes()) for kind in PT6]
    wh = nights(tmp_path, [both])
    merged_view = warehouse(wh)
    status = status_report(wh)
    assert "read from several files (v_report.files, v_report_source): 1" in status
    assert status.splitlines()[3].split() == ["2024", "1", "0", "0", "1", "0"]    # current … merged conflicting
    place(tmp_path / "raw", both[:1])
    night(tmp_path / "raw", wh, datetime(2026, 2, 1))
    assert [r[3] for r in warehouse(wh)["reports"]] == [1]
    assert sum(v is None for v in merged(wh).values()) == 3
    assert sorted(query(wh, "SELECT source_file, status FROM dim_report")) == [
        ("item/page.html", "removed"), ("item/page.txt", "current")]
    place(tmp_path / "raw", both)
    con = duckdb.connect(str(wh))
    con.execute("UPDATE dim_report SET parser_version = 'older'")
    con.close()
    night(tmp_path / "raw", wh, datetime(2026, 3, 1))
    assert warehouse(wh) == merged_view
    assert query(wh, "SELECT count(*) FROM report_reparse") == [(2,)]


def twins(gold: dict, seed: int) -> dict[str, bytes]:
    """A crawler's item of a report: the gold as page.txt (one line, cells glued) and as page.html
    with most 总计 cells of table 三 left blank, so each file states cells the other does not."""
    rng = random.Random(seed)
    page = html_pages.render(gold, html_pages.Variation(blank_totals=True), rng)[0]
    text = render_gold.render(gold, render_gold.Variation(separator="glued", one_line=True), rng)
    return {"page.txt": text.encode(), "page.html": page}


@pytest.fixture(scope="module")
def generated_twins(tmp_path_factory):
    """Every other visible real2 report's twins, loaded together, and each kind on a night of its own."""
    items = {p.stem: twins(g, i) for i, (p, g) in enumerate(GOLD.items()) if p.stem not in ("pt_6", "pt_6h")}
    files = {kind: [(f"{stem}/{kind}", data[kind]) for stem, data in items.items()] for kind in ("page.txt", "page.html")}
    tmp = tmp_path_factory.mktemp("twins")
    return {"together": nights(tmp / "together", [files["page.txt"] + files["page.html"]]),
            "html first": nights(tmp / "html_first", [files["page.html"], files["page.txt"] + files["page.html"]]),
            "text first": nights(tmp / "text_first", [files["page.txt"], files["page.txt"] + files["page.html"]])}


def test_generated_twins_load_to_the_union_of_both_readings_equal_to_the_gold(generated_twins):
    """Each report is one current report read from two files, its cells the union of both readings
    (the better-read file's blanks filled from the other; no cell either states is lost) and equal
    to the gold wherever either states the cell; the same warehouse whichever kind came first."""
    views = {how: warehouse(wh) for how, wh in generated_twins.items()}
    assert views["html first"] == views["together"] == views["text first"]
    wh = generated_twins["together"]
    assert [files for *_, files in views["together"]["reports"]] == [2] * (len(GOLD) - 2)
    assert query(wh, "SELECT count(*) FROM edition_cell WHERE value IS NOT NULL")[0][0] > 0    # the union adds cells
    dropped = query(wh, """SELECT count(*) FROM v_report_source s JOIN fact_application f ON f.report_id = s.reading_id
                           LEFT JOIN v_fact_application m ON m.report_id = s.report_id AND m.item = f.item
                                                         AND m.applicant_type = f.applicant_type
                           WHERE f.count IS NOT NULL AND m.count IS DISTINCT FROM f.count""")
    assert dropped == [(0,)]
    by_item: dict[str, dict] = {}
    for item, _, section, cell, v in query(wh, CELLS.replace("r.agency_id", "split_part(r.source_file, '/', 1)")):
        by_item.setdefault(item, {})[section, cell] = v
    for stem, cells in by_item.items():
        gold = gold_cells(next(g for p, g in GOLD.items() if p.stem == stem))
        stated = {k for k, v in cells.items() if v is not None}
        assert {k: cells[k] for k in stated} == {k: gold[k] for k in stated}, stem


def edition(punishment: str, signed: str = "2025年1月27日", coercion: str = "0") -> bytes:
    """pt_6h.html with its 行政处罚 count (section 二, 33), its 行政强制 count (0) and its signature date rewritten."""
    page = PT6["html"].read_text(encoding="utf-8")
    for label, value in (("行政处罚", punishment), ("行政强制", coercion)):
        at = page.index(">", page.index("<td", page.index(label) + len(label)))
        cell = page.index("0" if label == "行政强制" else "33", at)
        page = page[:cell] + value + page[cell + (1 if label == "行政强制" else 2):]
    return page.replace("2025年1月27日", signed).encode()


def punishment(wh: Path) -> list[tuple]:
    return query(wh, """SELECT value FROM v_fact_proactive_disclosure JOIN v_report USING (report_id)
                        WHERE item = 'administrative_penalty' AND measure = 'decisions'""")


def test_a_later_edition_supersedes_whichever_file_came_first(tmp_path):
    """One cell changed (行政处罚 33 -> 34) and signed later: a revision. It is current whether it
    comes after the first edition or with it, and the first edition is superseded."""
    first, revised = ("2024/page.html", edition("33")), ("2024/revised.html", edition("34", "2025年3月10日"))
    late = nights(tmp_path / "late", [[first]])
    place(tmp_path / "late" / "raw", [first, revised])
    summary = night(tmp_path / "late" / "raw", late, datetime(2026, 2, 1))
    early = nights(tmp_path / "early", [[revised, first]])
    assert warehouse(late) == warehouse(early)
    assert (summary.superseded, summary.merged, summary.conflicting) == (1, 0, 0)
    assert any(n.startswith("revised: ") and "supersedes 2024/page.html" in n for n in summary.notes)
    assert punishment(late) == [(Decimal(34),)]
    assert sorted(query(late, "SELECT split_part(source_file, '/', 2), status FROM dim_report")) == [
        ("page.html", "superseded"), ("revised.html", "current")]


def test_the_same_change_undated_is_a_conflict_and_the_better_read_file_stays_current(tmp_path):
    """The same change with the same date: nothing tells which is right. The better-read file (it
    states 行政强制, the other leaves it blank) stays current, after the other or with it, flagged
    conflicting_editions with the cell that differs; the other file is conflicting."""
    better, worse = ("a/page.html", edition("33")), ("b/page.html", edition("34", coercion=""))
    one = nights(tmp_path / "one", [[worse]])
    place(tmp_path / "one" / "raw", [worse, better])
    summary = night(tmp_path / "one" / "raw", one, datetime(2026, 2, 1))
    two = nights(tmp_path / "two", [[better, worse]])
    assert warehouse(one) == warehouse(two)
    assert (summary.superseded, summary.merged, summary.conflicting) == (0, 0, 1)
    assert any(n.startswith("conflicting editions: b/page.html") for n in summary.notes)
    assert punishment(one) == [(Decimal(33),)]
    assert dict(query(one, "SELECT source_file, status FROM dim_report")) == {"a/page.html": "current",
                                                                             "b/page.html": "conflicting"}
    (detail,) = query(one, "SELECT detail FROM v_issue WHERE rule = 'conflicting_editions'")[0]
    assert "b/page.html" in detail and "proactive art20_6/administrative_penalty/decisions: 33 vs 34" in detail


PROPERTY_FILES = {"pt_6.txt": PT6["txt"].read_bytes(), "copy/pt_6.txt": PT6["txt"].read_bytes(),
                  "item/page.html": PT6["html"].read_bytes(), "revised.html": edition("34", "2025年3月10日"),
                  "conflicting.html": edition("35", coercion="")}
_AT_ONCE: dict[frozenset, dict] = {}


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sets(st.sampled_from(sorted(PROPERTY_FILES)), min_size=1), min_size=2, max_size=3))
@example(runs=[{"copy/pt_6.txt", "conflicting.html"}, {"pt_6.txt", "conflicting.html"}])  # a flag named a gone file
def test_any_files_in_any_order_over_any_nights_give_the_warehouse_of_loading_them_at_once(tmp_path_factory, runs):
    """Night after night the raw directory holds a random subset of one report's files (a text and
    its page, a copy of the text, a revised and a conflicting edition): files come, go and come
    back. After each night the warehouse is the one a single load of that night's files builds."""
    tmp = tmp_path_factory.mktemp("nights")
    for i, present in enumerate(map(frozenset, runs)):
        files = [(name, PROPERTY_FILES[name]) for name in sorted(present)]
        place(tmp / "raw", files)
        night(tmp / "raw", tmp / "ogi.duckdb", datetime(2026, 1, 1) + i * DAY)
        if present not in _AT_ONCE:
            _AT_ONCE[present] = warehouse(nights(tmp_path_factory.mktemp("once"), [files]))
        assert warehouse(tmp / "ogi.duckdb") == _AT_ONCE[present], runs[:i + 1]
