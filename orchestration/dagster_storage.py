"""Dagster's SQLite event log, with its connections kept open.

Dagster's own SQLite event log opens a new SQLite connection (a new SQLAlchemy engine) for every
event it stores, and a load stores hundreds: one materialization per asset and report-year partition,
the step events, the checks. Measured on a 1,000-form load: ~1,500 connections, ~11 s of the load in
SQLite connect/commit/close (in WAL mode the close of the last connection checkpoints the file).
This subclass keeps one engine per shard with a small pool, and sets `synchronous=NORMAL` (WAL: the
commit is durable against a process crash; only a power loss can drop the last events, which the
run-failure sensor and `ops.load_runs` recover from). Reads and the file layout are Dagster's own, so
`dagster dev`/`jixiao serve` and older homes read the same files.

Configured in the home's `dagster.yaml` (`orchestration/loading.py`); `base_dir` defaults to
`$DAGSTER_HOME/history/runs`, where Dagster's default SQLite storage keeps its files.
"""

import os
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

from dagster import Field, StringSource
from dagster._core.storage.event_log.sqlite.sqlite_event_log import (
    SqliteEventLogStorage,
    SqliteEventLogStorageWatchdog,
)
from watchdog.observers import Observer

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.pool import QueuePool

SQLITE_BUSY_TIMEOUT_SECONDS = 30
# Engines kept open at once: the index shard and the running load's run shard are what matter; the
# webserver and daemon open many runs' shards over their lifetime and must not keep them all.
MAX_OPEN_SHARDS = 8


def _tune(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class PooledSqliteEventLogStorage(SqliteEventLogStorage):
    def __init__(self, base_dir: str | None = None, inst_data=None):
        if base_dir is None:
            if not os.environ.get("DAGSTER_HOME"):
                raise ValueError("PooledSqliteEventLogStorage needs base_dir or DAGSTER_HOME")
            base_dir = os.path.join(os.environ["DAGSTER_HOME"], "history", "runs")
        self._engines: OrderedDict = OrderedDict()
        self._tables_present: set[str] = set()
        self._asset_key_index_columns = False
        super().__init__(base_dir, inst_data=inst_data)

    @classmethod
    def config_type(cls):
        return {"base_dir": Field(StringSource, is_required=False)}

    @classmethod
    def from_config_value(cls, inst_data, config_value):
        return cls(inst_data=inst_data, **config_value)

    @contextmanager
    def _connect(self, shard: str) -> Iterator[Connection]:
        with self._db_lock:
            engine = self._engines.get(shard)
            if engine is None:
                engine = create_engine(
                    self.conn_string_for_shard(shard), poolclass=QueuePool, pool_size=1, max_overflow=4,
                    connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS, "check_same_thread": False},
                )
                event.listen(engine, "connect", _tune)
                if shard not in self._initialized_dbs:
                    self._initdb(engine)
                    self._initialized_dbs.add(shard)
                self._engines[shard] = engine
                while len(self._engines) > MAX_OPEN_SHARDS:
                    self._engines.popitem(last=False)[1].dispose()
            self._engines.move_to_end(shard)
            with engine.connect() as conn:
                with conn.begin():
                    yield conn

    def has_table(self, table_name: str) -> bool:
        # Dagster asks before storing every materialization's tags, each time through a new SQLite
        # connection (~200 a load: ~0.5 s). A table, once there, stays; wipe() forgets them.
        if table_name in self._tables_present:
            return True
        present = super().has_table(table_name)
        if present:
            self._tables_present.add(table_name)
        return present

    def _has_asset_key_index_cols_on_connection(self, conn) -> bool:
        # Asked for every stored asset event by reading the table's columns (~200 a load: ~0.5 s). The
        # columns come with a schema migration and stay; wipe() forgets them.
        if self._asset_key_index_columns:
            return True
        present = super()._has_asset_key_index_cols_on_connection(conn)
        self._asset_key_index_columns = present
        return present

    def store_event_batch(self, events) -> None:
        """A batch of one run's asset events (a partition range's materializations: ~200 a load) in
        two transactions, the run's shard and the index, instead of two per event as Dagster's own
        SQLite storage stores them (one by one). Anything else is stored event by event."""
        from dagster._core.events import ASSET_EVENTS
        from dagster._core.storage.sqlalchemy_compat import db_result

        run_ids = {event.run_id for event in events}
        if len(run_ids) != 1 or not all(event.is_dagster_event and event.dagster_event_type in ASSET_EVENTS
                                        for event in events):
            super().store_event_batch(events)
            return
        statements = [self.prepare_insert_event(event) for event in events]
        with self.run_connection(run_ids.pop()) as conn:
            for statement in statements:
                conn.execute(statement)
        with self.index_transaction() as conn:
            event_ids = []
            for statement in statements:
                with db_result(conn, statement) as result:
                    event_ids.append(result.inserted_primary_key[0])
            self._store_asset_event_tags(conn, events, event_ids)
            for event, event_id in zip(events, event_ids):
                self._store_asset_event(conn, event, event_id)

    def _dispose_engines(self) -> None:
        with self._db_lock:
            for engine in self._engines.values():
                engine.dispose()
            self._engines.clear()

    def wipe(self) -> None:
        self._dispose_engines()  # the files are deleted: no connection may keep writing to them
        self._tables_present.clear()
        self._asset_key_index_columns = False
        super().wipe()

    def dispose(self) -> None:
        self._dispose_engines()
        super().dispose()

    def watch(self, run_id, cursor, callback) -> None:
        # With open connections a commit only writes the "-wal" file; Dagster's watcher (the UI's
        # live run log) waits for the main file to change. Watch both.
        if not self._obs:
            self._obs = Observer()
            self._obs.start()
        watchdog = _WalAwareWatchdog(self, run_id, callback, cursor)
        self._watchers[run_id][callback] = (watchdog, self._obs.schedule(watchdog, self._base_dir, recursive=True))


class _WalAwareWatchdog(SqliteEventLogStorageWatchdog):
    def __init__(self, storage, run_id, callback, cursor):
        super().__init__(storage, run_id, callback, cursor)
        self._patterns = [self._log_path, self._log_path + "-wal"]

    def on_modified(self, event) -> None:
        if event.src_path in (self._log_path, self._log_path + "-wal"):
            self._process_log()
