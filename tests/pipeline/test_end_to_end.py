"""The whole pipeline through `jixiao load`, on the seed and on a copy with one form broken."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import run_jixiao

# rules.md, "What the seed must produce": (rule, form index, subject)
SEED_WARNINGS = sorted([
    ("R-IND-03", 0, "组织事业单位公开招聘次数（次）"),
    ("R-IND-03", 1, "职称评审人次"),
    ("R-IND-03", 2, "组织事业单位考试次数"),
    ("R-IND-03", 3, "组织考生考试次数"),
    ("R-IND-03", 4, "组织事业单位公开招聘次数（次）"),
    ("R-IND-03", 4, "笔试人数（人）"),
    ("R-IND-04", 3, "工作运行成本（万元）"),
    ("R-IND-04", 4, "业务活动运行成本（万元）"),
    ("R-IND-08", 4, "业务活动运行成本（万元）"),
])


def test_seed_load_prints_five_published_none_quarantined(seed_home):
    output = seed_home["load"].stdout
    assert re.search(r"published:\s+5 forms", output), output
    assert re.search(r"quarantined:\s+0 forms", output), output
    assert re.search(r"findings:\s+0 error, 9 warning", output), output


def test_seed_findings_are_exactly_the_expected_warnings(seed_home):
    findings = json.loads(run_jixiao("findings", "--json", home=seed_home["home"], check=True).stdout)
    assert [f for f in findings if f["severity"] == "error"] == []
    warnings = sorted((f["rule_id"], f["form_index"], f["subject"]) for f in findings if f["severity"] == "warning")
    assert warnings == SEED_WARNINGS
    cost = next(f for f in findings if f["rule_id"] == "R-IND-04" and f["form_index"] == 3)
    assert (cost["reported"], cost["expected"]) == (4.94, 5)
    required = {"source_file", "form_index", "report_year", "project_name", "rule_id", "severity", "subject",
                "reported", "expected", "message"}
    assert all(required <= set(f) for f in findings)
    assert all(re.search(r"[\u4e00-\u9fff]", f["message"]) for f in findings), "messages are in Chinese"


def test_status_reports_the_published_file(seed_home):
    status = json.loads(run_jixiao("status", "--json", home=seed_home["home"], check=True).stdout)
    assert status["published"] == 5 and status["quarantined"] == 0
    assert status["files"] == {"received": 1, "parsed": 1, "failed": 0}
    assert status["years"] == [2021]
    assert status["last_load"]["outcome"] == "success"
    assert Path(status["published_db"]).is_file()


def test_published_file_opens_read_only_from_another_process_with_comments(seed_home):
    published = seed_home["home"] / "published" / "jixiao.duckdb"
    probe = (
        "import duckdb, json, sys\n"
        "c = duckdb.connect(sys.argv[1], read_only=True)\n"
        "tables = [r[0] for r in c.execute('select table_name from duckdb_tables() order by 1').fetchall()]\n"
        "comments = c.execute(\"select count(*) from duckdb_columns() where table_name = 'fct_form_score' "
        "and comment is not null and comment <> ''\").fetchone()[0]\n"
        "scores = [r[0] for r in c.execute('select total_score from fct_form_score order by 1').fetchall()]\n"
        "print(json.dumps({'tables': tables, 'comments': comments, 'scores': [float(s) for s in scores]}))\n"
    )
    completed = subprocess.run([sys.executable, "-c", probe, str(published)], capture_output=True, text=True,
                               check=True)
    seen = json.loads(completed.stdout)
    for table in ("fct_fund_execution", "fct_indicator_result", "fct_form_score", "dim_project",
                  "rpt_department_year_trend", "audit_findings"):
        assert table in seen["tables"]
    assert seen["comments"] > 5
    assert seen["scores"] == [96.38, 97.31, 99.81, 100.0, 100.0]


def test_reloading_the_same_file_changes_nothing(seed_home, seed_file):
    before = json.loads(run_jixiao("status", "--json", home=seed_home["home"], check=True).stdout)
    again = run_jixiao("load", str(seed_file), home=seed_home["home"], check=True)
    assert "1 already received" in again.stdout
    after = json.loads(run_jixiao("status", "--json", home=seed_home["home"], check=True).stdout)
    for key in ("published", "quarantined", "superseded", "findings", "files", "years"):
        assert after[key] == before[key]


def _with_one_form_changed(seed_text: str, form_index: int, old: str, new: str) -> str:
    lines = seed_text.split("\n")
    starts = [i for i, line in enumerate(lines) if line.startswith("\t") and line.rstrip().endswith("绩效自评表")]
    begin = starts[form_index]
    end = starts[form_index + 1] if form_index + 1 < len(starts) else len(lines)
    for i in range(begin, end):
        if lines[i] == old:
            lines[i] = new
            return "\n".join(lines)
    raise AssertionError(f"{old!r} not in form {form_index}")


@pytest.fixture(scope="module")
def broken_home(tmp_path_factory, seed_file):
    text = seed_file.read_text(encoding="utf-8")
    text = _with_one_form_changed(text, 1, "\t100.00分", "\t90.00分")  # 总分 no longer the sum
    folder = tmp_path_factory.mktemp("broken_input")
    (folder / "seed_with_one_broken_form.txt").write_text(text, encoding="utf-8")
    home = tmp_path_factory.mktemp("broken_home")
    load = run_jixiao("load", str(folder), home=home, check=True)
    return {"home": home, "load": load}


def test_broken_form_is_quarantined_and_the_others_publish(broken_home):
    assert re.search(r"published:\s+4 forms", broken_home["load"].stdout), broken_home["load"].stdout
    assert re.search(r"quarantined:\s+1 forms", broken_home["load"].stdout)
    findings = json.loads(run_jixiao("findings", "--json", home=broken_home["home"], check=True).stdout)
    errors = [f for f in findings if f["severity"] == "error"]
    assert [(f["rule_id"], f["form_index"]) for f in errors] == [("R-TOT-01", 1)]
    assert (errors[0]["reported"], errors[0]["expected"]) == (90, 100)
    published = broken_home["home"] / "published" / "jixiao.duckdb"
    with duckdb.connect(str(published), read_only=True) as connection:
        projects = {row[0] for row in connection.execute("select project_name from fct_form_score").fetchall()}
        quarantined = connection.execute(
            "select project_name from audit_form_status where status = 'quarantined'").fetchall()
    assert "2020年事业单位专业技术人员职称评审工作经费" not in projects and len(projects) == 4
    assert quarantined == [("2020年事业单位专业技术人员职称评审工作经费",)]


def test_a_step_failing_after_publication_says_the_published_file_was_replaced(tmp_path, seed_file):
    home = tmp_path / "home"
    # A file where the dbt docs step wants its folder: that step (after publication) fails.
    (home / "dbt").mkdir(parents=True)
    (home / "dbt" / "docs_target").write_text("not a folder", encoding="utf-8")
    completed = run_jixiao("load", str(seed_file), home=home)
    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert "FAILED:      step reports__dbt_docs failed" in completed.stdout
    assert "the published warehouse was replaced by this load before the failure" in completed.stdout
    assert "the published warehouse is unchanged" not in completed.stdout
    with duckdb.connect(str(home / "published" / "jixiao.duckdb"), read_only=True) as connection:
        assert connection.execute("SELECT count(*) FROM fct_form_score").fetchall() == [(5,)]
