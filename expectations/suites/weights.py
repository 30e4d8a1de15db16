"""R-WGT: how the 100 points are split (anchor: int_form_totals, one row per form)."""

from __future__ import annotations

from expectations.rule import RuleCheck, Suite
from expectations.sql import BATCH, NULL_LINE, as_text, compact, current_forms, table

# Funds + applicable indicators; falls back to the parts when the model left the sum NULL.
_WEIGHT_SUM = (
    "coalesce(t.weight_sum, coalesce(t.funds_weight, 0) + coalesce(t.indicator_weight_sum, 0))"
)

R_WGT_01 = RuleCheck(
    rule_id="R-WGT-01",
    severity="error",
    name="weights_sum_to_100",
    description="Funds 分值 + applicable indicator 分值 = 100 (±0.01), and = the 总分 row's 分值.",
    message_zh="{what}为{reported}，应为{expected}",
    sql=f"""
WITH sums AS (
    SELECT t.form_id, t.total_weight AS declared_total, {_WEIGHT_SUM} AS weight_total
    FROM {BATCH} AS t
    {current_forms('t')}
)
SELECT form_id, '' AS subject, {as_text('weight_total')} AS reported, '100' AS expected,
       {NULL_LINE} AS line, '资金分值与全部适用指标分值合计' AS what
FROM sums
WHERE abs(weight_total - 100) > 0.01
UNION ALL
SELECT form_id, '总分' AS subject, {as_text('declared_total')} AS reported,
       {as_text('weight_total')} AS expected, {NULL_LINE} AS line,
       '总分行的分值（应等于各项分值合计）' AS what
FROM sums
WHERE declared_total IS NOT NULL AND abs(declared_total - weight_total) > 0.01
""",
)

# 产出 includes 成本指标 when a 2021+ form makes 成本指标 its own 一级.
_SPLIT = f"""
WITH split AS (
    SELECT t.form_id, coalesce(t.funds_weight, 0) AS funds,
           coalesce(sum(l.indicator_weight_sum)
                    FILTER (WHERE {compact('l.level1')} IN ('产出指标', '成本指标')), 0) AS output_w,
           coalesce(sum(l.indicator_weight_sum) FILTER (WHERE {compact('l.level1')} = '效益指标'), 0) AS benefit,
           coalesce(sum(l.indicator_weight_sum) FILTER (WHERE {compact('l.level1')} = '满意度指标'), 0)
               AS satisfaction
    FROM {BATCH} AS t
    {current_forms('t')}
    LEFT JOIN {table('int_level1_weights')} AS l ON l.form_id = t.form_id
    GROUP BY t.form_id, t.funds_weight
)
SELECT form_id, '' AS subject,
       {as_text('funds')} || '/' || {as_text('output_w')} || '/' || {as_text('benefit')} || '/'
           || {as_text('satisfaction')} AS reported,
       '10/50/30/10' AS expected, {NULL_LINE} AS line
FROM split
WHERE abs(funds - 10) > 0.01 OR abs(output_w - 50) > 0.01 OR abs(benefit - 30) > 0.01
   OR abs(satisfaction - 10) > 0.01
"""

R_WGT_02 = RuleCheck(
    rule_id="R-WGT-02",
    severity="info",
    name="weights_follow_default_split",
    description="Split differs from funds 10 / 产出 50 / 效益 30 / 满意度 10.",
    message_zh="分值分配（资金/产出/效益/满意度）为{reported}，与常规的{expected}不同",
    sql=_SPLIT,
)

R_WGT_03 = RuleCheck(
    rule_id="R-WGT-03",
    severity="error",
    name="level1_weights_match_declared",
    description="Indicators under a 一级 label that declares its weight sum to it (±0.01).",
    message_zh="一级指标“{subject}”标注为{expected}分，其下各三级指标分值合计为{reported}",
    sql=f"""
SELECT l.form_id, l.level1 AS subject, {as_text('coalesce(l.indicator_weight_sum, 0)')} AS reported,
       {as_text('l.declared_weight')} AS expected, first_line.line
FROM {table('int_level1_weights')} AS l
JOIN {BATCH} AS t ON t.form_id = l.form_id
{current_forms('l')}
LEFT JOIN (
    SELECT form_id, level1, min(line) AS line
    FROM {table('int_indicator_scoring')} GROUP BY form_id, level1
) AS first_line ON first_line.form_id = l.form_id AND first_line.level1 = l.level1
WHERE l.declared_weight IS NOT NULL
  AND abs(coalesce(l.indicator_weight_sum, 0) - l.declared_weight) > 0.01
""",
)

SUITE = Suite(name="weights", table="int_form_totals", checks=(R_WGT_01, R_WGT_02, R_WGT_03))
