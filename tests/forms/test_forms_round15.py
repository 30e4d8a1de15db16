"""Rules added after the fifteenth blind round (heldout/RESULTS.md, section 32): a report year written
"2021 年度)" (its bracket lost) or "(2021)" after the form's title; the 福建 labels 专项名称, 项目概况 and
主要成效; and the block label 资金情况 ending the value before it. Synthetic texts, not taken from the
held-out pages."""

from __future__ import annotations

from orchestration.forms import parse_document, to_contract_dict

FUNDS = """项目资金(万元) 全年预算数(A) 全年执行数(B) 执行率(B/A)
年度资金总额: 50 45 90%
"""


def _form(text: str) -> dict:
    return to_contract_dict(parse_document(text.encode(), "t.txt").forms[0])


def _head(form: dict) -> tuple:
    return form["report_year"], form["project_name"], form["department"], form["implementing_unit"]


def test_a_year_whose_opening_bracket_was_lost():
    text = "项目支出绩效自评表\n 2021 年度)\n项目名称 某某经费\n主管部门 某市某局\n实施单位 某市某中心\n" + FUNDS
    assert _head(_form(text)) == (2021, "某某经费", "某市某局", "某市某中心")


def test_a_bare_year_in_brackets_after_the_title():
    text = ("转移支付区域(项目)绩效目标自评表 (2021)\n转移支付(项目)名称 某某防治资金\n地方主管部门 某市某局\n"
            "资金使用单位 某市某中心\n" + FUNDS)
    assert _head(_form(text)) == (2021, "某某防治资金", "某市某局", "某市某中心")


def test_a_bracketed_year_elsewhere_is_not_the_report_year():
    text = ("项目支出绩效自评表\n项目名称 某某经费\n主管部门 某市某局 (2019)\n实施单位 某市某中心\n" + FUNDS)
    assert _form(text)["report_year"] is None


def test_fujian_labels_and_the_funds_block_label():
    text = ("专项资金绩效自评表\n(2022年度)\n专项名称 某某业务费\n主管部门 某市公安局 实施单位 某市看守所\n"
            "项目概况 本项目资金用于办公业务。\n主要成效 保障监区安全。\n" + FUNDS)
    assert _head(_form(text)) == (2022, "某某业务费", "某市公安局", "某市看守所")
    text = ("项目支出绩效自评表\n(2023年度)\n项目名称 某某补贴\n主管部门 某县农业农村局\n实施单位 某镇人民政府\n资金情况\n(万元) "
            "全年预算数(A) 全年执行数(B) 执行率(B/A)\n年度资金总额: 50 45 90%\n")
    assert _head(_form(text)) == (2023, "某某补贴", "某县农业农村局", "某镇人民政府")
