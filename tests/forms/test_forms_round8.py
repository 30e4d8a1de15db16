"""Rules added after the eighth blind round (heldout/RESULTS.md, section 18): a 总分 row in a pipe table
with a 得分 and no 分值 column, a title that puts the report year before the project's own name, and
goals written as two numbered lists, one paragraph per line. Synthetic texts, not taken from the
held-out pages."""

from __future__ import annotations

from orchestration.forms import parse_document, to_contract_dict


def _form(text: str) -> dict:
    return to_contract_dict(parse_document(text.encode(), "t.txt").forms[0])


def _scorecard(title: str, project: str, total_row: str) -> str:
    """The 湖北/云南 项目自评表 as a pipe table: funds 预算数/执行数/执行率/得分, indicators with 得分 only."""
    return "\n".join([
        title,
        f"项目名称 | {project} | ||||",
        "主管部门 | 某市住房和城乡建设局 | 项目实施单位 | 某市排水管理处 | ||",
        "预算执行情况(万元) (20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 (20分*执行率) | ||",
        "年度财政资金总额 | 80 | 76 | 95% | 19 | ||",
        "年度绩效目标1 (80分) | 一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 | |",
        "产出指标 | 数量指标 | 疏通管网长度 | 120公里 | 118公里 | 38 | ||",
        "效益指标 | 社会效益 指标 | 汛期内涝点数 | ≤3处 | 2处 | 40 | ||",
        total_row,
        "偏差大或 目标未完成 原因分析 | 管网疏通受汛期影响 | ||||",
    ]) + "\n"


def _standard_pipe_form(total_row: str) -> str:
    """A pipe table with both 分值 and 得分 columns."""
    return "\n".join([
        "项目支出绩效自评表 | |||",
        "(2021年度) | |||",
        "项目名称 | 某县水库运行维护 | ||",
        "主管部门 | 某县水利局 | 实施单位 | 某县水库管理所 |",
        "项目资金 (万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |",
        "年度资金总额 | 50 | 50 | 50 | 10 | 100% | 10 |",
        "年度总体目标 | 预期目标 | 实际完成情况 |",
        "| 保障水库安全运行 | 水库全年安全运行 |",
        "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |",
        "| 产出指标 | 数量指标 | 巡查次数 | ≥50次 | 52次 | 50 | 50 | |",
        "| 效益指标 | 社会效益指标 | 安全事故 | 0起 | 0起 | 40 | 36 | 汛期险情 |",
        total_row,
    ]) + "\n"


def test_total_row_of_a_table_without_a_weight_column_is_the_score():
    form = _form(_scorecard("2022年度某市排水设施维护经费项目自评表", "某市排水设施维护经费", "总分 | 97分 | ||||"))
    assert (form["total_weight"], form["total_score"]) == (None, 97.0)
    assert [(r["level2"], r["name"], r["weight"], r["score"]) for r in form["indicators"]] == [
        ("数量指标", "疏通管网长度", None, 38.0), ("社会效益指标", "汛期内涝点数", None, 40.0)]


def test_total_row_of_a_table_with_both_columns_is_read_by_position():
    form = _form(_standard_pipe_form("总分 | 100 | 96 |"))
    assert (form["total_weight"], form["total_score"]) == (100.0, 96.0)
    form = _form(_standard_pipe_form("总分 | | 96 |"))
    assert (form["total_weight"], form["total_score"]) == (None, 96.0)


def test_title_year_before_the_projects_own_name_is_the_report_year():
    form = _form(_scorecard("2022年度某市排水设施维护经费项目自评表", "某市排水设施维护经费", "总分 | 97分 | ||||"))
    assert (form["report_year"], form["project_name"]) == (2022, "某市排水设施维护经费")


def test_year_of_a_project_name_or_of_another_name_is_not_taken_for_the_report_year():
    # "2021年中央…项目" is the project's year; a title naming another project says nothing of this one.
    for title, project in (("2021年中央化肥减量增效项目自评表", "2021年中央化肥减量增效项目"),
                           ("2022年度某市排水设施维护经费项目自评表", "某市污水处理厂运行经费")):
        parsed = parse_document(_scorecard(title, project, "总分 | 97分 | ||||").encode(), "t.txt")
        form = parsed.forms[0]
        assert form["report_year"] is None
        assert any(p["rule_id"] == "R-PARSE-01" and "报告年度" in p["message"] for p in form["problems"])


def _flattened(goal_lines: list[str]) -> str:
    return "\n".join([
        "项目支出绩效自评表",
        "(2021年度)",
        "项目名称 防震减灾综合保障",
        "主管部门 某市地震局 实施单位 某市地震局",
        "项目资金",
        "(万元)",
        "年初预算数 全年预算数(A) 全年执行数(B) 分值 执行率(B/A) 得分",
        "年度资金总额: 55 55 55 10 100% 10",
        "年度总体目标完成情况 预期目标 实际完成情况",
        *goal_lines,
        "年度绩效指标完成情况 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施",
        "产出指标 数量指标 指标1:接受业务培训人数 200 200余人 90 88",
        "总分 100 98",
    ]) + "\n"


def test_goals_as_two_numbered_lists_split_where_the_numbering_starts_again():
    form = _form(_flattened(["目标1:完成台站运维。", "目标2:完成科普宣传。", "1.台站全年正常运行。", "2.科普宣传覆盖全市。"]))
    assert form["goal_expected"] == "目标1:完成台站运维。\n目标2:完成科普宣传。"
    assert form["goal_actual"] == "1.台站全年正常运行。\n2.科普宣传覆盖全市。"
    form = _form(_flattened(["(1)完成台站运维。", "(2)完成科普宣传。", "(3)完成培训。", "(1)台站正常运行。",
                             "(2)宣传覆盖全市。", "(3)培训200余人。"]))
    assert form["goal_expected"] == "(1)完成台站运维。\n(2)完成科普宣传。\n(3)完成培训。"
    assert form["goal_actual"] == "(1)台站正常运行。\n(2)宣传覆盖全市。\n(3)培训200余人。"


def test_goal_paragraphs_without_a_second_list_keep_one_paragraph_per_goal():
    for lines in (["完成台站运维。", "台站全年正常运行。", "另有说明。"],
                  ["1.完成台站运维。", "2.完成科普宣传。", "台站全年正常运行。"]):
        form = _form(_flattened(lines))
        assert (form["goal_expected"], form["goal_actual"]) == (lines[0], lines[1])
    assert _form(_flattened(["1.完成台站运维。", "1.台站全年正常运行。"]))["goal_actual"] == "1.台站全年正常运行。"
