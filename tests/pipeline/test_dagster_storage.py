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


def test_a_table_found_once_is_not_looked_up_again_until_a_wipe(tmp_path, monkeypatch):
    from dagster._core.storage.event_log.sqlite.sqlite_event_log import SqliteEventLogStorage

    storage = PooledSqliteEventLogStorage(str(tmp_path))
    looked_up: list[str] = []
    lookup = SqliteEventLogStorage.has_table
    monkeypatch.setattr(SqliteEventLogStorage, "has_table",
                        lambda self, name: looked_up.append(name) or lookup(self, name))
    try:
        assert storage.has_table("asset_event_tags") and storage.has_table("asset_event_tags")
        assert not storage.has_table("no_such_table") and not storage.has_table("no_such_table")
        assert looked_up == ["asset_event_tags", "no_such_table", "no_such_table"]
        looked_up.clear()
        storage.wipe()  # drops and recreates the tables: what was known is asked again
        assert storage.has_table("asset_event_tags")
        assert "asset_event_tags" in looked_up
    finally:
        storage.dispose()


def _materializations(run_id: str, asset: str, partitions: list[str]) -> list[EventLogEntry]:
    from dagster._core.events import DagsterEvent, DagsterEventType, StepMaterializationData

    return [
        EventLogEntry(
            error_info=None, level=logging.DEBUG, user_message="", run_id=run_id, timestamp=time.time(),
            dagster_event=DagsterEvent(
                event_type_value=DagsterEventType.ASSET_MATERIALIZATION.value, job_name="nightly_load",
                event_specific_data=StepMaterializationData(dg.AssetMaterialization(
                    asset_key=asset, partition=partition, metadata={"rows": index},
                    tags={"dagster/data_version": f"v{partition}"}))))
        for index, partition in enumerate(partitions)
    ]


def test_a_batch_of_materializations_reads_back_as_if_stored_one_by_one(tmp_path):
    partitions = ["2019", "2020", "2021"]
    batched = PooledSqliteEventLogStorage(str(tmp_path / "batched"))
    single = PooledSqliteEventLogStorage(str(tmp_path / "single"))
    try:
        batched.store_event_batch(_materializations("run-1", "stg_forms", partitions))
        for entry in _materializations("run-1", "stg_forms", partitions):
            single.store_event(entry)

        def seen(storage):
            key = dg.AssetKey("stg_forms")
            records = storage.fetch_materializations(key, limit=10).records
            latest = storage.get_latest_materialization_events([key])[key]
            return (sorted((r.partition_key, r.asset_materialization.metadata["rows"].value) for r in records),
                    sorted(storage.get_materialized_partitions(key)),
                    len(storage.get_records_for_run("run-1").records),
                    latest.dagster_event.partition,
                    sorted(tags["dagster/data_version"] for tags in storage.get_event_tags_for_asset(key)))

        assert seen(batched) == seen(single) == (
            [("2019", 0), ("2020", 1), ("2021", 2)], partitions, 3, "2021", [f"v{p}" for p in partitions])
    finally:
        batched.dispose()
        single.dispose()


def test_the_asset_key_columns_are_inspected_once_until_a_wipe(tmp_path, monkeypatch):
    from dagster._core.storage.event_log.sql_event_log import SqlEventLogStorage

    storage = PooledSqliteEventLogStorage(str(tmp_path))
    inspected: list[int] = []
    inspect = SqlEventLogStorage._has_asset_key_index_cols_on_connection
    monkeypatch.setattr(SqlEventLogStorage, "_has_asset_key_index_cols_on_connection",
                        lambda self, conn: inspected.append(1) or inspect(self, conn))
    try:
        storage.store_event_batch(_materializations("run-1", "stg_forms", ["2019", "2020", "2021"]))
        storage.store_event_batch(_materializations("run-2", "stg_forms", ["2022"]))
        assert len(inspected) == 1
        key = dg.AssetKey("stg_forms")
        record = storage.get_asset_records([key])[0]
        assert record.asset_entry.last_materialization.dagster_event.partition == "2022"
        storage.wipe()
        storage.store_event_batch(_materializations("run-3", "stg_forms", ["2023"]))
        assert len(inspected) == 2
    finally:
        storage.dispose()
