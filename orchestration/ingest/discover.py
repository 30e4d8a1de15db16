"""Find the files a load was asked to read."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path


class MissingInputError(FileNotFoundError):
    pass


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files given directly, and every non-hidden file under given folders, in a stable order."""
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path)
                if child.is_file() and not any(part.startswith(".") for part in relative.parts):
                    yield child
        elif path.is_file():
            yield path
        else:
            raise MissingInputError(f"{path}: no such file or folder")
