"""Text layouts that are not the seed's tab-cell dump, cut into a stream of tokens.

- pipe text: cells separated by "|" ("value |" one per line, or "| a | b |" pseudo-rows whose
  boundaries need not match the table's rows); a token is a cell, empty cells are kept. A line
  with no "|" closed by a lone "|" on the next line is that cell ("value\n|"), not a cell and
  an empty one. When (nearly) every line holds one cell, a row is the run of cells between two
  or more empty cells (`Token.row`); otherwise a row is a line.
- flattened text: a whole table run together with spaces; a token is a run of non-space
  characters and `gap` keeps the whitespace before it, so free text can be rebuilt exactly.
- tab-separated rows (a spreadsheet pasted as text) become grid rows instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import labels
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
    row: int = 0  # the table row the token belongs to as far as the text shows it (default: its line)

    def __post_init__(self) -> None:
        if not self.row:
            self.row = self.line


def text_layout(text: str) -> str:
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return TAB_CELLS
    # A spreadsheet saved as tab-separated text: rows whose first cell is blank start with a tab too,
    # but hold several tabs each, where the dump has one cell (one leading tab) a line.
    many_tabs = sum(1 for line in lines if line.count("\t") >= 3)
    if many_tabs * 3 >= len(lines) and many_tabs >= 3:
        return TSV
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
    open_cell = False  # the last content line had no "|": a lone "|" now closes it
    one_cell_per_line = _one_cell_per_line(text)
    for lineno, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if not stripped:
            continue
        if "|" not in stripped:
            tokens.append(Token(clean_cell(stripped), lineno, ""))
            open_cell = True
            continue
        if stripped == "|" and open_cell:
            open_cell = False  # "value\n|": the separator of the cell above
            continue
        if open_cell and one_cell_per_line and _closes_one_cell(stripped):
            # "培训学员100人次；\n合格率95%。 |": a cell whose text keeps its line break ends at the "|";
            # its first line is no cell of its own (every cell after it would stand one column off).
            tokens[-1].text = f"{tokens[-1].text}\n{clean_cell(stripped[:-1])}"
            open_cell = False
            continue
        open_cell = False
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
    if one_cell_per_line:
        _rows_between_blanks(tokens)
    return tokens


def _closes_one_cell(line: str) -> bool:
    """"text |": the last line of a cell, one cell on the line."""
    return line.endswith("|") and "|" not in line[:-1] and bool(line[:-1].strip())


def _one_cell_per_line(text: str) -> bool:
    """Pipe text whose cells stand one per line ("value |"): its lines say nothing of rows."""
    content = [line for line in text.split("\n") if line.replace("|", "").strip()]
    if len(content) < 10:
        return False
    multi = sum(1 for line in content if sum(1 for piece in line.split("|") if piece.strip()) >= 2)
    return multi * 10 < len(content)


def _rows_between_blanks(tokens: list[Token]) -> None:
    """One cell per line: a row is the run of cells up to two or more empty cells in a row (a
    row's trailing blank cells and the next row's merged ones); a single empty cell is a blank
    cell inside the row."""
    row = tokens[0].line if tokens else 0
    blanks = 0
    for token in tokens:
        if token.empty:
            blanks += 1
        else:
            if blanks >= 2:
                row = token.line
            blanks = 0
        token.row = row


# A unit standing alone after a number on its line is that number's ("100 %", "9.5 分"): a cell of
# its own, it moved every cell after it one column on.
_DETACHED_UNITS = frozenset({"%", "％", "‰", "分"})


def flat_tokens(text: str) -> list[Token]:
    tokens: list[Token] = []
    line = 1
    position = 0
    spaces_inside_cells = _cells_apart_by_wide_gaps(text)
    for match in _WORD.finditer(text):
        gap = text[position : match.start()]
        line += gap.count("\n")
        word = match.group(0)
        if spaces_inside_cells and gap == " " and tokens:
            tokens[-1].text += gap + word  # "达到 要求" in a file whose cells stand apart by wider gaps
            position = match.end()
            continue
        if word in _DETACHED_UNITS and tokens and "\n" not in gap and tokens[-1].text[-1].isdigit():
            tokens[-1].text += gap + word
            position = match.end()
            continue
        tokens.append(Token(word, line, gap))
        _join_spaced_label(tokens)
        line += match.group(0).count("\n")
        position = match.end()
    return tokens


_GAP = re.compile(r"[ \t\u3000]+")
# Wide gaps (U+3000, a tab, two spaces or more) between cells on most of a file's lines, and a single
# space between words at most this often for each of them.
_WIDE_GAPS_MIN = 10
_SINGLE_PER_WIDE = 0.25


def _cells_apart_by_wide_gaps(text: str) -> bool:
    """A flattened file whose cells are separated by U+3000, a tab or runs of spaces: a single space
    there is inside a cell ("达到 要求", "合格 率"); read as a cell boundary, it moved every cell after
    it one column on."""
    wide = single = 0
    for line in text.split("\n"):
        for gap in _GAP.findall(line.strip()):
            if gap == " ":
                single += 1
            else:
                wide += 1
    return wide >= _WIDE_GAPS_MIN and single <= wide * _SINGLE_PER_WIDE


def _join_spaced_label(tokens: list[Token]) -> None:
    """"项 目 名 称", "实　施　单　位", "总  分": a label written with a space between its characters (to
    widen it in its cell) is one token, when the single characters ending the stream on one line join
    into a label of the form's head or total row. Read apart, the label was lost and its value ran on
    into the previous field ("某县教育局 实 施 单 位 某县中学" as the department)."""
    last = tokens[-1]
    if len(last.text) != 1 or not "\u4e00" <= last.text <= "\u9fff":
        return
    start = len(tokens) - 1
    while (start > 0 and len(tokens[start - 1].text) == 1 and "\n" not in tokens[start].gap
           and "\u4e00" <= tokens[start - 1].text <= "\u9fff" and len(tokens) - start < _LONGEST_SPACED_LABEL):
        start -= 1
        key = "".join(t.text for t in tokens[start:])
        if key in _SPACED_LABELS:
            text = tokens[start].text + "".join(t.gap + t.text for t in tokens[start + 1:])
            tokens[start:] = [Token(text, tokens[start].line, tokens[start].gap)]
            return


# The labels of the head, the goal block, the indicator header and the 总分 row ("绩 效 指 标", no
# column, is read where it stands: layout_stream).
_SPACED_LABELS = frozenset({*labels.INFO_FIELDS, *labels.TOTAL_ROW, *labels.GOAL_SECTION, *labels.GOAL_COLUMNS,
                            *labels.INDICATOR_COLUMNS})
_LONGEST_SPACED_LABEL = 6


def tsv_rows(text: str) -> list[Row]:
    rows: list[Row] = []
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        cells = [Cell(clean_cell(piece), lineno, lineno) for piece in line.split("\t")]
        rows.append(Row(cells))
    return rows
