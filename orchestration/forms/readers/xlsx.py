"""Excel 2007+ workbooks. Values only: formulas are read as the cached values Excel saved
(openpyxl data_only), never evaluated; macros are never run. XML goes through defusedxml
(openpyxl uses it when installed) after the zip directory has been checked for bombs."""

from __future__ import annotations

import io
import math
import re
import warnings
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

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
                    texts.append(_shown_text(value, getattr(cell, "number_format", "") or ""))
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


# -- numbers as the sheet shows them --------------------------------------------------------
# Auditors compare the form's numbers as printed, so a cell reads as Excel displays it: 9.874166…
# under "0.00" is 9.87. Only plain decimal formats are rendered; any other (General, text,
# scientific, fractions, dates that openpyxl left as numbers, conditions) keeps the stored value.


@dataclass(frozen=True)
class _DecimalFormat:
    """One section of a plain decimal number format, such as 0.00, #,##0.0#, 0% or 0.00"%"."""

    min_decimals: int
    max_decimals: int
    min_integer_digits: int
    percent_scaling: int  # unquoted % signs, each multiplying by 100
    percent_sign: bool  # a % is shown, scaled or literal
    has_digits: bool


def _shown_text(value: object, number_format: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return number_text(value)
    section = _section_for(value, _decimal_format(number_format))
    if section is None:
        return number_text(value)
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    number = _excel_precision(number).scaleb(2 * section.percent_scaling)
    number = number.quantize(Decimal(1).scaleb(-section.max_decimals), rounding=ROUND_HALF_UP)
    if number.is_zero():
        number = abs(number)  # -0.001 under 0.00 shows 0.00, with no sign
    whole, _, fraction = format(number, "f").partition(".")
    fraction = fraction[: section.min_decimals] + fraction[section.min_decimals :].rstrip("0")
    sign, digits = ("-", whole[1:]) if whole.startswith("-") else ("", whole)
    # At least one integer digit, so a zero under "#" or ".00" still reads as a number
    text = sign + digits.zfill(max(1, section.min_integer_digits)) + ("." + fraction if fraction else "")
    return text + "%" if section.percent_sign else text


def _section_for(value: float, sections: tuple[_DecimalFormat | None, ...] | None) -> _DecimalFormat | None:
    # Sections are positive;negative;zero;text. The value keeps its own minus sign: parentheses or
    # a typed "-" in the negative section are decoration this reader does not render.
    if not sections:
        return None
    index = 1 if value < 0 and len(sections) > 1 else 2 if value == 0 and len(sections) > 2 else 0
    section = sections[index]
    if section is not None and not section.has_digits:  # a zero shown as "-" still reads as its number
        section = sections[0]
    return section if section is not None and section.has_digits else None


def _excel_precision(number: Decimal) -> Decimal:
    # Excel shows at most 15 significant digits, so 1.0049999999999999 (binary noise on 1.005)
    # rounds as 1.005 does.
    if len(number.as_tuple().digits) <= 15:
        return number
    return number.quantize(Decimal(1).scaleb(number.adjusted() - 14), rounding=ROUND_HALF_UP)


@lru_cache(maxsize=512)
def _decimal_format(number_format: str) -> tuple[_DecimalFormat | None, ...] | None:
    """Each section of `number_format` read as a plain decimal format, None where it is not one;
    None overall for General and for a format whose section is chosen by a condition ([>100])."""
    if not number_format or number_format.strip().lower() == "general":
        return None
    if re.search(r"\[[<>=]", number_format):
        return None
    sections: list[list[tuple[str, str]]] = [[]]
    for token in _format_tokens(number_format):
        if token == ("char", ";"):
            sections.append([])
        else:
            sections[-1].append(token)
    return tuple(_read_section(tokens) for tokens in sections)


def _format_tokens(number_format: str):
    """("text", …) for "quoted" and \\escaped characters, shown as typed; ("bracket", …) for [Red],
    [$-804] and the like; ("skip", "") for _x and *x, which pad or fill; ("char", c) otherwise."""
    at = 0
    while at < len(number_format):
        char = number_format[at]
        if char in '"[':
            end = number_format.find('"' if char == '"' else "]", at + 1)
            end = len(number_format) if end < 0 else end
            yield ("text" if char == '"' else "bracket"), number_format[at + 1 : end]
            at = end + 1
        elif char in "\\_*":
            yield ("text", number_format[at + 1 : at + 2]) if char == "\\" else ("skip", "")
            at += 2
        else:
            yield "char", char
            at += 1


def _read_section(tokens: list[tuple[str, str]]) -> _DecimalFormat | None:
    min_decimals = max_decimals = integer_zeros = percent_scaling = 0
    literal_percent = in_decimals = has_digits = scaling_comma = False
    for kind, text in tokens:
        if kind == "text":
            literal_percent |= "%" in text
        elif kind == "bracket" and text and set(text.lower()) <= set("hms"):
            return None  # [h]:mm, elapsed time
        elif kind != "char":
            continue
        elif text in "0#?":
            has_digits, scaling_comma = True, False
            if in_decimals:
                max_decimals += 1
                min_decimals += text == "0"
            else:
                integer_zeros += text == "0"
        elif text == "." and not in_decimals:
            in_decimals = True
        elif text == ",":
            scaling_comma = has_digits  # a comma after the last digit divides by 1000
        elif text == "%":
            percent_scaling += 1
        elif text in "@/" or text.isascii() and text.isalpha():
            return None  # text, fractions, scientific, dates, General inside a section
    if scaling_comma:
        return None
    return _DecimalFormat(
        min_decimals=min_decimals,
        max_decimals=max_decimals,
        min_integer_digits=integer_zeros,
        percent_scaling=percent_scaling,
        percent_sign=bool(percent_scaling) or literal_percent,
        has_digits=has_digits,
    )
