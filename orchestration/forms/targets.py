"""Classify 年度指标值 / 实际完成值 cells: operator + number + unit, date, qualitative, text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .normalize import fold, label_key
from .numbers import PLACEHOLDERS, number_value

QUANTITATIVE = "quantitative"
QUALITATIVE = "qualitative"
DATE = "date"
PLACEHOLDER = "placeholder"
TEXT = "text"

BAND_MET = "达成"
BAND_PARTIAL = "部分达成"
BAND_MISSED = "未达成"


@dataclass(frozen=True, slots=True)
class ValueParse:
    kind: str
    operator: str | None = None  # ">=", ">", "=", "<=", "<"; None when not written
    value: Decimal | None = None
    unit: str | None = None  # "%" for percent


_PLACEHOLDER = ValueParse(PLACEHOLDER)

# Symbols arrive already folded (≥ ≧ ＞＝ -> ">=", ═ ＝ -> "=").
_SYMBOL_OPERATOR = re.compile(r"(>=|=>|<=|=<|==|>|<|=)")
_SYMBOL_CANONICAL = {"=>": ">=", "=<": "<=", "==": "="}
# Longest first, so "大于等于" is not read as "大于".
_WORD_OPERATORS = (
    ("大于或等于", ">="),
    ("大于等于", ">="),
    ("小于或等于", "<="),
    ("小于等于", "<="),
    ("不低于", ">="),
    ("不少于", ">="),
    ("不小于", ">="),
    ("不高于", "<="),
    ("不超过", "<="),
    ("不多于", "<="),
    ("不大于", "<="),
    ("大于", ">"),
    ("高于", ">"),
    ("超过", ">"),
    ("小于", "<"),
    ("低于", "<"),
    ("等于", "="),
)
_SUFFIX_OPERATORS = (("及以上", ">="), ("以上", ">="), ("及以下", "<="), ("以下", "<="), ("以内", "<="))

_QUANTITY = re.compile(
    r"([+-]?)\s*((?:\d{1,3}(?:[ ,]\d{3})+|\d+)(?:\.\d*)?|\.\d+)\s*(.*)", re.DOTALL
)
_UNIT_ALIASES = {"百分比": "%", "%(百分比)": "%", "(百分比)": "%", "(%)": "%"}
_UNIT_FORBIDDEN = re.compile(r"[\d\s,，。；;、:：!！?？]")
_MAX_UNIT_CHARS = 6

_DATE = re.compile(
    r"(?:19|20)\d{2}\s*(?:年|[-./]\s*\d{1,2}\s*[-./])"
    r"|\d{1,2}\s*月\s*(?:\d{1,2}\s*日|底|末|初|份|上旬|中旬|下旬|之前|以前|前|内)"
    r"|\d{1,2}\s*日\s*(?:之前|以前|前)"
    r"|年底|年末|年内|年中|月底|月末|上半年|下半年"
)
_DIGIT = re.compile(r"\d")
_MET = re.compile(r"(?:已|全部|完全)?达成")


def parse_value(raw: str | None) -> ValueParse:
    """Parse a target or actual cell (raw text as written)."""
    if raw is None:
        return _PLACEHOLDER
    text = fold(raw).strip()
    if text.replace(" ", "") in PLACEHOLDERS:
        return _PLACEHOLDER

    operator, rest = _leading_operator(text)
    if operator is not None:
        # An operator makes "<=12月" a quantity (12 months), not a date.
        parsed = _quantity(rest, operator)
        if parsed is not None:
            return parsed
    if _DATE.search(text):
        return ValueParse(DATE)
    if operator is None:
        parsed = _quantity(text, None)
        if parsed is not None:
            return parsed
    if _DIGIT.search(text) is None:
        return ValueParse(QUALITATIVE)
    return ValueParse(TEXT)


def actual_band(raw: str | None, kind: str) -> str | None:
    """达成 / 部分达成 / 未达成 for qualitative actuals ("达成预期指标" -> 达成)."""
    if raw is None or kind != QUALITATIVE:
        return None
    key = label_key(raw)
    if key.startswith(BAND_MISSED):
        return BAND_MISSED
    if key.startswith(BAND_PARTIAL):
        return BAND_PARTIAL
    if _MET.match(key):
        return BAND_MET
    return None


def _leading_operator(text: str) -> tuple[str | None, str]:
    match = _SYMBOL_OPERATOR.match(text)
    if match is not None:
        symbol = match.group(1)
        return _SYMBOL_CANONICAL.get(symbol, symbol), text[match.end() :].lstrip()
    for word, operator in _WORD_OPERATORS:
        if text.startswith(word):
            return operator, text[len(word) :].lstrip()
    return None, text


def _quantity(text: str, operator: str | None) -> ValueParse | None:
    match = _QUANTITY.fullmatch(text)
    if match is None or len(match.group(2)) > 64:
        return None
    unit = match.group(3).strip()
    for suffix, suffix_operator in _SUFFIX_OPERATORS:
        if unit.endswith(suffix):
            unit = unit[: -len(suffix)].rstrip()
            operator = operator or suffix_operator
            break
    unit = _normalise_unit(unit)
    if unit is False:
        return None
    return ValueParse(QUANTITATIVE, operator, number_value(match), unit or None)


def _normalise_unit(unit: str) -> str | bool:
    """Return the unit ("" for none), or False when the tail is not a unit but more text."""
    if unit in _UNIT_ALIASES:
        return _UNIT_ALIASES[unit]
    if not unit:
        return ""
    if unit.startswith("%"):
        return "%" if unit == "%" else False
    if len(unit) > _MAX_UNIT_CHARS or _UNIT_FORBIDDEN.search(unit):
        return False
    return unit
