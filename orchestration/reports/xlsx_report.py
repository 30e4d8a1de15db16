"""audit.xlsx: summary, findings (one row per finding), quarantined forms, files received, rules.

Written in openpyxl's write-only mode: rows are streamed from the published file's cursors straight
into the sheets, so memory does not grow with the number of findings or files. A sheet stops at
XLSX_MAX_ROWS rows (Excel's limit is 1,048,576) with a last row saying where the full list is.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from copy import copy
from decimal import Decimal, InvalidOperation
from itertools import chain, islice
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from orchestration.reports.rule_texts import RULE_TEXTS, rule_text, severity_zh
from orchestration.reports.summary import SUMMARY_HEADERS

FINDING_HEADERS = ["实施单位", "项目名称", "年度", "规则编号", "严重程度", "规则说明", "对象", "填报值", "应为值",
                   "说明", "来源文件", "表序号", "行号"]
QUARANTINE_HEADERS = ["主管部门", "实施单位", "项目名称", "年度", "错误数", "警告数", "错误规则", "错误说明",
                      "来源文件", "表序号", "起始行", "归档文件"]
FILE_HEADERS = ["文件名", "接收时间", "状态", "表单数", "编码", "无法解析的原因", "出错行号", "内容哈希", "归档文件"]
WRAPPED = {"规则说明", "说明", "错误说明", "无法解析的原因", "项目名称"}
MAX_WIDTH = {"规则说明": 46, "说明": 60, "错误说明": 60, "项目名称": 34, "归档文件": 50, "内容哈希": 20,
             "无法解析的原因": 50}
WIDTH_SAMPLE = 2000
XLSX_MAX_ROWS = 1_000_000

HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
SEVERITY_FILL = {"error": PatternFill("solid", fgColor="F8CBAD"), "warning": PatternFill("solid", fgColor="FFE699"),
                 "info": PatternFill("solid", fgColor="DDEBF7")}
CJK_FONT = "Microsoft YaHei"
WRAP = Alignment(wrap_text=True, vertical="top")
STATUS_TEXT = {"parsed": "已解析", "failed": "无法解析"}


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


class _Styles:
    """Cell styles made once per sheet and copied onto cells (cheaper than assigning style objects)."""

    def __init__(self, sheet):
        self.sheet = sheet
        self._templates: dict[str, object] = {}

    def template(self, name: str, **attributes):
        if name not in self._templates:
            cell = WriteOnlyCell(self.sheet)
            for key, value in attributes.items():
                setattr(cell, key, value)
            self._templates[name] = cell._style
        return self._templates[name]

    def cell(self, value, style):
        cell = WriteOnlyCell(self.sheet, value)
        cell._style = copy(style)
        return cell


def _sheet(workbook: Workbook, title: str, headers: list[str], rows: Iterable[list], total: int | None = None,
           overflow_note: str = "", cell_styles: dict[int, object] | None = None, row_style=None):
    """A sheet with bold header, frozen first row, filter over all rows, widths from the first rows.

    cell_styles: column index (0-based) -> style name of _Styles for every data cell of that column;
    row_style(row, styles) -> {column index: style} per row (e.g. severity fill), or None.
    """
    sheet = workbook.create_sheet(title)
    styles = _Styles(sheet)
    rows = iter(rows)
    sample = list(islice(rows, WIDTH_SAMPLE))
    wrapped = {index for index, header in enumerate(headers) if header in WRAPPED}
    for index, header in enumerate(headers, start=1):
        widest = max([_display_width(header)] + [_display_width(row[index - 1]) for row in sample])
        sheet.column_dimensions[get_column_letter(index)].width = min(max(widest + 2, 8), MAX_WIDTH.get(header, 40))
    sheet.freeze_panes = "A2"
    sheet.row_dimensions[1].height = 20
    header_style = styles.template("header", font=Font(bold=True, name=CJK_FONT), fill=HEADER_FILL,
                                   alignment=Alignment(vertical="center", wrap_text=False))
    sheet.append([styles.cell(header, header_style) for header in headers])
    wrap_style = styles.template("wrap", alignment=WRAP)
    fixed = {index: wrap_style for index in wrapped}
    for index, style in (cell_styles or {}).items():
        fixed[index] = style(styles) if callable(style) else style
    written = 0
    for row in chain(sample, rows):
        if written >= XLSX_MAX_ROWS:
            break
        per_row = dict(fixed)
        if row_style is not None:
            per_row.update(row_style(row, styles) or {})
        sheet.append([styles.cell(value, per_row[i]) if i in per_row else value for i, value in enumerate(row)])
        written += 1
    if total is not None and total > written:
        sheet.append([f"（共 {total} 行，此表只列出前 {written} 行。{overflow_note}）"])
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{written + 1}"
    return sheet


def write_audit_xlsx(source, path: Path) -> Path:
    """source: an open orchestration.reports.data.ReportSource."""
    workbook = Workbook(write_only=True)
    counts = source.counts()

    summary = source.summary_rows()

    def summary_total(row, styles):
        if row is not summary[-1]:
            return None
        return {i: styles.template("total", font=Font(bold=True)) for i in range(len(SUMMARY_HEADERS))}

    _sheet(workbook, "汇总", SUMMARY_HEADERS, summary, row_style=summary_total)

    def finding_rows():
        for finding in source.findings():
            yield [
                finding["implementing_unit"], finding["project_name"], finding["report_year"],
                finding["rule_id"], severity_zh(finding["severity"]), rule_text(finding["rule_id"]),
                finding["subject"] or None, _number_or_text(finding["reported"]),
                _number_or_text(finding["expected"]), finding["message"], finding["source_file"],
                finding["form_index"], finding["line"],
            ]

    severity_column = FINDING_HEADERS.index("严重程度")
    severity_names = {severity_zh(name): name for name in SEVERITY_FILL}

    def severity_fill(row, styles):
        name = severity_names.get(row[severity_column])
        return {severity_column: styles.template(name, fill=SEVERITY_FILL[name])} if name else None

    _sheet(workbook, "问题清单", FINDING_HEADERS, finding_rows(), total=counts["findings"], row_style=severity_fill,
           overflow_note="完整清单见发布库的 audit_findings 表（published/parquet/audit_findings.parquet）。")

    def quarantined_rows():
        for form in source.quarantined():
            errors = form["errors"]
            yield [
                form["department"], form["implementing_unit"], form["project_name"], form["report_year"],
                form["error_count"], form["warning_count"],
                "、".join(dict.fromkeys(error["rule_id"] for error in errors)),
                "\n".join(f"{error['rule_id']}：{error['message']}" for error in errors),
                form["source_file"], form["form_index"], form["line_start"], form["archive_path"],
            ]

    _sheet(workbook, "隔离表单", QUARANTINE_HEADERS, quarantined_rows(), total=counts["quarantined"],
           overflow_note="完整清单见发布库的 audit_form_status 表（status = 'quarantined'）。")

    def file_rows():
        for row in source.files():
            yield [row["file_name"], row["received_at"], STATUS_TEXT.get(row["status"], row["status"]),
                   row["form_count"], row["encoding"], row["error"], row["error_line"], row["file_hash"],
                   row["archive_path"]]

    _sheet(workbook, "接收文件", FILE_HEADERS, file_rows(), total=counts["files"],
           cell_styles={1: lambda styles: styles.template("time", number_format="yyyy-mm-dd hh:mm:ss")},
           overflow_note="完整清单见发布库的 audit_received_files 表。")

    _sheet(workbook, "规则说明", ["规则编号", "规则说明"], [[rule_id, text] for rule_id, text in RULE_TEXTS.items()])
    workbook.properties.title = "项目支出绩效自评表 数据质量审核报告"
    workbook.properties.subject = f"load {source.load.get('load_id') or ''}"
    path = Path(path)
    tmp = path.with_name(f".{path.name}.partial")
    workbook.save(tmp)
    tmp.replace(path)
    return path
