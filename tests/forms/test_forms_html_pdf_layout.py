"""Layouts of saved web pages and PDFs that were read into wrong forms with no warning (review 22,
cases 6, 8c and 11): a <table> nested in a cell of the form's table, rows and cells hidden with
display:none or the hidden attribute (Excel's Save as Web Page keeps hidden rows that way), a title
kept in an outer layout table, and a PDF footer printing the page number. Each test fails on 63c5916."""

from __future__ import annotations

import html
import io

import pytest

from orchestration.forms import parse_document, to_contract_dict


def _form_table(name="某某项目", funds=None, indicators=None, total=("100", "94")) -> list[list[str]]:
    """The 9-column central template (财预〔2020〕10号 附件1) as cell texts."""
    funds = funds or [["年度资金总额", "100", "120", "108", "10", "90%", "9"],
                      ["其中：当年财政拨款", "100", "120", "108", "—", "90%", "—"]]
    indicators = indicators or [["产出指标", "数量指标", "培训人数", "100人", "95人", "50", "45", "疫情影响"],
                                ["", "质量指标", "合格率", "≥90%", "95%", "40", "40", ""]]
    table = [["项目支出绩效自评表"] + [""] * 8,
             ["(2022年度)"] + [""] * 8,
             ["项目名称", name] + [""] * 7,
             ["主管部门", "某县教育局", "", "", "实施单位", "某县中学", "", "", ""],
             ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""]]
    table += [[""] + row + [""] * (8 - len(row)) for row in funds]
    table.append(["年度总体目标", "预期目标", "", "", "", "实际完成情况", "", "", ""])
    table.append(["", "完成培训", "", "", "", "已完成", "", "", ""])
    table.append(["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                  "偏差原因分析及改进措施"])
    table += [[""] + row + [""] * (8 - len(row)) for row in indicators]
    table.append(["总分", "", "", "", "", "", total[0], total[1], ""])
    return table


def _html_rows(table: list[list[str]], row_attributes: dict[int, str] | None = None) -> str:
    row_attributes = row_attributes or {}
    return "".join(f"<tr{row_attributes.get(k, '')}>" + "".join(f"<td>{html.escape(t)}</td>" for t in row) + "</tr>"
                   for k, row in enumerate(table))


def _forms(data: bytes, name: str) -> list[dict]:
    return [to_contract_dict(form) for form in parse_document(data, name).forms]


def _indicators(form: dict) -> list[tuple]:
    return [(i["name"], i["weight"], i["score"]) for i in form["indicators"]]


def _funds(form: dict) -> list[tuple]:
    return [(f["source"], f["initial_budget"], f["annual_budget"], f["executed"], f["score"]) for f in form["funds"]]


# -- HTML: a table nested in a cell --------------------------------------------------------------


def _form_with_nested_indicator_table(table: list[list[str]]) -> str:
    """Head, funds, goals and 总分 are rows of the outer table; the indicator header and rows are a
    table inside the cell next to 绩效指标."""
    header = next(k for k, row in enumerate(table) if "一级指标" in row)
    inner = "<table border=1>" + _html_rows([row[1:] for row in table[header:-1]]) + "</table>"
    return ("<table border=1>" + _html_rows(table[:header])
            + f"<tr><td>绩效指标</td><td colspan=8>{inner}</td></tr>" + _html_rows(table[-1:]) + "</table>")


def test_html_indicator_tables_nested_in_two_forms_stay_with_their_own_form():
    second = _form_table(name="乙项目", funds=[["年度资金总额", "50", "60", "30", "10", "50%", "5"]],
                         indicators=[["产出指标", "数量指标", "乙指标", "10个", "5个", "90", "45", ""]],
                         total=("100", "50"))
    page = (f"<html><body>{_form_with_nested_indicator_table(_form_table())}<p>&nbsp;</p>"
            f"{_form_with_nested_indicator_table(second)}</body></html>").encode()

    first_form, second_form = _forms(page, "t.html")

    assert first_form["project_name"] == "某某项目"
    assert _indicators(first_form) == [("培训人数", 50, 45), ("合格率", 40, 40)]
    assert first_form["total_score"] == 94
    assert second_form["project_name"] == "乙项目"
    assert _indicators(second_form) == [("乙指标", 90, 45)]
    assert second_form["total_score"] == 50
    assert first_form["problems"] == [] and second_form["problems"] == []


def test_html_form_nested_in_an_outer_layout_table_keeps_the_title_and_year_above_it():
    page = ("<html><body><table><tr><td>项目支出绩效自评表</td></tr><tr><td>(2022年度)</td></tr>"
            f"<tr><td><table border=1>{_html_rows(_form_table()[2:])}</table></td></tr></table></body></html>").encode()

    forms = _forms(page, "t.html")

    assert len(forms) == 1
    assert forms[0]["report_year"] == 2022
    assert _indicators(forms[0]) == [("培训人数", 50, 45), ("合格率", 40, 40)]
    assert forms[0]["problems"] == []


def test_html_rows_of_an_unclosed_outer_table_are_still_read():
    page = ("<html><body><table><tr><td>项目支出绩效自评表</td></tr><tr><td>(2022年度)</td></tr>"
            f"<tr><td><table border=1>{_html_rows(_form_table()[2:])}</table></td></tr>").encode()

    forms = _forms(page, "t.html")

    assert forms[0]["report_year"] == 2022
    assert _indicators(forms[0]) == [("培训人数", 50, 45), ("合格率", 40, 40)]


# -- HTML: hidden rows and cells -----------------------------------------------------------------


@pytest.mark.parametrize("hiding", [' style="display:none"',
                                    " style='height:0;DISPLAY: none ;mso-height-source:userset'",
                                    " hidden"])
def test_html_hidden_fund_row_is_not_read(hiding):
    table = _form_table(funds=[["年度资金总额", "80", "80", "70", "10", "87.5%", "8.75"],
                               ["年度资金总额", "100", "120", "108", "10", "90%", "9"]])
    page = f"<html><body><table border=1>{_html_rows(table, {5: hiding})}</table></body></html>".encode()

    (form,) = _forms(page, "t.html")

    assert _funds(form) == [("total", 100, 120, 108, 9)]
    assert form["problems"] == []


def test_html_hidden_indicator_row_is_not_read():
    table = _form_table(indicators=[["产出指标", "数量指标", "培训人数", "100人", "95人", "50", "45", ""],
                                    ["", "时效指标", "完成及时率", "100%", "", "10", "", ""],
                                    ["", "质量指标", "合格率", "≥90%", "95%", "40", "40", ""]])
    hidden_row = next(k for k, row in enumerate(table) if "完成及时率" in row)
    page = f"<html><body><table border=1>{_html_rows(table, {hidden_row: ' style=display:none'})}</table></body></html>"

    (form,) = _forms(page.encode(), "t.html")

    assert _indicators(form) == [("培训人数", 50, 45), ("合格率", 40, 40)]
    assert form["problems"] == []


def test_html_hidden_cell_takes_no_column():
    table = _form_table()
    rows = _html_rows(table).replace("<td>50</td>", '<td style="display:none">5</td><td>50</td>')
    page = f"<html><body><table border=1>{rows}</table></body></html>".encode()

    (form,) = _forms(page, "t.html")

    assert _indicators(form) == [("培训人数", 50, 45), ("合格率", 40, 40)]
    assert form["problems"] == []


# -- PDF: page numbers printed in the footer ---------------------------------------------------


def _pdf_with_footer(table: list[list[str]], footer: str, ruled: bool = True) -> bytes:
    """The form on A4 as a table (title as a paragraph above it) long enough to run over two pages,
    with `footer` ({n} = page number) drawn at the bottom of every page. Without rules the PDF has
    no table to find and is read as text lines."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table as PdfTable, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("cn", fontName="STSong-Light", fontSize=9, leading=11, wordWrap="CJK")

    def draw_footer(canvas, document):
        canvas.setFont("STSong-Light", 9)
        canvas.drawString(290, 20, footer.format(n=document.page))

    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4)
    grid = PdfTable([[Paragraph(html.escape(t), style) for t in row] for row in table[1:]],
                    colWidths=[480 // len(table[0])] * len(table[0]))
    if ruled:
        grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    title = Paragraph(html.escape(table[0][0]).replace("\n", "<br/>"), style)
    document.build([title, grid], onFirstPage=draw_footer,
                   onLaterPages=draw_footer)
    return buffer.getvalue()


_LONG_INDICATORS = [["产出指标" if k == 0 else "", "数量指标", f"指标{k}", "100人", "95人", "2", "2"] for k in range(45)]


@pytest.mark.parametrize("footer", ["{n}", "- {n} -", "第 {n} 页", "第 {n} 页 共 2 页", "{n}/2", "共2页 第{n}页"])
@pytest.mark.parametrize("with_deviation_column", [False, True], ids=["8 columns", "9 columns"])
def test_pdf_page_number_footer_is_no_indicator(footer, with_deviation_column):
    table = _form_table(indicators=_LONG_INDICATORS, total=("100", "100"))
    if not with_deviation_column:
        table = [row[:8] for row in table]

    (form,) = _forms(_pdf_with_footer(table, footer), "t.pdf")

    assert [i["name"] for i in form["indicators"]] == [f"指标{k}" for k in range(45)]
    assert all(i["score"] == 2 for i in form["indicators"])
    assert form["project_name"] == "某某项目" and form["report_year"] == 2022
    assert form["total_score"] == 100
    assert form["problems"] == []


@pytest.mark.parametrize("footer", ["- {n} -", "第 {n} 页 共 2 页"])
def test_pdf_without_rules_page_number_footer_is_no_indicator(footer):
    table = [row[:8] for row in _form_table(indicators=_LONG_INDICATORS, total=("100", "100"))]

    (form,) = _forms(_pdf_with_footer(table, footer, ruled=False), "t.pdf")

    assert [i["name"] for i in form["indicators"]] == [f"指标{k}" for k in range(45)]
    assert form["total_score"] == 100
    assert form["problems"] == []


def test_pdf_year_line_above_the_table_is_still_read_beside_a_page_number_footer():
    table = _form_table(indicators=_LONG_INDICATORS, total=("100", "100"))
    table[0][0] = "项目支出绩效自评表\n(2022年度)"
    del table[1]

    (form,) = _forms(_pdf_with_footer(table, "- {n} -"), "t.pdf")

    assert form["report_year"] == 2022
    assert len(form["indicators"]) == 45
    assert form["problems"] == []
