"""Legacy Excel 97-2003 (.xls, BIFF) workbooks through xlrd: cached values only, read as Excel
shows them (number formats and dates; hidden sheets, rows and columns left out)."""

from __future__ import annotations

from ..model import DocumentError
from .grid import SheetRows, number_text, shown_text

MAX_CELLS = 2_000_000


def read_xls(data: bytes, source_name: str) -> SheetRows:
    import xlrd

    try:
        # formatting_info: the XF records give each cell's number format, and the row, column and
        # merge records say what is hidden and where merged text shows
        book = xlrd.open_workbook(file_contents=data, on_demand=True, formatting_info=True, logfile=_Null())
    except Exception as error:
        raise DocumentError(source_name, 1, f"corrupt xls file: {type(error).__name__}: {error}") from None
    rows = SheetRows()
    line = 0
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            if sheet.visibility:
                book.unload_sheet(index)
                continue
            used_rows, used_columns = _used_extent(sheet)
            if used_rows * max(used_columns, 1) > MAX_CELLS:
                raise DocumentError(source_name, 1, f"xls sheet has more than {MAX_CELLS} cells; refused")
            table = [(r, [_text(book, sheet.cell(r, c)) for c in range(used_columns)]) for r in range(used_rows)]
            hidden_rows = {r for r, info in sheet.rowinfo_map.items() if info.hidden}
            hidden_columns = {c for c, info in sheet.colinfo_map.items() if info.hidden}
            merges = [(r1, c1, r2 - 1, c2 - 1) for r1, r2, c1, c2 in sheet.merged_cells]
            rows.add_sheet(table, hidden_rows, hidden_columns, merges, line + 1)  # xlrd counts rows from 0
            line += sheet.nrows
            book.unload_sheet(index)
    except DocumentError:
        raise
    except Exception as error:
        raise DocumentError(source_name, 1, f"corrupt xls file: {type(error).__name__}: {error}") from None
    finally:
        book.release_resources()
    return rows


def _text(book, cell) -> str:
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    if cell.ctype == xlrd.XL_CELL_DATE:
        moment = _date(cell.value, book.datemode)
        if moment is not None:
            return shown_text(moment, _number_format(book, cell.xf_index))
    if cell.ctype in (xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_DATE):
        return shown_text(cell.value, _number_format(book, cell.xf_index))
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return number_text(bool(cell.value))
    return str(cell.value)


def _number_format(book, xf_index: int | None) -> str:
    try:
        return book.format_map[book.xf_list[xf_index].format_key].format_str
    except (IndexError, KeyError, TypeError):
        return ""


def _date(serial: float, datemode: int):
    """The date, time or date-time a date-formatted cell shows, as openpyxl gives it for .xlsx;
    None for a serial no date has (Excel shows ##### for a negative one)."""
    import xlrd

    if serial < 0:
        return None
    try:
        moment = xlrd.xldate.xldate_as_datetime(serial, datemode)
    except (ValueError, OverflowError):
        return None
    return moment.time() if serial < 1 else moment


def _used_extent(sheet) -> tuple[int, int]:
    """Rows and columns up to the last cell holding a value: with formatting kept, blank cells that
    only carry a format widen the sheet (one formatted cell far away must not refuse a small form)."""
    import xlrd

    blank = (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK)
    rows = columns = 0
    for r in range(sheet.nrows):
        types = sheet.row_types(r)
        last = max((c for c, kind in enumerate(types) if kind not in blank), default=-1)
        if last >= 0:
            rows, columns = r + 1, max(columns, last + 1)
    return rows, columns


class _Null:
    def write(self, *_args) -> None:
        pass
