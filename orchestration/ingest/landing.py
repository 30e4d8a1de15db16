"""Land received files: archive by content hash, parse, bulk-insert raw rows.

A file already received (same bytes) is skipped before it is parsed, so reloading a folder costs one
read and one sha256 per file. A file that cannot be read or parsed is archived and recorded with its
reason, never dropped.

How it streams (docs/ARCHITECTURE.md, "Landing"):
- the main process walks the inputs in a stable order, reads and hashes each file, and drops the
  ones already received (in earlier loads or earlier in this one);
- new files go in chunks to worker processes (one per core) that parse, archive and return the rows
  as Arrow tables (`ingest/worker.py`); at most a few chunks are in flight, so memory is bounded by
  the chunk and batch sizes, never by the corpus;
- the main process inserts the tables in batches of `BATCH_FORMS` forms, in file order, one
  transaction per batch: a file's rows land all together or not at all, and the archive is flushed
  to disk (one syncfs) before each commit, so no committed row points at a file that is not durable.
  A load that fails part-way keeps the batches it committed: their files count as received, and the
  next load checks and publishes them (orchestration/ingest/unchanged.py never skips a rebuild while
  rows of an unfinished load are in raw.*). One transaction for the whole load would keep a million
  forms' rows in DuckDB's transaction-local storage (several GB).
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from multiprocessing import get_context
from pathlib import Path

import duckdb
import pyarrow as pa

from orchestration.duckdb_memory import limit_memory
from orchestration.forms import DocumentError
from orchestration.home import HomeLayout
from orchestration.ingest.archive import sync_filesystem
from orchestration.ingest.discover import RealPaths, iter_input_files
from orchestration.ingest.file_stats import known_stat_keys, record_stat_keys, stat_key
from orchestration.ingest.raw_schema import RAW_DDL, RAW_TABLES
from orchestration.ingest.worker import ChunkResult, NewFile, parse_chunk, start_worker

# Self-assessment forms are a few kB; anything this large is not a form and is refused unread.
MAX_FILE_BYTES = 64 * 1024 * 1024
CHUNK_FILES = 64                # files per worker task (each task builds and pickles its own Arrow tables)
CHUNK_BYTES = 8 * 1024 * 1024   # ... or fewer when they are large
BATCH_FORMS = 20_000            # forms per bulk insert
WORKERS_ENV = "JIXIAO_PARSE_WORKERS"  # override the worker count (1: parse in this process)
LANDING_DUCKDB_THREADS = 1


@dataclass
class FileProblem:
    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        place = f"line {self.line}: " if self.line else ""
        return f"{self.path}: {place}{self.reason}"


@dataclass
class LandingSummary:
    files_seen: int = 0
    files_new: int = 0
    files_already_received: int = 0
    forms_landed: int = 0
    problems: list[FileProblem] = field(default_factory=list)
    workers: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def files_failed(self) -> int:
        return len(self.problems)

    def as_metadata(self) -> dict:
        return {
            "files_seen": self.files_seen,
            "files_new": self.files_new,
            "files_already_received": self.files_already_received,
            "files_failed": self.files_failed,
            "forms_landed": self.forms_landed,
            "problems": [str(problem) for problem in self.problems],
            "parse_workers": self.workers,
            **{f"seconds_{name}": round(value, 3) for name, value in self.seconds.items()},
        }


def _read(path: Path, size: int) -> bytes:
    """The file's bytes, read unbuffered (one open, read and close per small file: the landing's main
    process reads every input, and a buffered file object costs more than the read)."""
    if size > MAX_FILE_BYTES:
        raise DocumentError(str(path), None, f"file is {size} bytes, above the {MAX_FILE_BYTES}-byte limit")
    descriptor = os.open(path, os.O_RDONLY)
    try:
        parts = []
        while True:  # to the end, whatever the size said: a file may grow between stat and read
            part = os.read(descriptor, max(size, 65536))
            if not part:
                return b"".join(parts) if len(parts) != 1 else parts[0]
            parts.append(part)
    finally:
        os.close(descriptor)


def _known_hashes(connection: duckdb.DuckDBPyConnection) -> set[str]:
    return {row[0] for row in connection.execute("SELECT file_hash FROM raw.received_files").fetchall()}


def default_workers() -> int:
    configured = os.environ.get(WORKERS_ENV)
    if configured:
        return max(1, int(configured))
    return max(1, os.cpu_count() or 1)


def land_files(layout: HomeLayout, paths: Iterable[str | Path], load_id: str, *,
               workers: int | None = None, batch_forms: int = BATCH_FORMS,
               on_first_new_file: Callable[[], object] | None = None) -> LandingSummary:
    """`on_first_new_file` is called once, when the first file not received before is found."""
    summary = LandingSummary()
    received_at = datetime.now(timezone.utc).replace(tzinfo=None)
    timer = Timer(summary.seconds)
    started = time.perf_counter()
    with duckdb.connect(str(layout.build_db)) as connection:
        # Bounded like dbt's DuckDB (profiles.yml): without a limit DuckDB keeps up to 80 % of the
        # machine's memory in its buffer pool while a million forms are inserted. Half of it: the
        # parse workers and the warm-up (dbt, GX) run beside it (2.0 GB at 1M forms with all of it).
        limit_memory(connection, share=0.5)
        # The parse workers keep both cores busy; a second DuckDB thread scanning the Arrow batches and
        # compressing them at commit only competes with them: one thread inserts 100,000 forms with
        # ~2/3 of the CPU of two (benchmarks/README.md).
        connection.execute(f"SET threads = {LANDING_DUCKDB_THREADS}")
        connection.execute("SET enable_progress_bar = false")
        connection.execute(RAW_DDL)
        known = _known_hashes(connection)
        unchanged = known_stat_keys(connection)
        read_keys: list[tuple[str, str, str]] = []
        writer = _BatchWriter(connection, batch_forms, timer, layout.archive_dir)
        parser = Parser(workers or default_workers(), (layout, load_id, received_at), timer)
        try:
            for chunk in _new_file_chunks(paths, known, unchanged, read_keys, summary, timer, on_first_new_file):
                for result in parser.submit(chunk):
                    writer.add(result, summary)
            for result in parser.drain():
                writer.add(result, summary)
            writer.flush()
            with timer("insert"):
                record_stat_keys(connection, read_keys)
        except BaseException:
            writer.rollback()
            raise
        finally:
            parser.close()
            summary.workers = parser.workers_started
    summary.seconds["total"] = time.perf_counter() - started
    return summary


class Timer:
    def __init__(self, seconds: dict[str, float]) -> None:
        self.seconds = seconds

    def __call__(self, name: str):
        timer = self

        class _Span:
            def __enter__(self):
                self.began = time.perf_counter()

            def __exit__(self, *_):
                timer.seconds[name] = timer.seconds.get(name, 0.0) + time.perf_counter() - self.began

        return _Span()


def _new_file_chunks(paths, known: set[str], unchanged: set[str], read_keys: list[tuple[str, str, str]],
                     summary: LandingSummary, timer: Timer,
                     on_first_new_file: Callable[[], object] | None = None) -> Iterator[list[NewFile]]:
    """Read and hash every input file not landed unchanged before (`unchanged`: stat keys); yield the
    new ones in chunks, in a stable order. (stat key, hash, absolute path) of the files read go to
    `read_keys`."""
    chunk: list[NewFile] = []
    chunk_bytes = 0
    files = iter(iter_input_files(paths))
    resolved = RealPaths()
    while True:
        with timer("read_hash"):
            new = None
            for path in files:
                summary.files_seen += 1
                try:
                    stat = os.stat(path)
                    absolute = os.path.abspath(path)
                    key = stat_key(absolute, stat)
                    if key in unchanged:
                        summary.files_already_received += 1
                        continue
                    data = _read(path, stat.st_size)
                except (OSError, DocumentError) as error:
                    reason = error.reason if isinstance(error, DocumentError) else f"cannot read file: {error}"
                    summary.problems.append(FileProblem(str(path), None, reason))
                    continue
                file_hash = hashlib.sha256(data).hexdigest()
                read_keys.append((key, file_hash, absolute))
                if file_hash in known:
                    summary.files_already_received += 1
                    continue
                known.add(file_hash)
                summary.files_new += 1
                if summary.files_new == 1 and on_first_new_file is not None:
                    on_first_new_file()
                new = NewFile(str(path), path.name, resolved(absolute), data, file_hash)
                break
        if new is None:
            break
        chunk.append(new)
        chunk_bytes += len(new.data)
        if len(chunk) >= CHUNK_FILES or chunk_bytes >= CHUNK_BYTES:
            yield chunk
            chunk, chunk_bytes = [], 0
    if chunk:
        yield chunk


class Parser:
    """Parses chunks in worker processes, results in submission order. A load whose new files fit in one
    chunk is parsed in this process (starting workers would cost more than it saves)."""

    def __init__(self, workers: int, arguments: tuple, timer: Timer, task=parse_chunk) -> None:
        self.workers = workers
        self.task = task
        self.arguments = arguments
        self.timer = timer
        self.pool: ProcessPoolExecutor | None = None
        self.held: list[NewFile] | None = None
        self.in_flight: deque[Future] = deque()
        self.workers_started = 0

    def submit(self, chunk: list[NewFile]) -> Iterator[ChunkResult]:
        if self.workers <= 1:
            with self.timer("parse_inline"):
                result = self.task(chunk, *self.arguments)
            yield result
            return
        if self.pool is None and self.held is None:
            self.held = chunk
            return
        if self.pool is None:
            self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=get_context("spawn"),
                                            initializer=start_worker, initargs=(os.getpid(),))
            self.workers_started = self.workers
            self.in_flight.append(self.pool.submit(self.task, self.held, *self.arguments))
            self.held = None
        self.in_flight.append(self.pool.submit(self.task, chunk, *self.arguments))
        while len(self.in_flight) > 2 * self.workers:
            yield self._next()

    def drain(self) -> Iterator[ChunkResult]:
        if self.held is not None:
            with self.timer("parse_inline"):
                result = self.task(self.held, *self.arguments)
            self.held = None
            yield result
        while self.in_flight:
            yield self._next()

    def _next(self) -> ChunkResult:
        with self.timer("wait_for_parse"):
            return self.in_flight.popleft().result()

    def close(self) -> None:
        if self.pool is not None:
            for future in self.in_flight:
                future.cancel()
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


class _BatchWriter:
    """Collects Arrow tables and inserts them per table, `batch_forms` forms at a time, one transaction
    per batch (after the batch's archived files are flushed to disk)."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, batch_forms: int, timer: Timer,
                 archive_dir: Path) -> None:
        self.connection = connection
        self.batch_forms = batch_forms
        self.timer = timer
        self.archive_dir = archive_dir
        self.pending: dict[str, list[pa.Table]] = {table: [] for table in RAW_TABLES}
        self.pending_forms = 0
        self.began = False

    def add(self, result: ChunkResult, summary: LandingSummary) -> None:
        summary.forms_landed += result.forms
        summary.problems.extend(FileProblem(path, line, reason) for path, line, reason in result.problems)
        for table, frame in result.tables.items():
            if frame.num_rows:
                self.pending[table].append(frame)
        self.pending_forms += result.forms
        if self.pending_forms >= self.batch_forms:
            self.flush()

    def flush(self) -> None:
        if not any(self.pending.values()):
            return
        with self.timer("insert"):
            if not self.began:
                self.connection.execute("BEGIN TRANSACTION")
                self.began = True
            for table in RAW_TABLES:  # received_files first: forms point at their file
                parts = self.pending[table]
                if not parts:
                    continue
                frame = pa.concat_tables(parts)
                self.connection.register("landing_frame", frame)
                self.connection.execute(f"INSERT INTO raw.{table} BY NAME SELECT * FROM landing_frame")
                self.connection.unregister("landing_frame")
                parts.clear()
            self.pending_forms = 0
        with self.timer("archive_sync"):
            sync_filesystem(self.archive_dir)
        with self.timer("insert"):
            self.connection.execute("COMMIT")
        self.began = False

    def rollback(self) -> None:
        if self.began:
            self.connection.execute("ROLLBACK")
            self.began = False
