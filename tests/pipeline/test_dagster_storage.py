"""The home's Dagster event log (orchestration/dagster_storage.py): Dagster's SQLite files with
connections kept open — a watcher (the UI's live run log) still sees new events, a wipe leaves no
connection writing to deleted files, and a home's instance uses it."""

from __future__ import annotations

import logging
import threading
import time

import dagster as dg
from dagster._core.events.log import EventLogEntry

from orchestration.dagster_storage import PooledSqliteEventLogStorage


def _entry(run_id: str, message: str) -> EventLogEntry:
    return EventLogEntry(error_info=None, level=logging.INFO, user_message=message, run_id=run_id,
                         timestamp=time.time())


def test_a_watcher_sees_events_stored_through_an_open_connection(tmp_path):
    writer = PooledSqliteEventLogStorage(str(tmp_path))
    reader = PooledSqliteEventLogStorage(str(tmp_path))
    run_id = "run-watched"
    writer.store_event(_entry(run_id, "first"))  # the run's file exists and a connection stays open
    seen: list[str] = []
    arrived = threading.Event()

    def on_event(entry, _cursor):
        seen.append(entry.user_message)
        if entry.user_message == "second":
            arrived.set()

    reader.watch(run_id, None, on_event)
    try:
        time.sleep(0.5)
        writer.store_event(_entry(run_id, "second"))
        assert arrived.wait(10), f"the watcher saw only {seen}"
    finally:
        reader.end_watch(run_id, on_event)
        reader.dispose()
        writer.dispose()


def test_wipe_closes_the_open_connections_before_deleting_the_files(tmp_path):
    storage = PooledSqliteEventLogStorage(str(tmp_path))
    storage.store_event(_entry("run-a", "before wipe"))
    storage.wipe()
    storage.store_event(_entry("run-a", "after wipe"))
    records = storage.get_records_for_run("run-a").records
    assert [record.event_log_entry.user_message for record in records] == ["after wipe"]
    storage.dispose()


def test_a_loaded_home_uses_the_pooled_event_log(seed_home, monkeypatch):
    monkeypatch.setenv("DAGSTER_HOME", str(seed_home["home"] / "dagster"))  # as jixiao sets it
    instance = dg.DagsterInstance.from_config(str(seed_home["home"] / "dagster"))
    try:
        assert isinstance(instance.event_log_storage, PooledSqliteEventLogStorage)
        runs = instance.get_runs()
        assert runs and instance.get_records_for_run(runs[0].run_id).records
    finally:
        instance.dispose()
