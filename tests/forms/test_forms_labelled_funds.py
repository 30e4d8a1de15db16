"""Funds stated as labelled amounts, not as a table. 四川 区域 transfer forms in one-cell-per-line
text (the family of heldout h61): after the labelled total, each source's budget and execution as two
cells under the same label, and a 主管部门 whose name does not take the lone number after it (the
自评得分 column's top cell). 四川 专项资金 forms in run-on text (heldout h64): the budget and its use
as two labelled columns run together, each source's label written twice. Synthetic texts; the tests
of what is now read fail on 9158a0f, the two "no row" tests guard.
"""

from __future__ import annotations

from orchestration.forms import parse_document, to_contract_dict

_HEAD = ["食品监管补助资金区域绩效目标自评表", "专项名称", "某某补助资金", "中央主管部门", "某总局", "自评得分",
         "省级主管部门", "某省某局", "95", "预算执行情况", "预算数:", "2.38", "执行数:", "2.28", "20"]
_TABLE = ["年度绩效指标完成情况", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成指标值", "50",
          "产出指标", "质量指标", "指标1:人员培训", "已完成", "已完成", "5"]


def _form(cells: list[str]) -> dict:
    return to_contract_dict(parse_document(("\n\n".join(cells) + "\n").encode(), "t.txt").forms[0])


def _funds(form: dict) -> list[tuple]:
    return [(f["source"], f["annual_budget"], f["executed"], f["score"]) for f in form["funds"]]


def test_each_source_row_is_its_label_twice_with_the_budget_then_the_execution():
    cells = _HEAD + ["其中:中央补助", "1.5", "万元", "其中:中央补助", "1.4万元",
                     "其中:省级补助", "0.88万元", "其中:省级补助", "0.88万元"] + _TABLE
    assert _funds(_form(cells)) == [("total", 2.38, 2.28, 20), ("other:中央补助", 1.5, 1.4, None),
                                    ("other:省级补助", 0.88, 0.88, None)]


def test_a_source_with_two_different_labels_is_no_row():
    cells = _HEAD + ["其中:中央补助", "1.5万元", "其中:省级补助", "0.88万元"] + _TABLE
    assert _funds(_form(cells)) == [("total", 2.38, 2.28, 20)]


def test_a_lone_number_after_the_department_is_not_part_of_its_name():
    cells = [{"省级主管部门": "主管部门", "某省某局": "某县某局"}.get(c, c) for c in _HEAD]
    form = _form(cells + _TABLE)
    assert (form["department"], form["total_score"]) == ("某县某局", 95)


_PAIRED = ("专项名称某某发展专项资金省级主管部门某省财政厅资金情况(万元)年度金额(提前下达):120万元资金使用情况(万元)合计:"
           "90.5万元中央财政100万元中央财政80.5万元省级财政20万元省级财政10万元年度总体目标目标1:支持某某发展,"
           "完成情况1:支持某某发展,绩效目标完成情况一级指标二级指标三级指标指标值完成值权重得分产出指标数量指标"
           "贷款发放额增长率≥10%15.25%20%20得分合计100。")


def test_run_on_budget_and_use_columns_with_each_source_label_written_twice():
    form = to_contract_dict(parse_document(_PAIRED.encode(), "t.txt").forms[0])
    assert [(f["source"], f["annual_budget"], f["executed"], f["execution_rate"]) for f in form["funds"]] == [
        ("total", 120, 90.5, None), ("other:中央财政", 100, 80.5, None), ("other:省级财政", 20, 10, None)]


def test_run_on_source_amounts_under_two_different_labels_are_no_row():
    text = _PAIRED.replace("中央财政80.5万元", "地方财政80.5万元")
    form = to_contract_dict(parse_document(text.encode(), "t.txt").forms[0])
    assert [(f["source"], f["annual_budget"], f["executed"]) for f in form["funds"]] == [("total", 120, 90.5)]
