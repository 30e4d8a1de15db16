"""Readings of real file formats that gave wrong numbers or lost rows with no warning, found by a
review of the table formats after round 20 (heldout/RESULTS.md, section 44): a 总分 row whose 得分 is
blank (or an uncached formula), a 汇总表 after the forms, 小计 rows, a unit written outside the head
("注：金额单位：元", "（人民币元）"), amounts too large for 万元 with no unit, and two forms side by side.
Synthetic tables; each test fails on 63c5916."""

from __future__ import annotations

import pytest

from orchestration.forms import parse_document, to_contract_dict

from .support import render, small_form

_HEAD = small_form.HEAD
_ROWS = small_form.ROWS


def _forms(data: bytes, name: str) -> list[dict]:
    return [to_contract_dict(f) for f in parse_document(data, name).forms]


def _html(table: list[list[str]]) -> bytes:
    return render.to_html([table])


@pytest.mark.parametrize("write, name", [(lambda t: render.to_xlsx([t]), "t.xlsx"), (_html, "t.html")],
                         ids=["xlsx", "html"])
def test_a_total_row_with_a_blank_score_gives_no_score(write, name):
    form = _forms(write(_HEAD + _ROWS + [["总分", "", "", "", "", "", "100", "", ""]]), name)[0]
    assert (form["total_weight"], form["total_score"]) == (100, None)
    assert any("总分行的得分单元格为空" in p["message"] for p in form["problems"])


def test_a_summary_sheet_after_the_forms_is_no_part_of_the_last_form():
    summary = [["2022年度项目支出绩效自评结果汇总表", "", "", "", "", "", "", ""],
               ["序号", "项目名称", "主管部门", "年初预算数", "全年预算数", "全年执行数", "执行率", "自评得分"],
               ["1", "某某项目", "某县教育局", "100", "120", "108", "90%", "94"],
               ["合计", "", "", "150", "180", "138", "76.67%", ""]]
    form_table = _HEAD + _ROWS + [small_form.TOTAL]
    forms = _forms(render.to_xlsx([form_table, summary]), "t.xlsx")
    assert [(f["source"], f["annual_budget"]) for f in forms[-1]["funds"]] == [("total", 120)]
    assert forms[-1]["total_score"] == 94
    assert any("汇总表" in p["message"] for p in forms[-1]["problems"])


@pytest.mark.parametrize("layout", ["xlsx", "flat", "pipe"])
def test_subtotal_rows_are_no_indicators(layout):
    table = _HEAD + _ROWS + [["", "", "小计", "", "", "", "90", "85", ""],
                             ["", "效益指标", "社会效益指标", "就业率", "≥80%", "85%", "10", "10", ""],
                             ["", "", "小计", "", "", "", "10", "10", ""], ["总分", "", "", "", "", "", "100", "95", ""]]
    data = {"xlsx": lambda: render.to_xlsx([table]), "flat": lambda: render.to_flat_text([table]),
            "pipe": lambda: render.to_pipe_rows([table])}[layout]()
    form = _forms(data, "t.xlsx" if layout == "xlsx" else "t.txt")[0]
    assert [i["name"] for i in form["indicators"]] == ["培训人数", "合格率", "就业率"]


@pytest.mark.parametrize("change", [
    lambda t: t.insert(6, ["注：金额单位：元", "", "", "", "", "", "", "", ""]),
    lambda t: t[4].__setitem__(0, "项目资金（人民币元）"),
], ids=["note-below-funds", "renminbi-yuan"])
def test_a_unit_written_outside_the_head_is_the_amounts_unit(change):
    table = [list(row) for row in _HEAD]
    table[4][0] = "项目资金"
    table[5] = ["", "年度资金总额", "1000000", "1200000", "1080000", "10", "90%", "9", ""]
    change(table)
    form = parse_document(_html(table + _ROWS + [small_form.TOTAL]), "t.html").forms[0]
    assert form["amount_unit"] == "元"
    assert form["funds"][0]["annual_budget_wan_yuan"] == 120
    assert [f["source"] for f in form["funds"]] == ["total"]


def test_amounts_too_large_for_wan_yuan_with_no_unit_are_reported():
    table = [list(row) for row in _HEAD]
    table[4][0] = "项目资金"
    table[5] = ["", "年度资金总额", "1000000", "1200000", "1080000", "10", "90%", "9", ""]
    form = _forms(_html(table + _ROWS + [small_form.TOTAL]), "t.html")[0]
    assert form["amount_unit"] == "万元"
    assert any(p["severity"] == "warning" and "可能以元为单位" in p["message"] for p in form["problems"])


def test_two_forms_side_by_side_are_reported():
    left = _HEAD + _ROWS + [small_form.TOTAL]
    right = [[{"某某项目": "乙项目"}.get(text, text) for text in row] for row in left]
    table = [a + [""] + b for a, b in zip(left, right)]
    form = _forms(render.to_xlsx([table]), "t.xlsx")[0]
    assert any("两张表并排" in p["message"] for p in form["problems"])


def test_a_heading_between_the_funds_table_and_the_next_is_no_source_of_funds():
    table = _HEAD[:6] + [["二、年度总体目标完成情况", "", "", "", "", "", "", "", ""]] + _HEAD[6:] + _ROWS + [
        ["总分", "", "", "", "", "", "100", "94", ""]]
    form = _forms(_html(table), "t.html")[0]
    assert [f["source"] for f in form["funds"]] == ["total"]
