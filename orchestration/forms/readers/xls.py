"""Legacy Excel 97-2003 (.xls, BIFF) workbooks through xlrd: cached values only."""

from __future__ import annotations

from ..cells import Row
from ..model import DocumentError
from .grid import make_row, number_text

MAX_CELLS = 2_000_000


def read_xls(data: bytes, source_name: str) -> list[Row]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True, logfile=_Null())
    except Exception as error:
        raise DocumentError(source_name, 1, f"corrupt xls file: {type(error).__name__}: {error}") from None
    rows: list[Row] = []
    line = 0
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            if sheet.nrows * max(sheet.ncols, 1) > MAX_CELLS:
                raise DocumentError(source_name, 1, f"xls sheet has more than {MAX_CELLS} cells; refused")
            for r in range(sheet.nrows):
                line += 1
                texts = [_text(sheet.cell(r, c)) for c in range(sheet.ncols)]
                row = make_row(texts, line, sheet.ncols)
                if row is not None:
                    rows.append(row)
            book.unload_sheet(index)
    except DocumentError:
        raise
    except Exception as error:
        raise DocumentError(source_name, 1, f"corrupt xls file: {type(error).__name__}: {error}") from None
    finally:
        book.release_resources()
    return rows


def _text(cell) -> str:
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        return number_text(cell.value)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return number_text(bool(cell.value))
    return str(cell.value)


class _Null:
    def write(self, *_args) -> None:
        pass
