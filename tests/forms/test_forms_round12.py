"""Rules added after the twelfth blind round (heldout/RESULTS.md, section 26): the year stated only by a
subtitle under the project's own title; rows of a project that was not carried out, which hold only
their target; a bracketed unit written after a name with a space; the label variants 政策(项目)名称,
项目主管部门 and 主管部门及代码; and, in text without separators, a funds row whose amounts run
together with 分值/执行率/得分, and indicator rows whose 分值/得分 cells are blank or merged per block.
Synthetic texts, not taken from the held-out pages."""

from __future__ import annotations

from orchestration.forms import parse_document, to_contract_dict

NOT_CARRIED_OUT = """某县人民政府
某某养殖场建设项目支出绩效自评表
2021年度项目支出绩效自评表
单位名称: 某县农业农村局   填报日期: 2022年7月16日
项目名称 某某养殖场建设项目
主管部门 某县人民政府 实施单位 某县农业农村局
预算执行情况(万元)
(20分)
预算数(A) 执行数(B) 执行率(B/A)
年度财政资金总额 800 0.00  0.0000
年度绩效目标
(80分)
一级
指标
二级指标 三级指标 年初目标值(A) 实际完成值(B) 得分
产出指标 数量指标 标准化圈舍面积(平方米) 3000
办公用房面积(平方米) 400
保种数量(头) 200
质量指标 工程合格率(%) 95
效益指标 年新增产值 (万元) 300
辐射带动养殖户数(户) 150
满意度指标  服务对象满意度指标 项目业主满意度(%) 95
总分
"""


def _form(text: str) -> dict:
    return to_contract_dict(parse_document(text.encode(), "t.txt").forms[0])


def _rows(form: dict) -> list[tuple]:
    return [(r["level1"], r["level2"], r["name"], r["target_raw"], r["actual_raw"], r["weight"], r["score"])
            for r in form["indicators"]]


def test_a_subtitle_states_the_year_under_the_projects_own_title():
    assert _form(NOT_CARRIED_OUT)["report_year"] == 2021


def test_rows_that_hold_only_their_target_stay_rows_of_their_own():
    assert _rows(_form(NOT_CARRIED_OUT)) == [
        ("产出指标", "数量指标", "标准化圈舍面积(平方米)", "3000", None, None, None),
        ("产出指标", "数量指标", "办公用房面积(平方米)", "400", None, None, None),
        ("产出指标", "数量指标", "保种数量(头)", "200", None, None, None),
        ("产出指标", "质量指标", "工程合格率(%)", "95", None, None, None),
        ("效益指标", None, "年新增产值 (万元)", "300", None, None, None),
        ("效益指标", None, "辐射带动养殖户数(户)", "150", None, None, None),
        ("满意度指标", "服务对象满意度指标", "项目业主满意度(%)", "95", None, None, None),
    ]


def test_a_complete_row_after_a_row_with_only_its_target():
    text = NOT_CARRIED_OUT.replace("办公用房面积(平方米) 400\n", "办公用房面积(平方米) 400 380 8\n")
    assert _rows(_form(text))[1] == ("产出指标", "数量指标", "办公用房面积(平方米)", "400", "380", None, 8.0)


SICHUAN_TARGET_SELF_ASSESSMENT = """某项目绩效目标自评表 |
(2023年度) |
政策(项目)名称 |
代表之家建设 |
项目主管部门 |
某县人大常委会办公室 |
资金使用单位 |
某县人大常委会办公室 |
项目资金 |
|
全年预算数 |
全年执行数 |
预算执行率 |
年度资金总额: |
40 |
40 |
100% |
"""


def test_the_policy_project_name_and_project_department_labels():
    form = _form(SICHUAN_TARGET_SELF_ASSESSMENT)
    assert (form["report_year"], form["project_name"], form["department"], form["implementing_unit"]) == (
        2023, "代表之家建设", "某县人大常委会办公室", "某县人大常委会办公室")


RUN_ON = ("2021年度项目支出绩效自评表项目名称某某配套资金主管部门某市教育局实施单位某技工学校项目资金 (万元)年初 预算数全年 "
          "预算数全年 执行数分值执行率得分年度资金总额593.27593.27448.641076%10其中:当年财政拨款593.27593.27448.64"
          "上年结转资金其他资金年度总体 目标预期目标实际完成情况弥补学校运转经费缺口全部用于学校运转经费绩 效 指 标一级指标"
          "二级指标三级指标年度 指标值实际 完成值分值得分偏差原因分析 及改进措施产出指标(50 分)数量指标资助学生人数"
          "3018301850质量指标职业技能鉴定达标率98%98%成本指标严格成本控制100%100%效益指标(30 分)经济效益指标"
          "帮扶常态化100%100%30总分100\n")


def test_a_run_on_funds_row_is_cut_where_the_amounts_bear_out_the_rate():
    total = _form(RUN_ON)["funds"][0]
    assert (total["source"], total["initial_budget"], total["annual_budget"], total["executed"], total["weight"],
            total["execution_rate"], total["score"]) == ("total", 593.27, 593.27, 448.64, 10.0, 0.76, 10.0)


def test_run_on_rows_with_only_a_target_and_an_actual():
    rows = [(r["level2"], r["name"], r["target_raw"], r["actual_raw"]) for r in _form(RUN_ON)["indicators"]]
    assert ("质量指标", "职业技能鉴定达标率", "98%", "98%") in rows
    assert ("成本指标", "严格成本控制", "100%", "100%") in rows
