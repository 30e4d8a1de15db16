"""Spreadsheets are read as Excel shows them: .xls number formats and dates like .xlsx ones,
formats that show 元 as 万 (0!.0000, 0"."0000, scaling commas, conditions), no hidden rows,
columns or sheets, and every column even when the sheet's <dimension> record is stale."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest

from orchestration.forms import DocumentError, parse_document, to_contract_dict

from .support import render


def _table(name="某某项目", funds=None, indicators=None, total=(100, 94)) -> list[list]:
    """The 9-column central template; Excel row numbers: 5 funds header, 6.. funds, then goals,
    the indicator header, the indicators and 总分."""
    funds = funds or [["年度资金总额", 100, 120, 108, 10, "90%", 9],
                      ["其中：当年财政拨款", 100, 120, 108, "—", "90%", "—"]]
    indicators = indicators or [["产出指标", "数量指标", "培训人数", "100人", "95人", 50, 45, "疫情影响"],
                                ["", "质量指标", "合格率", "≥90%", "95%", 40, 40, ""]]
    rows = [["项目支出绩效自评表"], ["(2022年度)"], ["项目名称", name],
            ["主管部门", "某县教育局", "", "", "实施单位", "某县中学"],
            ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]]
    rows += [[""] + list(fund) for fund in funds]
    rows += [["年度总体目标", "预期目标", "", "", "", "实际完成情况"], ["", "完成培训", "", "", "", "已完成"],
             ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]]
    rows += [[""] + list(indicator) for indicator in indicators]
    rows.append(["总分", "", "", "", "", "", total[0], total[1]])
    return rows


def _xlsx(tables, style=None) -> bytes:
    """One sheet per table; style(sheet, index) may format, hide or merge cells."""
    return render.to_xlsx(tables, merge_levels=False, style=style)


def _xls(tables, formats=None, hidden_rows=(), hidden_columns=(), hidden_sheets=(), merges=()) -> bytes:
    """As Excel 97-2003 saves it (xlwt); `formats` maps (row, column), both from 0, of the first
    sheet to a number format; hidden rows, columns and merges apply to the first sheet."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    for number, table in enumerate(tables):
        sheet = book.add_sheet(f"表{number + 1}")
        merged = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in merges} if number == 0 else {}
        covered = {(r, c) for (r1, c1), (r2, c2) in merged.items()
                   for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                if (r, c) in merged:
                    sheet.write_merge(r, merged[(r, c)][0], c, merged[(r, c)][1], value)
                elif (r, c) in covered:
                    continue
                elif number == 0 and formats and (r, c) in formats:
                    sheet.write(r, c, value, xlwt.easyxf(num_format_str=formats[(r, c)]))
                elif value != "":
                    sheet.write(r, c, value)
        if number == 0:
            for r in hidden_rows:
                sheet.row(r).hidden = True
            for c in hidden_columns:
                sheet.col(c).hidden = True
        if number in hidden_sheets:
            sheet.visibility = 1
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _forms(data: bytes, name: str) -> list[dict]:
    return [to_contract_dict(form) for form in parse_document(data, name).forms]


def _only_form(data: bytes, name: str) -> dict:
    (form,) = _forms(data, name)
    return form


def _indicator_names(form: dict) -> list[str]:
    return [indicator["name"] for indicator in form["indicators"]]


# -- .xls: number formats and dates --------------------------------------------------------


def test_xls_percent_and_date_cells_read_as_excel_displays_them():
    table = _table(funds=[["年度资金总额", 100, 100, 105, 10, 1.05, 10]],
                   indicators=[["产出指标", "数量指标", "培训人数", "100人", "95人", 30, 28],
                               ["", "质量指标", "合格率", 0.9, 0.95, 30, 30],
                               ["", "时效指标", "完成时间", dt.date(2022, 12, 31), dt.date(2022, 11, 30), 20, 20],
                               ["", "", "资金到位率", 0.98745, 9.874166666666667, 10, 10]],
                   total=(100, 98))
    formats = {(5, 6): "0.00%", (10, 4): "0%", (10, 5): "0%", (11, 4): "yyyy-mm-dd", (11, 5): "yyyy-mm-dd",
               (12, 4): "0.00%", (12, 5): "0.00"}
    form = _only_form(_xls([table], formats), "t.xls")
    (funds,) = form["funds"]
    assert funds["execution_rate"] == pytest.approx(1.05) and funds["execution_rate_raw"] == "105.00%"
    shown = [(i["target_raw"], i["actual_raw"]) for i in form["indicators"][1:]]
    assert shown == [("90%", "95%"), ("2022-12-31", "2022-11-30"), ("98.75%", "9.87")]
    assert form["problems"] == []


def test_xls_wan_display_format_reads_as_shown():
    funds = [["年度资金总额", 1000000, 1200000, 1080000, 10, "90%", 9]]
    formats = {(5, c): "0!.0000" for c in (2, 3, 4)}
    form = _only_form(_xls([_table(funds=funds)], formats), "t.xls")
    (total,) = form["funds"]
    assert (total["initial_budget"], total["annual_budget"], total["executed"]) == (100, 120, 108)
    assert total["annual_budget_raw"] == "120.0000"


# -- formats that show 元 as 万元 -------------------------------------------------------------

_YUAN_FUNDS = [["年度资金总额", 1000000, 1200000, 1080000, 10, "90%", 9]]


@pytest.mark.parametrize("amount_format", ["0!.0000", '0"."0000', "0\\.0000", '#!.####'])
def test_xlsx_amounts_in_yuan_shown_as_wan_read_as_shown(amount_format):
    def style(sheet, _):
        for column in "CDE":
            sheet[f"{column}6"].number_format = amount_format

    form = _only_form(_xlsx([_table(funds=_YUAN_FUNDS)], style), "t.xlsx")
    (total,) = form["funds"]
    assert (total["initial_budget"], total["annual_budget"], total["executed"]) == (100, 120, 108)
    assert total["annual_budget_wan_yuan"] == 120
    assert total["annual_budget_raw"] == "120.0000"
    assert form["problems"] == []


SHOWN = [
    # (value, format, shown): digits around a literal point, as Excel fills placeholders from the right
    (1234567.89, '0"."0000', "123.4568"),
    (50, "0!.0000", "0.0050"),
    (-1200000, "0!.0000", "-120.0000"),
    # a comma after the last digit placeholder divides by 1000 per comma
    (1234567, "0!.0,", "123.5"),
    (1200000, "0.0000,", "1200.0000"),
    (1200000, "#,##0.00,,", "1.20"),
    # a magnitude word typed into the format is part of what the cell says: dropping it would
    # turn 120万 into 120 under a 元 header
    (1200000, '0!.0000"万元"', "120.0000万元"),
    (1200000, '0.00,"千"', "1200000"),  # no amount reads 千: the stored value
    (1200000, 'General"万"', "1200000万"),
    # a condition picks the section, as in the common 亿/万/plain format
    (1200000, '[>=100000000]0!.00,,"亿";[>=10000]0!.0,"万";0', "120.0万"),
    (250000000, '[>=100000000]0!.00,,"亿";[>=10000]0!.0,"万";0', "2.50亿"),
    (500, '[>=100000000]0!.00,,"亿";[>=10000]0!.0,"万";0', "500"),
    (98.74, '[<=100]0.00"%";0', "98.74%"),
    # decoration that does not change the number is still dropped
    (1234.5, '"¥"#,##0.00', "1234.50"),
    (1234.5, '_ "¥"* #,##0.00_ ;_ "¥"* \\-#,##0.00_ ;_ "¥"* "-"??_ ;_ @_ ', "1234.50"),
    (12, '0"人"', "12"),
]


def test_numbers_under_digit_formats_read_as_excel_displays_them():
    indicators = [["产出指标", "数量指标", f"指标{k}", value, "", 1, 1] for k, (value, _, _) in enumerate(SHOWN)]

    def style(sheet, _):
        for k, (_, number_format, _) in enumerate(SHOWN):
            sheet.cell(11 + k, 5).number_format = number_format

    table = _table(indicators=indicators, total=(len(SHOWN), len(SHOWN)))
    form = _only_form(_xlsx([table], style), "t.xlsx")
    assert [i["target_raw"] for i in form["indicators"]] == [shown for _, _, shown in SHOWN]


# -- hidden rows, columns and sheets ----------------------------------------------------------

_TEMPLATE_ROW = ["", "时效指标", "完成及时率", "100%", "", 10, ""]


def test_xlsx_hidden_indicator_row_is_not_read():
    table = _table(indicators=[
        ["产出指标", "数量指标", "培训人数", "100人", "95人", 50, 45],
        ["", "质量指标", "合格率", "≥90%", "95%", 40, 40],
        _TEMPLATE_ROW,
    ])

    def style(sheet, _):
        sheet.row_dimensions[13].hidden = True

    form = _only_form(_xlsx([table], style), "t.xlsx")
    assert _indicator_names(form) == ["培训人数", "合格率"]
    assert form["total_score"] == 94
    assert any(p["severity"] == "warning" and "隐藏的行或列" in p["message"] for p in form["problems"])


def _with_hidden_yuan_column(table: list[list]) -> list[list]:
    """A helper column E 全年执行数（元） before the visible 全年执行数 in 万元."""
    rows = [list(row) + [""] * (9 - len(row)) for row in table]
    rows = [row[:4] + [""] + row[4:] for row in rows]
    rows[4][4], rows[5][4], rows[6][4] = "全年执行数（元）", 1080000, 1080000
    return rows


def test_xlsx_hidden_column_is_not_read():
    def style(sheet, _):
        sheet.column_dimensions["E"].hidden = True

    form = _only_form(_xlsx([_with_hidden_yuan_column(_table())], style), "t.xlsx")
    assert [fund["executed"] for fund in form["funds"]] == [108, 108]
    assert [i["score"] for i in form["indicators"]] == [45, 40]
    assert [p["message"] for p in form["problems"]] == ["工作表中有1处隐藏的行或列含有文字，按 Excel 显示未读入，请核对"]


def test_xlsx_merged_text_anchored_in_a_hidden_column_or_row_shows_in_the_visible_part():
    # A hidden 序号 column A under a title merged across A:J, and a 一级指标 cell merged down over
    # a hidden template row: Excel shows both texts in the visible cells of the merge
    table = [[""] + row for row in _table(indicators=[
        ["产出指标", "时效指标", "完成及时率", "100%", "", 10, ""],
        ["", "数量指标", "培训人数", "100人", "95人", 50, 45],
        ["", "质量指标", "合格率", "≥90%", "95%", 40, 40],
    ])]
    table[0][0], table[0][1] = "项目支出绩效自评表", ""

    def style(sheet, _):
        sheet.column_dimensions["A"].hidden = True
        sheet.row_dimensions[11].hidden = True
        sheet.merge_cells("A1:J1")
        sheet.merge_cells("C11:C13")

    form = _only_form(_xlsx([table], style), "t.xlsx")
    assert form["title"] == "项目支出绩效自评表"
    assert [(i["level1"], i["name"]) for i in form["indicators"]] == [("产出指标", "培训人数"), ("产出指标", "合格率")]
    assert form["total_score"] == 94


def test_xlsx_columns_hidden_as_a_range_are_not_read():
    table = [row + [""] * (9 - len(row)) + ["", "旧版", "", 999] for row in _table()]

    def style(sheet, _):
        sheet.column_dimensions.group("J", "M", hidden=True)

    form = _only_form(_xlsx([table], style), "t.xlsx")
    assert [i["deviation_note"] for i in form["indicators"]] == ["疫情影响", None]
    assert [p["message"] for p in form["problems"]] == ["工作表中有2处隐藏的行或列含有文字，按 Excel 显示未读入，请核对"]


def test_xls_hidden_rows_columns_and_sheets_are_not_read():
    hidden_form = _table(name="草稿项目")
    table = _with_hidden_yuan_column(_table(indicators=[
        ["产出指标", "数量指标", "培训人数", "100人", "95人", 50, 45],
        ["", "质量指标", "合格率", "≥90%", "95%", 40, 40],
        _TEMPLATE_ROW,
    ]))
    data = _xls([table, hidden_form], hidden_rows=[12], hidden_columns=[4], hidden_sheets=[1])
    form = _only_form(data, "t.xls")
    assert form["project_name"] == "某某项目"
    assert _indicator_names(form) == ["培训人数", "合格率"]
    assert [fund["executed"] for fund in form["funds"]] == [108, 108]
    assert [p["message"] for p in form["problems"]] == ["工作表中有2处隐藏的行或列含有文字，按 Excel 显示未读入，请核对"]


def test_xls_merged_title_anchored_in_a_hidden_column_shows_in_the_visible_part():
    # the hidden column A is a helper holding 全年执行数 in 元, under a title merged across A:J
    table = [[""] + row + [""] * (9 - len(row)) for row in _table()]
    table[0][0], table[0][1] = "项目支出绩效自评表", ""
    table[4][0], table[5][0], table[6][0] = "全年执行数（元）", 1080000, 1080000
    form = _only_form(_xls([table], hidden_columns=[0], merges=[(0, 0, 0, 9)]), "t.xls")
    assert form["title"] == "项目支出绩效自评表"
    assert [fund["executed"] for fund in form["funds"]] == [108, 108]
    assert [p["message"] for p in form["problems"]] == ["工作表中有1处隐藏的行或列含有文字，按 Excel 显示未读入，请核对"]


# -- a stale <dimension> record ----------------------------------------------------------------


def _with_first_sheet(data: bytes, change) -> bytes:
    """The workbook with its first sheet's XML passed through change(bytes) -> bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            raw = source.read(item.filename)
            target.writestr(item, change(raw) if item.filename == "xl/worksheets/sheet1.xml" else raw)
    return buffer.getvalue()


def _with_dimension(data: bytes, ref: str) -> bytes:
    return _with_first_sheet(data, lambda raw: re.sub(rb'<dimension ref="[^"]*" ?/>', f'<dimension ref="{ref}"/>'.encode(), raw))


def test_xlsx_stale_dimension_narrower_than_the_data_cuts_no_column():
    form = _only_form(_with_dimension(_xlsx([_table()]), "A1:G13"), "t.xlsx")
    assert form["funds"][0]["score"] == 9
    assert [(i["score"], i["deviation_note"]) for i in form["indicators"]] == [(45, "疫情影响"), (40, None)]
    assert (form["total_weight"], form["total_score"]) == (100, 94)


def test_xlsx_stale_dimension_shorter_than_the_data_cuts_no_row():
    form = _only_form(_with_dimension(_xlsx([_table()]), "A1:I9"), "t.xlsx")
    assert _indicator_names(form) == ["培训人数", "合格率"]
    assert form["total_score"] == 94


def test_xlsx_cell_beyond_the_last_excel_column_is_refused():
    data = _with_first_sheet(_xlsx([_table()]), lambda raw: raw.replace(b'r="A1"', b'r="ZZZ1"', 1))
    with pytest.raises(DocumentError, match="corrupt xlsx"):
        parse_document(data, "t.xlsx")
