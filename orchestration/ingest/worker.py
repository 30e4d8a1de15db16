"""The parse step of landing, run in worker processes: parse a chunk of files, archive them, and return
their raw rows as Arrow tables.

Kept free of duckdb and Dagster imports so a spawned worker starts quickly.
"""

from __future__ import annotations

import gc
import sys
from dataclasses import dataclass, field
from datetime import datetime
import pyarrow as pa

from orchestration.forms import DocumentError, parse_document
from orchestration.home import HomeLayout
from orchestration.ingest.archive import archive_bytes
from orchestration.ingest.columns import RawColumns


@dataclass
class NewFile:
    """A file whose content is not in the warehouse yet (the main process read and hashed it)."""

    path: str
    name: str
    resolved: str
    data: bytes
    file_hash: str


@dataclass
class ChunkResult:
    tables: dict[str, pa.Table]
    forms: int = 0
    problems: list[tuple[str, int | None, str]] = field(default_factory=list)  # path, line, reason


def start_worker(parent_pid: int) -> None:
    """Worker initializer: tied to the load's process, pyarrow told there is no pandas to convert
    from, and the modules it imported (pyarrow, the parser) moved out of the garbage collector's full
    scans for good (~2 % of parsing time)."""
    die_with_parent(parent_pid)
    arrow_without_pandas()
    gc.freeze()


def arrow_without_pandas() -> None:
    """pyarrow imports pandas (~0.3 s) at a process's first conversion of Python values, only to ask
    whether they are pandas objects, and never asks again. A worker converts lists, never pandas
    objects: that first conversion runs while pandas cannot be found. pandas stays importable, and
    pyarrow's own pandas functions still import it when called."""
    if "pandas" in sys.modules:
        return
    sys.meta_path.insert(0, _NoPandas)
    try:
        pa.array([0], type=pa.int8())
    finally:
        sys.meta_path.remove(_NoPandas)


class _NoPandas:
    @staticmethod
    def find_spec(name, path=None, target=None):
        if name == "pandas":
            raise ModuleNotFoundError("pandas is left out of this conversion", name="pandas")
        return None


def die_with_parent(parent_pid: int) -> None:
    """Worker initializer: a worker never outlives the load that started it (a killed load would
    otherwise leave its workers waiting for work forever). Linux prctl(PR_SET_PDEATHSIG); elsewhere a no-op."""
    import ctypes
    import ctypes.util
    import os
    import signal

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)


def parse_chunk(files: list[NewFile], layout: HomeLayout, load_id: str, received_at: datetime) -> ChunkResult:
    """Parse, archive (write once, by hash; made durable by the caller before it commits) and tabulate."""
    columns = RawColumns()
    problems: list[tuple[str, int | None, str]] = []
    for new in files:
        try:
            parsed = parse_document(new.data, new.name)
            forms, encoding, error, error_line = parsed.forms, parsed.encoding, None, None
        except DocumentError as failure:
            forms, encoding, error, error_line = [], None, failure.reason, failure.line
            problems.append((new.path, error_line, error))
        archived = archive_bytes(new.data, layout.archive_path(new.file_hash, new.name), durable=False)
        columns.add_file(file_hash=new.file_hash, file_name=new.name, source_path=new.resolved,
                         archive_path=str(archived), size_bytes=len(new.data), received_at=received_at,
                         load_id=load_id, error=error, error_line=error_line, encoding=encoding, forms=forms)
    return ChunkResult(tables=columns.tables(), forms=columns.form_count, problems=problems)



@dataclass
class ArchivedFile:
    """A received file to parse again from the archive (a backfill of its forms' report years)."""

    file_hash: str
    name: str
    archive_path: str
    received_at: datetime


def reparse_archived_chunk(files: list[ArchivedFile], load_id: str) -> ChunkResult:
    """Parse archived files again with the current parser. A file that cannot be read or parsed any more
    is reported and contributes no rows (the caller then keeps its earlier rows)."""
    columns = RawColumns()
    problems: list[tuple[str, int | None, str]] = []
    for archived in files:
        try:
            with open(archived.archive_path, "rb") as handle:
                data = handle.read()
            forms = parse_document(data, archived.name).forms
        except OSError as failure:
            problems.append((archived.archive_path, None, f"cannot read the archived file: {failure}"))
            continue
        except DocumentError as failure:
            problems.append((archived.archive_path, failure.line, failure.reason))
            continue
        columns.add_file(file_hash=archived.file_hash, file_name=archived.name, source_path="",
                         archive_path=archived.archive_path, size_bytes=len(data),
                         received_at=archived.received_at, load_id=load_id, error=None, error_line=None,
                         encoding=None, forms=forms)
    return ChunkResult(tables=columns.tables(), forms=columns.form_count, problems=problems)
