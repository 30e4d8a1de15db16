"""An order-independent reading of indicator rows whose cells left their rows.

Document-site previews of spreadsheets and Word tables emit the cells of merged blocks column by
column, so a row's name, its target and actual, and its 分值/得分 may come apart: several names
first, then a column of targets, then the actuals each followed by its 分值 and 得分. When the
token-stream layout found no indicator header (the header cells are interleaved with the rows
too), this reading rebuilds the rows from what the template itself numbers and what the cells
look like, never from positions:

- rows are the template's numbered slots ("指标1:…", "指标2:…"); a gap in the numbering inside a
  二级 group ("指标2:" then "指标5:") is rows whose names were lost;
- a 分值/得分 pair is two plain numbers with 得分 <= 分值 <= 100; a measure is a cell that parses
  as a quantity (number with unit or percent, optionally with a comparator), a date or a short
  qualitative word;
- a block of rows is closed once it holds a pair for every row and two measures for every row;
  pairs go to rows in order; measures go row by row (target, actual) or column by column (all
  targets, then all actuals), whichever pairs cells of the same unit — when both or neither do,
  the target and actual are left blank and an R-PARSE-02 finding says so;
- a block the text ends in is a cut row (R-PARSE-02), never returned;
- when the form states its total, the 分值 and 得分 sums must agree with it (funds rows
  included), else only names are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from . import labels
from .layout_detached import _LEVEL1_OF
from .model import problem
from .normalize import fold, label_key
from .numbers import is_placeholder
from .labels import QUALITATIVE_WORDS
from .targets import DATE, QUALITATIVE, QUANTITATIVE, parse_value

if TYPE_CHECKING:  # pragma: no cover
    from .layout_stream import StreamFormParser

_SLOT_NAME = re.compile(r"^指标(\d{1,2})[:：](\S.*)$")
_PLAIN = re.compile(r"^\d+(?:\.\d+)?$")
_UNIT_PIECE = re.compile(r"^[^\d\s,，。;；:：、]{1,3}$")
_NUMBER_END = re.compile(r"\d$")
_MIN_SLOTS = 3


@dataclass
class _Row:
    number: int | None
    name: str | None
    line: int
    level1: tuple[str | None, str | None, Decimal | None]
    level2: str | None


@dataclass
class _Block:
    rows: list[_Row] = field(default_factory=list)
    measures: list[tuple[str, int]] = field(default_factory=list)  # (text, position in the block)
    pairs: list[tuple[str, str, int]] = field(default_factory=list)
    order: list[str] = field(default_factory=list)  # "M" / "P" as they came

    def complete(self) -> bool:
        k = len(self.rows)
        return k > 0 and len(self.pairs) >= k and len(self.measures) >= 2 * k


def _measure(text: str) -> bool:
    value = parse_value(text)
    if value.kind in (QUANTITATIVE, DATE):
        return True
    return value.kind == QUALITATIVE and label_key(text) in QUALITATIVE_WORDS


def _same_unit(a: str, b: str) -> bool:
    pa, pb = parse_value(a), parse_value(b)
    if pa.kind != pb.kind:
        return False
    if pa.kind == QUANTITATIVE:
        return pa.unit == pb.unit
    return True


def read_numbered_rows(parser: StreamFormParser) -> bool:
    """Rebuild the indicator rows of `parser` (which found no indicator header). Returns True when
    rows were read; the parser's form gets them, and its findings say what was left blank."""
    tokens = parser.tokens
    slots = [k for k, t in enumerate(tokens) if not t.empty and _SLOT_NAME.match(fold(t.text).strip())]
    if len(slots) < _MIN_SLOTS:
        return False
    first = next((k for k in slots if _SLOT_NAME.match(fold(tokens[k].text).strip()).group(1) == "1"), None)
    if first is None:
        return False
    rows_out: list[tuple[_Row, str | None, str | None, str | None, str | None]] = []
    findings: list[tuple[str, str, int]] = []
    block = _Block()
    last_number = 0
    level1: tuple[str | None, str | None, Decimal | None] = (None, None, None)
    level2: str | None = None
    scrambled = False

    def close(final: bool) -> None:
        nonlocal block, scrambled
        rows = block.rows
        if not rows:
            block = _Block()
            return
        k = len(rows)
        if len(block.pairs) < k or len(block.measures) < 2 * k:
            if final:
                for row in rows:
                    subject = row.name or "指标"
                    findings.append((subject, f"指标行“{subject}”不完整（文件在此截断）", row.line))
                block = _Block()
                return
        pairs = block.pairs if len(block.pairs) == k else None
        measures = [m for m, _ in block.measures]
        targets: list[str | None] = [None] * k
        actuals: list[str | None] = [None] * k
        if len(measures) == 2 * k:
            by_row = [(measures[2 * r], measures[2 * r + 1]) for r in range(k)]
            by_column = [(measures[r], measures[k + r]) for r in range(k)]
            row_ok = all(_same_unit(a, b) for a, b in by_row)
            column_ok = k > 1 and all(_same_unit(a, b) for a, b in by_column)
            interleaved = "".join(block.order) == "MMP" * k
            chosen = None
            if row_ok and (not column_ok or interleaved):
                chosen = by_row
            elif column_ok and not row_ok:
                chosen = by_column
            if chosen is not None:
                targets = [a for a, _ in chosen]
                actuals = [b for _, b in chosen]
            if k > 1:
                scrambled = True
        if targets[0] is None:
            subject = rows[0].name or "指标"
            findings.append((subject, f"“{subject}”起{k}行的年度指标值/实际完成值无法确定归属（留空）", rows[0].line))
        if pairs is None:
            subject = rows[0].name or "指标"
            findings.append((subject, f"“{subject}”起{k}行的分值/得分无法确定归属（留空）", rows[0].line))
        for r, row in enumerate(rows):
            weight, score = (pairs[r][0], pairs[r][1]) if pairs is not None else (None, None)
            rows_out.append((row, targets[r], actuals[r], weight, score))
        if k > 1 or any(row.name is None for row in rows):
            scrambled = True
        block = _Block()

    i = first
    n = len(tokens)
    while i < n:
        token = tokens[i]
        if token.empty:
            i += 1
            continue
        text = fold(token.text).strip()
        if parser._terminator(i):
            break
        slot = _SLOT_NAME.match(text)
        if slot is not None:
            number = int(slot.group(1))
            if block.complete():
                close(False)
            name = token.text.strip()
            j = i + 1
            # A wrapped name keeps its last characters in a cell of their own ("…报告 数").
            while j < n and not tokens[j].empty and len(tokens[j].text) <= 2 and not _NUMBER_END.search(tokens[j].text) \
                    and label_key(tokens[j].text) not in QUALITATIVE_WORDS and not is_placeholder(tokens[j].text) \
                    and not _measure(tokens[j].text) and parser._level_at(j) is None \
                    and parser._match(j, labels.INDICATOR_COLUMNS) is None:
                name += tokens[j].text.strip()
                j += 1
            if number > last_number + 1 and block.rows is not None and last_number > 0:
                for missing in range(last_number + 1, number):
                    block.rows.append(_Row(missing, None, token.line, level1, level2))
            if number <= last_number and block.rows:
                close(False)
            block.rows.append(_Row(number, name, token.line, level1, level2))
            last_number = number
            i = j
            continue
        level = parser._level_at(i)
        if level is not None:
            close(False)
            kind, raw, j = level
            key = "".join(fold(raw).split())
            match = labels.LEVEL1_WEIGHT.match(key)
            base = labels.level_name_key(match.group(1) if match else key)
            if kind == "l1" or (kind == "both" and match is not None):
                level1 = (base, raw, Decimal(match.group(2)) if match else None)
                level2 = None
            elif kind == "anonymous":
                level1 = (None, raw, Decimal(match.group(2)))
                level2 = None
            else:
                level2 = base
            last_number = 0
            i = j
            continue
        if parser._match(i, labels.INDICATOR_COLUMNS) is not None:
            i = parser._match(i, labels.INDICATOR_COLUMNS)[1]
            continue
        if _PLAIN.match(text):
            run = i
            while run < n and not tokens[run].empty and _PLAIN.match(fold(tokens[run].text).strip()):
                run += 1
            numbers = [fold(tokens[k].text).strip() for k in range(i, run)]
            need = max(0, 2 * len(block.rows) - len(block.measures))
            lead = min(need, max(0, len(numbers) - 2))
            for k in range(lead):
                block.measures.append((numbers[k], i + k))
                block.order.append("M")
            rest = numbers[lead:]
            if len(rest) % 2 or not block.rows:
                return _give_up(parser, findings)
            for a, b in zip(rest[0::2], rest[1::2]):
                if not Decimal(b) <= Decimal(a) <= 100:
                    return _give_up(parser, findings)
                block.pairs.append((a, b, i))
                block.order.append("P")
            i = run
            continue
        piece = token.text.strip()
        j = i + 1
        # "不少于12 种": a unit that wrapped into a cell of its own.
        if _NUMBER_END.search(piece) and j < n and not tokens[j].empty and _UNIT_PIECE.match(tokens[j].text.strip()) \
                and parser._level_at(j) is None and parser._match(j, labels.INDICATOR_COLUMNS) is None:
            piece += tokens[j].text.strip()
            j += 1
        if _measure(piece) and block.rows:
            block.measures.append((piece, i))
            block.order.append("M")
            i = j
            continue
        return _give_up(parser, findings) if not rows_out else _stop(parser, rows_out, block, findings, scrambled, i)
    return _stop(parser, rows_out, block, findings, scrambled, n)


def _give_up(parser: StreamFormParser, findings) -> bool:
    """A cell no rule reads before any row was rebuilt: not this kind of table."""
    return False


def _stop(parser: StreamFormParser, rows_out, block: _Block, findings, scrambled: bool, at: int) -> bool:
    """Close the open block (the text ends, or a cell no rule reads), check the arithmetic, and
    hand the rows to the parser."""
    rows = block.rows
    if rows:
        for row in rows:
            subject = row.name or "指标"
            findings.append((subject, f"指标行“{subject}”不完整（文件在此截断）", row.line))
    if len(rows_out) < _MIN_SLOTS:
        return False
    form = parser.form
    weights = [Decimal(w) for _, _, _, w, _ in rows_out if w is not None]
    scores = [Decimal(s) for _, _, _, _, s in rows_out if s is not None]
    if form["total_line"] is not None and len(weights) == len(rows_out):
        fund_weight = sum((f["weight"] or 0) for f in form["funds"] if f["source"] == labels.TOTAL_FUND)
        fund_score = sum((f["score"] or 0) for f in form["funds"] if f["source"] == labels.TOTAL_FUND)
        total_weight, total_score = form["total_weight"], form["total_score"]
        bad = (total_weight is not None and sum(weights) + fund_weight != total_weight) or (
            total_score is not None and abs(sum(scores) + fund_score - total_score) > Decimal("0.5")
        )
        if bad:
            findings.append(("指标", "按编号重建的指标行分值/得分合计与总分不符：只保留指标名称", form["line_start"]))
            rows_out = [(row, None, None, None, None) for row, *_ in rows_out]
    saved = (parser.level1, parser.level1_raw, parser.level1_weight, parser.level2)
    for row, target, actual, weight, score in rows_out:
        parser.level1, parser.level1_raw, parser.level1_weight = row.level1
        parser.level2 = row.level2
        parser._add_indicator(row.name, target, actual, _Cell(weight, row.line) if weight is not None else None,
                              _Cell(score, row.line) if score is not None else None, None, row.line)
    parser.level1, parser.level1_raw, parser.level1_weight, parser.level2 = saved
    parser.has_indicator_table = True
    if scrambled:
        parser.problems.append(problem("R-PARSE-02", "绩效指标表", "绩效指标表的单元格不按行排列：按“指标N”编号、"
                                       "分值/得分与计量单位重建各行", form["line_start"]))
    for subject, message, line in findings:
        parser.problems.append(problem("R-PARSE-02", subject, message, line))
    return True


class _Cell:
    __slots__ = ("text", "line")

    def __init__(self, text: str, line: int) -> None:
        self.text = text
        self.line = line


# -- names and value rows in two queues (an .xlsx preview in merged-cell order) ------------------

_BRACKETED = re.compile(r"[()（）]")


def read_queued_slots(parser: StreamFormParser) -> bool:
    """The indicator part of a flattened sheet whose cells came out in merged-cell order, not
    row order: the stream layout met column labels among its rows (`ind_debris`). When the rows
    are the template's numbered slots ("指标1:…"), the names and the value rows (target, actual,
    分值, 得分, and the note text right after them) are each still in row order, but the two
    interleave freely: a row's values may come before its name, after it, or with header labels
    between them ("8755 分值 得分 偏差原因分析及改进措施 8676 15 13"). They are paired in order,
    and only when the text fixes the pairing:

    - a value row is two measures then two plain numbers with 得分 <= 分值 <= 100, column and
      level labels between its cells skipped;
    - a name is a slot cell plus the cells that continue it (a wrapped "纳入医" + "保统筹"), up to
      a value, a label or a spaced-out label ("绩 效 指 标"); other text is no row;
    - rows are built only when there are at least three names and exactly as many value rows;
      two plain numbers left after the last row are the 总分 when a 总分 label closes the part
      with no number after it and they are at least the rows' sums (funds included for 分值).

    The rows the stream layout read in this part are replaced. Returns True when rows were read."""
    tokens = parser.tokens
    n = len(tokens)
    start = next((k for k in range(n) if not tokens[k].empty
                  and labels.INDICATOR_COLUMNS.get(labels.column_key(tokens[k].text)) in ("level1", "level2", "name")),
                 None)
    if start is None:
        return False
    end = next((k for k in range(start, n) if not tokens[k].empty
                and labels.total_key(labels.column_key(tokens[k].text)) in labels.TOTAL_ROW), n)
    names: list[list] = []  # [text, line, level1 triple, level2]
    rows: list[list] = []  # [target, actual, weight, score, note]
    pending: list[str] = []  # folded value cells of the row being read
    pending_raw: list[str] = []
    level1: tuple[str | None, str | None, Decimal | None] = (None, None, None)
    level2: str | None = None
    level1_seen: set[str] = set()
    note_open = False  # text right after a value row is its note
    orphans: list[int] = []  # text cells that are no name, note, label or value
    i = start
    while i < end:
        token = tokens[i]
        if token.empty:
            i += 1
            continue
        text = fold(token.text).strip()
        slot = _SLOT_NAME.match(text)
        if slot is not None:
            note_open = False
            name = token.text.strip()
            j = i + 1
            while j < end and _continues_name(parser, j):
                name += tokens[j].text.strip()
                j += 1
            names.append([name, token.line, level1, level2])
            i = j
            continue
        level = parser._level_at(i) or _wrapped_level(parser, i)
        if level is not None:
            note_open = False
            kind, raw, j = level
            key = "".join(fold(raw).split())
            match = labels.LEVEL1_WEIGHT.match(key)
            base = labels.level_name_key(match.group(1) if match else key)
            if kind == "l1" or (kind == "both" and match is not None):
                level1 = (base, raw, Decimal(match.group(2)) if match else None)
                level1_seen.add(base)
                level2 = None
            elif kind == "both":
                # "满意度指标" alone over its rows: both levels (a 一级 that is its own 二级).
                level1 = (base, raw, None)
                level1_seen.add(base)
                level2 = base
            elif kind != "anonymous":
                level2 = base
            i = j
            continue
        found = parser._match(i, labels.INDICATOR_COLUMNS)
        if found is not None:
            i = found[1]
            continue
        if _PLAIN.match(text) or (_measure(text) and not _BRACKETED.search(text)):
            note_open = False
            pending.append(text)
            pending_raw.append(token.text.strip())
            if len(pending) == 4:
                weight, score = pending[2], pending[3]
                if not (_PLAIN.match(weight) and _PLAIN.match(score) and Decimal(score) <= Decimal(weight) <= 100):
                    return False
                rows.append([pending_raw[0], pending_raw[1], weight, score, None])
                pending, pending_raw = [], []
                note_open = True
            i += 1
            continue
        if note_open and _CJK.search(text) and len(text) > 1 and not pending:
            j = i + 1
            while j < end and not tokens[j].empty and _is_note_piece(parser, j):
                j += 1
            rows[-1][4] = "".join(tokens[k].text.strip() for k in range(i, j))  # wrap spaces dropped, as in names
            note_open = False
            i = j
            continue
        note_open = False
        if _CJK.search(text) and len(text) > 1:
            orphans.append(i)
        i += 1
    total = None
    if len(pending) == 2 and all(_PLAIN.match(p) for p in pending) and end < n:
        nxt = parser._tok(parser._skip_empty(end + 1))
        if nxt is None or not _PLAIN.match(fold(nxt.text).strip()):
            total = pending
    elif pending:
        return False
    if len(names) < _MIN_SLOTS or len(names) != len(rows):
        return False
    form = parser.form
    weights = [Decimal(r[2]) for r in rows]
    scores = [Decimal(r[3]) for r in rows]
    form["indicators"].clear()
    saved = (parser.level1, parser.level1_raw, parser.level1_weight, parser.level2)
    for (name, line, row_level1, row_level2), (target, actual, weight, score, note) in zip(names, rows):
        base = row_level1[0]
        mapped = _LEVEL1_OF.get(row_level2 or "")
        if mapped is not None and mapped in level1_seen and base != mapped:
            row_level1 = (mapped, mapped, None)  # the 一级 cell spans its rows: placed by the template
        parser.level1, parser.level1_raw, parser.level1_weight = row_level1
        parser.level2 = row_level2
        parser._add_indicator(name, target, actual, _Cell(weight, line), _Cell(score, line), note, line)
    parser.level1, parser.level1_raw, parser.level1_weight, parser.level2 = saved
    parser.has_indicator_table = True
    parser.problems[:] = [p for p in parser.problems if _DEBRIS_FINDING not in p["message"]]  # rows were read after all
    _place_unit(parser, start, orphans)
    if total is not None and form["total_weight"] is None and form["total_score"] is None:
        total_weight, total_score = (Decimal(t) for t in total)
        fund_weight = sum((f["weight"] or 0) for f in form["funds"] if f["source"] == labels.TOTAL_FUND)
        if total_score <= total_weight <= 100 and total_weight >= sum(weights) + fund_weight and total_score >= sum(scores):
            form["total_weight"], form["total_score"] = total_weight, total_score
            form["total_weight_raw"], form["total_score_raw"] = total
            form["total_line"] = tokens[end].line
    parser.problems.append(problem(
        "R-PARSE-02", "绩效指标表", "绩效指标表的名称与取值交错排列（表格合并单元格顺序）：按“指标N”编号与取值行的顺序"
        "配对重建各行，请核对", tokens[start].line))
    return True


_CJK = re.compile(r"[\u3400-\u9fff]")


_DEBRIS_FINDING = "之后至总分的文字按表头标签处理"
_MAX_WRAPPED_LEVEL = 3


def _wrapped_level(parser: StreamFormParser, i: int) -> tuple[str, str, int] | None:
    """A 一级 cell with its weight wrapped over up to three cells ("效益指 标(30 分)")."""
    tokens = parser.tokens
    for size in range(_MAX_WRAPPED_LEVEL, 2, -1):
        run = tokens[i : i + size]
        if len(run) < size or any(t.empty for t in run):
            continue
        raw = "".join(t.text for t in run)
        match = labels.LEVEL1_WEIGHT.match("".join(fold(raw).split()))
        if match and labels.level_name_key(match.group(1)) in labels.LEVEL1_NAMES:
            return "l1", parser._join(i, i + size), i + size
    return None


# An organisation's name: what a 实施单位 / 主管部门 cell holds.
_ORGANISATION = re.compile(r"^[\u3400-\u9fff()（）]{4,40}(?:中心|局|院|委员会|委|办公室|办|所|站|队|馆|学校|校|公司|政府|厅|部|社|场)$")


def _place_unit(parser: StreamFormParser, start: int, orphans: list[int]) -> None:
    """A merged header cell's value emitted among the indicator cells: when the form's 实施单位
    label had no value, the 主管部门 has one, and exactly one stray text cell of the indicator part
    is an organisation's name, that cell is the 实施单位."""
    form = parser.form
    if form.get("implementing_unit") is not None or form.get("department") is None:
        return
    tokens = parser.tokens
    if not any(not t.empty and labels.INFO_FIELDS.get(label_key(t.text)) == "implementing_unit" for t in tokens[:start]):
        return
    found = [k for k in orphans if _ORGANISATION.match(fold(tokens[k].text).strip())]
    if len(found) == 1 and fold(tokens[found[0]].text).strip() != fold(form["department"]).strip():
        form["implementing_unit"] = tokens[found[0]].text.strip()
        parser.problems.append(problem("R-PARSE-02", "实施单位", f"实施单位“{form['implementing_unit']}”取自指标表中"
                                       "错位的单元格（表格合并单元格顺序），请核对", tokens[found[0]].line))


def _continues_name(parser: StreamFormParser, j: int) -> bool:
    """A cell that continues the name before it: text, not a value, label or slot, and not the
    first of a spaced-out label's single characters."""
    tokens = parser.tokens
    token = tokens[j]
    if token.empty:
        return False
    text = fold(token.text).strip()
    if not _CJK.search(text) or _SLOT_NAME.match(text) or _PLAIN.match(text) or _measure(text) or _BRACKETED.search(text):
        return False
    if (parser._level_at(j) is not None or _wrapped_level(parser, j) is not None
            or parser._match(j, labels.INDICATOR_COLUMNS) is not None):
        return False
    if labels.total_key(labels.column_key(token.text)) in labels.TOTAL_ROW:
        return False
    if len(text) == 1:
        nxt = tokens[j + 1] if j + 1 < len(tokens) else None
        return nxt is None or nxt.empty or len(fold(nxt.text).strip()) != 1
    return True


def _is_note_piece(parser: StreamFormParser, j: int) -> bool:
    text = fold(parser.tokens[j].text).strip()
    return bool(_CJK.search(text)) and _continues_name(parser, j)
