"""Word markup around a form's values: Insert › Symbol characters, content controls and custom
XML wrappers, tracked changes. Each must read as the text Word shows, in its own cell."""

from __future__ import annotations

import html

import pytest

from orchestration.forms import parse_document, to_contract_dict

from .support import render

_FORM = [
    ["项目支出绩效自评表"] + [""] * 8,
    ["(2022年度)"] + [""] * 8,
    ["项目名称", "某某项目"] + [""] * 7,
    ["主管部门", "某县教育局", "", "", "实施单位", "某县中学", "", "", ""],
    ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""],
    ["", "年度资金总额", "100", "120", "108", "10", "90%", "9", ""],
    ["", "其中：当年财政拨款", "100", "120", "108", "—", "90%", "—", ""],
    ["年度总体目标", "预期目标", "", "", "", "实际完成情况", "", "", ""],
    ["", "完成培训", "", "", "", "已完成", "", "", ""],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["", "产出指标", "数量指标", "培训人数", "100人", "95人", "50", "45", "疫情影响"],
    ["", "", "质量指标", "合格率", "≥90%", "95%", "40", "40", ""],
    ["总分", "", "", "", "", "", "100", "94", ""],
]
_TOTAL_FUNDS_ROW, _EXECUTED_COLUMN = 5, 4
_RATE_ROW, _TARGET_COLUMN = 11, 4


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{html.escape(text, quote=False)}</w:t></w:r>'


def _tc(*paragraphs: str) -> str:
    return "<w:tc>" + "".join(f"<w:p>{p}</w:p>" for p in paragraphs) + "</w:tc>"


def _sym(font: str, char: str) -> str:
    return f'<w:r><w:sym w:font="{font}" w:char="{char}"/></w:r>'


def _form(executed_cell: str | None = None, target_cell: str | None = None,
          funds_row_wrapper: tuple[str, str] = ("", "")) -> dict:
    """The form as a Word table, with the 年度资金总额 全年执行数 cell and the 合格率 年度指标值 cell
    given as raw cell XML, and the 年度资金总额 row optionally wrapped; parsed to its contract."""
    rows = []
    for r, texts in enumerate(_FORM):
        cells = [_tc(_run(t)) if t else _tc() for t in texts]
        if r == _TOTAL_FUNDS_ROW and executed_cell is not None:
            cells[_EXECUTED_COLUMN] = executed_cell
        if r == _RATE_ROW and target_cell is not None:
            cells[_TARGET_COLUMN] = target_cell
        row = "<w:tr>" + "".join(cells) + "</w:tr>"
        if r == _TOTAL_FUNDS_ROW:
            row = funds_row_wrapper[0] + row + funds_row_wrapper[1]
        rows.append(row)
    table = "<w:tbl><w:tblGrid>" + "<w:gridCol/>" * 9 + "</w:tblGrid>" + "".join(rows) + "</w:tbl>"
    document = f'<w:document xmlns:w="{render._W}"><w:body>{table}</w:body></w:document>'
    forms = parse_document(render._docx_package(document), "t.docx").forms
    assert len(forms) == 1
    return to_contract_dict(forms[0])


def _total_funds(form: dict) -> dict:
    return next(f for f in form["funds"] if f["source"] == "total")


def _rate_indicator(form: dict) -> dict:
    return next(i for i in form["indicators"] if i["name"] == "合格率")


def _assert_total_funds_read_in_place(form: dict) -> None:
    total = _total_funds(form)
    assert (total["executed"], total["weight"], total["execution_rate"], total["score"]) == (108, 10, 0.9, 9)
    assert form["problems"] == []


@pytest.mark.parametrize(
    ("font", "char", "expected"),
    [
        ("Symbol", "F0B3", "≥90%"),
        ("Symbol", "F0A3", "≤90%"),
        ("Symbol", "B3", "≥90%"),  # some writers leave out the F0 high byte of a Symbol char
        ("Cambria Math", "2265", "≥90%"),
    ],
)
def test_comparator_inserted_as_a_symbol_is_read(font, char, expected):
    form = _form(target_cell=_tc(_sym(font, char) + _run("90%")))
    indicator = _rate_indicator(form)
    assert indicator["target_raw"] == expected
    assert indicator["target_value"] == 90
    assert form["problems"] == []


@pytest.mark.parametrize(("font", "char"), [("Wingdings", "F0E0"), ("Symbol", "F0EF"), ("Symbol", "zz")])
def test_symbol_that_cannot_be_decoded_leaves_a_mark_in_the_value(font, char):
    undecoded = _sym(font, char)
    form = _form(executed_cell=_tc(undecoded + _run("108")), target_cell=_tc(undecoded + _run("90%")))
    total = _total_funds(form)
    assert (total["executed_raw"], total["executed"]) == ("\ufffd108", None)
    assert any("全年执行数" in p["message"] for p in form["problems"])
    indicator = _rate_indicator(form)
    assert (indicator["target_raw"], indicator["target_value"]) == ("\ufffd90%", None)
    assert any("年度指标值" in p["message"] and "无法识别的符号" in p["message"] for p in form["problems"])


@pytest.mark.parametrize(
    "executed_cell",
    [
        pytest.param(_tc(_run("108")).replace("<w:tc>", "<w:sdt><w:sdtPr/><w:sdtContent><w:tc>")
                     .replace("</w:tc>", "</w:tc></w:sdtContent></w:sdt>"), id="content-control-around-cell"),
        pytest.param(_tc(_run("108")).replace("<w:tc>", '<w:customXml w:element="executed"><w:tc>')
                     .replace("</w:tc>", "</w:tc></w:customXml>"), id="custom-xml-around-cell"),
        pytest.param("<w:tc><w:sdt><w:sdtPr/><w:sdtContent><w:p>" + _run("108") + "</w:p></w:sdtContent></w:sdt></w:tc>",
                     id="content-control-around-paragraph"),
        pytest.param('<w:tc><w:customXml w:element="v"><w:p>' + _run("108") + "</w:p></w:customXml></w:tc>",
                     id="custom-xml-around-paragraph"),
    ],
)
def test_value_in_a_content_control_is_read_in_its_own_cell(executed_cell):
    _assert_total_funds_read_in_place(_form(executed_cell=executed_cell))


def test_content_controls_nested_at_every_level_keep_the_row_in_place():
    run_in_control = "<w:sdt><w:sdtContent>" + _run("10") + "</w:sdtContent></w:sdt>" + _run("8")
    cell = (
        '<w:customXml w:element="cell"><w:sdt><w:sdtPr/><w:sdtContent><w:tc>'
        "<w:sdt><w:sdtContent><w:p>" + run_in_control + "</w:p></w:sdtContent></w:sdt>"
        "</w:tc></w:sdtContent></w:sdt></w:customXml>"
    )
    row_wrapper = ('<w:sdt><w:sdtPr/><w:sdtContent><w:customXml w:element="row">',
                   "</w:customXml></w:sdtContent></w:sdt>")
    _assert_total_funds_read_in_place(_form(executed_cell=cell, funds_row_wrapper=row_wrapper))


def test_tracked_changes_and_run_wrappers_read_as_the_final_text():
    deleted = "<w:del>" + _sym("Symbol", "F0B3") + "</w:del>"
    inserted = "<w:ins>" + _sym("Symbol", "F0A3") + "</w:ins>"
    target = _tc('<w:hyperlink w:anchor="a">' + deleted + inserted + "</w:hyperlink>"
                 '<w:smartTag w:element="n">' + _run("90") + "</w:smartTag>" + _run("%"))
    moved_away = "<w:moveFrom>" + _run("1") + "</w:moveFrom>"
    executed = _tc("<w:del><w:r><w:delText>100</w:delText><w:tab/></w:r></w:del>"
                   "<w:ins>" + _run("10") + "</w:ins>" + moved_away + _run("8"))
    form = _form(executed_cell=executed, target_cell=target)
    assert _rate_indicator(form)["target_raw"] == "≤90%"
    _assert_total_funds_read_in_place(form)


def test_tab_stops_of_a_paragraph_are_not_read_as_tabs():
    from orchestration.forms.readers.docx import read_docx

    stops = '<w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>'
    document = (
        f'<w:document xmlns:w="{render._W}"><w:body><w:tbl><w:tblGrid><w:gridCol/></w:tblGrid>'
        f"<w:tr>{_tc(_run('培训'), stops + _run('人数'))}</w:tr></w:tbl></w:body></w:document>"
    )
    rows = read_docx(render._docx_package(document), "t.docx")
    assert [r.texts for r in rows] == [["培训\n人数"]]
