"""audit.xlsx: summary, findings (one row per finding), quarantined forms, files received, rules.

Rows are streamed from the published file's cursors straight into the sheets (xlsx_writer.py), so
memory does not grow with the number of findings or files. A sheet stops at
XLSX_MAX_ROWS rows (Excel's limit is 1,048,576) with a last row saying where the full list is.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from itertools import chain, islice
from pathlib import Path

from orchestration.reports.rule_texts import RULE_TEXTS, rule_text, severity_zh
from orchestration.reports.summary import SUMMARY_HEADERS
from orchestration.reports.xlsx_writer import CellStyle, XlsxWriter, column_letter

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

CJK_FONT = "Microsoft YaHei"
HEADER_STYLE = CellStyle(bold=True, font_name=CJK_FONT, fill_rgb="DCE6F1", vertical="center")
SEVERITY_STYLE = {"error": CellStyle(fill_rgb="F8CBAD"), "warning": CellStyle(fill_rgb="FFE699"),
                  "info": CellStyle(fill_rgb="DDEBF7")}
WRAP_STYLE = CellStyle(wrap=True, vertical="top")
TOTAL_STYLE = CellStyle(bold=True)
TIME_STYLE = CellStyle(number_format="yyyy-mm-dd hh:mm:ss")
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


def _sheet(book: XlsxWriter, title: str, headers: list[str], rows: Iterable[list], total: int | None = None,
           overflow_note: str = "", column_styles: dict[int, CellStyle] | None = None, row_style=None):
    """A sheet with bold header, frozen first row, filter over all rows, widths from the first rows.

    column_styles: column index (0-based) -> style of every data cell of that column;
    row_style(row) -> {column index: style} per row (e.g. severity fill), or None.
    """
    rows = iter(rows)
    sample = list(islice(rows, WIDTH_SAMPLE))
    widths = []
    for index, header in enumerate(headers):
        widest = max([_display_width(header)] + [_display_width(row[index]) for row in sample])
        widths.append(min(max(widest + 2, 8), MAX_WIDTH.get(header, 40)))
    sheet = book.sheet(title, widths)
    header_style = book.style(HEADER_STYLE)
    sheet.append(headers, {index: header_style for index in range(len(headers))}, height=20)
    wrap_style = book.style(WRAP_STYLE)
    fixed = {index: wrap_style for index, header in enumerate(headers) if header in WRAPPED}
    for index, style in (column_styles or {}).items():
        fixed[index] = book.style(style)
    written = 0
    for row in chain(sample, rows):
        if written >= XLSX_MAX_ROWS:
            break
        per_row = fixed
        if row_style is not None and (extra := row_style(row)):
            per_row = {**fixed, **{index: book.style(style) for index, style in extra.items()}}
        sheet.append(row, per_row)
        written += 1
    if total is not None and total > written:
        sheet.append([f"（共 {total} 行，此表只列出前 {written} 行。{overflow_note}）"])
    sheet.autofilter = f"A1:{column_letter(len(headers))}{written + 1}"
    sheet.close()


def write_audit_xlsx(source, path: Path) -> Path:
    """source: an open orchestration.reports.data.ReportSource."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.partial")
    book = XlsxWriter(tmp, title="项目支出绩效自评表 数据质量审核报告",
                      subject=f"load {source.load.get('load_id') or ''}")
    try:
        _write_sheets(book, source)
        book.close()
    except BaseException:
        book.abandon()
        raise
    tmp.replace(path)
    return path


def _write_sheets(book: XlsxWriter, source) -> None:
    counts = source.counts()
    summary = source.summary_rows()

    def summary_total(row):
        if row is not summary[-1]:
            return None
        return {i: TOTAL_STYLE for i in range(len(SUMMARY_HEADERS))}

    _sheet(book, "汇总", SUMMARY_HEADERS, summary, row_style=summary_total)

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
    severity_styles = {severity_zh(name): style for name, style in SEVERITY_STYLE.items()}

    def severity_fill(row):
        style = severity_styles.get(row[severity_column])
        return {severity_column: style} if style else None

    _sheet(book, "问题清单", FINDING_HEADERS, finding_rows(), total=counts["findings"], row_style=severity_fill,
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

    _sheet(book, "隔离表单", QUARANTINE_HEADERS, quarantined_rows(), total=counts["quarantined"],
           overflow_note="完整清单见发布库的 audit_form_status 表（status = 'quarantined'）。")

    def file_rows():
        for row in source.files():
            yield [row["file_name"], row["received_at"], STATUS_TEXT.get(row["status"], row["status"]),
                   row["form_count"], row["encoding"], row["error"], row["error_line"], row["file_hash"],
                   row["archive_path"]]

    _sheet(book, "接收文件", FILE_HEADERS, file_rows(), total=counts["files"], column_styles={1: TIME_STYLE},
           overflow_note="完整清单见发布库的 audit_received_files 表。")

    _sheet(book, "规则说明", ["规则编号", "规则说明"], [[rule_id, text] for rule_id, text in RULE_TEXTS.items()])
