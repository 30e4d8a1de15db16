"""Rows of cells from text with no separator between cells (see unseparated_text.py).

The header vocabulary (labels.py) finds every part of a form in the glued string: the info
labels delimit the header values, a run of funds column labels opens the funds block, 年度总体目标
the goals, a run of indicator column labels the indicator table. Inside a part, values are cut
with the meaning of the columns (unseparated_cells.py); the result is ordinary rows of cells,
read by the grid layout exactly as a table would be. What cannot be cut confidently is left
blank and reported (R-PARSE problems), never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from . import labels
from .cells import Cell, Row
from .model import problem
from .unseparated_cells import FUND_KINDS, Ambiguous, split_fund_run, to_decimal
from .unseparated_indicators import IndicatorTable, indicator_header
from .unseparated_text import Compact, alternation, compact, label_run

# Labels of the header block that are not contract fields but end the value before them.
# ("项目资金(万元)" before funds columns too few to read as a table still ends the value before it.)
_HEAD_OTHER = (*sorted(labels.HEAD_STOP_LABELS), "预算编码", "金额单位", "项目资金(万元)", "项目资金(元)")
_TITLE_END = re.compile(r"(?:绩效(?:目标)?|项目)自评表")
_TITLE_STOP = "。》」!?:|"
_TITLE_MAX = 60
# A "(2021年度)" right before a project label, when no title before it can be read.
_YEAR_BEFORE_LABEL = re.compile(r"\((?:19|20)\d{2}年度?\)$")
# Lines printed under a title before the table ("单位名称:襄阳市中心医院填报日期:2022年3月18日"):
# the title still belongs to the form that follows them.
_TITLE_TAIL = re.compile(r"(?:\(\d{4}年度?\))?(?:单位名称|填报单位|填报日期|金额单位)")
_TOTAL_LABEL = re.compile("|".join(sorted(labels.TOTAL_ROW, key=len, reverse=True)))
_TOTAL_TAIL = re.compile(r"[\d.]*分?(?:优秀|良好|优|良|中|差)?")
_YEAR_BACK = re.compile(r"(?:19|20)\d{2}年")
_FUNDS_PREFIX = re.compile(r"(?:项目资金|资金情况)?\((?:万元|元)\)$|项目资金$|资金情况$")
# "10万10万100%20": an amount written with 万 or 万元 (万元 short) inside a run of values.
_FUND_RUN = re.compile(r"(?:\d|[.,%/\\—―–\-]|(?<=\d)分|(?<=\d)万元?(?=[\d.%/\\—―–\-]))+")
_FUND_END_WORD = re.compile(r"(?:资金|基金|拨款|补助|结转|总额|收入|经费)$")
_FUND_WORD = re.compile(r"资金|基金|拨款|补助|总额|经费|收入|结转|其他|预算数")
_OTHER_PREFIX = re.compile(r"^其中[:]?")
_SENTENCE_END = "。;；!"
_SHORT_ACTUAL = 12
_ITEM_ONE = re.compile(r"(?:1|一)[、.．]|\(1\)")
_PROJECT_LABELS = tuple(k for k, v in labels.INFO_FIELDS.items() if v == "project_name")
# "预算数(A)": with its column letter, the annual-budget column (labels.LETTERED_BUDGET); bare
# 预算数 stays a row label.
_LETTERED_BUDGET = "预算数(A)"
_PLAIN_LETTERS = re.compile(r"(?:\((?:[A-Za-z/]+|%|万元|元)\))?")
# A 得分 column label stating its 分值 when the form has no 分值 column: "得分(20分*执行率)".
_SCORE_FORMULA = re.compile(r"\((\d{1,3}(?:\.\d+)?)分[*×xX]")


def _fund_column(key: str) -> str:
    return labels.FUNDS_COLUMNS.get(key) or labels.FUNDS_COLUMNS["全年预算数"]


@dataclass(slots=True)
class UnseparatedForm:
    rows: list[Row]
    problems: list[dict[str, Any]] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    info = [*labels.INFO_FIELDS, *labels.INFO_BOTH]
    return {
        "head": alternation([*info, *_HEAD_OTHER]),
        "info": alternation(info),
        "project": alternation(_PROJECT_LABELS),
        "funds": alternation([*labels.FUNDS_COLUMNS, _LETTERED_BUDGET]),
        "goal_section": alternation(labels.GOAL_SECTION),
        "goal_columns": alternation(labels.GOAL_COLUMNS),
        "fund_source": alternation(labels.FUND_SOURCES),
        "funds_text": alternation(labels.FUNDS_TEXT_SECTIONS),
    }


def segment(text: str) -> list[UnseparatedForm]:
    """The forms found in unseparated text, each as rows of cells plus the problems seen."""
    text_ = compact(text)
    return [_FormSegmenter(text_, start, end).run() for start, end in _form_spans(text_)]


def _form_spans(text: Compact) -> list[tuple[int, int]]:
    """(start, end) per form: one per project-name label that has a funds or indicator table
    after it, starting at the title in front of it when there is one."""
    s = text.s
    anchors = [m.start() for m in _patterns()["project"].finditer(s)]
    starts: list[int] = []
    for index, anchor in enumerate(anchors):
        limit = anchors[index + 1] if index + 1 < len(anchors) else len(s)
        if _funds_header(s, anchor, limit) is None and indicator_header(s, anchor, limit) is None:
            continue
        floor = starts[-1] + 1 if starts else 0
        starts.append(_title_start(text, anchor, floor))
    return [(start, starts[k + 1] if k + 1 < len(starts) else len(s)) for k, start in enumerate(starts)]


def _title_start(text: Compact, anchor: int, floor: int) -> int:
    """Start of the title ("…绩效自评表", maybe followed by "(2020年度)") just before the
    project-name label, or the label itself when no title is there.

    The title starts at its line, at a sentence end, or, when the previous form runs straight
    into it, after that form's 总分 row ("总分100100.00分优2021年度…自评表")."""
    s = text.s
    window = max(floor, anchor - _TITLE_MAX - 20)
    titles = [m for m in _TITLE_END.finditer(s, window, anchor)
              if anchor - m.end() <= 20 or (anchor - m.end() <= 48 and _TITLE_TAIL.match(s, m.end()))]
    if not titles:
        # No title it can read ("…绩效目标自评", its 表 left out): a "(2021年度)" right before the
        # label still belongs to the form.
        year = _YEAR_BEFORE_LABEL.search(s, max(floor, anchor - 12), anchor)
        return year.start() if year is not None else anchor
    start = titles[-1].start()
    line = text.line(start)
    lowest = max(floor, anchor - _TITLE_MAX)
    while start > lowest and s[start - 1] not in _TITLE_STOP and text.line(start - 1) == line:
        start -= 1
    totals = list(_TOTAL_LABEL.finditer(s, start, titles[-1].start()))
    if totals:
        start = _TOTAL_TAIL.match(s, totals[-1].end()).end()
        year = _YEAR_BACK.search(s, totals[-1].end(), start + 5)
        if year is not None and year.end() == start + 5 and year.start() < start:
            start = year.start()  # "…00分2021年度…": the year belongs to the title
    return start


# 四川 专项资金 forms: the budget and its use as two labelled columns run together, the total of
# each first ("资金情况(万元)年度金额(提前下达):208万元资金使用情况(万元)合计:109.8万元"), then each
# source's budget and use under one label written twice ("中央财政165万元中央财政84.5万元").
_AMOUNT = r"(\d[\d,]*(?:\.\d+)?)万元"
_PAIRED_FUNDS = re.compile(r"资金情况\(万元\)(?:年度金额|预算数|年度预算)(?:\([^()]{1,8}\))?:?" + _AMOUNT
                           + r"资金使用情况\(万元\)(?:合计|执行数|使用金额):?" + _AMOUNT)
_PAIRED_SOURCE = re.compile(r"([\u4e00-\u9fff]{2,8}?)" + _AMOUNT + r"\1" + _AMOUNT)


def _funds_header(s: str, start: int, end: int) -> tuple[int, list[tuple[str, int, int]]] | None:
    """(start of the header including "项目资金(万元)", its column labels) for the first run of
    at least three funds column labels with an amount among them."""
    pattern = _patterns()["funds"]
    for match in pattern.finditer(s, start, end):
        run = label_run(s, match.start(), pattern, end)
        columns = [_fund_column(key) for key, _, _ in run]
        if len(run) >= 3 and any(c in labels.FUNDS_AMOUNT_COLUMNS for c in columns):
            prefix = _FUNDS_PREFIX.search(s, max(start, match.start() - 12), match.start())
            return (prefix.start() if prefix else match.start()), run
    return None


def _goal_header(s: str, start: int, end: int) -> tuple[int, int, list[tuple[str, int, int]]] | None:
    section = _patterns()["goal_section"].search(s, start, end)
    if section is None:
        return None
    run = label_run(s, section.end(), _patterns()["goal_columns"], end)
    return section.start(), (run[-1][2] if run else section.end()), run


class _FormSegmenter:
    def __init__(self, text: Compact, start: int, end: int) -> None:
        self.t = text
        self.s = text.s
        self.start, self.end = start, end
        self.rows: list[Row] = []
        self.problems: list[dict[str, Any]] = []
        self.extras: dict[str, Any] = {}
        self.total_amounts: dict[str, Any] = {}

    def run(self) -> UnseparatedForm:
        s, start, end = self.s, self.start, self.end
        sections: list[tuple[int, str, Any]] = []
        funds = _funds_header(s, start, end)
        if funds is not None:
            sections.append((funds[0], "funds", funds[1]))
        else:
            paired = _PAIRED_FUNDS.search(s, start, end)
            if paired is not None:
                sections.append((paired.start(), "paired_funds", paired))
        table = indicator_header(s, start, end)
        if table is not None:
            sections.append((table.start, "indicators", table))
        goal = _goal_header(s, start, table.start if table is not None else end)
        if goal is not None:
            sections.append((goal[0], "goal", goal))
        sections.sort(key=lambda item: item[0])
        self._head(start, sections[0][0] if sections else end)
        for index, (at, kind, found) in enumerate(sections):
            until = sections[index + 1][0] if index + 1 < len(sections) else end
            if kind == "funds":
                self._funds(at, found, until)
            elif kind == "paired_funds":
                self._paired_funds(found, until)
            elif kind == "goal":
                self._goal(found, until)
            else:
                body = IndicatorTable(self.t, found, until)
                self.rows.extend(body.rows())
                self.problems.extend(body.problems)
        return UnseparatedForm(self.rows, self.problems, self.extras)

    def _row(self, *cells: Cell) -> None:
        self.rows.append(Row(list(cells)))

    def _problem(self, rule: str, subject: str, message: str, at: int, severity: str = "error") -> None:
        self.problems.append(problem(rule, subject, message, self.t.line(at), severity))

    # -- header block: title, then label / value pairs ----------------------------------------

    def _head(self, start: int, end: int) -> None:
        s, pattern = self.s, _patterns()["head"]
        title = _TITLE_END.search(s, start, end)
        first = pattern.search(s, start, end)
        if title is not None and (first is None or title.end() <= first.start()):
            self._row(self.t.cell(start, title.end()))
            start = title.end()
        if first is None:
            if start < end:
                self._row(self.t.cell(start, end))
            return
        if start < first.start():
            self._row(self.t.cell(start, first.start()))  # "(2020年度)", "单位:万元"…
        match: re.Match[str] | None = first
        while match is not None:
            after = pattern.search(s, match.end(), end)
            value_end = after.start() if after is not None else end
            if after is not None and s[match.end():after.start()] in ("/", "、"):
                fields = labels.combined_info(match.group(0) + "/" + after.group(0))
                fields = fields if fields is not None and len(fields) == 2 else None
                if fields is not None:  # "项目实施单位/项目负责人原州区农技中心/杨某"
                    match = self._combined(match, after, fields, end)
                    continue
            if match.group(0) in labels.INFO_FIELDS or match.group(0) in labels.INFO_BOTH:
                self._row(self.t.cell(match.start(), match.end()), self.t.cell(match.end(), value_end))
            else:
                self._row(self.t.cell(match.start(), value_end))  # kept whole: "金额单位:万元"
            match = after

    def _combined(self, first: re.Match[str], second: re.Match[str], fields: tuple[str | None, ...],
                  end: int) -> re.Match[str] | None:
        """A two-field label: its value is split at the same separator when it has two parts,
        else it all goes to the first field. Returns the next label after the value."""
        s = self.s
        after = _patterns()["head"].search(s, second.end(), end)
        a, b = second.end(), after.start() if after is not None else end
        parts = labels.combined_values(fields, s[a:b])
        at = a
        for label, field_name in zip((first, second), fields):
            value = parts.get(field_name) if field_name is not None else None
            if value is None:
                continue
            at = s.find(value, at, b)
            if at < 0:
                break
            self._row(self.t.cell(label.start(), label.end()), self.t.cell(at, at + len(value)))
            at += len(value)
        return after

    # -- funds block --------------------------------------------------------------------------

    def _funds(self, at: int, run: list[tuple[str, int, int]], end: int) -> None:
        columns = [_fund_column(key) for key, _, _ in run]
        # Header cells as their canonical labels: the column letters may be misread by OCR
        # ("执行率(B/A1") and "预算数(A)" names the 全年预算数 column only with its letter.
        header = [self.t.cell(at, run[0][1])] + [self._fund_header_cell(key, a, b, column)
                                                  for (key, a, b), column in zip(run, columns)]
        self._row(*header)
        cuttable = all(c in FUND_KINDS for c in columns)
        self.implied_weight = None
        if "weight" not in columns:
            for key, a, b in run:
                formula = _SCORE_FORMULA.match(self.s, a + len(key), b)
                if columns[[k for k, _, _ in run].index(key)] == "score" and formula is not None:
                    self.implied_weight = to_decimal(("number", formula.group(1)))
        if not cuttable:
            self._problem("R-PARSE-03", "项目资金", "资金表的列（" + "、".join(k for k, _, _ in run)
                          + "）在无分隔文本中无法按列切分", at)
        pos = run[-1][2]
        text_block = _patterns()["funds_text"].search(self.s, pos, end)
        if text_block is not None:
            end = text_block.start()  # "资金管理情况 情况说明 …": text about the funds, no more rows
        while pos < end:
            value = self._next_fund_run(pos, end)
            label_end = value.start() if value is not None else end
            spans = self._fund_labels(pos, label_end)
            for index, (a, b) in enumerate(spans):
                last = index == len(spans) - 1
                values = (value.start(), value.end()) if (last and value is not None) else (b, b)
                a = self._fund_label_start(a, b)
                if a is None:
                    continue  # no fund row: header debris or the text after the funds block
                self._fund_row(a, b, values, columns, cuttable)
            if value is None:
                break
            pos = value.end()

    def _paired_funds(self, total: re.Match[str], end: int) -> None:
        cell, line = self.t.cell, self.t.line(total.start())
        # The rate column is not printed; it stays blank, so the header reads as a funds table.
        header = [labels.FUNDS_COLUMN_LABELS[c] for c in ("annual_budget", "executed", "execution_rate")]
        self._row(*(Cell(text, line, line) for text in ["项目资金(万元)", *header]))
        blank = Cell("", line, line)
        self._row(Cell("年度资金总额", line, line), cell(*total.span(1)), cell(*total.span(2)), blank)
        pos = total.end()
        while (source := _PAIRED_SOURCE.match(self.s, pos, end)) is not None:
            self._row(cell(*source.span(1)), cell(*source.span(2)), cell(*source.span(3)), blank)
            pos = source.end()

    def _fund_header_cell(self, key: str, a: int, b: int, column: str) -> Cell:
        cell = self.t.cell(a, b)
        if key == _LETTERED_BUDGET or _PLAIN_LETTERS.fullmatch(self.s[a + len(key) : b]) is None:
            return Cell(labels.FUNDS_COLUMN_LABELS.get(column, key), cell.line, cell.end_line)
        return cell

    def _next_fund_run(self, pos: int, end: int) -> re.Match[str] | None:
        s = self.s
        while True:
            match = _FUND_RUN.search(s, pos, end)
            if match is None:
                return None
            after = match.end()
            digits = any(c.isdigit() for c in match.group(0))
            # "2020年结转资金": a year inside a label; "中央/省级": a slash inside one. A run
            # holding more than digits ("100%20年度绩效指标") is values, whatever follows it.
            inside_label = (digits and after < end and s[after] in "年月" and match.group(0).isdigit()) or (
                not digits and not self._label_starts(after, end))
            if inside_label:
                pos = after
                continue
            return match

    def _label_starts(self, at: int, end: int) -> bool:
        s = self.s
        return at >= end or _OTHER_PREFIX.match(s, at) is not None or _patterns()["fund_source"].match(s, at) is not None

    def _fund_labels(self, start: int, end: int) -> list[tuple[int, int]]:
        """Labels run together when rows have no values ("上年结转资金其他资金"): cut before
        "其中" and before a known source label when what precedes already ends like a label."""
        s = self.s
        cuts = [start]
        for match in re.finditer(r"其中", s[start:end]):
            if match.start() > 0:
                cuts.append(start + match.start())
        for match in _patterns()["fund_source"].finditer(s, start, end):
            if match.start() == start:
                continue
            label_start = max(c for c in cuts if c <= match.start())
            before = _OTHER_PREFIX.sub("", s[label_start : match.start()])
            if _FUND_END_WORD.search(before) or before in labels.FUND_SOURCES:
                cuts.append(match.start())
        cuts = sorted(set(cuts))
        spans = [(a, b) for a, b in zip(cuts, cuts[1:] + [end]) if a < b]
        return [span for span in spans if s[span[0] : span[1]].strip(":")]

    def _fund_label_start(self, a: int, b: int) -> int | None:
        """Where the fund row's label starts, or None when the text is no fund label: a funds
        row is named by the funds vocabulary (资金, 拨款, 补助, 总额…). A known source label at
        the end of a longer run ("…执行率)年度财政资金总额") is the label; what precedes it is
        header debris."""
        text = labels.fund_label(self.s[a:b])
        if text not in labels.FUND_SOURCES:
            end = b
            while end > a and self.s[end - 1] == ":":
                end -= 1
            ends_in_total = [m for m in _patterns()["fund_source"].finditer(self.s, a, end) if m.end() == end
                             and labels.fund_source(m.group(0)) == labels.TOTAL_FUND]
            if ends_in_total and ends_in_total[-1].start() > a and not _FUND_WORD.search(
                    labels.fund_label(self.s[a : ends_in_total[-1].start()])):
                # "计算方法年度资金总额": a header's tail before the total row's label ("中央财政资金" is
                # a label of its own, never 财政资金 after debris)
                return ends_in_total[-1].start()
        if text in labels.FUND_SOURCES or _FUND_WORD.search(text[-8:] if len(text) > 16 else text):
            if len(text) > 16:
                found = None
                for match in _patterns()["fund_source"].finditer(self.s, a, b):
                    found = match
                if found is None or found.end() != b:
                    return a if _FUND_END_WORD.search(text) else None
                return found.start()
            return a
        return None

    def _fund_row(self, a: int, b: int, values: tuple[int, int], columns: list[str], cuttable: bool) -> None:
        label = self.t.cell(a, b)
        cells = {c: self.t.cell(values[1], values[1]) for c in columns}
        if values[0] < values[1] and cuttable:
            try:
                part = labels.fund_source(labels.fund_label(label.text)) != labels.TOTAL_FUND
                found = split_fund_run(self.s, values[0], values[1], columns, self.total_amounts,
                                       self.implied_weight, part=part)
                for column, (x, y) in found.items():
                    cells[column] = self.t.cell(x, y)
                if labels.fund_source(labels.fund_label(label.text)) == labels.TOTAL_FUND:
                    self.total_amounts = {c: to_decimal(("number", self.s[x:y])) for c, (x, y) in found.items()
                                          if FUND_KINDS[c] == "amount" and self.s[x:y][:1].isdigit()}
            except Ambiguous as why:
                self._problem("R-PARSE-03", label.text, f"资金行“{label.text}”的数字“{self.t.raw[values[0]:values[1]]}”"
                              f"粘连在一起，无法按列可靠拆分（{why}）", values[0])
        self._row(label, *(cells[c] for c in columns))

    # -- goals --------------------------------------------------------------------------------

    def _goal(self, found: tuple[int, int, list], end: int) -> None:
        at, header_end, run = found
        by_field = {labels.GOAL_COLUMNS[key]: (a, b) for key, a, b in run}
        section = self.t.cell(at, run[0][1] if run else header_end)
        line = section.line
        expected = self.t.cell(*by_field["expected"]) if "expected" in by_field else Cell("预期目标", line, line)
        actual = self.t.cell(*by_field["actual"]) if "actual" in by_field else Cell("实际完成情况", line, line)
        self._row(section, expected, actual)
        if header_end >= end:
            return
        cut = split_goal(self.s[header_end:end])
        if cut is None:
            text = self.t.raw[header_end:end]
            self.extras["goal_text_unsplit"] = text
            self._problem("R-PARSE-01", "年度总体目标", f"年度总体目标“{text[:40]}”的预期目标与实际完成情况粘连，"
                          "无法可靠分开（两格均留空）", header_end, severity="warning")
            return
        middle = header_end + cut
        self._row(Cell("", section.line, section.line), self.t.cell(header_end, middle), self.t.cell(middle, end))


def split_goal(text: str) -> int | None:
    """Where the 预期目标 text ends and the 实际完成情况 text begins, when that is clear: two
    identical halves, two sentences, or a numbered list that starts again at 1."""
    if not text:
        return None
    half = len(text) // 2
    if len(text) % 2 == 0 and text[:half] == text[half:]:
        return half
    ends = [i + 1 for i, ch in enumerate(text) if ch in _SENTENCE_END]
    if len(ends) == 2 and ends[-1] == len(text):
        return ends[0]
    if len(ends) == 1 and ends[0] < len(text) and len(text) - ends[0] <= _SHORT_ACTUAL and "完成" in text[ends[0]:]:
        return ends[0]  # "…添置演出设备。已完成": one sentence, then a short completion note
    items = [m.start() for m in _ITEM_ONE.finditer(text)]
    if len(items) == 2 and items[0] == 0:
        return items[1]
    return None
