"""Write rule findings into quality.rule_findings (docs/ARCHITECTURE.md, "Findings")."""

from __future__ import annotations

from pathlib import Path

import duckdb

from orchestration.duckdb_memory import limit_memory
from orchestration.quality import scope

FINDINGS_DDL = """
CREATE SCHEMA IF NOT EXISTS quality;
CREATE TABLE IF NOT EXISTS quality.rule_findings (
    finding_id VARCHAR, load_id VARCHAR, form_id VARCHAR, source_file VARCHAR, file_hash VARCHAR,
    form_index INTEGER, report_year INTEGER, project_name VARCHAR, implementing_unit VARCHAR,
    rule_id VARCHAR, severity VARCHAR, subject VARCHAR, reported VARCHAR, expected VARCHAR,
    message VARCHAR, line INTEGER, suite VARCHAR, expectation VARCHAR
);
"""

def replace_findings(build_db: Path, findings_file: Path, load_id: str, *, code_fingerprint: str,
                     incremental: bool = False, validated: bool = True) -> None:
    """The findings table always describes the warehouse as validated by the latest load.

    `findings_file` is the rule runner's Parquet spool (expectations/findings_spool.py). With
    `incremental`, it holds the findings of the forms in the validation scope only (scope.py): the
    findings of those forms are replaced, those of forms no longer in the build deleted, the others
    kept. The state the forms were validated against is recorded in the same transaction; when not
    every rule could be `validated`, it is forgotten instead, so the next load validates everything.
    """
    with duckdb.connect(str(build_db)) as connection:
        limit_memory(connection)
        connection.execute(FINDINGS_DDL)
        connection.execute(f"CREATE TEMP VIEW new_findings AS SELECT * FROM read_parquet('{_quoted(findings_file)}')")
        connection.execute("BEGIN TRANSACTION")
        if incremental:
            connection.execute(
                f"""
                DELETE FROM quality.rule_findings
                WHERE form_id IS NULL
                   OR form_id IN (SELECT form_id FROM {scope.SCOPE_TABLE})
                   OR form_id NOT IN (SELECT form_id FROM intermediate.int_form_versions)
                """)
        else:
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
        for statement in scope.snapshot_statements(validated, code_fingerprint):
            connection.execute(statement)
        connection.execute("COMMIT")


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def findings_by_severity(build_db: Path) -> dict[str, int]:
    with duckdb.connect(str(build_db), read_only=True) as connection:
        return dict(connection.execute(
            "SELECT severity, count(*) FROM quality.rule_findings GROUP BY severity").fetchall())
