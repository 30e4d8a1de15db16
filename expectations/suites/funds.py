"""R-FUND: the funds block (anchor: int_fund_execution, one row per funds row).

Rates are compared as fractions and reported to auditors in percent. The total row
(年度资金总额) is the only row that carries 分值/得分 and the rate that is scored.
"""

from __future__ import annotations

from expectations.rule import RuleCheck, Suite
from expectations.sql import (
    BATCH,
    NULL_TEXT,
    as_text,
    current_forms,
    ratio,
    score_tolerance,
    table,
)

_ROW_LABEL = "coalesce(f.source_label, f.source)"

# R-FUND-01: recomputed E/B next to the reported rate, for rows with a rate and a budget.
_RATE_GAPS = f"""
WITH rates AS (
    SELECT f.form_id, {_ROW_LABEL} AS subject, f.line,
           f.reported_execution_rate AS reported_rate,
           {ratio('f.executed', 'f.annual_budget')} AS recomputed_rate
    FROM {BATCH} AS f
    {current_forms('f')}
    WHERE f.reported_execution_rate IS NOT NULL AND f.executed IS NOT NULL
      AND f.annual_budget > 0
), gaps AS (
    SELECT *, abs(reported_rate - recomputed_rate) * 100 AS gap FROM rates
)
SELECT form_id, subject, {as_text('reported_rate * 100')} AS reported,
       {as_text('recomputed_rate * 100', 2)} AS expected, line,
       {as_text('gap', 4)} AS gap_pp
FROM gaps
"""

R_FUND_01_ERROR = RuleCheck(
    rule_id="R-FUND-01",
    severity="error",
    name="execution_rate_matches_e_over_b",
    description="Reported 执行率 is within 0.5 pp of 全年执行数 ÷ 全年预算数.",
    message_zh=(
        "{subject}执行率填报{reported}%，按全年执行数÷全年预算数应为{expected}%"
        "（相差{gap_pp}个百分点，超过0.5个百分点）"
    ),
    sql=_RATE_GAPS + "WHERE gap > 0.5\n",
)

R_FUND_01_WARNING = RuleCheck(
    rule_id="R-FUND-01",
    severity="warning",
    name="execution_rate_rounded_off",
    description="Reported 执行率 is 0.01–0.5 pp away from 全年执行数 ÷ 全年预算数.",
    message_zh=(
        "{subject}执行率填报{reported}%，按全年执行数÷全年预算数应为{expected}%"
        "（相差{gap_pp}个百分点，超过0.01个百分点）"
    ),
    sql=_RATE_GAPS + "WHERE gap > 0.01 AND gap <= 0.5\n",
)

R_FUND_02 = RuleCheck(
    rule_id="R-FUND-02",
    severity="warning",
    name="funds_score_follows_rate",
    description="Funds score = 分值 × min(E/B, 1) within tolS(w).",
    message_zh=(
        "资金得分填报{reported}，按分值{weight}×min(执行率,100%)应为{expected}"
        "（允许误差{tolerance}）"
    ),
    sql=f"""
WITH scored AS (
    SELECT f.form_id, {_ROW_LABEL} AS subject, f.line, f.weight AS w, f.score AS s,
           f.weight * least({ratio('f.executed', 'f.annual_budget')}, 1) AS expected_score
    FROM {BATCH} AS f
    {current_forms('f')}
    WHERE f.is_total_row AND f.weight IS NOT NULL AND f.score IS NOT NULL
      AND f.executed IS NOT NULL AND f.annual_budget > 0
)
SELECT form_id, subject, {as_text('s')} AS reported, {as_text('expected_score', 2)} AS expected,
       line, {as_text('w')} AS weight, {as_text(score_tolerance('w'), 3)} AS tolerance
FROM scored
WHERE abs(s - expected_score) > {score_tolerance('w')}
""",
)

R_FUND_03 = RuleCheck(
    rule_id="R-FUND-03",
    severity="error",
    name="funds_score_within_weight",
    description="0 ≤ 得分 ≤ 分值 on the funds row.",
    message_zh="资金得分{reported}超出0至分值{weight}的范围",
    sql=f"""
SELECT f.form_id, {_ROW_LABEL} AS subject, {as_text('f.score')} AS reported,
       CASE WHEN f.score < 0 THEN '0' ELSE {as_text('f.weight')} END AS expected, f.line,
       coalesce({as_text('f.weight')}, '—') AS weight
FROM {BATCH} AS f
{current_forms('f')}
WHERE f.is_total_row AND f.score IS NOT NULL
  AND (f.score < 0 OR f.score > f.weight)
""",
)

R_FUND_04 = RuleCheck(
    rule_id="R-FUND-04",
    severity="warning",
    name="execution_within_budget",
    description="全年执行数 does not exceed 全年预算数 (rate above 100 %).",
    message_zh="全年执行数{reported}超过全年预算数{expected}（执行率超过100%）",
    sql=f"""
SELECT f.form_id, {_ROW_LABEL} AS subject, {as_text('f.executed')} AS reported,
       {as_text('f.annual_budget')} AS expected, f.line
FROM {BATCH} AS f
{current_forms('f')}
WHERE f.is_total_row AND f.executed > f.annual_budget
""",
)

# Tolerance 0.01 in the form's unit: 万元 by default, ×10000 when the form is in 元. The unit
# is only carried by int_indicator_scoring (amount_unit), so it is looked up there.
# Blank source cells count as 0; a blank total is R-FUND-07's (全年预算数) or nobody's business.
R_FUND_05 = RuleCheck(
    rule_id="R-FUND-05",
    severity="error",
    name="funds_total_equals_sources",
    description="年度资金总额 = 财政拨款 + 上年结转 + 其他, per amount column (±0.01).",
    message_zh=(
        "{subject}填报{reported}，而当年财政拨款、上年结转资金、其他资金合计为{expected}"
        "（差额{gap}，超过允许误差）"
    ),
    sql=f"""
SELECT b.form_id, {_ROW_LABEL} || '·' || coalesce(b.column_label, b.amount_column) AS subject,
       {as_text('b.total_amount')} AS reported,
       {as_text('coalesce(b.sources_sum, 0)')} AS expected, f.line,
       {as_text('abs(b.total_amount - coalesce(b.sources_sum, 0))')} AS gap
FROM {table('int_fund_balance')} AS b
JOIN {BATCH} AS f ON f.form_id = b.form_id AND f.is_total_row
{current_forms('b')}
LEFT JOIN (
    SELECT form_id, max(amount_unit) AS amount_unit
    FROM {table('int_indicator_scoring')} GROUP BY form_id
) AS unit ON unit.form_id = b.form_id
WHERE coalesce(b.source_rows_present, 0) > 0 AND b.total_amount IS NOT NULL
  AND abs(b.total_amount - coalesce(b.sources_sum, 0))
      > 0.01 * CASE WHEN unit.amount_unit = '元' THEN 10000 ELSE 1 END
""",
)

R_FUND_06 = RuleCheck(
    rule_id="R-FUND-06",
    severity="warning",
    name="only_total_row_scored",
    description="Only the 年度资金总额 row carries 分值/得分; source-row scores are ignored.",
    message_zh=(
        "资金来源行“{subject}”填写了分值{weight}、得分{score}；只有年度资金总额行计分，"
        "该行的分值和得分不计入总分"
    ),
    sql=f"""
SELECT f.form_id, {_ROW_LABEL} AS subject,
       {as_text('coalesce(f.score, f.weight)')} AS reported, {NULL_TEXT} AS expected, f.line,
       coalesce({as_text('f.weight')}, '—') AS weight, coalesce({as_text('f.score')}, '—') AS score
FROM {BATCH} AS f
{current_forms('f')}
WHERE NOT coalesce(f.is_total_row, false) AND (f.weight IS NOT NULL OR f.score IS NOT NULL)
""",
)

R_FUND_07 = RuleCheck(
    rule_id="R-FUND-07",
    severity="warning",
    name="annual_budget_present",
    description="全年预算数 of the total row is zero or blank (rate cannot be computed).",
    message_zh="全年预算数为{reported}（零或空白），执行率无法计算",
    sql=f"""
SELECT f.form_id, {_ROW_LABEL} AS subject, {as_text('f.annual_budget')} AS reported,
       {NULL_TEXT} AS expected, f.line
FROM {BATCH} AS f
{current_forms('f')}
WHERE f.is_total_row AND coalesce(f.annual_budget, 0) = 0
""",
)

_AMOUNT_COLUMNS = (
    ("年初预算数", "initial_budget"),
    ("全年预算数", "annual_budget"),
    ("全年执行数", "executed"),
)
_AMOUNTS = "\nUNION ALL\n".join(
    f"""    SELECT f.form_id, f.line, {_ROW_LABEL} || '·{label}' AS subject, f.{column} AS amount
    FROM {BATCH} AS f
    {current_forms('f')}"""
    for label, column in _AMOUNT_COLUMNS
)

R_FUND_11 = RuleCheck(
    rule_id="R-FUND-11",
    severity="error",
    name="amounts_not_negative",
    description="年初预算数, 全年预算数 and 全年执行数 are not negative.",
    message_zh="{subject}为负数{reported}，金额不能小于0",
    sql=f"""
WITH amounts AS (
{_AMOUNTS}
)
SELECT form_id, subject, {as_text('amount')} AS reported, '0' AS expected, line
FROM amounts
WHERE amount < 0
""",
)

SUITE = Suite(
    name="funds",
    table="int_fund_execution",
    checks=(
        R_FUND_01_ERROR,
        R_FUND_01_WARNING,
        R_FUND_02,
        R_FUND_03,
        R_FUND_04,
        R_FUND_05,
        R_FUND_06,
        R_FUND_07,
        R_FUND_11,
    ),
)
