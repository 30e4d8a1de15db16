"""parse_document: bytes in, parsed forms out. Pure: no file, network or database access.

The format is recognised from the bytes (readers/detect.py), each reader turns its format into
rows of cells (tables) or text, and one of two recognisers finds the forms: the grid layout
(layout_seed.py) for anything with real rows, the token-stream layout (layout_stream.py) for
text whose row boundaries are lost (flattened or pipe-separated copies of web pages), and
layout_unseparated.py for text with no separator between cells at all, which it turns back into
rows for the grid layout.
"""

from __future__ import annotations

import hashlib
import re

from .amounts import add_wan_yuan_amounts
from .cells import Row, tokenize_tab_cells
from .decode import decode_bytes
from .layout_seed import parse_form, split_forms
from .layout_stream import parse_stream_form, split_stream
from .layout_unseparated import segment
from .model import DocumentError, FileParse, problem
from .readers import detect
from .readers.grid import MergedRows, SheetRows
from .tokens import FLAT, PIPE, TSV, flat_tokens, pipe_tokens, text_layout, tsv_rows
from .unseparated_text import looks_unseparated

NO_FORM = "no 项目支出绩效自评表 form found"
NOT_SEGMENTED = "cells run together with no separator, and no form could be segmented from them"
MAX_BYTES = 64 * 1024 * 1024
UNSUPPORTED_TEMPLATE = "unsupported template"


def parse_document(data: bytes, source_name: str) -> FileParse:
    data = bytes(data)
    file_hash = hashlib.sha256(data).hexdigest()
    if len(data) > MAX_BYTES:
        raise DocumentError(source_name, 1, f"file is {len(data)} bytes, above the {MAX_BYTES}-byte limit")
    kind = detect.sniff(data)
    fmt = kind
    if kind == detect.EMPTY:
        raise DocumentError(source_name, 1, "empty file: " + NO_FORM)
    if kind == detect.BINARY:
        raise DocumentError(source_name, 1, "binary file of no supported format (text, xlsx, xls, docx, html, pdf)")
    if kind == detect.ZIP:
        raise DocumentError(source_name, 1, "zip archive that is neither an xlsx workbook nor a docx document")
    if kind == detect.DOC:
        raise DocumentError(source_name, 1, "legacy Word .doc (OLE) is not supported; save it as .docx")
    forms: list[dict] | None = None
    text: str | None = None
    if kind == detect.XLSX:
        from .readers.xlsx import read_xlsx

        forms, encoding = _sheet_forms(read_xlsx(data, source_name)), "xlsx"
    elif kind == detect.XLS:
        from .readers.xls import read_xls

        forms, encoding = _sheet_forms(read_xls(data, source_name)), "xls"
    elif kind == detect.DOCX:
        from .readers.docx import read_docx

        forms, encoding = _grid_forms(read_docx(data, source_name)), "docx"
    elif kind == detect.HTML:
        from .readers.html import read_html

        rows, encoding = read_html(data, source_name)
        forms = _grid_forms(rows)
    elif kind == detect.PDF:
        from .readers.pdf import read_pdf

        rows, text = read_pdf(data, source_name)
        encoding = "pdf"
        forms = _grid_forms(rows) if text is None else _text_forms(text)[0]
    else:
        text, encoding = decode_bytes(data)
        forms, fmt = _text_forms(text)
        _report_undecodable_lines(forms, text)
        if not forms:
            _refuse_family(text, source_name)
        if not forms and fmt == FLAT and looks_unseparated(text):
            raise DocumentError(source_name, 1, NOT_SEGMENTED)
    if not forms and text is not None:
        _refuse_family(text, source_name)
    if not forms:
        raise DocumentError(source_name, 1, NO_FORM)
    _reject_unsupported(forms, source_name, text)
    for form in forms:
        add_wan_yuan_amounts(form)
    return FileParse(source_name=source_name, file_hash=file_hash, encoding=encoding, forms=forms, format=fmt)


def _report_undecodable_lines(forms: list[dict], text: str) -> None:
    """Bytes no encoding reads (a GB18030 file with stray bytes, a copy cut mid-character) decode as
    U+FFFD: a number or a label on such a line may have lost characters, and nothing else says so."""
    if "\ufffd" not in text:
        return
    lines = [number for number, line in enumerate(text.split("\n"), 1) if "\ufffd" in line]
    for form in forms:
        hits = [line for line in lines if form["line_start"] <= line <= form["line_end"]]
        if hits:
            form["problems"].append(problem("R-PARSE-02", "编码", f"表中有{len(hits)}行含无法解码的字节（文件编码损坏），"
                                            "其中的数字或文字可能读错，请核对原文件", hits[0]))


def _sheet_forms(rows: SheetRows) -> list[dict]:
    """Forms of a workbook; hidden rows or columns that held text are said on each (left out, as
    Excel shows the sheet, but a filtered-out row may be one of the form's own), and formulas saved
    with no value on the form they sit in (an error: a number Excel shows was not read)."""
    forms = _grid_forms(rows)
    for form in forms:
        lines = [line for line in rows.uncalculated_formulas if form["line_start"] <= line <= form["line_end"]]
        if lines:
            form["problems"].append(problem("R-PARSE-02", "公式未计算", f"表中有{len(lines)}个公式单元格没有保存计算结果"
                                            "（文件未经 Excel 计算保存），Excel 会显示的值未能读入，请在 Excel 中打开保存后重新导入",
                                            lines[0]))
    if rows.hidden_with_text:
        for form in forms:
            form["problems"].append(problem("R-PARSE-02", "隐藏行列", f"工作表中有{rows.hidden_with_text}处隐藏的行或列"
                                            "含有文字，按 Excel 显示未读入，请核对", form["line_start"], severity="warning"))
    return forms


# "（续表）" over the rest of a table carried onto the next page: page furniture like a page number.
# Left in, it sits among the indicators, where it read as an indicator row and shifted the levels.
_CONTINUED = re.compile(r"[（(]?\s*(?:续表|续上表|接上表)\s*[0-9一二三四五六七八九十]*\s*[)）]?\s*[:：]?")


def _grid_forms(rows: list[Row]) -> list[dict]:
    vertical_merges = rows.vertical_merges if isinstance(rows, MergedRows) else ()
    rows = [row for row in rows if not _page_furniture(row)]
    chunks = split_forms(rows)
    forms = [parse_form(chunk, index) for index, chunk in enumerate(chunks)]
    for form in forms:
        _report_numbers_merged_over_indicators(form, vertical_merges)
    return forms


def _report_numbers_merged_over_indicators(form: dict, vertical_merges) -> None:
    """A 分值 or 得分 cell merged down over several indicators is their joint number: read as the
    first one's, with none for the others, it would be wrong for both. An error: no reading can
    share it out."""
    indicators = {indicator["line"]: indicator for indicator in form["indicators"]}
    for first, last, text in vertical_merges:
        anchor = indicators.get(first)
        if anchor is None or text not in (anchor.get("weight_raw"), anchor.get("score_raw")):
            continue
        covered = [line for line in indicators if first < line <= last]
        if covered:
            form["problems"].append(problem(
                "R-PARSE-02", anchor["name"] or "", f"分值或得分单元格“{text}”跨{len(covered) + 1}个指标合并，"
                "是几个指标共同的数值，无法分到各指标，请核对", first))


def _page_furniture(row: Row) -> bool:
    """A row of a 续表 mark or a page number alone (a page's footer caught inside the table). A short
    such row aligns to the right as merged cells do: its text was the next indicators' 一级 label."""
    filled = None
    for cell in row.cells:  # (every row of every grid file comes here: no list built)
        text = cell.text.strip()
        if text:
            if filled is not None:
                return False
            filled = text
    return filled is not None and any(pattern.fullmatch(filled) is not None
                                      for pattern in (_CONTINUED, _PAGE_LINE, _PAGE_FRACTION))


# A line that is page furniture only: "第 1 页 共 3 页", "共3页 第1页", "- 2 -", "（续表）", in pipes or not.
_PAGE_NO = r"(?:\d{1,4}|[一二三四五六七八九十百零〇两]{1,4})"
_PAGE_LINE = re.compile(
    rf"(?:第\s*{_PAGE_NO}\s*页(?:[\s,，、/]*共\s*{_PAGE_NO}\s*页)?|共\s*{_PAGE_NO}\s*页[\s,，、/]*第\s*{_PAGE_NO}\s*页"
    r"|[-–—－]\s*\d{1,4}\s*[-–—－]|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)",
    re.IGNORECASE,
)
# "1/2" alone: a page number in a table row; a text line of one cell ("1/2 |") may be a value.
_PAGE_FRACTION = re.compile(r"\d{1,4}\s*/\s*\d{1,4}")


# What a page line needs: one of these characters (a quick scan over the whole text), then this hint
# (a superset of the checks of _is_page_line, on that line alone).
_PAGE_CHARS = re.compile(r"[页续接Pp\-–—－/|]")
_PAGE_HINT = re.compile(r"页|续|接上表|page|p\.|[-–—－]\s*\d|\d\s*/\s*\d|^[\s|]*[^\s|]{1,3}\s*\|", re.IGNORECASE)


def _without_page_lines(text: str) -> str:
    """Blank out the lines that are page furniture (a page number, a 续表 mark), keeping line numbers.
    Text keeps them where a page broke, between two forms or inside one's indicator rows, where they
    read as an indicator ("第 1 页 共 2 页" with no numbers, or "第" with target "1") or shifted a row.
    This runs on every text file, so only the lines holding one of _PAGE_CHARS are looked at."""
    lines: list[str] | None = None
    line = scanned = 0
    checked = -1
    for hit in _PAGE_CHARS.finditer(text):
        line += text.count("\n", scanned, hit.start())
        scanned = hit.start()
        if line == checked:
            continue
        checked = line
        if lines is None:
            lines = text.split("\n")
        if _is_page_line(lines[line]):
            lines[line] = ""
    return text if lines is None else "\n".join(lines)


def _is_page_line(line: str) -> bool:
    if _PAGE_HINT.search(line) is None:
        return False
    bare = line.replace("|", " ").strip()
    # ("1/2" only on a line that is a row: "1/2 |" one cell per line may be a target)
    one_cell = line.strip().endswith("|") and line.count("|") == 1
    return bool(bare) and bool(_PAGE_LINE.fullmatch(bare) or _CONTINUED.fullmatch(bare)
                               or not one_cell and _PAGE_FRACTION.fullmatch(bare) or _lone_page_number(line))


def _lone_page_number(line: str) -> bool:
    """"| 2 | | | |": a pipe row whose one cell, its first, is a page number. (A number alone in a
    flattened line, or one cell per line, may be a value.)"""
    pieces = [piece.strip() for piece in line.strip().strip("|").split("|")]
    return (line.count("|") >= 3 and len(pieces) >= 2 and pieces[0].isdigit() and len(pieces[0]) <= 3
            and not any(pieces[1:]))


def _text_forms(text: str) -> tuple[list[dict], str]:
    text = _without_page_lines(text)
    layout = text_layout(text)
    if layout == FLAT and looks_unseparated(text):
        return _unseparated_forms(text), layout
    if layout == PIPE or layout == FLAT:
        pipe = layout == PIPE
        tokens = pipe_tokens(text) if pipe else flat_tokens(text)
        chunks = split_stream(tokens, pipe)
        forms = [parse_stream_form(chunk, index, pipe) for index, chunk in enumerate(chunks)]
        if pipe and not any(_has_numbers(form) for form in forms):
            glued = _glued_cell_forms(text)
            if any(_has_numbers(form) for form in glued):
                return glued, layout
        return forms, layout
    if layout == TSV:
        return _grid_forms(tsv_rows(text)), layout
    return _grid_forms(tokenize_tab_cells(text)), "text"


# A cell holding a whole form run together is long: a title, the project block and a funds row at least.
_GLUED_FORM_MIN = 80


def _glued_cell_forms(text: str) -> list[dict]:
    """A table whose one cell holds a whole form run together (a page's 内容概述 copy of the form,
    the table itself cut short): the forms read from such cells."""
    forms: list[dict] = []
    for line_number, line in enumerate(text.split("\n"), 1):
        for cell in line.split("|"):
            if len(cell) > _GLUED_FORM_MIN and looks_unseparated(cell):
                for form in _unseparated_forms(cell):
                    form["line_start"] = form["line_end"] = line_number
                    form["form_index"] = len(forms)
                    forms.append(form)
    return forms


def _has_numbers(form: dict) -> bool:
    """Any funds amount or indicator value read: more than an empty shell of labels."""
    return (any(f.get(c) is not None for f in form["funds"] for c in ("annual_budget", "executed"))
            or any(i.get("target_raw") or i.get("actual_raw") for i in form["indicators"]))


def _unseparated_forms(text: str) -> list[dict]:
    forms = []
    for found in segment(text):
        if not found.rows:
            continue
        form = parse_form(found.rows, len(forms))
        form["problems"][:0] = found.problems  # the segmenter's findings come first: they explain the rest
        form.update(found.extras)
        forms.append(form)
    return forms


def _refuse_family(text: str, source_name: str) -> None:
    """No form found: a text of a family the parser does not read is refused by that name."""
    from .templates import unsupported_text_reason

    reason = unsupported_text_reason(text)
    if reason:
        raise DocumentError(source_name, 1, f"{UNSUPPORTED_TEMPLATE}: {reason}")


def _reject_unsupported(forms: list[dict], source_name: str, text: str | None = None) -> None:
    """Forms of another family are refused rather than read into wrong numbers: the file is an
    error when every form in it is unsupported, otherwise such a form carries an R-PARSE-01 error
    (so it is quarantined, never published)."""
    from .model import problem
    from .templates import is_target_table, unsupported_reason

    # The whole text speaks for a file holding one form (a scorecard whose rows could not be cut), and
    # for every form of a file titled as a target declaration.
    # (only looked for when a form has no title: it reads the whole text)
    target_table = text is not None and any(not form.get("title") for form in forms) and is_target_table(text)
    reasons = [unsupported_reason(form, text if len(forms) == 1 else None, target_table) for form in forms]
    if all(reasons):
        raise DocumentError(source_name, forms[0]["line_start"], f"{UNSUPPORTED_TEMPLATE}: {reasons[0]}")
    for form, reason in zip(forms, reasons):
        if reason:
            form["problems"].append(problem("R-PARSE-01", "", f"{UNSUPPORTED_TEMPLATE}: {reason}", form["line_start"]))
