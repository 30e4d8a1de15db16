"""A load killed at any point leaves the published file and the home consistent; readers are never
blocked and never see a half-written state."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time

import duckdb
import pytest

from tests.conftest import JIXIAO, REPO, run_jixiao
from tests.conftest import renamed_copy as _renamed_copy


def _published_state(published) -> list:
    with duckdb.connect(str(published), read_only=True) as connection:
        return connection.execute(
            "select form_id, total_score from fct_form_score order by form_id").fetchall()


@pytest.fixture()
def loaded_home(tmp_path, seed_file):
    home = tmp_path / "home"
    run_jixiao("load", str(seed_file), home=home, check=True)
    more = tmp_path / "more"
    more.mkdir()
    (more / "second_batch.txt").write_text(_renamed_copy(seed_file.read_text(encoding="utf-8"), "（二期）"),
                                           encoding="utf-8")
    return home, more


def _wait_for_step(home, step: str, load: subprocess.Popen, timeout: float = 300.0) -> None:
    """Until the load's own log says `step` has started (a point that does not depend on speed)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and load.poll() is None:
        for log in (home / "logs").glob("load-*.log"):
            text = log.read_text(encoding="utf-8", errors="replace")
            if f" - {step} - " in text:
                return
        time.sleep(0.05)
    raise AssertionError(f"the load never reached step {step}")


# Kill points: while starting up or landing, and inside the post-check dbt build (after the checks,
# before publication) — a step, not a number of seconds, so a faster load still dies there.
@pytest.mark.parametrize("kill_at", [4, "dbt_published_models"])
def test_sigkill_mid_load_leaves_published_file_unchanged_and_next_load_completes(loaded_home, kill_at):
    home, more = loaded_home
    published = home / "published" / "jixiao.duckdb"
    before_bytes, before_state = published.read_bytes(), _published_state(published)
    old_logs = set((home / "logs").glob("load-*.log"))
    for log in old_logs:
        log.rename(log.with_suffix(".earlier"))
    load = subprocess.Popen([str(JIXIAO), "load", str(more), "--home", str(home)], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    if isinstance(kill_at, str):
        _wait_for_step(home, kill_at, load)
    else:
        time.sleep(kill_at)
    assert load.poll() is None, "the load finished before it could be killed"
    os.killpg(load.pid, signal.SIGKILL)
    load.wait()
    assert published.read_bytes() == before_bytes
    assert _published_state(published) == before_state
    assert not [p for p in published.parent.iterdir() if not p.name.startswith(".") and p.suffix == ".partial"]

    again = run_jixiao("load", str(more), home=home, check=True)
    status = json.loads(run_jixiao("status", "--json", home=home, check=True).stdout)
    assert status["published"] == 10 and status["quarantined"] == 0, again.stdout
    assert status["files"]["received"] == 2


def test_readers_are_never_blocked_and_see_old_or_new_state(loaded_home):
    home, more = loaded_home
    published = home / "published" / "jixiao.duckdb"
    load = subprocess.Popen([str(JIXIAO), "load", str(more), "--home", str(home)], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen_counts = set()
    reads = 0
    while load.poll() is None:
        with duckdb.connect(str(published), read_only=True) as connection:  # never waits for the writer
            seen_counts.add(connection.execute("select count(*) from fct_form_score").fetchone()[0])
        reads += 1
        time.sleep(0.2)
    assert load.returncode == 0
    with duckdb.connect(str(published), read_only=True) as connection:
        seen_counts.add(connection.execute("select count(*) from fct_form_score").fetchone()[0])
    assert reads > 10
    assert seen_counts <= {5, 10} and 10 in seen_counts


def test_a_second_load_on_the_same_home_is_refused_while_one_runs(loaded_home):
    home, more = loaded_home
    first = subprocess.Popen([str(JIXIAO), "load", str(more), "--home", str(home)], cwd=REPO,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(3)
        assert first.poll() is None
        second = run_jixiao("load", str(more), home=home)
        assert second.returncode == 3
        assert "another load is running" in second.stderr
    finally:
        assert first.wait(timeout=600) == 0
    status = json.loads(run_jixiao("status", "--json", home=home, check=True).stdout)
    assert status["published"] == 10
