"""Positioned words -> table rows (pipeline/parsing/formats/words.py), on layouts a browser's or a
scanner's page makes: blank cells, labels wrapped over lines, a table cut by a page break."""
from __future__ import annotations

import pytest

from pipeline.parsing.formats.words import Word, read

H = 10          # a line's height
COLS = (200, 260, 320)      # x of three value columns, 20 wide


def cell(text: str, col: int, y: float, page: int = 0, confidence: float | None = None) -> Word:
    return Word(text, COLS[col], COLS[col] + 20, y, y + H, page, confidence)


def label(text: str, y: float, page: int = 0) -> Word:
    return Word(text, 10, 10 + 12 * len(text), y, y + H, page)


def header(y: float, page: int = 0) -> list[Word]:
    return [label("信息内容", y, page), *(cell(t, c, y, page) for c, t in enumerate(("制发", "废止", "有效")))]


def test_a_blank_cell_keeps_its_column() -> None:
    words = [*header(0), label("规章", 30), cell("5", 0, 30), cell("7", 2, 30)]
    assert read(words).lines[-1] == "规章\t5\t/\t7"


def test_a_column_blank_in_every_row_comes_from_the_header() -> None:
    words = [*header(0), label("规章", 30), cell("5", 0, 30), cell("7", 1, 30),
             label("文件", 60), cell("2", 0, 60), cell("4", 1, 60)]
    assert read(words).lines[-2:] == ["规章\t5\t7\t/", "文件\t2\t4\t/"]


def test_a_label_wrapped_over_lines_is_one_row() -> None:
    words = [*header(0), label("（二）部分公开（区分", 28), cell("9", 0, 35), cell("0", 1, 35), cell("9", 2, 35),
             label("只计这一情形）", 42), label("（三）不予公开", 70), cell("1", 0, 70), cell("0", 1, 70), cell("1", 2, 70)]
    assert read(words).lines[-2:] == ["（二）部分公开（区分只计这一情形）\t9\t0\t9", "（三）不予公开\t1\t0\t1"]


def test_a_table_cut_by_a_page_break_keeps_its_columns() -> None:
    words = [*header(0), label("规章", 30), cell("5", 0, 30), cell("6", 1, 30), cell("7", 2, 30),
             label("文件", 20, page=1), cell("2", 0, 20, page=1), cell("4", 2, 20, page=1)]
    assert read(words).lines[-1] == "文件\t2\t/\t4"


def test_rulings_decide_the_band_of_a_label_line() -> None:
    """Without rulings the line joins the nearer row (below); the rule above it says it ends the row above."""
    words = [*header(0), label("行政许可", 30), cell("1", 0, 30), cell("2", 1, 30), cell("3", 2, 30),
             label("事项", 44), label("行政处罚", 55), cell("4", 0, 55), cell("5", 1, 55), cell("6", 2, 55)]
    assert read(words).lines[-2] == "行政许可\t1\t2\t3"
    ruled = read(words, rulings={0: [25.0, 54.5, 75.0]}).lines
    assert ruled[-2:] == ["行政许可事项\t1\t2\t3", "行政处罚\t4\t5\t6"]


def test_a_doubted_value_is_a_blank_named_by_its_cell() -> None:
    words = [*header(0), label("规章", 30), cell("5", 0, 30), cell("8", 1, 30, confidence=0.4), cell("7", 2, 30)]
    reading = read(words, doubted=lambda w: (w.confidence or 1) < 0.9)
    assert reading.lines[-1] == "规章\t5\t/\t7"
    [doubt] = reading.doubts
    assert (doubt.word.text, doubt.row, doubt.column, doubt.header) == ("8", "规章", 1, "废止")


def test_a_value_boxed_with_its_label_is_cut_from_it() -> None:
    """OCR boxed a label and the value beside it as one word (行政规范性文件2): its last digit, a
    CJK character's half, stands in the first value column, which the line holds no value in.
    A label's digit short of the value column (2020年度 within its label cell) stays label text."""
    glued = Word("行政规范性文件2", COLS[0] - 140, COLS[0] + 10, 30, 30 + H)
    words = [*header(0), label("规章", 15), cell("5", 0, 15), cell("6", 1, 15), cell("7", 2, 15),
             glued, cell("4", 1, 30), cell("33", 2, 30)]
    assert read(words).lines[-1] == "行政规范性文件\t2\t4\t33"
    short = glued._replace(x0=COLS[0] - 160, x1=COLS[0] - 10)
    assert read([*words[:-3], short, *words[-2:]]).lines[-1] == "行政规范性文件2\t/\t4\t33"


def test_a_title_across_a_ruled_tables_column_rule_is_no_columns_header() -> None:
    """The clause's title in a row of its own above a ruled table's header, centred across two of
    its columns: over no one cell, it is read before the header, not as the second column's."""
    rules = {0: [(x, 20, 100) for x in (5, 190, 250, 310, 370)]}
    words = [Word("第二十条第（八）项", 215, 285, 5, 15), *header(25),
             label("规章", 45), cell("5", 0, 45), cell("6", 1, 45), cell("7", 2, 45),
             label("文件", 65), cell("2", 0, 65), cell("4", 1, 65), cell("3", 2, 65)]
    assert read(words, rulings={0: [20, 40, 60, 80]}, verticals=rules).lines[0] == \
        "第二十条第（八）项 信息内容\t制发\t废止\t有效"


def test_a_ruled_tables_header_is_every_line_its_column_rules_cross() -> None:
    """A header cell wrapped a character a line, over more lines than HEADER_LINES (a narrow column
    of a web page's table): the lines above the first row that the value columns' rules cross are
    the header, whatever their number; the title above the grid is crossed by none."""
    rules = {0: [(x, 20, 120) for x in (5, 190, 250, 310, 370)]}
    stacked = [cell(c, 0, 22 + 12 * k) for k, c in enumerate("本年新制作")]
    words = [label("第二十条第（一）项", 5), *stacked, label("信息内容", 46), cell("废止", 1, 46), cell("有效", 2, 46),
             label("规章", 90), cell("5", 0, 90), cell("6", 1, 90), cell("7", 2, 90),
             label("文件", 105), cell("2", 0, 105), cell("4", 1, 105), cell("3", 2, 105)]
    assert read(words, rulings={0: [20, 85, 102, 120]}, verticals=rules).lines[:2] == \
        ["第二十条第（一）项", "信息内容\t本年新制作\t废止\t有效"]


def test_a_ruled_rows_label_above_its_value_is_the_rows() -> None:
    """A label centred on its value in a ruled row (行政事业性 / 0 / 收费): the line above the value,
    inside the row's rules and the label cell (its box reaching a few units over the value cell's
    rule), is the row's label, not the header's."""
    rules = {0: [(x, 20, 80) for x in (5, 197, 370)]}
    words = [label("信息内容", 30), Word("本年收费金额", 200, 300, 30, 30 + H),
             Word("行政事业性", 10, 201, 50, 50 + H), cell("0", 0, 60), label("收费", 70)]
    assert read(words, rulings={0: [20, 45, 80]}, verticals=rules).lines == \
        ["信息内容\t本年收费金额", "行政事业性收费\t0"]


def test_a_ruled_header_cut_by_a_page_break_is_one_header() -> None:
    """A ruled table's header at a page's foot (信息 / 本), its last line atop the next page (内容 /
    年增/减), both inside the table's frame and column rules: one header, read with the next
    page's rows. The clause's title above it, inside the frame only, stays a line of its own."""
    frame = [(5, 0, 200), (370, 0, 200)]
    rules = {0: frame + [(x, 150, 200) for x in (190, 250, 310)], 1: frame + [(x, 0, 100) for x in (190, 250, 310)]}
    words = [label("第二十条第（六）项", 130), label("信息", 160), cell("上一年", 0, 160), cell("本", 1, 160),
             cell("处理", 2, 160), label("内容", 5, 1), cell("年增/减", 1, 5, 1),
             label("行政处罚", 30, 1), cell("35", 0, 30, 1), cell("0", 1, 30, 1), cell("0", 2, 30, 1)]
    assert read(words, rulings={0: [120, 150, 200], 1: [0, 25, 45]}, verticals=rules).lines == \
        ["第二十条第（六）项", "信息 内容\t上一年\t本年增/减\t处理", "行政处罚\t35\t0\t0"]


def test_a_rule_found_to_end_just_above_a_row_goes_on_where_it_parts_two_values() -> None:
    """A row too short for its rules to be found where a digit set against one broke it: the rule
    between the last two columns is found to end just above the row, so the rules across the row
    put its 6 and 7 in one cell. The rule goes on: each value is read in its own column."""
    rules = {0: [(5, 0, 60), (190, 0, 60), (250, 0, 60), (310, 0, 39), (370, 0, 60)]}
    words = [*header(22), label("规章", 42), cell("5", 0, 42), cell("6", 1, 42), cell("7", 2, 42)]
    assert read(words, rulings={0: [0, 20, 40, 60]}, verticals=rules).lines == ["信息内容\t制发\t废止\t有效", "规章\t5\t6\t7"]


def test_a_label_numbering_is_not_a_value() -> None:
    words = [*header(0), Word("1", 10, 16, 30, 30 + H), Word(".属于国家秘密", 17, 90, 30, 30 + H),
             cell("0", 0, 30), cell("0", 1, 30), cell("0", 2, 30)]
    assert read(words).lines[-1] == "1.属于国家秘密\t0\t0\t0"


def test_a_header_is_read_column_by_column() -> None:
    """Header cells are stacked in no common lines (a note set over two lines, 自然 / 人 wrapped in
    its cell, a heading over several columns): each column's header is its cells top to bottom."""
    words = [Word("（本列数据的勾稽关系）", 10, 150, 0, 30), Word("申请人情况", COLS[0], COLS[2] + 20, -14, -4),
             Word("自然", COLS[0] + 2, COLS[0] + 26, 4, 14), Word("人", COLS[0] + 8, COLS[0] + 20, 17, 27),
             Word("商业", COLS[1], COLS[1] + 24, 10, 20), label("一、本年新收", 40), cell("5", 0, 40), cell("7", 1, 40)]
    assert read(words).lines == ["申请人情况 （本列数据的勾稽关系）\t自然人\t商业", "一、本年新收\t5\t7"]


def test_a_number_among_the_header_cells_makes_no_column() -> None:
    """A stray digit OCR finds between two header cells (kiro_1's scan: 本年废止件数 3 现行有效件数)."""
    words = [*header(0), Word("3", COLS[1] + 24, COLS[1] + 30, 0, H), label("规章", 30),
             cell("5", 0, 30), cell("6", 1, 30), cell("7", 2, 30)]
    assert read(words).lines[-1] == "规章\t5\t6\t7"


def test_two_values_of_one_line_are_never_one_column() -> None:
    """Two narrow columns side by side (其他, 总计: a scan's digits set against their left rules), and a
    row below whose box is wider than its digit, across the rule between them: still two columns."""
    words = [label("规章", 30), Word("0", 200, 216, 30, 40), Word("1", 222, 238, 30, 40),
             label("文件", 60), Word("0", 205, 228, 60, 70)]
    assert read(words).lines[-2:] == ["规章\t0\t1", "文件\t0\t/"]


def test_a_header_at_the_foot_of_a_page_heads_the_rows_atop_the_next() -> None:
    """A browser breaks the page between a table's header and its first row: the header still names the columns."""
    words = [label("二、收到和处理政府信息公开申请情况", 0), *header(600),
             label("规章", 20, page=1), cell("5", 0, 20, page=1), cell("7", 2, 20, page=1)]
    *_, head, row = read(words).lines
    assert head.endswith("信息内容\t制发\t废止\t有效") and row == "规章\t5\t/\t7"


def test_a_row_past_the_papers_edge_says_so_on_that_side() -> None:
    """A caller that knows which rows run past the paper's edge (a clipped PDF) has them marked on that
    side, so the reader of the form puts the cells the text lacks there, not between its values."""
    words = [*header(0), label("规章", 30), cell("5", 0, 30), cell("6", 1, 30),
             label("文件", 60), cell("2", 0, 60), cell("4", 1, 60)]
    reading = read(words, past_edge=lambda first, last: (False, last.y0 == 30))
    assert reading.lines[-2:] == ["规章\t5\t6\t/\t[past_right_edge]", "文件\t2\t4\t/"]


# A ruled table as a scan's rules give it: a label cell (10-190) and three value cells, the values
# set at each cell's left as a web page prints them, the headers centred.
RULES = (10, 190, 250, 310, 370)


def ruled(top: float, bottom: float, xs: tuple[float, ...] = RULES) -> list[tuple[float, float, float]]:
    return [(x, top, bottom) for x in xs]


def test_a_ruled_tables_columns_are_the_cells_between_its_rules() -> None:
    """A header centred in its cell stands over no value set at the cell's left: read by the values
    alone it makes a column of its own (a row then has four cells for three); the rules say three."""
    words = [Word("社会", 268, 292, 0, H), label("规章", 30), Word("5", 192, 200, 30, 40),
             Word("6", 252, 260, 30, 40), Word("7", 312, 320, 30, 40)]
    assert read(words).lines[-1] == "规章\t5\t6\t/\t7"
    assert read(words, verticals={0: ruled(-5, 45)}).lines[-2:] == ["\t\t社会\t", "规章\t5\t6\t7"]


def test_a_run_of_digits_over_two_ruled_cells_is_a_digit_a_cell() -> None:
    """The detector boxes 0|0 set either side of a rule as one word: each digit stands in its cell.
    A run whose characters do not fall one to a cell (three digits over two) is read in neither."""
    rules = ruled(25, 75, (10, 190, 201, 212, 223))
    words = [label("规章", 30), Word("00", 190, 212, 30, 40), Word("1", 213, 221, 30, 40),
             label("文件", 60), Word("100", 190, 212, 60, 70), Word("1", 213, 221, 60, 70)]
    assert read(words, verticals={0: rules}).lines == ["规章\t0\t0\t1", "文件\t/\t/\t1"]


def test_rows_ruled_in_another_system_of_columns_are_read_by_their_own_rules() -> None:
    """A web page's nested table: the lower rows' values in narrow cells of their own, under the same header."""
    narrow = (10, 190, 201, 212, 223)
    words = [label("一、本年新收", 30), *(Word("0", x + 2, x + 10, 30, 40) for x in RULES[1:4]),
             label("二、上年结转", 60), *(Word("0", x + 2, x + 10, 60, 70) for x in RULES[1:4]),
             label("（六）其他处理", 90), *(Word(t, x + 1, x + 10, 90, 100) for t, x in zip("120", narrow[1:4])),
             label("（七）总计", 120), *(Word(t, x + 1, x + 10, 120, 130) for t, x in zip("340", narrow[1:4]))]
    rules = ruled(25, 75) + ruled(85, 135, narrow)
    assert read(words, verticals={0: rules}).lines[-2:] == ["（六）其他处理\t1\t2\t0", "（七）总计\t3\t4\t0"]


@pytest.mark.parametrize("rest", [".重复申请", "重复申请"])
def test_a_number_alone_in_a_ruled_label_cell_is_label_text(rest: str) -> None:
    """An item's number OCR read apart from its label (2 / .重复申请) makes no column left of the
    values; where OCR lost its stop (2 / 重复申请) it is still the item's number, not a value."""
    words = [label("1.信访举报", 30), *(Word("0", x + 2, x + 10, 30, 40) for x in RULES[1:4]),
             Word("2", 12, 20, 52, 62), Word(rest, 22, 80, 66, 76),
             *(Word("0", x + 2, x + 10, 66, 76) for x in RULES[1:4])]
    lines = read(words, rulings={0: [25.0, 50.0, 85.0]}, verticals={0: ruled(25, 85)}).lines
    assert lines == ["1.信访举报\t0\t0\t0", "2.重复申请\t0\t0\t0"]


def test_a_ruled_row_cut_by_a_page_break_keeps_its_label() -> None:
    """The row's values and its label's first line at a page's foot, the label's end atop the next
    page above its first rule: one row, and the next page's rows follow in the same columns."""
    words = [label("2.其他", 30), *(Word("0", x + 2, x + 10, 30, 40) for x in RULES[1:4]),
             label("3.危及“三安", 60), *(Word("0", x + 2, x + 10, 60, 70) for x in RULES[1:4]),
             label("全一稳定”", 5, page=1), label("4.保护", 30, page=1),
             *(Word("5", x + 2, x + 10, 30, 40, page=1) for x in RULES[1:4])]
    lines = read(words, rulings={0: [25.0, 50.0], 1: [20.0, 50.0]},
                 verticals={0: ruled(25, 80), 1: ruled(0, 50)}).lines
    assert lines == ["2.其他\t0\t0\t0", "3.危及“三安全一稳定”\t0\t0\t0", "4.保护\t5\t5\t5"]


FIVE = (200, 230, 260, 290, 320)    # a borderless table's five value columns, a digit wide (8)


def row(values: str, y: float, x: tuple[float, ...] = FIVE) -> list[Word]:
    return [Word(v, x0, x0 + 8 * len(v), y, y + H) for v, x0 in zip(values.split(), x)]


def at(text: str, x: float, y: float) -> Word:
    return Word(text, x, x + 12 * len(text), y, y + H)


def test_a_borderless_label_cell_holds_the_lines_wrapped_under_it() -> None:
    """A table printed without rules: a label wrapped above and below its row's centred values, its
    last line nearer the next row's values, is its row's; a group's label beside it too, read first."""
    words = [at("（三）不予", 10, 0), at("3.要求", 80, 0), at("公开", 10, 12), at("提", 80, 12), *row("1 0 0 0 1", 12),
             at("供公开出版物", 80, 25), at("4.无正当理由", 80, 36), *row("0 0 0 0 0", 36)]
    assert read(words).lines[-2] != "（三）不予公开3.要求提供公开出版物\t1\t0\t0\t0\t1"     # nearest: 供… joins 4.
    assert read(words, borderless=True).lines == ["（三）不予公开3.要求提供公开出版物\t1\t0\t0\t0\t1",
                                                  "4.无正当理由\t0\t0\t0\t0\t0"]


def test_a_borderless_items_number_wrapped_apart_from_its_stop_is_label_text() -> None:
    """`2` alone on its line above `.其他`: not a row of one value."""
    words = [at("1.属于国家秘密", 80, 0), *row("0 0 0 0 0", 0), at("2", 80, 14), at(".其他", 80, 26), *row("3 0 0 0 3", 26)]
    assert read(words, borderless=True).lines == ["1.属于国家秘密\t0\t0\t0\t0\t0", "2.其他\t3\t0\t0\t0\t3"]


def test_a_borderless_row_whose_values_ran_together_is_text() -> None:
    """14 and 0 set without padding read 140, over two columns: the row is written as text (the
    tables' reader cuts it where the row's total says, or leaves it NULL), never 140 in one cell."""
    words = [at("1.属于国家秘密", 80, 0), *row("0 0 0 0 0", 0),
             at("2.其他", 80, 14), Word("140", 200, 238, 14, 14 + H), *row("0 0 14", 14, FIVE[2:])]
    assert read(words, borderless=True).lines[-1] == "2.其他 140 0 0 14"
