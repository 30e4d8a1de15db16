"""Make Great Expectations 1.x give correct results on DuckDB files.

Upstream bug (GX issues #10738 and #11579; no released native DuckDB engine): GX opens a
connection per query with `with engine.connect()` and fetches the cursor after leaving the
block. SQLAlchemy 2 then closes the connection (ROLLBACK) and DuckDB drops the unfetched
result, so expectations come back empty or raise `MetricResolutionError: list index out of
range`. GX already keeps one persisted connection for sqlite, SQL Server, BigQuery and
Databricks; the dialects are listed in
`great_expectations.execution_engine.sqlalchemy_execution_engine._PERSISTED_CONNECTION_DIALECTS`.
Adding "duckdb" to that tuple before the data source is created is the whole fix.

tests/expectations/test_gx_duckdb_fix.py fails when GX moves or drops that mechanism, and
when GX starts returning correct results without the fix (then delete this module).

Two consequences of one persisted connection are handled here as well:
- a failed statement leaves DuckDB's transaction aborted, so every later query of the run
  would fail too: `rollback_after_failed_statement` rolls the DuckDB connection back;
- the connection keeps the DuckDB file open for the life of the process: `release()`.
"""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)

DIALECT = "duckdb"


class _DialectName(str):
    """A dialect name usable in `_PERSISTED_CONNECTION_DIALECTS`.

    GX reads the tuple two ways: `connection_string.startswith(entry.value)` when it builds
    the engine, and `dialect_name in tuple` (a plain str) when it hands out connections.
    `GXSqlDialect` has no DuckDB member, so this str subclass offers both.
    """

    @property
    def value(self) -> str:
        return str(self)


def _engine_module():
    from great_expectations.execution_engine import sqlalchemy_execution_engine

    return sqlalchemy_execution_engine


def persisted_connection_dialects() -> tuple:
    return tuple(_engine_module()._PERSISTED_CONNECTION_DIALECTS)


def duckdb_keeps_persisted_connection() -> bool:
    return any(str(getattr(d, "value", d)) == DIALECT for d in persisted_connection_dialects())


def ensure_duckdb_persisted_connection() -> None:
    """Add duckdb to GX's persisted-connection dialects. Idempotent; call before add_sql()."""
    module = _engine_module()
    if not duckdb_keeps_persisted_connection():
        module._PERSISTED_CONNECTION_DIALECTS = (
            *module._PERSISTED_CONNECTION_DIALECTS,
            _DialectName(DIALECT),
        )


def _rollback_dbapi_connection(context: Any) -> None:
    connection = getattr(context, "connection", None)
    try:
        if connection is not None:
            connection.connection.dbapi_connection.rollback()
    except Exception:  # the original error is what matters; GX reports it
        logger.debug("rollback after failed statement did not succeed", exc_info=True)


def rollback_after_failed_statement(engine: Any) -> None:
    """After a failed query, roll the DuckDB connection back so the next query can run.

    GX only recovers from SQLAlchemy's PendingRollbackError; DuckDB instead raises
    "Current transaction is aborted" for every later statement on the shared connection, so
    one broken expectation would fail all the others. Rolling back the DB-API connection
    leaves DuckDB in autocommit mode; duckdb-engine ignores the later "no transaction" rollback.
    """
    import sqlalchemy as sa

    if not sa.event.contains(engine, "handle_error", _rollback_dbapi_connection):
        sa.event.listen(engine, "handle_error", _rollback_dbapi_connection)


def release(datasource: Any) -> None:
    """Close the DuckDB file GX holds: the persisted connection and both engines.

    `engine.dispose()` alone does not close the file (the execution engine keeps its own
    Connection); without this, the same process cannot reopen the file for writing.
    """
    execution_engine = getattr(datasource, "_execution_engine", None)
    if execution_engine is not None:
        connection = getattr(execution_engine, "_connection", None)
        if connection is not None:
            connection.close()
            execution_engine._connection = None
        execution_engine.engine.dispose()
    engine = getattr(datasource, "_engine", None)
    if engine is not None:
        engine.dispose()
