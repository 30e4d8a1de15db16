"""Numeric cell normalisation: amounts, 分值/得分 and 执行率."""

from __future__ import annotations

import re
from decimal import Decimal

from .normalize import fold

# Cells meaning "no value"; rule R-PARSE-03 allows them where a number is expected.
PLACEHOLDERS = frozenset({"", "/", "//", "\\", "-", "--", "—", "——", "―", "–", "─"})

AMOUNT_UNITS = ("万元", "元")  # longest first: "万元" also ends with "元"
SCORE_UNITS = ("分",)
PERCENT = "%"

# Grouping separators must delimit groups of three digits, so "1 314" and "1,314" read as
# 1314 while "1,5" (a decimal comma, or a typo) is reported instead of silently read as 15.
_NUMBER_RE = re.compile(r"([+-]?)\s*((?:\d{1,3}(?:[ ,]\d{3})+|\d+)(?:\.\d*)?|\.\d+)")
_SEPARATORS = re.compile(r"[ ,]")


def is_placeholder(raw: str | None) -> bool:
    return raw is None or _placeholder_key(raw) in PLACEHOLDERS


def _placeholder_key(raw: str) -> str:
    return fold(raw).replace(" ", "").strip()


# Longer "numbers" are not amounts or scores; refusing them also keeps Decimal arithmetic
# (percent scaling) far from its exponent limits on garbage input.
_MAX_NUMBER_CHARS = 64


def match_number(text: str) -> re.Match[str] | None:
    """Match a whole folded string as a number (sign, grouping, decimals)."""
    if len(text) > _MAX_NUMBER_CHARS:
        return None
    return _NUMBER_RE.fullmatch(text)


def number_value(match: re.Match[str]) -> Decimal:
    sign, body = match.group(1), _SEPARATORS.sub("", match.group(2))
    return Decimal(sign + body)


def parse_decimal(raw: str | None, units: tuple[str, ...] = ()) -> tuple[Decimal | None, bool]:
    """Return (value, ok). ok is False when the cell holds text that is not a number.

    `units` are suffixes the column is known to carry ("10.00分", "33.10万元").
    """
    if raw is None:
        return None, True
    text = fold(raw).strip()
    if _placeholder_key(text) in PLACEHOLDERS:
        return None, True
    for unit in units:
        if text.endswith(unit):
            text = text[: -len(unit)].rstrip()
            break
    match = match_number(text)
    if match is None:
        return None, False
    return number_value(match), True


def parse_rate(raw: str | None) -> tuple[Decimal | None, bool]:
    """执行率 as a fraction: "98.74%" and "98.74" -> 0.9874; "0.9874" stays.

    A bare number above 1 can only be a percent; at or below 1 it is read as a fraction.
    """
    if raw is None:
        return None, True
    text = fold(raw).strip()
    percent = text.endswith(PERCENT)
    value, ok = parse_decimal(text[:-1] if percent else text)
    if value is None:
        return None, ok
    if percent or value > 1:
        value = value.scaleb(-2)
    return value, True


_CHINESE = re.compile(r"[\u3400-\u9fff]")
_DIGIT = re.compile(r"\d")


def meant_as_number(raw: str) -> bool:
    """Text written where a number goes that reads as none: "约45", "1.2E+02", "(120)", "12，5", "4 5" —
    a digit, no percent, at most one Chinese character. A row reader that takes such a cell for text
    moves every cell after it; taken as the number's cell, it is reported as no number."""
    text = fold(raw).strip()
    return (len(text) <= 16 and _DIGIT.search(text) is not None and "%" not in text
            and len(_CHINESE.findall(text)) <= 1 and match_number(text) is None)


def rate_readings(share: Decimal, number: Decimal, *, fraction_places_at_least: int = 0) -> tuple[bool, bool]:
    """For a 执行率 written without "%": whether 执行数 / 预算数 (`share`) gives `number` to its last written
    digit read as a fraction ("0.5350") and read as a percent ("53.50"). A reader that decides between
    cells with it holds an integer fraction ("1") to more places than it shows (fraction_places_at_least)."""
    exponent = number.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    as_fraction = abs(share - number) <= Decimal(5).scaleb(-max(places + 1, fraction_places_at_least))
    as_percent = abs(share - number.scaleb(-2)) <= Decimal(5).scaleb(-(places + 3))
    return as_fraction, as_percent
