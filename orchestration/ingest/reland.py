"""Backfill of report years: parse the archived files of those years' forms again and replace their rows.

Used when the parser improved (a new template, a fixed number format) and a year's forms must be
read again. The archive keeps every received file's original bytes, so nothing has to be sent again.

- Files are those holding at least one form of the years (raw.forms); each is parsed again in the
  parse workers. A file whose forms the current parser cannot read any more keeps its earlier rows
  and is reported: a backfill never loses a form.
- Rows of the years' forms of the re-parsed files are deleted and the re-parsed forms inserted (a
  form whose year the new parse changed moves with it), in one transaction: readers and a killed
  backfill see the old rows or the new ones, never half.
- Forms keep their file's original receipt time (re-submissions are ordered by it) and carry the
  backfill's load id (the quarantine circuit breaker counts them as this load's forms).
- raw.received_files is not changed: the files were received when they were received.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence

import duckdb
import pyarrow as pa

from orchestration.duckdb_memory import limit_memory
from orchestration.home import HomeLayout
from orchestration.ingest.landing import (
    CHUNK_FILES,
    FileProblem,
    LandingSummary,
    Parser,
    Timer,
    default_workers,
)
from orchestration.ingest.raw_schema import RAW_DDL
from orchestration.ingest.worker import ArchivedFile, ChunkResult, reparse_archived_chunk

FORM_TABLES = ("forms", "fund_rows", "indicator_rows")


def reland_years(layout: HomeLayout, years: Sequence[int], load_id: str, *,
                 workers: int | None = None) -> LandingSummary:
    summary = LandingSummary()
    timer = Timer(summary.seconds)
    started = time.perf_counter()
    year_list = sorted({int(year) for year in years})
    with duckdb.connect(str(layout.build_db)) as connection:
        limit_memory(connection)
        connection.execute("SET enable_progress_bar = false")
        connection.execute(RAW_DDL)
        files = [ArchivedFile(*row) for row in connection.execute(
            """
            SELECT file_hash, file_name, archive_path, received_at FROM raw.received_files
            WHERE file_hash IN (SELECT file_hash FROM raw.forms WHERE report_year IN (SELECT unnest(?)))
            ORDER BY received_at, file_hash
            """, [year_list]).fetchall()]
        summary.files_seen = len(files)
        parser = Parser(workers or default_workers(), (load_id,), timer, task=reparse_archived_chunk)
        connection.execute("BEGIN TRANSACTION")
        try:
            for chunk in _chunks(files):
                for result in parser.submit(chunk):
                    _replace(connection, result, year_list, summary, timer)
            for result in parser.drain():
                _replace(connection, result, year_list, summary, timer)
            with timer("insert"):
                connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        finally:
            parser.close()
            summary.workers = parser.workers_started
    summary.seconds["total"] = time.perf_counter() - started
    return summary


def _chunks(files: list[ArchivedFile]) -> Iterator[list[ArchivedFile]]:
    for start in range(0, len(files), CHUNK_FILES):
        yield files[start:start + CHUNK_FILES]


def _replace(connection: duckdb.DuckDBPyConnection, result: ChunkResult, years: list[int],
             summary: LandingSummary, timer: Timer) -> None:
    summary.problems.extend(FileProblem(path, line, reason) for path, line, reason in result.problems)
    reparsed: pa.Table = result.tables["received_files"].select(["file_hash"])
    if not reparsed.num_rows:
        return
    summary.files_new += reparsed.num_rows
    with timer("insert"):
        connection.register("reparsed_files", reparsed)
        for table in FORM_TABLES:
            connection.register(f"reparsed_{table}", result.tables[table])
        connection.execute("""
            CREATE OR REPLACE TEMP TABLE replaced_forms AS
            SELECT form_id FROM raw.forms
            WHERE report_year IN (SELECT unnest(?)) AND file_hash IN (SELECT file_hash FROM reparsed_files)
            """, [years])
        for table in FORM_TABLES:
            connection.execute(f"DELETE FROM raw.{table} WHERE form_id IN (SELECT form_id FROM replaced_forms)")
        # Forms of other years in the same files are still there and stay as they are.
        connection.execute("""
            CREATE OR REPLACE TEMP TABLE relanded_forms AS
            SELECT form_id FROM reparsed_forms WHERE form_id NOT IN (SELECT form_id FROM raw.forms)
            """)
        for table in FORM_TABLES:
            connection.execute(f"""
                INSERT INTO raw.{table} BY NAME
                SELECT * FROM reparsed_{table} WHERE form_id IN (SELECT form_id FROM relanded_forms)
                """)
        summary.forms_landed += connection.execute("SELECT count(*) FROM relanded_forms").fetchall()[0][0]
        for name in ("reparsed_files", *(f"reparsed_{table}" for table in FORM_TABLES)):
            connection.unregister(name)
