"""Read the published warehouse (read-only). Never touches the build database."""

from __future__ import annotations

from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import duckdb


class NothingPublished(FileNotFoundError):
    pass


@contextmanager
def open_published(published_db: Path):
    if not Path(published_db).exists():
        raise NothingPublished(f"{published_db}: nothing has been published yet (run `jixiao load` first)")
    connection = duckdb.connect(str(published_db), read_only=True)
    try:
        yield connection
    finally:
        connection.close()


def _records(connection, sql: str, parameters=()) -> list[dict]:
    cursor = connection.execute(sql, parameters)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def findings(published_db: Path) -> list[dict]:
    with open_published(published_db) as connection:
        return _records(connection, """
            SELECT source_file, form_index, report_year, project_name, implementing_unit, rule_id, severity,
                   subject, reported, expected, message, line, form_id
            FROM audit_findings
            ORDER BY source_file, form_index NULLS FIRST, line, rule_id, subject
        """)


def summary_counts(published_db: Path) -> dict:
    with open_published(published_db) as connection:
        statuses = Counter(dict(connection.execute(
            "SELECT status, count(*) FROM audit_form_status GROUP BY status").fetchall()))
        severities = dict(connection.execute(
            "SELECT severity, count(*) FROM audit_findings GROUP BY severity").fetchall())
        files = dict(connection.execute(
            "SELECT status, count(*) FROM audit_received_files GROUP BY status").fetchall())
        years = [row[0] for row in connection.execute(
            "SELECT DISTINCT report_year FROM fct_form_score ORDER BY 1").fetchall()]
        load = connection.execute("SELECT load_id, published_at FROM load_info").fetchone()
    return {
        "published": statuses.get("published", 0),
        "quarantined": statuses.get("quarantined", 0),
        "superseded": statuses.get("superseded", 0),
        "findings": {level: severities.get(level, 0) for level in ("error", "warning", "info")},
        "files": {"received": sum(files.values()), "parsed": files.get("parsed", 0),
                  "failed": files.get("failed", 0)},
        "years": years,
        "published_load_id": load[0] if load else None,
        "published_at": load[1].isoformat(timespec="seconds") if load and load[1] else None,
    }


def published_load_id(published_db: Path) -> str | None:
    """The load that made the current published file (its `load_info`), or None without one."""
    if not published_db.exists():
        return None
    try:
        with duckdb.connect(str(published_db), read_only=True) as connection:
            rows = connection.execute("SELECT load_id FROM main.load_info").fetchall()
    except duckdb.Error:
        return None
    return rows[0][0] if rows else None
