"""Review 30: characters, encodings and the way numbers are written, fuzzed for silent misreadings.
Generated forms (a generator kept outside the repository) wrote their number cells as "1,234.5",
"1，234.5", "１２．５", "12.50", ".5", "5.", "10.00分", "9.5 分", "100 %", "１００％", "约10", "1.2E+05",
negative and placeholder cells, their targets and actuals with every comparator spelling and full-width
characters, their labels in traditional characters, spaced or with invisible characters, and the text
writers' files in UTF-8 (with and without BOM), GB18030/GBK (some with stray bytes), UTF-16 LE/BE with and
without BOM, CRLF and CR line ends. A case was silent when a contract cell differed from the truth with
no error-level R-PARSE finding. One test per root cause, on the small form; each fails on baf2e5d in the
writers its docstring names."""

from __future__ import annotations

import pytest

from orchestration.forms import parse_document, to_contract_dict

from .support import render, small_form

_FUNDS_ROW = 5  # 年度资金总额 in small_form.HEAD
_FIRST, _SECOND = 7, 8  # the two indicator rows


WRITERS = render.WRITERS
TEXT_WRITERS = ["flat", "pipe_cells", "pipe_rows", "cells"]


def _table() -> list[list[str]]:
    return [list(row) for row in [*small_form.HEAD, *small_form.ROWS, small_form.TOTAL]]


def _form(table: list[list[str]], writer: str) -> dict:
    write, name = WRITERS[writer]
    (form,) = parse_document(write([table]), name).forms
    return to_contract_dict(form)


_errors = small_form.parse_errors


def _indicator_cells(form: dict) -> list[tuple]:
    return [(i["name"], i["target_raw"], i["actual_raw"], i["weight"], i["score"], i["deviation_note"])
            for i in form["indicators"]]


_RIGHT_INDICATORS = [("培训人数", "100人", "95人", 50, 45, None), ("合格率", "≥90%", "95%", 40, 40, None)]
_RIGHT_FUND = {"initial_budget": 100, "annual_budget": 120, "executed": 108, "weight": 10, "execution_rate": 0.9,
               "score": 9}


def _fund(form: dict) -> dict:
    return {key: form["funds"][0][key] for key in _RIGHT_FUND}


@pytest.mark.parametrize("writer", WRITERS)
def test_a_number_written_with_a_bare_decimal_point(writer):
    """"100." and "94." in the 总分 row, "40." as a 得分, "10." and ".9" in the funds row (numbers as
    numbers.py reads them): before, the text layouts took them for text — the 总分 row was read as
    empty (no total, no error) and "40." became the indicator's note, its 得分 lost."""
    table = _table()
    table[-1][6:8] = ["100.", "94."]
    table[_SECOND][7] = "40."
    table[_FUNDS_ROW][5], table[_FUNDS_ROW][7] = "10.", "9."
    form = _form(table, writer)
    assert (form["total_weight"], form["total_score"]) == (100, 94)
    assert _indicator_cells(form) == _RIGHT_INDICATORS
    assert _fund(form) == _RIGHT_FUND


# The sheet writers store "1.2E+02" as the number 120 (what Excel shows is then "120").
_NO_NUMBERS = [(writer, cell) for writer in WRITERS for cell in ("约120", "1.2E+02", "12，0", "1.20,5", "(120)")
               if not (cell == "1.2E+02" and writer in ("xlsx", "xls"))]


@pytest.mark.parametrize(("writer", "cell"), _NO_NUMBERS)
def test_a_funds_cell_that_is_no_number_is_reported(writer, cell):
    """A 全年预算数 written "约120", as Excel's scientific display, with a comma that groups no thousands
    or in brackets: before, flattened text skipped the cell, so the row was read one cell short —
    年初预算数 blank, 全年预算数 100 — with no error; pipe text skipped it too and reported the wrong cell
    (the 执行率 "90%" as no 分值)."""
    table = _table()
    table[_FUNDS_ROW][3] = cell
    form = _form(table, writer)
    assert form["funds"][0]["annual_budget"] is None
    assert any("全年预算数" in p["message"] and cell in p["message"] for p in _errors(form))


@pytest.mark.parametrize("writer", TEXT_WRITERS)
def test_a_first_amount_that_is_no_number_is_reported(writer):
    """The row's first amount no number ("约100"): before, the text layouts skipped it and read the row
    one cell short (年初预算数 blank), with no error."""
    table = _table()
    table[_FUNDS_ROW][2] = "约100"
    form = _form(table, writer)
    assert form["funds"][0]["initial_budget"] is None
    assert form["funds"][0]["annual_budget"] in (120, None)
    assert _errors(form)


@pytest.mark.parametrize("writer", WRITERS)
def test_invisible_characters_and_the_minus_sign_in_numbers(writer):
    """A zero-width space, a BOM or a soft hyphen left in a number cell, and U+2212 as its minus sign
    (NFKC keeps all four): before, flattened text skipped such a cell silently (every value after it
    one column off), the other layouts said it was no number."""
    table = _table()
    table[_FUNDS_ROW][2:5] = ["100\u200b", "1\u00ad20", "\ufeff108"]
    table[_SECOND][6] = "−40"
    form = _form(table, writer)
    assert _fund(form) == _RIGHT_FUND
    assert form["indicators"][1]["weight"] == -40


@pytest.mark.parametrize("writer", WRITERS)
def test_a_unit_written_apart_from_its_number(writer):
    """"100 %" as a target, "96 %" as an actual, "39.5 分" as a 得分, "90 %" as the 执行率 and "94 分"
    as the total: before, flattened text cut each into a number and a cell of its own — the "%" became
    the actual, the 分值 took the actual's number, "分" became the note — with no error."""
    table = _table()
    table[_SECOND][4:8] = ["100 %", "96 %", "40", "39.5 分"]
    table[_FUNDS_ROW][6] = "90 %"
    table[-1][7] = "93.5 分"
    form = _form(table, writer)
    assert _indicator_cells(form) == [_RIGHT_INDICATORS[0], ("合格率", "100 %", "96 %", 40, 39.5, None)]
    assert form["funds"][0]["execution_rate"] == 0.9
    assert (form["total_weight"], form["total_score"]) == (100, 93.5)


@pytest.mark.parametrize("writer", WRITERS)
def test_an_amount_grouped_with_spaces(writer):
    """"65 535" (the contract: spaces inside numbers are removed), and with a no-break or an ideographic
    space: before, pipe text skipped the cell silently (the row one cell short) and flattened text read
    "65 535 65 535 58 981.5 10 90% 9" as 65 | 535 | 65 | 535 | 58 | 981.5 — a thousandth of the amounts
    and the 分值, 执行率 and 得分 from other cells — with no error. Flattened, the numbers are joined when
    one joining gives the row its columns and an 执行率 its amounts bear out."""
    table = _table()
    table[_FUNDS_ROW][2:5] = ["65 535", "65\u00a0535", "58\u3000981.5"]
    form = _form(table, writer)
    assert [form["funds"][0][k] for k in ("initial_budget", "annual_budget", "executed")] == [65535, 65535, 58981.5]
    assert (form["funds"][0]["execution_rate"], form["funds"][0]["score"]) == (0.9, 9)


def test_a_flattened_funds_row_with_more_numbers_than_columns_is_reported():
    """"1 314 1 314 1 200 10 90% 9" (1200 / 1314 is no 90 %): no joining is borne out; before, the row was
    read as 1 | 314 | 1 | 314 | 1 | 200 with no error."""
    table = _table()
    table[_FUNDS_ROW][2:5] = ["1 314", "1 314", "1 200"]
    form = _form(table, "flat")
    assert any("数值比列多" in p["message"] for p in _errors(form))


@pytest.mark.parametrize("writer", ["flat", "pipe_cells", "pipe_rows", "cells"])
def test_undecodable_bytes_in_a_text_form_are_reported(writer):
    """A GB18030 file with stray bytes before a 得分 (a copy cut mid-character): the cell decodes as
    "\ufffd\ufffd9" — before, pipe text dropped it as no number with no error (flattened text read it
    into the note)."""
    table = _table()
    table[_FUNDS_ROW][7] = "@@9"
    write, name = WRITERS[writer]
    data = write([table]).decode().encode("gb18030").replace(b"@@", b"\x80\xff")
    (form,) = parse_document(data, name).forms
    form = to_contract_dict(form)
    assert any(p["subject"] == "编码" for p in _errors(form))


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("cell", ["约40", "4O"])
def test_a_score_that_is_no_number_is_reported(writer, cell):
    """"约40" or a letter O for a zero as the 得分 of an indicator, and "约100" as the 总分's 分值: before,
    the text layouts took the 得分 for the note (pipe rows, flattened) or for the next row's name (one
    cell per line: every cell after it one column off), and the 总分 row ended at "约100" (both totals
    lost), with no error. Flattened text cannot say whether the text is a note or the score: reported."""
    table = _table()
    table[_FIRST][7] = cell
    table[-1][6] = "约100"
    form = _form(table, writer)
    first = ("培训人数", "100人", "95人", 50, None, cell if writer == "flat" else None)
    assert _indicator_cells(form) == [first, _RIGHT_INDICATORS[1]]
    assert (form["total_weight"], form["total_score"]) == (None, 94)
    messages = " ".join(p["message"] for p in _errors(form))
    assert cell in messages and "约100" in messages


def test_a_flattened_source_row_of_space_grouped_amounts():
    """"其中：当年财政拨款 3 109.2 3 109.2 1 554.6" (its 分值, 执行率 and 得分 blank, so no cell left after the
    amounts): as many numbers as columns, before read as 3 | 109.2 | 3 | 109.2 (分值) | 1 (执行率 100 %) |
    554.6 (得分) with no error. A 分值 no funds block has and a 得分 above it say the reading is wrong;
    the one joining that leaves the row its amounts is taken."""
    table = _table()
    table[_FUNDS_ROW][2:5] = ["3 109.2", "3 109.2", "1 554.6"]
    table[_FUNDS_ROW][6:8] = ["50%", "5"]
    table.insert(_FUNDS_ROW + 1, ["", "其中：当年财政拨款", "3 109.2", "3 109.2", "1 554.6", "", "", "", ""])
    form = _form(table, "flat")
    rows = [[row[k] for k in ("initial_budget", "annual_budget", "executed", "weight", "execution_rate", "score")]
            for row in form["funds"]]
    assert rows == [[3109.2, 3109.2, 1554.6, 10, 0.5, 5], [3109.2, 3109.2, 1554.6, None, None, None]]


def test_a_flattened_weight_that_is_no_number_is_reported():
    """"培训人数 100人 95人 约50 45" flattened: "约50" reads as the name of another row starting mid-line
    (with 45 as its target); before, with no error."""
    table = _table()
    table[_FIRST][6] = "约50"
    form = _form(table, "flat")
    assert any("约50" in p["message"] for p in _errors(form))


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("target", ["≥ 95%", "≤ 30天", "不低于 90%", "≥\u300090%"])
def test_a_comparator_written_apart_from_its_number(writer, target):
    """"≥ 95%" with a space (or an ideographic space) after the comparator: before, flattened text
    joined "≥" to the name ("合格率≥") or took it for the whole target, "95%" for the actual and the
    actual for the 分值, with no error."""
    table = _table()
    table[_SECOND][4] = target
    form = _form(table, writer)
    written = " ".join(target.split()) if writer in ("html", "pipe_cells", "pipe_rows") else target
    assert _indicator_cells(form) == [_RIGHT_INDICATORS[0], ("合格率", written, "95%", 40, 40, None)]


def test_a_flattened_score_that_is_no_number_before_the_note_is_reported():
    """"… 50 约45 无": the 得分 that is no number and the note read as one note "约45 无" (no 得分); before,
    with no error."""
    table = _table()
    table[_FIRST][7:9] = ["约45", "无"]
    form = _form(table, "flat")
    assert any("约45" in p["message"] for p in _errors(form))


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16"])
def test_a_sheet_saved_as_tab_separated_text(encoding):
    """Excel's "Text (Tab delimited)" / "Unicode Text": every row to the sheet's width, blank cells
    kept, so the rows whose first cell is blank (funds rows, indicator rows, the goal row) start with a
    tab. Before, such a file with a goal block was taken for the one-cell-a-line dump (a third of its
    lines start with a tab) and refused: no form found."""
    table = _table()
    table[6:6] = [["年度总体目标", "预期目标", "", "", "", "实际完成情况", "", "", ""],
                  ["", "培训学员100人次。", "", "", "", "培训学员95人次。", "", "", ""]]
    text = "\r\n".join("\t".join(row) for row in table) + "\r\n"
    (form,) = parse_document(text.encode(encoding), "t.txt").forms
    form = to_contract_dict(form)
    assert _indicator_cells(form) == _RIGHT_INDICATORS and _fund(form) == _RIGHT_FUND
    assert (form["goal_expected"], form["total_score"]) == ("培训学员100人次。", 94)


def test_tab_separated_cells_with_the_blank_ones_left_out_are_reported():
    """The filled cells of each row joined by tabs (blank ones left out): read as a sheet by its
    columns, "产出指标 | 数量指标 | 培训人数 | …" stood one column left of "绩效指标 | 一级指标 | 二级指标 | 三级指标"
    — 一级 blank, 二级 "产出指标", the name "数量指标", the target "培训人数", 分值 the actual's number —
    with no error. A 一级 label under 二级指标 or a 二级 label under 三级指标 is reported."""
    text = "\n".join("\t".join(cell for cell in row if cell) for row in _table()) + "\n"
    (form,) = parse_document(text.encode(), "t.txt").forms
    form = to_contract_dict(form)
    assert _indicator_cells(form) == _RIGHT_INDICATORS or any("错位" in p["message"] for p in _errors(form))


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("label", ["项 目 名 称", "主 管 部 门", "实 施 单 位", "实\u3000施\u3000单\u3000位", "总  分"])
def test_a_label_written_with_spaces_between_its_characters(writer, label):
    """"实 施 单 位" (a label widened in its cell): before, flattened text lost it — the department ran on
    into "某县教育局 实 施 单 位 某县中学" and the implementing unit was empty, with no error."""
    table = _table()
    for row in table:
        row[:] = [label if "".join(cell.split()) == "".join(label.split()) else cell for cell in row]
    form = _form(table, writer)
    assert (form["project_name"], form["department"], form["implementing_unit"]) == ("某某项目", "某县教育局", "某县中学")
    assert (form["total_weight"], form["total_score"]) == (100, 94)


@pytest.mark.parametrize("writer", WRITERS)
def test_goal_and_indicator_header_labels_written_with_spaces(writer):
    """"预 期 目 标", "一 级 指 标": before, flattened text lost the goal block (both goals empty, no error)
    or read the indicator header into the goals."""
    table = _table()
    table[6:6] = [["年度总体目标", "预 期 目 标", "", "", "", "实际完成情况", "", "", ""],
                  ["", "培训学员100人次。", "", "", "", "培训学员95人次。", "", "", ""]]
    table[8][1:3] = ["一 级 指 标", "二\u3000级\u3000指\u3000标"]
    form = _form(table, writer)
    assert (form["goal_expected"], form["goal_actual"]) == ("培训学员100人次。", "培训学员95人次。")
    assert _indicator_cells(form) == _RIGHT_INDICATORS


@pytest.mark.parametrize("writer", TEXT_WRITERS)
def test_a_score_in_brackets_one_cell_per_line_is_reported(writer):
    """"(40)" as the 得分, one cell per line: before, it was taken for a 一级 cell whose name was lost
    ("(50分)"), so the score was dropped with no error. A bracketed number without 分 is no such cell."""
    table = _table()
    table[_SECOND][7] = "(40)"
    form = _form(table, writer)
    assert form["indicators"][1]["score"] is None
    assert any("(40)" in p["message"] for p in _errors(form))
