"""One row per load in ops.load_runs (build database), copied into the published file.

The landing step opens the row, publishing closes it as a success, and a failure is written by
whoever sees it (the CLI after an in-process run, the run-failure sensor for daemon runs).
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import duckdb

LOAD_RUNS_DDL = """
CREATE SCHEMA IF NOT EXISTS ops;
CREATE TABLE IF NOT EXISTS ops.load_runs (
    load_id VARCHAR PRIMARY KEY, trigger VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP,
    outcome VARCHAR, error VARCHAR, files_received INTEGER, files_unreadable INTEGER, forms_landed INTEGER,
    forms_published INTEGER, forms_quarantined INTEGER, forms_superseded INTEGER,
    findings_error INTEGER, findings_warning INTEGER, findings_info INTEGER
);
"""


def _utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def start(build_db: Path, load_id: str, trigger: str) -> None:
    with duckdb.connect(str(build_db)) as connection:
        connection.execute(LOAD_RUNS_DDL)
        connection.execute(
            "INSERT INTO ops.load_runs (load_id, trigger, started_at, outcome) VALUES (?, ?, ?, 'running') "
            "ON CONFLICT (load_id) DO NOTHING", [load_id, trigger, _utc_now()])


def finish_success(build_db: Path, load_id: str) -> None:
    """Counts come from the tables this load built, so the row agrees with what is published."""
    with duckdb.connect(str(build_db)) as connection:
        connection.execute(LOAD_RUNS_DDL)
        connection.execute(
            """
            UPDATE ops.load_runs SET
                finished_at = ?, outcome = 'success', error = NULL,
                files_received = (SELECT count(*) FROM raw.received_files WHERE load_id = ?),
                files_unreadable = (SELECT count(*) FROM raw.received_files WHERE load_id = ? AND status = 'failed'),
                forms_landed = (SELECT count(*) FROM raw.forms WHERE load_id = ?),
                forms_published = (SELECT count(*) FROM intermediate.int_form_status WHERE status = 'published'),
                forms_quarantined = (SELECT count(*) FROM intermediate.int_form_status WHERE status = 'quarantined'),
                forms_superseded = (SELECT count(*) FROM intermediate.int_form_status WHERE status = 'superseded'),
                findings_error = (SELECT count(*) FROM quality.rule_findings WHERE severity = 'error'),
                findings_warning = (SELECT count(*) FROM quality.rule_findings WHERE severity = 'warning'),
                findings_info = (SELECT count(*) FROM quality.rule_findings WHERE severity = 'info')
            WHERE load_id = ?
            """,
            [_utc_now(), load_id, load_id, load_id, load_id],
        )


def finish_failure(build_db: Path, load_id: str, error: str) -> None:
    with duckdb.connect(str(build_db)) as connection:
        connection.execute(LOAD_RUNS_DDL)
        connection.execute(
            "INSERT INTO ops.load_runs (load_id, started_at, outcome) VALUES (?, ?, 'failed') "
            "ON CONFLICT (load_id) DO NOTHING", [load_id, _utc_now()])
        connection.execute("UPDATE ops.load_runs SET finished_at = ?, outcome = 'failed', error = ? "
                           "WHERE load_id = ?", [_utc_now(), error[:2000], load_id])
