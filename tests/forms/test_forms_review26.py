"""Review 26 of the table-file readers (heldout/RESULTS.md): generated forms written with the
quirks real exports have, whose parse differed from the form with no error. docx: hidden text,
rows deleted with track changes, text boxes, non-breaking hyphens; html: inline elements hidden
or struck out, paragraphs in cells, tfoot before tbody, captions, a meta charset the bytes
contradict; pdf: text wrapped next to Chinese; xlsx/xls: date cells under a date format, formulas
saved with no value; every grid format: a （续表） line over a table carried onto the next page,
and a 分值/得分 merged down over several indicators (now an R-PARSE error: no reading can share
it out). One test per root cause; each fails on 0317b9c, but the last, a guard that level cells
merged the same way raise nothing."""

from __future__ import annotations

import datetime
import io

import pytest

from orchestration.forms import parse_document, to_contract_dict

from .support import render, small_form

_HEAD = small_form.HEAD
_ROWS = [*small_form.ROWS, small_form.TOTAL]
_TABLE = _HEAD + _ROWS


def _form(data: bytes, name: str) -> dict:
    forms = [to_contract_dict(f) for f in parse_document(data, name).forms]
    assert len(forms) == 1
    return forms[0]


def _indicators(form: dict) -> list[tuple]:
    return [(i["name"], i["target_raw"], i["actual_raw"], i["weight"], i["score"]) for i in form["indicators"]]


def _docx(edit) -> bytes:
    return render.rewrite_member(render.to_docx([_TABLE]), "word/document.xml", edit)


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _in_cell(xml: str, text: str, runs: str) -> str:
    """The document with the run holding `text` (the first cell of that text) replaced by `runs`."""
    return xml.replace(_run(text), runs, 1)


def test_docx_hidden_text_in_a_cell_is_not_read():
    hidden = '<w:r><w:rPr><w:vanish/></w:rPr><w:t>100</w:t></w:r>'
    form = _form(_docx(lambda xml: _in_cell(xml, "108", hidden + _run("108"))), "t.docx")
    assert form["funds"][0]["executed"] == 108


def test_docx_row_deleted_with_track_changes_is_not_read():
    deleted = ('<w:tr><w:trPr><w:del w:id="1" w:author="a" w:date="2022-01-01T00:00:00Z"/></w:trPr>'
               + "".join(f"<w:tc>{render._paragraph(t) if t else '<w:p/>'}</w:tc>"
                         for t in ["", "", "", "旧指标", "10人", "10人", "5", "5", ""]) + "</w:tr>")

    def edit(xml: str) -> str:
        at = xml.index("<w:tr>", xml.index("培训人数"))
        return xml[:at] + deleted + xml[at:]

    form = _form(_docx(edit), "t.docx")
    assert _indicators(form) == [("培训人数", "100人", "95人", 50, 45), ("合格率", "≥90%", "95%", 40, 40)]


_TEXT_BOX = ('<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
             '<mc:Choice Requires="wps"><w:drawing><wps:txbx xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
             '<w:txbxContent><w:p><w:r><w:t>附件2</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>'
             '<mc:Fallback><w:pict><v:textbox xmlns:v="urn:schemas-microsoft-com:vml"><w:txbxContent><w:p><w:r><w:t>附件2</w:t>'
             '</w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>')


def test_docx_text_box_anchored_in_a_cell_is_no_part_of_the_cell():
    form = _form(_docx(lambda xml: _in_cell(xml, "培训人数", _TEXT_BOX + _run("培训人数"))), "t.docx")
    assert _indicators(form) == [("培训人数", "100人", "95人", 50, 45), ("合格率", "≥90%", "95%", 40, 40)]
    assert form["total_score"] == 94


def test_docx_non_breaking_hyphen_reads_as_a_hyphen():
    hyphenated = "<w:r><w:t>90</w:t><w:noBreakHyphen/><w:t>110人</w:t></w:r>"
    form = _form(_docx(lambda xml: _in_cell(xml, "100人", hyphenated)), "t.docx")
    assert form["indicators"][0]["target_raw"] == "90-110人"


def _html_rows(table: list[list[str]], cell=lambda text: text) -> str:
    return "".join("<tr>" + "".join(f"<td>{cell(text)}</td>" for text in row) + "</tr>" for row in table)


def _page(body: str) -> bytes:
    return f'<html><head><meta charset="utf-8"></head><body>{body}</body></html>'.encode()


def test_html_hidden_or_struck_out_text_in_a_cell_is_not_read():
    for old in ('<span style="display:none">100</span>', "<span hidden>100</span>", "<del>100</del>",
                "<s>100</s>", '<strike><font color="red">100</font></strike>'):
        page = _page("<table>" + _html_rows(_TABLE, lambda t, old=old: old + t if t == "108" else t) + "</table>")
        form = _form(page, "t.html")
        assert form["funds"][0]["executed"] == 108, old
        assert _indicators(form)[0] == ("培训人数", "100人", "95人", 50, 45), old


def test_html_table_in_a_hidden_block_is_not_read():
    # a form split over two tables, a stale copy of an indicator row hidden between them
    stale = '<div style="display: none"><table>' + _html_rows([["", "", "", "旧指标", "10人", "10人", "5", "5", ""]]) + "</table></div>"
    page = _page(f"<table>{_html_rows(_TABLE[:8])}</table>{stale}<table>{_html_rows(_TABLE[8:])}</table>")
    form = _form(page, "t.html")
    assert _indicators(form) == [("培训人数", "100人", "95人", 50, 45), ("合格率", "≥90%", "95%", 40, 40)]


def test_html_paragraphs_in_a_cell_are_lines_not_blank_lines():
    rows = [list(row) for row in _TABLE]
    rows[7][8] = "<p>受疫情影响。</p>\n<p>已整改。</p>"
    form = _form(_page("<table>" + _html_rows(rows) + "</table>"), "t.html")
    assert form["indicators"][0]["deviation_note"] == "受疫情影响。\n已整改。"


def test_html_footer_rows_written_before_the_body_show_below_it():
    page = _page(f"<table><thead>{_html_rows(_TABLE[:1])}</thead><tfoot>{_html_rows(_TABLE[-1:])}</tfoot>"
                 f"<tbody>{_html_rows(_TABLE[1:-1])}</tbody></table>")
    form = _form(page, "t.html")
    assert (form["total_weight"], form["total_score"]) == (100, 94)
    assert _indicators(form) == [("培训人数", "100人", "95人", 50, 45), ("合格率", "≥90%", "95%", 40, 40)]


def test_html_caption_is_read_as_the_title_row():
    page = _page(f"<table><caption>某某项目支出绩效自评表</caption>{_html_rows(_TABLE[1:])}</table>")
    form = _form(page, "t.html")
    assert (form["report_year"], form["project_name"]) == (2022, "某某项目")


def test_pdf_cell_text_wrapped_beside_chinese_reads_with_no_space():
    rows = [list(row) for row in _TABLE]
    rows[7][8] = "受疫情影响，完成率为95%，部分培训延期至2023年3月举办。"
    form = _form(render.to_pdf(rows, column_width=50), "t.pdf")
    assert form["indicators"][0]["deviation_note"] == "受疫情影响，完成率为95%，部分培训延期至2023年3月举办。"
    assert form["indicators"][1]["target_raw"] == "≥90%"


def _dated_table() -> list[list[str]]:
    rows = [list(row) for row in _TABLE]
    rows.insert(9, ["", "", "时效指标", "完成时限", "2022年12月31日", "2022/12/20", "10", "10", ""])
    return rows


_DATED = ("完成时限", "2022年12月31日", "2022/12/20", 10, 10)


def test_xlsx_date_cells_read_as_their_format_shows_them():
    def as_dates(sheet, _number):
        for cell in (cell for row in sheet.iter_rows() for cell in row):
            if cell.value == "2022年12月31日":
                cell.value, cell.number_format = datetime.datetime(2022, 12, 31), 'yyyy"年"m"月"d"日"'
            elif cell.value == "2022/12/20":
                cell.value, cell.number_format = datetime.datetime(2022, 12, 20), "yyyy/m/d"

    form = _form(render.to_xlsx([_dated_table()], style=as_dates), "t.xlsx")
    assert _indicators(form)[2] == _DATED


def test_xls_date_cells_read_as_their_format_shows_them():
    import xlwt

    rows = _dated_table()
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("表1")
    formats = {"2022年12月31日": (datetime.datetime(2022, 12, 31), 'yyyy"年"m"月"d"日"'),
               "2022/12/20": (datetime.datetime(2022, 12, 20), "yyyy/m/d")}
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text in formats:
                value, number_format = formats[text]
                sheet.write(r, c, value, xlwt.easyxf(num_format_str=number_format))
            elif text:
                sheet.write(r, c, render._xlsx_value(text))
    buffer = io.BytesIO()
    book.save(buffer)
    assert _indicators(_form(buffer.getvalue(), "t.xls"))[2] == _DATED


@pytest.mark.parametrize("mark", ["（续表）", "续表", "续上表："])
@pytest.mark.parametrize("write, name", [(lambda t: render.to_xlsx([t]), "t.xlsx"), (lambda t: render.to_docx([t]), "t.docx"),
                                         (lambda t: render.to_html([t]), "t.html")], ids=["xlsx", "docx", "html"])
def test_continued_table_mark_and_repeated_header_are_no_indicators(write, name, mark):
    # the indicator table carried onto the next page: a "（续表）" line, the header row again
    rows = _TABLE[:8] + [[mark] + [""] * 8, _TABLE[6]] + _TABLE[8:]
    form = _form(write(rows), name)
    assert _indicators(form) == [("培训人数", "100人", "95人", 50, 45), ("合格率", "≥90%", "95%", 40, 40)]
    assert [(i["level1"], i["level2"]) for i in form["indicators"]] == [("产出指标", "数量指标"), ("产出指标", "质量指标")]


def test_xlsx_formula_saved_with_no_value_is_an_error_not_a_blank():
    # written by a program (openpyxl here) that never calculated it: Excel would show 45
    def formula_score(sheet, _number):
        sheet["H8"] = "=G8*0.9"

    form = _form(render.to_xlsx([_TABLE], style=formula_score), "t.xlsx")
    errors = [p for p in form["problems"] if p["severity"] == "error" and p["rule_id"].startswith("R-PARSE")]
    assert any("公式" in p["message"] and p["line"] == 8 for p in errors)
    calculated = render.rewrite_member(render.to_xlsx([_TABLE], style=formula_score), "xl/worksheets/sheet1.xml",
                                       lambda xml: xml.replace("<f>G8*0.9</f><v />", "<f>G8*0.9</f><v>45</v>"))
    form = _form(calculated, "t.xlsx")
    assert not any("公式" in p["message"] for p in form["problems"])
    assert _indicators(form)[0] == ("培训人数", "100人", "95人", 50, 45)


@pytest.mark.parametrize("declared, saved", [("utf-8", "gbk"), ("gb2312", "utf-8")])
def test_html_page_saved_in_another_charset_than_its_meta_says_is_read(declared, saved):
    page = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={declared}"></head><body>'
            f"<table>{_html_rows(_TABLE)}</table></body></html>").encode(saved)
    form = _form(page, "t.html")
    assert (form["project_name"], form["department"]) == ("某某项目", "某县教育局")
    assert _indicators(form)[0] == ("培训人数", "100人", "95人", 50, 45)


def _grouped_scores() -> list[list[str]]:
    """_TABLE with the 分值 and 得分 of both indicators written once, for the two together."""
    rows = [list(row) for row in _TABLE]
    rows[7][6:8], rows[8][6:8] = ["90", "85"], ["", ""]
    return rows


def _merged_xlsx(rows) -> bytes:
    return render.to_xlsx([rows], style=lambda sheet, _n: (sheet.merge_cells("G8:G9"), sheet.merge_cells("H8:H9")))


def _merged_xls(rows) -> bytes:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("表1")
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if (r, c) in ((7, 6), (7, 7)):
                sheet.write_merge(7, 8, c, c, render._xlsx_value(text))
            elif text and (r, c) not in ((8, 6), (8, 7)):
                sheet.write(r, c, render._xlsx_value(text))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _merged_docx(rows) -> bytes:
    def cell(r: int, c: int, text: str) -> str:
        merge = ('<w:tcPr><w:vMerge w:val="restart"/></w:tcPr>' if r == 7 else "<w:tcPr><w:vMerge/></w:tcPr>"
                 if r == 8 else "") if c in (6, 7) else ""
        return f"<w:tc>{merge}{render._paragraph(text) if text else '<w:p/>'}</w:tc>"

    body = "".join("<w:tr>" + "".join(cell(r, c, t) for c, t in enumerate(row)) + "</w:tr>" for r, row in enumerate(rows))
    return render._docx_package(f'<w:document xmlns:w="{render._W}"><w:body><w:tbl>{body}</w:tbl></w:body></w:document>')


def _merged_html(rows) -> bytes:
    def cell(r: int, c: int, text: str) -> str:
        return "" if r == 8 and c in (6, 7) else f'<td rowspan="2">{text}</td>' if r == 7 and c in (6, 7) else f"<td>{text}</td>"

    return _page("<table>\n" + "\n".join("<tr>" + "".join(cell(r, c, t) for c, t in enumerate(row)) + "</tr>"
                                          for r, row in enumerate(rows)) + "\n</table>")


def _merged_pdf(rows) -> bytes:
    return render.to_pdf(rows, merged=[((6, 6), (6, 7)), ((7, 6), (7, 7))])


@pytest.mark.parametrize("write, name", [(_merged_xlsx, "t.xlsx"), (_merged_xls, "t.xls"), (_merged_docx, "t.docx"),
                                         (_merged_html, "t.html"), (_merged_pdf, "t.pdf")],
                         ids=["xlsx", "xls", "docx", "html", "pdf"])
def test_score_merged_over_several_indicators_is_an_error(write, name):
    form = _form(write(_grouped_scores()), name)
    errors = [p for p in form["problems"] if p["severity"] == "error" and p["rule_id"].startswith("R-PARSE")]
    assert any("跨2个指标合并" in p["message"] for p in errors)
    assert _indicators(form)[0][3:] == (90, 85)


def test_levels_merged_down_over_indicators_are_no_merged_number():
    form = _form(render.to_xlsx([_TABLE]), "t.xlsx")  # 产出指标 merged over both indicators
    assert not any("合并" in p["message"] for p in form["problems"])


@pytest.mark.parametrize("column", [0, 3, 4, 8], ids=["outside-the-columns", "name", "target", "note"])
@pytest.mark.parametrize("writer", ["to_xlsx", "to_html", "to_docx"])
def test_a_note_on_a_row_of_its_own_in_the_indicator_table_is_no_indicator(writer, column):
    """"注：满意度由第三方调查" alone on a row between indicators was an indicator with no name or no numbers."""
    note = [""] * 9
    note[column] = "注：满意度由第三方机构调查"
    table = [*_HEAD, small_form.ROWS[0], note, small_form.ROWS[1], small_form.TOTAL]
    parsed = parse_document(getattr(render, writer)([table]), "t").forms[0]
    assert [i["name"] for i in parsed["indicators"]] == ["培训人数", "合格率"]
    assert any(p["severity"] == "warning" and "注：满意度由第三方机构调查" in p["message"] for p in parsed["problems"])


def test_a_name_with_blank_cells_stays_an_indicator():
    unfilled = ["", "", "", "公众知晓率", "", "", "", "", ""]
    table = [*_HEAD, small_form.ROWS[0], unfilled, small_form.ROWS[1], small_form.TOTAL]
    parsed = parse_document(render.to_xlsx([table]), "t.xlsx").forms[0]
    assert [i["name"] for i in parsed["indicators"]] == ["培训人数", "公众知晓率", "合格率"]
