"""Rules added after the thirteenth blind round (heldout/RESULTS.md, section 28), for the 中央转移支付
template: a form whose page starts at its "(2021年度)" with no title, the label variant 转移(项目)名称,
the 中央主管部门 label (no contract field: it ends the value before it), and, in text without
separators, a "(2021年度)" between a title the parser cannot read and the project label. Synthetic
texts, not taken from the held-out pages."""

from __future__ import annotations

from orchestration.forms import parse_document, to_contract_dict

FUNDS_PIPE = """项目资金 (万元) |
全年预算数(A) | 全年执行数(B) | 预算执行率(B/A) | ||||
年度资金总额: | 120 | 118 | 98.33% | ||||
其中:中央财政资金 | 100 | 100 | 100% | ||||
地方资金 | 20 | 18 | 90% | ||||
其他资金 | |||||||
"""


def _form(text: str) -> dict:
    return to_contract_dict(parse_document(text.encode(), "t.txt").forms[0])


def _head(form: dict) -> tuple:
    return form["report_year"], form["project_name"], form["department"], form["implementing_unit"]


def test_a_form_without_a_title_starts_at_its_year_and_project_label():
    text = ("(2022年度) | |||||||\n转移支付(项目)名称 | 某某防治项目 | ||||||\n中央主管部门 | 某部 | ||||||\n"
            "地方主管部门 | 某州卫生健康委 | 资金使用单位 | 某县卫生健康局 | ||||\n" + FUNDS_PIPE)
    form = _form(text)
    assert _head(form) == (2022, "某某防治项目", "某州卫生健康委", "某县卫生健康局")
    assert [(f["source"], f["annual_budget"], f["executed"]) for f in form["funds"]][0] == ("total", 120.0, 118.0)


def test_the_central_department_label_ends_the_project_name():
    text = ("某县卫生健康局某某补助资金转移支付区域(项目)绩效目标自评表\n(2021年度)\n转移(项目)名称 某某补助资金\n"
            "中央主管部门\n地方主管部门 某县卫生健康局 资金使用单位 某县卫生健康局\n"
            "项目资金(万元) 全年预算数(A) 全年执行数(B) 执行率(B/A)\n年度资金总额: 50 50 100%\n")
    assert _head(_form(text)) == (2021, "某某补助资金", "某县卫生健康局", "某县卫生健康局")


def test_run_on_text_keeps_the_year_between_an_unread_title_and_the_project_label():
    text = ("   某某补助地方资金(普通省道公路建设)绩效目标自评\n(2021年度)\n转移支付(项目)名称某某补助地方资金\n"
            "中央主管部门财政部\n地方主管部门某市交通运输局资金使用单位某市交通运输局\n项目资金\n(万元)\n\n"
            "全年预算数(A)全年执行数(B)预算执行率(B/A)\n年度资金总额:40004000100%\n 其中:中央补助40004000100%\n"
            "地方资金\n\n\n 其他资金\n\n\n总体目标完成情况总体目标全年实际完成情况\n")
    form = _form(text)
    assert _head(form) == (2021, "某某补助地方资金", "某市交通运输局", "某市交通运输局")
    assert (form["funds"][0]["annual_budget"], form["funds"][0]["executed"]) == (4000.0, 4000.0)
