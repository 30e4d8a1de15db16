"""The streaming XLSX writer: what it writes reads back in openpyxl with values, styles and layout."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import openpyxl
import pytest

from orchestration.reports.xlsx_writer import CellStyle, XlsxWriter, column_letter


def test_column_letters():
    assert [column_letter(n) for n in (1, 13, 26, 27, 52, 703)] == ["A", "M", "Z", "AA", "AZ", "AAA"]


def test_values_styles_and_layout_read_back(tmp_path):
    path = tmp_path / "book.xlsx"
    book = XlsxWriter(path, title="审核报告 <&>", subject="load 1")
    bold_fill = book.style(CellStyle(bold=True, font_name="Microsoft YaHei", fill_rgb="DCE6F1", vertical="center"))
    wrap = book.style(CellStyle(wrap=True, vertical="top"))
    timestamp = book.style(CellStyle(number_format="yyyy-mm-dd hh:mm:ss"))
    sheet = book.sheet("问题 & 清单", [12, 30.5, 8])
    sheet.append(["单位", "说明", "数"], {0: bold_fill, 1: bold_fill, 2: bold_fill}, height=20)
    sheet.append(["a<b>&\"c\"", "line1\nline2\x01", Decimal("4.94")], {1: wrap})
    sheet.append([None, True, 7])
    sheet.append([datetime(2026, 11, 29, 12, 48, 31), "x" * 40_000, float("nan")], {0: timestamp})
    sheet.autofilter = "A1:C4"
    book.sheet("second", [10]).append(["only"])
    book.close()

    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["问题 & 清单", "second"]
    assert workbook.properties.title == "审核报告 <&>"
    first = workbook["问题 & 清单"]
    assert [c.value for c in first[1]] == ["单位", "说明", "数"]
    assert first["A1"].font.b and first["A1"].font.name == "Microsoft YaHei"
    assert first["A1"].fill.fgColor.rgb == "FFDCE6F1"
    assert first.row_dimensions[1].height == 20
    assert first["A2"].value == 'a<b>&"c"'
    assert first["B2"].value == "line1\nline2" and first["B2"].alignment.wrap_text
    assert first["C2"].value == pytest.approx(4.94)
    assert first["A3"].value is None and first["B3"].value is True and first["C3"].value == 7
    assert first["A4"].value == datetime(2026, 11, 29, 12, 48, 31)
    assert first["A4"].number_format == "yyyy-mm-dd hh:mm:ss"
    assert len(first["B4"].value) == 32_767, "Excel's cell limit"
    assert first["C4"].value == "nan"
    assert first.freeze_panes == "A2"
    assert first.auto_filter.ref == "A1:C4"
    assert first.column_dimensions["B"].width == 30.5
    assert workbook["second"]["A1"].value == "only"


def test_abandoned_book_leaves_no_file(tmp_path):
    path = tmp_path / "book.xlsx"
    book = XlsxWriter(path)
    book.sheet("s", [10]).append(["half"])
    book.abandon()
    assert not path.exists()
