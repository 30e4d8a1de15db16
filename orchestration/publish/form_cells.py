"""Definition of the optional published table `audit_form_cells` (for the publish catalog).

One row per cell of every form received — quarantined and superseded forms included — with the text as
written, so the audit report can re-draw any form with its offending cells highlighted. The reports use
it when the published file has it; without it, only published forms can be re-drawn (from fct_*).

Columns: form_id, row_kind ('header' | 'fund' | 'indicator' | 'total'), row_index (0-based within the
kind), column_name, raw_text, line (1-based line of the row in the source file).

- header    (row_index 0): title, amount_unit, goal_expected, goal_actual, line_end
- fund      : source (canonical key: total | appropriation | carryover | other …), source_label,
              initial_budget, annual_budget, executed, weight, execution_rate, score
- indicator : level1, level2, name, target, actual, weight, score, deviation_note, applicable ('true'/'false')
- total     (row_index 0): weight, score, grade

The SELECT runs in the publishing connection with the build database attached as `build`
(orchestration/publish/catalog.py: a PublishedTable whose source_relation starts with SELECT).

A form's cells depend on that form's raw rows only, so publication carries the table over from the
previous published file and rebuilds only the forms landed since (orchestration/publish/warehouse.py):
`audit_form_cells_sql(forms)` restricts the SELECT to the form ids a subquery returns.
"""

from __future__ import annotations

import hashlib

_TEMPLATE = """
SELECT f.form_id, 'header' AS row_kind, 0 AS row_index, c.column_name,
       CASE c.column_name WHEN 'title' THEN f.title WHEN 'amount_unit' THEN f.amount_unit
            WHEN 'goal_expected' THEN f.goal_expected WHEN 'goal_actual' THEN f.goal_actual
            WHEN 'line_end' THEN CAST(f.line_end AS VARCHAR) END AS raw_text,
       f.line_start AS line
FROM build.raw.forms AS f
CROSS JOIN (VALUES ('title'), ('amount_unit'), ('goal_expected'), ('goal_actual'), ('line_end')) AS c(column_name)
WHERE {forms_f}
UNION ALL
SELECT r.form_id, 'fund', r.row_index, c.column_name,
       CASE c.column_name WHEN 'source' THEN r.source WHEN 'source_label' THEN r.source_label
            WHEN 'initial_budget' THEN r.initial_budget_raw WHEN 'annual_budget' THEN r.annual_budget_raw
            WHEN 'executed' THEN r.executed_raw WHEN 'weight' THEN r.weight_raw
            WHEN 'execution_rate' THEN r.execution_rate_raw WHEN 'score' THEN r.score_raw END,
       r.line
FROM build.raw.fund_rows AS r
CROSS JOIN (VALUES ('source'), ('source_label'), ('initial_budget'), ('annual_budget'), ('executed'),
                   ('weight'), ('execution_rate'), ('score')) AS c(column_name)
WHERE {forms_r}
UNION ALL
SELECT r.form_id, 'indicator', r.row_index, c.column_name,
       CASE c.column_name WHEN 'level1' THEN r.level1_raw WHEN 'level2' THEN r.level2 WHEN 'name' THEN r.name
            WHEN 'target' THEN r.target_raw WHEN 'actual' THEN r.actual_raw WHEN 'weight' THEN r.weight_raw
            WHEN 'score' THEN r.score_raw WHEN 'deviation_note' THEN r.deviation_note
            WHEN 'applicable' THEN CAST(r.applicable AS VARCHAR) END,
       r.line
FROM build.raw.indicator_rows AS r
CROSS JOIN (VALUES ('level1'), ('level2'), ('name'), ('target'), ('actual'), ('weight'), ('score'),
                   ('deviation_note'), ('applicable')) AS c(column_name)
WHERE {forms_r}
UNION ALL
SELECT f.form_id, 'total', 0, c.column_name,
       CASE c.column_name WHEN 'weight' THEN f.total_weight_raw WHEN 'score' THEN f.total_score_raw
            WHEN 'grade' THEN f.reported_grade END,
       f.total_line
FROM build.raw.forms AS f
CROSS JOIN (VALUES ('weight'), ('score'), ('grade')) AS c(column_name)
WHERE {forms_f}
"""


def audit_form_cells_sql(forms: str | None = None) -> str:
    """The table's SELECT; `forms`, a subquery of form ids, restricts it to those forms."""
    if forms is None:
        return _TEMPLATE.format(forms_f="true", forms_r="true")
    return _TEMPLATE.format(forms_f=f"f.form_id IN ({forms})", forms_r=f"r.form_id IN ({forms})")


AUDIT_FORM_CELLS_SQL = audit_form_cells_sql()
# Rows published by other code must not be carried over: the definition is part of the published file.
AUDIT_FORM_CELLS_DEFINITION = hashlib.sha256(_TEMPLATE.encode()).hexdigest()[:16]

AUDIT_FORM_CELLS_DESCRIPTION = (
    "Every cell of every form received, as written, quarantined forms included (自评表单元格原文); "
    "lets the audit report re-draw a form with the offending cells highlighted.")

AUDIT_FORM_CELLS_COLUMNS = {
    "form_id": "Form ID <file_hash>#<form_index> (表单编号)",
    "row_kind": "header / fund / indicator / total (行类型)",
    "row_index": "0-based row within its kind (行序号)",
    "column_name": "Column of the form, e.g. executed, target, score (列名)",
    "raw_text": "Cell text as written on the form (单元格原文)",
    "line": "Line of the source file where the row is (行号)",
}
