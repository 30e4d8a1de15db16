"""A Parquet copy of every published table, replaced as a whole after each load.

Layout of `<home>/published/parquet/`: one file `<table>.parquet` per table, except the per-form tables
the publication carries over (`load_info.per_form_definitions`: `audit_form_cells`, the fct_* marts),
which are folders of parts, `<table>/*.parquet` (read them with `read_parquet('<table>/*.parquet')`).
`_parts.json` says which published load the copy mirrors and which parts each folder holds.

Why parts: the per-form tables are most of the copy (13 M cell rows at 100,000 forms: ~10 s of CPU
here), and a load changes few of their forms. The publication writes which forms of each carried
table it replaced (`warehouse.changes_path`); when the copy mirrors the file that publication started
from, the parts without such forms are kept as they are (hard links), those with some are written
again without them, and the replaced forms' rows as published now go to one new part. Otherwise, or
when a folder has gathered `MAX_PARTS` parts, or when the parts' row count is not the table's, the
table is written whole again.

The copy is mostly DuckDB's work, while the reports built from the same file are mostly Python's: the
publication step starts the copy in a thread (`start_export`) and the Parquet asset, which runs after
the reports, waits for it (`finish_export`); the two overlap on the two cores. In another process (a
step of its own) or when none was started, `finish_export` makes the copy itself.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from orchestration.duckdb_memory import limit_memory
from orchestration.publish.warehouse import changes_path
from orchestration.sql_text import sql_literal

STATE_FILE = "_parts.json"
MAX_PARTS = 16



def _read_state(parquet_dir: Path) -> dict:
    try:
        state = json.loads((parquet_dir / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


@dataclass
class ParquetCopy:
    files: list[Path]
    seconds: float
    parts_kept: int = 0       # per-form parts kept as they were
    parts_written: int = 0    # per-form parts written by this copy (new, rewritten, or whole tables)
    whole: list[str] = field(default_factory=list)  # per-form tables written whole


def export_parquet(published_db: Path, parquet_dir: Path, load_id: str) -> ParquetCopy:
    """Write the copy beside the old one and swap it in."""
    started = time.perf_counter()
    fresh = parquet_dir.with_name(f".{parquet_dir.name}.{load_id}.partial")
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir(parents=True)
    previous = _read_state(parquet_dir)
    changes = changes_path(published_db, load_id)
    with duckdb.connect(str(published_db), read_only=True) as connection:
        limit_memory(connection)
        connection.execute("SET enable_progress_bar = false")
        # Tables have no row order: without it DuckDB writes each file with every core (~2x faster).
        connection.execute("SET preserve_insertion_order = false")
        tables = [row[0] for row in connection.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY 1").fetchall()]
        per_form = _per_form_tables(connection, tables)
        carried = _carried_from(connection, changes, previous)
        parts: dict[str, list[str]] = {}
        whole: list[str] = []
        kept_count = 0
        for table in tables:
            if table not in per_form:
                connection.execute(f"COPY main.{table} TO {sql_literal(str(fresh / f'{table}.parquet'))} (FORMAT parquet)")
                continue
            folder = fresh / table
            folder.mkdir()
            kept = previous.get("tables", {}).get(table) if table in carried else None
            if kept is not None and len(kept) < MAX_PARTS:
                parts[table] = _update_parts(connection, table, parquet_dir / table, kept, folder, load_id)
                if _row_count(connection, folder, parts[table]) == _table_rows(connection, table):
                    kept_count += len(set(parts[table]) & set(kept))
                    continue
                shutil.rmtree(folder)
                folder.mkdir()
            whole.append(table)
            parts[table] = [f"part-{load_id}.parquet"]
            connection.execute(f"COPY main.{table} TO {sql_literal(str(folder / parts[table][0]))} (FORMAT parquet)")
    (fresh / STATE_FILE).write_text(json.dumps({"load_id": load_id, "tables": parts}, indent=1), encoding="utf-8")
    retired = parquet_dir.with_name(f".{parquet_dir.name}.retired")
    shutil.rmtree(retired, ignore_errors=True)
    if parquet_dir.exists():
        parquet_dir.rename(retired)
    fresh.rename(parquet_dir)
    shutil.rmtree(retired, ignore_errors=True)
    changes.unlink(missing_ok=True)
    all_parts = sum(len(names) for names in parts.values())
    return ParquetCopy(files=sorted(parquet_dir.rglob("*.parquet")), seconds=time.perf_counter() - started,
                       parts_kept=kept_count, parts_written=all_parts - kept_count, whole=whole)


def _per_form_tables(connection: duckdb.DuckDBPyConnection, tables: list[str]) -> set[str]:
    if "load_info" not in tables:
        return set()
    columns = {row[0] for row in connection.execute(
        "SELECT column_name FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = 'load_info'").fetchall()}
    if "per_form_definitions" not in columns:
        return set()
    row = connection.execute("SELECT per_form_definitions FROM main.load_info").fetchone()
    return set(json.loads(row[0])) & set(tables) if row and row[0] else set()


def _carried_from(connection: duckdb.DuckDBPyConnection, changes: Path, previous: dict) -> set[str]:
    """The tables whose old parts can be kept: the publication carried them over from the very file the
    old copy mirrors. Loads the replaced forms into the temp table `replaced`."""
    connection.execute("CREATE OR REPLACE TEMP TABLE replaced (table_name VARCHAR, form_id VARCHAR)")
    if not changes.exists() or not previous.get("load_id"):
        return set()
    connection.execute(f"INSERT INTO replaced SELECT table_name, form_id FROM read_parquet({sql_literal(str(changes))}) "
                       f"WHERE base_load_id = {sql_literal(str(previous['load_id']))}")
    carried = {row[0] for row in connection.execute("SELECT DISTINCT table_name FROM replaced").fetchall()}
    connection.execute("DELETE FROM replaced WHERE form_id IS NULL")
    return carried


def _update_parts(connection: duckdb.DuckDBPyConnection, table: str, old_folder: Path, old_parts: list[str],
                  folder: Path, load_id: str) -> list[str]:
    """Old parts without replaced forms are linked; the others are written again without them; the
    replaced forms' rows as published now are one new part."""
    replaced = f"(SELECT form_id FROM replaced WHERE table_name = {sql_literal(table)})"
    paths = [old_folder / name for name in old_parts]
    if not all(path.exists() for path in paths):
        return []  # the count check then rewrites the table
    stale: set[str] = set()
    if paths and connection.execute(f"SELECT count(*) FROM {replaced}").fetchone()[0]:
        files = "[" + ", ".join(sql_literal(str(path)) for path in paths) + "]"
        stale = {Path(row[0]).name for row in connection.execute(
            f"SELECT DISTINCT filename FROM read_parquet({files}, filename = true) WHERE form_id IN {replaced}"
        ).fetchall()}
    parts = []
    for number, path in enumerate(paths):
        if path.name not in stale:
            os.link(path, folder / path.name)
            parts.append(path.name)
            continue
        rewritten = f"part-{load_id}-{number}.parquet"
        connection.execute(f"COPY (SELECT * FROM read_parquet({sql_literal(str(path))}) WHERE form_id NOT IN {replaced}) "
                           f"TO {sql_literal(str(folder / rewritten))} (FORMAT parquet)")
        parts.append(rewritten)
    if connection.execute(f"SELECT count(*) FROM main.{table} WHERE form_id IN {replaced}").fetchone()[0]:
        added = f"part-{load_id}.parquet"
        connection.execute(f"COPY (SELECT * FROM main.{table} WHERE form_id IN {replaced}) "
                           f"TO {sql_literal(str(folder / added))} (FORMAT parquet)")
        parts.append(added)
    return parts


def _row_count(connection: duckdb.DuckDBPyConnection, folder: Path, parts: list[str]) -> int | None:
    if not parts:
        return None
    files = "[" + ", ".join(sql_literal(str(folder / name)) for name in parts) + "]"
    return connection.execute(f"SELECT sum(num_rows) FROM parquet_file_metadata({files})").fetchone()[0]


def _table_rows(connection: duckdb.DuckDBPyConnection, table: str) -> int:
    return connection.execute(f"SELECT count(*) FROM main.{table}").fetchone()[0]


_running: dict[str, tuple[threading.Thread, dict]] = {}


def start_export(published_db: Path, parquet_dir: Path, load_id: str) -> None:
    outcome: dict = {}

    def export() -> None:
        try:
            outcome["copy"] = export_parquet(published_db, parquet_dir, load_id)
        except BaseException as error:  # re-raised by finish_export in the Parquet step
            outcome["error"] = error

    # Not a daemon: a process that ends before the Parquet step waits for the copy to be complete.
    thread = threading.Thread(target=export, name="jixiao-parquet", daemon=False)
    _running[load_id] = (thread, outcome)
    thread.start()


def finish_export(published_db: Path, parquet_dir: Path, load_id: str) -> ParquetCopy:
    running = _running.pop(load_id, None)
    if running is None:
        return export_parquet(published_db, parquet_dir, load_id)
    thread, outcome = running
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["copy"]
