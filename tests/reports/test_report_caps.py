"""At scale the reports are capped (most severe first) and say where the full lists are; no link dangles.

The caps are lowered here so that the multi-year load (a few dozen findings) exceeds them."""

from __future__ import annotations

import re

import duckdb
import openpyxl

from orchestration.reports import build_reports, html_report, trends, xlsx_report
from orchestration.reports.form_render import form_anchor

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def _findings(published_db) -> list[dict]:
    with duckdb.connect(str(published_db), read_only=True) as connection:
        cursor = connection.execute("SELECT * FROM audit_findings")
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


def test_capped_audit_html_lists_the_most_severe_first_and_no_link_dangles(multi_year_reports, tmp_path, monkeypatch):
    published = multi_year_reports["published_db"]
    findings = _findings(published)
    listed = len(findings) - 1
    monkeypatch.setattr(html_report, "HTML_MAX_FINDINGS", listed)
    monkeypatch.setattr(html_report, "HTML_MAX_FORMS", 1)
    text = build_reports(published, tmp_path, None)["audit_html"].read_text(encoding="utf-8")

    rows = re.findall(r'<tr id="f-(\d+)" data-sev="(\w+)">', text)
    assert [int(number) for number, _ in rows] == list(range(1, listed + 1))
    severities = [SEVERITY_ORDER[severity] for _, severity in rows]
    assert severities == sorted(severities), "most severe first"
    assert severities.count(0) == sum(1 for f in findings if f["severity"] == "error"), "every error is listed"
    assert f"共 {len(findings)} 条，本页只列出前 {listed} 条" in text and "audit_findings" in text

    quarantined = next(f["form_id"] for f in findings if f["rule_id"] == "R-TOT-01")
    sections = re.findall(r'<section class="form" id="([^"]+)"', text)
    assert sections == [form_anchor(quarantined)], "the one re-drawn form is the quarantined one"
    assert "本页还原其中 1 张" in text and "audit_form_cells" in text
    assert "未还原" in text, "findings of forms not re-drawn say so instead of linking"
    ids = set(re.findall(r'\bid="([^"]+)"', text))
    dangling = {target for target in re.findall(r'href="#([^"]+)"', text) if target not in ids}
    assert not dangling, dangling


def test_capped_tables_and_sheets_say_where_the_rest_is(multi_year_reports, tmp_path, monkeypatch):
    published = multi_year_reports["published_db"]
    findings = _findings(published)
    monkeypatch.setattr(html_report, "HTML_MAX_ROWS", 2)
    monkeypatch.setattr(xlsx_report, "XLSX_MAX_ROWS", 3)
    monkeypatch.setattr(trends, "TRENDS_MAX_ROWS", 2)
    monkeypatch.setattr(trends, "BOX_MAX_POINTS", 1)
    paths = build_reports(published, tmp_path, None)

    audit = paths["audit_html"].read_text(encoding="utf-8")
    assert "本页列出问题最多的 2 个" in audit, "summary capped"
    files = audit.split('id="files"', 1)[1].split("</table>", 1)[0]
    assert files.count("<tr>") == 1 + 2 and "无法解析的文件在前" in files
    assert "not_a_form.txt" in files, "unreadable files come first when the list is capped"

    sheet = openpyxl.load_workbook(paths["audit_xlsx"])["问题清单"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 3 + 1 and rows[-1][0].startswith(f"（共 {len(findings)} 行，此表只列出前 3 行")
    assert sheet.auto_filter.ref == "A1:M4"

    page = paths["trends_html"].read_text(encoding="utf-8")
    assert "完整数据见发布库的 rpt_department_year_trend 表" in page
    table = page.split('id="trend-table"', 1)[1].split("</table>", 1)[0]
    assert 1 <= table.count("<tr>") - 1 <= 3
    assert "表单较多的年度不逐点画出" in page and "<circle" not in page.split('id="distribution"', 1)[1].split("</svg>")[0]
