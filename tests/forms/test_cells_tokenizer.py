"""The tab-cell tokenizer is written for speed; it must read every text exactly as the plain reading
of its rules (cells.py's docstring) does, with the same cell texts and line numbers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from orchestration.forms.cells import clean_cell, tokenize_tab_cells


def plain_reading(text: str) -> list[list[tuple[str, int, int]]]:
    """One cell per tab-prefixed line (a line's further tabs start further cells); a line without a
    tab continues the open cell, blank lines inside it kept; a blank line ends a row only when the
    next cell line starts with a tab."""
    rows: list[list[tuple[str, int, int]]] = []
    cells: list[tuple[str, int, int]] = []
    open_cell: list[str] | None = None
    first = last = 0
    blanks = 0
    for number, line in enumerate(text.split("\n"), 1):
        if line.startswith("\t"):
            if open_cell is not None:
                cells.append((clean_cell("\n".join(open_cell)), first, last))
            if blanks and cells:
                rows.append(cells)
                cells = []
            blanks = 0
            *complete, rest = line.split("\t")[1:]
            cells.extend((clean_cell(piece), number, number) for piece in complete)
            open_cell, first, last = [rest], number, number
        elif line.strip() == "":
            if open_cell is not None:
                blanks += 1
        elif open_cell is None:
            open_cell, first, last = [line], number, number
        else:
            open_cell += [""] * blanks + [line]
            last, blanks = number, 0
    if open_cell is not None:
        cells.append((clean_cell("\n".join(open_cell)), first, last))
    if cells:
        rows.append(cells)
    return rows


def tokenized(text: str) -> list[list[tuple[str, int, int]]]:
    return [[(cell.text, cell.line, cell.end_line) for cell in row.cells] for row in tokenize_tab_cells(text)]


# Texts made of the pieces the rules turn on: tabs, newlines, blank-looking lines, quotes, CJK.
_PIECES = st.sampled_from(["\t", "\n", "\n\n", " ", "\u3000", "\r", '"', "项目", "10", "a", "\t\t", "\n \n"])


@settings(max_examples=600, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_tokenizer_reads_generated_texts_as_the_plain_reading_does(text):
    assert tokenized(text) == plain_reading(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_tokenizer_reads_arbitrary_text_as_the_plain_reading_does(text):
    assert tokenized(text) == plain_reading(text)


def test_tokenizer_reads_the_seed_as_the_plain_reading_does(seed_bytes):
    text = seed_bytes.decode("utf-8-sig")
    rows = tokenized(text)
    assert len(rows) > 50
    assert rows == plain_reading(text)
