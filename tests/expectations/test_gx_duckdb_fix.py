"""The GX-on-DuckDB workaround (expectations/duckdb_fix.py) still fits the installed GX.

These tests fail when GX moves or drops the persisted-connection mechanism the fix relies on,
and when GX starts giving right answers on DuckDB without the fix (then remove the fix).
"""

from __future__ import annotations

import inspect
import os

import duckdb
import pytest

from expectations import duckdb_fix

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
gx = pytest.importorskip("great_expectations")
from great_expectations.execution_engine import sqlalchemy_execution_engine as engine_module  # noqa: E402

ROWS = 1000
ZERO_K_ROWS = 334  # range(1000) with id % 3 = 0


@pytest.fixture(scope="module")
def duckdb_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("fix") / "numbers.duckdb"
    connection = duckdb.connect(str(path))
    # main schema: GX's column-type metric ignores schema_name on DuckDB (not needed by the
    # rule suites, which only use UnexpectedRowsExpectation).
    connection.execute(
        f"CREATE TABLE numbers AS "
        f"SELECT range AS id, range % 3 AS k, CASE WHEN range < 10 THEN NULL ELSE range END AS v "
        f"FROM range({ROWS})"
    )
    connection.close()
    return path


def validate_through_gx(path):
    """Row count, null count and unexpected-row count of the table, as GX computes them."""
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    datasource = context.data_sources.add_sql(name="db", connection_string=f"duckdb:///{path}")
    try:
        asset = datasource.add_table_asset(name="numbers", table_name="numbers")
        batch = asset.add_batch_definition_whole_table("all").get_batch()
        row_count = batch.validate(gx.expectations.ExpectTableRowCountToEqual(value=ROWS))
        not_null = batch.validate(
            gx.expectations.ExpectColumnValuesToNotBeNull(column="v"), result_format="COMPLETE"
        )
        unexpected = batch.validate(
            gx.expectations.UnexpectedRowsExpectation(
                unexpected_rows_query="SELECT id FROM {batch} WHERE k = 0"
            ),
            result_format="COMPLETE",
        )
        return {
            "row_count": row_count.result.get("observed_value"),
            "null_count": not_null.result.get("unexpected_count"),
            "unexpected_rows": unexpected.result.get("observed_value"),
            "raised": any(
                r.exception_info and _raised(r.exception_info) for r in (row_count, not_null, unexpected)
            ),
        }
    finally:
        duckdb_fix.release(datasource)


def _raised(info):
    if info.get("raised_exception"):
        return True
    return any(isinstance(v, dict) and v.get("raised_exception") for v in info.values())


def test_gx_still_has_the_persisted_connection_mechanism():
    dialects = engine_module._PERSISTED_CONNECTION_DIALECTS
    assert isinstance(dialects, tuple)
    # GX reads the tuple when it builds the engine and when it hands out connections.
    assert "_PERSISTED_CONNECTION_DIALECTS" in inspect.getsource(
        engine_module._dialect_requires_persisted_connection
    )
    assert "_PERSISTED_CONNECTION_DIALECTS" in inspect.getsource(
        engine_module.SqlAlchemyExecutionEngine.get_connection
    )
    assert hasattr(engine_module.SqlAlchemyExecutionEngine(connection_string="sqlite://"), "_connection")


def test_fix_is_idempotent():
    duckdb_fix.ensure_duckdb_persisted_connection()
    duckdb_fix.ensure_duckdb_persisted_connection()
    dialects = engine_module._PERSISTED_CONNECTION_DIALECTS
    assert sum(str(getattr(d, "value", d)) == "duckdb" for d in dialects) == 1
    assert duckdb_fix.duckdb_keeps_persisted_connection()
    assert engine_module._dialect_requires_persisted_connection(connection_string="duckdb:///x.db")


def test_counts_through_gx_on_duckdb_are_right(duckdb_file):
    duckdb_fix.ensure_duckdb_persisted_connection()
    counts = validate_through_gx(duckdb_file)
    assert counts == {"row_count": ROWS, "null_count": 10, "unexpected_rows": ZERO_K_ROWS, "raised": False}
    duckdb.connect(str(duckdb_file)).close()  # released: the file opens read-write again


def test_gx_still_needs_the_fix(duckdb_file, monkeypatch):
    without_duckdb = tuple(
        d for d in engine_module._PERSISTED_CONNECTION_DIALECTS if str(getattr(d, "value", d)) != "duckdb"
    )
    monkeypatch.setattr(engine_module, "_PERSISTED_CONNECTION_DIALECTS", without_duckdb)
    counts = validate_through_gx(duckdb_file)
    right = {"row_count": ROWS, "null_count": 10, "unexpected_rows": ZERO_K_ROWS, "raised": False}
    if counts == right:
        pytest.fail(
            "GX now gives right answers on DuckDB without the persisted-connection fix "
            "(upstream #10738 / #11579 fixed?): remove expectations/duckdb_fix.py's workaround"
        )


def test_failed_statement_does_not_poison_the_next_one(duckdb_file):
    import sqlalchemy as sa

    duckdb_fix.ensure_duckdb_persisted_connection()
    from great_expectations.execution_engine import SqlAlchemyExecutionEngine

    engine = SqlAlchemyExecutionEngine(connection_string=f"duckdb:///{duckdb_file}")
    duckdb_fix.rollback_after_failed_statement(engine.engine)
    duckdb_fix.rollback_after_failed_statement(engine.engine)  # idempotent
    try:
        with pytest.raises(sa.exc.DBAPIError):
            engine.execute_query(sa.text("SELECT * FROM no_such_table"))
        count = engine.execute_query(sa.text("SELECT count(*) FROM numbers")).scalar()
        assert count == ROWS
    finally:
        if engine._connection is not None:
            engine._connection.close()
        engine.engine.dispose()
