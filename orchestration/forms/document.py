"""parse_document: bytes in, parsed forms out. Pure: no file, network or database access."""

from __future__ import annotations

import hashlib

from .cells import tokenize_tab_cells
from .decode import decode_bytes
from .layout_seed import parse_form, split_forms
from .model import DocumentError, FileParse

NO_FORM = "no 项目支出绩效自评表 form found"


def parse_document(data: bytes, source_name: str) -> FileParse:
    data = bytes(data)
    file_hash = hashlib.sha256(data).hexdigest()
    text, encoding = decode_bytes(data)
    chunks = split_forms(tokenize_tab_cells(text))
    if not chunks:
        raise DocumentError(source_name, 1, NO_FORM)
    forms = [parse_form(rows, index) for index, rows in enumerate(chunks)]
    return FileParse(source_name=source_name, file_hash=file_hash, encoding=encoding, forms=forms)
