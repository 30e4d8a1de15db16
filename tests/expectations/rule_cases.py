"""One passing and at least one failing form per rule of rules.md.

Every case is the clean `base_form()` with one change. All cases live in one database, each
as its own form (form_id = case id), so one `run_rule_suites` call judges them all.
A failing case names the finding it must produce: (subject, reported, expected).
A passing case must produce no finding of its rule (of its severity, when given).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from intermediate_fixture import Form, Indicator, base_form


@dataclass(frozen=True)
class Case:
    case_id: str
    rule_id: str
    severity: str | None  # None on a passing case: no finding of the rule at any severity
    change: Callable[[Form], None]
    finding: tuple[str, str | None, str | None] | None = None  # subject, reported, expected

    @property
    def fails(self) -> bool:
        return self.finding is not None

    def form(self) -> Form:
        form = base_form(self.case_id)
        self.change(form)
        return form


def _set(**attributes):
    def change(form: Form) -> None:
        for name, value in attributes.items():
            setattr(form, name, value)

    return change


def _fund(source: str, **attributes):
    def change(form: Form) -> None:
        fund = form.fund(source)
        for name, value in attributes.items():
            setattr(fund, name, value)

    return change


def _indicator(name: str, **attributes):
    def change(form: Form) -> None:
        indicator = form.indicator(name)
        for name_, value in attributes.items():
            setattr(indicator, name_, value)

    return change


def _all(*changes):
    def change(form: Form) -> None:
        for one in changes:
            one(form)

    return change


def _nothing(form: Form) -> None:
    pass


def _executed(amount, rate, score):
    """Change 全年执行数 on the total and appropriation rows, keeping the funds block consistent."""
    return _all(
        _fund("total", executed=amount, execution_rate=rate, score=score),
        _fund("appropriation", executed=amount),
    )


def _in_yuan(form: Form) -> None:
    form.amount_unit = "元"
    for fund in form.funds:
        for column in ("initial_budget", "annual_budget", "executed"):
            value = getattr(fund, column)
            if value is not None:
                setattr(fund, column, value * 10000)


def _cost_as_level1(form: Form) -> None:
    cost = form.indicator("项目成本（万元）")
    cost.level1, cost.level2 = "成本指标", "经济成本指标"


def _versions(current_hash: str, previous_hash: str):
    def change(form: Form) -> None:
        form.version_number = 2
        form.previous_form_id = f"{form.form_id}_v1"
        form.content_hash = current_hash
        form.previous_content_hash = previous_hash

    return change


def _no_applicable_indicators(form: Form) -> None:
    form.indicators = [Indicator("产出指标", "数量指标", "/", "/", "/")]


COUNT = "培训人数（人）"
COST = "项目成本（万元）"
BENEFIT = "培训人员专业水平"
SATISFACTION = "受训人员满意度"
TOTAL_ROW = "年度资金总额"

CASES: tuple[Case, ...] = (
    # R-PARSE
    Case("parse01_fail", "R-PARSE-01", "error", _set(project_name=None), ("", None, None)),
    Case("parse01_fail_year", "R-PARSE-01", "error", _set(report_year=None), ("", None, None)),
    Case("parse01_pass", "R-PARSE-01", None, _nothing),
    Case("parse02_fail", "R-PARSE-02", "error", _set(has_total_row=False), ("", None, None)),
    Case("parse02_fail_no_indicators", "R-PARSE-02", "error", _no_applicable_indicators,
         ("", None, None)),
    Case("parse02_pass", "R-PARSE-02", None, _nothing),
    Case("parse03_fail", "R-PARSE-03", "error",
         _indicator(COUNT, score=None, cell_text={"score": "满分"}),
         (f"{COUNT}·得分", "满分", None)),
    Case("parse03_fail_required_blank", "R-PARSE-03", "error", _indicator(COUNT, score=None),
         (f"{COUNT}·得分", None, None)),
    Case("parse03_pass_dash", "R-PARSE-03", None,
         _fund("other", executed=None, cell_text={"executed": "—"})),
    Case("parse03_pass_rate_blank_when_budget_zero", "R-PARSE-03", None,
         _all(_fund("total", annual_budget=0, executed=0, execution_rate=None, score=0),
              _fund("appropriation", annual_budget=0, executed=0))),
    Case("parse04_fail", "R-PARSE-04", "warning", _versions("b" * 64, "a" * 64),
         ("", "b" * 12, "a" * 12)),
    Case("parse04_pass", "R-PARSE-04", None, _versions("c" * 64, "c" * 64)),
    # R-FUND
    Case("fund01_fail_error", "R-FUND-01", "error", _fund("total", execution_rate="0.90"),
         (TOTAL_ROW, "90", "95")),
    Case("fund01_fail_warning", "R-FUND-01", "warning", _fund("total", execution_rate="0.948"),
         (TOTAL_ROW, "94.8", "95")),
    Case("fund01_fail_warning_at_half_pp", "R-FUND-01", "warning",
         _fund("total", execution_rate="0.955"), (TOTAL_ROW, "95.5", "95")),
    Case("fund01_pass_half_pp_is_no_error", "R-FUND-01", "error",
         _fund("total", execution_rate="0.955")),
    Case("fund01_pass_at_0_01_pp", "R-FUND-01", None, _fund("total", execution_rate="0.9501")),
    Case("fund02_fail", "R-FUND-02", "warning", _fund("total", score="9.0"),
         (TOTAL_ROW, "9", "9.5")),
    Case("fund02_pass_within_tolerance", "R-FUND-02", None, _fund("total", score="9.45")),
    Case("fund03_fail", "R-FUND-03", "error", _executed(100, 1, "10.5"),
         (TOTAL_ROW, "10.5", "10")),
    Case("fund03_pass_full_marks", "R-FUND-03", None, _executed(100, 1, 10)),
    Case("fund04_fail", "R-FUND-04", "warning", _executed(105, "1.05", 10),
         (TOTAL_ROW, "105", "100")),
    Case("fund04_pass_equal", "R-FUND-04", None, _executed(100, 1, 10)),
    Case("fund05_fail", "R-FUND-05", "error", _fund("appropriation", annual_budget=90),
         (f"{TOTAL_ROW}·全年预算数", "100", "90")),
    Case("fund05_pass_within_0_01", "R-FUND-05", None, _fund("appropriation", executed="95.01")),
    Case("fund05_pass_total_blank", "R-FUND-05", None, _fund("total", initial_budget=None)),
    Case("fund05_pass_sources_blank", "R-FUND-05", None,
         _all(*(_fund(s, initial_budget=None, annual_budget=None, executed=None)
                for s in ("appropriation", "carryover", "other")))),
    Case("fund05_fail_yuan", "R-FUND-05", "error",
         _all(_in_yuan, _fund("appropriation", annual_budget=999800)),
         (f"{TOTAL_ROW}·全年预算数", "1000000", "999800")),
    Case("fund05_pass_yuan_tolerance", "R-FUND-05", None,
         _all(_in_yuan, _fund("appropriation", annual_budget=999900))),
    Case("fund06_fail", "R-FUND-06", "warning", _fund("appropriation", score="9.5"),
         ("当年财政拨款", "9.5", None)),
    Case("fund06_pass", "R-FUND-06", None, _nothing),
    Case("fund07_fail_zero", "R-FUND-07", "warning",
         _all(_fund("total", annual_budget=0, executed=0, execution_rate=None, score=0),
              _fund("appropriation", annual_budget=0, executed=0)),
         (TOTAL_ROW, "0", None)),
    Case("fund07_fail_blank", "R-FUND-07", "warning",
         _fund("total", annual_budget=None, execution_rate=None), (TOTAL_ROW, None, None)),
    Case("fund07_pass", "R-FUND-07", None, _nothing),
    Case("fund11_fail", "R-FUND-11", "error", _fund("other", executed=-5),
         ("其他资金·全年执行数", "-5", "0")),
    Case("fund11_pass_zero", "R-FUND-11", None, _nothing),
    # R-WGT
    Case("wgt01_fail", "R-WGT-01", "error", _indicator(COUNT, weight=21), ("", "101", "100")),
    Case("wgt01_fail_total_row", "R-WGT-01", "error", _set(total_weight=90), ("总分", "90", "100")),
    Case("wgt01_pass_no_total_weight", "R-WGT-01", None, _set(total_weight=None)),
    Case("wgt02_fail", "R-WGT-02", "info",
         _all(_fund("total", weight=20, score=19), _indicator(COUNT, weight=10, score=10)),
         ("", "20/40/30/10", "10/50/30/10")),
    Case("wgt02_pass_cost_as_level1", "R-WGT-02", None, _cost_as_level1),
    Case("wgt03_fail", "R-WGT-03", "error", _set(declared_weights={"产出指标": 60}),
         ("产出指标", "50", "60")),
    Case("wgt03_pass", "R-WGT-03", None, _set(declared_weights={"产出指标": 50, "效益指标": 30})),
    # R-IND
    Case("ind01_fail", "R-IND-01", "error", _indicator(SATISFACTION, score="10.5"),
         (SATISFACTION, "10.5", "10")),
    Case("ind01_pass_zero", "R-IND-01", None,
         _indicator(SATISFACTION, score=0, deviation_note="未开展调查")),
    Case("ind02_fail", "R-IND-02", "warning", _indicator(COUNT, actual_raw="80"),
         (COUNT, "20", "16")),
    Case("ind02_pass_within_tolerance", "R-IND-02", None,
         _indicator(COUNT, target_raw=">=2700人", actual_raw="1100", score="8.15",
                    deviation_note="疫情")),
    Case("ind02_pass_interview", "R-IND-02", None,
         _indicator(COUNT, target_raw=">=2700人", actual_raw="1100", weight=3, score="1.23",
                    deviation_note="疫情")),
    Case("ind03_fail_at_1_2", "R-IND-03", "warning", _indicator(COUNT, actual_raw="120"),
         (COUNT, "120", "100")),
    Case("ind03_pass", "R-IND-03", None, _indicator(COUNT, actual_raw="119.99")),
    Case("ind04_fail_met", "R-IND-04", "warning",
         _indicator(COST, score="14.25", deviation_note="按执行率计分"), (COST, "14.25", "15")),
    Case("ind04_fail_missed", "R-IND-04", "warning",
         _indicator(COST, actual_raw="120", score=15), (COST, "15", "12")),
    Case("ind04_pass_inverse", "R-IND-04", None,
         _indicator(COST, actual_raw="120", score="12.5", deviation_note="超支")),
    Case("ind04_pass_linear", "R-IND-04", None,
         _indicator(COST, actual_raw="120", score=12, deviation_note="超支")),
    Case("ind06_fail", "R-IND-06", "warning", _indicator(BENEFIT, actual_raw="部分达成"),
         (BENEFIT, "30", "[18, 24)")),
    Case("ind06_fail_upper_bound_open", "R-IND-06", "warning",
         _indicator(BENEFIT, actual_raw="部分达成", score=24, deviation_note="部分完成"),
         (BENEFIT, "24", "[18, 24)")),
    Case("ind06_pass", "R-IND-06", None,
         _indicator(BENEFIT, actual_raw="部分达成", score=18, deviation_note="部分完成")),
    Case("ind07_fail", "R-IND-07", "warning", _indicator(COUNT, actual_raw="80", score=16),
         (COUNT, "16", "20")),
    Case("ind07_fail_slash_note", "R-IND-07", "warning",
         _indicator(COUNT, actual_raw="80", score=16, deviation_note="/"), (COUNT, "16", "20")),
    Case("ind07_pass", "R-IND-07", None,
         _indicator(COUNT, actual_raw="80", score=16, deviation_note="生源不足")),
    Case("ind08_fail", "R-IND-08", "warning", _indicator(COUNT, target_raw="100人"),
         (COUNT, "100人", "≥100人")),
    Case("ind08_pass", "R-IND-08", None, _nothing),
    Case("ind09_fail", "R-IND-09", "warning", _indicator(COUNT, actual_raw="完成"),
         (COUNT, "完成", None)),
    Case("ind09_pass", "R-IND-09", None, _nothing),
    Case("ind10_fail", "R-IND-10", "info", _indicator(COST, actual_raw="90"), (COST, "90", "95")),
    Case("ind10_pass_after_rounding", "R-IND-10", None, _indicator(COST, actual_raw="95.004")),
    Case("ind11_fail", "R-IND-11", "warning", _indicator(COST, level2="经济成本指标"),
         (COST, "经济成本指标", "数量指标、质量指标、时效指标、成本指标")),
    Case("ind11_pass_cost_as_level1", "R-IND-11", None, _cost_as_level1),
    Case("ind11_pass_spaced_label", "R-IND-11", None, _indicator(COST, level2="成本 指标　")),
    Case("ind13_fail", "R-IND-13", "warning", _indicator(COUNT, actual_raw="90"),
         (COUNT, "90", "100")),
    Case("ind13_fail_reverse", "R-IND-13", "warning", _indicator(COST, actual_raw="110"),
         (COST, "110", "100")),
    Case("ind13_pass", "R-IND-13", None, _nothing),
    # R-TOT
    Case("tot01_fail_error", "R-TOT-01", "error", _set(total_score=98), ("总分", "98", "99.5")),
    Case("tot01_fail_warning", "R-TOT-01", "warning", _set(total_score="99.52"),
         ("总分", "99.52", "99.5")),
    Case("tot01_fail_warning_at_allowance", "R-TOT-01", "warning", _set(total_score="99.53"),
         ("总分", "99.53", "99.5")),
    Case("tot01_pass_at_0_01", "R-TOT-01", None, _set(total_score="99.51")),
    Case("tot02_fail", "R-TOT-02", "error",
         _all(_executed(100, 1, 10), _indicator(SATISFACTION, score=11)), ("总分", "101", "100")),
    Case("tot02_pass_100", "R-TOT-02", None, _executed(100, 1, 10)),
    Case("tot04_fail", "R-TOT-04", "error", _set(reported_grade="良"), ("总分", "良", "优")),
    Case("tot04_pass_long_name", "R-TOT-04", None, _set(reported_grade="优秀")),
    Case("tot04_pass_rounds_to_90", "R-TOT-04", None, _set(total_score="89.995")),
    Case("tot04_pass_not_reported", "R-TOT-04", None, _set(reported_grade=None)),
    Case("tot05_fail", "R-TOT-05", "warning", _executed(50, "0.5", 5), ("", "50", None)),
    Case("tot05_pass_at_60", "R-TOT-05", None, _executed(60, "0.6", 6)),
)


def old_versions() -> list[Form]:
    """The superseded first versions of the R-PARSE-04 cases; the first one breaks R-TOT-01."""
    forms = []
    for case_id, content in (("parse04_fail", "a" * 64), ("parse04_pass", "c" * 64)):
        old = base_form(f"{case_id}_v1")
        old.is_current = False
        old.content_hash = content
        old.total_score = 50
        forms.append(old)
    return forms


def case_forms() -> list[Form]:
    return [case.form() for case in CASES] + old_versions() + [base_form("base")]
