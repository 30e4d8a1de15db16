"""Review 29: documents holding several forms, and documents that are not a 项目支出绩效自评表, fuzzed
for silent misreadings (heldout/RESULTS.md, section 44). Generated documents held 2–6 forms of 1–25
indicators (with or without the funds sub-rows, the goal block, the 总分 row, a 自评得分 line),
separated by nothing, blank lines, page lines, a heading or an 附件 line, or an unrelated table, in
every writer; and 部门整体 forms, evaluation-framework scorecards and 绩效目标申报表, alone or beside
real forms. A case was silent when a form was lost, merged or invented, or a contract cell differed
from the truth, with no error-level R-PARSE finding. One test per root cause."""

from __future__ import annotations

import pytest

from orchestration.forms import parse_document, to_contract_dict
from orchestration.forms.document import UNSUPPORTED_TEMPLATE
from orchestration.forms.model import DocumentError

from .support import render, small_form

_FORM = [*small_form.HEAD, *small_form.ROWS, small_form.TOTAL]


_row = small_form.row


WRITERS = render.WRITERS


def _parse(tables: list[list[list[str]]], writer: str) -> list[dict]:
    write, name = WRITERS[writer]
    return parse_document(write(tables), name).forms


_errors = small_form.parse_errors


# A 附表 of departments' budgets between or after the forms, closed by its own 合计 row.
_DEPARTMENT_ANNEX = [_row("附表"), _row("部门", "年初预算数", "全年执行数", "执行率"),
                     _row("某县教育局", "1200", "1100", "91.67%"), _row("合计", "1500", "1390", "92.67%")]


@pytest.mark.parametrize("writer", WRITERS)
def test_a_table_total_after_the_form_total_is_not_the_forms(writer):
    """Flattened text: the 合计 of a 附表 after the form's 总分 was read as a second total row and won
    (总分 1500 / 1390 instead of 100 / 94), with no finding."""
    forms = _parse([_FORM + _DEPARTMENT_ANNEX + _FORM], writer)
    assert len(forms) == 2
    for form in forms:
        contract = to_contract_dict(form)
        assert (contract["total_weight"], contract["total_score"]) == (100, 94), writer
        assert len(contract["funds"]) == 1 and len(contract["indicators"]) == 2


def _department_form(title: str) -> list[list[str]]:
    return [_row(title), _row("(2022年度)"), _row("预算单位名称", "某县林业局"),
            _row("年度预算申请（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
            _row("", "年度资金总额", "4753.66", "4753.66", "3824.26", "10", "80.45%", "8"),
            _row("", "按收入性质分：", "", "", "按支出性质分："),
            _row("", "其中：一般公共预算", "1873.66", "", "其中：基本支出", "1768.16"),
            small_form.HEAD[-1], *small_form.ROWS, small_form.TOTAL]


@pytest.mark.parametrize("writer", WRITERS)
def test_a_whole_unit_form_is_refused_by_name(writer):
    """"单位整体绩效自评表" (a unit's whole-budget form, as "部门整体绩效自评表"): before, not recognised —
    refused only because it names no project, so with a 项目名称 row its numbers were read as a
    project's. It is an unsupported template, alone or beside a real form (which is read)."""
    other = _department_form("某县林业局2022年度单位整体绩效自评表")
    with pytest.raises(DocumentError, match=UNSUPPORTED_TEMPLATE):
        _parse([other], writer)
    forms = _parse([other, _FORM], writer)
    assert [bool(_errors(form)) for form in forms] == [True, False]
    assert any(UNSUPPORTED_TEMPLATE in p["message"] for p in _errors(forms[0]))
    assert to_contract_dict(forms[1])["total_score"] == 94


_NO_TOTAL = [*small_form.HEAD, *small_form.ROWS]
_SUMMARY = [_row("项目绩效自评结果汇总表"), _row("序号", "项目名称", "主管部门", "全年预算数", "全年执行数", "自评得分"),
            _row("1", "农村道路项目", "某县交通局", "120", "108", "94"), _row("合计", "", "", "120", "108", "")]


@pytest.mark.parametrize("writer", WRITERS)
def test_a_summary_table_after_a_form_with_no_total_row(writer):
    """A form with no 总分 row followed by a 汇总表 of the projects (全年预算数 / 全年执行数 columns): in
    tables its projects were read as indicators and its 合计 as the form's total (120 / 108), with no
    error. A header of amount columns under the open indicator rows ends them (the missing 总分 row
is the form's error, as before)."""
    # (text also cuts a form at the 汇总表's title: one with no project, an error)
    forms = [form for form in _parse([_NO_TOTAL + _SUMMARY + _FORM], writer) if form["project_name"]]
    assert len(forms) == 2
    first = to_contract_dict(forms[0])
    assert [i["name"] for i in first["indicators"]][:2] == ["培训人数", "合格率"]
    assert not any(i["name"] in ("1", "农村道路项目", "序号") for i in first["indicators"])
    assert (first["total_weight"], first["total_score"]) == (None, None)
    assert any("总分" in p["message"] for p in _errors(forms[0]))  # no 总分 row: said, as ever
    assert to_contract_dict(forms[1])["total_score"] == 94


@pytest.mark.parametrize("writer", ["flat", "pipe_cells", "pipe_rows", "cells"])
@pytest.mark.parametrize("page_line", ["第 1 页 共 2 页", "- 1 -", "（续表）", "共2页 第1页", "Page 1 of 2", "第1页，共2页"])
def test_a_page_line_inside_the_indicator_rows_of_text(writer, page_line):
    """Text where a page broke inside the indicator table keeps the page's footer or a 续表 mark there:
    before, it was an indicator ("第 1 页 共 2 页" with no numbers; flattened, "第" with target "1"
    and actual "页"), or the next row's cells moved under the wrong columns, with no error."""
    table = [*small_form.HEAD, small_form.ROWS[0], _row(page_line), small_form.ROWS[1], small_form.TOTAL]
    forms = _parse([table, _FORM], writer)
    assert len(forms) == 2
    for form in forms:
        contract = to_contract_dict(form)
        assert [(i["name"], i["target_raw"], i["actual_raw"], i["weight"], i["score"]) for i in contract["indicators"]] == [
            ("培训人数", "100人", "95人", 50, 45), ("合格率", "≥90%", "95%", 40, 40)], writer
        assert (contract["total_weight"], contract["total_score"]) == (100, 94)


@pytest.mark.parametrize("page_line", ["第 1 页 共 2 页", "- 1 -", "1/2", "Page 1 of 2"])
def test_a_page_line_as_a_short_row_of_a_docx_table(page_line):
    """A Word table whose page-footer row is a cell short (its last column left out, w:gridAfter): a
    short row aligns to the right, so the page number was the 一级 label of an empty indicator and of
    the rows below it, with no error."""
    table = [*small_form.HEAD, small_form.ROWS[0], small_form.ROWS[1], small_form.TOTAL]
    rows = []
    for k, cells in enumerate(table):
        if k == len(small_form.HEAD) + 1:
            # its last column left out of the row (Word writes that as w:gridAfter)
            rows.append('<w:tr><w:trPr><w:gridAfter w:val="1"/></w:trPr>'
                        + f"<w:tc>{render._paragraph(page_line)}</w:tc>" + "<w:tc><w:p/></w:tc>" * 7 + "</w:tr>")
        rows.append("<w:tr>" + "".join(f"<w:tc>{render._paragraph(c) if c else '<w:p/>'}</w:tc>" for c in cells) + "</w:tr>")
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{render._W}"><w:body>'
                f'<w:tbl>{"".join(rows)}</w:tbl></w:body></w:document>')
    (form,) = parse_document(render._docx_package(document), "t.docx").forms
    contract = to_contract_dict(form)
    assert [(i["level1"], i["name"], i["target_raw"]) for i in contract["indicators"]] == [
        ("产出指标", "培训人数", "100人"), ("产出指标", "合格率", "≥90%")]


@pytest.mark.parametrize("writer", WRITERS)
def test_a_form_with_no_title_keeps_its_year_row(writer):
    """Forms whose title was lost start at their 项目名称 row; the "(2022年度)" row just above it went
    to the form before (or, before the first form, nowhere): the form's year was reported missing."""
    untitled = [row for row in _FORM if row is not small_form.HEAD[0]]
    untitled_2021 = [_row("(2021年度)") if row is small_form.HEAD[1] else row for row in untitled]
    forms = _parse([untitled + untitled_2021], writer)
    assert [to_contract_dict(form)["report_year"] for form in forms] == [2022, 2021]
    assert not any(_errors(form) for form in forms)


_TARGET_TABLE = [_row("项目支出绩效目标申报表"), _row("(2023年度)"), _row("项目名称", "某某项目"),
                 _row("主管部门", "某县教育局", "", "", "实施单位", "某县中学"),
                 _row("项目资金（万元）", "", "年度资金总额", "120"), _row("年度总体目标", "完成校舍维修1000平方米。"),
                 _row("绩效指标", "一级指标", "二级指标", "三级指标", "指标值"),
                 _row("", "产出指标", "数量指标", "维修面积", "1000平方米"), _row("", "", "质量指标", "验收合格率", "100%")]


@pytest.mark.parametrize("writer", WRITERS)
def test_a_form_with_no_title_after_a_target_declaration(writer):
    """Text skipped a 绩效目标申报表 up to the next title, so a self-assessment right after it whose
    title was lost (starting at its 项目名称) was left out whole, with no error anywhere in the file."""
    untitled = [row for row in _FORM if row is not small_form.HEAD[0]]
    forms = _parse([_TARGET_TABLE + untitled + _FORM], writer)
    read = [to_contract_dict(form) for form in forms if not _errors(form)]
    assert len(read) == 2
    assert all((form["report_year"], form["total_score"], len(form["indicators"])) == (2022, 94, 2) for form in read)


@pytest.mark.parametrize("writer", WRITERS)
def test_a_template_whose_title_is_not_seen_after_a_form_with_no_total(writer):
    """"部门整体支出绩效自评情况表" (no title the parser knows) right after a form with no 总分 row: in
    pipe text its rows ran on as the form's — its goal, its indicators and its 总分 (100 / 96) — with no
    finding. A row naming two amount columns under the open indicator rows ends them."""
    other = _department_form("部门整体支出绩效自评情况表")
    # the form with a 指标性质 column: one cell wider than the template after it
    nature = [row[:4] + ["指标性质" if row[1] == "一级指标" else "定量" if row in small_form.ROWS else ""] + row[4:]
              for row in _NO_TOTAL]
    forms = _parse([nature + other], writer)
    for form in forms:
        contract = to_contract_dict(form)
        if contract["project_name"] == "某某项目" and not _errors(form):
            assert (contract["total_score"], contract["goal_expected"], len(contract["indicators"])) == (None, None, 2)
    assert any(_errors(form) for form in forms)  # the form has no 总分 row of its own


@pytest.mark.parametrize("writer", ["flat", "pipe_rows"])
def test_a_page_fraction_on_a_line_of_its_own(writer):
    """"1/2" alone on a line that is a row (flattened text, a pipe row): the page number of a PDF copy.
    Before: an indicator "1/2" with no values and no error (pipe rows; flattened, in the generator's longer
    forms, it took the next row's name as its target). A "1/2 |" in one-cell-per-line text is left as
    it is (it may be a target)."""
    table = [*small_form.HEAD, small_form.ROWS[0], _row("1/2"), small_form.ROWS[1], small_form.TOTAL]
    (form,) = _parse([table], writer)
    assert [i["name"] for i in to_contract_dict(form)["indicators"]] == ["培训人数", "合格率"]


def test_a_lone_page_number_in_the_first_cell_of_a_pipe_row():
    """"| 2 | | | … |" between two indicator rows (a PDF page's number in a Markdown copy): before, an
    indicator named "2" with no values and no error. Only a pipe row says so: a number alone on a
    flattened line or one cell per line may be a value, and is left as it is."""
    table = [*small_form.HEAD, small_form.ROWS[0], _row("2"), small_form.ROWS[1], small_form.TOTAL]
    (form,) = _parse([table], "pipe_rows")
    assert [i["name"] for i in to_contract_dict(form)["indicators"]] == ["培训人数", "合格率"]
