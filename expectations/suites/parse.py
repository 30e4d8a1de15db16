"""R-PARSE: structure of each form (anchor: int_form_versions, one row per form)."""

from __future__ import annotations

from expectations.rule import RuleCheck, Suite
from expectations.sql import BATCH, NULL_LINE, NULL_TEXT, is_blank, table

# A form without an int_form_totals row is treated as missing every part (LEFT JOIN).
_MISSING_PARTS = f"""
SELECT v.form_id, '' AS subject, {NULL_TEXT} AS reported, {NULL_TEXT} AS expected,
       {NULL_LINE} AS line, parts.missing
FROM {BATCH} AS v
LEFT JOIN {table('int_form_totals')} AS t ON t.form_id = v.form_id
CROSS JOIN (VALUES __PARTS__) AS parts(missing)
WHERE v.is_current AND CASE parts.missing __CONDITIONS__ END
"""


def _missing_parts_sql(parts: dict[str, str]) -> str:
    values = ", ".join(f"('{label}')" for label in parts)
    conditions = " ".join(f"WHEN '{label}' THEN {cond}" for label, cond in parts.items())
    return _MISSING_PARTS.replace("__PARTS__", values).replace("__CONDITIONS__", conditions)


R_PARSE_01 = RuleCheck(
    rule_id="R-PARSE-01",
    severity="error",
    name="form_has_name_year_and_funds_total",
    description="The form has a project name, a report year and a 年度资金总额 row.",
    message_zh="表单缺少{missing}，无法确认是哪一张自评表",
    sql=_missing_parts_sql(
        {
            "项目名称": is_blank("t.project_name"),
            "评价年度": "t.report_year IS NULL",
            "年度资金总额行": "NOT coalesce(t.has_total_fund_row, false)",
        }
    ),
)

R_PARSE_02 = RuleCheck(
    rule_id="R-PARSE-02",
    severity="error",
    name="form_has_applicable_indicators_and_total_row",
    description="The form has at least one applicable indicator and a 总分 row.",
    message_zh="表单缺少{missing}，无法核对得分",
    sql=_missing_parts_sql(
        {
            "适用的绩效指标": "coalesce(t.applicable_indicator_count, 0) = 0",
            "总分行": "NOT coalesce(t.has_total_row, false)",
        }
    ),
)

# Text that is not a number is always an error. A blank is an error only where int_numeric_cells
# marks the cell required, except the total row's 全年预算数 and 执行率 when 全年预算数 is zero or
# blank: that form gets the R-FUND-07 warning instead (the rate cannot exist).
R_PARSE_03 = RuleCheck(
    rule_id="R-PARSE-03",
    severity="error",
    name="numeric_cells_hold_numbers",
    description="A cell that must be a number holds a number, or '—', '/' or nothing where allowed.",
    message_zh="{subject}填写为“{reported}”，{allowed}",
    sql=f"""
SELECT c.form_id, c.subject, CAST(nullif(trim(c.raw_text), '') AS VARCHAR) AS reported,
       {NULL_TEXT} AS expected, c.line,
       CASE WHEN {is_blank('c.raw_text')} THEN '此处必须填写数字'
            ELSE '应为数字（或“—”“/”、空白）' END AS allowed
FROM {BATCH} AS v
JOIN {table('int_numeric_cells')} AS c ON c.form_id = v.form_id
LEFT JOIN (
    SELECT form_id, bool_or(coalesce(annual_budget, 0) = 0) AS zero_or_blank
    FROM {table('int_fund_execution')} WHERE is_total_row GROUP BY form_id
) AS budget ON budget.form_id = c.form_id
WHERE v.is_current AND c.parsed_value IS NULL
  AND (NOT {is_blank('c.raw_text')}
       OR (coalesce(c.is_required, false)
           AND NOT (c.cell IN ('annual_budget', 'execution_rate')
                    AND coalesce(budget.zero_or_blank, false))))
""",
)

# The previous version is joined by name (it is the form the message points to); the join also
# gives the query the JOIN that lets it alias {batch} (see RuleCheck).
R_PARSE_04 = RuleCheck(
    rule_id="R-PARSE-04",
    severity="warning",
    name="resubmitted_form_changed_content",
    description="The same form (unit, project, year) arrived again with different content.",
    message_zh=(
        "同一单位、项目、年度的自评表再次报送且内容有变化：以本次（第{version_number}版）为准，"
        "上一版（{previous_form_id}）已保留。改动：{changes}"
    ),
    sql=f"""
SELECT v.form_id, '' AS subject,
       -- the changed cells as written; the content digests when no cell-level difference is known
       coalesce(changed.current_values, left(v.content_hash, 12)) AS reported,
       coalesce(changed.previous_values, left(v.previous_content_hash, 12)) AS expected, {NULL_LINE} AS line,
       CAST(v.version_number AS VARCHAR) AS version_number,
       v.previous_form_id AS previous_form_id,
       coalesce(changed.changes, '内容摘要不同') AS changes
FROM {BATCH} AS v
LEFT JOIN (
    SELECT form_id,
           string_agg(subject || ' ' || coalesce(previous_value, '空') || '→' || coalesce(current_value, '空'),
                      '；' ORDER BY part_order, row_index, cell) AS changes,
           string_agg(subject || '=' || coalesce(current_value, '空'), '；'
                      ORDER BY part_order, row_index, cell) AS current_values,
           string_agg(subject || '=' || coalesce(previous_value, '空'), '；'
                      ORDER BY part_order, row_index, cell) AS previous_values
    FROM {table('int_form_version_changes')} GROUP BY form_id
) AS changed ON changed.form_id = v.form_id
WHERE v.is_current AND v.previous_form_id IS NOT NULL
  AND (coalesce(v.content_changed, false)
       OR v.content_hash <> coalesce(v.previous_content_hash, v.content_hash))
""",
)

SUITE = Suite(
    name="parse",
    table="int_form_versions",
    checks=(R_PARSE_01, R_PARSE_02, R_PARSE_03, R_PARSE_04),
)
