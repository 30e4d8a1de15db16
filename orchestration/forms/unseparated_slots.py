"""Indicator rows of run-on (OCR) text cut at the template's numbered slots.

Some templates number the 三级 cells of each 二级 group ("指标1", "指标2", … restarting after
each 二级 label). When the cells of run-on text cannot be cut by their shapes alone (OCR noise
inside names and values), the rows are cut at those slot prefixes and at the level labels, and
each row is read from its two ends:

- the 得分 is the number that ends the row (a trailing text without digits is the note);
- the 分值 is the first number after at least two characters of name, taken as short as it can
  be (得分 <= 分值 <= 100; a dated name's "2021年11月30日" is no 分值);
- what lies between them is the target and the actual, split only where both halves read as
  the same kind of value (same unit, or both words of the qualitative vocabulary).

The reading is only accepted when the form's own arithmetic agrees: within each 一级 label that
declares its weight ("产出指标(40分)"), the 分值 read must add up to it; otherwise the 分值/得分 of
that part are left blank and an R-PARSE-02 finding says so. A row whose ends cannot be read is
returned with its name only (R-PARSE-02); a row the text ends in is not returned.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .labels import QUALITATIVE_WORDS
from .targets import DATE, QUALITATIVE, QUANTITATIVE, parse_value

if TYPE_CHECKING:  # pragma: no cover
    from .unseparated_indicators import IndicatorTable

_SLOT = re.compile(r"指标(\d{1,2})")
_TRAILING = re.compile(r"(\d+(?:\.\d+)?)([^\d]*)$")
_CJK = re.compile(r"[\u3400-\u9fff]")
_MIN_SLOTS = 3


def count_slots(s: str, start: int, end: int) -> int:
    return sum(1 for _ in _SLOT.finditer(s, start, end))


def read_slot_rows(table: IndicatorTable, p: int) -> tuple[list[dict], list[tuple[str, str, int]], int] | None:
    """(records, findings, end of the rows) or None when the table is not cut this way."""
    from .unseparated_indicators import _patterns

    s, end = table.s, table.end
    if count_slots(s, p, end) < _MIN_SLOTS or "weight" not in table.values or "score" not in table.values:
        return None
    records: list[dict] = []
    findings: list[tuple[str, str, int]] = []
    declared: list[tuple[Any, Decimal, list[dict]]] = []  # (level1 cell, weight, records)
    next_slot = 1
    pos = p
    while pos < end:
        if _patterns()["end"].match(s, pos, end):
            break
        levels = table._levels(pos)
        if levels is not None:
            before = table.level1
            pos = table._apply(levels)
            if table.level1 is not before and table.level1 is not None:
                match = re.search(r"\((\d+(?:\.\d+)?)分?\)$", "".join(table.level1.text.split()))
                if match:
                    declared.append((table.level1, Decimal(match.group(1)), []))
            next_slot = 1
            if s.startswith(str(next_slot), pos) and s[pos - 2 : pos] == "指标":
                pos += len(str(next_slot))  # "生态效益指标1…": the slot's "指标" joined the label
            continue
        start = pos
        if s.startswith("指标" + str(next_slot), pos):
            body = pos + 2 + len(str(next_slot))
        elif _SLOT.match(s, pos):
            body = _SLOT.match(s, pos).end()
        else:
            body = pos
        stop = _row_end(table, body, next_slot + 1)
        record = _row(table, start, body, stop, findings)
        if record is None:  # the text ends inside this row
            name = table.t.raw[start:stop][:20]
            findings.append((name, f"指标行“{name}”不完整（文件在此截断）", start))
            pos = stop
            break
        records.append(record)
        if declared and declared[-1][0] is table.level1:
            declared[-1][2].append(record)
        next_slot += 1
        pos = stop
    if len(records) < _MIN_SLOTS:
        return None
    cut = pos < end or bool(findings and "截断" in findings[-1][1])
    for index, (level1, weight, rows) in enumerate(declared):
        if not rows or (cut and index == len(declared) - 1):
            continue  # a part the text ends in cannot be checked
        read = [Decimal(r["weight"].text) for r in rows if "weight" in r]
        if sum(read) != weight:
            findings.append((level1.text, f"“{level1.text}”下按编号切分的分值合计{sum(read)}与其声明的{weight}分不符："
                             "分值/得分留空", table.s.find(level1.text)))
            for r in rows:
                for column in ("weight", "score", "target", "actual"):
                    r.pop(column, None)
    return records, findings, pos


def _row_end(table: IndicatorTable, body: int, following: int) -> int:
    from .unseparated_indicators import _patterns

    s, end = table.s, table.end
    for q in range(body + 1, end):
        if s.startswith("指标" + str(following), q):
            return q
        if _patterns()["end"].match(s, q, end) and (s[q - 1].isdigit() or s[q - 1] == "%"):
            return q
        level = _patterns()["level"].match(s, q, end)
        if level is None:
            continue
        after = level.end()
        weighted = s[after - 1] == ")"
        if s[q - 1].isdigit() or s[q - 1] == "%" or weighted or _SLOT.match(s, after) \
                or (s.startswith("指标", after - 2) and after < end and s[after].isdigit()) \
                or _patterns()["level"].match(s, after, end):
            return q
    return end


def _row(table: IndicatorTable, start: int, body: int, stop: int, findings) -> dict | None:
    s, t = table.s, table.t
    text = s[body:stop]
    record: dict[str, Any] = {"level1": table.level1, "level2": table.level2}
    tail = _TRAILING.search(text)
    note = None
    if tail is not None and tail.group(2):
        trailing = tail.group(2)
        if len(trailing) >= 4 and _CJK.search(trailing) and stop < table.end:
            note = (body + tail.start(2), stop)
        else:
            tail = None
    if tail is None:
        if stop >= table.end:
            return None
        record["name"] = t.cell(start, stop)
        record["name"].text = "".join(record["name"].text.split())
        findings.append((record["name"].text[:20], f"指标行“{t.raw[start:stop][:40]}”的分值/得分无法读出（留空）", start))
        return record
    score_at = body + tail.start(1)
    score = Decimal(tail.group(1))
    weight_span = _weight(s, body, score_at, score)
    if weight_span is None:
        record["name"] = t.cell(start, score_at)
        findings.append((record["name"].text[:20], f"指标行“{t.raw[start:stop][:40]}”的分值无法读出（留空）", start))
        return record
    a, b = weight_span
    record["name"] = t.cell(start, a)
    record["name"].text = "".join(record["name"].text.split())
    record["weight"] = t.cell(a, b)
    record["score"] = t.cell(score_at, score_at + len(tail.group(1)))
    cut = _split_values(s[b:score_at])
    if cut is not None:
        record["target"] = t.cell(b, b + cut)
        record["actual"] = t.cell(b + cut, score_at)
    if note is not None and table.has_note:
        record["note"] = t.cell(*note)
    return record


def _weight(s: str, body: int, limit: int, score: Decimal) -> tuple[int, int] | None:
    """The 分值: the first digit run after two name characters that is not a date part, cut as
    short as 得分 <= 分值 <= 100 allows."""
    q = body
    while q < limit:
        if not s[q].isdigit() or (q > body and (s[q - 1].isdigit() or s[q - 1] == ".")):
            q += 1
            continue
        run_end = q
        while run_end < limit and (s[run_end].isdigit()):
            run_end += 1
        if len(_CJK.findall(s, body, q)) < 2 or (s[run_end : run_end + 1] in ("年", "月", "日") and s[q - 1] in "年月"):
            q = run_end
            continue
        for size in range(1, min(3, run_end - q) + 1):
            value = Decimal(s[q : q + size])
            if score <= value <= 100 and not (size < run_end - q and s[q + size] == "0" and q + size + 1 < limit
                                                  and s[q + size + 1].isdigit()):
                return q, q + size
        return None
    return None


def _split_values(middle: str) -> int | None:
    """Where the target ends and the actual starts, when exactly one cut gives two values of
    the same look."""
    if not middle:
        return None
    found = []
    for cut in range(1, len(middle)):
        left, right = middle[:cut], middle[cut:]
        a, b = parse_value(left), parse_value(right)
        if a.kind == QUANTITATIVE and b.kind == QUANTITATIVE and a.unit == b.unit and (a.unit or left[-1] == "%"):
            found.append(cut)
        elif a.kind == DATE and b.kind == DATE:
            found.append(cut)
        elif a.kind == QUALITATIVE and b.kind == QUALITATIVE and left in QUALITATIVE_WORDS and right in QUALITATIVE_WORDS:
            found.append(cut)
    return found[0] if len(found) == 1 else None
