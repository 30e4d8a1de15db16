"""Build the published DuckDB file beside the old one, then swap it in atomically.

Readers that already have the old file open keep reading it; new readers get the new one; nobody
ever sees a half-written file, and no reader can block the load (it never opens the build file).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from orchestration.publish.catalog import PublishedTable


def _quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _fsync_directory(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def publish_warehouse(build_db: Path, published_db: Path, tables: list[PublishedTable], load_id: str,
                      before_swap: Callable[[Path], None] | None = None) -> dict:
    """`before_swap(new_file)` runs on the finished file before it replaces the old one: if it fails,
    the old published file stays (used to publish the same state to PostgreSQL first)."""
    published_db.parent.mkdir(parents=True, exist_ok=True)
    # Left-overs of loads that were killed mid-publish: never swapped in, safe to drop.
    for leftover in published_db.parent.glob(f".{published_db.name}.*.partial*"):
        leftover.unlink(missing_ok=True)
    staging_file = published_db.with_name(f".{published_db.name}.{load_id}.partial")
    row_counts: dict[str, int] = {}
    with duckdb.connect(str(staging_file)) as connection:
        connection.execute(f"ATTACH {_quote_literal(str(build_db))} AS build (READ_ONLY)")
        for table in tables:
            query = (table.source_relation if table.source_relation.lstrip().upper().startswith("SELECT")
                     else f"SELECT * FROM build.{table.source_relation}")
            connection.execute(f"CREATE TABLE main.{table.name} AS {query}")
            row_counts[table.name] = connection.execute(f"SELECT count(*) FROM main.{table.name}").fetchone()[0]
            _comment(connection, table)
        connection.execute(
            "CREATE TABLE main.load_info AS SELECT ? AS load_id, ? AS published_at",
            [load_id, datetime.now(timezone.utc).replace(tzinfo=None)],
        )
        connection.execute("COMMENT ON TABLE main.load_info IS 'The load that published this file (发布批次).'")
        connection.execute("DETACH build")
        # A DuckDB file copied or renamed with an un-checkpointed WAL loses data.
        connection.execute("CHECKPOINT")
    with open(staging_file, "rb") as handle:
        os.fsync(handle.fileno())
    try:
        if before_swap is not None:
            before_swap(staging_file)
    except BaseException:
        staging_file.unlink(missing_ok=True)
        raise
    os.replace(staging_file, published_db)
    _fsync_directory(published_db.parent)
    return row_counts


def _comment(connection: duckdb.DuckDBPyConnection, table: PublishedTable) -> None:
    if table.description:
        connection.execute(f"COMMENT ON TABLE main.{table.name} IS {_quote_literal(table.description)}")
    existing = {row[0] for row in connection.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = ?",
        [table.name]).fetchall()}
    for column, text in table.column_descriptions.items():
        if text and column in existing:
            connection.execute(f"COMMENT ON COLUMN main.{table.name}.{column} IS {_quote_literal(text)}")
