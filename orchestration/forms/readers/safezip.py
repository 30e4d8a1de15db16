"""Zip archives (xlsx, docx) checked before any XML in them is parsed.

The central directory states each member's uncompressed size; a member above the limit, a total
above the limit, or an extreme compression ratio (a zip bomb) is refused before decompression.
Members are only ever read into memory: no path from an archive is written anywhere.
"""

from __future__ import annotations

import io
import zipfile

from ..model import DocumentError

MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, per member (big members only)
MAX_MEMBERS = 10_000


def open_checked(data: bytes, source_name: str, kind: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise DocumentError(source_name, 1, f"corrupt {kind} file (not a readable zip archive: {error})") from None
    if len(infos) > MAX_MEMBERS:
        raise DocumentError(source_name, 1, f"{kind} archive has {len(infos)} members; refused (zip bomb?)")
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER_BYTES or (info.file_size > 1_000_000 and ratio > MAX_RATIO):
            raise DocumentError(
                source_name,
                1,
                f"{kind} member {info.filename!r} expands to {info.file_size} bytes "
                f"(ratio {ratio:.0f}); refused as a possible zip bomb",
            )
    if total > MAX_TOTAL_BYTES:
        raise DocumentError(source_name, 1, f"{kind} archive expands to {total} bytes; refused as a possible zip bomb")
    return archive


def read_member(archive: zipfile.ZipFile, name: str, source_name: str, kind: str) -> bytes:
    try:
        with archive.open(name) as handle:
            data = handle.read(MAX_MEMBER_BYTES + 1)
    except KeyError:
        raise DocumentError(source_name, 1, f"corrupt {kind} file: member {name} missing") from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as error:
        raise DocumentError(source_name, 1, f"corrupt {kind} file: {error}") from None
    if len(data) > MAX_MEMBER_BYTES:
        raise DocumentError(source_name, 1, f"{kind} member {name} larger than stated; refused")
    return data
