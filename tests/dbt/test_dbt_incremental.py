"""Incremental rule inputs give the same tables as a full build (dbt_project/macros/incremental.sql).

Home A: the seed is built, then a newer file arrives and the pre-check models are built again
incrementally (only the new forms are computed), then once more with nothing new.
Home B: both files are there from the start, built once. Every pre-check table must hold the same rows.
"""

from __future__ import annotations

import copy
import hashlib
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from tests.dbt.raw_fixture import append_raw_rows, raw_rows, seed_forms, write_raw_fixture
from tests.dbt.test_dbt_build import run_dbt

NEWER_FILE_HASH = hashlib.sha256(b"jixiao dbt raw fixture: incremental newer file").hexdigest()
INCREMENTAL_MODELS = ("int_fund_execution", "int_fund_balance", "int_indicator_scoring", "int_level1_weights",
                      "int_form_totals", "int_numeric_cells")
PRE_CHECK_TABLES = INCREMENTAL_MODELS + ("int_form_versions", "int_form_version_changes")


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


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict:
    incremental = tmp_path_factory.mktemp("dbt_incremental")
    db_a = write_raw_fixture(incremental / "build.duckdb")
    _pre_check(incremental, db_a)
    with duckdb.connect(str(db_a)) as connection:
        append_raw_rows(connection, _newer_file())
    second = _pre_check(incremental, db_a)
    compiled = (incremental / "target" / "compiled" / "jixiao" / "models" / "intermediate" / "rule_inputs"
                / "int_numeric_cells.sql").read_text(encoding="utf-8")
    counts_after_second = _counts(db_a)
    _pre_check(incremental, db_a)  # nothing new: nothing may change

    full = tmp_path_factory.mktemp("dbt_full")
    db_b = write_raw_fixture(full / "build.duckdb")
    with duckdb.connect(str(db_b)) as connection:
        append_raw_rows(connection, _newer_file())
    _pre_check(full, db_b)
    return {"incremental": db_a, "full": db_b, "second_log": second.stdout, "compiled": compiled,
            "counts_after_second": counts_after_second}


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
    assert _counts(builds["incremental"]) == builds["counts_after_second"]
