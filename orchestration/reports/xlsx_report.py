"""audit.xlsx: summary, findings (one row per finding), quarantined forms, files received, rules."""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from orchestration.reports.rule_texts import RULE_TEXTS, rule_text, severity_zh
from orchestration.reports.summary import SUMMARY_HEADERS, findings_of_form, summary_rows

FINDING_HEADERS = ["实施单位", "项目名称", "年度", "规则编号", "严重程度", "规则说明", "对象", "填报值", "应为值",
                   "说明", "来源文件", "表序号", "行号"]
QUARANTINE_HEADERS = ["主管部门", "实施单位", "项目名称", "年度", "错误数", "警告数", "错误规则", "错误说明",
                      "来源文件", "表序号", "起始行", "归档文件"]
FILE_HEADERS = ["文件名", "接收时间", "状态", "表单数", "编码", "无法解析的原因", "出错行号", "内容哈希", "归档文件"]
WRAPPED = {"规则说明", "说明", "错误说明", "无法解析的原因", "项目名称"}
MAX_WIDTH = {"规则说明": 46, "说明": 60, "错误说明": 60, "项目名称": 34, "归档文件": 50, "内容哈希": 20,
             "无法解析的原因": 50}

HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
SEVERITY_FILL = {"error": PatternFill("solid", fgColor="F8CBAD"), "warning": PatternFill("solid", fgColor="FFE699"),
                 "info": PatternFill("solid", fgColor="DDEBF7")}
CJK_FONT = "Microsoft YaHei"


def _number_or_text(value):
    """'4.94' -> Decimal so Excel sorts and sums it; '80万元' stays text."""
    if value is None or isinstance(value, (int, float, Decimal)):
        return value
    try:
        number = Decimal(str(value).strip())
        return number if number.is_finite() else value
    except (InvalidOperation, ValueError):
        return value


def _display_width(value) -> int:
    text = "" if value is None else str(value)
    longest = max(text.split("\n"), key=len) if text else ""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in longest)


def _sheet(workbook: Workbook, title: str, headers: list[str], rows: list[list], first: bool = False):
    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = title
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True, name=CJK_FONT)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=False)
    for index, header in enumerate(headers, start=1):
        letter = get_column_letter(index)
        widest = max([_display_width(header)] + [_display_width(row[index - 1]) for row in rows[:2000]])
        sheet.column_dimensions[letter].width = min(max(widest + 2, 8), MAX_WIDTH.get(header, 40))
        if header in WRAPPED:
            for cell in sheet[letter][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(len(rows) + 1, 1)}"
    sheet.row_dimensions[1].height = 20
    return sheet


def write_audit_xlsx(data, path: Path) -> Path:
    workbook = Workbook()
    summary = _sheet(workbook, "汇总", SUMMARY_HEADERS, summary_rows(data), first=True)
    for cell in summary[summary.max_row]:
        cell.font = Font(bold=True)

    forms_by_id = data.forms_by_id
    finding_rows = []
    for finding in data.findings:
        form = forms_by_id.get(finding.get("form_id"), {})
        finding_rows.append([
            finding.get("implementing_unit") or form.get("implementing_unit"),
            finding.get("project_name") or form.get("project_name"),
            finding.get("report_year") or form.get("report_year"),
            finding.get("rule_id"), severity_zh(finding.get("severity")), rule_text(finding.get("rule_id")),
            finding.get("subject") or None, _number_or_text(finding.get("reported")),
            _number_or_text(finding.get("expected")), finding.get("message"),
            finding.get("source_file") or form.get("source_file"),
            finding.get("form_index") if finding.get("form_index") is not None else form.get("form_index"),
            finding.get("line"),
        ])
    sheet = _sheet(workbook, "问题清单", FINDING_HEADERS, finding_rows)
    severity_column = FINDING_HEADERS.index("严重程度") + 1
    for row_number, finding in enumerate(data.findings, start=2):
        fill = SEVERITY_FILL.get(finding.get("severity"))
        if fill:
            sheet.cell(row=row_number, column=severity_column).fill = fill

    grouped = findings_of_form(data)
    quarantined = []
    for form in data.forms:
        if form["status"] != "quarantined":
            continue
        errors = [f for f in grouped.get(form["form_id"], []) if f.get("severity") == "error"]
        quarantined.append([
            form["department"], form["implementing_unit"], form["project_name"], form.get("report_year"),
            form.get("error_count"), form.get("warning_count"),
            "、".join(dict.fromkeys(f.get("rule_id") for f in errors)),
            "\n".join(f"{f.get('rule_id')}：{f.get('message')}" for f in errors),
            form.get("source_file"), form.get("form_index"), form.get("line_start"), form.get("archive_path"),
        ])
    _sheet(workbook, "隔离表单", QUARANTINE_HEADERS, quarantined)

    status_text = {"parsed": "已解析", "failed": "无法解析"}
    files = [[row.get("file_name"), row.get("received_at"), status_text.get(row.get("status"), row.get("status")),
              row.get("form_count"), row.get("encoding"), row.get("error"), row.get("error_line"),
              row.get("file_hash"), row.get("archive_path")] for row in data.files]
    file_sheet = _sheet(workbook, "接收文件", FILE_HEADERS, files)
    for cell in file_sheet["B"][1:]:
        cell.number_format = "yyyy-mm-dd hh:mm:ss"

    _sheet(workbook, "规则说明", ["规则编号", "规则说明"], [[rule_id, text] for rule_id, text in RULE_TEXTS.items()])
    workbook.properties.title = "项目支出绩效自评表 数据质量审核报告"
    workbook.properties.subject = f"load {data.load.get('load_id') or ''}"
    path = Path(path)
    tmp = path.with_name(f".{path.name}.partial")
    workbook.save(tmp)
    tmp.replace(path)
    return path
