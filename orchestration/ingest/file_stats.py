"""Skip reading input files that were landed before and have not changed since.

A reload of a 100,000-form folder read and hashed 190 MB again to find the few new files. A file
whose path, size, modification time, change time, inode and device are those recorded when its
content was landed has the same bytes: any write changes its ctime, which cannot be set back. Such
a file is counted as already received without being opened. Anything else (a new path, a copied or
touched file) is read and hashed as before, so the cache can only save work, never hide a change.

A path keeps one row, its latest state: a file that is touched every night (a sync tool rewriting
a folder) replaces its row instead of adding one per night.
"""

from __future__ import annotations

import hashlib
import os
from datetime import datetime, timezone

import duckdb
import pyarrow as pa


def stat_key(path: str, stat: os.stat_result) -> str:
    text = f"{os.path.abspath(path)}\0{stat.st_size}\0{stat.st_mtime_ns}\0{stat.st_ctime_ns}\0{stat.st_ino}\0{stat.st_dev}"
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def known_stat_keys(connection: duckdb.DuckDBPyConnection) -> set[str]:
    """Stat keys of files whose content is in raw.received_files."""
    return {row[0] for row in connection.execute(
        "SELECT DISTINCT stat_key FROM raw.file_stats "
        "WHERE file_hash IN (SELECT file_hash FROM raw.received_files)").fetchall()}


def record_stat_keys(connection: duckdb.DuckDBPyConnection, keys: list[tuple[str, str, str]]) -> None:
    """(stat key, file hash, absolute path) of files read in this landing, after their rows were
    committed. Earlier states of the same paths are dropped."""
    if not keys:
        return
    recorded_at = datetime.now(timezone.utc).replace(tzinfo=None)
    frame = pa.table({"stat_key": [key for key, _, _ in keys], "file_hash": [file_hash for _, file_hash, _ in keys],
                      "path": [path for _, _, path in keys]})
    connection.register("new_file_stats", frame)
    try:
        connection.execute("BEGIN TRANSACTION")
        connection.execute("DELETE FROM raw.file_stats WHERE path IN (SELECT path FROM new_file_stats)")
        connection.execute(
            "INSERT INTO raw.file_stats BY NAME SELECT stat_key, file_hash, ? AS recorded_at, path FROM new_file_stats "
            "WHERE file_hash IN (SELECT file_hash FROM raw.received_files)", [recorded_at])
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    finally:
        connection.unregister("new_file_stats")
