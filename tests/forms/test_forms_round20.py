"""Rules added after the twentieth blind round (heldout/RESULTS.md, section 42): a form run together
inside one cell of a table, two run-on funds cuttings that read wrong numbers before (a 0 % rate
beside an execution, a padded decimal tail), 资金管理情况 ending the funds rows, and run-on titles
ending in 项目自评表. Synthetic texts, not taken from the held-out pages; each test fails on 9b8eb98."""

from __future__ import annotations

import pytest

from orchestration.forms import parse_document, to_contract_dict
from orchestration.forms.unseparated_cells import Ambiguous, split_fund_run

_RUN_ON = ("某某项目绩效目标自评表(2024年度)转移支付(项目)名称某某补助中央主管部门某部地方主管部门某厅资金使用单位某局"
           "资金投入情况(万元)全年预算数(A)全年执行数(B)预算执行率(B/A×100%)年度资金总额:1484631.00%"
           "其中:中央财政资金10200%地方资金4646100%其他资金资金管理情况情况说明存在问题和改进措施分配科学性科学合理分配资金无")


def _forms(text: str) -> list[dict]:
    return [to_contract_dict(f) for f in parse_document(text.encode(), "t.txt").forms]


def _funds(form: dict) -> list[tuple]:
    return [(f["source"], f["annual_budget"], f["executed"], f["execution_rate"]) for f in form["funds"]]


def test_a_form_run_together_in_one_cell_of_a_table():
    text = ("索引号 | 1134/2025-00006 | 组配分类 | 部门项目 |\n信息名称 | 某某项目绩效目标自评表 (2024年度) | 内容概述 | "
            + _RUN_ON + " |\n某某项目绩效目标自评表 |\n(2024年度) |\n转移支付(项目)名称 | 某某补助 |\n资金使用单位 | 某")
    forms = _forms(text)
    assert len(forms) == 1
    assert forms[0]["report_year"] == 2024
    assert _funds(forms[0]) == [("total", 148, 46, 0.31), ("other:中央财政资金", 102, 0, 0.0),
                                ("other:地方资金", 46, 46, 1.0), ("other", None, None, None)]


def test_zero_percent_is_only_consistent_with_nothing_executed():
    s = "1484631.00%"  # not 14846 | 31 | 0% (31 / 14846 rounds to 0 %): 148 | 46 | 31.00%
    cut = split_fund_run(s, 0, len(s), ["annual_budget", "executed", "execution_rate"])
    assert {c: s[a:b] for c, (a, b) in cut.items()} == {"annual_budget": "148", "executed": "46",
                                                        "execution_rate": "31.00%"}


def test_a_padded_decimal_tail_is_no_amount():
    s = "1.561.56120"  # 1.56 | 1.56 | rate "1" | score "20": no cutting with these columns' shapes
    with pytest.raises(Ambiguous):
        split_fund_run(s, 0, len(s), ["annual_budget", "executed", "execution_rate", "score"])


def test_a_run_on_title_ending_in_project_self_assessment_states_the_year():
    text = ("2020年度某某禁捕项目自评表单位名称:某科填报日期:项目名称某某补贴主管部门某局项目实施单位某科"
            "项目资金(万元)全年预算数全年执行数执行率年度资金总额1010100%"
            "一级指标二级指标三级指标年初目标值实际完成值产出指标数量指标补贴渔船数6艘6艘")
    assert _forms(text)[0]["report_year"] == 2020
