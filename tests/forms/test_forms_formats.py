"""The seed written out in every format regions publish parses to exactly seed_expected.json."""

from __future__ import annotations

import codecs

import pytest

from orchestration.forms import parse_document, to_contract_dict

from .support import render
from .support.compare import compare_form


def _diffs(result, expected):
    forms = [to_contract_dict(f) for f in result.forms]
    assert len(forms) == len(expected)
    out = []
    for index, (e, a) in enumerate(zip(expected, forms)):
        out += [f"form {index}: {d}" for d in compare_form(e, a)[1]]
    return out


WRITERS = {
    "xlsx": lambda seed, table: render.to_xlsx([table]),
    "xlsx-sheet-per-form": None,  # filled below: one sheet per form
    "xls": lambda seed, table: render.to_xls([table]),
    "docx": lambda seed, table: render.to_docx([table]),
    "html": lambda seed, table: render.to_html([table]),
    "html-gbk": lambda seed, table: render.to_html([table], encoding="gbk"),
    "flat-text": lambda seed, table: render.to_flat_text([table]),
    "gb18030-text": lambda seed, table: seed.decode("utf-8").encode("gb18030"),
    "utf16-text": lambda seed, table: codecs.BOM_UTF16_LE + seed.decode("utf-8").replace("\n", "\r\n").encode("utf-16-le"),
    "utf8-bom-text": lambda seed, table: codecs.BOM_UTF8 + seed,
}
EXPECTED_FORMAT = {
    "xlsx": "xlsx", "xls": "xls", "docx": "docx", "html": "html", "html-gbk": "html",
    "flat-text": "flat", "gb18030-text": "text", "utf16-text": "text", "utf8-bom-text": "text",
}


@pytest.mark.parametrize("kind", [k for k in WRITERS if WRITERS[k] is not None])
def test_seed_in_every_format_parses_to_seed_expected(kind, seed_bytes, seed_expected):
    table = render.seed_table(seed_bytes)
    data = WRITERS[kind](seed_bytes, table)
    result = parse_document(data, f"seed-as-{kind}")  # no extension: detection is by content
    assert result.format == EXPECTED_FORMAT[kind]
    assert _diffs(result, seed_expected) == []


def _split_seed(table):
    starts = [i for i, row in enumerate(table) if row and row[0].endswith("自评表")]
    return [table[a:b] for a, b in zip(starts, starts[1:] + [len(table)])]


@pytest.mark.parametrize("writer", ["xlsx", "docx", "html"])
def test_several_forms_as_sheets_tables_or_page_sections(writer, seed_bytes, seed_expected):
    tables = _split_seed(render.seed_table(seed_bytes))
    assert len(tables) == 5
    data = {"xlsx": render.to_xlsx, "docx": render.to_docx, "html": render.to_html}[writer](tables)
    assert _diffs(parse_document(data, "forms"), seed_expected) == []


def test_seed_as_text_layer_pdf(seed_bytes, seed_expected):
    tables = _split_seed(render.seed_table(seed_bytes))
    result = parse_document(render.to_pdf(tables[0]), "form.pdf")
    assert result.format == "pdf"
    form = to_contract_dict(result.forms[0])
    cells, diffs = compare_form(seed_expected[0], form)
    # Ruled-table extraction rewraps long cells (goal texts, notes): numbers and labels survive.
    numeric = [d for d in diffs if not d.split(":")[0].endswith(("goal_expected", "goal_actual", "deviation_note"))]
    assert numeric == [], numeric


def test_xlsx_formula_is_read_as_its_cached_value_never_evaluated():
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "=1+1"  # a formula with no cached value (never opened in Excel)
    sheet["A2"] = "项目名称"
    buffer = io.BytesIO()
    book.save(buffer)
    from orchestration.forms.readers.xlsx import read_xlsx

    rows = read_xlsx(buffer.getvalue(), "f.xlsx")
    assert [r.texts for r in rows] == [["项目名称"]]  # no "2", no "=1+1"


def test_html_rowspan_and_colspan_keep_columns_aligned():
    from orchestration.forms.readers.html import read_html

    page = (
        "<table><tr><td rowspan=2>产出指标</td><td>数量指标</td><td>甲</td></tr>"
        "<tr><td colspan=2>乙</td></tr></table>"
    ).encode()
    rows, _ = read_html(page, "p.html")
    assert [r.texts for r in rows] == [["产出指标", "数量指标", "甲"], ["", "乙", ""]]


def test_docx_merged_and_nested_paragraph_cells():
    from orchestration.forms.readers.docx import read_docx

    w = render._W
    doc = (
        f'<w:document xmlns:w="{w}"><w:body><w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>'
        '<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>产出指标</w:t></w:r></w:p></w:tc>'
        '<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>第一段</w:t></w:r></w:p>'
        "<w:p><w:r><w:t>第二段</w:t></w:r></w:p></w:tc></w:tr>"
        '<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc>'
        "<w:tc><w:p/></w:tc></w:tr></w:tbl></w:body></w:document>"
    )
    rows = read_docx(render._docx_package(doc), "d.docx")
    assert [r.texts for r in rows] == [["产出指标", "第一段\n第二段", ""], ["", "甲", ""]]
