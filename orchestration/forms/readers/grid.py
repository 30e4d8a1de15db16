"""Shared helpers: a table of cell texts -> cells.Row objects the layout recogniser reads, and
spreadsheet cells as Excel shows them (number formats; hidden rows and columns left out)."""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import lru_cache

from ..cells import Cell, Row, clean_cell


def make_row(texts: list[str], line: int, width: int | None = None) -> Row | None:
    """A row of cleaned cells on `line`, padded to `width`; None when every cell is blank.

    Merged cells arrive as the anchor's text followed by blanks, like the seed's dump, so the
    layout fills 一级/二级 down itself and never sees a label repeated where it does not belong.
    """
    cleaned = [clean_cell(t) for t in texts]
    if not any(cleaned):
        return None
    if width is not None and len(cleaned) < width:
        cleaned.extend([""] * (width - len(cleaned)))
    return Row([Cell(t, line, line) for t in cleaned])


def text_width(rows) -> int:
    """Columns up to the last one holding text in any row: blank formatted cells past it (a
    sheet's used range, an .xls's styled columns) are not part of the table."""
    width = 0
    for texts in rows:
        end = len(texts)
        while end > width and not texts[end - 1].strip():
            end -= 1
        width = max(width, end)
    return width


def number_text(value: object) -> str:
    """Cell value as the text a reader of the sheet sees (cached values, never formulas)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and value != value:  # NaN
            return ""
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        return _plain(number)
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    return str(value)


def _plain(number: Decimal) -> str:
    if number == number.to_integral_value():
        return str(number.quantize(Decimal(1)))
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# -- hidden rows and columns ------------------------------------------------------------------


class MergedRows(list):
    """Rows, with the cells merged down over several rows as (first line, last line, the text
    shown): a 分值 or 得分 merged over two indicators is one number for both, which the rows alone
    (the text on the first, blanks below) would give to the first."""

    def __init__(self) -> None:
        super().__init__()
        self.vertical_merges: list[tuple[int, int, str]] = []


class SheetRows(MergedRows):
    """A workbook's rows, with how many hidden rows and columns held text (left out, as Excel shows
    the sheet; the parse says so, since a filtered-out row may be a form's own)."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden_with_text = 0
        self.uncalculated_formulas: list[int] = []  # lines of formula cells saved with no value

    def add_sheet(self, table: list[tuple[int, list[str]]], hidden_rows: set[int], hidden_columns: set[int],
                  merges: list[tuple[int, int, int, int]], first_line: int,
                  spend_cells: Callable[[int], None] = lambda cells: None) -> None:
        """One sheet's cells as (row number, texts) as Excel shows them; row n is line first_line + n."""
        self.hidden_with_text += hidden_with_text(table, hidden_rows, hidden_columns, merges)
        texts_by_row = dict(table)
        self.vertical_merges.extend(
            (first_line + first_row, first_line + last_row, clean_cell(texts_by_row[first_row][first_column]))
            for first_row, first_column, last_row, _ in merges
            if last_row > first_row and first_column < len(texts_by_row.get(first_row, ()))
            and texts_by_row[first_row][first_column].strip()
        )
        table = visible_cells(table, hidden_rows, hidden_columns, merges, spend_cells)
        width = text_width(texts for _, texts in table)  # formatted blank cells widen a sheet
        for number, texts in table:
            row = make_row(texts[:width], first_line + number, width)
            if row is not None:
                self.append(row)


def hidden_with_text(rows: list[tuple[int, list[str]]], hidden_rows: set[int], hidden_columns: set[int],
                     merges: list[tuple[int, int, int, int]]) -> int:
    """Hidden rows, and hidden columns, that hold text of their own (a merged range's text, shown
    in its visible part, is not lost)."""
    if not hidden_rows and not hidden_columns:
        return 0
    anchors = {(first_row, first_column) for first_row, first_column, _, _ in merges}

    def lost(number: int, column: int, texts: list[str]) -> bool:
        return column < len(texts) and bool(texts[column]) and (number, column) not in anchors

    rows_with_text = sum(1 for number, texts in rows
                         if number in hidden_rows and any(lost(number, c, texts) for c in range(len(texts))))
    columns_with_text = {c for number, texts in rows if number not in hidden_rows
                         for c in hidden_columns if lost(number, c, texts)}
    return rows_with_text + len(columns_with_text)


def visible_cells(
    rows: list[tuple[int, list[str]]],
    hidden_rows: set[int],
    hidden_columns: set[int],
    merges: list[tuple[int, int, int, int]],
    spend_cells: Callable[[int], None] = lambda cells: None,
) -> list[tuple[int, list[str]]]:
    """The rows and columns Excel shows: `rows` are (row number, texts by column index), and
    `merges` are (first row, first column, last row, last column) in the same numbering.

    A merged cell's text belongs to its whole range, so when the range's top-left cell is hidden
    (a title merged across a hidden helper column A) the text moves to the range's first visible
    cell, where Excel shows it. The blank cells a short row grows by to hold it are passed to
    `spend_cells`, which can refuse a sheet built to multiply them.
    """
    if not hidden_rows and not hidden_columns:
        return rows
    texts_by_row: dict[int, list[str]] = {}
    for number, texts in rows:
        texts_by_row.setdefault(number, texts)
    added: list[tuple[int, list[str]]] = []
    next_row = next_column = None
    for first_row, first_column, last_row, last_column in merges:
        if first_row not in hidden_rows and first_column not in hidden_columns:
            continue
        anchor = texts_by_row.get(first_row)
        if anchor is None or first_column >= len(anchor) or not anchor[first_column]:
            continue
        if next_row is None:
            next_row, next_column = _first_visible_after(hidden_rows), _first_visible_after(hidden_columns)
        row, column = next_row.get(first_row, first_row), next_column.get(first_column, first_column)
        if row > last_row or column > last_column:
            continue
        if row not in texts_by_row:
            texts_by_row[row] = []
            added.append((row, texts_by_row[row]))
        target = texts_by_row[row]
        if column >= len(target):
            spend_cells(column + 1 - len(target))
            target.extend([""] * (column + 1 - len(target)))
        if not target[column]:
            target[column] = anchor[first_column]
    if added:
        rows = sorted(rows + added, key=lambda item: item[0])
    return [
        (number, [text for column, text in enumerate(texts) if column not in hidden_columns])
        for number, texts in rows
        if number not in hidden_rows
    ]


def _first_visible_after(hidden: set[int]) -> dict[int, int]:
    """Each hidden index mapped to the first visible one at or after it, in one pass, so a long
    run of hidden rows costs no more per merged range than a short one."""
    following: dict[int, int] = {}
    for index in sorted(hidden, reverse=True):
        following[index] = following.get(index + 1, index + 1)
    return following


# -- numbers as the sheet shows them --------------------------------------------------------
# Auditors compare the form's numbers as printed, so a numeric cell reads as Excel displays it
# under its number format: 9.874166… under "0.00" is 9.87, 1.05 under "0.00%" is 105.00%, and
# amounts kept in 元 but shown in 万元 (1200000 under 0!.0000 or 0.0000,…) read as shown.
# Digit formats are rendered: placeholders, decimals, %, scaling commas, literals between the
# digits, and a section chosen by a condition. Other formats (General, scientific, fractions,
# text, dates a reader left as numbers) keep the stored value. Decoration around the number
# (currency signs, padding, unit words, a typed minus) is dropped, except a % and a magnitude word
# (万, 亿, 千, 百): dropping "万" from 120.0000万 would read 120 where the form says 1,200,000.

MAX_FORMAT_CHARS = 255  # Excel's own limit on a number format
MAX_DECIMALS = 30  # Excel's own limit on decimal places
_MAGNITUDE_WORD = re.compile("[万亿千百]")
_UNREAD_MAGNITUDE = re.compile("[千百]")
_CONDITION = re.compile(r"\s*(<=|>=|<>|<|>|=)\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d{1,3})?)\s*")

_Piece = tuple[str, str]  # ("digit", "0" | "#" | "?") or ("text", literal shown as typed)


@dataclass(frozen=True)
class _DigitLayout:
    """The digits of one format section: `integer` runs from its first placeholder to its last,
    `fraction` from the decimal point to its last placeholder, each with the literals typed
    between the placeholders (0!.0000 is five integer placeholders with a "." after the first)."""

    integer: tuple[_Piece, ...]
    fraction: tuple[_Piece, ...]
    percent_scaling: int  # unquoted % signs, each multiplying by 100
    thousands_scaling: int  # commas after the last placeholder, each dividing by 1000
    percent_sign: bool  # a % is shown, scaled or literal

    @property
    def decimals(self) -> int:
        return sum(kind == "digit" for kind, _ in self.fraction)

    @property
    def has_digits(self) -> bool:
        return bool(self.integer) or bool(self.decimals)


@dataclass(frozen=True)
class _Section:
    condition: tuple[str, Decimal] | None
    digits: _DigitLayout | None  # None: the stored value is shown (General, dates, scientific…)
    magnitude_words: str


def shown_text(value: object, number_format: str) -> str:
    """A numeric or date cell as Excel displays it under `number_format`; any other value as
    number_text."""
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return _shown_moment(value, number_format)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return number_text(value)
    section = _section_for(value, _sections(number_format))
    if section is None:
        return number_text(value)
    if section.digits is None or not section.digits.has_digits:
        return number_text(value) + section.magnitude_words
    return _render(value, section.digits) + section.magnitude_words


def _render(value: int | float, layout: _DigitLayout) -> str:
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    with localcontext() as context:
        context.prec = 400  # room for any double's digits plus 30 decimals
        number = _excel_precision(number).scaleb(2 * layout.percent_scaling - 3 * layout.thousands_scaling)
        number = number.quantize(Decimal(1).scaleb(-layout.decimals), rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 and not number.is_zero() else ""  # -0.001 under 0.00 shows 0.00
    whole, _, fraction = format(number.copy_abs(), "f").partition(".")  # copy_abs: no rounding to 28 digits
    integer = _fill_integer(whole.lstrip("0"), layout.integer)
    if not any(char.isdigit() for char in integer):
        integer += "0"  # so a zero under "#" or ".00" still reads as a number
    fraction = _fill_fraction(fraction, layout.fraction)
    text = sign + integer + ("." + fraction if any(c.isdigit() for c in fraction) else "")
    return text + "%" if layout.percent_sign else text


def _fill_integer(digits: str, pieces: tuple[_Piece, ...]) -> str:
    # Excel fills integer placeholders from the right, one digit each, and the leftmost takes the
    # digits left over; literals stay where they were typed, so 1200000 under 0!.0000 is 120.0000.
    shown: list[str] = []
    remaining = len(digits)
    for kind, text in reversed(pieces):
        if kind == "text":
            shown.append(text)
        elif remaining:
            remaining -= 1
            shown.append(digits[remaining])
        else:
            shown.append("0" if text == "0" else "")
    return digits[:remaining] + "".join(reversed(shown))


def _fill_fraction(digits: str, pieces: tuple[_Piece, ...]) -> str:
    shown: list[str] = []
    next_digit = iter(digits)
    for kind, text in pieces:
        shown.append(text if kind == "text" else next(next_digit))
    # Trailing zeros under "#" or "?" are not shown: 3.1 under 0.0# is 3.1
    optional = [kind == "digit" and text != "0" for kind, text in pieces]
    end = len(shown)
    while end and (pieces[end - 1][0] == "text" or (optional[end - 1] and shown[end - 1] == "0")):
        end -= 1
    return "".join(shown[:end])


def _section_for(value: int | float, sections: tuple[_Section, ...] | None) -> _Section | None:
    if not sections:
        return None
    if any(section.condition for section in sections):
        # [>=100000000]…"亿";[>=10000]…"万";0: the first section whose condition holds, the next
        # one when it has none, the third for everything else
        for section in sections[:2]:
            if section.condition is None or _holds(section.condition, value):
                return section
        return sections[2] if len(sections) > 2 else None
    # Sections are positive;negative;zero;text. The value keeps its own minus sign: parentheses or
    # a typed "-" in the negative section are decoration this reader does not render.
    index = 1 if value < 0 and len(sections) > 1 else 2 if value == 0 and len(sections) > 2 else 0
    section = sections[index]
    if section.digits is not None and not section.digits.has_digits:
        section = sections[0]  # a zero shown as "-" still reads as its number
    return section


def _holds(condition: tuple[str, Decimal], value: int | float) -> bool:
    operator, bound = condition
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return {
        "<": number < bound, "<=": number <= bound, ">": number > bound,
        ">=": number >= bound, "=": number == bound, "<>": number != bound,
    }[operator]


def _excel_precision(number: Decimal) -> Decimal:
    # Excel shows at most 15 significant digits, so 1.0049999999999999 (binary noise on 1.005)
    # rounds as 1.005 does.
    if len(number.as_tuple().digits) <= 15:
        return number
    return number.quantize(Decimal(1).scaleb(number.adjusted() - 14), rounding=ROUND_HALF_UP)


@lru_cache(maxsize=512)
def _sections(number_format: str) -> tuple[_Section, ...] | None:
    """Each section of `number_format`; None for General (and for a format longer than Excel
    allows, which no Excel file holds)."""
    if not number_format or len(number_format) > MAX_FORMAT_CHARS or number_format.strip().lower() == "general":
        return None
    sections: list[list[tuple[str, str]]] = [[]]
    for token in _format_tokens(number_format):
        if token == ("char", ";"):
            sections.append([])
        else:
            sections[-1].append(token)
    return tuple(_read_section(tokens) for tokens in sections)


def _format_tokens(number_format: str):
    """("text", …) for "quoted", \\escaped and !escaped characters, shown as typed; ("bracket", …)
    for [Red], [$-804], [>=10000] and the like; ("skip", "") for _x and *x, which pad or fill;
    ("char", c) otherwise."""
    at = 0
    while at < len(number_format):
        char = number_format[at]
        if char in '"[':
            end = number_format.find('"' if char == '"' else "]", at + 1)
            end = len(number_format) if end < 0 else end
            yield ("text" if char == '"' else "bracket"), number_format[at + 1 : end]
            at = end + 1
        elif char in "\\!_*":
            yield ("text", number_format[at + 1 : at + 2]) if char in "\\!" else ("skip", "")
            at += 2
        else:
            yield "char", char
            at += 1


def _read_section(tokens: list[tuple[str, str]]) -> _Section:
    condition = None
    pieces: list[tuple[str, str]] = []  # ("digit", c), ("text", t), ("point", "."), ("comma", ",")
    percent_scaling = 0
    literal_percent = False
    renderable = True
    for kind, text in tokens:
        if kind == "bracket":
            if text and set(text.lower()) <= set("hms"):
                renderable = False  # [h]:mm, elapsed time
            elif match := _CONDITION.fullmatch(text):
                condition = (match.group(1), Decimal(match.group(2)))
        elif kind == "text":
            literal_percent |= "%" in text
            pieces.append(("text", text.replace("%", "")))
        elif kind != "char":
            continue
        elif text in "0#?":
            pieces.append(("digit", text))
        elif text == "." and ("point", ".") not in pieces:
            pieces.append(("point", "."))
        elif text == ",":
            pieces.append(("comma", ","))
        elif text == "%":
            percent_scaling += 1
        elif text in "@/" or text.isascii() and text.isalpha():
            renderable = False  # text, fractions, scientific, dates, General inside a section
        else:
            pieces.append(("text", text))  # a literal typed unquoted: -, (, space, ¥, 万…
    point = pieces.index(("point", ".")) if ("point", ".") in pieces else len(pieces)
    integer, fraction = pieces[:point], pieces[point + 1 :]
    integer_digits = [k for k, (kind, _) in enumerate(integer) if kind == "digit"]
    fraction_digits = [k for k, (kind, _) in enumerate(fraction) if kind == "digit"]
    first, last = (integer_digits[0], integer_digits[-1] + 1) if integer_digits else (len(integer), len(integer))
    before, integer_body, integer_tail = integer[:first], integer[first:last], integer[last:]
    if fraction_digits:
        fraction_body, after_digits = fraction[: fraction_digits[-1] + 1], fraction[fraction_digits[-1] + 1 :]
    else:
        # no decimal places: commas right after the integer digits scale (0!.0, is 万 to one place)
        fraction_body, after_digits, integer_tail = [], integer_tail + fraction, []
    outside = before + integer_tail + after_digits
    magnitude_words = "".join(
        text.strip()
        for kind, text in (outside if renderable else pieces)
        if kind == "text" and _MAGNITUDE_WORD.search(text)
    )
    if _UNREAD_MAGNITUDE.search(magnitude_words):
        return _Section(condition, None, "")  # "1200千元": no amount reads 千 or 百; the stored value does
    if not renderable or len(fraction_digits) > MAX_DECIMALS:
        return _Section(condition, None, magnitude_words)
    layout = _DigitLayout(
        integer=tuple(piece for piece in integer_body if piece[0] in ("digit", "text")),
        fraction=tuple(piece for piece in fraction_body if piece[0] in ("digit", "text")),
        percent_scaling=percent_scaling,
        thousands_scaling=sum(kind == "comma" for kind, _ in after_digits),
        percent_sign=bool(percent_scaling) or literal_percent,
    )
    return _Section(condition, layout, magnitude_words)


# -- dates as the sheet shows them --------------------------------------------------------------
# A target typed as a date (完成时限 2022年12月31日) reads as the cell shows it, not as 2022-12-31:
# years, months, days, hours, minutes and seconds in the format's order with its literals (年, 月,
# 日, /, -, :). Month and weekday names, AM/PM and elapsed time are not rendered: the date then
# reads in ISO form, as before.

_DATE_PART = re.compile(r"y+|m+|d+|h+|s+|e+", re.IGNORECASE)


def _shown_moment(moment: _dt.datetime | _dt.date | _dt.time, number_format: str) -> str:
    pieces = _date_pieces(number_format)
    if pieces is None:
        return number_text(moment)
    if isinstance(moment, _dt.time):
        moment = _dt.datetime.combine(_dt.date(1900, 1, 1), moment)
    elif not isinstance(moment, _dt.datetime):
        moment = _dt.datetime.combine(moment, _dt.time())
    return "".join(_date_part(text, moment) if kind == "part" else text for kind, text in pieces)


def _date_part(code: str, moment: _dt.datetime) -> str:
    letter, width = code[0].lower(), len(code)
    if letter in "ye":
        return f"{moment.year % 100:02d}" if letter == "y" and width <= 2 else str(moment.year)
    value = {"m": moment.month, "d": moment.day, "h": moment.hour, "n": moment.minute, "s": moment.second}[letter]
    return f"{value:02d}" if width == 2 else str(value)


@lru_cache(maxsize=256)
def _date_pieces(number_format: str) -> tuple[tuple[str, str], ...] | None:
    """("part", "yyyy" | "m" | "n" (minutes) | …) and ("text", literal) of the first section of a
    date format; None when the format shows no date or shows it in a way not rendered here."""
    if not number_format or len(number_format) > MAX_FORMAT_CHARS:
        return None
    pieces: list[tuple[str, str]] = []
    for kind, text in _format_tokens(number_format):
        if kind == "char" and text == ";":
            break
        if kind == "bracket":
            if text and set(text.lower()) <= set("hms"):
                return None  # [h]:mm, elapsed time
            continue  # [$-804], [Red], a condition
        if kind == "char" and text.isascii() and text.isalpha():
            if pieces and pieces[-1][0] == "part" and pieces[-1][1][0].lower() == text.lower():
                pieces[-1] = ("part", pieces[-1][1] + text)
            else:
                pieces.append(("part", text))
        elif kind in ("text", "char"):
            pieces.append(("text", text))
    parts = [k for k, (kind, _) in enumerate(pieces) if kind == "part"]
    if not parts or any(not _DATE_PART.fullmatch(pieces[k][1]) or len(pieces[k][1]) > 4 for k in parts):
        return None  # General, text, AM/PM, or a month or weekday name (mmm, ddd)
    if any(pieces[k][1][0].lower() in "md" and len(pieces[k][1]) > 2 for k in parts):
        return None
    for position, k in enumerate(parts):
        # m after an hour or before a second is the minute, as Excel reads it
        code = pieces[k][1]
        if code[0].lower() == "m":
            before = pieces[parts[position - 1]][1][0].lower() if position else ""
            after = pieces[parts[position + 1]][1][0].lower() if position + 1 < len(parts) else ""
            if before == "h" or after == "s":
                pieces[k] = ("part", "n" * len(code))
    return tuple(pieces)
