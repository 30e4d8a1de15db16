"""The operator's command line: help for every command, parse, and clear errors."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_jixiao

CONTRACT_FORM_KEYS = ("report_year", "project_name", "department", "implementing_unit", "goal_expected",
                      "goal_actual", "total_weight", "total_score")


@pytest.mark.parametrize("command", [[], ["parse"], ["load"], ["findings"], ["status"], ["publish"], ["serve"], ["report"], ["synth"], ["backfill"]])
def test_every_command_has_help(command):
    completed = run_jixiao(*command, "--help")
    assert completed.returncode == 0
    assert "usage: jixiao" in completed.stdout
    assert len(completed.stdout.splitlines()) > 4


def test_parse_json_equals_seed_expected_on_every_contract_key(seed_file, seed_expected):
    completed = run_jixiao("parse", str(seed_file), "--json", check=True)
    forms = json.loads(completed.stdout)
    assert len(forms) == len(seed_expected) == 5
    for parsed, expected in zip(forms, seed_expected):
        for key, value in expected.items():
            if key in ("funds", "indicators"):
                assert len(parsed[key]) == len(value)
                for got_row, want_row in zip(parsed[key], value):
                    assert {k: got_row[k] for k in want_row} == want_row
            else:
                assert parsed[key] == value, key


def test_parse_without_json_prints_a_table(seed_file):
    completed = run_jixiao("parse", str(seed_file), check=True)
    assert "5 form(s)" in completed.stdout
    assert "事业单位公开招聘工作经费" in completed.stdout


def test_parse_of_a_file_without_forms_names_the_file(tmp_path):
    not_a_form = tmp_path / "minutes.txt"
    not_a_form.write_text("会议纪要\n今天讨论了预算。\n", encoding="utf-8")
    completed = run_jixiao("parse", str(not_a_form), "--json")
    assert completed.returncode != 0
    assert "minutes.txt" in completed.stderr
    assert json.loads(completed.stdout) == []


def test_parse_of_a_missing_file_is_a_clear_error(tmp_path):
    completed = run_jixiao("parse", str(tmp_path / "absent.txt"))
    assert completed.returncode != 0
    assert "absent.txt" in completed.stderr


def test_load_of_a_missing_path_is_refused(tmp_path):
    completed = run_jixiao("load", str(tmp_path / "nowhere"), home=tmp_path / "home")
    assert completed.returncode == 2
    assert "nowhere" in completed.stderr


def test_findings_and_status_before_any_load(tmp_path):
    findings = run_jixiao("findings", home=tmp_path)
    assert findings.returncode == 1 and "nothing has been published yet" in findings.stderr
    status = run_jixiao("status", "--json", home=tmp_path, check=True)
    assert json.loads(status.stdout)["published_db"].endswith("published/jixiao.duckdb")


def test_findings_table_is_readable(seed_home):
    completed = run_jixiao("findings", home=seed_home["home"], check=True)
    assert "R-IND-04" in completed.stdout and "工作运行成本" in completed.stdout
    assert "9 finding(s)" in completed.stdout or "finding(s)" in completed.stdout


def test_findings_severity_filter(seed_home):
    completed = run_jixiao("findings", "--json", "--severity", "error", home=seed_home["home"], check=True)
    assert json.loads(completed.stdout) == []


def test_the_console_script_waits_for_threads_and_exit_handlers_before_leaving(tmp_path):
    """`jixiao` leaves with os._exit (no interpreter teardown), but only after what a normal exit does
    first: other threads finished (the Parquet copy is one), exit handlers run, output flushed."""
    import subprocess
    import sys

    marker = tmp_path / "written"
    script = f"""
import atexit, sys, threading, time
from orchestration.cli.main import finish_and_exit
def slow_copy():
    time.sleep(0.5)
    open({str(marker)!r}, "a").write("thread ")
threading.Thread(target=slow_copy, daemon=False).start()
atexit.register(lambda: open({str(marker)!r}, "a").write("atexit"))
sys.stdout.write("summary without a newline")
finish_and_exit(3)
print("never reached")
"""
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert completed.returncode == 3
    assert completed.stdout == "summary without a newline"
    assert marker.read_text() == "thread atexit"
