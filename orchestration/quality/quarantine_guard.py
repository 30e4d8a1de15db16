"""A circuit breaker for the whole load: if far more of the new forms break error rules than usual,
the likely cause is a parser or template regression, not the forms. Then nothing is published."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

MIN_FORMS_FOR_GUARD = 5
BASE_MAX_SHARE = 0.5
HISTORY_MULTIPLIER = 3.0


@dataclass
class QuarantineShare:
    new_forms: int
    new_quarantined: int
    earlier_forms: int
    earlier_quarantined: int

    @property
    def share(self) -> float:
        return self.new_quarantined / self.new_forms if self.new_forms else 0.0

    @property
    def earlier_share(self) -> float:
        return self.earlier_quarantined / self.earlier_forms if self.earlier_forms else 0.0

    @property
    def limit(self) -> float:
        return min(1.0, max(BASE_MAX_SHARE, HISTORY_MULTIPLIER * self.earlier_share))

    @property
    def tripped(self) -> bool:
        return self.new_forms >= MIN_FORMS_FOR_GUARD and self.share > self.limit


def measure(build_db: Path, load_id: str) -> QuarantineShare:
    with duckdb.connect(str(build_db), read_only=True) as connection:
        row = connection.execute(
            """
            WITH erroneous AS (
                SELECT DISTINCT form_id FROM quality.rule_findings WHERE severity = 'error' AND form_id IS NOT NULL
            )
            SELECT count(*) FILTER (WHERE forms.load_id = ?),
                   count(erroneous.form_id) FILTER (WHERE forms.load_id = ?),
                   count(*) FILTER (WHERE forms.load_id <> ?),
                   count(erroneous.form_id) FILTER (WHERE forms.load_id <> ?)
            FROM raw.forms AS forms LEFT JOIN erroneous USING (form_id)
            """,
            [load_id] * 4,
        ).fetchone()
    return QuarantineShare(*row)
