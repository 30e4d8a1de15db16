"""Review 27: the form's HEAD and TOTAL cells fuzzed for silent misreadings (heldout/RESULTS.md,
section 44). Generated forms varied the title and year lines, the 项目名称 / 主管部门 / 实施单位 labels
and their values, the 年度总体目标 block and the 总分 row, 1–3 forms a file, in every writer of
support/render.py and one cell per line; a case was silent when a contract cell differed from the truth
with no error-level R-PARSE finding. One test per root cause, on a minimal synthetic form run through
every writer where the cause is not bound to one layout; each fails on 45ce9ae in the layouts its
docstring names, but test_a_date_or_a_project_year_is_no_report_year, a guard."""

from __future__ import annotations

import pytest

from .support import render, small_form

_TITLE, _YEAR, _NAME, _INFO, _FUNDS_HEADER, _FUNDS_ROW, _INDICATOR_HEADER = small_form.HEAD
_FUNDS_HEAD = [_FUNDS_HEADER, _FUNDS_ROW]
_BODY = [_INDICATOR_HEADER, *small_form.ROWS, small_form.TOTAL]
WRITERS = render.WRITERS
_forms = small_form.contract_forms
_row = small_form.row
_errors = small_form.parse_errors


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("goal_rows", [
    [_row("年度总体目标", "预期目标", "培训学员100人次。"), _row("", "实际完成情况", "培训学员95人次。")],
    [_row("年度总体目标", "预期目标", "培训学员100人次。", "", "", "实际完成情况", "培训学员95人次。")],
], ids=["a-row-each", "one-row"])
def test_goals_written_after_their_labels(writer, goal_rows):
    """Before: the header's columns placed the 实际完成情况 label as the expected goal (grid) or the
    goal header was not seen at all (text layouts); both goals were lost, with no error."""
    table = [_TITLE, _YEAR, _NAME, _INFO, _FUNDS_HEADER, _FUNDS_ROW, *goal_rows, *_BODY]
    (form,) = _forms(table, writer)
    assert (form["goal_expected"], form["goal_actual"]) == ("培训学员100人次。", "培训学员95人次。")
    assert form["total_score"] == 94 and len(form["indicators"]) == 2


@pytest.mark.parametrize("writer", WRITERS)
def test_a_budget_department_label_names_the_department(writer):
    """"预算部门" (templates that name no 主管部门): before, no header label — the department was
    lost, and in flattened text the project name ran on into "预算部门[219]池州市财政局"."""
    table = [_TITLE, _YEAR, _NAME, _row("预算部门", "[219]池州市财政局", "", "", "实施单位", "某县中学"), *_FUNDS_HEAD, *_BODY]
    (form,) = _forms(table, writer)
    assert (form["project_name"], form["department"], form["implementing_unit"]) == ("某某项目", "[219]池州市财政局", "某县中学")


@pytest.mark.parametrize("writer", WRITERS)
def test_a_label_and_its_value_in_one_cell(writer):
    """"项目名称：某某项目", "主管部门：…", "实施单位：…" each in one cell: before, no label was seen — the
    project name was reported missing, but the department and the unit were lost with no error."""
    table = [_TITLE, _YEAR, _row("项目名称：某某项目"), _row("主管部门：某县教育局", "", "", "", "实施单位：某县中学"),
             *_FUNDS_HEAD, *_BODY]
    (form,) = _forms(table, writer)
    assert (form["project_name"], form["department"], form["implementing_unit"]) == ("某某项目", "某县教育局", "某县中学")
    assert not _errors(form)


@pytest.mark.parametrize("writer", WRITERS)
def test_a_total_row_with_a_blank_score(writer):
    """"总分 | | | | | | 100 | |" (the form not scored yet): in text whose blank cells leave no trace the
    lone 100 read as the 得分 (a form scoring full marks), one cell per line lost it. The 分值 is read
    under its header cell, or as the sum of the form's 分值 (not of its 得分); the blank 得分 is said."""
    table = [*small_form.HEAD, *small_form.ROWS, _row("总分", "", "", "", "", "", "100", "", "")]
    (form,) = _forms(table, writer)
    assert (form["total_weight"], form["total_score"]) == (100, None)
    assert any(p["subject"] == "总分" and "得分" in p["message"] for p in form["problems"])
    scored = [*small_form.HEAD, *small_form.ROWS, _row("总分", "", "", "", "", "", "", "94", "")]
    (form,) = _forms(scored, writer)
    assert (form["total_weight"], form["total_score"]) == (None, 94)  # a lone number that is no 分值 sum: the 得分


def test_a_value_in_its_label_cell_wrapped_onto_the_next_line():
    """Flattened text: "主管部门：某县\\n教育局" (the cell's text wrapped): before, the department was "某县"
    and the rest of it no field's, with no error."""
    table = [_TITLE, _YEAR, _NAME, _row("主管部门：某县\n教育局", "", "", "", "实施单位：某县第2\n中学"), *_FUNDS_HEAD, *_BODY]
    (form,) = _forms(table, "flat")
    assert (form["department"].split(), form["implementing_unit"].split()) == (["某县", "教育局"], ["某县第2", "中学"])


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("year_rows", [[_row("项目支出绩效自评表"), _row("年度：2022")],
                                       [_row("项目支出绩效自评表"), _row("报告年度：2022年")],
                                       [_row("项目支出绩效自评表"), _row("2022年度")],
                                       [_row("2022年项目支出绩效自评表")]],
                         ids=["label", "report-year-label", "bare-line", "title-with-nian"])
def test_a_report_year_written_without_brackets(writer, year_rows):
    """Before: no "(2022年度)", no year (reported missing, the form quarantined)."""
    table = [*year_rows, _row("填报日期：2023年3月1日"), _NAME, _INFO, *_FUNDS_HEAD, *_BODY]
    (form,) = _forms(table, writer)
    assert form["report_year"] == 2022 and not _errors(form)


@pytest.mark.parametrize("writer", ["xlsx", "flat", "cells"])
def test_a_date_or_a_project_year_is_no_report_year(writer):
    table = [_row("2021年农村道路项目支出绩效自评表"), _row("填报日期：2023年3月1日"), _row("评价时间2023年"),
             _row("项目名称", "2021年农村道路项目"), _INFO, *_FUNDS_HEAD, *_BODY]
    (form,) = _forms(table, writer)
    assert form["report_year"] is None and any("报告年度" in p["message"] for p in _errors(form))


@pytest.mark.parametrize("writer", WRITERS)
def test_the_score_stated_under_a_table_with_no_total_row(writer):
    """"自评得分：94分" on a row of its own where the 总分 row would be: before, a made-up indicator
    (text layouts) or a dropped note (grid), and the form reported with no 总分."""
    table = [*small_form.HEAD, *small_form.ROWS, _row("自评得分：94分"), _row("", "", "", "", "", "", "填报日期：2023年3月1日")]
    (form,) = _forms(table, writer)
    assert (form["total_weight"], form["total_score"]) == (None, 94) and len(form["indicators"]) == 2
    assert not _errors(form)


@pytest.mark.parametrize("label", ["总 分", "合 计"])
def test_a_total_label_spaced_out_in_flattened_text(label):
    """"总 分 100 94": before, "总" opened an indicator row and the total was reported missing."""
    table = [*small_form.HEAD, *small_form.ROWS, _row(label, "", "", "", "", "", "100", "94")]
    (form,) = _forms(table, "flat")
    assert (form["total_weight"], form["total_score"]) == (100, 94) and len(form["indicators"]) == 2
    assert not _errors(form)


@pytest.mark.parametrize("writer", WRITERS)
def test_a_total_row_written_in_one_cell(writer):
    """"总分 100 94" in one cell: before, a note left out (grid) or a made-up indicator (pipe), the
    total reported missing; with "自评得分：94分" below it, the 分值 was lost with no error."""
    table = [*small_form.HEAD, *small_form.ROWS, _row("总分 100 94"), _row("自评得分：94分")]
    (form,) = _forms(table, writer)
    assert (form["total_weight"], form["total_score"]) == (100, 94) and len(form["indicators"]) == 2
    assert not _errors(form)


@pytest.mark.parametrize("writer", WRITERS)
def test_goals_after_their_labels_with_no_section_word(writer):
    """"预期目标 | 目标" and "实际完成情况 | 完成情况" with no 年度总体目标 word: before, two made-up
    sources of funds ("other:预期目标") in table files, and both goals lost everywhere, with no error."""
    table = [_TITLE, _YEAR, _NAME, _INFO, *_FUNDS_HEAD, _row("预期目标", "培训学员100人次。"),
             _row("实际完成情况", "培训学员95人次。"), *_BODY]
    (form,) = _forms(table, writer)
    assert (form["goal_expected"], form["goal_actual"]) == ("培训学员100人次。", "培训学员95人次。")
    assert [f["source"] for f in form["funds"]] == ["total"]


@pytest.mark.parametrize("writer", ["xlsx", "xls", "docx", "html"])
def test_a_goal_label_with_a_blank_text_is_no_goal_text(writer):
    """"| 实际完成情况 | |" (the actual goal not filled in) under "年度总体目标 | 预期目标 | 目标": before,
    read under the header's columns, the label itself was appended to the expected goal."""
    table = [_TITLE, _YEAR, _NAME, _INFO, *_FUNDS_HEAD, _row("年度总体目标", "预期目标", "培训学员100人次。"),
             _row("", "实际完成情况", ""), *_BODY]
    (form,) = _forms(table, writer)
    assert (form["goal_expected"], form["goal_actual"]) == ("培训学员100人次。", None)


@pytest.mark.parametrize("writer", WRITERS)
def test_a_blank_value_before_a_label_with_its_value_in_one_cell(writer):
    """"主管部门： | | | | 实施单位：某县中学": before, the blank department took the next label's cell
    ("实施单位：某县中学") in table files, with no error."""
    table = [_TITLE, _YEAR, _NAME, _row("主管部门：", "", "", "", "实施单位：某县中学"), *_FUNDS_HEAD, *_BODY]
    (form,) = _forms(table, writer)
    assert (form["department"], form["implementing_unit"]) == (None, "某县中学")


def test_a_numbered_goal_list_with_the_actual_goal_blank_in_flattened_text():
    """"1.培训…；\\n2.建设…。" under 预期目标 with the actual goal's cell blank: before, the list's two
    items were read as the two goals (a made-up actual goal)."""
    table = [_TITLE, _YEAR, _NAME, _INFO, *_FUNDS_HEAD, _row("年度总体目标", "预期目标", "", "", "", "实际完成情况"),
             _row("", "1.培训100人次；\n2.建设3个站点。"), *_BODY]
    (form,) = _forms(table, "flat")
    assert (form["goal_expected"], form["goal_actual"]) == ("1.培训100人次；\n2.建设3个站点。", None)


@pytest.mark.parametrize("writer", WRITERS)
def test_a_bracketed_year_inside_the_project_name_of_the_title(writer):
    """"农村道路建设(2021年)项目项目支出绩效自评表" over "(2022年度)": before, the project's year in the title
    was the report year (2021), with no error. A bracket followed by the form's name still dates the form."""
    name = "农村道路建设(2021年)项目"
    table = [_row(f"{name}项目支出绩效自评表"), _YEAR, _row("项目名称", name), _INFO, *_FUNDS_HEAD, *_BODY]
    (form,) = _forms(table, writer)
    assert (form["report_year"], form["project_name"]) == (2022, name)
    table = [_row("某某项目(2022年度)项目支出绩效自评表"), _NAME, _INFO, *_FUNDS_HEAD, *_BODY]
    (form,) = _forms(table, writer)
    assert form["report_year"] == 2022


def test_one_cell_per_line_a_cell_that_keeps_its_line_break_is_one_cell():
    """"培训学员100人次；\\n合格率95%。 |": the cell's first line has no "|" of its own. Before, it was a
    cell of its own: every cell after it stood one column off (the unit and the goals shifted, or an
    indicator named after a goal), with no error."""
    goals = [_row("年度总体目标", "预期目标", "", "", "", "实际完成情况"),
             _row("", "1.培训学员100人次；\n2.合格率90%。", "", "", "", "1.培训学员95人次；\n2.合格率95%。")]
    info = _row("主管部门", "某县\n教育局", "", "", "实施单位", "某县中学")
    table = [_TITLE, _YEAR, _NAME, info, _FUNDS_HEADER, _FUNDS_ROW, *goals, *_BODY]
    (form,) = _forms(table, "cells")
    assert (form["department"], form["implementing_unit"]) == ("某县\n教育局", "某县中学")
    assert form["goal_expected"] == "1.培训学员100人次；\n2.合格率90%。"
    assert form["goal_actual"] == "1.培训学员95人次；\n2.合格率95%。"
    assert [i["name"] for i in form["indicators"]] == ["培训人数", "合格率"]


@pytest.mark.parametrize("total", [["总分 100 94"], ["总分", "", "", "", "", "", "100", "94"]], ids=["one-cell", "row"])
def test_one_cell_per_line_a_note_before_a_total_in_one_cell_stays_the_note(total):
    """"受疫情影响，部分工作延期。 |" then "总分 100 94 |": the rows end at the total written in one cell.
    Before, the note opened a made-up indicator and was lost as the note, with no error."""
    rows = [_row("", "产出指标", "数量指标", "培训人数", "100人", "95人", "50", "45", "受疫情影响，部分工作延期。"),
            _row("", "", "质量指标", "合格率", "≥90%", "95%", "40", "40", "受疫情影响，部分工作延期。")]
    table = [*small_form.HEAD, *rows, _row(*total)]
    (form,) = _forms(table, "cells")
    assert [(i["name"], i["deviation_note"]) for i in form["indicators"]] == [
        ("培训人数", "受疫情影响，部分工作延期。"), ("合格率", "受疫情影响，部分工作延期。")]
    assert (form["total_weight"], form["total_score"]) == (100, 94)
