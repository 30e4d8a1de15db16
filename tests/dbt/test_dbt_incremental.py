"""Incremental rule inputs and marts give the same tables as a full build (dbt_project/macros/incremental.sql).

Home A: the seed is built (pre- and post-check), then a newer file arrives together with findings on
older forms, and everything is built again incrementally (only new or changed forms are computed), then
once more with nothing new. The newer file supersedes form 2 and adds a later year of project 1; an error
quarantines form 3 and a warning changes form 4's warning count: forms leave, enter and change in the marts.
Home B: both files and the findings are there from the start, built once. Every table must hold the same rows.
"""

from __future__ import annotations

import copy
import hashlib
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from tests.dbt.raw_fixture import append_raw_rows, insert_rows, raw_rows, seed_forms, write_raw_fixture
from tests.dbt.test_dbt_build import run_dbt, seed_form_id

NEWER_FILE_HASH = hashlib.sha256(b"jixiao dbt raw fixture: incremental newer file").hexdigest()
INCREMENTAL_MODELS = ("int_fund_execution", "int_fund_balance", "int_indicator_scoring", "int_level1_weights",
                      "int_form_totals", "int_numeric_cells")
PRE_CHECK_TABLES = INCREMENTAL_MODELS + ("int_form_versions", "int_form_version_changes")
INCREMENTAL_MARTS = ("fct_indicator_result", "fct_fund_execution", "fct_form_score")


def _newer_file() -> dict:
    forms = seed_forms()
    changed = copy.deepcopy(forms[1])  # form 2 again with a lower score: a new version of it
    changed["indicators"][0]["score"] = 14.0
    changed["total_score"] = 99.0
    next_year = copy.deepcopy(forms[0])
    next_year["project_name"] = "2021年度事业单位公开招聘工作相关经费"
    next_year["report_year"] = 2022
    return raw_rows([changed, next_year], file_hash=NEWER_FILE_HASH, file_name="001_newer.txt",
                    received_at=datetime(2026, 11, 2, 2), load_id="fixture-load-2")


def _pre_check(work: Path, db: Path):
    return run_dbt(work, db, "build", "--select", "tag:pre_check", "--exclude", "test_type:unit")


def _post_check(work: Path, db: Path):
    return run_dbt(work, db, "build", "--select", "tag:post_check", "--exclude", "test_type:unit")


def _findings_on_older_forms(connection) -> None:
    finding = {"finding_id": "f-error", "load_id": "fixture-load-2", "form_id": seed_form_id(2),
               "rule_id": "R-TOT-01", "severity": "error", "subject": "总分"}
    warning = {**finding, "finding_id": "f-warning", "form_id": seed_form_id(3), "rule_id": "R-IND-04",
               "severity": "warning", "subject": "工作运行成本（万元）"}
    insert_rows(connection, "quality.rule_findings", [finding, warning])


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict:
    incremental = tmp_path_factory.mktemp("dbt_incremental")
    db_a = write_raw_fixture(incremental / "build.duckdb")
    _pre_check(incremental, db_a)
    _post_check(incremental, db_a)
    marts_after_first = _mart_counts(db_a)
    with duckdb.connect(str(db_a)) as connection:
        append_raw_rows(connection, _newer_file())
        _findings_on_older_forms(connection)
    second = _pre_check(incremental, db_a)
    second_post = _post_check(incremental, db_a)
    compiled = (incremental / "target" / "compiled" / "jixiao" / "models" / "intermediate" / "rule_inputs"
                / "int_numeric_cells.sql").read_text(encoding="utf-8")
    counts_after_second = {**_counts(db_a), **_mart_counts(db_a)}
    _pre_check(incremental, db_a)  # nothing new: nothing may change
    _post_check(incremental, db_a)

    full = tmp_path_factory.mktemp("dbt_full")
    db_b = write_raw_fixture(full / "build.duckdb")
    with duckdb.connect(str(db_b)) as connection:
        append_raw_rows(connection, _newer_file())
        _findings_on_older_forms(connection)
    _pre_check(full, db_b)
    _post_check(full, db_b)
    return {"incremental": db_a, "full": db_b, "second_log": second.stdout, "compiled": compiled,
            "counts_after_second": counts_after_second, "second_post_log": second_post.stdout,
            "marts_after_first": marts_after_first}


def _mart_counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as connection:
        return {table: connection.execute(f"select count(*) from marts.{table}").fetchone()[0]
                for table in INCREMENTAL_MARTS}


def _counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as connection:
        return {table: connection.execute(f"select count(*) from intermediate.{table}").fetchone()[0]
                for table in PRE_CHECK_TABLES}


def test_second_build_was_incremental(builds):
    assert "incremental model intermediate.int_numeric_cells" in builds["second_log"]
    assert "not in (select form_id from" in builds["compiled"]


def test_incremental_tables_equal_a_full_build(builds):
    with duckdb.connect(str(builds["incremental"]), read_only=True) as connection:
        connection.execute(f"attach '{builds['full']}' as full_build (read_only)")
        for table in PRE_CHECK_TABLES:
            ours = connection.execute(f"select count(*) from intermediate.{table}").fetchone()[0]
            theirs = connection.execute(f"select count(*) from full_build.intermediate.{table}").fetchone()[0]
            assert ours == theirs, table
            for left, right in (("", "full_build."), ("full_build.", "")):
                differing = connection.execute(
                    f"select count(*) from (select * from {left}intermediate.{table} "
                    f"except all select * from {right}intermediate.{table})").fetchone()[0]
                assert differing == 0, f"{table}: {differing} rows of {left or 'incremental'} not in the other"
    assert _counts(builds["incremental"])["int_form_totals"] == 7  # 5 seed forms + 2 newer


def test_a_build_with_nothing_new_changes_nothing(builds):
    assert {**_counts(builds["incremental"]), **_mart_counts(builds["incremental"])} == builds["counts_after_second"]


def test_second_post_check_build_was_incremental(builds):
    for table in INCREMENTAL_MARTS:
        assert f"incremental model marts.{table}" in builds["second_post_log"], table


def test_incremental_marts_equal_a_full_build(builds):
    with duckdb.connect(str(builds["incremental"]), read_only=True) as connection:
        connection.execute(f"attach '{builds['full']}' as full_build (read_only)")
        for table in INCREMENTAL_MARTS:
            for left, right in (("", "full_build."), ("full_build.", "")):
                differing = connection.execute(
                    f"select count(*) from (select * from {left}marts.{table} "
                    f"except all select * from {right}marts.{table})").fetchone()[0]
                assert differing == 0, f"{table}: {differing} rows of {left or 'incremental'} not in the other"
        published = connection.execute("select list(form_id order by form_id) from marts.fct_form_score").fetchone()[0]
        warnings = dict(connection.execute("select form_id, warning_count from marts.fct_form_score").fetchall())
    assert seed_form_id(2) not in published, "quarantined by the new error"
    assert seed_form_id(1) not in published, "superseded by the newer file's version"
    assert len(published) == 5  # forms 1, 4, 5 of the seed + the two forms of the newer file
    assert builds["marts_after_first"]["fct_form_score"] == 5
    assert warnings[seed_form_id(3)] >= 1, "the new warning reached the older form's row"
