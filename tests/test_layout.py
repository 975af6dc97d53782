"""Fixed-width text (pipeline/parsing/formats/layout.py): `pdftotext -layout` of a browser's PDF, as
crawlers store attachments. The excerpts are lines of tests/producers/ fixtures, as pdftotext wrote them."""
from __future__ import annotations

import json
import re

from pipeline.parsing import parse_text
from pipeline.parsing.form_order import FORM_COLUMNS, runs_cut
from pipeline.parsing.formats import layout
from pipeline.parsing.tokens import tokenize

from .conftest import SHARED
from .test_producers import FIXTURES

# real2_pt_6h: a header wrapped in its narrow cells (自然 / 人) and squeezed left of its values, the
# values of later rows shifted right by their longer labels, an enumerator below its label's text.
HEADER = """\
三、收到和处理政府信息公开申请情况
                                                         申请人情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之        法人或其他组织
               和）                自然                 总
                                  人 商业 科研 社会公 法律服 其 计
                                    企业 机构 益组织 务机构 他
           一、本年新收政府信息公开申请数量                 69   0   0     0     0   0 69


           二、上年结转政府信息公开申请数量                 0    0   0     0     0   0   0

                          1.本机关不掌握相关政府信息                    37   0   0    0      0   0 37


      （四）无法                 没有现成信息需要另行制作
        提供                2.                                 0   0   0    0      0   0   0
"""


def test_a_wrapped_header_reads_column_by_column_and_rows_keep_their_values_in_order():
    lines = layout.to_text(HEADER).split("\n")
    assert lines[2].split("\t")[-7:] == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    assert lines[3] == "一、本年新收政府信息公开申请数量\t69\t0\t0\t0\t0\t0\t69"
    assert lines[5] == "1.本机关不掌握相关政府信息\t37\t0\t0\t0\t0\t0\t37"


def test_an_enumerator_below_its_label_leads_it_and_a_group_label_reads_whole_before_it():
    """At the label's end, 2. would be read as a value (eight for seven columns); the group's label
    （四）无法 / 提供, in the column left of the item's, is read whole, not inside the item's."""
    assert layout.to_text(HEADER).split("\n")[-1] == "（四）无法提供2.没有现成信息需要另行制作\t0\t0\t0\t0\t0\t0\t0"


def test_a_rows_first_value_beside_its_labels_first_line_joins_the_rest():
    text = """\
                   5.   要求行政机关确认或重新出具已获取信息                   0   0   0    0      0   0   0


              1.申请人无正当理由逾期不补正，行政机关不再 0
                    处理其政府信息公开申请                                  0   0    0      0   0   0
                                            3.其他               0   0   0    0      0   0   0
"""
    assert layout.to_text(text).split("\n")[1] == \
        "1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0"


def test_two_values_run_together_are_cut_where_the_rows_total_holds():
    """real_kiro_1: pdftotext ran 21 and 0 together (210): with six values for seven columns, the
    identities would fit 210 … 21 with a total of 231. Of the cuts of its words only 21|0 makes the
    last value the sum of the others: so read. A row short of a blank cell instead (its sum holds
    as written) has no such cut, and keeps its label, not its values."""
    text = """\
一、本年新收政府信息公开申请
                              210   0     0   0   0 21
数量
二、上年结
                              0 0   0     0   0   0 0
转政府信息公开申请数量
三、本年度办理 （一）予以公开                 0 0   0   0   0   0 0
"""
    assert layout.to_text(text).split("\n") == [
        "一、本年新收政府信息公开申请数量\t21\t0\t0\t0\t0\t0\t21",
        "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0",
        "三、本年度办理（一）予以公开\t0\t0\t0\t0\t0\t0\t0",
    ]
    blank = text.replace("210   0     0   0   0 21", "21    0     0   0   0 21")
    assert layout.to_text(blank).split("\n")[0] == "一、本年新收政府信息公开申请数量"


def test_a_row_that_lost_a_value_is_not_cut_to_fit_its_total():
    """A row one value short with a gap where the rows around it have a value lost a cell (11 of
    1 11 0 0 0 0 12): cutting its total 12 into 1|2 would make its sum hold with numbers it does not
    have. It is read short: its label, not its values (found by the property test in test_layouts)."""
    text = """\
（一）予以公开                        0       0       0       0       0       0       0
（二）部分公开                        1               0       0       0       0      12
（三）不予公开                        0       1       0       0       0       0       1
"""
    assert layout.to_text(text).split("\n")[1] == "（二）部分公开"


def test_only_text_with_layout_columns_takes_the_layout_path():
    assert layout.has_columns(HEADER)
    crawled = re.sub(" +", " ", HEADER)      # one space between cells: a crawler's text
    assert not layout.has_columns(crawled)
    assert not layout.has_columns(HEADER.replace("    ", "\t"))      # TAB rows: grid.py's


def test_a_header_that_names_some_of_the_forms_columns_over_rows_of_seven_reads_the_forms():
    """real2_pt_21: the header's words interleave so that three of seven columns are named; every row
    holds seven values and the identities hold, so the form's columns are read (flagged as such)."""
    report = parse_text((FIXTURES / "real2_pt_21_pdftotext.txt").read_text(encoding="utf-8"))
    gold = json.loads((SHARED / "gold" / "real2" / "pt_21.json").read_text(encoding="utf-8"))
    assert report.application["carried_forward"] == gold["application"]["carried_forward"]
    assert "columns_from_form" in {f.rule for f in report.issues}


def test_a_label_that_a_page_break_cuts_stays_with_its_values():
    """real2_pt_7: the first row's values stand above its label, and the page breaks inside the label."""
    text = ("                        人      机构 会公益组织     他\n"
            "                        1 0   0   0     0   0 1\n"
            "一、本年新收政\n\f府信息公\n开申请数量\n"
            "二、上年结转政府信\n息公开                             0 0   0   0   0     0 0\n\n申请数量\n"
            "             （\n             一）予以公              0 0   0   0   0     0 0\n")
    lines = layout.to_text(text).split("\n")
    assert lines[-3] == "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1"
    assert lines[-2] == "二、上年结转政府信息公开\t0\t0\t0\t0\t0\t0\t0"


def test_two_items_labels_around_one_rows_values_set_the_values_before_them():
    """real2_pt_19: pdftotext set the numbers of two items on one line (1.2.) and both labels above one
    row's values: whose they are, no order tells (read by it, 2 went to 没有现成信息). The values are
    written before the labels, so that they join the row above, which then holds two rows' worth
    beside a row without values: tables.py reads them only in the form's order where the identities
    hold. The numbers go: 1.2. reads as the number 1.2."""
    text = ("           属于                 0   0   0   0   0   0 0\n\n           行政查询事项\n"
            "    （四）无法提 1.2.本机关不掌握相关政府信息\n               没有现成信息需要另行制作\n"
            "                              2   0   0   0   0   0 2\n")
    assert layout.to_text(text).split("\n")[-2:] == [
        "\t2\t0\t0\t0\t0\t0\t2", "（四）无法提本机关不掌握相关政府信息没有现成信息需要另行制作"]


def test_items_printed_without_values_above_the_total_are_rows_of_their_own():
    """real2_pt_8: （六）2 and 3 have no values in the text, their labels stand between （六）1's row and
    （七）总计's, whose label is whole on its line. Joined to the total's label, it held two items'
    numbers and its values were set before it as no row's (the total and （六）1 left NULL); they are
    a line of their own without values, and the total keeps its values."""
    text = ("      （六）其 1.申请人无正当理由逾期不补正，行政机 0 0 0 0 0 0 0\n"
            "      他处理 关不再处理其政府信息公开申请\n"
            "              申请人逾期未按收费通知要求缴纳费\n             2.\n"
            "            用，行政机关不再处理其政府信息公开\n            申请\n            3.其他\n"
            "      （七）总计                      1 0  0  0   0   0 1\n"
            "四、结转下年度继续办理                      0 0  0  0   0   0 0\n")
    assert layout.to_text(text).split("\n")[-3:] == [
        "申请人逾期未按收费通知要求缴纳费2.用，行政机关不再处理其政府信息公开申请3.其他",
        "（七）总计\t1\t0\t0\t0\t0\t0\t1", "四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0"]


def test_values_written_a_column_at_a_time_are_rows():
    """real2_pt_21: two rows drawn together, pdftotext wrote their cells one per line, a column's two
    cells one below the other (the last two columns on one line). Each x range holds a cell of each
    row, top to bottom."""
    text = ("           8.属于行政查询事项          0 0  0  0   0   0 0\n"
            "      法提供 3.没有现成信息需要另行制作\n               补正后申请内容仍不明确\n"
            + "".join(f"{' ' * x}{v}\n" for x, v in ((31, 1), (31, 0), (33, 2), (33, 0), (36, 0), (36, 0),
                                                     (39, 0), (39, 0), (43, 0), (43, 0)))
            + "                                               0 3\n                                               0 0\n"
            "           1.信访举报投诉类申请         0 0  0  0   0   0 0\n")
    assert layout.to_text(text).split("\n") == [
        "8.属于行政查询事项\t0\t0\t0\t0\t0\t0\t0",
        "法提供3.没有现成信息需要另行制作补正后申请内容仍不明确\t1\t2\t0\t0\t0\t0\t3",
        "\t0\t0\t0\t0\t0\t0\t0",
        "1.信访举报投诉类申请\t0\t0\t0\t0\t0\t0\t0",
    ]


def _pt_19(edit=lambda text: text):
    report = parse_text(edit((FIXTURES / "real2_pt_19_pdftotext.txt").read_text(encoding="utf-8")))
    gold = json.loads((SHARED / "gold" / "real2" / "pt_19.json").read_text(encoding="utf-8"))
    return report, gold["application"]


def test_values_apart_from_labels_are_read_in_the_forms_order_where_every_identity_holds():
    """real2_pt_19: two items' labels over one row's values, the next rows' values a column at a time:
    by their labels the rows of （四） hold 0, 7 and 21 values; in their written order the values fill
    the form's rows and every identity holds."""
    report, gold = _pt_19()
    assert report.application == gold
    assert "values_in_form_order" in {f.rule for f in report.issues}


def test_values_apart_from_labels_that_break_an_identity_are_null_and_flagged():
    """The same text with one value changed (2 to 3 in a row totalling 2): no identity confirms the
    order, the rows out of step with their values are NULL, the rest read by their labels."""
    row = "\n" + " " * 30 + "{}   0   0   0   0   0 2\n"       # （四）'s first row, its label above
    report, gold = _pt_19(lambda text: text.replace(row.format(2), row.format(3)))
    read = {(r, c): v for r, cells in report.application.items() for c, v in cells.items() if v is not None}
    assert read and all(gold[r][c] == v for (r, c), v in read.items())
    assert report.application["unavailable_not_held"]["natural_person"] is None
    assert "values_apart_from_labels" in {f.rule for f in report.issues}


def test_a_header_cells_line_set_over_two_columns_stays_in_its_own():
    """real2_pt_3: （本年） / 处理决定数量, the second line squeezed over 减's column too: read as spanning,
    the header named its columns out of the form's order and the clause was left NULL."""
    text = ("                第二十条第（五）项\n\n          信息内容 上一年项 本年增/ （本年）\n"
            "                目数量 减 处理决定数量\n          行政许可   13    0      0\n")
    assert layout.to_text(text).split("\n")[0].split("\t")[-3:] == ["上一年项目数量", "本年增/减", "（本年）处理决定数量"]
    report = parse_text((FIXTURES / "real2_pt_3_pdftotext.txt").read_text(encoding="utf-8"))
    gold = json.loads((SHARED / "gold" / "real2" / "pt_3.json").read_text(encoding="utf-8"))
    assert report.proactive["art20_5"] == gold["proactive"]["art20_5"]


def test_a_stack_whose_columns_drift_a_character_is_rows():
    """seeds_001: the cells of two rows written a column at a time, a column's two cells a character
    apart (0 at 28, then 29); the stack starts on the label's line holding its first value (real2_pt_1).
    With the drift the stack is read as two rows; a stack whose columns do not each hold one value of
    each row stays as written (its rows keep their labels, not their values)."""
    stack = ((28, 29), (32, 32), (34, 35), (39, 39), (43, 43), (47, 47), (49, 49))
    lines = "".join(f"{' ' * a}1\n{' ' * b}0\n" for a, b in stack)
    text = ("       8.属于行政查询事项           0   0 0    0    0  0 0\n"
            "提供    3.补正后申请内容仍不明确\n" + lines +
            "       1.信访举报投诉类申请           0 0   0  0     0  0 0\n")
    assert layout.to_text(text).split("\n")[1:3] == [
        "提供3.补正后申请内容仍不明确\t1\t1\t1\t1\t1\t1\t1", "\t0\t0\t0\t0\t0\t0\t0"]
    torn = text.replace(" " * 49 + "0\n", " " * 52 + "0\n")       # a cell that stands in no column
    assert "\t1\t1\t1\t1\t1\t1\t1" not in layout.to_text(torn)


def test_a_label_centred_on_values_only_ends_as_far_below_them_as_it_starts_above():
    """real2_pt_10 / real2_pt_11: 规 / 0 0 0 / 章 above a row with its own label, 行政处 / 0 / 罚 / 行 /
    政 0 / 强制: each label's tail is the line as near below its values as its head is above."""
    text = ("          规\n                  0        0      0\n          章\n"
            "          行政规范性文件 0        0      0\n")
    assert layout.to_text(text).split("\n") == ["规章\t0\t0\t0", "行政规范性文件\t0\t0\t0"]
    text = "信息内容   （本年）处理决定数量\n行政处\n       0\n罚\n行\n       0\n政强制\n第二十\n"
    assert layout.to_text(text).split("\n")[1:] == ["行政处罚\t0", "行政强制\t0", "第二十"]


def test_an_items_number_apart_from_its_dot_is_put_back():
    """real_kiro_1 / real2_pt_13: pdftotext set an item's number (a Latin font) alone on its line or after
    its group's label, and its dot on a later line before the label's text: 1 / .本机关不掌握 100 …
    read 1 as a row's value and lost the label's number."""
    lines = layout.lines("               1\n\n               .本机关不掌握          10   0\n"
                         "（五）不予处理 2\n        .重                   0000000\n")
    assert [[w.text for w in line] for line in lines if line] == [
        ["1.本机关不掌握", "10", "0"], ["（五）不予处理"], ["2.重", "0000000"]]


def test_a_header_starts_at_its_title_where_the_lines_above_name_no_column():
    """real2_pt_3: the page's margin text beside the section's heading above the clause's title made
    the header one column too many, and its cells one run of text (the clause was left NULL)."""
    text = ("通知公告      二、主动公开政府信息情况\n                第二十条第（一）项\n\n"
            "          信息内容 本年新制 本年新公 对外公开\n                作数量 开数量 总数量\n"
            "           规章     0    0      0\n")
    assert layout.to_text(text).split("\n")[:2] == [
        "通知公告 二、主动公开政府信息情况", "第二十条第（一）项\t信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量"]


def test_interleaved_rows_of_one_value_are_read_in_the_forms_order_only():
    """real2_pt_14: rows 3 and 4 drawn side by side, pdftotext interleaved their values with row 5's
    (4, 7, 4, 1, 1, 2 and 2 values): all zeros, they are written as one line of three rows' worth and
    read by the form's row order (every identity holds). With one of them 1, no order tells whose it
    is: those rows stay NULL."""
    text = (FIXTURES / "real2_pt_14_pdftotext.txt").read_text(encoding="utf-8")
    gold = json.loads((SHARED / "gold" / "real2" / "pt_14.json").read_text(encoding="utf-8"))["application"]
    report = parse_text(text)
    assert report.application == gold
    assert "values_in_form_order" in {f.rule for f in report.issues}
    changed = parse_text(text.replace("保护第三方合法权益 0 0 0 0", "保护第三方合法权益 0 1 0 0"))
    rows = ("denied_security_stability", "denied_third_party_rights", "denied_internal_affairs")
    assert all(v is None for row in rows for v in changed.application[row].values())
    assert all(v is None or v == gold[r][c] for r, cells in changed.application.items() for c, v in cells.items())


def test_rows_written_as_one_glued_run_count_as_their_cells_in_the_forms_order():
    """real2_pt_20: （四） on, each row is one run (0000000, 4000004: pdftotext ran the narrow cells
    together), rows 3 and 4 above interleaved. Each run with one cut only counts as its seven cells:
    the table's values in their written order fill the form's rows and every identity holds."""
    report = parse_text((FIXTURES / "real2_pt_20_pdftotext.txt").read_text(encoding="utf-8"))
    gold = json.loads((SHARED / "gold" / "real2" / "pt_20.json").read_text(encoding="utf-8"))
    assert report.application == gold["application"]
    assert "values_in_form_order" in {f.rule for f in report.issues}


def test_a_row_of_values_at_a_pages_foot_is_no_running_footer():
    """real2_pt_5: section 四's one row of values ends a page; digits aside it keyed as a page number
    (another page's foot), and was dropped as a running footer with the whole section."""
    report = parse_text((FIXTURES / "real2_pt_5_pdftotext.txt").read_text(encoding="utf-8"))
    gold = json.loads((SHARED / "gold" / "real2" / "pt_5.json").read_text(encoding="utf-8"))
    assert report.review_litigation == gold["review_litigation"]


def test_rows_on_their_labels_lines_are_read_after_rows_whose_values_were_lost():
    """real_kiro_2's page printed in the cms style: table 三's （三）不予公开 cell over rows 3. and 4.,
    whose labels pdftotext runs together (3.4.危及…) and whose values it scatters over lines, leaves
    rows 3. to 5. without values; 8.'s line then has （四）1.'s values below it (its label after them).
    Each row after them whose values stand on its label's line is its own: read, every cell the
    gold's (before, every row from 3. on was NULL). The rows the lines do not vouch for stay NULL."""
    report = parse_text((FIXTURES / "real_kiro_2_chromestyle_pdftotext.txt").read_text(encoding="utf-8"))
    gold = json.loads((SHARED / "gold" / "real" / "kiro_2.json").read_text(encoding="utf-8"))["application"]
    for row in ("denied_process_information", "denied_enforcement_case_file", "unavailable_unclear_request",
                "not_processed_complaint", "other_processing", "outcome_total", "carried_forward"):
        assert report.application[row] == gold[row], row
    for row in ("denied_security_stability", "denied_administrative_inquiry", "unavailable_not_held"):
        assert set(report.application[row].values()) == {None}, row
    assert "values_apart_from_labels" in {f.rule for f in report.issues}


def test_a_values_line_and_its_tab_row_are_kept():
    """tokenize keeps each value's line, where each label's line begins and which lines are TAB rows
    (a positional reader's: tables.py trusts a row's values on its label's line there only)."""
    stream = tokenize("一、本年新收\t1\t2\n二、上年结转 3 4\n")
    assert [t.line for t in stream.tokens] == [0, 0, 1, 1]
    assert (stream.line_at(0), stream.line_at(stream.text.index("二"))) == (0, 1)
    assert stream.tabbed == {0}


def test_glued_rows_a_line_apart_are_cut_each_where_its_total_says():
    """real_kiro_2's page in the merged-null-runs style: 95 | 0 and 50 | 0 beside the narrow 自然人
    column run together (950, 500) in rows two lines apart. Each is the other's only row as short, and
    each is cut one way only (its total the sum of its parts): both are cut, neither read as a row
    of six columns (before, both rows were left without values)."""
    text = ("一、本年新收政府信息公开申请数量              950   0   0   0   0 95\n\n二、上年结转政府信息\n"
            "公                             0 0   0   0   0   0 0\n\n开申请数量\n"
            "三、本年度办理结 （一）予以公开              500   0   0   0   0 50\n"
            "果        （二）部分公开              9 0   0   0   0   0 9\n")
    assert layout.to_text(text).split("\n") == [
        "一、本年新收政府信息公开申请数量\t95\t0\t0\t0\t0\t0\t95",
        "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0",
        "三、本年度办理结（一）予以公开\t50\t0\t0\t0\t0\t0\t50",
        "果（二）部分公开\t9\t0\t0\t0\t0\t0\t9",
    ]


def test_a_rows_glued_run_cut_into_cells_keeps_its_line():
    """pdftotext runs a narrow table's cells together (1 000001: split-table-three's second table);
    cut the one way that keeps the row's total, the cells stay on the row's line, so a row read so
    on its label's line is not taken for another row's values (tables.py's _beside_label)."""
    toks = tokenize("一、本年新收\t95\t0\t0\t0\t0\t0\t95\n1.信访举报投诉类申请\t1\t000001\n").tokens[7:]
    cells = runs_cut({"row": toks}, len(FORM_COLUMNS))["row"]
    assert [(c.raw, c.line) for c in cells] == [("1", 1), *[("0", 1)] * 5, ("1", 1)]
