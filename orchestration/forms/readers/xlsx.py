"""Excel 2007+ workbooks. Values only: formulas are read as the cached values Excel saved
(openpyxl data_only), never evaluated; macros are never run. XML goes through defusedxml
(openpyxl uses it when installed) after the zip directory has been checked for bombs."""

from __future__ import annotations

import datetime
import functools
import io
import warnings

from ..model import DocumentError
from .grid import SheetRows, number_text, shown_text
from .safezip import open_checked

MAX_CELLS = 2_000_000
MAX_COLUMN = 16_384  # XFD, the last column Excel has


def read_xlsx(data: bytes, source_name: str) -> SheetRows:
    open_checked(data, source_name, "xlsx").close()
    import openpyxl  # imported here: most loads never see a workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_vba=False)
    except DocumentError:
        raise
    except Exception as error:  # openpyxl raises many types on damaged files
        raise DocumentError(source_name, 1, f"corrupt xlsx file: {type(error).__name__}: {error}") from None
    rows = SheetRows()
    line = 0
    budget = _CellBudget(source_name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for sheet in book.worksheets:
                if getattr(sheet, "sheet_state", "visible") != "visible":
                    continue
                line += _read_sheet(sheet, budget, rows, line)
    except DocumentError:
        raise
    except Exception as error:
        raise DocumentError(source_name, 1, f"corrupt xlsx file: {type(error).__name__}: {error}") from None
    finally:
        book.close()
    return rows


class _CellBudget:
    """Cells held across the workbook, blanks included; past MAX_CELLS the file is refused."""

    def __init__(self, source_name: str) -> None:
        self.source_name = source_name
        self.cells = 0

    def spend(self, cells: int) -> None:
        self.cells += cells
        if self.cells > MAX_CELLS:
            raise DocumentError(self.source_name, 1, f"xlsx has more than {MAX_CELLS} cells; refused")


def _read_sheet(sheet, budget: _CellBudget, rows: SheetRows, line: int) -> int:
    """Add the sheet's rows (its row n as line `line` + n) to `rows`; return its last row number.

    A read_only worksheet trusts the sheet's <dimension> record, which some generators leave
    stale (narrower or shorter than the data, so columns or rows vanish), and it exposes no row
    or column attributes, so hidden rows and columns cannot be told apart. The sheet XML is
    therefore streamed here with openpyxl's own parser, set up as the read_only worksheet sets it
    up: every cell is kept where its reference puts it, and the hidden flags are read on the way.
    That parser is openpyxl-internal; the tests in test_forms_sheet_display break if it changes.
    """
    book = sheet.parent
    formats: dict[int, str] = {}
    table: list[tuple[int, list[str]]] = []
    hidden_rows: set[int] = set()
    last_row = 0
    with sheet._get_source() as source:
        parser = _parser_class()(
            source,
            sheet._shared_strings,
            data_only=book.data_only,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for number, cells in parser.parse():
            last_row = max(last_row, number)
            # popped: a sheet of many styled rows would otherwise keep every row's attributes
            attributes = parser.row_dimensions.pop(str(number), None)
            if attributes and _is_set(attributes.get("hidden")):
                hidden_rows.add(number)
            if not cells:
                continue
            width = max(cell["column"] for cell in cells)
            if width > MAX_COLUMN:
                raise ValueError(f"cell in column {width}, beyond the last column XFD")
            budget.spend(width)
            texts = [""] * width
            for cell in cells:
                texts[cell["column"] - 1] = _cell_text(sheet, cell, formats)
            table.append((number, texts))
        hidden_columns = _hidden_columns(parser.column_dimensions.values())
        rows.uncalculated_formulas.extend(
            line + number for number in parser.uncalculated_rows if number not in hidden_rows
        )
        merges = _merges(parser.merged_cells)
    rows.add_sheet(table, hidden_rows, hidden_columns, merges, line, budget.spend)
    return last_row


@functools.cache
def _parser_class():
    from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser

    class Parser(WorkSheetParser):
        """openpyxl's parser, noting the rows of formula cells saved with no result (written by a
        program that never calculated them): Excel shows a value there, which this reader, never
        evaluating formulas, cannot."""

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.uncalculated_rows: list[int] = []

        def parse_cell(self, element):
            cell = super().parse_cell(element)
            # an empty result is only a text formula's ("" from =IF(…,"",…)), typed t="str"
            no_result = not element.findtext(VALUE_TAG) and element.get("t", "n") != "str"
            if no_result and element.find(FORMULA_TAG) is not None:
                self.uncalculated_rows.append(cell["row"])
            return cell

    return Parser


def _cell_text(sheet, cell: dict, formats: dict[int, str]) -> str:
    value = cell["value"]
    shown_by_format = isinstance(value, (int, float, datetime.date, datetime.time)) and not isinstance(value, bool)
    if not shown_by_format:
        return number_text(value)
    style_id = cell["style_id"]
    number_format = formats.get(style_id)
    if number_format is None:
        from openpyxl.cell.read_only import ReadOnlyCell

        number_format = ReadOnlyCell(sheet, cell["row"], cell["column"], None, style_id=style_id).number_format or ""
        formats[style_id] = number_format
    return shown_text(value, number_format)


def _hidden_columns(dimensions) -> set[int]:
    """0-based indices of the columns hidden by <col min max hidden="1">. Overlapping ranges are
    walked once, so thousands of <col> records over the same columns cost no more than one."""
    ranges = sorted(
        (int(attributes.get("min", 1)), min(int(attributes.get("max", attributes.get("min", 1))), MAX_COLUMN))
        for attributes in dimensions
        if _is_set(attributes.get("hidden"))
    )
    hidden: set[int] = set()
    covered = 0
    for first, last in ranges:
        if last > covered:
            hidden.update(range(max(first, covered + 1) - 1, last))
            covered = last
    return hidden


def _merges(merged_cells) -> list[tuple[int, int, int, int]]:
    from openpyxl.utils.cell import range_boundaries

    merges = []
    for merged in getattr(merged_cells, "mergeCell", None) or ():
        try:
            first_column, first_row, last_column, last_row = range_boundaries(merged.ref)
        except (TypeError, ValueError):
            continue  # a damaged merge record changes no text
        merges.append((first_row, first_column - 1, last_row, last_column - 1))
    return merges


def _is_set(flag) -> bool:
    return str(flag).strip().lower() in ("1", "true")
