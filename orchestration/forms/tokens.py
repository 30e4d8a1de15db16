"""Text layouts that are not the seed's tab-cell dump, cut into a stream of tokens.

- pipe text: cells separated by "|" ("value |" one per line, or "| a | b |" pseudo-rows whose
  boundaries need not match the table's rows); a token is a cell, empty cells are kept.
- flattened text: a whole table run together with spaces; a token is a run of non-space
  characters and `gap` keeps the whitespace before it, so free text can be rebuilt exactly.
- tab-separated rows (a spreadsheet pasted as text) become grid rows instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cells import Cell, Row, clean_cell

PIPE = "pipe"
FLAT = "flat"
TAB_CELLS = "tab-cells"
TSV = "tsv"

_WORD = re.compile(r"\S+")


@dataclass(slots=True)
class Token:
    text: str
    line: int
    gap: str  # whitespace before the token (flat) or "" (a cell boundary in pipe text)
    empty: bool = False


def text_layout(text: str) -> str:
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return TAB_CELLS
    tabbed = sum(1 for line in lines if line.startswith("\t"))
    if tabbed * 3 >= len(lines):
        return TAB_CELLS
    piped = sum(1 for line in lines if "|" in line)
    if piped * 3 >= len(lines) and piped >= 3:
        return PIPE
    inner_tabs = sum(1 for line in lines if "\t" in line.strip())
    if inner_tabs * 3 >= len(lines) and inner_tabs >= 3:
        return TSV
    return FLAT


def pipe_tokens(text: str) -> list[Token]:
    tokens: list[Token] = []
    for lineno, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if not stripped:
            continue
        if "|" not in stripped:
            tokens.append(Token(clean_cell(stripped), lineno, ""))
            continue
        pieces = stripped.split("|")
        if stripped.startswith("|"):
            pieces = pieces[1:]
        if stripped.endswith("|") and pieces:
            pieces = pieces[:-1]
        if not pieces:
            pieces = [""]
        for piece in pieces:
            cell = clean_cell(piece)
            tokens.append(Token(cell, lineno, "", empty=not cell))
    return tokens


def flat_tokens(text: str) -> list[Token]:
    tokens: list[Token] = []
    line = 1
    position = 0
    for match in _WORD.finditer(text):
        gap = text[position : match.start()]
        line += gap.count("\n")
        tokens.append(Token(match.group(0), line, gap))
        line += match.group(0).count("\n")
        position = match.end()
    return tokens


def tsv_rows(text: str) -> list[Row]:
    rows: list[Row] = []
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        cells = [Cell(clean_cell(piece), lineno, lineno) for piece in line.split("\t")]
        rows.append(Row(cells))
    return rows
