"""Review 28: the FUNDS block's numbers — the money unit, the 执行率 and the funds 分值/得分 — fuzzed for
silent misreadings in every writer (heldout/RESULTS.md, section 44). Generated forms varied where the
unit is stated (funds header cell, a line above or beside the title, each column's header, a cell of its
own, a note under the table), 元 amounts with thousands separators, 万元 amounts with 2–6 decimals,
amounts carrying their own unit, unit words inside names, the rate as "98.74%" / "98.74" / "0.9874" /
"1.06" / blank / "/", above 100 % or disagreeing with the amounts, and the funds columns of several
templates; a case was silent when a contract cell differed from the truth with no error-level R-PARSE
finding. One test per root cause; each fails on baf2e5d, but two guards of this review's own readings:
test_a_flattened_total_row_with_a_small_score_the_amounts_give_is_not_reported and
test_a_rate_borne_out_by_chance_does_not_make_the_score_the_blank_cell."""

from __future__ import annotations

import pytest

from orchestration.forms import parse_document, to_contract_dict

from .support import render, small_form

_TITLE, _YEAR, _NAME, _INFO, _FUNDS_HEADER, _FUNDS_ROW, _INDICATOR_HEADER = small_form.HEAD
_BODY = [_INDICATOR_HEADER, *small_form.ROWS, small_form.TOTAL]
WRITERS = render.WRITERS
_forms = small_form.contract_forms
_row = small_form.row
_errors = small_form.parse_errors


def _table(funds_header: list[str], fund_rows: list[list[str]], above=(), below=()) -> list[list[str]]:
    return [_TITLE, _YEAR, *above, _NAME, _INFO, funds_header, *fund_rows, *_BODY, *below]


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("written, amounts", [
    ("1.06", ("100", "100", "106")),
    ("1.2500", ("80", "80", "100")),
], ids=["1.06", "1.2500"])
def test_a_fraction_rate_above_one_is_no_percent_when_the_amounts_say_so(writer, written, amounts):
    """Templates that write the rate as a fraction ("0.9874") write an overspent budget as "1.06":
    before, any plain number above 1 was a percent — 1.06 %, a rate 100 times too small, no finding."""
    header = _row("项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
    table = _table(header, [_row("", "年度资金总额", *amounts, "10", written, "10")])
    (form,) = _forms(table, writer)
    assert form["funds"][0]["execution_rate"] == pytest.approx(float(written))
    assert form["funds"][0]["executed"] == float(amounts[2])


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("written, rate", [("0.20", 0.002), ("1.0600", 1.06)], ids=["0.20-percent", "1.0600-fraction"])
def test_a_plain_rate_is_weighed_against_the_initial_budget_when_the_form_has_no_annual_one(writer, written, rate):
    """济南-style funds (年初预算数(A) 全年执行数(B) 执行率(B/A)): no 全年预算数 column, so the amounts that
    decide whether a plain rate is a fraction or a percent are the 年初预算数 and the 执行数; before,
    without an annual budget the rate was never weighed (0.20 read as 20 %, not 0.2 %)."""
    executed = "1" if written == "0.20" else "530"
    header = _row("项目资金（万元）", "", "年初预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分")
    table = _table(header, [_row("", "年度资金总额", "500", executed, "10", written, "10")])
    (form,) = _forms(table, writer)
    assert form["funds"][0]["execution_rate"] == pytest.approx(rate)
    assert form["funds"][0]["annual_budget"] is None and form["funds"][0]["initial_budget"] == 500


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("note", ["注：本表金额单位：元", "说明：单位：元", "注：金额单位：元"])
def test_a_unit_note_under_the_table_in_other_words(writer, note):
    """"说明：单位：元" or "注：本表金额单位：元" under the table: before, only "注：金额单位" and "单位" opened
    a unit note — the 元 amounts were read as 万元 (10,000 times too large), with a warning at most."""
    header = _row("项目资金", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
    table = _table(header, [_row("", "年度资金总额", "1,000,000.00", "1,200,000.00", "1,080,000.00", "10", "90%", "9")],
                   below=[_row(note)])
    (form,) = _forms(table, writer)
    assert form["amount_unit"] == "元"
    assert form["funds"][0]["executed_wan_yuan"] == 108


@pytest.mark.parametrize("writer", WRITERS)
def test_an_amount_with_its_own_unit_waits_for_the_unit_the_form_declares_below(writer):
    """An amount written with its unit ("108万元") in a form that states its own unit only in a note under
    the table: before, the cell's unit became the form's and the note was ignored — every plain amount in
    元 read as 万元, 10,000 times too large, with no finding."""
    header = _row("项目资金", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
    table = _table(header, [_row("", "年度资金总额", "1000000", "1200000", "108万元", "10", "90%", "9")],
                   below=[_row("注：金额单位：元")])
    (form,) = _forms(table, writer)
    fund = form["funds"][0]
    assert form["amount_unit"] == "元"
    assert (fund["initial_budget_wan_yuan"], fund["annual_budget_wan_yuan"], fund["executed_wan_yuan"]) == (100, 120, 108)
    assert fund["executed"] == 1080000


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("label", ["本级安排", "单位自筹"])
def test_a_funds_source_no_vocabulary_knows_keeps_its_row_in_text(writer, label):
    """A source row whose label names no known source and holds no 资金/拨款/补助 ("本级安排"): before,
    flattened and one-cell-per-line text saw no row label — the row was lost and its numbers ran on into
    the row above, with no finding."""
    header = _row("项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
    rows = [_row("", "年度资金总额", "100", "120", "108", "10", "90%", "9"), _row("", label, "100", "120", "108", "—", "90%", "")]
    (form,) = _forms(_table(header, rows), writer)
    assert [(f["source"], f["executed"], f["execution_rate"]) for f in form["funds"]] == [
        ("total", 108, 0.9), (f"other:{label}", 108, 0.9)]
    assert form["funds"][0]["score"] == 9


@pytest.mark.parametrize("rate", ["110.60", "99.63", "1"])
def test_a_flattened_source_row_s_one_number_after_its_amounts_is_the_rate_the_amounts_give(rate):
    """Flattened text loses blank cells: "上级补助 234.49 234.49 259.35 110.60 —" under 分值 执行率 得分. Before,
    the number after the amounts was the 分值 (110.6 points) or, after a mark, the 得分; the amounts bear
    it out as the 执行率 (over budget included), so it is that."""
    executed = {"110.60": "259.35", "99.63": "233.62", "1": "234.49"}[rate]
    header = _row("项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
    rows = [_row("", "年度资金总额", "234.49", "234.49", executed, "10", rate, "10"),
            _row("", "上级补助", "234.49", "234.49", executed, "", rate, "—"),
            _row("", "本级安排", "234.49", "234.49", executed, "—", rate, "")]
    (form,) = _forms(_table(header, rows), "flat")
    expected = float(rate) / 100 if rate != "1" else 1.0
    for fund in form["funds"][1:]:
        assert (fund["weight"], fund["execution_rate"], fund["score"]) == (None, pytest.approx(expected), None)


def test_a_flattened_total_row_with_a_blank_score_keeps_its_rate():
    """"年度资金总额 5098 5098 2727.47 10 0.5350" with the 得分 left blank: before, one cell short and no
    "%" made the rate the missing cell — 0.535 became the 得分 and the rate was lost, with no finding.
    The amounts give 53.5 %, so the last number is the rate."""
    header = _row("项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
    (form,) = _forms(_table(header, [_row("", "年度资金总额", "5098", "5098", "2727.47", "10", "0.5350", "")]), "flat")
    fund = form["funds"][0]
    assert (fund["weight"], fund["execution_rate"], fund["score"]) == (10, 0.535, None)


@pytest.mark.parametrize("writer", WRITERS)
def test_a_plain_rate_is_weighed_after_amounts_with_their_own_unit_are_converted(writer):
    """A source row "3771.99 | 3771.99 | 37700元 | | 0.10" in a form whose unit note stands under the table:
    the rate was weighed while 37700 was still in 元 against budgets in 万元, so "0.10" (0.1 %, as the
    converted amounts say) was read as 10 %."""
    header = _row("项目资金", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
    rows = [_row("", "年度资金总额", "3771.99", "3771.99", "3.77", "10", "0.10", "0.01"),
            _row("", "其中：财政资金", "3771.99", "3771.99", "37700元", "—", "0.10", "—")]
    (form,) = _forms(_table(header, rows, below=[_row("说明：单位：万元")]), writer)
    assert form["amount_unit"] == "万元"
    assert [f["execution_rate"] for f in form["funds"]] == [pytest.approx(0.001), pytest.approx(0.001)]
    assert form["funds"][1]["executed"] == pytest.approx(3.77)


@pytest.mark.parametrize("writer", ["pipe_cells", "pipe_rows", "cells", "xlsx", "html"])
def test_amounts_grouped_with_spaces_in_pipe_text(writer):
    """"1 386 400" (thousands grouped by spaces, which the contract reads as 1386400) in a cell of pipe text:
    before, no value to the funds reader — a row label ("other:1386400") that took the rest of the row's
    numbers, or a lost amount, with no finding."""
    header = _row("项目资金（元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
    rows = [_row("", "年度资金总额", "1 000 000", "1 200 000", "1 080 000", "10", "90%", "9"),
            _row("", "其中：财政拨款", "1 000 000", "1 200 000", "1 080 000", "—", "90%", "—")]
    (form,) = _forms(_table(header, rows), writer)
    assert [(f["source"], f["annual_budget"], f["executed"], f["execution_rate"]) for f in form["funds"]] == [
        ("total", 1200000, 1080000, 0.9), ("appropriation", 1200000, 1080000, 0.9)]


def test_a_flattened_funds_row_with_more_numbers_than_columns_is_read_by_its_rate():
    """Flattened, "其中：财政拨款 1 000 000 1 200 000 1 080 000 — 90% —" is nine numbers under six columns (a
    number grouped by spaces): before, the first six were taken (年初预算数 1, 全年预算数 0, …) and the rest
    dropped with no finding. One joining of the numbers gives amounts the 90 % bears out, and that one is
    read (review 30); a row that no joining bears out is reported (test_forms_review30.py)."""
    header = _row("项目资金（元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
    rows = [_row("", "年度资金总额", "1000000", "1200000", "1080000", "10", "90%", "9"),
            _row("", "其中：财政拨款", "1 000 000", "1 200 000", "1 080 000", "—", "90%", "—")]
    (form,) = _forms(_table(header, rows), "flat")
    assert [(f["initial_budget"], f["annual_budget"], f["executed"], f["execution_rate"]) for f in form["funds"]] == [
        (1000000, 1200000, 1080000, 0.9)] * 2
    assert not _errors(form)


def test_a_source_row_keeps_its_score_mark_when_its_number_is_the_rate_the_amounts_give():
    """Flattened, 济南 columns, the total row's 得分 blank: "上年结转资金 489.29 489.29 1 —". Before, the total
    row's blank 得分 dropped that column for the source rows, so "1" was the 分值 and "—" the rate; the
    amounts give 1 as the rate (100 %), so the mark after it is the 得分's."""
    header = _row("项目资金(万元)", "", "年初预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分")
    rows = [_row("", "年度资金总额", "815.48", "815.48", "10.00", "1", ""), _row("", "上年结转资金", "489.29", "489.29", "", "1", "—")]
    (form,) = _forms(_table(header, rows), "flat")
    fund = form["funds"][1]
    assert (fund["source"], fund["weight"], fund["execution_rate"], fund["score"]) == ("carryover", None, 1.0, None)


def test_a_flattened_total_row_whose_last_number_may_be_a_fraction_rate_is_reported():
    """"年度资金总额 525 568.26 441.54 10 0.6880" with the 得分 blank and a rate the amounts do not give (77.7 %):
    before, read silently with the rate blank and 0.688 as the 得分. A 得分 of at most 1.5 that the amounts
    do not give as a score may be the rate written as a fraction: the row is reported."""
    header = _row("项目资金", "", "年初预算数", "调整后预算数", "预算执行数", "分值", "执行率", "得分")
    (form,) = _forms(_table(header, [_row("", "年度资金总额", "525", "568.26", "441.54", "10", "0.6880", "")]), "flat")
    assert any("小数写的执行率" in p["message"] for p in _errors(form))


def test_a_flattened_total_row_with_a_small_score_the_amounts_give_is_not_reported():
    """The guard of the report above: "1000 1000 80 10 0.8" — 8 % executed, 0.8 points, as the amounts give."""
    header = _row("项目资金", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
    (form,) = _forms(_table(header, [_row("", "年度资金总额", "1000", "1000", "80", "10", "", "0.8")]), "flat")
    fund = form["funds"][0]
    assert (fund["weight"], fund["execution_rate"], fund["score"]) == (10, None, 0.8) and not _errors(form)


def _two_forms(writer: str, one_table: bool) -> list[dict]:
    header = _row("项目资金", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
    first = [_TITLE, _YEAR, _NAME, _INFO, header, _row("", "年度资金总额", "100", "120", "108", "10", "90%", "9"), *_BODY]
    second = [_row("单位：元"), _TITLE, _YEAR, _NAME, _INFO, header,
              _row("", "年度资金总额", "1000000", "1200000", "1080000", "10", "90%", "9"), *_BODY]
    write, name = WRITERS[writer]
    data = write([first + second] if one_table else [first, second])
    return [to_contract_dict(form) for form in parse_document(data, name).forms]


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("one_table", [True, False], ids=["one-table", "two-tables"])
def test_a_unit_line_above_a_form_s_title_is_that_form_s(writer, one_table):
    """Two forms in a file, the second headed by "单位：元" above its title: before, the line was the end of
    the first form — the first form's 万元 amounts read as 元 and the second's 元 amounts as 万元, both
    10,000 times off, with no finding (text layouts read it so since this review's unit notes)."""
    first, second = _two_forms(writer, one_table)
    assert (first["amount_unit"], second["amount_unit"]) == ("万元", "元")
    assert first["funds"][0]["executed_wan_yuan"] == second["funds"][0]["executed_wan_yuan"] == 108


@pytest.mark.parametrize("writer", WRITERS)
def test_a_unit_line_above_the_first_form_s_title(writer):
    """"单位：元" above the only form's title: before, rows above the first title were no form's."""
    header = _row("项目资金", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
    table = [_row("单位：元"), _TITLE, _YEAR, _NAME, _INFO, header,
             _row("", "年度资金总额", "1000000", "1200000", "1080000", "10", "90%", "9"), *_BODY]
    (form,) = _forms(table, writer)
    assert form["amount_unit"] == "元" and form["funds"][0]["executed_wan_yuan"] == 108


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("unit", ["单位：元", "（单位：元）"])
def test_a_unit_in_a_cell_of_its_own_on_the_info_row(writer, unit):
    """"主管部门 | … | 实施单位 | … | 单位：元": before, in table files the info row's cells were read as labels
    and values only — the unit was lost (元 amounts read as 万元, 10,000 times too large) — and, flattened,
    "（单位：元）" ran on into the 实施单位 (the other text layouts read it already)."""
    header = _row("项目资金", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
    table = [_TITLE, _YEAR, _NAME, _row("主管部门", "某县教育局", "", "", "实施单位", "某县中学", "", unit), header,
             _row("", "年度资金总额", "1000000", "1200000", "1080000", "10", "90%", "9"), *_BODY]
    (form,) = _forms(table, writer)
    assert (form["amount_unit"], form["implementing_unit"], form["funds"][0]["executed_wan_yuan"]) == ("元", "某县中学", 108)


@pytest.mark.parametrize("writer", WRITERS)
def test_a_bracketed_unit_line_above_the_title(writer):
    """"（单位：元）" above the title: before, a bracket opening the line kept it from being a unit line."""
    header = _row("项目资金", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
    table = [_row("（单位：元）"), _TITLE, _YEAR, _NAME, _INFO, header,
             _row("", "年度资金总额", "1000000", "1200000", "1080000", "10", "90%", "9"), *_BODY]
    (form,) = _forms(table, writer)
    assert form["amount_unit"] == "元" and form["funds"][0]["executed_wan_yuan"] == 108


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("header_cell, above, unit, executed_wan_yuan", [
    ("项目资金（千元）", None, "千元", 108), ("项目资金", "单位：千元", "千元", 108), ("项目资金（亿元）", None, "亿元", 10800000),
], ids=["千元-header", "千元-line", "亿元-header"])
def test_thousands_and_hundred_millions_of_yuan_are_units(writer, header_cell, above, unit, executed_wan_yuan):
    """"项目资金（千元）", "单位：千元", "（亿元）": the amounts module knows 千元 and 亿元, but no unit pattern
    did — the amounts were read as 万元 (10 times too large, or 10,000 times too small), with no finding."""
    header = _row(header_cell, "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
    table = _table(header, [_row("", "年度资金总额", "1000", "1200", "1080", "10", "90%", "9")],
                   above=[_row(above)] if above else ())
    (form,) = _forms(table, writer)
    assert form["amount_unit"] == unit and form["funds"][0]["executed_wan_yuan"] == executed_wan_yuan


@pytest.mark.parametrize("cells", [("0", "300", "10", "1.01", "3"), ("0", "100", "10", "1.01", "0")])
def test_a_rate_borne_out_by_chance_does_not_make_the_score_the_blank_cell(cells):
    """The guard of the blank-得分 reading above (found by test_forms_roundtrip): "年度资金总额 0 300 10 1.01 3"
    with the 年初预算数 blank — read with the 得分 blank, "3" is within half a percent of 10/300 by chance;
    the row is read with the 年初预算数 blank (1.01 the rate) or reported, never silently otherwise."""
    header = _row("项目资金（元）", "", "年初预算数", "调整后预算数", "预算执行数", "权重", "预算执行率", "得分")
    (form,) = _forms(_table(header, [_row("", "年度资金总额", "", *cells)]), "flat")
    fund = form["funds"][0]
    assert (fund["annual_budget"], fund["executed"], fund["weight"]) == (0, float(cells[1]), 10) or _errors(form)
