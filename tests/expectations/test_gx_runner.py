"""run_rule_suites: releases the DuckDB file, writes Data Docs, reports what could not run."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from intermediate_fixture import Indicator, base_form, seed_forms, write_database

from expectations import runner
from expectations.rule import RuleCheck, Suite
from expectations.runner import (
    RESULT_KEYS,
    all_rule_ids,
    expectation_catalogue,
    run_rule_suites,
)
from expectations.suites import SUITES
from expectations.suites.funds import R_FUND_04

MAIN = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    directory = tmp_path_factory.mktemp("runner")
    path = write_database(directory / "build.duckdb", [base_form("base")] + seed_forms())
    docs = directory / "data_docs"
    timings = []
    for data_docs_dir in (docs, None):  # with and without Data Docs
        started = time.perf_counter()
        outcome = run_rule_suites(path, data_docs_dir=data_docs_dir)
        timings.append(time.perf_counter() - started)
    print(
        f"\nrun_rule_suites on 6 forms: {timings[0]:.2f} s with Data Docs, "
        f"{timings[1]:.2f} s without"
    )
    return path, docs, outcome


def test_file_opens_read_write_in_the_same_process_after_the_run(seeded):
    path, _, _ = seeded
    connection = duckdb.connect(str(path))
    try:
        connection.execute("CREATE OR REPLACE TABLE main.after_validation AS SELECT 1 AS x")
        assert connection.execute("SELECT count(*) FROM main.after_validation").fetchone() == (1,)
        connection.execute("DROP TABLE main.after_validation")
    finally:
        connection.close()


def test_data_docs_index_is_written(tmp_path):
    path = write_database(tmp_path / "build.duckdb", [base_form("base")])
    docs = tmp_path / "reports" / "data_docs"
    outcome = run_rule_suites(path, data_docs_dir=docs)
    assert outcome.data_docs_error is None
    assert outcome.data_docs_index == docs.resolve() / "index.html"
    index = (docs / "index.html").read_text("utf-8")
    assert "parse" in index and "indicators" in index
    assert list((docs / "validations").rglob("*.html"))
    duckdb.connect(str(path)).close()  # released after building the docs too


def test_results_cover_every_expectation(seeded):
    _, _, outcome = seeded
    assert [tuple(r) for r in outcome.results] == [RESULT_KEYS] * len(outcome.results)
    assert len(outcome.results) == sum(len(s.checks) for s in SUITES)
    assert outcome.ran_cleanly
    failed = {r["expectation"] for r in outcome.results if not r["success"]}
    assert failed == {f["expectation"] for f in outcome.findings}


def test_broken_expectation_is_an_error_and_does_not_stop_the_others(tmp_path):
    form = base_form("over_budget")
    form.fund("total").executed = 105
    path = write_database(tmp_path / "build.duckdb", [form])
    broken = RuleCheck(
        rule_id="R-FUND-04",
        severity="warning",
        name="broken_on_purpose",
        description="reads a column that does not exist",
        message_zh="{subject}",
        sql="SELECT f.no_such_column FROM {batch} AS f JOIN intermediate.int_form_versions v "
        "ON v.form_id = f.form_id",
    )
    suite = Suite(name="funds_with_a_broken_check", table="int_fund_execution", checks=(broken, R_FUND_04))
    outcome = run_rule_suites(path, suites=[suite])
    by_name = {r["expectation"]: r for r in outcome.results}
    assert by_name["broken_on_purpose"]["success"] is False
    assert "no_such_column" in by_name["broken_on_purpose"]["error"]
    assert by_name[R_FUND_04.name]["error"] is None
    assert by_name[R_FUND_04.name]["unexpected_count"] == 1
    assert [f["rule_id"] for f in outcome.findings] == ["R-FUND-04"]
    assert not outcome.ran_cleanly


def test_missing_model_is_reported_not_passed(tmp_path):
    path = write_database(tmp_path / "build.duckdb", [base_form("base")])
    with duckdb.connect(str(path)) as connection:
        connection.execute("DROP TABLE intermediate.int_fund_balance")
    outcome = run_rule_suites(path)
    errors = {r["expectation"] for r in outcome.errors}
    assert errors == {"funds_total_equals_sources"}


def test_missing_database_is_reported_not_raised(tmp_path):
    outcome = run_rule_suites(tmp_path / "absent.duckdb")
    assert outcome.findings == []
    assert len(outcome.errors) == len(outcome.results) > 0
    assert all(r["success"] is False for r in outcome.results)


def test_more_than_200_failing_rows_are_all_returned(tmp_path, monkeypatch):
    # GX returns at most 200 unexpected rows; every one of them is a finding. The rest are
    # fetched in batches and spooled to Parquet (3 batches of at most 100 here).
    monkeypatch.setattr(runner, "FETCH_BATCH_ROWS", 100)
    form = base_form("many")
    form.indicators = [
        Indicator("产出指标", "数量指标", f"指标{n}", ">=10", "9", "0.2", "0.18") for n in range(250)
    ]
    path = write_database(tmp_path / "build.duckdb", [form])
    indicators = next(s for s in SUITES if s.name == "indicators")
    lost_points = Suite("indicators_only", indicators.table, (indicators.check_named("lost_points_explained"),))
    spool = tmp_path / "spool" / "findings.parquet"
    outcome = run_rule_suites(path, suites=[lost_points], findings_path=spool, memory_limit="256MB")
    assert outcome.ran_cleanly
    assert outcome.results[0]["unexpected_count"] == 250
    assert outcome.finding_counts == {("R-IND-07", "warning"): 250}
    assert outcome.findings_file == spool
    with duckdb.connect() as connection:
        rows, subjects = connection.execute(
            f"SELECT count(*), count(DISTINCT subject) FROM read_parquet('{spool}')").fetchone()
    assert (rows, subjects) == (250, 250)
    assert len(outcome.findings) == 250


def test_memory_limit_reaches_the_validation_connection(tmp_path):
    import sqlalchemy as sa

    path = write_database(tmp_path / "build.duckdb", [base_form("base")])
    engine = sa.create_engine(runner._read_only_url(path, "300MB"))
    with engine.connect() as connection:
        limit = connection.execute(sa.text("SELECT current_setting('memory_limit')")).scalar()
    engine.dispose()
    assert limit.replace(" ", "") in {"286.1MiB", "300.0MB", "300MB"}, limit


def test_catalogue_lists_every_expectation_with_its_rule():
    catalogue = expectation_catalogue()
    assert len(catalogue) == sum(len(s.checks) for s in SUITES)
    assert {row["rule_id"] for row in catalogue} == set(all_rule_ids())
    for row in catalogue:
        assert set(row) == {"suite", "expectation", "rule_id", "severity", "description"}
        assert row["severity"] in ("error", "warning", "info") and row["description"]
    assert len({row["expectation"] for row in catalogue}) == len(catalogue)


def test_catalogue_does_not_import_great_expectations():
    code = (
        "import sys; from expectations.runner import all_rule_ids, expectation_catalogue; "
        "all_rule_ids(); expectation_catalogue(); "
        "assert 'great_expectations' not in sys.modules, 'GX imported'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=MAIN, check=True, timeout=60)


def test_every_expectation_carries_rule_meta():
    for suite in SUITES:
        for check in suite.checks:
            expectation = check.to_gx()
            assert expectation.meta["rule_id"] == check.rule_id
            assert expectation.meta["severity"] == check.severity
            assert expectation.meta["message_zh"] == check.message_zh
            assert "{batch}" in expectation.unexpected_rows_query


def test_every_rule_reads_current_forms_only():
    for suite in SUITES:
        for check in suite.checks:
            assert "cur.is_current" in check.sql or "v.is_current" in check.sql, check.name


def test_rule_check_rejects_a_query_gx_would_alias_itself():
    with pytest.raises(ValueError, match="JOIN"):
        RuleCheck("R-FUND-04", "warning", "x", "d", "m", "SELECT * FROM {batch} AS f")
    with pytest.raises(ValueError, match="severity"):
        RuleCheck("R-FUND-04", "fatal", "x", "d", "m", "SELECT * FROM {batch} AS f JOIN t")


def test_query_without_the_finding_columns_is_an_error(tmp_path):
    form = base_form("over_budget")
    form.fund("total").executed = 105
    path = write_database(tmp_path / "build.duckdb", [form])
    no_subject = RuleCheck(
        rule_id="R-FUND-04",
        severity="warning",
        name="forgets_columns",
        description="returns form_id only",
        message_zh="x",
        sql="SELECT f.form_id FROM {batch} AS f JOIN intermediate.int_form_versions v "
        "ON v.form_id = f.form_id WHERE f.executed > f.annual_budget AND f.is_total_row",
    )
    outcome = run_rule_suites(path, suites=[Suite("funds_columns", "int_fund_execution", (no_subject,))])
    assert "subject" in outcome.results[0]["error"]
    assert outcome.findings == []
