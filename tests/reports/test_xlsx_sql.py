"""Rows rendered by DuckDB (xlsx_sql.row_xml) read back exactly like rows the Python writer appends."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation

import duckdb
import openpyxl
import pytest

from orchestration.reports.xlsx_sql import DATETIME, NUMBER, NUMBER_OR_TEXT, SqlCell, row_xml
from orchestration.reports.xlsx_writer import CellStyle, XlsxWriter

ROWS = [
    # text, number, number or text, timestamp, severity
    ('a<b>&"c" it\'s', 2020, "4.94", datetime(2026, 11, 29, 12, 48, 31), "error"),
    ("line1\nline2\x01\x1f", -5, " 100 ", datetime(2026, 1, 1, 0, 0, 0, 500_000), "warning"),
    ("x" * 40_000, 0, "98.74%", None, "info"),
    ("", None, "1e3", datetime(1999, 12, 31, 23, 59, 59), None),
    (None, 7, "-0.5", datetime(2026, 6, 30), "other"),
    ("项目名称（含括号）", 12, ".5", None, "error"),
    ("NaN", 1, "NaN", None, "warning"),
    ("tab\there", 2, "Infinity", None, None),
    ("z", 3, None, None, None),
    ("y", 4, "", None, None),
    ("80万元", 5, "80万元", None, None),
    ("00012", 6, "00012", None, None),
]
SEVERITY_FILL = {"error": "F8CBAD", "warning": "FFE699", "info": "DDEBF7"}


def _number_or_text(value):
    """The Python writer's reading of a reported value: a finite decimal is a number, the rest text."""
    if value is None:
        return None
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        return value
    return number if number.is_finite() else value


def _book(path, render) -> openpyxl.worksheet.worksheet.Worksheet:
    book = XlsxWriter(path)
    wrap = book.style(CellStyle(wrap=True, vertical="top"))
    timestamp = book.style(CellStyle(number_format="yyyy-mm-dd hh:mm:ss"))
    fills = {severity: book.style(CellStyle(fill_rgb=rgb)) for severity, rgb in SEVERITY_FILL.items()}
    sheet = book.sheet("s", [10] * 5)
    sheet.append(["text", "number", "reported", "received", "severity"])
    render(sheet, wrap, timestamp, fills)
    sheet.close()
    book.close()
    return openpyxl.load_workbook(path)["s"]


def _python_rows(sheet, wrap, timestamp, fills):
    for text, number, reported, received, severity in ROWS:
        styles = {0: wrap, 3: timestamp}
        if severity in fills:
            styles[4] = fills[severity]
        sheet.append([text, number, _number_or_text(reported), received, severity], styles)


def _sql_rows(sheet, wrap, timestamp, fills):
    connection = duckdb.connect()
    connection.execute("CREATE TABLE t (n INTEGER, text VARCHAR, number INTEGER, reported VARCHAR, "
                       "received TIMESTAMP, severity VARCHAR)")
    connection.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)",
                           [(index, *row) for index, row in enumerate(ROWS)])
    severity_style = "CASE severity " + " ".join(f"WHEN '{name}' THEN {style}" for name, style in fills.items()) + " END"
    cells = [SqlCell("text", style=wrap), SqlCell("number", NUMBER), SqlCell("reported", NUMBER_OR_TEXT),
             SqlCell("received", DATETIME, style=timestamp), SqlCell("severity", style=severity_style)]
    rendered = connection.execute(f"SELECT {row_xml(cells, 'n + 2')} FROM t ORDER BY n").fetchall()
    sheet.append_rendered([row[0] for row in rendered], len(cells))


def test_sql_rendered_rows_read_back_like_python_rows(tmp_path):
    python = _book(tmp_path / "python.xlsx", _python_rows)
    sql = _book(tmp_path / "sql.xlsx", _sql_rows)
    assert sql.max_row == python.max_row == len(ROWS) + 1
    for python_row, sql_row in zip(python.iter_rows(min_row=2), sql.iter_rows(min_row=2)):
        for expected, actual in zip(python_row, sql_row):
            where = f"{actual.coordinate}: {expected.value!r}"[:80]
            if isinstance(expected.value, datetime):
                assert abs((actual.value - expected.value).total_seconds()) < 0.001, where
            elif isinstance(expected.value, float):
                assert actual.value == pytest.approx(expected.value), where
            else:
                assert actual.value == expected.value and type(actual.value) is type(expected.value), where
            assert actual.fill.fgColor.rgb == expected.fill.fgColor.rgb, where
            assert actual.alignment.wrap_text == expected.alignment.wrap_text, where
            assert actual.number_format == expected.number_format, where


def test_sql_rendered_values_are_what_the_report_promises(tmp_path):
    sheet = _book(tmp_path / "sql.xlsx", _sql_rows)
    column = {row[0].row: row for row in sheet.iter_rows(min_row=2)}
    assert column[2][0].value == 'a<b>&"c" it\'s' and column[2][2].value == pytest.approx(4.94)
    assert column[3][0].value == "line1\nline2", "characters XML forbids are dropped"
    assert len(column[4][0].value) == 32_767, "Excel's cell limit"
    assert column[4][2].value == "98.74%" and column[7][2].value == 0.5
    assert column[5][2].value == 1000 and column[3][2].value == 100
    assert column[8][2].value == "NaN" and column[9][2].value == "Infinity", "no INF or NaN numbers"
    assert column[2][3].value == datetime(2026, 11, 29, 12, 48, 31)
    assert column[2][4].fill.fgColor.rgb == "FFF8CBAD" and column[6][4].fill.fill_type is None
