"""Indicator rows whose values were emitted apart from their names (PDF text layers).

A PDF text layer gives its text in drawing order, which for some exports is column block by
column block: the level and name cells of a table, and then (or before them) the rows' value
cells one row after another ("=100% 100% 10 10 =100% 100% 20 20 及时 及时 20 20 …"). When the
token-stream layout read no indicator row at all, this reading pairs the two in order, and only
when the text itself fixes the pairing:

- a value row is target, actual, 分值, 得分 side by side, 得分 <= 分值 <= 100, target and actual
  each a measure (a quantity, a percent with or without a comparator, a date, a short word) and
  no label; at least three such rows must follow each other;
- the names are the other text cells of the indicator part, in order: not labels, not values, not
  a label spaced out one character per token ("绩 效 指 标"); a lone character is the wrapped
  end of the name before it ("…结算完成" + "率");
- rows are built only when there are exactly as many names as value rows; the 二级 labels of the
  part go to the rows in order when there are as many of them, and each row's 一级 is the one
  the template puts over its 二级 (数量/质量/时效/成本 → 产出指标, …), when that 一级 label is in
  the part too;
- two plain numbers right after the value rows are the 总分 row when a 总分 label closes the part
  with no number after it, and only when they are at least the rows' sums.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from . import labels
from .model import problem
from .normalize import fold, label_key
from .targets import DATE, QUALITATIVE, QUANTITATIVE, parse_value

if TYPE_CHECKING:  # pragma: no cover
    from .layout_stream import StreamFormParser

_PLAIN = re.compile(r"^\d+(?:\.\d+)?$")
_CJK = re.compile(r"[\u3400-\u9fff]")
_PAGE_NUMBER = re.compile(r"^[-—]\s*\d+\s*[-—]$")
_MIN_ROWS = 3
_MAX_MEASURE = 12
# The 一级 cell the standard template puts over each 二级 cell.
_LEVEL1_OF = {**labels.LEVEL1_OF_LEVEL2, "满意度指标": "满意度指标"}  # a 满意度指标 二级 under its namesake


def read_detached_rows(parser: StreamFormParser) -> bool:
    tokens = parser.tokens
    n = len(tokens)
    start = next((k for k in range(n) if not tokens[k].empty
                  and labels.INDICATOR_COLUMNS.get(_key(tokens[k].text)) in ("level1", "level2", "name")), None)
    if start is None:
        return False
    end = next((k for k in range(start, n) if not tokens[k].empty
                and labels.total_key(_key(tokens[k].text)) in labels.TOTAL_ROW), n)
    zone = [k for k in range(start, end) if not tokens[k].empty]
    block = _value_block(parser, zone)
    if block is None:
        return False
    first, rows = block
    in_block = set(zone[first : first + 4 * len(rows)])
    after = zone[first + 4 * len(rows) :]
    total = None
    if (len(after) >= 2 and all(_PLAIN.match(fold(tokens[k].text).strip()) for k in after[:2])
            and end < n and not _number_follows(parser, end)):
        total = after[:2]
        in_block.update(total)
    names, level2s, level1s = _names_and_levels(parser, [k for k in zone if k not in in_block])
    if len(names) != len(rows):
        return False
    weights = [Decimal(fold(tokens[w].text).strip()) for _, _, w, _ in rows]
    scores = [Decimal(fold(tokens[s].text).strip()) for _, _, _, s in rows]
    saved = (parser.level1, parser.level1_raw, parser.level1_weight, parser.level2)
    use_levels = len(level2s) == len(rows)
    for (target, actual, weight, score), (name, line), level2 in zip(rows, names, level2s if use_levels else [None] * len(rows)):
        level1 = _LEVEL1_OF.get(level2) if level2 else None
        parser.level1 = level1 if level1 in level1s else None
        parser.level1_raw, parser.level1_weight = parser.level1, None
        parser.level2 = level2
        parser._add_indicator(name, tokens[target].text, tokens[actual].text, tokens[weight], tokens[score], None, line)
    parser.level1, parser.level1_raw, parser.level1_weight, parser.level2 = saved
    parser.has_indicator_table = True
    if total is not None and parser.form["total_line"] is None:
        total_weight, total_score = (Decimal(fold(tokens[k].text).strip()) for k in total)
        if total_score <= total_weight <= 100 and total_weight >= sum(weights) and total_score >= sum(scores):
            for field, k in (("total_weight", total[0]), ("total_score", total[1])):
                parser.form[field] = Decimal(fold(tokens[k].text).strip())
                parser.form[f"{field}_raw"] = tokens[k].text
            parser.form["total_line"] = tokens[end].line
    parser.problems.append(problem(
        "R-PARSE-02", "绩效指标表", "绩效指标表的取值与名称分开排列（PDF 文字层顺序）：按顺序配对重建各行，请核对",
        tokens[start].line))
    return True


def _key(text: str) -> str:
    return labels.column_key(text) if len(text) <= 40 else ""


def _number_follows(parser: StreamFormParser, k: int) -> bool:
    nxt = parser._tok(parser._skip_empty(k + 1))
    return nxt is not None and _PLAIN.match(fold(nxt.text).strip()) is not None


def _value_block(parser: StreamFormParser, zone: list[int]) -> tuple[int, list[tuple[int, int, int, int]]] | None:
    """(position in zone, rows) of the first run of at least three value rows."""
    for first in range(len(zone)):
        rows = []
        p = first
        while p + 4 <= len(zone):
            row = tuple(zone[p : p + 4])
            if not _value_row(parser, row):
                break
            rows.append(row)
            p += 4
        if len(rows) >= _MIN_ROWS:
            return first, rows
    return None


def _value_row(parser: StreamFormParser, row: tuple[int, ...]) -> bool:
    tokens = parser.tokens
    target, actual, weight, score = (fold(tokens[k].text).strip() for k in row)
    if not (_PLAIN.match(weight) and _PLAIN.match(score)):
        return False
    if not Decimal(score) <= Decimal(weight) <= 100:
        return False
    return _measure(parser, row[0], target) and _measure(parser, row[1], actual)


def _measure(parser: StreamFormParser, k: int, text: str) -> bool:
    if len(text) > _MAX_MEASURE or parser._level_at(k) is not None or _key(text) in labels.INDICATOR_COLUMNS:
        return False
    return parse_value(text).kind in (QUANTITATIVE, DATE, QUALITATIVE)


def _names_and_levels(parser: StreamFormParser, ks: list[int]) -> tuple[list[tuple[str, int]], list[str], set[str]]:
    tokens = parser.tokens
    names: list[list] = []  # [text, line]
    level2s: list[str] = []
    level1s: set[str] = set()
    i = 0
    while i < len(ks):
        k = ks[i]
        token = tokens[k]
        text = fold(token.text).strip()
        level = parser._level_at(k)
        if level is not None:
            kind, raw, _ = level
            key = "".join(fold(raw).split())
            nxt = parser._level_at(ks[i + 1]) if i + 1 < len(ks) else None
            if kind == "l1" or (kind == "both" and nxt is not None and nxt[0] in ("l2", "both")):
                level1s.add(key)
            else:
                level2s.append(key)
            i += 1
            continue
        found = parser._match(k, labels.INDICATOR_COLUMNS)
        if found is not None or labels.INDICATOR_NOISE.match(label_key(token.text)) or _PAGE_NUMBER.match(text):
            span = (found[1] - k) if found is not None else 1
            i += max(1, sum(1 for x in ks[i : i + span] if x < k + span))
            continue
        if len(text) == 1:
            run = i
            while run < len(ks) and len(fold(tokens[ks[run]].text).strip()) == 1:
                run += 1
            if run - i == 1 and names and _CJK.match(text):
                names[-1][0] += token.text  # the wrapped end of the name before it
            i = run  # a run of single characters is a label spaced out ("绩 效 指 标")
            continue
        if _CJK.search(text) and not _PLAIN.match(text):
            names.append([token.text, token.line])
        i += 1
    return [(t, line) for t, line in names], level2s, level1s
