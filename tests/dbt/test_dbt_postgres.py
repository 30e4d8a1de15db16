"""The same dbt project on PostgreSQL (`dbt build --target postgres`), on the seed raw layer.

The raw.* and quality.rule_findings tables are created in the local server (127.0.0.1:5432, user
postgres, database test) from the fixture the DuckDB tests use, under schemas of this test's own
(`jixiao_dbt_t<pid>_raw`, `..._staging`, ...: `--vars jixiao_schema_prefix`), so parallel runs and
other tests never share a table. The pre-check and post-check builds run with their data and unit
tests, and the results must equal the DuckDB build of the same rows.
"""

from __future__ import annotations

import json
import os
import re
from decimal import Decimal
from pathlib import Path

import duckdb
import psycopg
import pytest

from orchestration.ingest.raw_schema import RAW_DDL
from orchestration.quality.findings_table import FINDINGS_DDL
from tests.dbt.raw_fixture import raw_rows, write_raw_fixture
from tests.dbt.test_dbt_build import run_dbt

DSN = "postgresql://postgres@127.0.0.1:5432/test"
PREFIX = f"jixiao_dbt_t{os.getpid()}_"
OWN_SCHEMAS = re.compile(r"^jixiao_dbt_t(\d+)_")
SCORE_EPSILON = Decimal("0.0001")


def _schemas_of_prefix(connection, prefix: str) -> list[str]:
    return [row[0] for row in connection.execute(
        "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE %s", [prefix + "%"])]


def _drop_schemas(connection, prefix: str) -> None:
    for schema in _schemas_of_prefix(connection, prefix):
        connection.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def _drop_leftovers(connection) -> None:
    """Schemas of earlier runs of this test whose process is gone (a killed run cannot clean up)."""
    for schema in _schemas_of_prefix(connection, "jixiao_dbt_t"):
        match = OWN_SCHEMAS.match(schema)
        if match and not Path(f"/proc/{match.group(1)}").exists():
            connection.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def _prefixed(ddl: str, schema: str) -> str:
    return (ddl.replace(f"CREATE SCHEMA IF NOT EXISTS {schema};", f"CREATE SCHEMA IF NOT EXISTS {PREFIX}{schema};")
               .replace(f"TABLE IF NOT EXISTS {schema}.", f"TABLE IF NOT EXISTS {PREFIX}{schema}.")
               .replace(f"ALTER TABLE {schema}.", f"ALTER TABLE {PREFIX}{schema}."))


def _write_raw_layer(connection) -> None:
    connection.execute(_prefixed(RAW_DDL, "raw"))
    connection.execute(_prefixed(FINDINGS_DDL, "quality"))
    for table, rows in raw_rows().items():
        if not rows:
            continue
        columns = list(rows[0])
        with connection.cursor() as cursor:
            with cursor.copy(f"COPY {PREFIX}raw.{table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([row[column] for column in columns])


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    with psycopg.connect(DSN, autocommit=True) as connection:
        _drop_leftovers(connection)
        _drop_schemas(connection, PREFIX)
        _write_raw_layer(connection)
    work = tmp_path_factory.mktemp("dbt_postgres")
    variables = ["--vars", json.dumps({"jixiao_schema_prefix": PREFIX})]
    try:
        pre = run_dbt(work, work / "unused.duckdb", "build", "--target", "postgres", "--select", "tag:pre_check",
                      *variables)
        post = run_dbt(work, work / "unused.duckdb", "build", "--target", "postgres", "--select",
                       "tag:post_check", *variables)
        duck_work = tmp_path_factory.mktemp("dbt_duckdb_twin")
        duck_db = write_raw_fixture(duck_work / "build.duckdb")
        run_dbt(duck_work, duck_db, "build", "--select", "tag:pre_check", "--exclude", "test_type:unit")
        run_dbt(duck_work, duck_db, "build", "--select", "tag:post_check")
        yield {"pre": pre, "post": post, "duckdb": duck_db}
    finally:
        with psycopg.connect(DSN, autocommit=True) as connection:
            _drop_schemas(connection, PREFIX)


def _pg(sql: str) -> list[tuple]:
    with psycopg.connect(DSN) as connection:
        return connection.execute(sql.replace("{p}", PREFIX)).fetchall()


def _duck(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as connection:
        return connection.execute(sql.replace("{p}", "")).fetchall()


def _close(left, right) -> bool:
    if isinstance(left, Decimal) or isinstance(right, Decimal):
        return left is not None and right is not None and abs(Decimal(left) - Decimal(right)) <= SCORE_EPSILON
    return left == right


def _same(rows_pg: list[tuple], rows_duck: list[tuple]) -> None:
    assert len(rows_pg) == len(rows_duck) > 0
    for pg_row, duck_row in zip(rows_pg, rows_duck):
        assert all(_close(a, b) for a, b in zip(pg_row, duck_row)), (pg_row, duck_row)


def test_both_builds_pass_with_their_tests(builds):
    for phase in ("pre", "post"):
        output = builds[phase].stdout
        assert "target='postgres'" in output
        assert "Completed successfully" in output and re.search(r"ERROR=0 SKIP=0", output), output[-3000:]
    assert re.search(r"PASS=\d+ WARN=0 ERROR=0", builds["pre"].stdout)


def test_tables_are_in_the_test_schemas_only(builds):
    schemas = {row[0] for row in _pg(
        "SELECT table_schema FROM information_schema.tables WHERE table_schema LIKE '{p}%'")}
    assert schemas == {f"{PREFIX}{name}" for name in ("raw", "quality", "staging", "intermediate", "marts",
                                                      "reports")}


def test_form_scores_equal_the_duckdb_build(builds):
    sql = """select form_index, total_score, computed_total_score, total_gap, derived_grade, funds_score,
                    project_key, unit_key, department_key, fully_met_indicator_count
             from {p}marts.fct_form_score order by form_index"""
    _same(_pg(sql), _duck(builds["duckdb"], sql))


def test_indicator_scoring_equals_the_duckdb_build(builds):
    sql = """select form_id, row_index, effective_operator, direction, target_met, achievement_ratio,
                    expected_score, expected_score_alt, score_tolerance, score_gap, is_cost_indicator, level2_allowed
             from {p}intermediate.int_indicator_scoring order by form_id, row_index"""
    _same(_pg(sql), _duck(builds["duckdb"], sql))


def test_fund_rules_and_trend_equal_the_duckdb_build(builds):
    for sql in (
        """select form_id, row_index, recomputed_execution_rate, rate_gap_pp, expected_score, score_gap
           from {p}intermediate.int_fund_execution order by form_id, row_index""",
        """select form_id, amount_column, total_amount, sources_sum, gap
           from {p}intermediate.int_fund_balance order by form_id, amount_column""",
        """select report_year, form_count, total_budget_wan_yuan, total_executed_wan_yuan, mean_total_score,
                  fully_met_share from {p}reports.rpt_department_year_trend order by report_year""",
    ):
        _same(_pg(sql), _duck(builds["duckdb"], sql))
