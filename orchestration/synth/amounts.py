"""Exact arithmetic on hundredths ("cents") and the ways forms write numbers.

The generator keeps every amount, weight and score as an int of hundredths: sums are exact and
round-half-up is integer division, which is what the rules (rules.md, Decimal arithmetic) check
against, and much faster than Decimal at corpus scale.
"""

from __future__ import annotations

from decimal import Decimal


def div_half_up(numerator: int, denominator: int) -> int:
    """round_half_up(numerator / denominator) for numerator >= 0, denominator > 0."""
    return (2 * numerator + denominator) // (2 * denominator)


def fixed2(cents: int) -> str:
    """33.10, 0.00, -5.00 — how the 年度资金总额 row and scores are written."""
    # Exact: a hundredths value is the double nearest to it, and "%.2f" rounds back to it
    # (for |cents| < 2**53 / 100, far beyond any amount here). Faster than divmod formatting.
    return f"{cents / 100:.2f}"


def compact(cents: int) -> str:
    """33.1, 0, 4.94 — trailing zeros dropped, as hand-typed cells are."""
    text = fixed2(cents)
    return text.rstrip("0").rstrip(".") if "." in text else text


def grouped(value: int, separator: str) -> str:
    """1 314 / 1,314 — thousands grouping seen in typed cells."""
    return f"{value:,}".replace(",", separator)


def percent_of(basis_points: int) -> str:
    """Basis points of a percent (98.74% = 9874) as written: "98.74%"."""
    return f"{fixed2(basis_points)}%"


def to_number(cents: int) -> float:
    """The contract's JSON number for a hundredths value (same float as float(Decimal(text)))."""
    return cents / 100


def decimal_text(value: float | Decimal) -> str:
    """Shortest plain text of a number (no exponent): 10.0 -> "10", 0.15 -> "0.15"."""
    number = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    text = format(number.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def decimal_fixed2(value: float | Decimal) -> str:
    """At least two decimals, more only when the value has them: 96.38, 100.00, 79.3625."""
    number = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    if number == number.quantize(Decimal("0.01")):
        return format(number.quantize(Decimal("0.01")), "f")
    return decimal_text(number)
