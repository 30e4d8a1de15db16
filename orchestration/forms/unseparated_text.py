"""Text whose cells ran together with no separator at all: recognising it and preparing it.

Document-site previews of a .docx keep every character of a form but drop every separator
("年度资金总额194.9194.9100%其中:中央、省、市补助县级资金194.9194.9100%"), wrap cells with a stray
space ("县级储备粮管理制 度严格执行率") and insert page numbers ("2、") at the start of each preview
page, often in the middle of a row. Whitespace therefore carries no meaning here and is dropped;
page numbers are dropped when they count 1, 2, 3... down the line starts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from . import labels
from .cells import Cell
from .normalize import fold, fold_traditional, pinyin_spans

# A flattened token holding this many header labels glued together is unseparated text.
_GLUED_LABELS = 3
_MIN_TOKEN = 12
# Sentence marks (NFKC-folded): labels glued across one are prose, not a header run.
_SENTENCE = re.compile(r"[,。;]")
_PAGE_MARKER = re.compile(r"^\s*(\d{1,3})、")
# Column letters after a label: "全年预算数(A)", "执行率(B/A)".
_LETTERS = re.compile(r"\((?:[A-Za-z/]+|%|万元|元)\)")
# The same letters with the closing bracket misread by OCR ("执行率(B/A1得分"): taken only when
# another label follows at once, so a digit of the data is never eaten.
_LETTERS_OCR = re.compile(r"\([A-Za-z]{1,2}(?:/[A-Za-z]{1,2})?[1l\]|I]")
# A column label's formula suffix: "得分(20分*执行率)" is the 得分 column.
_FORMULA = re.compile(r"\([^()]{0,12}分[^()]{0,12}\)")


def alternation(keys) -> re.Pattern[str]:
    """Longest key first, so "全年实际完成情况" wins over "实际完成情况" at the same position."""
    return re.compile("|".join(re.escape(k) for k in sorted(set(keys), key=len, reverse=True) if k))


@lru_cache(maxsize=1)
def _header_labels() -> re.Pattern[str]:
    keys = [k for k in (*labels.INFO_FIELDS, *labels.INFO_BOTH, *labels.FUNDS_COLUMNS,
                        *labels.INDICATOR_COLUMNS, *labels.GOAL_COLUMNS, *labels.GOAL_SECTION) if len(k) >= 3]
    return alternation(keys)


def looks_unseparated(text: str) -> bool:
    """True when some whitespace-free run holds several header labels glued together: flattened
    text keeps its labels apart ("项目名称 委托业务项目 主管部门 …"), unseparated text does not.
    Labels are counted between sentence marks (，。；): a prose cell that names columns
    ("完成值达到指标值,记满分;…该指标分值记分", a scoring-method note) is no glued header."""
    pattern = _header_labels()
    for token in text.split():
        if len(token) < _MIN_TOKEN:
            continue
        # fold: NFKC, and a mirror copy's traditional characters and injected pinyin
        # ("預(yù)算執(zhí)行情況") compare as the vocabulary's labels.
        for part in _SENTENCE.split(fold(token)):
            if len(part) < _MIN_TOKEN:
                continue
            found = {m.group(0) for m in pattern.finditer(part)}
            if len(found) >= _GLUED_LABELS:
                return True
    return False


@dataclass(slots=True)
class Compact:
    """The text without whitespace and page markers. `s` is folded (NFKC) for matching, `raw` is
    as written, both the same length; `lines[i]` is the 1-based line of character i."""

    s: str
    raw: str
    lines: list[int]

    def cell(self, start: int, end: int) -> Cell:
        start, end = max(0, start), min(len(self.s), end)
        if start >= end:
            line = self.lines[min(start, len(self.lines) - 1)] if self.lines else 1
            return Cell("", line, line)
        return Cell(self.raw[start:end].strip(":："), self.lines[start], self.lines[end - 1])

    def line(self, at: int) -> int:
        if not self.lines:
            return 1
        return self.lines[min(max(at, 0), len(self.lines) - 1)]


def compact(text: str) -> Compact:
    lines = text.split("\n")
    markers = _page_markers(lines)
    s: list[str] = []
    raw: list[str] = []
    where: list[int] = []
    for number, line in enumerate(lines, 1):
        if number in markers:
            line = line[markers[number] :]
        skip = pinyin_spans(line)
        for at, ch in enumerate(line):
            if ch.isspace():
                continue
            if skip and any(a <= at < b for a, b in skip):
                continue  # a mirror copy's injected pinyin is noise, like the wrap spaces
            folded = unicodedata.normalize("NFKC", ch)
            s.append(fold_traditional(folded) if len(folded) == 1 else ch)
            raw.append(ch)
            where.append(number)
    return Compact("".join(s), "".join(raw), where)


def _page_markers(lines: list[str]) -> dict[int, int]:
    """{line number: marker length} for page numbers "1、" "2、" … opening successive lines.

    Only a sequence counting up from 1 is taken: a single "3、" at a line start may be an item
    of a numbered list, a run 1, 2, 3 down the line starts is the preview's page numbering."""
    found = [(number, _PAGE_MARKER.match(line)) for number, line in enumerate(lines, 1)]
    found = [(number, match) for number, match in found if match is not None]
    counted = [int(match.group(1)) for _, match in found]
    if len(counted) < 2 or counted != list(range(1, len(counted) + 1)):
        return {}
    return {number: match.end() for number, match in found}


def label_run(s: str, i: int, pattern: re.Pattern[str], end: int) -> list[tuple[str, int, int]]:
    """Labels of `pattern` following each other from i (column letters such as "(A)" allowed)."""
    run: list[tuple[str, int, int]] = []
    while i < end:
        match = pattern.match(s, i, end)
        if match is None:
            break
        stop = match.end()
        letters = _LETTERS.match(s, stop, end)
        if letters is None:
            letters = _LETTERS_OCR.match(s, stop, end)
            if letters is not None and pattern.match(s, letters.end(), end) is None:
                letters = None
        if letters is None and s.startswith("(", stop):
            letters = _FORMULA.match(s, stop, end)
        if letters is not None:
            stop = letters.end()
        run.append((match.group(0), i, stop))
        i = stop
    return run
