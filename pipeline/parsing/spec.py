"""The national templates as data: codes, Chinese labels and the label keys that locate them.

Keys are regular expressions matched against the report's label text after NFKC normalisation
and with all whitespace removed (see ``tokens``). Each key is a short, distinctive part of the
label, ideally near its start, so that wrapped labels, numbering variants and small typos
(``其他法律行政止公开``) still match. A new spelling costs one entry here.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Label:
    code: str
    label: str
    keys: tuple[str, ...]
    group: str = ""


# ---- Section 三: applications -------------------------------------------------------------

APPLICANT_COLUMNS: tuple[Label, ...] = (
    Label("natural_person", "自然人", ("自然人",), "natural_person"),
    Label("commercial_enterprise", "商业企业", ("商业",), "legal_person_or_org"),
    Label("research_institution", "科研机构", ("科研",), "legal_person_or_org"),
    Label("social_welfare_org", "社会公益组织", ("公益",), "legal_person_or_org"),
    Label("legal_service_org", "法律服务机构", ("法律服务", "法律"), "legal_person_or_org"),
    Label("other_org", "其他", ("其他",), "legal_person_or_org"),
    Label("total", "总计", ("总计", "合计"), "total"),
)
APPLICANT_PARTS = tuple(c.code for c in APPLICANT_COLUMNS if c.code != "total")

# Rows in template order. group: inflow | outcome | outcome_total | forward
APPLICATION_ROWS: tuple[Label, ...] = (
    Label("received_new", "一、本年新收政府信息公开申请数量", ("本年新收", "新收政府信息"), "inflow"),
    Label("carried_over", "二、上年结转政府信息公开申请数量", ("上年结转",), "inflow"),
    Label("granted", "（一）予以公开", ("予以公开",), "outcome"),
    Label("partially_granted", "（二）部分公开", ("部分公开",), "outcome"),
    Label("denied_state_secret", "（三）1.属于国家秘密", ("国家秘密",), "outcome"),
    Label("denied_prohibited_by_law", "（三）2.其他法律行政法规禁止公开",
          ("其他法律", "法规禁止公开"), "outcome"),
    Label("denied_security_stability", "（三）3.危及“三安全一稳定”",
          ("危及", "三安全", "一稳定"), "outcome"),
    Label("denied_third_party_rights", "（三）4.保护第三方合法权益", ("第三方",), "outcome"),
    Label("denied_internal_affairs", "（三）5.属于三类内部事务信息", ("内部事务",), "outcome"),
    Label("denied_process_information", "（三）6.属于四类过程性信息", ("过程性",), "outcome"),
    Label("denied_enforcement_case_file", "（三）7.属于行政执法案卷", ("执法案卷",), "outcome"),
    Label("denied_administrative_inquiry", "（三）8.属于行政查询事项", ("行政查询",), "outcome"),
    Label("unavailable_not_held", "（四）1.本机关不掌握相关政府信息", ("不掌握",), "outcome"),
    Label("unavailable_needs_creation", "（四）2.没有现成信息需要另行制作",
          ("没有现成", "另行制作"), "outcome"),
    Label("unavailable_unclear_request", "（四）3.补正后申请内容仍不明确",
          ("补正后", "仍不明确"), "outcome"),
    Label("not_processed_complaint", "（五）1.信访举报投诉类申请", ("信访", "举报投诉"), "outcome"),
    Label("not_processed_duplicate", "（五）2.重复申请", ("重复申请",), "outcome"),
    Label("not_processed_publication", "（五）3.要求提供公开出版物", ("出版物",), "outcome"),
    Label("not_processed_excessive", "（五）4.无正当理由大量反复申请", ("大量反复",), "outcome"),
    Label("not_processed_confirmation", "（五）5.要求行政机关确认或重新出具已获取信息",
          ("确认或重新", "重新出具", "要求行政机关确认"), "outcome"),
    Label("other_processing", "（六）其他处理", ("其他处理",), "outcome"),
    Label("other_no_correction", "（六）1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请",
          ("逾期不补", "无正当理由逾期", "申请人无正当理由"), "outcome"),
    Label("other_unpaid_fee", "（六）2.申请人逾期未按收费通知要求缴纳费用，行政机关不再处理其政府信息公开申请",
          ("逾期未按", "收费通知", "缴纳费用"), "outcome"),
    Label("other_other", "（六）3.其他", (r"3[.、,)]?其他(?!法律|处理)",), "outcome"),
    Label("outcome_total", "（七）总计", ("总计", "合计"), "outcome_total"),
    Label("carried_forward", "四、结转下年度继续办理", ("结转下年度", "下年度继续", "继续办理"), "forward"),
)
OTHER_SUBROWS = ("other_no_correction", "other_unpaid_fee", "other_other")
OUTCOME_ROWS = tuple(r.code for r in APPLICATION_ROWS if r.group == "outcome")


def outcome_rows(present) -> list[str]:
    """The rows that add up to outcome_total, among the row codes present."""
    rows = [r for r in OUTCOME_ROWS if r in present]
    if any(r in present for r in OTHER_SUBROWS) and "other_processing" in rows:
        rows.remove("other_processing")   # a group total over its own sub-rows
    return rows


# ---- Section 四: administrative review and litigation -------------------------------------

PROCEEDINGS: tuple[Label, ...] = (
    Label("review", "行政复议", ("行政复议",)),
    Label("litigation_direct", "行政诉讼·未经复议直接起诉", ("未经复议",)),
    Label("litigation_after_review", "行政诉讼·复议后起诉", ("复议后起诉",)),
)
RESULTS: tuple[Label, ...] = (
    Label("upheld", "结果维持", ("维持",)),
    Label("corrected", "结果纠正", ("纠正",)),
    Label("other", "其他结果", ("其他结果",)),
    Label("pending", "尚未审结", ("尚未",)),
    Label("total", "总计", ("总计",)),
)

# ---- Section 二: proactive disclosure -----------------------------------------------------

CLAUSES = {"一": "art20_1", "五": "art20_5", "六": "art20_6", "八": "art20_8", "九": "art20_9"}
CLAUSE_LABELS = {code: f"第二十条第（{num}）项" for num, code in CLAUSES.items()}

DISCLOSURE_ITEMS: tuple[Label, ...] = (
    Label("rules", "规章", ("规章",), "art20_1"),
    Label("normative_documents", "（行政）规范性文件", ("规范性文件",), "art20_1"),
    Label("administrative_license", "行政许可", ("行政许可",), "art20_5"),
    Label("other_external_services", "其他对外管理服务事项", ("对外管理服务",), "art20_5"),
    Label("administrative_penalty", "行政处罚", ("行政处罚",), "art20_6"),
    Label("administrative_enforcement", "行政强制", ("行政强制",), "art20_6"),
    Label("administrative_fees", "行政事业性收费", ("事业性收费",), "art20_8"),
    Label("government_procurement", "政府集中采购", ("集中采购",), "art20_9"),
)


@dataclass(frozen=True)
class Measure:
    code: str
    label: str
    keys: tuple[str, ...]
    templates: tuple[str, ...]
    clauses: tuple[str, ...]    # the clauses whose table has this column (in either template's form)
    is_amount: bool = False
    signed: bool = False
    unit: str | None = None     # an amount's unit where the form's header states it


_ITEMS = ("art20_5", "art20_6")     # the clauses of licences, penalties: items counted a year apart
MEASURES: tuple[Measure, ...] = (
    Measure("issued", "本年制发件数", ("制发",), ("2021",), ("art20_1",)),
    Measure("repealed", "本年废止件数", ("废止",), ("2021",), ("art20_1",)),
    Measure("in_force", "现行有效件数", ("现行有效",), ("2021",), ("art20_1",)),
    Measure("fee_amount", "本年收费金额（万元）", ("收费金额",), ("2021",), ("art20_8",), is_amount=True, unit="万元"),
    Measure("produced", "本年新制作数量", ("新制作",), ("2019",), ("art20_1",)),
    Measure("published", "本年新公开数量", ("新公开", "本年公开"), ("2019",), ("art20_1",)),
    Measure("total_published", "对外公开总数量", ("公开总数",), ("2019",), ("art20_1",)),
    Measure("prior_year_items", "上一年项目数量", ("上一年项目", "上年项目"), ("2019",), (*_ITEMS, "art20_8")),
    Measure("change", "本年增/减", ("增/减", "增减", r"增\(减\)"), ("2019",), (*_ITEMS, "art20_8"), signed=True),
    Measure("decisions", "（本年）处理决定数量", ("处理决定",), ("2019", "2021"), _ITEMS),
    Measure("procurement_projects", "采购项目数量", ("采购项目",), ("2019",), ("art20_9",)),
    # The 2019 form's header is plain 采购总金额: reports write 251000元 or 547.9659万元 in the cell.
    Measure("procurement_amount", "采购总金额", ("采购总金额", "采购金额"), ("2019",), ("art20_9",), is_amount=True),
)
MEASURE_BY_CODE = {m.code: m for m in MEASURES}

# ---- Section headings ---------------------------------------------------------------------

HEADING_PROACTIVE = r"主动公开政府信息(?:的)?情况"
HEADING_APPLICATIONS = r"收到和处理政府信息公开申请"
# 行政复议、行政诉讼 / 行政复议与行政诉讼 / 因…被申请行政复议、提起行政诉讼 / 行政法复议 (a typo)
HEADING_REVIEW = r"行政法?复议[、,与和及]?(?:提起)?行政诉讼"
HEADING_REVIEW_NUMBERED = r"因?(?:政府信息公开)?(?:工作)?(?:被申请)?" + HEADING_REVIEW
HEADING_PROBLEMS = r"存在的?主要问题|主要问题及(?:其)?改进"
# The tables' own column headers: 三 starts at 申请人情况 (or its first column), 四's value row
# follows its result columns (结果维持, 结果纠正, …, 总计, per proceeding; no digits among them).
APPLICANT_HEADER = r"申请人情况|自然人(?=.{0,12}?(?:法人|商业))"
REVIEW_HEADER = r"行政复议.{0,80}?维持"      # pdftotext may wrap 结果/维持 apart
CLAUSE_HEADER = r"第二十条第?\(?([一二三四五六七八九十]+)\)?项"

TEMPLATES = ("2019", "2021")
