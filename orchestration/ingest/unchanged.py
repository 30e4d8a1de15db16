"""When a load brings nothing new, is the published warehouse already what a full rebuild would give?

It is when all of these hold:
- no new file arrived (not even an unreadable one);
- the published file exists;
- every received file and every form row was landed by a load that finished successfully (a load
  or a year backfill that failed after landing left rows that were never checked or published);
- the latest successful load ran the same models, rules and publication code as this one (its
  code fingerprint, recorded in raw.landings, equals this code's).

Then the landing asset skips the rest of the job (dbt, checks, publication): a no-op reload costs
one read and one sha256 per file instead of a full rebuild.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

import duckdb

from orchestration.home import HomeLayout

REPOSITORY = Path(__file__).resolve().parents[2]
# What the dbt models compute: a change here invalidates the incremental models' rows.
DBT_FINGERPRINTED = (
    ("dbt_project", ("models", "macros", "seeds", "tests", "dbt_project.yml")),
)
# What a form's findings depend on besides its rows: the models and the rule suites.
RULES_FINGERPRINTED = DBT_FINGERPRINTED + (
    ("expectations", ("",)),
    ("orchestration", ("quality",)),
)
# What decides the published state besides the raw rows: models, rule suites, publication, reports.
FINGERPRINTED = RULES_FINGERPRINTED + (
    ("orchestration", ("publish", "reports", "dbt")),
)
FINGERPRINT_SUFFIXES = {".sql", ".yml", ".yaml", ".csv", ".py", ".md", ".html", ".css", ".js", ".json"}

LANDINGS_DDL = """
CREATE TABLE IF NOT EXISTS raw.landings (
    load_id VARCHAR PRIMARY KEY, landed_at TIMESTAMP, files_seen INTEGER, files_new INTEGER,
    forms_landed INTEGER, code_fingerprint VARCHAR
);
ALTER TABLE raw.landings ADD COLUMN IF NOT EXISTS dbt_fingerprint VARCHAR;
"""


@lru_cache(maxsize=2)
def _fingerprint(groups: tuple) -> str:
    digest = hashlib.sha256()
    for top, parts in groups:
        for part in parts:
            root = REPOSITORY / top / part if part else REPOSITORY / top
            files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
            for path in files:
                relative = path.relative_to(REPOSITORY)
                if path.suffix not in FINGERPRINT_SUFFIXES or any(
                        piece in ("target", "logs", "__pycache__") for piece in relative.parts):
                    continue
                digest.update(str(relative).encode())
                digest.update(b"\0")
                digest.update(path.read_bytes())
                digest.update(b"\0")
    return digest.hexdigest()


def code_fingerprint() -> str:
    """Models, rule suites, quality/publish/reports/dbt code: what a no-op reload must not have changed."""
    return _fingerprint(FINGERPRINTED)


def rules_fingerprint() -> str:
    """Models and rule suites: what the findings of a form validated before depend on (quality/scope.py)."""
    return _fingerprint(RULES_FINGERPRINTED)


def dbt_fingerprint() -> str:
    """The dbt project alone: what the incremental models' rows depend on."""
    return _fingerprint(DBT_FINGERPRINTED)


def record_landing(layout: HomeLayout, load_id: str, files_seen: int, files_new: int, forms_landed: int) -> None:
    with duckdb.connect(str(layout.build_db)) as connection:
        connection.execute(LANDINGS_DDL)
        connection.execute(
            "INSERT INTO raw.landings (load_id, landed_at, files_seen, files_new, forms_landed, code_fingerprint, "
            "dbt_fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (load_id) DO NOTHING",
            [load_id, datetime.now(timezone.utc).replace(tzinfo=None), files_seen, files_new, forms_landed,
             code_fingerprint(), dbt_fingerprint()])


def published_state_is_current(layout: HomeLayout, load_id: str) -> bool:
    """True when nothing landed by `load_id` and a rebuild would publish what is published now."""
    if not layout.published_db.exists():
        return False
    with duckdb.connect(str(layout.build_db), read_only=True) as connection:
        tables = {row[0] for row in connection.execute(
            "SELECT schema_name || '.' || table_name FROM duckdb_tables()").fetchall()}
        if not {"ops.load_runs", "raw.landings", "raw.received_files"} <= tables:
            return False
        unpublished = connection.execute(
            """
            SELECT count(*) FROM (SELECT load_id FROM raw.received_files
                                  UNION SELECT load_id FROM raw.forms) AS landed
            LEFT JOIN ops.load_runs AS runs USING (load_id)
            WHERE runs.outcome IS DISTINCT FROM 'success'
            """).fetchone()[0]
        if unpublished:
            return False
    return code_matches_last_success(layout, load_id)


def code_matches_last_success(layout: HomeLayout, load_id: str, dbt_only: bool = False) -> bool:
    """True when the latest successful load (other than `load_id`) ran this code (`dbt_only`: this dbt
    project). The incremental models may then keep their rows; otherwise they are rebuilt
    (`dbt build --full-refresh`)."""
    if not layout.build_db.exists():
        return False
    column, current = ("dbt_fingerprint", dbt_fingerprint()) if dbt_only else ("code_fingerprint", code_fingerprint())
    with duckdb.connect(str(layout.build_db), read_only=True) as connection:
        columns = {row[0] for row in connection.execute(
            "SELECT schema_name || '.' || table_name || '.' || column_name FROM duckdb_columns()").fetchall()}
        if not {"ops.load_runs.load_id", f"raw.landings.{column}"} <= columns:
            return False
        latest = connection.execute(
            f"""
            SELECT landings.{column}
            FROM ops.load_runs AS runs LEFT JOIN raw.landings AS landings USING (load_id)
            WHERE runs.outcome = 'success' AND runs.load_id <> ?
            ORDER BY runs.finished_at DESC NULLS LAST LIMIT 1
            """, [load_id]).fetchone()
    return latest is not None and latest[0] == current
