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
    rows: list[Row] = []
    cells: list[Cell] = []
    parts: list[str] | None = None  # lines of the open cell
    first = last = 0
    pending_blank = 0

    def close_cell() -> None:
        cells.append(Cell(clean_cell("\n".join(parts)), first, last))

    for lineno, line in enumerate(text.split("\n"), 1):
        if line.startswith("\t"):
            if parts is not None:
                close_cell()
            if pending_blank and cells:
                rows.append(Row(cells))
                cells = []
            pending_blank = 0
            pieces = line.split("\t")[1:]
            for piece in pieces[:-1]:
                cells.append(Cell(clean_cell(piece), lineno, lineno))
            parts = [pieces[-1]]
            first = last = lineno
        elif not line.strip():
            if parts is not None:
                pending_blank += 1
        elif parts is None:
            # Text before the first tab cell (e.g. a title typed without a tab).
            parts = [line]
            first = last = lineno
        else:
            parts.extend([""] * pending_blank)
            parts.append(line)
            last = lineno
            pending_blank = 0

    if parts is not None:
        close_cell()
    if cells:
        rows.append(Row(cells))
    return rows
