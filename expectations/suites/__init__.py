"""The rule suites, one per rule family of ../shared/spec/rules.md (defined in code)."""

from __future__ import annotations

from expectations.rule import RuleCheck, Suite
from expectations.suites import funds, indicators, parse, totals, weights

SUITES: tuple[Suite, ...] = (
    parse.SUITE,
    funds.SUITE,
    weights.SUITE,
    indicators.SUITE,
    totals.SUITE,
)


def all_checks() -> list[tuple[Suite, RuleCheck]]:
    return [(suite, check) for suite in SUITES for check in suite.checks]
