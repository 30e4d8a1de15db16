"""Rules added after the ninth blind round (heldout/RESULTS.md, section 20): the 中央转移支付区域绩效自评表
template (转移支付(项目)名称, 地方主管部门, 资金使用单位; a text-only 资金管理情况 block after the funds
rows; goals under "总体目标完成情况 | 总体目标 | 全年实际完成情况") and 绩效目标表, the target declaration,
refused. Synthetic texts, not taken from the held-out pages."""

from __future__ import annotations

import pytest

from orchestration.forms import DocumentError, parse_document, to_contract_dict

ROWS = [
    ["中央转移支付某县体育公园项目绩效自评表"],
    ["(2022年度)"],
    ["转移支付(项目)名称", "某县体育公园项目"],
    ["中央主管部门", "国家体育总局"],
    ["地方主管部门", "某县人民政府", "资金使用单位", "某县体育发展中心"],
    ["资金投入情况 (万元)", "全年预算数(A)", "全年执行数(B)", "预算执行率(B/A×100%)"],
    ["年度资金总额:", "800", "760", "95%"],
    ["其中:中央财政资金", "600", "600", "100%"],
    ["地方财政资金", "200", "160", "80%"],
    ["其他资金", "", "", ""],
    ["资金管理情况", "情况说明", "存在问题和改进措施"],
    ["分配科学性", "资金分配科学合理", ""],
    ["下达及时性", "资金下达及时", ""],
    ["总体目标完成情况", "总体目标", "全年实际完成情况"],
    ["建成体育公园1处,配套健身步道3公里。", "体育公园主体完工,健身步道完成2.5公里。"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "全年实际完成值", "未完成原因和改进措施"],
    ["", "产出指标", "数量指标", "健身步道长度", "3公里", "2.5公里", "冬季停工"],
    ["", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%", ""],
]


def _form(text: str) -> dict:
    return to_contract_dict(parse_document(text.encode(), "t.txt").forms[0])


def _check(form: dict) -> None:
    assert (form["report_year"], form["project_name"]) == (2022, "某县体育公园项目")
    assert (form["department"], form["implementing_unit"]) == ("某县人民政府", "某县体育发展中心")
    funds = [(f["source"], f["annual_budget"], f["executed"], f["execution_rate"]) for f in form["funds"]]
    assert funds == [("total", 800.0, 760.0, 0.95), ("other:中央财政资金", 600.0, 600.0, 1.0),
                     ("other:地方财政资金", 200.0, 160.0, 0.8), ("other", None, None, None)]
    assert form["goal_expected"] == "建成体育公园1处,配套健身步道3公里。"
    assert form["goal_actual"] == "体育公园主体完工,健身步道完成2.5公里。"
    rows = [(r["level1"], r["level2"], r["name"], r["target_raw"], r["actual_raw"], r["weight"], r["score"])
            for r in form["indicators"]]
    assert rows == [("产出指标", "数量指标", "健身步道长度", "3公里", "2.5公里", None, None),
                    ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%", None, None)]


def test_transfer_payment_template_as_a_pipe_table():
    _check(_form("\n".join(" | ".join(row) + " |" for row in ROWS) + "\n"))


def test_transfer_payment_template_as_tab_cells():
    _check(_form("\n".join("\t".join(row) for row in ROWS) + "\n"))


def test_target_declarations_are_refused_whatever_number_of_forms():
    one = ("项目支出绩效目标表\n(2023年度)\n项目名称 | 某县人工增雨作业项目 |\n主管部门及代码 | 某县气象局 |\n"
           "项目资金(万元) | 年度资金总额: | 120 |\n一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
           "产出指标 | 数量指标 | 作业次数 | ≥15次 |\n")
    for text in (one, one + one.replace("人工增雨作业", "防雹作业")):
        with pytest.raises(DocumentError) as caught:
            parse_document(text.encode(), "t.txt")
        assert caught.value.reason.startswith("unsupported template: 绩效目标表")


def test_self_assessments_that_name_the_target_table_are_read():
    # "绩效目标自评表" is a self-assessment; a page may mention the 绩效目标表 it reports against.
    for title in ("绩效目标自评表", "项目支出绩效自评表"):
        text = (f"{title}\n(2021年度)\n按《项目支出绩效目标表》自评。\n项目名称 | 某县水库维护 |\n"
                "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
                "产出指标 | 数量指标 | 巡查次数 | ≥50次 | 52次 | 90 | 90 |\n总分 | 100 | 100 |\n")
        form = _form(text)
        assert form["project_name"] == "某县水库维护" and len(form["indicators"]) == 1
