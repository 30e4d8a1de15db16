"""Land received files: archive by content hash, parse, bulk-insert raw rows.

A file already received (same bytes) is skipped, so reloading a folder changes nothing.
A file that cannot be read or parsed is archived and recorded with its reason, never dropped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pyarrow as pa

from orchestration.forms import DocumentError, parse_document
from orchestration.home import HomeLayout
from orchestration.ingest.archive import archive_bytes
from orchestration.ingest.discover import iter_input_files
from orchestration.ingest.raw_schema import RAW_DDL
from orchestration.ingest.rows import fund_rows, indicator_rows, form_row

# Self-assessment forms are a few kB; anything this large is not a form and is refused unread.
MAX_FILE_BYTES = 64 * 1024 * 1024


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
        }


@dataclass
class _Batch:
    files: list[dict] = field(default_factory=list)
    forms: list[dict] = field(default_factory=list)
    funds: list[dict] = field(default_factory=list)
    indicators: list[dict] = field(default_factory=list)


def _read(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise DocumentError(str(path), None, f"file is {size} bytes, above the {MAX_FILE_BYTES}-byte limit")
    return path.read_bytes()


def _known_hashes(connection: duckdb.DuckDBPyConnection) -> set[str]:
    return {row[0] for row in connection.execute("SELECT file_hash FROM raw.received_files").fetchall()}


def land_files(layout: HomeLayout, paths: Iterable[str | Path], load_id: str) -> LandingSummary:
    summary = LandingSummary()
    batch = _Batch()
    received_at = datetime.now(timezone.utc).replace(tzinfo=None)
    with duckdb.connect(str(layout.build_db)) as connection:
        connection.execute(RAW_DDL)
        known = _known_hashes(connection)
        for path in iter_input_files(paths):
            summary.files_seen += 1
            _receive_one(path, layout, load_id, received_at, known, batch, summary)
        _insert(connection, batch)
    return summary


def _receive_one(path, layout, load_id, received_at, known, batch, summary) -> None:
    try:
        data = _read(path)
    except (OSError, DocumentError) as error:
        reason = error.reason if isinstance(error, DocumentError) else f"cannot read file: {error}"
        summary.problems.append(FileProblem(str(path), None, reason))
        return
    try:
        parsed = parse_document(data, path.name)
        file_hash, forms, error_line, error_text = parsed.file_hash, parsed.forms, None, None
        encoding = parsed.encoding
    except DocumentError as error:
        file_hash, forms, encoding = hashlib.sha256(data).hexdigest(), [], None
        error_line, error_text = error.line, error.reason
    if file_hash in known:
        summary.files_already_received += 1
        return
    known.add(file_hash)
    archived = archive_bytes(data, layout.archive_path(file_hash, path.name))
    summary.files_new += 1
    if error_text is not None:
        summary.problems.append(FileProblem(str(path), error_line, error_text))
    batch.files.append({
        "file_hash": file_hash, "file_name": path.name, "source_path": str(path.resolve()),
        "archive_path": str(archived), "size_bytes": len(data), "received_at": received_at,
        "load_id": load_id, "status": "failed" if error_text else "parsed", "error": error_text,
        "error_line": error_line, "encoding": encoding, "form_count": len(forms),
    })
    for form in forms:
        batch.forms.append(form_row(form, file_hash=file_hash, source_file=path.name, load_id=load_id,
                                    received_at=received_at))
        batch.funds.extend(fund_rows(form, file_hash=file_hash))
        batch.indicators.extend(indicator_rows(form, file_hash=file_hash))
    summary.forms_landed += len(forms)


def _insert(connection: duckdb.DuckDBPyConnection, batch: _Batch) -> None:
    """One bulk insert per table, in one transaction: a crash lands all of a load or none of it."""
    connection.execute("BEGIN TRANSACTION")
    try:
        for table, rows in (("received_files", batch.files), ("forms", batch.forms),
                            ("fund_rows", batch.funds), ("indicator_rows", batch.indicators)):
            if not rows:
                continue
            # Arrow keeps NULLs as NULLs (pandas would turn a missing integer into NaN).
            frame = pa.Table.from_pylist(rows)
            connection.register("landing_frame", frame)
            connection.execute(f"INSERT INTO raw.{table} BY NAME SELECT * FROM landing_frame")
            connection.unregister("landing_frame")
        connection.execute("COMMIT")
    except Exception:
        connection.execute("ROLLBACK")
        raise
