"""Keep every received file, by content hash, so nothing is ever lost."""

from __future__ import annotations

import os
from pathlib import Path


def archive_bytes(data: bytes, destination: Path) -> Path:
    """Write once: a file already archived under its hash is the same bytes."""
    if destination.exists():
        return destination
    destination.parent.mkdir(parents=True, exist_ok=True)
    temporary = destination.with_name(destination.name + ".partial")
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, destination)
    return destination
