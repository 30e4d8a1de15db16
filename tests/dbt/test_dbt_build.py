"""dbt project against a raw layer built from seed_expected.json (no parser, no Dagster).

One build per scenario, shared by its tests:
- `seed_build`: the five seed forms, pre_check then post_check, as the nightly job runs them;
- `lifecycle_build`: the seed plus a newer file (a changed version of form 2 and a later-year
  version of project 1) and findings (an error on form 3, a warning on form 4).
"""

from __future__ import annotations

import copy
import hashlib
import os
import subprocess
import sys
import time
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from tests.dbt.raw_fixture import (SEED_FILE_HASH, append_raw_rows, insert_rows, raw_rows, seed_forms,
                                   write_raw_fixture)

DBT_PROJECT = Path(__file__).resolve().parents[2] / "dbt_project"
DBT = Path(sys.executable).parent / "dbt"
SCORE_EPSILON = Decimal("0.0001")   # scores are DECIMAL(18,4)
RATE_EPSILON = Decimal("0.000001")  # rates are DECIMAL(18,6)


def run_dbt(work: Path, db_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "JIXIAO_BUILD_DB": str(db_path), "DO_NOT_TRACK": "1"}
    command = [str(DBT), *args, "--project-dir", str(DBT_PROJECT), "--profiles-dir", str(DBT_PROJECT),
               "--target-path", str(work / "target"), "--log-path", str(work / "logs"), "--no-use-colors"]
    completed = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, f"{' '.join(args)} failed:\n{completed.stdout[-6000:]}\n{completed.stderr}"
    return completed


def query(db_path: Path, sql: str, parameters: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db_path), read_only=True) as connection:
        return connection.execute(sql, parameters or []).fetchall()


def seed_form_id(form_index: int) -> str:
    return f"{SEED_FILE_HASH}#{form_index}"


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory) -> dict:
    work = tmp_path_factory.mktemp("dbt_seed")
    db_path = write_raw_fixture(work / "build.duckdb")
    started = time.monotonic()
    pre = run_dbt(work, db_path, "build", "--select", "tag:pre_check")
    post = run_dbt(work, db_path, "build", "--select", "tag:post_check")
    return {"work": work, "db": db_path, "pre": pre, "post": post, "seconds": time.monotonic() - started}


def test_both_phases_build_and_test_cleanly(seed_build):
    for phase in ("pre", "post"):
        summary = seed_build[phase].stdout
        assert "Completed successfully" in summary
        assert "WARN=0 ERROR=0 SKIP=0" in summary, summary[-2000:]


def test_unit_tests_pass(seed_build):
    completed = run_dbt(seed_build["work"], seed_build["db"], "test", "--select", "test_type:unit")
    assert "PASS=3 WARN=0 ERROR=0" in completed.stdout, completed.stdout[-3000:]


def test_form_scores_are_the_seed_totals(seed_build):
    expected = {index: Decimal(str(form["total_score"])) for index, form in enumerate(seed_forms())}
    rows = query(seed_build["db"], """
        select form_index, total_score, computed_total_score, total_gap, derived_grade, funds_score,
               source_file, file_hash, line_start
        from marts.fct_form_score order by form_index""")
    assert [row[0] for row in rows] == [0, 1, 2, 3, 4]
    for form_index, total, computed, gap, grade, funds_score, source_file, file_hash, line_start in rows:
        assert total == expected[form_index]
        assert computed == expected[form_index] and gap == 0
        assert grade == "优"
        assert funds_score is not None and source_file and file_hash == SEED_FILE_HASH and line_start >= 1


def test_computed_totals_and_grades(seed_build):
    rows = query(seed_build["db"], """
        select t.computed_total_score, t.total_gap, t.weight_sum, t.derived_grade, t.scored_row_count
        from intermediate.int_form_totals as t
        join staging.stg_forms as f using (form_id) order by f.form_index""")
    assert [row[0] for row in rows] == [Decimal(v) for v in ("96.38", "100", "100", "99.81", "97.31")]
    assert all(gap == 0 and weight_sum == 100 and grade == "优" for _, gap, weight_sum, grade, _ in rows)


def indicator(db_path: Path, form_index: int, name: str) -> dict:
    columns = ("effective_operator", "operator_inferred", "direction", "target_met", "weight", "score",
               "expected_score", "expected_score_alt", "score_tolerance", "score_gap", "is_cost_indicator",
               "funds_executed")
    rows = query(db_path, f"select {', '.join(columns)} from intermediate.int_indicator_scoring "
                          "where form_id = ? and name = ?", [seed_form_id(form_index), name])
    assert len(rows) == 1, (form_index, name, rows)
    return dict(zip(columns, rows[0]))


def test_reverse_cost_met_expects_full_marks(seed_build):
    # form 4: 工作运行成本 <=50万元, A = 49.37 -> 5; reported 4.94 is outside tolS(5) = 0.031 (R-IND-04)
    row = indicator(seed_build["db"], 3, "工作运行成本（万元）")
    assert row["direction"] == "reverse" and row["target_met"] is True
    assert row["expected_score"] == 5 and row["score"] == Decimal("4.94")
    assert row["score_gap"] == Decimal("0.06") > row["score_tolerance"] == Decimal("0.031")
    assert row["funds_executed"] == Decimal("49.37")  # R-IND-10 cross-check input


def test_cost_target_without_operator_is_inferred_reverse(seed_build):
    # form 5: 业务活动运行成本 "80万元", A = 63.49354 -> "<=" inferred (R-IND-08), expected 3 (R-IND-04)
    row = indicator(seed_build["db"], 4, "业务活动运行成本（万元）")
    assert row["operator_inferred"] is True and row["effective_operator"] == "<="
    assert row["is_cost_indicator"] is True and row["target_met"] is True
    assert row["expected_score"] == 3 and row["score_gap"] > row["score_tolerance"]


def test_positive_missed_target_is_within_tolerance(seed_build):
    # form 1: 面试人数 >=2700, A = 1100, w = 3 -> 3·1100/2700 = 1.2222; reported 1.23 within tolS(3) = 0.021
    row = indicator(seed_build["db"], 0, "面试人数（人）")
    assert abs(row["expected_score"] - Decimal(3) * 1100 / 2700) <= SCORE_EPSILON
    assert row["target_met"] is False and row["score_gap"] <= row["score_tolerance"] == Decimal("0.021")


def test_rule_inputs_single_out_exactly_the_seed_warnings(seed_build):
    """The rows the seed's warnings (rules.md, "What the seed must produce") are about."""
    db = seed_build["db"]

    def names(where: str) -> set[tuple[int, str]]:
        return set(query(db, f"""
            select f.form_index, s.name from intermediate.int_indicator_scoring as s
            join staging.stg_forms as f using (form_id) where {where}"""))

    assert names("s.direction = 'positive' and s.is_scorable and s.actual_value >= 1.2 * s.target_value") == {
        (0, "组织事业单位公开招聘次数（次）"), (1, "职称评审人次"), (2, "组织事业单位考试次数"),
        (3, "组织考生考试次数"), (4, "组织事业单位公开招聘次数（次）"), (4, "笔试人数（人）")}  # R-IND-03
    assert names("s.score_gap > s.score_tolerance") == {
        (3, "工作运行成本（万元）"), (4, "业务活动运行成本（万元）")}  # R-IND-04 (R-IND-02 passes)
    assert names("s.operator_inferred") == {(4, "业务活动运行成本（万元）")}  # R-IND-08
    assert names("s.level2_allowed = false") == set()  # R-IND-11


def test_fund_execution_rates(seed_build):
    rows = query(seed_build["db"], """
        select f.form_index, e.recomputed_execution_rate, e.rate_gap_pp, e.score_gap, e.score_tolerance
        from intermediate.int_fund_execution as e join staging.stg_forms as f using (form_id)
        where e.is_total_row order by f.form_index""")
    rates = {form_index: rate for form_index, rate, *_ in rows}
    assert abs(rates[4] - Decimal("0.793625")) <= RATE_EPSILON  # 63.49 / 80
    assert abs(rates[3] - Decimal("0.9874")) <= RATE_EPSILON    # 49.37 / 50
    assert all(gap_pp <= Decimal("0.01") and gap <= tolerance for _, _, gap_pp, gap, tolerance in rows)
    gaps = query(seed_build["db"], "select max(gap) from intermediate.int_fund_balance")
    assert gaps[0][0] <= Decimal("0.01")  # R-FUND-05 holds on the seed


def test_project_key_differs_for_different_projects(seed_build):
    keys = dict(query(seed_build["db"], "select project_name, project_key from marts.fct_form_score"))
    assert len(set(keys.values())) == 5
    assert keys["2020年事业单位公开招聘工作相关经费"] != keys["事业单位公开招聘工作经费"]


def test_trend_report(seed_build):
    rows = query(seed_build["db"], """
        select report_year, form_count, total_budget_wan_yuan, total_executed_wan_yuan, mean_total_score,
               fully_met_share from reports.rpt_department_year_trend""")
    assert len(rows) == 1
    year, forms, budget, executed, mean_score, share = rows[0]
    assert (year, forms) == (2021, 5)
    assert budget == Decimal("271.81") and executed == Decimal("254.67")
    assert mean_score == Decimal("98.7")  # (96.38 + 100 + 100 + 99.81 + 97.31) / 5
    assert Decimal(0) < share < Decimal(1)


# --- versions, quarantine and the published layer ---------------------------------------------

NEWER_FILE_HASH = hashlib.sha256(b"jixiao dbt raw fixture: newer file").hexdigest()


@pytest.fixture(scope="module")
def lifecycle_build(tmp_path_factory) -> dict:
    work = tmp_path_factory.mktemp("dbt_lifecycle")
    db_path = write_raw_fixture(work / "build.duckdb")
    forms = seed_forms()
    changed = copy.deepcopy(forms[1])  # form 2 again, one score lowered: a new version
    changed["indicators"][0]["score"] = 14.0
    changed["total_score"] = 99.0
    next_year = copy.deepcopy(forms[0])  # project 1 a year later, written "2021年度…"
    next_year["project_name"] = "2021年度事业单位公开招聘工作相关经费"
    next_year["report_year"] = 2022
    with duckdb.connect(str(db_path)) as connection:
        append_raw_rows(connection, raw_rows([changed, next_year], file_hash=NEWER_FILE_HASH,
                                             file_name="001_newer.txt", received_at=datetime(2026, 11, 2, 2),
                                             load_id="fixture-load-2"))
        finding = {"finding_id": "f-error", "load_id": "fixture-load-2", "form_id": seed_form_id(2),
                   "rule_id": "R-TOT-01", "severity": "error", "subject": "总分"}
        warning = {**finding, "finding_id": "f-warning", "form_id": seed_form_id(3), "rule_id": "R-IND-04",
                   "severity": "warning", "subject": "工作运行成本（万元）"}
        insert_rows(connection, "quality.rule_findings", [finding, warning])
    run_dbt(work, db_path, "build", "--exclude", "test_type:unit")
    return {"work": work, "db": db_path}


def test_statuses(lifecycle_build):
    status = dict(query(lifecycle_build["db"], "select form_id, status from intermediate.int_form_status"))
    assert status == {
        seed_form_id(0): "published", seed_form_id(1): "superseded", seed_form_id(2): "quarantined",
        seed_form_id(3): "published", seed_form_id(4): "published",
        f"{NEWER_FILE_HASH}#0": "published", f"{NEWER_FILE_HASH}#1": "published"}
    versions = query(lifecycle_build["db"], """
        select version_number, is_current, previous_form_id, content_changed
        from intermediate.int_form_versions where form_id = ?""", [f"{NEWER_FILE_HASH}#0"])
    assert versions == [(2, True, seed_form_id(1), True)]


def test_published_layer_holds_only_published_forms(lifecycle_build):
    db = lifecycle_build["db"]
    published = {form_id for (form_id,) in query(
        db, "select form_id from intermediate.int_form_status where status = 'published'")}
    for table in ("marts.fct_form_score", "marts.fct_fund_execution", "marts.fct_indicator_result"):
        assert {form_id for (form_id,) in query(db, f"select distinct form_id from {table}")} == published
    warning_count = query(db, "select warning_count from marts.fct_form_score where form_id = ?",
                          [seed_form_id(3)])
    assert warning_count == [(1,)]


def test_project_key_ignores_a_leading_year(lifecycle_build):
    db = lifecycle_build["db"]
    keys = dict(query(db, "select project_name, project_key from marts.fct_form_score"))
    assert keys["2020年事业单位公开招聘工作相关经费"] == keys["2021年度事业单位公开招聘工作相关经费"]
    assert keys["2020年事业单位公开招聘工作相关经费"] != keys["事业单位公开招聘工作经费"]
    project = query(db, "select project_name, form_count, first_report_year, last_report_year "
                        "from marts.dim_project where project_key = ?",
                    [keys["2020年事业单位公开招聘工作相关经费"]])
    assert project == [("2021年度事业单位公开招聘工作相关经费", 2, 2021, 2022)]
    trend = query(db, "select report_year, form_count from reports.rpt_department_year_trend order by 1")
    assert trend == [(2021, 4), (2022, 1)]
