"""Keep every received file, by content hash, so nothing is ever lost."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from pathlib import Path


def archive_bytes(data: bytes, destination: Path, durable: bool = True) -> Path:
    """Write once: a file already archived under its hash is the same bytes.

    `durable=False` leaves the flush to the caller: landing writes thousands of files and makes them
    durable with one `sync_filesystem` before it commits the rows that point at them (one fsync per
    file costs ~1 ms each, 20 s for 20,000 files).

    Plain `os` calls on text paths, and each folder made once per process: a parse worker archives
    tens of thousands of small files, and pathlib and buffered files cost more than the writing.
    """
    target = os.fspath(destination)
    try:
        if os.stat(target).st_size == len(data):
            return destination
    except FileNotFoundError:
        pass
    # pid in the name: two workers archiving the same bytes never share a temporary file.
    temporary = f"{target}.{os.getpid()}.partial"
    try:
        descriptor = _create(temporary)
    except FileNotFoundError:  # a folder this process made was removed since
        _made_folders.discard(os.path.dirname(target))
        descriptor = _create(temporary)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view):]
        if durable:
            os.fsync(descriptor)
    finally:
        os.close(descriptor)
    os.replace(temporary, target)
    return destination


_made_folders: set[str] = set()


def _create(path: str) -> int:
    folder = os.path.dirname(path)
    if folder not in _made_folders:
        os.makedirs(folder, exist_ok=True)
        _made_folders.add(folder)
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)


def sync_filesystem(folder: Path) -> None:
    """Flush everything written to the filesystem that holds `folder` (Linux syncfs; else sync)."""
    libc_name = ctypes.util.find_library("c")
    syncfs = getattr(ctypes.CDLL(libc_name, use_errno=True), "syncfs", None) if libc_name else None
    if syncfs is None:
        os.sync()
        return
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        if syncfs(descriptor) != 0:
            os.sync()
    finally:
        os.close(descriptor)
