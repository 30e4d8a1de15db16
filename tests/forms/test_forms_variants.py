"""Template variants: units, rates, funds labels, weights in labels, other form families."""

from __future__ import annotations

from decimal import Decimal

import pytest

from orchestration.forms import DocumentError, parse_document

from .support import render

BASE = {
    "report_year": 2022, "project_name": "测试项目", "department": "测试局", "implementing_unit": "测试中心",
    "goal_expected": "目标。", "goal_actual": "完成。",
    "funds": [{"source": "total", "initial_budget": 100, "annual_budget": 100, "executed": 90, "weight": 20,
               "execution_rate": 0.9, "score": 18}],
    "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "培训人数", "target_raw": ">=100人",
                    "actual_raw": "120", "weight": 80, "score": 80, "deviation_note": None}],
    "total_weight": 100, "total_score": 98,
}


def _table(**changes):
    return render.form_table({**BASE, **changes})


def _parse_html(table):
    return parse_document(render.to_html([table]), "v.html").forms[0]


def test_amounts_in_yuan_are_kept_with_their_unit():
    form = parse_document(render.to_xlsx([render.form_table(BASE, unit="元")]), "yuan").forms[0]
    assert form["amount_unit"] == "元"
    assert form["funds"][0]["annual_budget"] == Decimal("100")


def test_funds_weight_20_is_read_not_assumed():
    assert _parse_html(_table())["funds"][0]["weight"] == Decimal("20")


@pytest.mark.parametrize("written, fraction", [("90%", "0.9"), ("90", "0.9"), ("0.9", "0.9"), ("98.74%", "0.9874")])
def test_rates_in_every_written_form(written, fraction):
    table = _table()
    row = next(r for r in table if r[1] == "年度资金总额")
    row[6] = written
    assert _parse_html(table)["funds"][0]["execution_rate"] == Decimal(fraction)


@pytest.mark.parametrize("score", ["18", "18.00分", "18分"])
def test_score_spellings(score):
    table = _table()
    next(r for r in table if r[1] == "年度资金总额")[7] = score
    assert _parse_html(table)["funds"][0]["score"] == Decimal("18")


@pytest.mark.parametrize(
    "label, source",
    [("其中：本年财政拨款", "appropriation"), ("财政资金", "appropriation"), ("财政专户管理资金", "other:财政专户管理资金"),
     ("本级安排", "other:本级安排"), ("上级补助", "other:上级补助"), ("单位资金", "other:单位资金")],
)
def test_funds_row_labels(label, source):
    table = _table(funds=BASE["funds"] + [{"source": "appropriation", "initial_budget": 1, "annual_budget": 1,
                                          "executed": 1, "weight": None, "execution_rate": None, "score": None}])
    next(r for r in table if r[1] == "其中：当年财政拨款")[1] = label
    assert _parse_html(table)["funds"][1]["source"] == source


def test_adjusted_budget_columns_and_level1_weight_in_label():
    table = _table()
    header = next(r for r in table if "全年预算数" in r)
    header[3], header[4] = "调整后预算数", "预算执行数"
    next(r for r in table if r[1] == "产出指标")[1] = "产出指标(80分)"
    form = _parse_html(table)
    assert form["funds"][0]["annual_budget"] == Decimal("100") and form["funds"][0]["executed"] == Decimal("90")
    assert form["indicators"][0]["level1"] == "产出指标"
    assert form["indicators"][0]["level1_declared_weight"] == Decimal("80")


def test_split_target_columns_are_joined_into_target_raw():
    table = _table()
    header = next(r for r in table if "年度指标值" in r)
    at = header.index("年度指标值")
    for row in table[table.index(header):]:
        row[at:at + 1] = ["指标性质", "指标值", "度量单位"] if row is header else (
            ["≥", "100", "人"] if row[3] == "培训人数" else ["", "", ""])
    for row in table:
        row.extend([""] * (11 - len(row)))
    form = parse_document(render.to_xlsx([table]), "split").forms[0]
    assert form["indicators"][0]["target_raw"] == "≥100人"
    assert form["indicators"][0]["target_operator"] == ">="


def test_cost_as_its_own_level1():
    form = _parse_html(_table(indicators=[dict(BASE["indicators"][0], level1="成本指标", level2="经济成本指标")]))
    assert (form["indicators"][0]["level1"], form["indicators"][0]["level2"]) == ("成本指标", "经济成本指标")


def test_whole_department_form_is_rejected_as_unsupported():
    table = _table()
    table[0][0] = "2022年度部门整体支出绩效自评表"
    with pytest.raises(DocumentError, match="unsupported template: 部门整体"):
        parse_document(render.to_html([table]), "dept.html")


def test_framework_layout_is_rejected_not_misread():
    table = _table(indicators=[dict(BASE["indicators"][0], level1="项目决策", level2="项目立项")])
    with pytest.raises(DocumentError, match="unsupported template: evaluation-framework"):
        parse_document(render.to_html([table]), "framework.html")
