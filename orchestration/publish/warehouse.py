"""Build the published DuckDB file beside the old one, then swap it in atomically.

Readers that already have the old file open keep reading it; new readers get the new one; nobody
ever sees a half-written file, and no reader can block the load (it never opens the build file).

Tables whose rows are per form (`PublishedTable.per_form_sql`: `audit_form_cells`, 10^7 rows per
100,000 forms, and the incremental fct_* marts) are carried over: the new file starts as a copy of the
old one, the other tables are dropped and built again, and a per-form table loses the rows of its
changed forms and gains their rows as built now. Which forms changed is exact:
- `audit_form_cells` ("landed"): forms landed since or gone from raw.forms. `load_info.form_load_ids`
  records the load ids of every raw form the file was built from, and a form landed again (a year
  backfill) carries a new load id;
- marts ("mart"): forms whose row of the one-row-per-form mart (catalog.FORM_CHANGE_DETECTOR) differs
  between the old file and the build, either way: new, no longer published, or changed (a newer
  version, another warning count, landed again). With the same dbt code, a form's rows in every
  per-form mart are a function of its own rows and of that row.
A carried table is only reused when `load_info.per_form_definitions` says the same code made it;
otherwise (and without an old file) everything is built from scratch. Which forms of which carried
table were replaced is written beside the file (`changes_path`): the Parquet copy rewrites only those.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from orchestration.duckdb_memory import limit_memory
from orchestration.publish.catalog import FORM_CHANGE_DETECTOR, PublishedTable
from orchestration.sql_text import sql_literal

LOAD_INFO_COMMENTS = {
    "load_id": "The load that published this file (发布批次)",
    "published_at": "When it was published, UTC (发布时间)",
    "form_load_ids": "JSON list of the load ids of the raw forms this file was built from (表单所属批次)",
    "per_form_definitions": "JSON: per-form table -> version of the code that built it (逐表单表的定义版本)",
}



def _fsync_directory(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def changes_path(published_db: Path, load_id: str) -> Path:
    """Where a publication records which forms of each carried table it replaced (for the Parquet copy:
    `publish/parquet.py`). Columns: base_load_id (the load of the file it started from), table_name,
    form_id (NULL: a row saying the table was carried)."""
    return published_db.with_name(f".{published_db.name}.{load_id}.changes.parquet")


def _carry_over_base(published_db: Path, tables: list[PublishedTable]) -> tuple[list[str], set[str], str] | None:
    """(load ids of the old file's raw forms, names of the per-form tables it can give, the old file's
    load id) or None."""
    per_form = {table.name: table.definition for table in tables if table.per_form_sql and table.definition}
    if not per_form or not published_db.exists():
        return None
    try:
        with duckdb.connect(str(published_db), read_only=True) as connection:
            present = {row[0] for row in connection.execute(
                "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'").fetchall()}
            columns = {row[0] for row in connection.execute(
                "SELECT column_name FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = 'load_info'"
            ).fetchall()}
            if not {"form_load_ids", "per_form_definitions"} <= columns:
                return None
            row = connection.execute("SELECT form_load_ids, per_form_definitions, load_id FROM main.load_info").fetchone()
    except duckdb.Error:
        return None
    if row is None or row[0] is None or row[1] is None:
        return None
    definitions = json.loads(row[1])
    carried = {name for name, definition in per_form.items() if name in present and definitions.get(name) == definition}
    marts = {table.name for table in tables if table.per_form_sql and table.carry == "mart"}
    if FORM_CHANGE_DETECTOR not in carried:  # without it, no mart's changed forms are known
        carried -= marts
    return (json.loads(row[0]), carried, row[2]) if carried else None


def publish_warehouse(build_db: Path, published_db: Path, tables: list[PublishedTable], load_id: str,
                      before_swap: Callable[[Path], None] | None = None) -> dict:
    """`before_swap(new_file)` runs on the finished file before it replaces the old one: if it fails,
    the old published file stays (used to publish the same state to PostgreSQL first)."""
    published_db.parent.mkdir(parents=True, exist_ok=True)
    # Left-overs of loads that were killed mid-publish: never swapped in, safe to drop.
    for leftover in published_db.parent.glob(f".{published_db.name}.*.partial*"):
        leftover.unlink(missing_ok=True)
    for leftover in published_db.parent.glob(f".{published_db.name}.*.changes.parquet"):
        leftover.unlink(missing_ok=True)
    staging_file = published_db.with_name(f".{published_db.name}.{load_id}.partial")
    changes_file = changes_path(published_db, load_id)
    base = _carry_over_base(published_db, tables)
    carried: set[str] = set()
    if base is not None:
        shutil.copyfile(published_db, staging_file)
        carried = base[1]
    row_counts: dict[str, int] = {}
    try:
        with duckdb.connect(str(staging_file)) as connection:
            limit_memory(connection)
            connection.execute("SET enable_progress_bar = false")
            connection.execute("SET preserve_insertion_order = false")  # tables have no row order: write in parallel
            connection.execute("SET checkpoint_threshold = '1GB'")  # one checkpoint on close, not one per table
            connection.execute(f"ATTACH {sql_literal(str(build_db))} AS build (READ_ONLY)")
            if base is not None:
                _keep_only(connection, carried)
                connection.execute("CREATE TEMP TABLE carried_loads AS SELECT unnest(CAST(? AS VARCHAR[])) AS load_id",
                                   [base[0]])
                connection.execute("CREATE TEMP TABLE replaced_forms (table_name VARCHAR, form_id VARCHAR)")
                connection.execute("""
                    CREATE TEMP TABLE fresh_forms AS
                    SELECT form_id FROM build.raw.forms
                    WHERE load_id IS NULL OR load_id NOT IN (SELECT load_id FROM carried_loads WHERE load_id IS NOT NULL)
                    """)
                if FORM_CHANGE_DETECTOR in carried:  # before any carried table is changed
                    detector = f"build.{_relation_of(tables, FORM_CHANGE_DETECTOR)}"
                    connection.execute(f"""
                        CREATE TEMP TABLE changed_mart_forms AS
                        SELECT form_id FROM (SELECT * FROM {detector} EXCEPT SELECT * FROM main.{FORM_CHANGE_DETECTOR})
                        UNION
                        SELECT form_id FROM (SELECT * FROM main.{FORM_CHANGE_DETECTOR} EXCEPT SELECT * FROM {detector})
                        """)
            for table in tables:
                if table.name in carried:
                    name = sql_literal(table.name)
                    if table.carry == "mart":
                        connection.execute(f"INSERT INTO replaced_forms SELECT {name}, form_id FROM changed_mart_forms")
                        gaining = "SELECT form_id FROM changed_mart_forms"
                    else:
                        # Forms landed again or gone since the old file lose their rows; landed forms gain theirs.
                        connection.execute(f"""
                            INSERT INTO replaced_forms
                            SELECT {name}, form_id FROM fresh_forms
                            UNION
                            SELECT {name}, form_id FROM (SELECT DISTINCT form_id FROM main.{table.name})
                            WHERE form_id NOT IN (SELECT form_id FROM build.raw.forms)""")
                        gaining = "SELECT form_id FROM fresh_forms"
                    connection.execute(f"DELETE FROM main.{table.name} WHERE form_id IN "
                                       f"(SELECT form_id FROM replaced_forms WHERE table_name = {name})")
                    connection.execute(f"INSERT INTO main.{table.name} BY NAME {table.per_form_sql(gaining)}")
                else:
                    query = (table.source_relation if table.source_relation.lstrip().upper().startswith("SELECT")
                             else f"SELECT * FROM build.{table.source_relation}")
                    connection.execute(f"CREATE TABLE main.{table.name} AS {query}")
                row_counts[table.name] = connection.execute(f"SELECT count(*) FROM main.{table.name}").fetchone()[0]
                _comment(connection, table)
            definitions = {table.name: table.definition for table in tables if table.per_form_sql and table.definition}
            connection.execute(
                "CREATE TABLE main.load_info AS SELECT CAST(? AS VARCHAR) AS load_id, CAST(? AS TIMESTAMP) AS published_at, "
                "CAST((SELECT to_json(coalesce(list(DISTINCT load_id ORDER BY load_id), [])) FROM build.raw.forms "
                "      WHERE load_id IS NOT NULL) AS VARCHAR) AS form_load_ids, "
                "CAST(? AS VARCHAR) AS per_form_definitions",
                [load_id, datetime.now(timezone.utc).replace(tzinfo=None), json.dumps(definitions, sort_keys=True)],
            )
            connection.execute("COMMENT ON TABLE main.load_info IS 'The load that published this file (发布批次).'")
            for column, text in LOAD_INFO_COMMENTS.items():
                connection.execute(f"COMMENT ON COLUMN main.load_info.{column} IS {sql_literal(text)}")
            connection.execute("DETACH build")
            if base is not None:
                connection.execute("INSERT INTO replaced_forms SELECT unnest(CAST(? AS VARCHAR[])), NULL",
                                   [sorted(carried)])
                connection.execute(f"""
                    COPY (SELECT CAST({sql_literal(str(base[2]))} AS VARCHAR) AS base_load_id, table_name, form_id
                          FROM replaced_forms)
                    TO {sql_literal(str(changes_file))} (FORMAT parquet)""")
            # A DuckDB file copied or renamed with an un-checkpointed WAL loses data.
            connection.execute("CHECKPOINT")
        with open(staging_file, "rb") as handle:
            os.fsync(handle.fileno())
        if before_swap is not None:
            before_swap(staging_file)
    except BaseException:
        staging_file.unlink(missing_ok=True)
        changes_file.unlink(missing_ok=True)
        raise
    os.replace(staging_file, published_db)
    _fsync_directory(published_db.parent)
    return row_counts


def _relation_of(tables: list[PublishedTable], name: str) -> str:
    return next(table.source_relation for table in tables if table.name == name)


def _keep_only(connection: duckdb.DuckDBPyConnection, keep: set[str]) -> None:
    """Drop every relation of the copied file but the carried tables, and free their blocks for the
    tables built next (so the file does not grow by a copy of them on every load)."""
    for name, kind in connection.execute(
            "SELECT table_name, 'TABLE' FROM duckdb_tables() WHERE database_name = current_database() "
            "AND schema_name = 'main' UNION ALL SELECT view_name, 'VIEW' FROM duckdb_views() "
            "WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal").fetchall():
        if name not in keep:
            connection.execute(f'DROP {kind} main."{name}"')
    connection.execute("CHECKPOINT")


def _comment(connection: duckdb.DuckDBPyConnection, table: PublishedTable) -> None:
    if table.description:
        connection.execute(f"COMMENT ON TABLE main.{table.name} IS {sql_literal(table.description)}")
    existing = {row[0] for row in connection.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = ?",
        [table.name]).fetchall()}
    for column, text in table.column_descriptions.items():
        if text and column in existing:
            connection.execute(f"COMMENT ON COLUMN main.{table.name}.{column} IS {sql_literal(text)}")
