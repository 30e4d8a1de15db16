"""Form structure hazards, each on its own small hand-written input."""

from __future__ import annotations

from decimal import Decimal

import pytest

from orchestration.forms import DocumentError, parse_document

HEADER = """
→测试项目支出绩效自评表

→(2021年度)

→项目名称
→测试项目
"""

FUNDS_HEADER = """
→项目资金（万元）
→
→年初预算数
→全年预算数
→全年执行数
→分值
→执行率
→得分
"""

INDICATOR_HEADER = """
→
→一级指标
→二级指标
→三级指标
→年度指标值
→实际完成值
→分值
→得分
→偏差原因分析及改进措施
"""


def _only_form(result):
    assert len(result.forms) == 1
    return result.forms[0]


def _rules(form):
    return [(p["rule_id"], p["message"]) for p in form["problems"]]


def test_minimal_form_parses_completely_without_problems(parse, minimal_form):
    form = _only_form(parse(minimal_form))
    assert form["problems"] == []
    assert (form["report_year"], form["project_name"], form["department"], form["implementing_unit"]) == (
        2021,
        "测试项目",
        "测试主管部门",
        "测试实施单位",
    )
    assert (form["goal_expected"], form["goal_actual"]) == ("目标甲", "完成甲")
    assert [f["source"] for f in form["funds"]] == ["total", "appropriation"]
    assert form["funds"][0]["execution_rate"] == Decimal("0.9")
    assert form["funds"][0]["score"] == Decimal("9")
    assert form["indicators"][0]["name"] == "培训人数"
    assert (form["total_weight"], form["total_score"]) == (Decimal("100"), Decimal("99"))


def test_goal_cell_with_continuation_blank_lines_and_stray_quote(parse):
    form = _only_form(
        parse(
            HEADER
            + """
→年度总体目标
→预期目标
→实际完成情况

→
→第一段。

第二段。

"
→完成。

"

"""
            + INDICATOR_HEADER
        )
    )
    assert form["goal_expected"] == "第一段。\n\n第二段。"
    assert form["goal_actual"] == "完成。"


def test_merged_level_cells_are_filled_down_and_reset_by_a_new_level1(parse):
    form = _only_form(
        parse(
            HEADER
            + INDICATOR_HEADER
            + """
→年度绩效指标完成情况
→产出指标
→数量指标
→甲
→>=1次
→1
→10
→10
→

→
→
→
→乙
→>=1次
→1
→10
→10
→

→
→效益指标
→
→丙
→提高
→达成
→10
→10
→
"""
        )
    )
    rows = [(r["level1"], r["level2"], r["name"]) for r in form["indicators"]]
    assert rows == [("产出指标", "数量指标", "甲"), ("产出指标", "数量指标", "乙"), ("效益指标", None, "丙")]


def test_level1_declared_weight_is_split_off(parse):
    form = _only_form(
        parse(
            HEADER
            + INDICATOR_HEADER
            + """
→
→产出指标(50分)
→数量指标
→甲
→>=1次
→1
→50
→50
→

→
→效益指标（30分）
→社会效益指标
→乙
→提高
→达成
→30
→30
→

→
→满意度指标
→满意度指标
→丙
→>=90%
→95%
→20
→20
→
"""
        )
    )
    rows = [(r["level1"], r["level1_raw"], r["level1_declared_weight"]) for r in form["indicators"]]
    assert rows == [
        ("产出指标", "产出指标(50分)", Decimal("50")),
        ("效益指标", "效益指标（30分）", Decimal("30")),
        ("满意度指标", "满意度指标", None),
    ]


def test_placeholder_rows_are_kept_not_applicable_and_blank_rows_skipped(parse):
    form = _only_form(
        parse(
            HEADER
            + INDICATOR_HEADER
            + """
→
→
→
→
→
→
→
→
→

→
→效益指标
→生态效益指标
→/
→/
→/
→/
→/
→

→
→
→可持续影响指标
→
→
→
→
→
→

→
→
→社会效益指标
→甲
→提高
→达成
→10
→10
→
"""
        )
    )
    rows = [(r["level2"], r["name"], r["applicable"], r["weight"]) for r in form["indicators"]]
    assert rows == [
        ("生态效益指标", "/", False, None),
        ("可持续影响指标", "", False, None),
        ("社会效益指标", "甲", True, Decimal("10")),
    ]
    assert [p for p in form["problems"] if p["rule_id"] == "R-PARSE-03"] == []


def test_short_funds_row_aligns_to_the_right(parse):
    form = _only_form(
        parse(
            HEADER
            + FUNDS_HEADER
            + """
→
→      上年结转资金
→0
→0
→—
→—
→—
"""
        )
    )
    row = form["funds"][0]
    assert (row["source"], row["initial_budget"], row["annual_budget"], row["executed"]) == (
        "carryover",
        None,
        Decimal("0"),
        Decimal("0"),
    )
    assert (row["initial_budget_raw"], row["annual_budget_raw"], row["weight_raw"]) == (None, "0", "—")


def test_funds_numbers_units_and_rate_forms(parse):
    form = _only_form(
        parse(
            HEADER
            + FUNDS_HEADER
            + """
→
→年度资金总额
→1 314
→1,314.00
→１２９７．５万元
→10
→98.74
→9.87分

→
→其中：本年财政拨款
→1314
→1314
→1297.5
→—
→0.9874
→/
"""
        )
    )
    total, appropriation = form["funds"]
    assert (total["initial_budget"], total["annual_budget"], total["executed"]) == (
        Decimal("1314"),
        Decimal("1314.00"),
        Decimal("1297.5"),
    )
    assert (total["weight"], total["execution_rate"], total["score"]) == (
        Decimal("10"),
        Decimal("0.9874"),
        Decimal("9.87"),
    )
    assert total["executed_raw"] == "１２９７．５万元"
    assert appropriation["execution_rate"] == Decimal("0.9874")
    assert appropriation["source_label"] == "本年财政拨款"


@pytest.mark.parametrize(
    "label, source, source_label",
    [
        ("年度资金总额", "total", "年度资金总额"),
        ("其中：当年财政拨款", "appropriation", "当年财政拨款"),
        ("其中:当年财政 拨款", "appropriation", "当年财政拨款"),
        ("本年财政拨款", "appropriation", "本年财政拨款"),
        ("财政拨款", "appropriation", "财政拨款"),
        ("财政资金", "appropriation", "财政资金"),
        ("上年结转资金", "carryover", "上年结转资金"),
        ("其他资金", "other", "其他资金"),
        ("财政专户管理资金", "other:财政专户管理资金", "财政专户管理资金"),
    ],
)
def test_fund_source_labels(parse, label, source, source_label):
    form = _only_form(parse(HEADER + FUNDS_HEADER + f"\n→\n→{label}\n→1\n→1\n→1\n→—\n→—\n→—\n"))
    assert (form["funds"][0]["source"], form["funds"][0]["source_label"]) == (source, source_label)


def test_amount_unit_from_header(parse):
    yuan = _only_form(parse(HEADER + FUNDS_HEADER.replace("（万元）", "（元）")))
    wan = _only_form(parse(HEADER + FUNDS_HEADER))
    assert (yuan["amount_unit"], wan["amount_unit"]) == ("元", "万元")


def test_full_width_operators_and_digits_in_indicator_cells(parse):
    form = _only_form(
        parse(
            HEADER
            + INDICATOR_HEADER
            + """
→
→产出指标
→质量指标
→合格率
→＞＝９５％
→９８％
→１０
→１０分
→
"""
        )
    )
    row = form["indicators"][0]
    assert row["target_raw"] == "＞＝９５％"  # raw stays as written
    assert (row["target_operator"], row["target_value"], row["target_unit"]) == (">=", Decimal("95"), "%")
    assert (row["actual_value"], row["actual_unit"]) == (Decimal("98"), "%")
    assert (row["weight"], row["score"]) == (Decimal("10"), Decimal("10"))


def test_total_row_with_reported_grade(parse):
    form = _only_form(parse(HEADER + "\n→总分\n→100\n→96.5分\n→优\n"))
    assert (form["total_weight"], form["total_score"], form["reported_grade"]) == (
        Decimal("100"),
        Decimal("96.5"),
        "优",
    )
    assert form["total_line"] == 8


def test_grade_in_a_row_after_the_total(parse):
    form = _only_form(parse(HEADER + "\n→总分\n→100\n→85\n\n→自评等级\n→良\n"))
    assert form["reported_grade"] == "良"


def test_several_forms_per_file(parse, minimal_form):
    second = minimal_form.replace("测试项目支出", "第二项目支出").replace("→测试项目\n", "→第二项目\n")
    result = parse(minimal_form + "\n\n" + second)
    assert [f["project_name"] for f in result.forms] == ["测试项目", "第二项目"]
    assert [f["form_index"] for f in result.forms] == [0, 1]
    first_end = result.forms[0]["line_end"]
    assert result.forms[1]["line_start"] == first_end + 3
    assert result.forms[0]["line_start"] == 1
    assert [f["problems"] for f in result.forms] == [[], []]


def test_non_numeric_score_is_reported_and_the_form_still_returned(parse, minimal_form):
    text = minimal_form.replace("→90\n→90\n→\n\n→总分", "→90\n→完成\n→\n\n→总分")
    form = _only_form(parse(text))
    row = form["indicators"][0]
    assert (row["score"], row["score_raw"]) == (None, "完成")
    assert form["problems"] == [
        {
            "rule_id": "R-PARSE-03",
            "severity": "error",
            "subject": "培训人数·得分",
            "message": "得分单元格“完成”不是数字",
            "line": 65,
        }
    ]
    assert form["project_name"] == "测试项目"


def test_non_numeric_funds_cell_is_reported(parse):
    form = _only_form(parse(HEADER + FUNDS_HEADER + "\n→\n→年度资金总额\n→10\n→10\n→9\n→10\n→九成\n→9\n"))
    problems = [(p["rule_id"], p["subject"], p["message"]) for p in form["problems"] if p["rule_id"] == "R-PARSE-03"]
    assert problems == [("R-PARSE-03", "年度资金总额·执行率", "执行率单元格“九成”不是数字")]
    assert form["funds"][0]["execution_rate"] is None


def test_form_missing_parts_is_returned_with_problems(parse):
    form = _only_form(parse("→某项目支出绩效自评表\n"))
    assert form["title"] == "某项目支出绩效自评表"
    assert _rules(form) == [
        ("R-PARSE-01", "未找到项目名称"),
        ("R-PARSE-01", "未找到报告年度（如“(2021年度)”）"),
        ("R-PARSE-01", "未找到年度资金总额行"),
        ("R-PARSE-02", "未找到绩效指标表"),
        ("R-PARSE-02", "未找到总分行"),
    ]
    assert {p["line"] for p in form["problems"]} == {1}


def test_indicator_table_of_placeholders_only_is_reported(parse):
    form = _only_form(parse(HEADER + INDICATOR_HEADER + "\n→\n→效益指标\n→生态效益指标\n→/\n→/\n→/\n→/\n→/\n→\n"))
    assert ("R-PARSE-02", "绩效指标表中没有适用的指标") in _rules(form)


def test_report_year_comes_from_the_year_row_not_the_project_name(parse):
    form = _only_form(parse("→2020年某某经费项目支出绩效自评表\n\n→（2021年度）\n"))
    assert form["report_year"] == 2021


def test_report_year_from_a_generic_title(parse):
    assert _only_form(parse("→2022年度项目支出绩效自评表\n"))["report_year"] == 2022


def test_file_without_form_raises_document_error_naming_file_and_line():
    with pytest.raises(DocumentError) as caught:
        parse_document("\t项目资金\n\t年初预算数\n".encode(), "seed.txt")
    assert str(caught.value) == "seed.txt: line 1: no 项目支出绩效自评表 form found"
    assert (caught.value.source_name, caught.value.line) == ("seed.txt", 1)


def test_empty_file_raises_document_error():
    with pytest.raises(DocumentError, match=r"^empty\.txt: line 1: "):
        parse_document(b"", "empty.txt")


def test_document_heading_above_the_first_title_does_not_make_an_empty_form(parse):
    result = parse("→某单位2021年度项目支出绩效自评表\n\n→测试项目支出绩效自评表\n\n→(2021年度)\n\n→项目名称\n→测试项目\n")
    form = _only_form(result)
    assert (form["title"], form["line_start"], form["project_name"]) == ("测试项目支出绩效自评表", 1, "测试项目")


def test_form_without_title_starts_at_its_project_name(parse):
    result = parse("→项目名称\n→甲项目\n\n→总分\n→100\n→90\n\n→项目名称\n→乙项目\n")
    assert [(f["project_name"], f["title"], f["line_start"]) for f in result.forms] == [
        ("甲项目", None, 1),
        ("乙项目", None, 8),
    ]
