"""Tokenizer for the tab-cell text dump: one cell per tab-prefixed line, rows split by blank lines.

A line that does not start with a tab continues the open cell, even after blank lines: that is
how the dump writes multi-line cells (and the lone `"` closing a quoted one). A blank line only
ends a row when the next cell line starts with a tab.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Cell:
    text: str  # trimmed of whitespace and stray quote marks, otherwise as written
    line: int  # 1-based line of the cell's first line
    end_line: int


@dataclass(slots=True)
class Row:
    cells: list[Cell]

    @property
    def line(self) -> int:
        return self.cells[0].line

    @property
    def end_line(self) -> int:
        return self.cells[-1].end_line

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]

    def is_blank(self) -> bool:
        return not any(c.text for c in self.cells)


def clean_cell(text: str) -> str:
    # Quotes come from the dump quoting multi-line cells; the opening one is often lost.
    return text.strip().strip('"').strip()


def tokenize_tab_cells(text: str) -> list[Row]:
    # The hot loop of parsing the seed layout (~6 M lines per 10,000 files): written for speed, and
    # checked against the plain reading of the rules above (tests/forms/test_cells_tokenizer.py).
    rows: list[Row] = []
    cells: list[Cell] = []
    parts: list[str] | None = None  # lines of the open cell
    first = last = 0
    pending_blank = 0
    for lineno, line in enumerate(text.split("\n"), 1):
        if line[:1] == "\t":
            if parts is not None:
                cells.append(Cell(clean_cell(parts[0] if len(parts) == 1 else "\n".join(parts)), first, last))
            if pending_blank:
                if cells:
                    rows.append(Row(cells))
                    cells = []
                pending_blank = 0
            if line.find("\t", 1) == -1:
                parts = [line[1:]]
            else:
                pieces = line.split("\t")
                for piece in pieces[1:-1]:
                    cells.append(Cell(clean_cell(piece), lineno, lineno))
                parts = [pieces[-1]]
            first = last = lineno
        elif not line or line.isspace():
            if parts is not None:
                pending_blank += 1
        elif parts is None:
            # Text before the first tab cell (e.g. a title typed without a tab).
            parts = [line]
            first = last = lineno
        else:
            if pending_blank:
                parts.extend([""] * pending_blank)
                pending_blank = 0
            parts.append(line)
            last = lineno
    if parts is not None:
        cells.append(Cell(clean_cell(parts[0] if len(parts) == 1 else "\n".join(parts)), first, last))
    if cells:
        rows.append(Row(cells))
    return rows
