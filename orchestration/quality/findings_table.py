"""Write rule findings into quality.rule_findings (docs/ARCHITECTURE.md, "Findings")."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa

FINDING_COLUMNS = ("form_id", "rule_id", "severity", "subject", "reported", "expected", "message", "line",
                   "suite", "expectation")

FINDINGS_DDL = """
CREATE SCHEMA IF NOT EXISTS quality;
CREATE TABLE IF NOT EXISTS quality.rule_findings (
    finding_id VARCHAR, load_id VARCHAR, form_id VARCHAR, source_file VARCHAR, file_hash VARCHAR,
    form_index INTEGER, report_year INTEGER, project_name VARCHAR, implementing_unit VARCHAR,
    rule_id VARCHAR, severity VARCHAR, subject VARCHAR, reported VARCHAR, expected VARCHAR,
    message VARCHAR, line INTEGER, suite VARCHAR, expectation VARCHAR
);
"""

_EMPTY_FINDINGS = pa.table({column: pa.array([], type=pa.int32() if column == "line" else pa.string())
                            for column in FINDING_COLUMNS})


def _as_text(value) -> str | None:
    return None if value is None else str(value)


def replace_findings(build_db: Path, findings: list[dict], load_id: str) -> None:
    """The findings table always describes the warehouse as validated by the latest load."""
    rows = [{column: (_as_text(f.get(column)) if column != "line" else f.get(column))
             for column in FINDING_COLUMNS} for f in findings]
    frame = pa.Table.from_pylist(rows, schema=_EMPTY_FINDINGS.schema) if rows else _EMPTY_FINDINGS
    with duckdb.connect(str(build_db)) as connection:
        connection.execute(FINDINGS_DDL)
        connection.register("new_findings", frame)
        connection.execute("BEGIN TRANSACTION")
        connection.execute("DELETE FROM quality.rule_findings")
        connection.execute(
            """
            INSERT INTO quality.rule_findings BY NAME
            SELECT md5(concat_ws('|', f.rule_id, f.form_id, f.subject, f.expectation)) AS finding_id,
                   ? AS load_id, f.form_id, forms.source_file, forms.file_hash, forms.form_index,
                   forms.report_year, forms.project_name, forms.implementing_unit, f.rule_id, f.severity,
                   f.subject, f.reported, f.expected, f.message, coalesce(f.line, forms.line_start) AS line,
                   f.suite, f.expectation
            FROM new_findings AS f
            LEFT JOIN raw.forms AS forms USING (form_id)
            """,
            [load_id],
        )
        # A file that held no readable form is a finding too: auditors see it next to the forms.
        connection.execute(
            """
            INSERT INTO quality.rule_findings BY NAME
            SELECT md5(concat_ws('|', 'R-PARSE-01', file_hash)) AS finding_id, ? AS load_id,
                   NULL AS form_id, file_name AS source_file, file_hash, NULL AS form_index,
                   NULL AS report_year, NULL AS project_name, NULL AS implementing_unit,
                   'R-PARSE-01' AS rule_id, 'error' AS severity, '文件' AS subject, NULL AS reported,
                   NULL AS expected, '文件无法读取或未找到自评表：' || coalesce(error, '') AS message,
                   error_line AS line, 'file' AS suite, 'received_file_is_readable' AS expectation
            FROM raw.received_files WHERE status = 'failed'
            """,
            [load_id],
        )
        connection.execute("COMMIT")
        connection.unregister("new_findings")
