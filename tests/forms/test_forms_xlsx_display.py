"""xlsx numbers are read as the sheet shows them: rounded to the number format's decimals, and a
percent sign written as text in the format is a literal, not the percent scaling."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from orchestration.forms import parse_document, to_contract_dict
from orchestration.forms.readers.xlsx import read_xlsx


def _write_xlsx(tmp_path, rows, formats=None, merges=()) -> bytes:
    """`rows` from A1 down; `formats` maps (row, column), both from 1, to a number format."""
    book = openpyxl.Workbook()
    sheet = book.active
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            if value is None or value == "":
                continue
            cell = sheet.cell(r, c, value)
            if formats and (r, c) in formats:
                cell.number_format = formats[(r, c)]
    for cells in merges:
        sheet.merge_cells(cells)
    path = tmp_path / "form.xlsx"
    book.save(path)
    return path.read_bytes()


def _form(tmp_path, rate, rate_format, score=9.87, score_format=None, total=97.37, total_format=None) -> dict:
    rows = [
        ["项目支出绩效自评表"],
        ["(2022年度)"],
        ["项目名称", "某某项目"],
        ["项目资金(万元)", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", 100, 120, 118.49, 10, rate, score],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "培训人数", "100人", "95人", 90, 87.5],
        ["总分", "", "", "", "", 100, total],
    ]
    formats = {(5, 7): rate_format}
    if score_format:
        formats[(5, 8)] = score_format
    if total_format:
        formats[(8, 7)] = total_format
    data = _write_xlsx(tmp_path, rows, formats, merges=["A4:A5", "A8:E8"])
    (form,) = parse_document(data, "form.xlsx").forms
    return to_contract_dict(form)


@pytest.mark.parametrize("rate_format", ['0.00"%"', "0.00\\%", '[Red]0.00"%"', '[$-804]0.00" %"'])
def test_percent_sign_quoted_or_escaped_in_the_format_is_shown_as_typed(tmp_path, rate_format):
    form = _form(tmp_path, 98.74, rate_format)
    (funds,) = form["funds"]
    assert funds["execution_rate"] == pytest.approx(0.9874)
    assert funds["execution_rate_raw"] == "98.74%"
    assert form["problems"] == []


def test_unrounded_formula_values_are_read_as_the_format_shows_them(tmp_path):
    # 得分 = 10 × 118.49 / 120 and 执行率 = 118.49 / 120, cached unrounded, shown to two decimals
    form = _form(
        tmp_path, 0.987416666666667, "0.00%",
        score=9.874166666666667, score_format="0.00",
        total=97.37416666666667, total_format="0.00",
    )
    (funds,) = form["funds"]
    assert funds["execution_rate"] == pytest.approx(0.9874) and funds["execution_rate_raw"] == "98.74%"
    assert funds["score"] == 9.87 and funds["score_raw"] == "9.87"
    assert form["total_score"] == 97.37


def test_cells_read_as_excel_displays_them(tmp_path):
    shown = [
        (9.874166666666667, "0.00", "9.87"),
        (1.005, "0.00", "1.01"),  # half up on the decimal 1.005, not on the binary 1.00499…
        (1.0049999999999999, "0.00", "1.01"),  # 15 significant digits first, as Excel keeps
        (2.5, "0", "3"),
        (-2.5, "0", "-3"),
        (7, "0.0", "7.0"),
        (1234.5, "#,##0.00", "1234.50"),
        (0.5, "0%", "50%"),
        (0.98745, "0.00%", "98.75%"),
        (-1.234, "0.00;[Red]-0.00", "-1.23"),
        (-0.001, "0.00", "0.00"),
        (3.14159, "0.0#", "3.14"),
        (3.1, "0.0#", "3.1"),
        (9.874, "General", "9.874"),
        (123, "General", "123"),
        (1.5e-7, "0.00E+00", "0.00000015"),  # not a plain decimal format: the stored value
        (dt.datetime(2022, 12, 31), "yyyy-mm-dd", "2022-12-31"),
        ("98.74", "@", "98.74"),
        (True, "General", "是"),
    ]
    formats = {(1, c): fmt for c, (_, fmt, _) in enumerate(shown, 1)}
    data = _write_xlsx(tmp_path, [[value for value, _, _ in shown]], formats)
    (row,) = read_xlsx(data, "cells.xlsx")
    assert row.texts == [text for _, _, text in shown]
