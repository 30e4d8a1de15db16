"""audit.xlsx: summary, findings (one row per finding), quarantined forms, files received, rules.

Rows are streamed from the published file's cursors straight into the sheets (xlsx_writer.py), so
memory does not grow with the number of findings or files. A sheet stops at
XLSX_MAX_ROWS rows (Excel's limit is 1,048,576) with a last row saying where the full list is.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from itertools import chain, islice
from pathlib import Path

from orchestration.reports.data import FETCH_ROWS
from orchestration.reports.rule_texts import RULE_TEXTS, SEVERITY_ZH, UNLISTED_RULE_SUFFIX
from orchestration.reports.summary import SUMMARY_HEADERS
from orchestration.reports.xlsx_sql import DATETIME, NUMBER, NUMBER_OR_TEXT, SqlCell, row_xml
from orchestration.reports.xlsx_writer import CellStyle, XlsxWriter, column_letter
from orchestration.sql_text import sql_literal

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


def _display_width(value) -> int:
    text = "" if value is None else str(value)
    longest = max(text.split("\n"), key=len) if text else ""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in longest)


def _widths(headers: list[str], sample: list) -> list[float]:
    """Column widths from the header and the first rows, within 8 and the column's maximum."""
    widths = []
    for index, header in enumerate(headers):
        widest = max([_display_width(header)] + [_display_width(row[index]) for row in sample])
        widths.append(min(max(widest + 2, 8), MAX_WIDTH.get(header, 40)))
    return widths


def _sheet(book: XlsxWriter, title: str, headers: list[str], rows: Iterable[list], total: int | None = None,
           overflow_note: str = "", column_styles: dict[int, CellStyle] | None = None, row_style=None):
    """A sheet with bold header, frozen first row, filter over all rows, widths from the first rows.

    column_styles: column index (0-based) -> style of every data cell of that column;
    row_style(row) -> {column index: style} per row (e.g. severity fill), or None.
    """
    rows = iter(rows)
    sample = list(islice(rows, WIDTH_SAMPLE))
    sheet = book.sheet(title, _widths(headers, sample))
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

    severity_style = "CASE severity " + " ".join(
        f"WHEN {sql_literal(name)} THEN {book.style(style)}" for name, style in SEVERITY_STYLE.items()) + " END"
    _rendered_sheet(book, source, "问题清单", FINDING_HEADERS, source.findings_sql(), "number", [
        SqlCell("implementing_unit"), SqlCell("project_name"), SqlCell("report_year", NUMBER), SqlCell("rule_id"),
        SqlCell(_case("severity", SEVERITY_ZH, "coalesce(severity, '')"), style=severity_style),
        SqlCell(_case("rule_id", RULE_TEXTS, "CASE WHEN coalesce(rule_id, '') = '' THEN '' ELSE rule_id || "
                      + sql_literal(UNLISTED_RULE_SUFFIX) + " END")),
        SqlCell("nullif(subject, '')"), SqlCell("reported", NUMBER_OR_TEXT), SqlCell("expected", NUMBER_OR_TEXT),
        SqlCell("message"), SqlCell("source_file"), SqlCell("form_index", NUMBER), SqlCell("line", NUMBER),
    ], total=counts["findings"],
        overflow_note="完整清单见发布库的 audit_findings 表（published/parquet/audit_findings.parquet）。")

    _rendered_sheet(book, source, "隔离表单", QUARANTINE_HEADERS, source.quarantined_summary_sql(), "form_order", [
        SqlCell("department"), SqlCell("implementing_unit"), SqlCell("project_name"), SqlCell("report_year", NUMBER),
        SqlCell("error_count", NUMBER), SqlCell("warning_count", NUMBER), SqlCell("error_rules"),
        SqlCell("error_lines"), SqlCell("source_file"), SqlCell("form_index", NUMBER), SqlCell("line_start", NUMBER),
        SqlCell("archive_path"),
    ], total=counts["quarantined"], overflow_note="完整清单见发布库的 audit_form_status 表（status = 'quarantined'）。")

    _rendered_sheet(book, source, "接收文件", FILE_HEADERS, source.files_sql(), source.files_order(), [
        SqlCell("file_name"), SqlCell("received_at", DATETIME, style=book.style(TIME_STYLE)),
        SqlCell(_case("status", STATUS_TEXT, "status")), SqlCell("form_count", NUMBER), SqlCell("encoding"),
        SqlCell("error"), SqlCell("error_line", NUMBER), SqlCell("file_hash"), SqlCell("archive_path"),
    ], total=counts["files"], overflow_note="完整清单见发布库的 audit_received_files 表。")

    _sheet(book, "规则说明", ["规则编号", "规则说明"], [[rule_id, text] for rule_id, text in RULE_TEXTS.items()])



def _case(column: str, texts: dict[str, str], otherwise: str) -> str:
    """SQL of `texts.get(column, otherwise)`."""
    branches = " ".join(f"WHEN {sql_literal(key)} THEN {sql_literal(text)}" for key, text in texts.items())
    return f"CASE {column} {branches} ELSE {otherwise} END"


def _rendered_sheet(book: XlsxWriter, source, title: str, headers: list[str], rows_sql: str, order_by: str,
                    cells: list[SqlCell], total: int, overflow_note: str) -> None:
    """A long sheet whose rows DuckDB renders (xlsx_sql.py): same header, widths, styles, cap and filter
    as `_sheet`. `rows_sql` is the rows' query, `order_by` their order, `cells` the columns over it."""
    wrap_style = book.style(WRAP_STYLE)
    cells = [SqlCell(cell.expression, cell.kind, wrap_style) if header in WRAPPED and cell.style is None else cell
             for header, cell in zip(headers, cells)]
    connection = source.connection
    values = ", ".join(f"{cell.expression} AS c{index}" for index, cell in enumerate(cells))
    sample = connection.execute(
        f"SELECT {values} FROM ({rows_sql}) ORDER BY {order_by} LIMIT {WIDTH_SAMPLE}").fetchall()
    sheet = book.sheet(title, _widths(headers, sample))
    header_style = book.style(HEADER_STYLE)
    sheet.append(headers, {index: header_style for index in range(len(headers))}, height=20)
    cursor = connection.execute(f"""
        SELECT {row_xml(cells, "sheet_row")}
        FROM (SELECT *, row_number() OVER (ORDER BY {order_by}) + 1 AS sheet_row FROM ({rows_sql}))
        WHERE sheet_row <= {XLSX_MAX_ROWS + 1}
        ORDER BY sheet_row""")
    while batch := cursor.fetchmany(FETCH_ROWS):
        sheet.append_rendered([row[0] for row in batch], len(headers))
    written = sheet.rows_written - 1
    if total > written:
        sheet.append([f"（共 {total} 行，此表只列出前 {written} 行。{overflow_note}）"])
    sheet.autofilter = f"A1:{column_letter(len(headers))}{written + 1}"
    sheet.close()
