"""What gets published, and the comments that describe it (from the dbt manifest)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from orchestration.publish.form_cells import (
    AUDIT_FORM_CELLS_COLUMNS,
    AUDIT_FORM_CELLS_DEFINITION,
    AUDIT_FORM_CELLS_DESCRIPTION,
    AUDIT_FORM_CELLS_SQL,
    audit_form_cells_sql,
)

PUBLISHED_SCHEMAS = ("marts", "reports")
# The one-row-per-form mart whose rows tell which forms' mart rows changed since the last publication
# (a per-form mart row is a function of its form's rows and of the columns this table carries).
FORM_CHANGE_DETECTOR = "fct_form_score"


@dataclass
class PublishedTable:
    name: str
    source_relation: str  # schema.table inside the build database, or a SELECT over `build.`
    description: str
    column_descriptions: dict[str, str] = field(default_factory=dict)
    # A table whose rows of a form depend on that form's raw rows only: `per_form_sql(forms)` is its
    # SELECT restricted to the form ids of a subquery, and `definition` names the code that made it.
    # Publication carries such a table over from the previous published file and rebuilds only the
    # forms landed since (orchestration/publish/warehouse.py).
    per_form_sql: Callable[[str], str] | None = None
    definition: str = ""
    # "landed": its rows change only when a form is landed (again) or leaves raw.forms (audit_form_cells);
    # "mart": an incremental per-form mart, its changed forms read from FORM_CHANGE_DETECTOR;
    # "": not carried over (no per_form_sql), rebuilt on every publication.
    carry: str = "landed"


AUDIT_TABLES = [
    PublishedTable(
        "audit_findings", "quality.rule_findings",
        "Rule findings of the latest load, one row per form × rule × subject (数据质量问题清单). "
        "Includes forms that were quarantined.",
        {
            "rule_id": "Rule ID from rules.md (规则编号)",
            "severity": "error / warning / info (严重程度)",
            "subject": "Indicator or funds row the finding is about (问题对象)",
            "reported": "Value as reported on the form (填报值)",
            "expected": "Value the rule expects (应为值)",
            "message": "Explanation for auditors (问题说明)",
            "source_file": "File the form came from (来源文件)",
            "form_index": "0-based position of the form in its file (表序号)",
            "line": "Line of the file where the cell is (行号)",
        },
    ),
    PublishedTable(
        "audit_form_status",
        "SELECT forms.source_file, forms.form_index, forms.line_start, forms.report_year, forms.department, "
        "forms.implementing_unit, forms.project_name, status.* "
        "FROM build.intermediate.int_form_status AS status JOIN build.raw.forms AS forms USING (form_id)",
        "Every form received and what happened to it: published, quarantined or superseded (自评表处理状态).",
    ),
    PublishedTable(
        "audit_received_files", "raw.received_files",
        "Every file received, by content hash, with its archive path and parse status (接收文件清单).",
    ),
    PublishedTable("audit_form_cells", AUDIT_FORM_CELLS_SQL, AUDIT_FORM_CELLS_DESCRIPTION,
                   AUDIT_FORM_CELLS_COLUMNS, per_form_sql=audit_form_cells_sql,
                   definition=AUDIT_FORM_CELLS_DEFINITION),
    PublishedTable(
        "load_runs", "ops.load_runs",
        "One row per load: start, end, trigger, outcome, error, files, forms published / quarantined / "
        "superseded, findings by severity (加载记录).",
    ),
]


def _mart_rows_of(relation: str) -> Callable[[str], str]:
    return lambda forms: f"SELECT * FROM build.{relation} WHERE form_id IN ({forms})"


def published_tables(manifest_path: Path, models_fingerprint: str = "") -> list[PublishedTable]:
    """The published tables. `models_fingerprint` identifies the dbt code (ingest/unchanged.py,
    dbt_fingerprint): incremental per-form marts built by the same code are carried over."""
    manifest = json.loads(Path(manifest_path).read_text(encoding="utf-8"))
    tables = []
    for node in manifest["nodes"].values():
        if node.get("resource_type") != "model" or node.get("schema") not in PUBLISHED_SCHEMAS:
            continue
        name = node["alias"] or node["name"]
        relation = f"{node['schema']}.{name}"
        per_form = (models_fingerprint and node.get("config", {}).get("materialized") == "incremental"
                    and "form_id" in node.get("columns", {}))
        tables.append(PublishedTable(
            name=name,
            source_relation=relation,
            description=node.get("description") or "",
            column_descriptions={column_name: column.get("description") or ""
                                 for column_name, column in node.get("columns", {}).items()},
            per_form_sql=_mart_rows_of(relation) if per_form else None,
            definition=f"dbt {models_fingerprint}" if per_form else "",
            carry="mart" if per_form else "",
        ))
    return sorted(tables, key=lambda table: table.name) + AUDIT_TABLES
