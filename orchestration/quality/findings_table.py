"""Write rule findings into quality.rule_findings (docs/ARCHITECTURE.md, "Findings")."""

from __future__ import annotations

from pathlib import Path

import duckdb

from orchestration.duckdb_memory import limit_memory

FINDINGS_DDL = """
CREATE SCHEMA IF NOT EXISTS quality;
CREATE TABLE IF NOT EXISTS quality.rule_findings (
    finding_id VARCHAR, load_id VARCHAR, form_id VARCHAR, source_file VARCHAR, file_hash VARCHAR,
    form_index INTEGER, report_year INTEGER, project_name VARCHAR, implementing_unit VARCHAR,
    rule_id VARCHAR, severity VARCHAR, subject VARCHAR, reported VARCHAR, expected VARCHAR,
    message VARCHAR, line INTEGER, suite VARCHAR, expectation VARCHAR
);
"""

def replace_findings(build_db: Path, findings_file: Path, load_id: str) -> None:
    """The findings table always describes the warehouse as validated by the latest load.

    `findings_file` is the rule runner's Parquet spool (expectations/findings_spool.py).
    """
    with duckdb.connect(str(build_db)) as connection:
        limit_memory(connection)
        connection.execute(FINDINGS_DDL)
        connection.execute(f"CREATE TEMP VIEW new_findings AS SELECT * FROM read_parquet('{_quoted(findings_file)}')")
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


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")
