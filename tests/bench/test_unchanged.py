"""When may a load skip the rebuild (orchestration/ingest/unchanged.py)? Only when nothing it would
rebuild from has changed."""

from __future__ import annotations

from datetime import datetime

import duckdb
import pytest

from orchestration.home import HomeLayout
from orchestration.ingest import unchanged
from orchestration.ingest.landing import land_files
from orchestration.runlog import LOAD_RUNS_DDL


def _run(layout: HomeLayout, load_id: str, outcome: str, finished: datetime) -> None:
    with duckdb.connect(str(layout.build_db)) as connection:
        connection.execute(LOAD_RUNS_DDL)
        connection.execute("INSERT INTO ops.load_runs (load_id, started_at, finished_at, outcome) VALUES (?, ?, ?, ?)",
                           [load_id, finished, finished, outcome])


@pytest.fixture()
def home(tmp_path, seed_file):
    layout = HomeLayout(tmp_path / "home").ensure()
    summary = land_files(layout, [seed_file], load_id="load-1")
    unchanged.record_landing(layout, "load-1", summary.files_seen, summary.files_new, summary.forms_landed)
    _run(layout, "load-1", "success", datetime(2026, 1, 1))
    layout.published_db.parent.mkdir(parents=True, exist_ok=True)
    layout.published_db.write_bytes(b"")  # only its existence is asked
    unchanged.record_landing(layout, "load-2", 1, 0, 0)  # the reload asking
    return layout


def test_nothing_new_after_a_successful_load_of_this_code_skips(home):
    assert unchanged.published_state_is_current(home, "load-2")
    assert unchanged.code_matches_last_success(home, "load-2", dbt_only=True)


def test_changed_code_rebuilds(home, monkeypatch):
    monkeypatch.setattr(unchanged, "code_fingerprint", lambda: "other code")
    assert not unchanged.published_state_is_current(home, "load-2")
    assert unchanged.code_matches_last_success(home, "load-2", dbt_only=True)  # the dbt project did not change
    monkeypatch.setattr(unchanged, "dbt_fingerprint", lambda: "other models")
    assert not unchanged.code_matches_last_success(home, "load-2", dbt_only=True)


def test_rows_of_an_unfinished_load_are_rebuilt(home, tmp_path, seed_file):
    other = tmp_path / "renamed.txt"
    other.write_text(seed_file.read_text(encoding="utf-8").replace("项目支出绩效自评表", "项目支出绩效自评表 "),
                     encoding="utf-8")
    land_files(home, [other], load_id="load-killed")  # landed, then the load died: no load_runs row
    assert not unchanged.published_state_is_current(home, "load-2")
    _run(home, "load-killed", "failed", datetime(2026, 1, 2))
    assert not unchanged.published_state_is_current(home, "load-2")


def test_no_published_file_rebuilds(home):
    home.published_db.unlink()
    assert not unchanged.published_state_is_current(home, "load-2")


def test_report_code_changes_the_published_state_but_not_what_findings_depend_on(tmp_path, monkeypatch):
    for relative in ("dbt_project/models/m.sql", "expectations/suites.py", "orchestration/quality/checks.py",
                     "orchestration/reports/page.py", "orchestration/publish/warehouse.py"):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("# v1\n", encoding="utf-8")
    monkeypatch.setattr(unchanged, "REPOSITORY", tmp_path)

    def fingerprints():
        unchanged._fingerprint.cache_clear()
        return unchanged.rules_fingerprint(), unchanged.code_fingerprint(), unchanged.dbt_fingerprint()

    rules, code, models = fingerprints()
    (tmp_path / "orchestration/reports/page.py").write_text("# v2\n", encoding="utf-8")
    after_report = fingerprints()
    assert after_report[0] == rules and after_report[2] == models, "findings and models do not depend on reports"
    assert after_report[1] != code, "the published state does"
    code = after_report[1]
    (tmp_path / "expectations/suites.py").write_text("# v2\n", encoding="utf-8")
    changed = fingerprints()
    assert changed[0] != rules and changed[1] != code and changed[2] == models
    unchanged._fingerprint.cache_clear()
