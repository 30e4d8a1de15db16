"""Which forms the rule suites validate in this load: all of them, or only those that changed.

A form's findings are a function of its own rows in the rule-input models and of its row in
`int_form_versions` (whether it is current, its previous version, its content digests). The rule
inputs are incremental by form: a form's rows are only written again when it is landed again (a new
`raw.forms.load_id`) or when the models' code changed. So after each validation the state that
findings depend on is kept as `quality.validated_form_versions` (the `int_form_versions` row plus the
raw load id), and the next load validates only the forms whose state is not in it: new forms, forms
landed again, forms that gained or lost a newer version. The other forms keep their findings; those
of forms that are gone are deleted (`findings_table.replace_findings`).

The snapshot also records the fingerprint of the code that validated it (models, rules:
`ingest/unchanged.py:rules_fingerprint`); under other code every form is out of date, and everything is validated
again, as it is when there is no snapshot yet (or it has other columns).

The suites read their anchor table through a view of the same name in schema `validation` that holds
only the scope's rows; the tables they join are read in full (`expectations/sql.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from orchestration.duckdb_memory import limit_memory

SNAPSHOT = "quality.validated_form_versions"
SCOPE_SCHEMA = "validation"
SCOPE_TABLE = f"{SCOPE_SCHEMA}.scope"
FULL_SCHEMA = "intermediate"

# The state a form's findings depend on (see the module docstring); {code} is a quoted fingerprint.
FORM_STATE_SQL = """
SELECT v.*, forms.load_id AS raw_load_id, CAST({code} AS VARCHAR) AS code_fingerprint
FROM intermediate.int_form_versions AS v
LEFT JOIN raw.forms AS forms USING (form_id)
"""


def _state_sql(code_fingerprint: str) -> str:
    return FORM_STATE_SQL.format(code="'" + code_fingerprint.replace("'", "''") + "'")


@dataclass(frozen=True)
class ValidationScope:
    anchor_schema: str  # where the suites read their anchor tables
    incremental: bool
    forms: int  # forms validated in this load
    reason: str  # why everything is validated, or "" when incremental

    @property
    def description(self) -> str:
        if self.incremental:
            return f"{self.forms} new or changed forms validated; the others keep their findings"
        return f"all {self.forms} forms validated ({self.reason})"


def prepare_scope(build_db: Path, anchor_tables: list[str], code_fingerprint: str) -> ValidationScope:
    """Write the scope and its anchor views into the build database (or, when every form is to be
    validated, nothing: the suites then read `intermediate` itself)."""
    state = _state_sql(code_fingerprint)
    with duckdb.connect(str(build_db)) as connection:
        limit_memory(connection)
        connection.execute(f"DROP SCHEMA IF EXISTS {SCOPE_SCHEMA} CASCADE")
        total = connection.execute("SELECT count(*) FROM intermediate.int_form_versions").fetchone()[0]
        reason = _snapshot_problem(connection, state, code_fingerprint)
        if reason:
            return ValidationScope(FULL_SCHEMA, incremental=False, forms=total, reason=reason)
        connection.execute("BEGIN TRANSACTION")
        connection.execute(f"CREATE SCHEMA {SCOPE_SCHEMA}")
        connection.execute(
            f"CREATE TABLE {SCOPE_TABLE} AS SELECT DISTINCT form_id FROM ({state} EXCEPT SELECT * FROM {SNAPSHOT})")
        for table in sorted(set(anchor_tables)):
            connection.execute(
                f"CREATE VIEW {SCOPE_SCHEMA}.{table} AS SELECT * FROM {FULL_SCHEMA}.{table} "
                f"WHERE form_id IN (SELECT form_id FROM {SCOPE_TABLE})")
        connection.execute("COMMIT")
        forms = connection.execute(f"SELECT count(*) FROM {SCOPE_TABLE}").fetchone()[0]
    return ValidationScope(SCOPE_SCHEMA, incremental=True, forms=forms, reason="")


def _snapshot_problem(connection: duckdb.DuckDBPyConnection, state: str, code_fingerprint: str) -> str | None:
    names = {row[0] for row in connection.execute(
        "SELECT table_schema || '.' || table_name FROM information_schema.tables").fetchall()}
    if SNAPSHOT not in names:
        return "no earlier validation"
    current = connection.execute(f"DESCRIBE {state}").fetchall()
    kept = connection.execute(f"DESCRIBE SELECT * FROM {SNAPSHOT}").fetchall()
    if [row[:2] for row in current] != [row[:2] for row in kept]:
        return "the form versions have other columns"
    codes = connection.execute(f"SELECT DISTINCT code_fingerprint FROM {SNAPSHOT}").fetchall()
    if codes and codes != [(code_fingerprint,)]:
        return "the models or rules changed"
    return None


def snapshot_statements(validated: bool, code_fingerprint: str) -> list[str]:
    """Run in the transaction that replaces the findings: record the state they were validated
    against, or (not every rule ran) forget it."""
    record = f"CREATE OR REPLACE TABLE {SNAPSHOT} AS {_state_sql(code_fingerprint)}" if validated else \
        f"DROP TABLE IF EXISTS {SNAPSHOT}"
    return [record, f"DROP SCHEMA IF EXISTS {SCOPE_SCHEMA} CASCADE"]
