"""Numeric cells: separators, full-width forms, units, execution rates."""

from __future__ import annotations

from decimal import Decimal

import pytest

from orchestration.forms.numbers import AMOUNT_UNITS, SCORE_UNITS, parse_decimal, parse_rate


@pytest.mark.parametrize("raw", ["1 314", "1,314", "1，314", "1\u00a0314", "1314"])
def test_thousands_separators_and_spaces_are_removed(raw):
    assert parse_decimal(raw) == (Decimal("1314"), True)


def test_separator_not_grouping_three_digits_is_not_a_number():
    assert parse_decimal("1,31") == (None, False)


@pytest.mark.parametrize("raw, expected", [("３３．１０", "33.10"), ("－５", "-5"), ("１ ３１４", "1314")])
def test_full_width_digits_and_signs(raw, expected):
    assert parse_decimal(raw) == (Decimal(expected), True)


def test_score_suffix_is_stripped_only_in_score_columns():
    assert parse_decimal("10.00分", SCORE_UNITS) == (Decimal("10.00"), True)
    assert parse_decimal("10.00 分", SCORE_UNITS) == (Decimal("10.00"), True)
    assert parse_decimal("10.00分", AMOUNT_UNITS) == (None, False)


def test_amount_suffixes_are_stripped_in_amount_columns():
    assert parse_decimal("33.10万元", AMOUNT_UNITS) == (Decimal("33.10"), True)
    assert parse_decimal("3000元", AMOUNT_UNITS) == (Decimal("3000"), True)
    assert parse_decimal("33.10万元", SCORE_UNITS) == (None, False)


@pytest.mark.parametrize("raw", ["", "  ", "—", "——", "/", "／", "-", None])
def test_blank_dash_and_slash_are_no_value_but_allowed(raw):
    assert parse_decimal(raw, SCORE_UNITS) == (None, True)


@pytest.mark.parametrize("raw", ["完成", "十", "10分5", "1e5", "NaN"])
def test_text_is_not_a_number(raw):
    assert parse_decimal(raw, SCORE_UNITS) == (None, False)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("98.74%", "0.9874"),
        ("98.74％", "0.9874"),
        ("98.74", "0.9874"),
        ("0.9874", "0.9874"),
        ("100.00%", "1"),
        ("1", "1"),
        ("0%", "0"),
    ],
)
def test_execution_rate_is_a_fraction(raw, expected):
    value, ok = parse_rate(raw)
    assert ok and value == Decimal(expected)


def test_execution_rate_placeholders_and_text():
    assert parse_rate("—") == (None, True)
    assert parse_rate("约九成") == (None, False)
