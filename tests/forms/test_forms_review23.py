"""Silent misreadings found by a differential fuzz of template variants after round 20
(heldout/RESULTS.md, section 44): generated forms with reordered and extra indicator columns, label
synonyms and funds variants, written in every layout, compared with their truth. Each test here is
one root cause, on a minimal synthetic text; each fails on 736af43."""

from __future__ import annotations

import pytest

from orchestration.forms import parse_document, to_contract_dict

_FLAT = ("项目支出绩效自评表\n(2022年度)\n项目名称 某某项目\n项目资金(万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
         "年度资金总额 100 120 108 10 90% 9\n")
_PIPE = ("| 项目支出绩效自评表 | | | | | | | |\n| (2022年度) | | | | | | | |\n| 项目名称 | 某某项目 | | | | | | |\n"
         "| 项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | |\n| 年度资金总额 | 100 | 120 | 108 | 10 | 90% | 9 | |\n")
_HEAD_ROWS = [["项目支出绩效自评表"], ["(2022年度)"], ["项目名称", "某某项目"],
              ["项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
              ["年度资金总额", "100", "120", "108", "10", "90%", "9"]]


def _cells(rows: list[list[str]]) -> str:
    """One cell per line, a blank cell as a lone "|" (as search engines store a table)."""
    return "\n".join((f"{c} |" if c else "|") for row in rows for c in row) + "\n"


def _form(text: str) -> dict:
    return to_contract_dict(parse_document(text.encode(), "t.txt").forms[0])


def _rows(form: dict) -> list[tuple]:
    return [(i["name"], i["target_raw"], i["actual_raw"], i["weight"], i["score"], i["deviation_note"])
            for i in form["indicators"]]


_UNIT_ROWS = [("培训人数", "≥100人", "95人", 50, 45, None), ("合格率", "≥90%", "95%", 40, 40, None)]


@pytest.mark.parametrize("text", [
    _FLAT + "一级指标 二级指标 三级指标 年度指标值 度量单位 实际完成值 分值 得分\n"
            "产出指标 数量指标 培训人数 ≥100 人 95人 50 45\n质量指标 合格率 ≥90 % 95% 40 40\n总分 100 94\n",
    _PIPE + "| 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 实际完成值 | 分值 | 得分 |\n"
            "| 产出指标 | 数量指标 | 培训人数 | ≥ | 100 | 人 | 95人 | 50 | 45 |\n"
            "| | 质量指标 | 合格率 | ≥ | 90 | % | 95% | 40 | 40 |\n| 总分 | | | | | | | 100 | 94 |\n",
    _cells(_HEAD_ROWS + [["一级指标", "二级指标", "三级指标", "年度指标值", "度量单位", "实际完成值", "分值", "得分"],
                         ["产出指标", "数量指标", "培训人数", "≥100", "人", "95人", "50", "45"],
                         ["", "质量指标", "合格率", "≥90", "%", "95%", "40", "40"], ["总分", "", "", "", "", "", "100", "94"]]),
], ids=["flat", "pipe-nature-column", "cell-per-line"])
def test_a_target_with_its_comparator_takes_its_unit_cell(text):
    rows = _rows(_form(text))
    assert [(name, target.replace(" ", ""), *rest) for name, target, *rest in rows] == _UNIT_ROWS


def test_a_text_target_leaves_its_blank_unit_cell_behind():
    text = _cells(_HEAD_ROWS + [["一级指标", "二级指标", "三级指标", "年度指标值", "度量单位", "实际完成值", "分值", "得分"],
                                ["产出指标", "数量指标", "培训人数", "100", "人", "95人", "50", "45"],
                                ["效益指标", "社会效益指标", "群众满意度", "有效提升", "", "有效提升", "40", "40"],
                                ["总分", "", "", "", "", "", "100", "94"]])
    assert _rows(_form(text))[1] == ("群众满意度", "有效提升", "有效提升", 40, 40, None)


def test_a_pipe_row_with_a_completion_rate_column_keeps_its_short_note():
    text = (_PIPE + "| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 完成率 | 分值 | 得分 | 偏差原因分析及改进措施 |\n"
            "| | 产出指标 | 数量指标 | 培训人数 | 100人 | 95人 | 95% | 50 | 45 | 部分学员未到 |\n"
            "| | | | 培训场次 | 10场 | 10场 | 100% | 40 | 40 | |\n| 总分 | | | | | | | 100 | 94 | |\n")
    assert _rows(_form(text)) == [("培训人数", "100人", "95人", 50, 45, "部分学员未到"),
                                  ("培训场次", "10场", "10场", 40, 40, None)]


def test_a_compact_pipe_total_padded_to_the_table_width():
    text = (_PIPE + "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
            "| 产出指标 | 数量指标 | 培训人数 | 100人 | 95人 | 50 | 45 |\n| 总分 | 100 | 94 | | | | |\n")
    form = _form(text)
    assert (form["total_weight"], form["total_score"]) == (100, 94)


@pytest.mark.parametrize("header, total", [("年度指标值 实际完成值 得分 分值", "总分 94 100"),
                                           ("年度指标值 实际完成值 分值 得分 扣减分数 偏差原因分析及改进措施", "总分 100 94 6")],
                         ids=["score-before-weight", "deduction-after-score"])
def test_total_numbers_in_the_header_order(header, total):
    rows = ("产出指标 数量指标 培训人数 100人 95人 45 50\n" if "得分 分值" in header
            else "产出指标 数量指标 培训人数 100人 95人 50 45 5 部分学员未到\n")
    form = _form(_FLAT + f"一级指标 二级指标 三级指标 {header}\n" + rows + total + "\n")
    assert (form["total_weight"], form["total_score"]) == (100, 94)
    assert _rows(form)[0][3:5] == (50, 45)


def test_a_sub_row_with_a_blank_initial_budget_and_a_placeholder_weight_before_its_rate():
    text = (_FLAT + "其中：当年财政拨款 120 108 — 90% —\n一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n"
            "产出指标 数量指标 培训人数 100人 95人 90 85\n总分 100 94\n")
    funds = _form(text)["funds"]
    assert [(f["initial_budget"], f["annual_budget"], f["executed"], f["execution_rate"]) for f in funds] == [
        (100, 120, 108, 0.9), (None, 120, 108, 0.9)]


@pytest.mark.parametrize("text", [
    _FLAT + "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 备注\n"
            "产出指标 数量指标 培训人数 100人 95人 50 45 部分学员未到\n质量指标 合格率 ≥90% 95% 40 40\n总分 100 94\n",
    _PIPE + "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 | 备注 |\n"
            "| 产出指标 | 数量指标 | 培训人数 | 100人 | 95人 | 50 | 45 | 部分学员未到 | |\n"
            "| | 质量指标 | 合格率 | ≥90% | 95% | 40 | 40 | | |\n| 总分 | | | | | 100 | 94 | | |\n",
], ids=["flat", "pipe"])
def test_a_remarks_column_closing_the_header_keeps_the_table(text):
    assert [row[:5] for row in _rows(_form(text))] == [("培训人数", "100人", "95人", 50, 45),
                                                       ("合格率", "≥90%", "95%", 40, 40)]


def test_a_note_column_before_the_numbers_is_read_line_by_line():
    text = (_FLAT + "一级指标 二级指标 三级指标 年度指标值 实际完成值 偏差原因分析及改进措施 分值 得分\n"
            "产出指标 数量指标 培训人数 100人 95人 受疫情影响，部分培训延期。 50 45\n质量指标 合格率 ≥90% 95% 无 40 40\n"
            "质量指标 完成率 ≥90% 95% 40 40\n总分 100 94\n")
    form = _form(text)
    assert _rows(form) == [("培训人数", "100人", "95人", 50, 45, "受疫情影响，部分培训延期。"),
                           ("合格率", "≥90%", "95%", 40, 40, "无"), ("完成率", None, None, None, None, None)]
    assert any(p["subject"] == "完成率" and "列序特殊" in p["message"] for p in form["problems"])


def test_weights_written_as_percentages_before_the_target():
    text = (_FLAT + "一级指标 二级指标 三级指标 权重(%) 年度指标值 实际完成值 得分\n"
            "产出指标 数量指标 培训人数 50% 100人 95人 45\n质量指标 合格率 40% ≥90% 95% 40\n总分 100 94\n")
    assert [row[:5] for row in _rows(_form(text))] == [("培训人数", "100人", "95人", 50, 45),
                                                       ("合格率", "≥90%", "95%", 40, 40)]


def test_one_cell_per_line_rows_under_a_weight_first_header_with_a_scoring_rule():
    text = _cells(_HEAD_ROWS + [["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "评(扣)分标准", "得分"],
                                ["产出指标", "数量指标", "培训人数", "50", "100人", "95人", "每少1人扣1分", "45"],
                                ["", "质量指标", "合格率", "40", "≥90%", "95%", "未达标不得分", "40"],
                                ["总分", "", "", "100", "", "", "", "94"]])
    assert [row[:5] for row in _rows(_form(text))] == [("培训人数", "100人", "95人", 50, 45),
                                                       ("合格率", "≥90%", "95%", 40, 40)]
