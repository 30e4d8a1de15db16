"""R-IND: indicator rows (anchor: int_indicator_scoring, one row per indicator row).

Only applicable rows of current forms are judged. Quantitative rules apply to
target_kind = 'quantitative' only, so qualitative and date targets (长期, 提高, "12月31日前")
never reach them. The operator is the effective one (written, or inferred for R-IND-08).
"""

from __future__ import annotations

from expectations.rule import RuleCheck, Suite
from expectations.sql import (
    BATCH,
    NULL_TEXT,
    as_text,
    compact,
    current_forms,
    is_blank,
    operator_symbol,
    ratio,
    score_tolerance,
)

# Applicable indicator rows of current forms, with short names for the formulas below:
# t = 年度指标值 T, a = 实际完成值 A, w = 分值, sc = 得分. A negative A counts as 0 when scoring
# a positive target (as the finance platform and int_indicator_scoring do).
_INDICATORS = f"""
WITH ind AS (
    SELECT s.form_id, coalesce(s.name, s.level2) AS subject, s.line, s.level1, s.level2,
           s.target_raw, s.actual_raw, s.target_kind, s.effective_operator AS op,
           coalesce(s.operator_inferred, false) AS operator_inferred,
           s.target_value AS t, s.actual_value AS a, s.actual_band, s.weight AS w, s.score AS sc,
           s.deviation_note, coalesce(s.is_cost_indicator, false) AS is_cost,
           s.target_unit, s.funds_executed, s.amount_unit
    FROM {BATCH} AS s
    {current_forms('s')}
    WHERE s.applicable
)
"""

_QUANTITATIVE = "target_kind = 'quantitative' AND t IS NOT NULL AND a IS NOT NULL"
_POSITIVE = "op IN ('>=', '>', '=')"
_REVERSE = "op IN ('<=', '<')"
_SCORED = "w IS NOT NULL AND sc IS NOT NULL"
_TOLERANCE_TEXT = as_text(score_tolerance("w"), 3)

R_IND_01 = RuleCheck(
    rule_id="R-IND-01",
    severity="error",
    name="indicator_score_within_weight",
    description="0 ≤ 得分 ≤ 分值 on every applicable indicator.",
    message_zh="得分{reported}超出0至分值{weight}的范围",
    sql=_INDICATORS
    + f"""
SELECT form_id, subject, {as_text('sc')} AS reported,
       CASE WHEN sc < 0 THEN '0' ELSE {as_text('w')} END AS expected, line,
       coalesce({as_text('w')}, '—') AS weight
FROM ind
WHERE sc IS NOT NULL AND (sc < 0 OR sc > w)
""",
)

R_IND_02 = RuleCheck(
    rule_id="R-IND-02",
    severity="warning",
    name="positive_indicator_scored_by_ratio",
    description="≥, >, = (T>0): expected w if A ≥ T else w·A/T, within tolS(w).",
    message_zh=(
        "年度指标值{target_raw}，实际完成值{actual}，按完成比例应得{expected}分，"
        "填报{reported}分（超出允许误差{tolerance}）"
    ),
    sql=_INDICATORS
    + f"""
, expected AS (
    SELECT *, CASE WHEN a >= t THEN CAST(w AS DECIMAL(38,10))
                   ELSE {ratio('w * greatest(a, 0)', 't')} END AS expected_score
    FROM ind
    WHERE {_QUANTITATIVE} AND {_POSITIVE} AND {_SCORED}
      AND (t > 0 OR (op <> '=' AND a >= t))
)
SELECT form_id, subject, {as_text('sc')} AS reported, {as_text('expected_score', 2)} AS expected,
       line, target_raw, {as_text('a', 6)} AS actual, {_TOLERANCE_TEXT} AS tolerance
FROM expected
WHERE abs(sc - expected_score) > {score_tolerance('w')}
""",
)

R_IND_03 = RuleCheck(
    rule_id="R-IND-03",
    severity="warning",
    name="target_not_far_exceeded",
    description="Over-achievement A ≥ 1.2·T on ≥, >, = targets (target possibly set too low).",
    message_zh=(
        "实际完成值{reported}是年度指标值{expected}的{times}倍（≥1.2倍），"
        "指标值可能设置偏低，请说明超额完成的原因"
    ),
    sql=_INDICATORS
    + f"""
SELECT form_id, subject, {as_text('a', 6)} AS reported, {as_text('t', 6)} AS expected, line,
       {as_text(ratio('a', 't'), 2)} AS times
FROM ind
WHERE {_QUANTITATIVE} AND {_POSITIVE} AND t > 0 AND a >= 1.2 * t
""",
)

# Reverse targets: met -> w. Missed -> linear w·(2 − A/T) (0 from 2T) or inverse w·T/A; either
# is accepted. T = 0 ("投诉 ≤ 0") missed -> 0 under both.
R_IND_04 = RuleCheck(
    rule_id="R-IND-04",
    severity="warning",
    name="reverse_indicator_scored",
    description="≤, <: expected w if A ≤ T, else w·(2 − A/T) or w·T/A, within tolS(w).",
    message_zh=(
        "反向指标（年度指标值{target_raw}），实际完成值{actual}，{basis}，"
        "填报{reported}分（超出允许误差{tolerance}）"
    ),
    sql=_INDICATORS
    + f"""
, expected AS (
    SELECT *,
           CASE WHEN a <= t THEN CAST(w AS DECIMAL(38,10))
                WHEN t <= 0 OR a >= 2 * t THEN CAST(0 AS DECIMAL(38,10))
                ELSE {ratio('w * (2 * t - a)', 't')} END AS linear_score,
           CASE WHEN a <= t THEN CAST(w AS DECIMAL(38,10))
                WHEN t <= 0 THEN CAST(0 AS DECIMAL(38,10))
                ELSE {ratio('w * t', 'a')} END AS inverse_score
    FROM ind
    WHERE {_QUANTITATIVE} AND {_REVERSE} AND {_SCORED}
)
SELECT form_id, subject, {as_text('sc')} AS reported, {as_text('linear_score', 2)} AS expected,
       line, target_raw, {as_text('a', 6)} AS actual, {_TOLERANCE_TEXT} AS tolerance,
       CASE WHEN a <= t THEN '已达标，应得满分' || {as_text('w')} || '分'
            ELSE '未达标，按线性法应得' || {as_text('linear_score', 2)} || '分、按反比法应得'
                 || {as_text('inverse_score', 2)} || '分' END AS basis
FROM expected
WHERE abs(sc - linear_score) > {score_tolerance('w')}
  AND abs(sc - inverse_score) > {score_tolerance('w')}
""",
)

# Band limits rounded to 2 places (research §2.3, R-IND-06).
_BANDS = """
, banded AS (
    SELECT *,
           CASE actual_band WHEN '达成' THEN round(0.8 * w, 2) WHEN '部分达成' THEN round(0.6 * w, 2)
                ELSE 0 END AS low,
           CASE actual_band WHEN '达成' THEN w WHEN '部分达成' THEN round(0.8 * w, 2)
                ELSE round(0.6 * w, 2) END AS high
    FROM ind
    WHERE actual_band IN ('达成', '部分达成', '未达成') AND w IS NOT NULL AND sc IS NOT NULL
)
"""

R_IND_06 = RuleCheck(
    rule_id="R-IND-06",
    severity="warning",
    name="qualitative_score_in_band",
    description="达成 [0.8w, w], 部分达成 [0.6w, 0.8w), 未达成 [0, 0.6w).",
    message_zh="定性完成情况为“{actual_band}”，得分应在{expected}之间，填报{reported}分",
    sql=_INDICATORS
    + _BANDS
    + f"""
SELECT form_id, subject, {as_text('sc')} AS reported,
       '[' || {as_text('low')} || ', ' || {as_text('high')}
           || CASE WHEN actual_band = '达成' THEN ']' ELSE ')' END AS expected,
       line, actual_band
FROM banded
WHERE sc < low OR sc > high OR (sc = high AND actual_band <> '达成')
""",
)

R_IND_07 = RuleCheck(
    rule_id="R-IND-07",
    severity="warning",
    name="lost_points_explained",
    description="得分 < 分值 needs a 偏差原因分析及改进措施.",
    message_zh="得分{reported}低于分值{expected}，但未填写偏差原因分析及改进措施",
    sql=_INDICATORS
    + f"""
SELECT form_id, subject, {as_text('sc')} AS reported, {as_text('w')} AS expected, line
FROM ind
WHERE {_SCORED} AND sc < w AND {is_blank('deviation_note')}
""",
)

R_IND_08 = RuleCheck(
    rule_id="R-IND-08",
    severity="warning",
    name="target_operator_written",
    description="Numeric target without an operator: ≤ inferred for 成本指标, ≥ otherwise.",
    message_zh="年度指标值“{reported}”没有写比较符号，已按{kind}推定为“{expected}”",
    sql=_INDICATORS
    + f"""
SELECT form_id, subject, target_raw AS reported,
       {operator_symbol('op')} || target_raw AS expected, line,
       CASE WHEN is_cost THEN '成本指标（越低越好）' ELSE '正向指标（越高越好）' END AS kind
FROM ind
WHERE operator_inferred
""",
)

R_IND_09 = RuleCheck(
    rule_id="R-IND-09",
    severity="warning",
    name="numeric_target_has_numeric_actual",
    description="A numeric target whose actual is not a number cannot be scored.",
    message_zh="年度指标值为数值（{target_raw}），实际完成值“{reported}”不是数字，无法按公式计分",
    sql=_INDICATORS
    + f"""
SELECT form_id, subject, actual_raw AS reported, {NULL_TEXT} AS expected, line, target_raw
FROM ind
WHERE target_kind = 'quantitative' AND a IS NULL
""",
)

# The funds E is in the form's unit; a 万元 cost indicator is compared in 万元.
R_IND_10 = RuleCheck(
    rule_id="R-IND-10",
    severity="info",
    name="cost_indicator_matches_funds_executed",
    description="A 成本指标 in 万元 equals the funds block's 全年执行数 (±0.005 after rounding).",
    message_zh="成本指标实际完成值{reported}万元与资金表全年执行数{expected}万元不一致",
    sql=_INDICATORS
    + f"""
, compared AS (
    SELECT *, CASE WHEN amount_unit = '元' THEN {ratio('funds_executed', '10000')}
                   ELSE CAST(funds_executed AS DECIMAL(38,10)) END AS executed_wan
    FROM ind
    WHERE is_cost AND target_unit = '万元' AND a IS NOT NULL AND funds_executed IS NOT NULL
)
SELECT form_id, subject, {as_text('a', 6)} AS reported, {as_text('executed_wan', 6)} AS expected,
       line
FROM compared
WHERE abs(round(a, 2) - executed_wan) > 0.005
""",
)

# rules.md R-IND-11: accepted 一级 -> 二级 pairs.
LEVEL2_BY_LEVEL1 = {
    "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
    "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    "满意度指标": ("满意度指标", "服务对象满意度指标"),
    "成本指标": ("经济成本指标", "社会成本指标", "生态环境成本指标"),
}
_ACCEPTED_PAIRS = ", ".join(
    f"('{level1}', '{level2}', '{'、'.join(level2s)}')"
    for level1, level2s in LEVEL2_BY_LEVEL1.items()
    for level2 in level2s
)

R_IND_11 = RuleCheck(
    rule_id="R-IND-11",
    severity="warning",
    name="level2_under_its_level1",
    description="二级 belongs to its 一级 (2020 and 2021+ taxonomies).",
    message_zh="二级指标“{reported}”不属于一级指标“{level1}”（可用的二级指标：{expected}）",
    sql=_INDICATORS
    + f"""
, accepted AS (
    SELECT * FROM (VALUES {_ACCEPTED_PAIRS}) AS pairs(level1, level2, allowed)
)
SELECT ind.form_id, ind.subject, ind.level2 AS reported,
       coalesce(max(allowed_for_level1.allowed), '无（未知的一级指标）') AS expected, ind.line,
       coalesce(ind.level1, '') AS level1
FROM ind
LEFT JOIN accepted AS pair
       ON pair.level1 = {compact('ind.level1')} AND pair.level2 = {compact('ind.level2')}
LEFT JOIN accepted AS allowed_for_level1
       ON allowed_for_level1.level1 = {compact('ind.level1')}
WHERE ind.level2 IS NOT NULL AND pair.level2 IS NULL
GROUP BY ind.form_id, ind.subject, ind.level2, ind.line, ind.level1
""",
)

R_IND_13 = RuleCheck(
    rule_id="R-IND-13",
    severity="warning",
    name="no_full_marks_when_target_missed",
    description="s = w while A < T (≥, >, =) or A > T (≤, <).",
    message_zh="实际完成值{reported}未达到年度指标值{target_raw}，却得满分{weight}分",
    sql=_INDICATORS
    + f"""
SELECT form_id, subject, {as_text('a', 6)} AS reported, {as_text('t', 6)} AS expected, line,
       target_raw, {as_text('w')} AS weight
FROM ind
WHERE {_QUANTITATIVE} AND {_SCORED} AND sc = w
  AND (({_POSITIVE} AND a < t) OR ({_REVERSE} AND a > t))
""",
)

SUITE = Suite(
    name="indicators",
    table="int_indicator_scoring",
    checks=(
        R_IND_01,
        R_IND_02,
        R_IND_03,
        R_IND_04,
        R_IND_06,
        R_IND_07,
        R_IND_08,
        R_IND_09,
        R_IND_10,
        R_IND_11,
        R_IND_13,
    ),
)
