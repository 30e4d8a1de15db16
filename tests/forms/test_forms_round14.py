"""Rules added after the fourteenth blind round (heldout/RESULTS.md, section 30): column labels whose
copy lost one bracket ("执行数B)", "年初目标值(A"); the 二级 cell 具体指标 and the wrapped sections after
the indicator table (偏差大或目标未完成原因分析); a 完成率 column after 实际完成值 and source rows that
hold amounts and a rate only (海南); the goal label 年度目标; the 省级主管部门 label, the 资金投入情况
block label and cells written one character per line ("绩 效 指 标", "产 出 指 标"); and 转移支付
scorecards (资金投入, 自评内容) refused. Synthetic texts, not taken from the held-out pages."""

from __future__ import annotations

import pytest

from orchestration.forms import DocumentError, parse_document, to_contract_dict


def _form(text: str) -> dict:
    return to_contract_dict(parse_document(text.encode(), "t.txt").forms[0])


def _funds(form: dict) -> list[tuple]:
    return [(f["source"], f["initial_budget"], f["annual_budget"], f["executed"], f["weight"], f["execution_rate"],
             f["score"]) for f in form["funds"]]


def _rows(form: dict) -> list[tuple]:
    return [(r["level1"], r["level2"], r["name"], r["target_raw"], r["actual_raw"], r["weight"], r["score"])
            for r in form["indicators"]]


ONE_CELL_PER_PARAGRAPH = "\n\n".join([
    "2023年度校舍维修项目自评表", "项目名称", "校舍维修", "主管部门", "某市教育局", "项目实施单位", "某市第九中学",
    "预算执行情况(万元)", "20分)", "预算数(A)", "执行数B)", "执行率B/A)", "年度财政资金总额", "300万元", "270万元", "90%",
    "年度绩效目标", "80分)", "一级指标", "二级指标", "三级指标", "年初目标值(A", "实际完成值(B",
    "产出指标", "数量指标", "维修校舍面积", "2000平方米", "2000平方米",
    "满意度指标", "具体指标", "教师满意度", "≥95%", "≥96%",
    "偏差大或", "目标未完成", "原因分析", "改进措施及", "结果应用方案", "备注:",
]) + "\n"


def test_column_labels_that_lost_a_bracket_are_still_columns():
    form = _form(ONE_CELL_PER_PARAGRAPH)
    assert _funds(form) == [("total", None, 300.0, 270.0, None, 0.9, None)]
    assert _rows(form)[0] == ("产出指标", "数量指标", "维修校舍面积", "2000平方米", "2000平方米", None, None)


def test_the_specific_indicator_cell_and_the_sections_after_the_table():
    assert _rows(_form(ONE_CELL_PER_PARAGRAPH)) == [
        ("产出指标", "数量指标", "维修校舍面积", "2000平方米", "2000平方米", None, None),
        ("满意度指标", "具体指标", "教师满意度", "≥95%", "≥96%", None, None),
    ]


HAINAN = """项目支出绩效自评表
项目名称: 46000021T000000009999-学生资助 填报人: 某某 联系方式: 13100000000
主管部门: 203-省教育厅 实施单位: 203099-某中学
资金构成(元) 年初预算数 全年预算数 执行数 分值 执行率(%) 得分
资金总额: 200,000.00 200,000.00 100,000.00 10.00  50 5
其中:财政资金: 0.00 0.00 0.00   0
单位资金: 200,000.00 200,000.00 100,000.00   50
年度目标 年度目标完成情况
资助困难学生 资助学生20人次
一级指标 二级指标 三级指标 指标性质 年度指标值 度量单位 实际完成值 完成率 分值 得分 未完成原因分析
产出指标 数量指标 资助困难学生人数 40 20 50.00% 50.00 25 部分学生未申请。
效益指标 社会效益指标 减轻学生家庭负担 95 % 100 100.00% 40.00 40
合计 100.00 75.00
"""


def test_a_completion_rate_column_after_the_actual_value():
    assert _rows(_form(HAINAN)) == [
        ("产出指标", "数量指标", "资助困难学生人数", "40", "20", 50.0, 25.0),
        ("效益指标", "社会效益指标", "减轻学生家庭负担", "95%", "100", 40.0, 40.0),
    ]


def test_source_rows_hold_amounts_and_a_rate_and_the_goal_label():
    form = _form(HAINAN)
    assert _funds(form) == [("total", 200000.0, 200000.0, 100000.0, 10.0, 0.5, 5.0),
                            ("appropriation", 0.0, 0.0, 0.0, None, 0.0, None),
                            ("other:单位资金", 200000.0, 200000.0, 100000.0, None, 0.5, None)]
    assert (form["goal_expected"], form["goal_actual"]) == ("资助困难学生", "资助学生20人次")


TRANSFER_SCORED = """某某专项资金转移支付区域(项目)绩效自评表
( 2025 年度)
转移支付(项目)名称 某某专项资金
省级主管部门 某省某厅
地方主管部门 某县某局 资金使用单位 某县某中心
资金投入情况
(万元) 全年预算数( A ) 全年执行数( B ) 分值 预算执行率
( B/A×100%) 得分
年度资金总额: 8 8 10 100% 10
总体目标完成情况 年初设定目标 全年实际完成情况
完成设备维护。 维护设备5套。
绩 效 指 标 一级指标 二级指标 三级指标 年度指标值 全年完成值 分值 得分 未完成原因和改进措施
产
出
指
标 数量指标 维护设备数量 ≥5套 5套 20 20
质量指标 提升服务质量 明显 明显 10 10
"""


def test_vertical_cells_and_the_provincial_department_label():
    form = _form(TRANSFER_SCORED)
    assert (form["report_year"], form["project_name"], form["department"], form["implementing_unit"]) == (
        2025, "某某专项资金", "某县某局", "某县某中心")
    assert _funds(form)[0] == ("total", None, 8.0, 8.0, 10.0, 1.0, 10.0)
    assert form["goal_expected"] == "完成设备维护。"
    assert _rows(form) == [("产出指标", "数量指标", "维护设备数量", "≥5套", "5套", 20.0, 20.0),
                           ("产出指标", "质量指标", "提升服务质量", "明显", "明显", 10.0, 10.0)]


def test_a_transfer_payment_scorecard_is_refused():
    text = ("某县2024年度中央对地方转移支付某某服务项目绩效自评表\n指标名称 指标解释 记录 未完成原因及改进措施 需提供的支撑材料\n"
            "一级指标 二级指标 三级指标 自评内容 完成情况\n名称 名称 名称\n项目预算管理 资金投入 预算编制科学性 "
            "项目预算编制符合国家政策要求 项目资金测算标准(文字描述) 已按要求完成预算\n预算资金安排 资金预算安排情况。\n"
            "资金下达 资金发放及时性 在30日内正式下达 以资金文件为准\n")
    with pytest.raises(DocumentError) as caught:
        parse_document(text.encode(), "t.txt")
    assert caught.value.reason.startswith("unsupported template: evaluation-framework")
