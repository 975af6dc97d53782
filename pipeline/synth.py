"""Synthetic reports: random tables that satisfy the identities, rendered in every plain-text layout.

Used by the generated-layout tests (exact round trip: render known numbers, parse them back) and by
`ogi synth` for the benchmark. Seeded and deterministic: the same seed gives the same bytes.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from .parsing import spec

LAYOUTS = ("cells", "tabs", "columns", "oneline")
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_PLACES = ("秦安县", "温县", "洪泽区", "宽城满族自治县", "浑江区", "卫辉市", "清河县", "安宁区", "永定区", "东湖区")
_TOWNS = ("郭嘉", "祥云", "上乐村", "三道沟", "柳林", "龙泉", "白水", "高桥", "新集", "石门", "黄土", "青山")
_DEPARTMENTS = ("人民政府办公室", "发展和改革局", "自然资源局", "市场监督管理局", "卫生健康委员会", "财政局")

OUTCOME_CODES = tuple(r.code for r in spec.APPLICATION_ROWS if r.group == "outcome"
                      and r.code not in ("other_processing", *spec.OTHER_SUBROWS))
GROUP_LABELS = {"denied_state_secret": "（三）不予公开", "unavailable_not_held": "（四）无法提供",
                "not_processed_complaint": "（五）不予处理", "other_no_correction": "（六）其他处理"}
PROACTIVE_LAYOUT = {   # template -> clause -> (items, measures)
    "2021": {"art20_1": (("rules", "normative_documents"), ("issued", "repealed", "in_force")),
             "art20_5": (("administrative_license",), ("decisions",)),
             "art20_6": (("administrative_penalty", "administrative_enforcement"), ("decisions",)),
             "art20_8": (("administrative_fees",), ("fee_amount",))},
    "2019": {"art20_1": (("rules", "normative_documents"), ("produced", "published", "total_published")),
             "art20_5": (("administrative_license", "other_external_services"),
                         ("prior_year_items", "change", "decisions")),
             "art20_6": (("administrative_penalty", "administrative_enforcement"),
                         ("prior_year_items", "change", "decisions")),
             "art20_8": (("administrative_fees",), ("prior_year_items", "change")),
             "art20_9": (("government_procurement",), ("procurement_projects", "procurement_amount"))},
}
_ITEM_LABEL = {i.code: i.label.replace("（行政）", "行政") for i in spec.DISCLOSURE_ITEMS}
_ROW_LABEL = {r.code: r.label for r in spec.APPLICATION_ROWS}


@dataclass
class SynthReport:
    agency: str
    year: int
    template: str
    application: dict = field(default_factory=dict)
    review: dict = field(default_factory=dict)
    proactive: dict = field(default_factory=dict)
    broken: bool = False


def _count(rng: random.Random, scale: int) -> int:
    return 0 if rng.random() < 0.55 else int(rng.paretovariate(1.3) * scale) - scale + rng.randint(0, scale)


def random_agency(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.5:
        return f"{rng.choice(_PLACES)}{rng.choice(_TOWNS)}镇人民政府"
    if kind < 0.8:
        return f"{rng.choice(_PLACES)}人民政府"
    return f"{rng.choice(_PLACES)}{rng.choice(_DEPARTMENTS)}"


def random_report(rng: random.Random, template: str | None = None, year: int | None = None,
                  agency: str | None = None, broken: bool = False) -> SynthReport:
    template = template or rng.choice(spec.TEMPLATES)
    year = year or (rng.randint(2019, 2020) if template == "2019" else rng.randint(2021, 2025))
    rep = SynthReport(agency or random_agency(rng), year, template, broken=broken)
    other = ("other_processing",) if template == "2019" or rng.random() < 0.2 else spec.OTHER_SUBROWS
    outcome_rows = (*OUTCOME_CODES, *other)
    scale = rng.choice((1, 3, 20, 200))
    cols: dict[str, dict[str, int]] = {}
    for col in spec.APPLICANT_PARTS:
        s = scale if col in ("natural_person", "commercial_enterprise") or rng.random() < 0.2 else 0
        outcome = {r: _count(rng, s) if s else 0 for r in outcome_rows}
        total = sum(outcome.values())
        forward = _count(rng, s) if s else 0
        carried = rng.randint(0, total + forward) if rng.random() < 0.4 else 0
        cols[col] = {"received_new": total + forward - carried, "carried_over": carried, **outcome,
                     "outcome_total": total, "carried_forward": forward}
    for row in ("received_new", "carried_over", *outcome_rows, "outcome_total", "carried_forward"):
        rep.application[row] = {c: cols[c][row] for c in spec.APPLICANT_PARTS}
        rep.application[row]["total"] = sum(rep.application[row].values())
    if broken:
        rep.application["outcome_total"]["total"] += 1
    if rng.random() < 0.15:     # a cell the source leaves blank ("/"): NULL, never 0
        row = rng.choice([r for r in outcome_rows if rep.application[r]["research_institution"] == 0])
        rep.application[row]["research_institution"] = None
    for proc in spec.PROCEEDINGS:
        parts = {r: _count(rng, 2) if rng.random() < 0.3 else 0 for r in ("upheld", "corrected", "other", "pending")}
        rep.review[proc.code] = {**parts, "total": sum(parts.values())}
    for clause, (items, measures) in PROACTIVE_LAYOUT[template].items():
        for item in items:
            row = rep.proactive.setdefault(clause, {}).setdefault(item, {})
            for m in measures:
                if spec.MEASURE_BY_CODE[m].is_amount:
                    row[m] = Decimal(rng.randint(0, 10**7)) / 100 * 10000 if rng.random() < 0.6 else Decimal(0)
                elif m == "change":
                    row[m] = rng.randint(-50, 50)
                else:
                    row[m] = _count(rng, 50)
    return rep


# ---- rendering ----------------------------------------------------------------------------

def _fmt(value, m: str | None = None) -> str:
    if m and spec.MEASURE_BY_CODE[m].is_amount:
        text = format((Decimal(value) / 10000).normalize(), "f")
        return text
    if m == "change" and value > 0:
        return f"+{value}"
    return str(value)


VERTICAL_LABEL = "三、本年度办理结果"


def _table_rows(rep: SynthReport, vertical: bool) -> list[tuple[str, list[list[str]]]]:
    """(section heading, rows of cells) in reading order; label cells first."""
    pro: list[list[str]] = []
    for clause, (items, measures) in PROACTIVE_LAYOUT[rep.template].items():
        pro.append([spec.CLAUSE_LABELS[clause]])
        pro.append(["信息内容", *(spec.MEASURE_BY_CODE[m].label.replace("（万元）", "（单位：万元）") for m in measures)])
        for item in items:
            pro.append([_ITEM_LABEL[item], *(_fmt(rep.proactive[clause][item][m], m) for m in measures)])
    app: list[list[str]] = [
        ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
        ["自然人", "法人或其他组织", "总计"],
        ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],
    ]
    for row, cells in rep.application.items():
        label = _ROW_LABEL[row]
        tail = label.split("）", 1)[-1]
        sub = tail if tail[:1].isdigit() else label      # "（三）1.属于国家秘密" -> "1.属于国家秘密"
        lead = [GROUP_LABELS[row]] if row in GROUP_LABELS and row in rep.application else []
        if row == "granted" and not vertical:
            lead = [VERTICAL_LABEL]
        app.append([*lead, sub, *(str(v) if v is not None else "/" for v in cells.values())])
    rev = [["行政复议", "行政诉讼"], ["未经复议直接起诉", "复议后起诉"],
           [r.label for r in spec.RESULTS] * 3,
           [str(rep.review[p.code][r.code]) for p in spec.PROCEEDINGS for r in spec.RESULTS]]
    return [("二、主动公开政府信息情况", pro), ("三、收到和处理政府信息公开申请情况", app),
            ("四、政府信息公开行政复议、行政诉讼情况", rev)]


def _is_value(cell: str) -> bool:
    return cell.lstrip("+-").replace(".", "", 1).isdigit() or cell == "/"


def _render_row(cells: list[str], layout: str, rng: random.Random, noise: bool) -> list[str]:
    labels = [c for c in cells if not _is_value(c)]
    values = [c for c in cells if _is_value(c)]
    if layout == "cells":
        pad = (lambda: rng.choice(("", "\t", "　　", " "))) if noise else (lambda: "")
        out = [pad() + c + (" " if noise and rng.random() < 0.2 else "") for c in cells]
        if noise and rng.random() < 0.3:
            out.append("")
        return out
    if layout == "tabs":
        return ["\t".join(cells)]
    if layout == "oneline":
        return [" ".join(cells)]
    # columns: pdftotext -layout; a long row label wraps after its first dozen characters, its
    # values on the first line or on a line of their own between the two halves
    lead = "    ".join(labels[:-1]) + ("    " if len(labels) > 1 else "")
    label = labels[-1] if labels else ""
    vals = "   ".join(v.rjust(5) for v in values)
    if noise and values and len(label) > 16 and rng.random() < 0.5:
        cut = rng.randint(12, len(label) - 2)
        if rng.random() < 0.5:
            return [f"{lead + label[:cut]:<40}{vals}", f"      {label[cut:]}"]
        return [f"      {lead + label[:cut]}", f"{'':<40}{vals}", f"      {label[cut:]}"]
    return [f"{lead + label:<40}{vals}" if values else f"      {lead + label}"]


def render(rep: SynthReport, layout: str, rng: random.Random, noise: bool = True) -> str:
    lines = [f"{rep.agency}{rep.year}年政府信息公开工作年度报告",
             f"本报告中所列数据的统计期限自{rep.year}年1月1日起至{rep.year}年12月31日止。",
             "一、总体情况",
             f"{rep.year}年，本机关主动公开政府信息{rng.randint(10, 3000)}条，办理依申请公开{rng.randint(0, 99)}件。"]
    # pdftotext writes a vertical label one character per line, between the rows it spans
    vertical = noise and layout == "columns" and rng.random() < 0.5
    for heading, rows in _table_rows(rep, vertical):
        lines.append(heading)
        for i, row in enumerate(rows):
            lines.extend(_render_row(row, layout, rng, noise))
            if noise and layout == "columns" and rng.random() < 0.05:
                lines.append(f"{'':>30}-{rng.randint(1, 9)}-")
            if vertical and heading.startswith("三") and 4 <= i < 4 + len(VERTICAL_LABEL):
                lines.append(VERTICAL_LABEL[i - 4])
    lines += ["五、存在的主要问题及改进情况", f"{rep.year}年，公开内容仍需进一步规范。",
              "六、其他需要报告的事项", "本年度未收取信息处理费。", rep.agency, f"{rep.year + 1}年1月{rng.randint(10, 31)}日"]
    text = " ".join(lines) if layout == "oneline" else "\n".join(lines)
    if noise and rng.random() < 0.5:
        text = text.translate(_FULLWIDTH)
    if noise and rng.random() < 0.3:
        text = text.replace("，", "\u00a0，")
    return text + "\n"


def expected_json(rep: SynthReport) -> dict:
    """The parser's JSON cells for this report (amounts in yuan)."""
    def plain(node):
        if isinstance(node, dict):
            return {k: plain(v) for k, v in node.items()}
        if node is None:
            return None
        d = Decimal(node)
        return int(d) if d == d.to_integral_value() else float(d)
    return {"application": plain(rep.application), "review_litigation": plain(rep.review),
            "proactive": plain(rep.proactive)}
