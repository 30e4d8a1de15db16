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
from collections.abc import Iterator
from contextlib import contextmanager

from dagster import Field, StringSource
from dagster._core.storage.event_log.sqlite.sqlite_event_log import SqliteEventLogStorage

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.pool import QueuePool

SQLITE_BUSY_TIMEOUT_SECONDS = 30


def _tune(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class PooledSqliteEventLogStorage(SqliteEventLogStorage):
    def __init__(self, base_dir: str | None = None, inst_data=None):
        base_dir = base_dir or os.path.join(os.environ["DAGSTER_HOME"], "history", "runs")
        self._engines: dict = {}
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
            with engine.connect() as conn:
                with conn.begin():
                    yield conn

    def dispose(self) -> None:
        for engine in self._engines.values():
            engine.dispose()
        self._engines.clear()
        super().dispose()
