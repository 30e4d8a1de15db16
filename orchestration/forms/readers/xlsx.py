"""Excel 2007+ workbooks. Values only: formulas are read as the cached values Excel saved
(openpyxl data_only), never evaluated; macros are never run. XML goes through defusedxml
(openpyxl uses it when installed) after the zip directory has been checked for bombs."""

from __future__ import annotations

import io
import warnings

from ..cells import Row
from ..model import DocumentError
from .grid import make_row, number_text
from .safezip import open_checked

MAX_CELLS = 2_000_000


def read_xlsx(data: bytes, source_name: str) -> list[Row]:
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
    rows: list[Row] = []
    line = 0
    cells = 0
    try:
        for sheet in book.worksheets:
            if getattr(sheet, "sheet_state", "visible") != "visible":
                continue
            table: list[list[str]] = []
            for raw in sheet.iter_rows():
                texts = []
                for cell in raw:
                    value = getattr(cell, "value", None)
                    fmt = getattr(cell, "number_format", "") or ""
                    texts.append(number_text(value, percent="%" in fmt and isinstance(value, (int, float))))
                cells += len(texts)
                if cells > MAX_CELLS:
                    raise DocumentError(source_name, 1, f"xlsx has more than {MAX_CELLS} cells; refused")
                table.append(texts)
            width = max((len(_rstrip(t)) for t in table), default=0)
            for texts in table:
                line += 1
                row = make_row(texts[:width], line, width)
                if row is not None:
                    rows.append(row)
    except DocumentError:
        raise
    except Exception as error:
        raise DocumentError(source_name, 1, f"corrupt xlsx file: {type(error).__name__}: {error}") from None
    finally:
        book.close()
    return rows


def _rstrip(texts: list[str]) -> list[str]:
    end = len(texts)
    while end and not texts[end - 1].strip():
        end -= 1
    return texts[:end]
