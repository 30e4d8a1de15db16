"""The indicator table of unseparated text: level labels, then per row a name and its values.

A row is `name target actual [分值 得分] [note]` with nothing between the cells. The values are
found where a run of cells with the declared columns' shapes starts (unseparated_cells.py), the
name is the text before it; 一级/二级 labels are recognised by the vocabulary. A note is only
told from the next row's name when a level label or the end of the table follows it (the text
between two value runs is taken as a name, as the note column is usually empty). A note ends at a
new 二级 label, but a 二级 label can be a part of a name, so one after only a word or two stays in
the name and is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import labels
from .cells import Cell, Row
from .model import problem
from .unseparated_cells import INDICATOR_KINDS, SCORE, WEIGHT, Ambiguous, cuts_at, indicator_run, starts_value
from .unseparated_text import Compact, alternation, label_run

_NOISE = re.compile(r"(?:[一二三四五六七八九十\d]+[、.．])?(?:年度)?绩效指标(?:完成情况)?(?:\(\d+分\))?")
_NOISE_BEFORE = re.compile(_NOISE.pattern + "$")
# A level label's weight ("产出指标(40分)") or 宁夏's note on a required 二级 cell ("数量指标(必填硬性指标)").
_LEVEL_WEIGHT = r"(?:\((?:\d+(?:\.\d+)?分?|必填[^()]{0,6})\))?"
_MIN_NAME = 2
_SHORT_LEVEL2 = labels.SHORT_LEVEL2
_CJK = re.compile(r"[\u3400-\u9fff]")
# A name does not end in a list separator or a conjunction: "5000吨稻谷、" goes on.
_NAME_GOES_ON = "、，,(:和及与或"
# Remarks and totals end the table. Bare "注" and "说明" only count at a row start ("注册人数",
# "说明会" are names); these also end a note in the middle of text.
_STRONG_END = ("总分", "总得分", "自评总分", "其他需要说明事项", "备注", "注:", "评价结论")
_NOTE_HINT = re.compile(r"[，,。；;]|原因|由于|因为|措施|没有|未|偏差")
# Text this long before a new 二级 label is a note, not a name's first word ("产品" of
# "产品质量指标合格率"); shorter text can be either.
_MIN_NOTE_BEFORE_LEVEL2 = 4
_SENTENCE_END = "。；;"
_PLACEHOLDER = re.compile(r"——|--|[—―–\-/\\]")
# "……" marks where a template's blank rows were: not a cell of any row.
_ELLIPSIS = re.compile(r"[…]+|\.{3,}")
# A plain number: the cut between two of them run together is a guess.
_BARE_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# A template's numbered row slot ("指标2:"), empty when nothing but a label follows it.
_EMPTY_SLOT = re.compile(r"指标\d{1,2}[:：]")
# A row of placeholders only ("/ / / / /" written "/////"): at least name, target and actual.
_BLANK_ROW = re.compile(r"(?:——|--|[—―–\-/\\]){3,}")
# A value inside a name; "(%)" is a unit note ("完成率(%)"), not a value.
# The 总分 row's numbers: a score written "96.38分" ends the run (a next form's year may follow).
_TOTAL_RUN = re.compile(r"[\d.]*\d分|[\d.]+")
# Marks a row kept in its place whose cells could not be read.
_UNREAD = "unread"
_SWALLOWED = re.compile(r"(?<!\()%|%(?!\))|[≥≤]|>=|<=")
# Columns a glued target already contains ("≥" + "90" + "%" written together).
_MERGED_INTO_TARGET = {"target_op", "target_unit"}
# ("standard": a 得分计算方法 text column, empty in most rows; what stands in it is left as a gap.)
_CUTTABLE = {"level1", "level2", "name", "target", "actual", "weight", "score", "note", "standard"}
_CANONICAL = (("level1", "一级指标"), ("level2", "二级指标"), ("name", "三级指标"), ("target", "年度指标值"),
              ("actual", "实际完成值"), ("weight", "分值"), ("score", "得分"), ("note", "偏差原因分析及改进措施"))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    names = labels.LEVEL1_NAMES | labels.LEVEL2_NAMES
    return {
        "columns": alternation(labels.INDICATOR_COLUMNS),
        "level": re.compile("(?:" + alternation(names).pattern + ")" + _LEVEL_WEIGHT),
        # 二级 cells written without "指标", followed by a name or a value (not by "指标").
        "short_level": re.compile("(?:" + alternation(_SHORT_LEVEL2).pattern + r")(?=[\u3400-\u9fff\d])(?!指标)"),
        "end": alternation([*labels.TOTAL_ROW, *labels.INDICATOR_TOTAL_ROW, *labels.REMARK_ROWS, "注:"]),
        "strong_end": alternation(_STRONG_END),
        "total": alternation([*labels.TOTAL_ROW, *labels.INDICATOR_TOTAL_ROW]),
    }


@dataclass(slots=True)
class Header:
    start: int  # including a "绩效指标" prefix
    end: int
    columns: list[str]
    spans: dict[str, tuple[int, int]]


def indicator_header(s: str, start: int, end: int) -> Header | None:
    """The first run of indicator column labels holding 一级指标 and 三级指标, or, when the 一级
    header cell was garbled (rotated text in previews: "级标一指"), a run opening with 二级指标
    三级指标 and holding both the target and the actual column."""
    pattern = _patterns()["columns"]
    for match in pattern.finditer(s, start, end):
        run = label_run(s, match.start(), pattern, end)
        columns = [labels.INDICATOR_COLUMNS[key] for key, _, _ in run]
        lost_level1 = columns[:2] == ["level2", "name"] and "target" in columns and "actual" in columns
        if ("level1" in columns or lost_level1) and "name" in columns:
            noise = _NOISE_BEFORE.search(s, max(start, match.start() - 12), match.start())
            spans: dict[str, tuple[int, int]] = {}
            for column, (_, a, b) in zip(columns, run):
                spans.setdefault(column, (a, b))
            return Header(noise.start() if noise else match.start(), run[-1][2], columns, spans)
    return None


class IndicatorTable:
    def __init__(self, text: Compact, header: Header, end: int) -> None:
        self.t, self.s, self.header, self.end = text, text.s, header, end
        self.problems: list[dict[str, Any]] = []
        columns = [c for c in header.columns if c not in _MERGED_INTO_TARGET]
        self.values = [c for c in dict.fromkeys(columns) if c in INDICATOR_KINDS]
        self.has_note = "note" in columns
        weight_label = header.spans.get("weight")
        self.percent_weight = weight_label is not None and text.s[weight_label[0] : weight_label[1]] == "权重"
        # Target and actual stand side by side; 分值 may come before them (四川 衔接资金 template).
        at = self.values.index("target") if "target" in self.values else -1
        self.supported = set(columns) <= _CUTTABLE and at >= 0 and self.values[at + 1 : at + 2] == ["actual"]
        self.out_columns = [c for c, _ in _CANONICAL if c in columns or c in ("level1", "level2", "name")]
        self.level1: Cell | None = None
        self.level2: Cell | None = None
        self.records: list[dict[str, Cell]] = []

    def _problem(self, rule: str, subject: str, message: str, at: int) -> None:
        self.problems.append(problem(rule, subject, message, self.t.line(at)))

    def rows(self) -> list[Row]:
        header = self.header
        line = self.t.line(header.start)
        head = [self.t.cell(*header.spans[c]) if c in header.spans else Cell(label, line, line)
                for c, label in _CANONICAL if c in self.out_columns]
        if not self.supported:
            self._problem("R-PARSE-02", "绩效指标", "绩效指标表的列（" + "、".join(header.columns)
                          + "）在无分隔文本中无法切分为指标行", header.start)
            return [Row(head)]
        before = len(self.problems)
        tail = self._body(header.end)
        if len(self.problems) > before:
            tail = self._numbered_slots(before, tail)
        out = [Row(head)]
        for record in self.records:
            line = record["name"].line
            out.append(Row([record.get(c) or Cell("", line, line) for c in self.out_columns]))
        return out + tail

    def _numbered_slots(self, before: int, tail: list[Row]) -> list[Row]:
        """Text the shapes could not cut: try the template's numbered slots (unseparated_slots.py);
        kept only when it reads more rows than the shapes did."""
        from .unseparated_slots import read_slot_rows

        saved = (self.level1, self.level2, self.records, self.problems)
        self.level1, self.level2, self.records, self.problems = None, None, [], saved[3][:before]
        found = read_slot_rows(self, self.header.end)
        if found is None or len(found[0]) <= sum(1 for record in saved[2] if _UNREAD not in record):
            self.level1, self.level2, self.records, self.problems = saved
            return tail
        records, findings, pos = found
        self.records = records
        self._problem("R-PARSE-02", "绩效指标表", "无分隔文本的指标行按“指标N”编号切分，分值/得分从行的两端读出",
                      self.header.start)
        for subject, message, at in findings:
            self._problem("R-PARSE-02", subject, message, at)
        return self._after(pos) if pos < self.end else []

    # -- rows ---------------------------------------------------------------------------------

    def _body(self, p: int) -> list[Row]:
        s, end = self.s, self.end
        while p < end:
            levels = self._levels(p)
            if levels is not None and self._accept(levels, at_row_start=True, gap=""):
                p = self._apply(levels)
                continue
            if _patterns()["end"].match(s, p, end):
                return self._after(p)
            repeated = indicator_header(s, p, min(end, p + 80))
            if repeated is not None and repeated.start == p:
                p = repeated.end  # the column header repeated at a page break
                continue
            ellipsis = _ELLIPSIS.match(s, p, end)
            if ellipsis is not None:
                p = ellipsis.end()
                continue
            blank = _BLANK_ROW.match(s, p, end)
            if blank is not None:
                p = self._blank_row(blank)
                continue
            found = self._next_values(p)
            q = found[0] if found else end
            stop = self._stop(p + 1, q)
            if stop is not None:
                self._gap(p, stop)
                p = stop
                continue
            if found is None:
                self._gap(p, end)
                return []
            q, cells, r = found
            p = self._sentences_before(p, q)
            self._record(p, q, cells, r)
            p = r
        return []

    def _next_values(self, p: int) -> tuple[int, dict | None, int] | None:
        s, end = self.s, self.end
        first_cjk = _CJK.search(s, p, end)
        if first_cjk is None:
            return None
        for q in range(max(p + _MIN_NAME, first_cjk.end()), end):
            if not starts_value(s, q):
                continue
            if s[q].isdigit() and (s[q - 1].isdigit() or s[q - 1] == "."):
                continue  # a number is not cut between a name and its value
            found = indicator_run(s, q, self.values, end, self.percent_weight) or self._pair_only(q)
            if found is None:
                continue
            if s[q - 1] in _NAME_GOES_ON and not (found[0] is not None and self._level_at(found[1])):
                continue  # "，" goes on with the name, unless the values end right at the next level label
            return q, found[0], found[1]
        return None

    def _level_at(self, p: int) -> bool:
        return any(kind == "level" for kind, _, _ in self._levels(p) or [])

    def _pair_only(self, q: int) -> tuple[dict, int] | None:
        """A row whose 分值 and 得分 cells are blank or merged into one cell per 一级 block (which then
        stands in another row): only its target and actual, both written with a mark of their own
        ("98%98%", "100%100%") so that the cut between them is certain."""
        pair = [c for c in self.values if c in ("target", "actual")]
        if len(pair) != 2 or len(self.values) == 2:
            return None
        found = indicator_run(self.s, q, pair, self.end)
        if found is None or found[0] is None:
            return None
        cells, r = found
        if r < self.end and (starts_value(self.s, r) or not _CJK.match(self.s, r)):
            return None  # more values follow: the pair is the end of a name ("每年财政补助1000万元") and its row goes on
        if any(_BARE_NUMBER.fullmatch(self.s, a, b) for a, b in cells.values()):
            return None
        return cells, r

    def _blank_row(self, blank: re.Match[str]) -> int:
        """"/////": a placeholder row (name and values all "/"), one "/" per cell."""
        marks = [m for m in _PLACEHOLDER.finditer(self.s, blank.start(), blank.end())]
        record = {"level1": self.level1, "level2": self.level2, "name": self.t.cell(marks[0].start(), marks[0].end())}
        for column, mark in zip(self.values, marks[1:]):
            record[column] = self.t.cell(mark.start(), mark.end())
        self.records.append(record)
        return blank.end()

    def _sentences_before(self, p: int, q: int) -> int:
        """A 三级指标 name is a noun phrase, never a sentence: text up to the last "。" or "；"
        before it is the previous row's note (or, without a note column, text left over)."""
        last = max(self.s.rfind(mark, p, q) for mark in _SENTENCE_END)
        if last < 0:
            return p
        self._gap(p, last + 1)
        return last + 1

    def _record(self, p: int, q: int, cells: dict | None, r: int) -> None:
        name = self.t.cell(p, q)
        name.text = "".join(name.text.split())
        swallowed = _SWALLOWED.search(self.s, p, q)
        if swallowed:
            # "%" or a comparator inside a name: the values of a row were not recognised and
            # its text ran into this one. Neither row can be read; say so, and keep the row's
            # place (its name up to the first value, no values) so the rows after it stay in order.
            self._problem("R-PARSE-02", name.text[:20], f"指标行“{self.t.raw[p:r][:60]}”无法可靠切分（名称中含有取值）", p)
            cut = swallowed.start()
            while cut > p and (self.s[cut - 1].isdigit() or self.s[cut - 1] == "."):
                cut -= 1  # "设备配备率100%": the number the mark belongs to; "新建3个站点覆盖率≥90%" keeps its 3
            self.records.append({"level1": self.level1, "level2": self.level2, "name": self.t.cell(p, cut), _UNREAD: True})
            return
        self._report_level2_in_name(p, q, name)
        record = {"level1": self.level1, "level2": self.level2, "name": name}
        if cells is None:
            self._problem("R-PARSE-03", name.text, f"指标“{name.text}”的取值“{self.t.raw[q:r]}”粘连在一起，"
                          "无法可靠拆分为各列（留空）", q)
        else:
            for column, (a, b) in cells.items():
                record[column] = self.t.cell(a, b)
        self.records.append(record)

    def _report_level2_in_name(self, p: int, q: int, name: Cell) -> None:
        """A name read whole although a new 二级 label stands in it after a word that may be the
        previous row's note: both readings give the row the same values, only its name, 二级 cell
        and the note are in doubt."""
        for match in _patterns()["level"].finditer(self.s, p + 1, q):
            levels = self._levels(match.start())
            if levels is None or self._note_before_level2(self._resolve(levels), self.s[p : match.start()]) is not None:
                continue
            self._problem("R-PARSE-02", name.text[:20], f"指标名称“{name.text}”中含有二级指标“{match.group()}”，"
                          f"其前的“{self.t.raw[p:match.start()]}”也可能是上一行的偏差原因（按一个名称读取）", p)
            return

    def _gap(self, p: int, stop: int) -> None:
        """Text between a row's values and a level label or the table's end: the row's note."""
        if p >= stop or _ELLIPSIS.fullmatch(self.s, p, stop):
            return
        opened_here = self._level2_without_row()
        if (self.has_note and self.records and "note" not in self.records[-1] and not opened_here
                and not self.s[stop - 1].isdigit() and self.s[stop - 1] != "%"):
            self.records[-1]["note"] = self.t.cell(p, stop)
            return
        text = self.t.raw[p:stop]
        self._problem("R-PARSE-02", text[:20], f"绩效指标表中的文字“{text[:40]}”无法切分为指标行", p)
        if opened_here and stop < self.end:
            # Right after a 二级 label, up to the next level label, the text is that cell's row, not
            # the previous row's note: kept in its place, without values ("unread").
            self.records.append({"level1": self.level1, "level2": self.level2, "name": self.t.cell(p, stop),
                                 _UNREAD: True})

    def _stop(self, lo: int, hi: int) -> int | None:
        """The first place in [lo, hi) where a level label or the table's end interrupts text."""
        s = self.s
        best = None
        strong = _patterns()["strong_end"].search(s, lo, hi)
        if strong is not None:
            best, hi = strong.start(), strong.start()
        for match in _patterns()["level"].finditer(s, lo, hi):
            start = match.start()
            noise = _NOISE_BEFORE.search(s, max(lo, start - 12), start)
            at = noise.start() if noise is not None and noise.start() >= lo else start
            levels = self._levels(at)
            if levels is not None and self._accept(levels, at_row_start=False, gap=s[lo - 1 : at]):
                return at
        return best

    # -- levels -------------------------------------------------------------------------------

    def _levels(self, p: int) -> list[tuple[str, int, int]] | None:
        """[(kind, start, end)] of the noise / level labels following each other from p."""
        s, items = self.s, []
        while p < self.end:
            noise = _NOISE.match(s, p, self.end)
            if noise is not None and noise.end() > p:
                items.append(("noise", p, noise.end()))
                p = noise.end()
                continue
            slot = _EMPTY_SLOT.match(s, p, self.end)
            if slot is not None and self._slot_left_empty(slot.end()):
                items.append(("noise", p, slot.end()))  # "指标2:" left unfilled: no row
                p = slot.end()
                continue
            level = _patterns()["level"].match(s, p, self.end)
            if level is None and self._short_level_allowed(items):
                level = _patterns()["short_level"].match(s, p, self.end)
            if level is None:
                break
            items.append(("level", p, level.end()))
            p = level.end()
        return self._no_level1_after_level2(items) or None

    def _no_level1_after_level2(self, items: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
        """"时效指标预算执行率100%100%": 预算执行率 is the 一级 label of some templates and a name in
        others. Right after a 二级 label that has no row yet it is the name: a 二级 cell holds at
        least one row. (Labels ending in 指标 are no names: empty 二级 groups before them are real.)"""
        resolved = self._resolve(items)
        before = [(2, 0, 0)] if self._level2_without_row() else []
        for (previous, _, _), (level, a, b) in zip(before + resolved, resolved if before else resolved[1:]):
            if previous == 2 and level == 1 and not _bare(self.s[a:b]).endswith("指标"):
                return [item for item in items if item[2] <= a]
        return items

    def _level2_without_row(self) -> bool:
        """The current 二级 label was read and no row under it yet."""
        return self.level2 is not None and not (self.records and self.records[-1].get("level2") is self.level2)

    def _slot_left_empty(self, q: int) -> bool:
        """A template's numbered slot ("指标2:") is empty when another slot, a level label or the
        table's end follows it at once."""
        s, end = self.s, self.end
        return (q >= end or _EMPTY_SLOT.match(s, q, end) is not None
                or _patterns()["level"].match(s, q, end) is not None
                or _patterns()["end"].match(s, q, end) is not None)

    def _short_level_allowed(self, items: list[tuple[str, int, int]]) -> bool:
        """A 二级 cell written without "指标" ("成本", "时效", "经济效益") is taken only where a 二级
        cell can start: at a row start or right after a 一级 label, never after another 二级
        label (a 二级 cell holds at least one row): the short word also starts names
        ("数量指标成本控制…" is 二级 数量指标, name 成本控制)."""
        if not items:
            # At a row start: not while the current 二级 cell has no row yet.
            return not self._level2_without_row()
        kind, a, b = items[-1]
        key = _bare(self.s[a:b])
        return kind == "level" and key in labels.LEVEL1_NAMES and key not in labels.LEVEL2_NAMES

    def _resolve(self, items: list[tuple[str, int, int]]) -> list[tuple[int, int, int]]:
        """(1 or 2, start, end) per level label; 成本指标 / 满意度指标 are either (cf. layout_stream)."""
        current = _bare(self.level1.text) if self.level1 else None
        out: list[tuple[int, int, int]] = []
        levels = [(a, b) for kind, a, b in items if kind == "level"]
        for index, (a, b) in enumerate(levels):
            key = _bare(self.s[a:b])
            in1, in2 = key in labels.LEVEL1_NAMES, key in labels.LEVEL2_NAMES
            following = _bare(self.s[slice(*levels[index + 1])]) if index + 1 < len(levels) else None
            if in1 and in2:
                weighted = self.s[b - 1 : b] == ")"
                in1 = weighted or (following is not None and following in labels.LEVEL2_NAMES) or (
                    current != "产出指标" and key != current)
            out.append((1 if in1 else 2, a, b))
            if in1:
                current = key
        return out

    def _accept(self, items, at_row_start: bool, gap: str) -> bool:
        """Level labels at a row start are always taken (exports repeat them on every row);
        inside text only where the text before them cannot be the start of a name, since a 二级
        label can be a part of one ("产品质量指标合格率")."""
        resolved = self._resolve(items)
        noise = any(kind == "noise" for kind, _, _ in items)
        if not resolved:
            return noise and at_row_start
        level1 = _bare(self.level1.text) if self.level1 else None
        level2 = _bare(self.level2.text) if self.level2 else None
        changes = any((lvl == 1 and _bare(self.s[a:b]) != level1) or (lvl == 2 and _bare(self.s[a:b]) != level2)
                      for lvl, a, b in resolved)
        if at_row_start:
            return True
        # Inside text: after a note-like gap, or a gap that ends in a value (a row whose values
        # were not all recognised), or with a 一级 label that changes the table's part, or with a
        # 一级 and a 二级 label together before a name, or a new 二级 label after a whole note.
        ends_in_value = bool(gap) and (gap[-1].isdigit() or gap[-1] == "%")
        level1_change = changes and any(lvl == 1 for lvl, _, _ in resolved)
        labels_pair = _level_pair(resolved) and _CJK.match(self.s, resolved[-1][2], self.end) is not None
        return (noise or level1_change or ends_in_value or bool(_NOTE_HINT.search(gap)) or labels_pair
                or self._note_before_level2(resolved, gap) is True)

    def _note_before_level2(self, resolved: list[tuple[int, int, int]], gap: str) -> bool | None:
        """Whether `gap`, the text after a row's values, is that row's note ended by a new 二级 label
        (True), a name's start holding the label (False), or either (None).

        A name holds a 二级 label only in its own cell or as a compound ("产品质量指标合格率"); a
        note is the text after a whole row, in a table that has the column, and is rarely a single
        word, so a label changing the 二级 cell after a longer text ends the note."""
        if not self.has_note or len(resolved) != 1 or resolved[0][0] != 2 or self._level2_without_row():
            return False
        _, a, b = resolved[0]
        if self.level2 is not None and _bare(self.s[a:b]) == _bare(self.level2.text):
            return False
        previous = self.records[-1] if self.records else {}
        if _UNREAD in previous or "note" in previous or not {"target", "actual"} <= previous.keys():
            return False
        if not _CJK.match(self.s, b, self.end):
            return False  # no name after the label: not the start of a row
        note = "".join(gap.split())
        if _PLACEHOLDER.fullmatch(note) or note == "无" or len(note) >= _MIN_NOTE_BEFORE_LEVEL2:
            return True
        return None

    def _apply(self, items) -> int:
        for level, a, b in self._resolve(items):
            cell = self.t.cell(a, b)
            if level == 1:
                if self.level1 is None or _bare(self.level1.text) != _bare(cell.text):
                    self.level2 = None
                self.level1 = cell
            else:
                self.level2 = cell
        return items[-1][2]

    # -- after the table ------------------------------------------------------------------------

    def _after(self, p: int) -> list[Row]:
        total = _patterns()["total"].match(self.s, p, self.end)
        if total is None:
            return []
        label = self.t.cell(p, total.end())
        run = _TOTAL_RUN.match(self.s, total.end(), self.end)
        if run is None:
            return [Row([label])]
        # "得分合计100": a total of the scores alone.
        score_only = "weight" not in self.values or self.s[p : total.end()] in labels.SCORE_ONLY_TOTALS
        kinds = [SCORE] if score_only else [WEIGHT, SCORE]
        try:
            cuts = cuts_at(self.s, run.start(), kinds, run.end(), exact_end=run.end())
        except Ambiguous:
            cuts = []
        cuts = [c for c in cuts if _total_plausible(self.s, c)]
        grade = re.compile(r"优秀|良好|优|良|中|差").match(self.s, run.end(), self.end)
        tail = [self.t.cell(grade.start(), grade.end())] if grade is not None else []
        if len(cuts) != 1:
            self._problem("R-PARSE-03", "总分", f"总分行的数字“{self.t.raw[run.start():run.end()]}”粘连在一起，"
                          "无法可靠拆分为分值与得分", run.start())
            return [Row([label, *tail])]
        return [Row([label, *(self.t.cell(a, b) for a, b in cuts[0].spans), *tail])]


def _total_plausible(s: str, cut) -> bool:
    numbers = [float(s[a:b].rstrip("分")) for a, b in cut.spans if s[a:b].rstrip("分").replace(".", "", 1).isdigit()]
    return all(n <= 100 for n in numbers) and (len(numbers) < 2 or numbers[1] <= numbers[0])


def _level_pair(resolved: list[tuple[int, int, int]]) -> bool:
    """A 一级 label right before a 二级 label ("产出指标数量指标"): exports repeating both on every
    row; no name holds two level labels in a row."""
    return any(first == 1 and second == 2 for (first, _, _), (second, _, _) in zip(resolved, resolved[1:]))


def _bare(text: str) -> str:
    key = "".join(text.split())
    match = labels.LEVEL1_WEIGHT.match(key)
    return match.group(1) if match else key
