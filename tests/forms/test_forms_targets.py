"""年度指标值 / 实际完成值 classification."""

from __future__ import annotations

from decimal import Decimal

import pytest

from orchestration.forms.targets import actual_band, parse_value


def _quantity(raw):
    parsed = parse_value(raw)
    return parsed.kind, parsed.operator, parsed.value, parsed.unit


@pytest.mark.parametrize(
    "raw, operator",
    [
        (">=95%", ">="),
        ("≥95%", ">="),
        ("≧95%", ">="),
        ("＞＝95%", ">="),
        ("＞＝９５％", ">="),
        (">95%", ">"),
        ("＞95%", ">"),
        ("=95%", "="),
        ("═95%", "="),
        ("＝95%", "="),
        ("<=95%", "<="),
        ("≤95%", "<="),
        ("≦95%", "<="),
        ("＜＝95%", "<="),
        ("<95%", "<"),
        ("＜95%", "<"),
    ],
)
def test_each_comparator_is_normalised(raw, operator):
    assert _quantity(raw) == ("quantitative", operator, Decimal("95"), "%")


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("=1次", ("quantitative", "=", Decimal("1"), "次")),
        (">=8000人次", ("quantitative", ">=", Decimal("8000"), "人次")),
        ("<=33.10万元", ("quantitative", "<=", Decimal("33.10"), "万元")),
        ("≥100百分比", ("quantitative", ">=", Decimal("100"), "%")),
        ("≥50个", ("quantitative", ">=", Decimal("50"), "个")),
        ("> 1 314 人", ("quantitative", ">", Decimal("1314"), "人")),
        ("80万元", ("quantitative", None, Decimal("80"), "万元")),
        ("1,314", ("quantitative", None, Decimal("1314"), None)),
        ("95%", ("quantitative", None, Decimal("95"), "%")),
        ("63.49354", ("quantitative", None, Decimal("63.49354"), None)),
        ("不低于90%", ("quantitative", ">=", Decimal("90"), "%")),
        ("95%以上", ("quantitative", ">=", Decimal("95"), "%")),
    ],
)
def test_number_with_unit(raw, expected):
    assert _quantity(raw) == expected


def test_operator_makes_months_a_quantity_not_a_date():
    assert _quantity("<=12月") == ("quantitative", "<=", Decimal("12"), "月")


@pytest.mark.parametrize("raw", ["2021年12月31日之前", "12月底前", "2021年", "年底前完成", "2021-12-31", "6月30日前"])
def test_date_like_targets(raw):
    assert parse_value(raw).kind == "date"
    assert parse_value(raw).value is None


@pytest.mark.parametrize("raw", ["提高", "长期", "有效", "达成", "效果明显", "严格执行相关制度规定", "在项目计划完成时间内完成"])
def test_qualitative_targets(raw):
    assert _quantity(raw) == ("qualitative", None, None, None)


@pytest.mark.parametrize("raw", ["/", "／", "—", "", "  ", None])
def test_placeholders(raw):
    assert parse_value(raw).kind == "placeholder"


@pytest.mark.parametrize("raw", ["完成3项工作", "90%-100%", "100%完成"])
def test_other_text_with_numbers(raw):
    assert parse_value(raw).kind == "text"


@pytest.mark.parametrize(
    "raw, band",
    [
        ("达成", "达成"),
        ("达成年度指标", "达成"),
        ("达成预期指标", "达成"),
        ("部分达成年度指标并具有一定效果", "部分达成"),
        ("未达成年度指标且效果较差", "未达成"),
        ("有效", None),
    ],
)
def test_actual_band_for_qualitative_actuals(raw, band):
    assert actual_band(raw, parse_value(raw).kind) == band


def test_numeric_actual_has_no_band():
    assert actual_band("100%", parse_value("100%").kind) is None
