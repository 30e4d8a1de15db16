"""Counts per department and unit, shared by the Excel and HTML reports."""

from __future__ import annotations

from collections import defaultdict

UNREADABLE = "（未能解析出表单的文件）"
SUMMARY_HEADERS = ["主管部门", "实施单位", "收到表单数", "已发布", "已隔离", "已被替代", "错误", "警告", "提示"]


def summary_rows(data) -> list[list]:
    """One row per (department, unit): forms received, published, quarantined, superseded, and the
    findings of those forms by severity. The last row is the total (合计)."""
    forms_by_id = data.forms_by_id
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for form in data.forms:
        key = (form["department"], form["implementing_unit"])
        counts[key]["received"] += 1
        counts[key][form["status"]] += 1
    for finding in data.findings:
        form = forms_by_id.get(finding.get("form_id"))
        key = ((form["department"], form["implementing_unit"]) if form else
               (UNREADABLE, finding.get("implementing_unit") or UNREADABLE))
        counts[key][finding.get("severity")] += 1
    fields = ["received", "published", "quarantined", "superseded", "error", "warning", "info"]
    rows = [[department, unit] + [counts[(department, unit)][name] for name in fields]
            for department, unit in sorted(counts)]
    rows.append(["合计", ""] + [sum(row[i] for row in rows) for i in range(2, 2 + len(fields))])
    return rows


def findings_of_form(data) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for finding in data.findings:
        grouped[finding.get("form_id")].append(finding)
    return grouped
