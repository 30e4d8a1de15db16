"""Findings written to a Parquet file as they are produced, not held as Python objects.

At 1,000,000 forms a load has hundreds of thousands of findings; as dicts they cost gigabytes.
The runner writes them here in batches; the findings step loads the file into DuckDB.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

FINDING_KEYS = (
    "form_id",
    "rule_id",
    "severity",
    "subject",
    "reported",
    "expected",
    "message",
    "line",
    "suite",
    "expectation",
)


def findings_schema():
    import pyarrow as pa  # only when findings are written: the CLI imports this module cheaply

    return pa.schema([(key, pa.int64() if key == "line" else pa.string()) for key in FINDING_KEYS])


class FindingsSpool:
    """Append-only Parquet file of findings, with counts kept by (rule_id, severity).

    Without a path the file lives in a temporary directory removed with the spool.
    """

    def __init__(self, path: Path | None = None) -> None:
        self._tmp = None
        if path is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="jixiao-findings-")
            path = Path(self._tmp.name) / "findings.parquet"
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.counts: Counter[tuple[str, str]] = Counter()
        import pyarrow.parquet as pq

        self._schema = findings_schema()
        self._writer = pq.ParquetWriter(self.path, self._schema)

    def write(self, findings: list[dict[str, Any]]) -> None:
        if not findings:
            return
        import pyarrow as pa

        self._writer.write_table(pa.Table.from_pylist(findings, schema=self._schema))
        self.counts.update((f["rule_id"], f["severity"]) for f in findings)

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def by_severity(self) -> Counter[str]:
        result: Counter[str] = Counter()
        for (_, severity), count in self.counts.items():
            result[severity] += count
        return result

    def by_rule(self) -> Counter[str]:
        result: Counter[str] = Counter()
        for (rule_id, _), count in self.counts.items():
            result[rule_id] += count
        return result

    def read(self) -> list[dict[str, Any]]:
        """Every finding as a dict (small loads and tests: this is what the spool avoids)."""
        import pyarrow.parquet as pq

        self.close()
        return pq.read_table(self.path).to_pylist()

