"""Rule checks and suites as plain data, so the catalogue can be read without importing GX.

A `RuleCheck` becomes one GX `UnexpectedRowsExpectation`. Its SQL returns the failing rows
with at least `form_id, subject, reported, expected, line`; `message_zh` is a `str.format`
template over those (and any extra) columns, read by auditors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

SEVERITIES = ("error", "warning", "info")
REQUIRED_COLUMNS = ("form_id", "subject", "reported", "expected", "line")
_JOIN = re.compile(r"\bJOIN\b", re.IGNORECASE)


@dataclass(frozen=True)
class RuleCheck:
    rule_id: str
    severity: str
    name: str  # stable, unique expectation name: findings cite it
    description: str  # one line for the catalogue and Data Docs
    message_zh: str
    sql: str

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"{self.name}: unknown severity {self.severity!r}")
        if "{batch} AS " not in self.sql:
            raise ValueError(f"{self.name}: the query must read `{{batch}} AS <alias>`")
        # GX wraps {batch} differently with and without a JOIN in the query: without one it
        # appends its own alias (`AS subselect`), which would clash with ours. Every rule joins
        # int_form_versions (current forms only) anyway, so insist on it.
        if not _JOIN.search(self.sql):
            raise ValueError(f"{self.name}: the query must contain a JOIN (see comment)")

    @property
    def meta(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "severity": self.severity,
            "message_zh": self.message_zh,
            "expectation_name": self.name,
        }

    def to_gx(self):
        """The GX expectation (imports great_expectations: call only inside the runner)."""
        import great_expectations as gx

        return gx.expectations.UnexpectedRowsExpectation(
            unexpected_rows_query=self.sql,
            description=f"{self.rule_id} ({self.severity}): {self.description}",
            meta=self.meta,
        )


@dataclass(frozen=True)
class Suite:
    """One rule family, validated against one anchor table (its `{batch}`)."""

    name: str
    table: str  # intermediate model the batch reads; other models are joined by name
    checks: tuple[RuleCheck, ...]

    def check_named(self, name: str) -> RuleCheck:
        for check in self.checks:
            if check.name == name:
                return check
        raise KeyError(name)
