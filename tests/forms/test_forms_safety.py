"""Readings that must never turn into wrong numbers: where the text does not settle a cell, it is
left blank and reported. Cases found by a review of the round-16 to round-20 rules (synthetic texts)
and a property test of the run-on funds cutting over generated rows."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orchestration.forms import parse_document, to_contract_dict
from orchestration.forms.unseparated_cells import Ambiguous, split_fund_run

_HEAD = "| 项目支出绩效自评表 | | | | | | |\n| (2022年度) | | | | | | |\n| 项目名称 | 某某项目 | | | | | |\n"
_FUNDS = ("| 项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
          "| 年度资金总额 | 100 | 100 | 90 | 10 | 90% | 9 |\n")
_TABLE = "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"


def _form(text: str) -> dict:
    return to_contract_dict(parse_document(text.encode(), "t.txt").forms[0])


def _rows(form: dict) -> list[tuple]:
    return [(i["name"], i["target_raw"], i["actual_raw"], i["weight"], i["score"]) for i in form["indicators"]]


def test_a_two_line_header_keeps_a_target_merged_over_both_lines():
    text = (_HEAD + _FUNDS + "| 绩效指标 | | | 分值 | 年度指标值 | 实际完成值 | 得分 |\n| 一级指标 | 二级指标 | 三级指标 | | | | |\n"
            "| 产出指标 | 数量指标 | 培训人数 | 50 | 100 | 95 | 45 |\n| 总分 | 100 | 94 |\n")
    assert _rows(_form(text)) == [("培训人数", "100", "95", 50, 45)]


def test_two_cuttings_that_each_bear_a_rate_out_only_nearly_are_ambiguous():
    s = "178.9178.9178.1599.00%"  # 178.9 | 178.9 | 178.15 or 178.91 | 78.91 | 78.15, both near 99 %
    try:
        cut = split_fund_run(s, 0, len(s), ["initial_budget", "annual_budget", "executed", "execution_rate"])
    except Ambiguous:
        return
    raise AssertionError(f"cut {cut} although two readings fit")


def test_a_blank_self_score_cell_takes_no_stray_number_for_the_total():
    text = ("| 项目支出绩效自评表 | | | | | | |\n| (2022年度) | | | | | | |\n| 项目名称 | 某某项目 | | 自评得分 | | | |\n"
            "| 项目周期(年) | 3 | | | | | |\n" + _FUNDS + _TABLE + "| 产出指标 | 数量指标 | 培训人数 | 100 | 95 | 50 | 45 |\n")
    form = _form(text)
    assert form["total_score"] is None
    assert any(p["message"] == "未找到总分行" for p in form["problems"])


def test_a_satisfaction_name_followed_by_its_target_stays_the_name():
    text = ("项目支出绩效自评表\n(2022年度)\n项目名称 某某项目\n项目资金(万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
            "年度资金总额 100 100 90 10 90% 9\n一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n"
            "产出指标 数量指标 培训人数 100 95 50 45\n满意度指标 服务对象满意度 ≥90% 95% 10 8\n总分 60 53\n")
    assert _rows(_form(text))[1] == ("服务对象满意度", "≥90%", "95%", 10, 8)


def test_a_score_total_row_holds_the_score_alone():
    text = _HEAD + _FUNDS + _TABLE + "| 产出指标 | 数量指标 | 培训人数 | 100 | 95 | 50 | 45 |\n| 得分合计 | 94 |\n"
    form = _form(text)
    assert (form["total_weight"], form["total_score"]) == (None, 94)


def test_a_source_row_value_in_the_weight_column_is_no_rate_unless_the_amounts_say_so():
    text = _HEAD + _FUNDS + "| 其中:财政拨款 | 80 | 80 | 70 | 8 | | |\n" + _TABLE
    part = _form(text)["funds"][1]
    assert (part["weight"], part["execution_rate"]) == (8, None)


def test_a_flattened_source_row_value_after_its_amounts_is_a_rate_only_when_the_amounts_say_so():
    text = ("项目支出绩效自评表\n(2022年度)\n项目名称 某某项目\n项目资金(万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
            "年度资金总额 100 100 90 10 90% 9\n其中:财政拨款 80 80 70 8\n单位资金 20 20 20 100\n"
            "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n产出指标 数量指标 培训人数 100 95 50 45\n")
    funds = _form(text)["funds"]
    assert [(f["weight"], f["execution_rate"]) for f in funds[1:]] == [(8, None), (None, 1.0)]


def test_values_beyond_the_columns_are_not_realigned_when_the_rate_disagrees():
    text = (_HEAD + "| 项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
            "| 年度资金总额 | 80 | 100 | 95 | 90 | 10 | 90% | 9 |\n" + _TABLE)
    form = _form(text)
    assert not any(p["severity"] == "warning" and "数值比列多" in p["message"] for p in form["problems"])
    assert any(p["severity"] == "error" and p["rule_id"].startswith("R-PARSE") for p in form["problems"])


def test_a_row_whose_name_cell_is_blank_keeps_its_values_in_their_columns():
    text = (_HEAD + _FUNDS + _TABLE + "| 产出指标 | 数量指标 | | 100 | 95 | 50 | 45 |\n"
            "| 效益指标 | 社会效益指标 | 覆盖村数 | 12 | 12 | 30 | 30 |\n")
    form = _form(text)
    assert _rows(form) == [("", "100", "95", 50, 45), ("覆盖村数", "12", "12", 30, 30)]
    assert any("名称为空" in p["message"] for p in form["problems"])


# -- the run-on funds cutting: right or ambiguous, never wrong -----------------------------------

def _fmt(value: Decimal, places: int) -> str:
    return str(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


@st.composite
def _funds_rows(draw):
    places = draw(st.sampled_from([0, 0, 1, 2, 2, 4]))
    budget = Decimal(draw(st.integers(1, 999_999))) / Decimal(10) ** draw(st.sampled_from([0, 0, 1, 2]))
    share = draw(st.sampled_from([Decimal(1), Decimal(1), Decimal(0)]) | st.integers(0, 100).map(lambda n: Decimal(n) / 100))
    if budget.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) == 0:
        budget = Decimal(1)
    # A row's amounts share their format (the same decimals), as every form's do.
    b, e = _fmt(budget, places), _fmt(budget * share, places)
    rate = Decimal(e) / Decimal(b) * 100
    r = _fmt(rate, draw(st.sampled_from([0, 1, 2]))) + "%"
    if draw(st.booleans()):
        return ["annual_budget", "executed", "execution_rate"], [b, e, r]
    weight = draw(st.sampled_from(["10", "20"]))
    score = _fmt(Decimal(weight) * min(rate, Decimal(100)) / 100, draw(st.sampled_from([0, 1, 2])))
    return (["initial_budget", "annual_budget", "executed", "weight", "execution_rate", "score"],
            [b, b, e, weight, r, score])


# derandomize: the same 400 rows on every run, so CI never meets a new case by chance; the search for
# new ones is done with more examples by hand (RESULTS.md, section 43).
@settings(max_examples=400, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(_funds_rows())
def test_a_run_on_funds_row_is_cut_right_or_left_ambiguous(row):
    columns, cells = row
    s = "".join(cells)
    try:
        cut = split_fund_run(s, 0, len(s), columns)
    except Ambiguous:
        return
    assert {c: s[a:b] for c, (a, b) in cut.items()} == dict(zip(columns, cells))
