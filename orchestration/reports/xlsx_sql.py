"""Sheet rows rendered as XML by DuckDB, for the long sheets of audit.xlsx.

`SheetWriter.append` builds each row in Python: at 100,000 forms the findings, quarantined-forms and
received-files sheets are ~60,000 rows and their cells took 4–7 s of a reload's reports step (every
value a Python object, type-tested, escaped and formatted). Here the same `<row>` XML is one SQL
expression evaluated by DuckDB over the rows' query, and Python only copies the strings into the
zip. The XML is the writer's: the same cell types (inline strings, numbers, date serials), styles and
escaping (tests/reports/test_xlsx_sql.py compares both writers' sheets cell by cell).

Pure: builds SQL text, runs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from orchestration.reports.xlsx_writer import EXCEL_MAX_CELL_TEXT, column_letter
from orchestration.sql_text import sql_literal

# The characters XML 1.0 forbids (xlsx_writer._ILLEGAL_XML), as an RE2 class.
_ILLEGAL_XML = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x{FFFE}\x{FFFF}]"
# A number in the lexical form of xsd:double without INF/NaN: what a cell's <v> holds.
_NUMBER = r"^\s*([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)\s*$"
_EXCEL_EPOCH = "TIMESTAMP '1899-12-30 00:00:00'"

TEXT, NUMBER, NUMBER_OR_TEXT, DATETIME = "text", "number", "number_or_text", "datetime"


@dataclass(frozen=True)
class SqlCell:
    """One column of a sheet: `expression` over the rows' query; `kind` how its value is written;
    `style` a cell style index (XlsxWriter.style), or an SQL expression giving one or NULL."""

    expression: str
    kind: str = TEXT
    style: int | str | None = None



def escaped_text(expression: str) -> str:
    """What xlsx_writer._text does: cut to Excel's cell limit, drop XML-illegal characters, escape."""
    cut = f"left(CAST({expression} AS VARCHAR), {EXCEL_MAX_CELL_TEXT})"
    cleaned = f"regexp_replace({cut}, {sql_literal(_ILLEGAL_XML)}, '', 'g')"
    return f"replace(replace(replace({cleaned}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')"


def _style_attribute(style: int | str | None) -> str:
    if style is None or style == 0:
        return "''"
    if isinstance(style, int):
        return sql_literal(f' s="{style}"')
    return f"coalesce(' s=\"' || CAST(({style}) AS VARCHAR) || '\"', '')"


def _cell(cell: SqlCell, letter: str, row: str) -> str:
    value = f"({cell.expression})"
    opening = f"'<c r=\"{letter}' || {row} || '\"' || {_style_attribute(cell.style)}"
    text = f"{opening} || ' t=\"inlineStr\"><is><t xml:space=\"preserve\">' || {escaped_text(value)} || '</t></is></c>'"
    if cell.kind == TEXT:
        written = text
    elif cell.kind == NUMBER:
        written = f"{opening} || '><v>' || CAST({value} AS VARCHAR) || '</v></c>'"
    elif cell.kind == NUMBER_OR_TEXT:
        number = f"regexp_extract(CAST({value} AS VARCHAR), {sql_literal(_NUMBER)}, 1)"
        written = f"CASE WHEN {number} <> '' THEN {opening} || '><v>' || {number} || '</v></c>' ELSE {text} END"
    elif cell.kind == DATETIME:
        days = (f"(epoch_us(CAST({value} AS TIMESTAMP)) - epoch_us({_EXCEL_EPOCH})) / 86400000000.0")
        serial = f"rtrim(rtrim(printf('%.10f', {days}), '0'), '.')"
        written = f"{opening} || '><v>' || {serial} || '</v></c>'"
    else:
        raise ValueError(f"unknown cell kind {cell.kind!r}")
    # A NULL is no cell, or an empty styled one (SheetWriter.append).
    empty = "''" if cell.style is None else f"{opening} || '/>'"
    return f"CASE WHEN {value} IS NULL THEN {empty} ELSE {written} END"


def row_xml(cells: list[SqlCell], row_number: str) -> str:
    """SQL expression of one `<row>` element; `row_number` is an SQL expression (1-based sheet row)."""
    row = f"CAST(({row_number}) AS VARCHAR)"
    parts = [_cell(cell, column_letter(index), row) for index, cell in enumerate(cells, start=1)]
    return f"concat('<row r=\"', {row}, '\">', {', '.join(parts)}, '</row>')"
