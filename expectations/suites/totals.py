"""R-TOT: the 总分 row and the grade (anchor: int_form_totals, one row per form)."""

from __future__ import annotations

from expectations.rule import RuleCheck, Suite
from expectations.sql import BATCH, NULL_LINE, NULL_TEXT, as_text, current_forms

# 总分 against funds score + Σ indicator scores. Within 0.01 passes; within 0.005 per scored
# row (each part rounded to 2 places) is a warning; more is an error.
_TOTAL_GAPS = f"""
WITH totals AS (
    SELECT t.form_id, t.total_score AS reported_total,
           coalesce(t.computed_total_score,
                    coalesce(t.funds_score, 0) + coalesce(t.indicator_score_sum, 0)) AS computed,
           0.005 * coalesce(t.scored_row_count, 0) AS rounding_allowance
    FROM {BATCH} AS t
    {current_forms('t')}
    WHERE t.total_score IS NOT NULL
), gaps AS (
    SELECT *, abs(reported_total - computed) AS gap FROM totals
)
SELECT form_id, '总分' AS subject, {as_text('reported_total')} AS reported,
       {as_text('computed')} AS expected, {NULL_LINE} AS line, {as_text('gap', 4)} AS gap_text,
       {as_text('greatest(0.01, rounding_allowance)', 3)} AS allowance
FROM gaps
"""

R_TOT_01_ERROR = RuleCheck(
    rule_id="R-TOT-01",
    severity="error",
    name="total_equals_sum_of_scores",
    description="总分 = funds score + Σ indicator scores (gap > max(0.01, 0.005·n) is an error).",
    message_zh="总分填报{reported}，资金得分与各指标得分合计为{expected}（相差{gap_text}，超过{allowance}）",
    sql=_TOTAL_GAPS + "WHERE gap > 0.01 AND gap > rounding_allowance\n",
)

R_TOT_01_WARNING = RuleCheck(
    rule_id="R-TOT-01",
    severity="warning",
    name="total_rounded_from_parts",
    description="总分 differs from the sum of scores by 0.01–0.005·n (rounding of the parts).",
    message_zh=(
        "总分填报{reported}，资金得分与各指标得分合计为{expected}"
        "（相差{gap_text}，在逐项舍入的允许范围{allowance}以内）"
    ),
    sql=_TOTAL_GAPS + "WHERE gap > 0.01 AND gap <= rounding_allowance\n",
)

R_TOT_02 = RuleCheck(
    rule_id="R-TOT-02",
    severity="error",
    name="total_within_bounds",
    description="0 ≤ 总分 ≤ 100 and 总分 ≤ Σ 分值.",
    message_zh="总分{reported}超出0至{expected}的范围（总分不超过100，也不超过各项分值合计）",
    sql=f"""
WITH bounds AS (
    SELECT t.form_id, t.total_score AS reported_total,
           least(100, coalesce(t.weight_sum, 100)) AS upper_bound
    FROM {BATCH} AS t
    {current_forms('t')}
    WHERE t.total_score IS NOT NULL
)
SELECT form_id, '总分' AS subject, {as_text('reported_total')} AS reported,
       CASE WHEN reported_total < 0 THEN '0' ELSE {as_text('upper_bound')} END AS expected,
       {NULL_LINE} AS line
FROM bounds
WHERE reported_total < 0 OR reported_total > upper_bound
""",
)

# 优 ≥ 90, 良 [80, 90), 中 [60, 80), 差 < 60, on 总分 rounded half-up to 2 places.
_DERIVED_GRADE = """CASE WHEN round(t.total_score, 2) >= 90 THEN '优'
                WHEN round(t.total_score, 2) >= 80 THEN '良'
                WHEN round(t.total_score, 2) >= 60 THEN '中'
                ELSE '差' END"""
# "优秀", "良好", "中等", "较差" are written for the four grades.
_REPORTED_GRADE = """CASE WHEN t.reported_grade LIKE '%优%' THEN '优'
                 WHEN t.reported_grade LIKE '%良%' THEN '良'
                 WHEN t.reported_grade LIKE '%中%' THEN '中'
                 WHEN t.reported_grade LIKE '%差%' THEN '差'
                 ELSE trim(t.reported_grade) END"""

R_TOT_04 = RuleCheck(
    rule_id="R-TOT-04",
    severity="error",
    name="grade_matches_total",
    description="A reported grade agrees with 总分 (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 < 60).",
    message_zh="自评等级填报“{reported}”，按总分{total}应为“{expected}”（优≥90，良80–90，中60–80，差<60）",
    sql=f"""
WITH grades AS (
    SELECT t.form_id, trim(t.reported_grade) AS reported_grade, t.total_score,
           {_REPORTED_GRADE} AS normalised_grade,
           {_DERIVED_GRADE} AS derived
    FROM {BATCH} AS t
    {current_forms('t')}
    WHERE t.total_score IS NOT NULL AND nullif(trim(t.reported_grade), '') IS NOT NULL
)
SELECT form_id, '总分' AS subject, reported_grade AS reported, derived AS expected,
       {NULL_LINE} AS line, {as_text('total_score')} AS total
FROM grades
WHERE normalised_grade <> derived
""",
)

R_TOT_05 = RuleCheck(
    rule_id="R-TOT-05",
    severity="warning",
    name="high_total_with_low_execution",
    description="Execution rate < 60 % while 总分 ≥ 90.",
    message_zh="预算执行率仅{reported}%（低于60%），总分却为{total}分（≥90分），请核实",
    sql=f"""
SELECT t.form_id, '' AS subject, {as_text('t.funds_execution_rate * 100', 2)} AS reported,
       {NULL_TEXT} AS expected, {NULL_LINE} AS line, {as_text('t.total_score')} AS total
FROM {BATCH} AS t
{current_forms('t')}
WHERE t.funds_execution_rate < 0.6 AND t.total_score >= 90
""",
)

SUITE = Suite(
    name="totals",
    table="int_form_totals",
    checks=(R_TOT_01_ERROR, R_TOT_01_WARNING, R_TOT_02, R_TOT_04, R_TOT_05),
)
