"""Test-fixture generators: write forms out as the formats regions publish.

Input is a table: a list of rows, each a list of cell texts ("" for a blank or merged-away
cell). `seed_table` gives the seed's own rows; `form_table` lays a contract form out in the
central template (财预〔2020〕10号 附件1). The writers produce bytes only.
"""

from __future__ import annotations

import html
import io
import zipfile
from decimal import Decimal

from orchestration.forms.cells import tokenize_tab_cells
from orchestration.forms.decode import decode_bytes

Table = list[list[str]]


# -- tables ---------------------------------------------------------------------------------


def seed_table(seed_bytes: bytes) -> Table:
    text, _ = decode_bytes(seed_bytes)
    return [row.texts for row in tokenize_tab_cells(text)]


def _num(value) -> str:
    if value is None:
        return ""
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return str(number.quantize(Decimal(1)))
    return format(number.normalize(), "f")


def _rate(value) -> str:
    return "" if value is None else _num(Decimal(str(value)) * 100) + "%"


FUND_LABELS = {"total": "年度资金总额", "appropriation": "其中：当年财政拨款", "carryover": "上年结转资金", "other": "其他资金"}


def form_table(form: dict, unit: str = "万元") -> Table:
    """A contract form (numbers as float/Decimal/None) in the central template, 9 columns wide."""
    rows: Table = [
        [f"{form['project_name']}项目支出绩效自评表"] + [""] * 8,
        [f"({form['report_year']}年度)"] + [""] * 8,
        ["项目名称", form["project_name"]] + [""] * 7,
        ["主管部门", form["department"], "", "", "实施单位", form["implementing_unit"], "", "", ""],
        [f"项目资金（{unit}）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""],
    ]
    for fund in form["funds"]:
        source = fund["source"]
        label = FUND_LABELS.get(source) or source.split(":", 1)[-1]
        rows.append(
            ["", label, _num(fund["initial_budget"]), _num(fund["annual_budget"]), _num(fund["executed"]),
             _num(fund["weight"]) if fund["weight"] is not None else "—", _rate(fund["execution_rate"]) or "—",
             _num(fund["score"]) if fund["score"] is not None else "—", ""]
        )
    rows.append(["年度总体目标", "预期目标", "", "", "", "实际完成情况", "", "", ""])
    rows.append(["", form["goal_expected"], "", "", "", form["goal_actual"], "", "", ""])
    rows.append(["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"])
    previous = (None, None)
    for indicator in form["indicators"]:
        level1 = indicator["level1"] if indicator["level1"] != previous[0] else ""
        level2 = indicator["level2"] if (indicator["level1"], indicator["level2"]) != previous else ""
        previous = (indicator["level1"], indicator["level2"])
        rows.append(
            ["", level1, level2, indicator["name"], indicator["target_raw"] or "", indicator["actual_raw"] or "",
             _num(indicator["weight"]), _num(indicator["score"]), indicator["deviation_note"] or ""]
        )
    rows.append(["总分", "", "", "", "", "", _num(form["total_weight"]), _num(form["total_score"]), ""])
    return rows


def with_extra_column(table: Table, form: dict, kind: str) -> Table:
    """The table of `form_table` with one more indicator column, as some templates have: 扣减分数 or
    评(扣)分标准 between 分值 and 得分, or 指标性质 (定量/定性) before the target. Every other row gets a
    blank cell in that place (a merged cell, as exports write it)."""
    header = next(k for k, row in enumerate(table) if row[1] == "一级指标")
    indicators = form["indicators"]
    if kind == "deduction":
        at, label = 7, "扣减分数"
        cells = [_num(Decimal(str(i["weight"])) - Decimal(str(i["score"]))) for i in indicators]
        total = _num(Decimal(str(form["total_weight"])) - Decimal(str(form["total_score"])))
    elif kind == "standard":
        at, label, cells, total = 7, "评(扣)分标准", ["每少1人扣0.5分"] * len(indicators), ""
    elif kind == "nature":
        at, label, total = 4, "指标性质", ""
        cells = ["定量" if any(c.isdigit() for c in i["target_raw"] or "") else "定性" for i in indicators]
    else:
        raise ValueError(kind)
    rows = [list(row) for row in table]
    for k, row in enumerate(rows):
        if k == header:
            row.insert(at, label)
        elif header < k <= header + len(indicators):
            row.insert(at, cells[k - header - 1])
        elif k == header + len(indicators) + 1:
            row.insert(at, total)
        else:
            row.insert(at, "")
    return rows


def with_funds_variant(table: Table, form: dict, options: set[str]) -> Table:
    """The funds block of `form_table` as other templates write it; `form` is changed to match.
    labels: 调整后预算数 / 预算执行数 / 权重 / 预算执行率; initial_blank: no 年初预算数; rate_plain: the
    rate without "%" ("98.74"); rate_fraction: "0.9874"; fen: "10分"; yuan: amounts in 元."""
    rows = [list(row) for row in table]
    header = next(k for k, row in enumerate(rows) if row[0].startswith("项目资金"))
    if "labels" in options:
        synonyms = {"全年预算数": "调整后预算数", "全年执行数": "预算执行数", "分值": "权重", "执行率": "预算执行率"}
        rows[header] = [synonyms.get(text, text) for text in rows[header]]
    if "yuan" in options:
        rows[header][0] = "项目资金（元）"
        form["amount_unit"] = "元"
    for k, fund in enumerate(form["funds"]):
        row = rows[header + 1 + k]
        if "initial_blank" in options:
            row[2], fund["initial_budget"] = "", None
        if fund["execution_rate"] is not None and "rate_plain" in options:
            row[6] = _num(Decimal(str(fund["execution_rate"])) * 100)
        elif fund["execution_rate"] is not None and "rate_fraction" in options:
            row[6] = _num(fund["execution_rate"])
        if "fen" in options:
            row[5], row[7] = (text + "分" if text not in ("", "—") else text for text in (row[5], row[7]))
        if "yuan" in options:
            for column, key in ((2, "initial_budget"), (3, "annual_budget"), (4, "executed")):
                if fund[key] is not None:
                    fund[key] = Decimal(str(fund[key])) * 10000
                    row[column] = _num(fund[key])
    return rows


# -- writers --------------------------------------------------------------------------------


def to_xlsx(tables: list[Table], merge_levels: bool = True, style=None) -> bytes:
    """One sheet per table (or all on one sheet when given one table); level cells merged down;
    style(sheet, number) may then format, hide or merge cells."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for number, table in enumerate(tables, 1):
        sheet = book.create_sheet(f"表{number}")
        for r, row in enumerate(table, 1):
            for c, text in enumerate(row, 1):
                if text != "":
                    cell = sheet.cell(r, c, _xlsx_value(text))
                    if isinstance(cell.value, str) and cell.value.startswith("="):
                        cell.data_type = "s"  # typed text ("=1次"), not a formula
        if merge_levels:
            _merge_blank_runs(sheet, table)
        if style:
            style(sheet, number)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_value(text):
    # Plain numbers are stored as numbers (as Excel would), everything else as text.
    if not isinstance(text, str):
        return text
    try:
        if text.strip() == text and text and text[0] in "0123456789" and "," not in text and " " not in text:
            number = Decimal(text)
            return int(number) if number == number.to_integral_value() and "." not in text else float(number)
    except Exception:
        pass
    return text


def _merge_blank_runs(sheet, table: Table) -> None:
    """Merge a 一级/二级 cell down over the blank cells below it inside the indicator table."""
    header = next((r for r, row in enumerate(table) if "一级指标" in row), None)
    if header is None:
        return
    end = next((r for r in range(header + 1, len(table)) if table[r] and table[r][0] == "总分"), len(table))
    for column in (table[header].index("一级指标"), table[header].index("二级指标")):
        start = header + 1
        while start < end:
            stop = start + 1
            while stop < end and table[stop][column] == "" and table[start][column] != "":
                stop += 1
            if stop - start > 1:
                sheet.merge_cells(start_row=start + 1, end_row=stop, start_column=column + 1, end_column=column + 1)
            start = stop


def to_html(tables: list[Table], encoding: str = "utf-8") -> bytes:
    """A web page holding each form as its own table, the title as a heading above it."""
    parts = [f'<html><head><meta charset="{encoding}"><title>绩效自评公开</title></head><body>']
    for table in tables:
        body = table
        if body and sum(1 for t in body[0] if t) == 1 and body[0][0].endswith("自评表"):
            parts.append(f"<h3>{html.escape(body[0][0])}</h3>")
            body = body[1:]
        parts.append('<table border="1">')
        for row in body:
            cells = []
            for text in row:
                escaped = html.escape(text).replace("\n", "<br/>")
                cells.append(f"<td>{escaped}</td>")
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</table><p>&nbsp;</p>")
    parts.append("</body></html>")
    return "\n".join(parts).encode(encoding)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def to_docx(tables: list[Table]) -> bytes:
    """A Word document: a title paragraph and a table per form; 一级 cells merged vertically."""
    body: list[str] = []
    for table in tables:
        rows = table
        if rows and sum(1 for t in rows[0] if t) == 1 and rows[0][0].endswith("自评表"):
            body.append(_paragraph(rows[0][0]))
            rows = rows[1:]
        width = max(len(r) for r in rows)
        grid = "".join("<w:gridCol/>" for _ in range(width))
        body.append(f"<w:tbl><w:tblGrid>{grid}</w:tblGrid>")
        for row in rows:
            cells = []
            for text in row + [""] * (width - len(row)):
                paragraphs = "".join(_paragraph(p) for p in text.split("\n")) or "<w:p/>"
                cells.append(f"<w:tc>{paragraphs}</w:tc>")
            body.append("<w:tr>" + "".join(cells) + "</w:tr>")
        body.append("</w:tbl>")
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{_W}"><w:body>{"".join(body)}</w:body></w:document>'
    )
    return _docx_package(document)


def _paragraph(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{html.escape(text, quote=False)}</w:t></w:r></w:p>'


def _docx_package(document_xml: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>",
        )
        archive.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


def to_flat_text(tables: list[Table]) -> bytes:
    """As copy-paste from a web page gives it: a table row per line, its non-blank cells
    separated by one space (blank cells vanish)."""
    lines = []
    for table in tables:
        for row in table:
            cells = [t for t in row if t.strip()]
            if cells:
                lines.append(" ".join(cells))
        lines.append("")
    return "\n".join(lines).encode("utf-8")


def to_pipe_text(tables: list[Table]) -> bytes:
    """As some search engines store a table: one cell per line, each ending in " |"."""
    lines = []
    for table in tables:
        for row in table:
            for text in row:
                lines.append(f"{' '.join(text.split())} |" if text else "|")
    return "\n".join(lines).encode("utf-8")


def to_pipe_rows(tables: list[Table]) -> bytes:
    """As a Markdown copy of a table: a row per line, every cell between "|", blank ones included."""
    lines = []
    for table in tables:
        lines.extend("| " + " | ".join(" ".join(text.split()) for text in row) + " |" for row in table)
        lines.append("")
    return "\n".join(lines).encode("utf-8")


def to_xls(tables: list[Table]) -> bytes:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    for number, table in enumerate(tables, 1):
        sheet = book.add_sheet(f"表{number}")
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                if text != "":
                    sheet.write(r, c, _xlsx_value(text))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_pdf(table: Table, column_width: int = 120, merged=()) -> bytes:
    """A text-layer PDF of one form as a ruled table (reportlab's built-in Chinese CID font);
    narrow columns wrap the cell text; `merged` cells, as ((column, row), (column, row)) corners
    counted in `table` without its title row, are spanned."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A3, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table as PdfTable, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("cn", fontName="STSong-Light", fontSize=7, leading=9, wordWrap="CJK")
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=landscape(A3))
    title, rows = table[0][0], table[1:]
    data = [[Paragraph(html.escape(t).replace("\n", "<br/>"), style) for t in row] for row in rows]
    grid = PdfTable(data, colWidths=[column_width] * len(rows[0]))
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]
                             + [("SPAN", start, end) for start, end in merged]))
    document.build([Paragraph(html.escape(title), style), grid])
    return buffer.getvalue()


def scanned_pdf() -> bytes:
    """A PDF whose page holds only an image: what a scanner produces (no text layer)."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    from PIL import Image

    image = Image.new("L", (200, 100), color=255)
    for x in range(20, 180):
        image.putpixel((x, 50), 0)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawImage(ImageReader(image), 100, 500, width=200, height=100)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def zip_bomb(kind: str = "xlsx", size: int = 200 * 1024 * 1024) -> bytes:
    """A small zip whose worksheet/document member expands to `size` bytes of zeros."""
    member = "xl/worksheets/sheet1.xml" if kind == "xlsx" else "word/document.xml"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if kind == "xlsx":
            archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open(member, "w", force_zip64=True) as handle:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(size // len(chunk)):
                handle.write(chunk)
    return buffer.getvalue()


def rewrite_member(data: bytes, member: str, edit) -> bytes:
    """The zip package `data` (xlsx, docx) with `member`'s XML text replaced by edit(text): for
    markup no writer here produces (hidden runs, text boxes, tracked row deletions…)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            body = source.read(info.filename)
            archive.writestr(info.filename, edit(body.decode("utf-8")) if info.filename == member else body)
    return buffer.getvalue()


def to_cell_lines(tables: list[Table]) -> bytes:
    """One cell per line, a blank cell as a lone "|" (as search engines store a table)."""
    return "".join("\n".join((f"{c} |" if c else "|") for row in table for c in row) + "\n" for table in tables).encode()


# Every writer of a form table, with the file name it is parsed under.
WRITERS = {
    "xlsx": (to_xlsx, "t.xlsx"), "xls": (to_xls, "t.xls"), "docx": (to_docx, "t.docx"), "html": (to_html, "t.html"),
    "flat": (to_flat_text, "t.txt"), "pipe_cells": (to_pipe_text, "t.txt"), "pipe_rows": (to_pipe_rows, "t.txt"),
    "cells": (to_cell_lines, "t.txt"),
}
