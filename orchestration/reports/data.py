"""Everything the reports show, read once from the published DuckDB file (read-only, by column name).

Only the published file is read: the build database is locked while a load runs. Tables or columns a
given published file lacks (older files, or additions not yet published) fall back to what can be
derived from the other tables, so the reports never depend on column order or on optional tables.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from orchestration.reports.rule_texts import SEVERITY_ORDER

# Optional published table: one row per cell of every form, quarantined ones included, so a form can
# be re-drawn exactly as written. See orchestration.publish.form_cells.AUDIT_FORM_CELLS_SQL for its definition.
CELLS_TABLE = "audit_form_cells"
UNKNOWN = "（未填写）"


@dataclass
class ReportData:
    published_db: Path
    findings: list[dict]
    forms: list[dict]
    files: list[dict]
    form_scores: list[dict]
    fund_rows: dict[str, list[dict]]
    indicator_rows: dict[str, list[dict]]
    cells: dict[str, list[dict]] | None
    trend: list[dict]
    load: dict = field(default_factory=dict)

    @property
    def forms_by_id(self) -> dict[str, dict]:
        return {form["form_id"]: form for form in self.forms}


def _tables(connection) -> set[str]:
    rows = connection.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' "
        "UNION SELECT view_name FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal").fetchall()
    return {row[0] for row in rows}


# Only forms with a finding are re-drawn: reading every form's rows would hold millions of dicts.
ONLY_FORMS_WITH_FINDINGS = "form_id IN (SELECT form_id FROM main.audit_findings WHERE form_id IS NOT NULL)"


def _records(connection, tables: set[str], table: str, where: str | None = None) -> list[dict]:
    if table not in tables:
        return []
    if where and "audit_findings" not in tables:
        return []
    cursor = connection.execute(f'SELECT * FROM main."{table}"' + (f" WHERE {where}" if where else ""))
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _group(rows: list[dict], key: str, sort_key: str) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[row.get(key)].append(row)
    for members in grouped.values():
        members.sort(key=lambda row: (row.get(sort_key) is None, row.get(sort_key) or 0))
    return dict(grouped)


def _first(*values):
    for value in values:
        if value not in (None, ""):
            return value
    return None


def load_report_data(published_db: Path) -> ReportData:
    published_db = Path(published_db)
    if not published_db.exists():
        raise FileNotFoundError(f"{published_db}: nothing has been published yet (run `jixiao load` first)")
    with duckdb.connect(str(published_db), read_only=True) as connection:
        tables = _tables(connection)
        findings = _records(connection, tables, "audit_findings")
        status_rows = _records(connection, tables, "audit_form_status")
        files = _records(connection, tables, "audit_received_files")
        scores = _records(connection, tables, "fct_form_score")
        funds = _records(connection, tables, "fct_fund_execution", ONLY_FORMS_WITH_FINDINGS)
        indicators = _records(connection, tables, "fct_indicator_result", ONLY_FORMS_WITH_FINDINGS)
        departments = {row["department_key"]: row.get("department_name")
                       for row in _records(connection, tables, "dim_department")}
        units = {row["unit_key"]: row.get("unit_name") for row in _records(connection, tables, "dim_unit")}
        trend = _records(connection, tables, "rpt_department_year_trend")
        load_rows = _records(connection, tables, "load_info")
        cells = (_records(connection, tables, CELLS_TABLE, ONLY_FORMS_WITH_FINDINGS)
                 if CELLS_TABLE in tables else None)

    for score in scores:
        score.setdefault("department_name", departments.get(score.get("department_key")))
        score.setdefault("unit_name", units.get(score.get("unit_key")))
    for row in trend:
        row.setdefault("department_name", departments.get(row.get("department_key")))
    forms = _enrich_forms(status_rows, scores, findings, files)
    findings.sort(key=_finding_order)
    return ReportData(
        published_db=published_db,
        findings=findings,
        forms=forms,
        files=sorted(files, key=lambda row: (str(row.get("received_at") or ""), row.get("file_name") or "")),
        form_scores=scores,
        fund_rows=_group(funds, "form_id", "row_index"),
        indicator_rows=_group(indicators, "form_id", "row_index"),
        cells=None if cells is None else _group(cells, "form_id", "row_index"),
        trend=trend,
        load=load_rows[0] if load_rows else {},
    )


def _finding_order(finding: dict):
    return (SEVERITY_ORDER.get(finding.get("severity"), 9), finding.get("implementing_unit") or "",
            finding.get("source_file") or "", finding.get("form_index") or 0,
            finding.get("line") if finding.get("line") is not None else 10**9,
            finding.get("rule_id") or "", finding.get("subject") or "")


def _enrich_forms(status_rows, scores, findings, files) -> list[dict]:
    """One dict per form with its header (department, unit, project, year, file, position, status),
    taking each field from audit_form_status when published there, else from the other tables."""
    by_score = {row["form_id"]: row for row in scores}
    by_finding: dict[str, dict] = {}
    for finding in findings:
        by_finding.setdefault(finding.get("form_id"), finding)
    files_by_hash = {row.get("file_hash"): row for row in files}
    form_ids = [row["form_id"] for row in status_rows]
    known = set(form_ids)
    form_ids += [form_id for form_id in by_score if form_id not in known]
    status_by_id = {row["form_id"]: row for row in status_rows}
    forms = []
    for form_id in form_ids:
        status = status_by_id.get(form_id, {"status": "published"})
        score = by_score.get(form_id, {})
        finding = by_finding.get(form_id, {})
        file_hash, _, index_text = (form_id or "").partition("#")
        received = files_by_hash.get(_first(status.get("file_hash"), score.get("file_hash"), file_hash), {})
        form_index = _first(status.get("form_index"), score.get("form_index"), finding.get("form_index"),
                            int(index_text) if index_text.isdigit() else None)
        forms.append({
            **status,
            "form_id": form_id,
            "status": status.get("status") or "published",
            "department": _first(status.get("department"), score.get("department_name")) or UNKNOWN,
            "implementing_unit": _first(status.get("implementing_unit"), score.get("unit_name"),
                                        finding.get("implementing_unit")) or UNKNOWN,
            "project_name": _first(status.get("project_name"), score.get("project_name"),
                                   finding.get("project_name")) or UNKNOWN,
            "report_year": _first(status.get("report_year"), score.get("report_year"), finding.get("report_year")),
            "source_file": _first(status.get("source_file"), score.get("source_file"), finding.get("source_file"),
                                  received.get("file_name")),
            "form_index": form_index,
            "line_start": _first(status.get("line_start"), score.get("line_start")),
            "line_end": _first(status.get("line_end"), score.get("line_end")),
            "amount_unit": _first(status.get("amount_unit"), score.get("amount_unit")) or "万元",
            "archive_path": _first(status.get("archive_path"), score.get("archive_path"), received.get("archive_path")),
            "total_weight": score.get("total_weight"),
            "total_score": score.get("total_score"),
            "reported_grade": _first(status.get("reported_grade"), score.get("reported_grade")),
        })
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for finding in findings:
        counts[finding.get("form_id")][finding.get("severity")] += 1
    for form in forms:
        for severity in ("error", "warning", "info"):
            if form.get(f"{severity}_count") is None:
                form[f"{severity}_count"] = counts[form["form_id"]][severity]
    forms.sort(key=lambda form: (form["department"], form["implementing_unit"], form.get("report_year") or 0,
                                 form.get("source_file") or "", form.get("form_index") or 0))
    return forms
