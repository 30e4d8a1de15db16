"""Recognise a file's format from its bytes (never from its name)."""

from __future__ import annotations

import io
import re
import zipfile

from ..decode import bomless_utf16

XLSX = "xlsx"
DOCX = "docx"
XLS = "xls"
DOC = "doc"
PDF = "pdf"
HTML = "html"
TEXT = "text"
ZIP = "zip"  # a zip that is neither workbook nor Word document
EMPTY = "empty"
BINARY = "binary"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_SNIFF = re.compile(rb"<\s*(?:!doctype\s+html|html|table|body|tr|td)\b", re.IGNORECASE)
# Bytes that never occur in text (NUL is handled apart: UTF-16 text is full of it).
_CONTROL = bytes(range(0, 32)).replace(b"\t", b"").replace(b"\n", b"").replace(b"\r", b"").replace(
    b"\x0c", b""
)


def sniff(data: bytes) -> str:
    if not data.strip():
        return EMPTY
    head = data[:8]
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    if head.startswith(_OLE_MAGIC):
        return XLS if _ole_has_workbook(data) else DOC
    if data.lstrip()[:5] == b"%PDF-" or data[:1024].find(b"%PDF-") >= 0:
        return PDF
    if _HTML_SNIFF.search(_ascii_view(data[:65536])):
        return HTML
    if _looks_binary(data):
        return BINARY
    return TEXT


def _ascii_view(chunk: bytes) -> bytes:
    # UTF-16 HTML: drop NULs so the tag search sees "<table".
    return chunk.replace(b"\x00", b"") if chunk.count(b"\x00") > len(chunk) // 4 else chunk


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return ZIP
    if "xl/workbook.xml" in names or any(n.startswith("xl/worksheets/") for n in names):
        return XLSX
    if "word/document.xml" in names:
        return DOCX
    return ZIP


def _ole_has_workbook(data: bytes) -> bool:
    # The OLE directory names streams in UTF-16LE: "Workbook" (BIFF8) or "Book" (BIFF5).
    return "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data[:65536 * 8]


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return False
    if 0 in sample:
        return bomless_utf16(sample) is None  # text with NULs is UTF-16 (the decoder's guess), else binary
    controls = sum(sample.count(bytes([c])) for c in _CONTROL)
    return controls > len(sample) // 100 + 2
