"""Recognise 项目支出绩效自评表 forms in rows of cells (the seed's table layout).

Parts are found by their header labels (labels.py), never by fixed row numbers, and data cells
are mapped to columns through the header row above them, so a variant that moves or renames a
column needs a vocabulary entry, not new code.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from . import labels
from .amounts import WAN_YUAN_PER_UNIT
from .cells import Cell, Row
from .model import problem
from .normalize import fold, label_key
from .numbers import AMOUNT_UNITS, SCORE_UNITS, is_placeholder, parse_decimal, parse_rate, rate_readings
from .targets import actual_band, parse_value

# "150万" in an amount cell: 万元 written short.
_WAN = "万"
# Labels are short; long cells (goals, remarks) are never compared against the vocabulary,
# which keeps the per-row cost flat on text-heavy forms.
_MAX_LABEL_CHARS = 40

_HEAD, _FUNDS, _GOAL, _INDICATORS, _AFTER_TOTAL, _FUNDS_TEXT = range(6)
_DEFAULT_AMOUNT_UNIT = "万元"
_UNREADABLE = "\ufffd"
_PROJECT_NAME_KEYS = {key for key, field in labels.INFO_FIELDS.items() if field == "project_name"}
_SECTION_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))")
# An amount this large read in 万元 (ten 亿元 and more for one project) more likely was written in 元.
_UNLIKELY_WAN_YUAN = Decimal(100000)


@dataclass(slots=True)
class _Columns:
    width: int  # cells in the header row
    positions: dict[str, int]  # column name -> index in the header row

    @property
    def first(self) -> int:
        return min(self.positions.values())

    @property
    def last(self) -> int:
        return max(self.positions.values())


def _keys(row: Row) -> list[str]:
    return [labels.column_key(t) if len(t) <= _MAX_LABEL_CHARS else "" for t in row.texts]


def _first_text(row: Row) -> Cell | None:
    return next((c for c in row.cells if c.text), None)


def _columns(row: Row, keys: list[str], vocabulary: dict[str, str]) -> _Columns:
    positions: dict[str, int] = {}
    for index, key in enumerate(keys):
        name = vocabulary.get(key)
        if name is not None and name not in positions:
            positions[name] = index
    return _Columns(len(row.cells), positions)


def _goal_columns(row: Row, keys: list[str]) -> _Columns:
    """The goal header's columns. "年度总体目标 | 总体目标 | 总体目标完成情况" (新疆 template): a second
    section word before the actual goal's column heads the expected goal's column. "总体目标完成情况 |
    总体目标 | 全年实际完成情况" (中央转移支付 template): the first cell labels the row, so the section
    word heads the expected column and the last actual label the actual one."""
    columns = _columns(row, keys, labels.GOAL_COLUMNS)
    actual = columns.positions.get("actual")
    if actual is not None and "expected" not in columns.positions:
        sections = [index for index, key in enumerate(keys[:actual]) if key in labels.GOAL_SECTION]
        if len(sections) >= 2:
            columns.positions["expected"] = sections[-1]
            return columns
        actuals = [index for index, key in enumerate(keys) if labels.GOAL_COLUMNS.get(key) == "actual"]
        between = [index for index in range(actuals[0] + 1, actuals[-1]) if keys[index] in labels.GOAL_SECTION]
        if len(actuals) >= 2 and between:
            columns.positions["expected"], columns.positions["actual"] = between[-1], actuals[-1]
    return columns


def _trimmed(cells: list[Cell], width: int) -> list[Cell]:
    # Dumps sometimes add empty cells after the last column; they must not shift alignment.
    end = len(cells)
    while end > width and not cells[end - 1].text:
        end -= 1
    return cells[:end]


def weight_and_score(filled: list, order: list[str]) -> list:
    """A 总分 row's filled numbers as [分值, 得分]: of two, the 100 is the 分值 (a form's points); else in
    the header's order of 分值, 扣减分数 and 得分 ("总分 100 1 99"; "总分 94 100" under 得分 分值)."""
    if len(filled) == 2:
        first, second = (parse_decimal(cell.text, SCORE_UNITS)[0] for cell in filled)
        if first == 100 and second is not None and second < 100:
            return filled
        if second == 100 and first is not None and first < 100:
            return [filled[1], filled[0]]
    if "weight" in order and "score" in order and len(filled) == len(order):
        by_column = dict(zip(order, filled))
        return [by_column["weight"], by_column["score"]]
    return filled


def _plain_rate_by_amounts(record: dict[str, Any], raw: str | None):
    """A 执行率 written without "%" reads as a fraction at most 1 ("0.16": 16 %) and as a percent above
    ("98.74") unless the row's amounts give it the other way and not this way: "0.16" as 0.16 %, "1.06"
    (a fraction form's overspent budget) as 106 %. Forms with no 全年预算数 column (济南: 年初预算数(A),
    执行率(B/A)) weigh the executed amount against the 年初预算数."""
    rate = record.get("execution_rate")
    budget = record.get("annual_budget")
    if budget is None:
        budget = record.get("initial_budget")
    executed = record.get("executed")
    if rate is None or raw is None or fold(raw).strip().endswith("%") or not budget or executed is None:
        return rate
    written = fold(raw).strip()
    number, ok = parse_decimal(written)
    if not ok or number is None:
        return rate
    fits_fraction, fits_percent = rate_readings(Decimal(str(executed)) / Decimal(str(budget)), number)
    if fits_percent and not fits_fraction:
        return number.scaleb(-2)
    if fits_fraction and not fits_percent:
        return number
    return rate


# A note stating the amounts' unit: "单位：元", "注：金额单位：元", "说明：单位：元", "注：本表金额单位：万元".
_UNIT_NOTE = re.compile(r"\(?(?:(?:填表)?(?:注|说明|备注)\d*[:.、]?)?(?:本表)?(?:金额|资金)?单位")


def is_unit_note(text: str) -> bool:
    if len(text) > _MAX_LABEL_CHARS or "单位" not in text:
        return False
    key = label_key(text)
    return _UNIT_NOTE.match(key) is not None and labels.AMOUNT_UNIT.search(key) is not None


_COMPARATOR = re.compile(labels.COMPARATOR)
# A note written inside a table: "注：…", "说明:…", "备注：…", "填表说明：…".
_REMARK_OPENING = re.compile(r"(?:填表)?(?:注|说明|备注)\s*\d*\s*[:：.、]")


def _right_aligned(row: Row, columns: _Columns) -> dict[str, Cell | None]:
    """Map cells to columns by header index; a short row (merged cells dropped on the left)
    aligns to the right."""
    cells = _trimmed(row.cells, columns.width)
    shift = columns.width - len(cells)
    out: dict[str, Cell | None] = {}
    for name, position in columns.positions.items():
        index = position - shift
        out[name] = cells[index] if 0 <= index < len(cells) else None
    return out


def _labelled(row: Row, columns: _Columns) -> tuple[Cell | None, dict[str, Cell | None]]:
    """Split a funds row into its label and value cells.

    A full-width row maps by index. Otherwise the values after the label are aligned to the
    right, so a row that lost its empty 年初预算数 cell still reads 全年预算数 correctly.
    """
    cells = _trimmed(row.cells, columns.width)
    if len(cells) == columns.width:
        label = next((c for c in cells[: columns.first] if c.text), None)
        return label, {name: cells[pos] for name, pos in columns.positions.items()}
    start = next((i for i, c in enumerate(cells) if c.text), None)
    if start is None:
        return None, {}
    label: Cell | None = cells[start]
    if parse_decimal(label.text, AMOUNT_UNITS)[0] is not None:
        label = None  # no label cell: the first text is already a value
    else:
        start += 1
    values = cells[start:]
    out: dict[str, Cell | None] = {}
    for name, position in columns.positions.items():
        index = len(values) - 1 - (columns.last - position)
        out[name] = values[index] if 0 <= index < len(values) else None
    return label, out


def _weight_as_percent(raw: str | None) -> tuple[Decimal | None, bool]:
    """A 权重 cell written as a share of the form's 100 points ("20%"): that many points."""
    text = fold(raw or "").strip()
    if not text.endswith("%"):
        return None, False
    value, ok = parse_decimal(text[:-1])
    return (value, True) if ok and value is not None and 0 <= value <= 100 else (None, False)


def info_fields(key: str) -> tuple[str, ...]:
    field = labels.INFO_FIELDS.get(key) or labels.INFO_FIELDS.get(labels.undoubled(key))
    if field is not None:
        return (field,)
    return labels.INFO_BOTH.get(key, ())


_LABEL_COLON = re.compile(r"[:：]")


def info_in_cell(text: str) -> tuple[tuple[str, ...], str] | None:
    """"项目名称：某某项目" written in one cell: the fields its label names and the value after the
    colon (None when the text before the first colon is no header label, or nothing follows it)."""
    parts = _LABEL_COLON.split(text, 1)
    if len(parts) < 2 or len(parts[0]) > _MAX_LABEL_CHARS:
        return None
    fields = info_fields(labels.column_key(parts[0]))
    value = parts[1].strip()
    return (fields, value) if fields and value else None


def total_in_one_cell(text: str) -> list[str] | None:
    """"总分 100 94" (or "总 分 94") written in one cell: [label, number…] as the row's cells would hold
    them, or None when the text is not a total label followed by one or two numbers."""
    words = fold(text).split()
    if not 2 <= len(words) <= 4 or len(text) > _MAX_LABEL_CHARS:
        return None
    for size in (1, 2):
        label = "".join(words[:size])
        numbers = words[size:]
        if (label_key(label) in labels.TOTAL_ROW | labels.INDICATOR_TOTAL_ROW and 1 <= len(numbers) <= 2
                and all(parse_decimal(n, SCORE_UNITS)[0] is not None for n in numbers)):
            return [label, *numbers]
    return None


def is_score_line(text: str) -> bool:
    """"自评得分：94分" on a line of its own: the form's score as a title states it."""
    return labels.TITLE_TOTAL.fullmatch(fold(text).strip()) is not None


def closes_indicator_table(text: str) -> bool:
    """A cell that ends the indicator rows by itself: the 总分 row in one cell, or a score line."""
    return total_in_one_cell(text) is not None or is_score_line(text)


def _text(cell: Cell | None) -> str | None:
    return None if cell is None else cell.text


def is_title_row(row: Row) -> bool:
    texts = [t for t in row.texts if t]
    if not texts or len(texts) > 2 or len(texts[0]) > labels.TITLE_MAX_CHARS:
        return False
    key = labels.REPORT_YEAR.sub("", label_key(texts[0]))
    return labels.TITLE.search(key) is not None


def split_forms(rows: list[Row]) -> list[list[Row]]:
    """Cut the rows into forms: each starts at a title row, or at a 项目名称 row when the
    current form already has one (a form whose title was lost).

    A title directly after another title (a document heading above the first form) does not
    start an empty form of its own.
    """
    forms: list[list[Row]] = []
    current: list[Row] | None = None
    has_name = has_content = False
    before_first: list[Row] = []  # "单位：元" above the first form's title
    year_before: Row | None = None  # a year row before any form: the first form's, if it has no title
    for row in rows:
        first = _first_text(row)
        if first is None:
            if current is not None:
                current.append(row)
            continue
        if current is None and is_unit_line([t for t in row.texts if t]):
            before_first.append(row)
            continue
        in_cell = info_in_cell(first.text)
        is_name = (len(first.text) <= _MAX_LABEL_CHARS and label_key(first.text) == "项目名称"
                   or in_cell is not None and in_cell[0] == ("project_name",))
        is_title = is_title_row(row)
        if (is_title and (current is None or has_content)) or (is_name and (current is None or has_name)):
            # A form with no title starts at its 项目名称 row, or at the "(2022年度)" row right before it
            # (blank rows aside), which the form before it took; a titled form takes the unit lines
            # ("单位：元") right above its title, which the form before it took.
            if current is None:
                lead = [*before_first, *([year_before] if is_name and not is_title and year_before is not None else [])]
            elif is_title:
                lead = _unit_lines_at_end(current)
            else:
                lead = _year_rows_before_name(current)
            current = [*lead, row]
            forms.append(current)
            has_name, has_content = is_name, is_name
        elif current is None:
            year_before = row if _is_year_row(row) else None
        else:
            current.append(row)
            has_name = has_name or is_name
            has_content = has_content or not (is_title or _is_year_row(row))
    return forms


def is_unit_line(texts: list[str]) -> bool:
    """A line of its own stating the amounts' unit with no note word ("单位：元", "(单位：万元)"): printed
    above a form's title or table, it is that form's ("注：金额单位：元" is a note on the table above)."""
    return (len(texts) == 1 and is_unit_note(texts[0]) and _REMARK_OPENING.match(fold(texts[0]).strip()) is None)


def _unit_lines_at_end(rows: list[Row]) -> list[Row]:
    return unit_lines_at_end(rows, Row.is_blank, lambda row: is_unit_line([t for t in row.texts if t]))


def unit_lines_at_end(items: list, blank: Callable[[Any], bool], unit_line: Callable[[Any], bool]) -> list:
    """Cut the unit lines (and the blank rows or cells among them) off the end of the form before a
    title, and return them: they head the next form. Before, the form above took the next one's unit
    and the next had none."""
    cut = len(items)
    while cut > 0 and (blank(items[cut - 1]) or unit_line(items[cut - 1])):
        cut -= 1
    while cut < len(items) and blank(items[cut]):
        cut += 1
    if cut == len(items):
        return []
    lines = items[cut:]
    del items[cut:]
    return lines


def _year_rows_before_name(previous: list[Row]) -> list[Row]:
    k = len(previous)
    while k and _first_text(previous[k - 1]) is None:
        k -= 1
    if k > 1 and _is_year_row(previous[k - 1]):
        moved = previous[k - 1:]
        del previous[k - 1:]
        return moved
    return []


def _is_year_row(row: Row) -> bool:
    texts = [t for t in row.texts if t]
    return len(texts) == 1 and labels.REPORT_YEAR.fullmatch(fold(texts[0]).strip()) is not None


def _title_year(title: str, project_name: str | None) -> int | None:
    """The year of a title that states no "(2021年度)": one before the generic form name, or one before
    the form's own project name ("2022年度" + 项目名称 + "项目自评表"). A year inside a project name
    ("2021年中央…项目") is the project's, not the report's."""
    match = (labels.TITLE_YEAR.search(title) or labels.TITLE_REGION_YEAR.match(title)
             or labels.TITLE_YEAR_GENERIC.match(title))
    if match is not None:
        return int(match.group(1))
    match = labels.TITLE_YEAR_BEFORE_NAME.match(title)
    if match is not None and project_name and match.group(2).startswith(label_key(project_name)):
        return int(match.group(1))
    return None


def _year_in_project_name(title: str, match: re.Match) -> bool:
    """A bracketed year inside a title's project name ("农村道路建设(2021年)项目项目支出绩效自评表"): text
    other than the form's name follows it, so it dates the project, not the report. Read as the report
    year it won over the "(2022年度)" line below the title."""
    after = label_key(title[match.end():])
    return bool(label_key(title[:match.start()]) and after and labels.TITLE.search(after)
                and not labels.TITLE_FORM_NAME.fullmatch(after))


class _FormParser:
    def __init__(self, rows: list[Row], form_index: int, span: tuple[int, int] | None = None) -> None:
        self.rows = rows
        line_start, line_end = span or (rows[0].line, rows[-1].end_line)
        self.problems: list[dict[str, Any]] = []
        self.form: dict[str, Any] = {
            "report_year": None,
            "project_name": None,
            "department": None,
            "implementing_unit": None,
            "goal_expected": None,
            "goal_actual": None,
            "funds": [],
            "indicators": [],
            "total_weight": None,
            "total_score": None,
            "form_index": form_index,
            "line_start": line_start,
            "line_end": line_end,
            "title": None,
            "amount_unit": None,
            "reported_grade": None,
            "total_weight_raw": None,
            "total_score_raw": None,
            "total_line": None,
            "problems": self.problems,
        }
        self.state = _HEAD
        self.columns: _Columns | None = None
        self.has_indicator_table = False
        self.level1: str | None = None
        self.level1_raw: str | None = None
        self.level1_weight: Decimal | None = None
        self.level2: str | None = None
        # 总分 stated in the title line ("项目总得分99分"): used only when no 总分 row exists.
        self.title_total: tuple[str, int] | None = None
        # Every title line of the head: a subtitle ("2021年度项目支出绩效自评表" under the project's own
        # title) may be the one that states the year.
        self.title_lines: list[str] = []
        self.after_total_table = False  # a table met after the 总分 row: the rest is no part of the form
        self.side_by_side = False  # a second form printed to the right of this one
        # Amounts with their own unit read before the form declared one (see _in_form_unit).
        self.cell_units: list[tuple] = []

    def parse(self) -> dict[str, Any]:
        for row in self.rows:
            if not row.is_blank():
                self._row(row)
        self._finish()
        return self.form

    # -- dispatch ---------------------------------------------------------------------------

    def _row(self, row: Row) -> None:
        if self.after_total_table:
            return
        keys = _keys(row)
        filled = [cell for cell in row.cells if cell.text]
        in_one_cell = total_in_one_cell(filled[0].text) if len(filled) == 1 else None
        if in_one_cell is not None and (self.state == _INDICATORS or in_one_cell[0] in labels.TOTAL_ROW):
            # "总分 100 94" in one cell: the 总分 row, its words as its cells
            self._total(Row([Cell(word, filled[0].line, filled[0].end_line) for word in in_one_cell]), 0)
            return
        for index, key in enumerate(keys):
            if labels.total_key(key) in labels.TOTAL_ROW or (self.state == _INDICATORS and key in labels.INDICATOR_TOTAL_ROW):
                self._total(row, index)
                return
        if self.state in (_AFTER_TOTAL, _INDICATORS) and self._table_after_total(row, keys):
            return
        if self.state == _INDICATORS and labels.SUBTOTAL_ROW.intersection(keys):
            return  # a block's 小计: the sum of the rows above it
        if self.state == _INDICATORS and self._score_line(row):
            return
        if self._unit_note(row):
            return
        indicator_columns = _columns(row, keys, labels.INDICATOR_COLUMNS)
        if "level1" in indicator_columns.positions and "name" in indicator_columns.positions:
            self._enter(_INDICATORS, indicator_columns)
            self.has_indicator_table = True
            self._note_column(row, keys)
            return
        goal_columns = _goal_columns(row, keys)
        if len(goal_columns.positions) == 2 or labels.GOAL_SECTION.intersection(keys):
            self._enter(_GOAL, goal_columns)
            self._labelled_goals(row, keys)
            return
        first = next((key for key in keys if key), "")
        if self.state != _GOAL and first in labels.GOAL_COLUMNS and self._labelled_goals(row, keys):
            # "预期目标 | 目标" with no 年度总体目标 word: the goal block opens here (before, a made-up
            # source of funds, or no goal)
            self._enter(_GOAL, goal_columns)
            return
        funds_columns = _columns(row, keys, labels.FUNDS_COLUMNS)
        positions = funds_columns.positions
        if len(positions) >= 3 and any(c in positions for c in labels.FUNDS_AMOUNT_COLUMNS):
            self._enter(_FUNDS, funds_columns)
            self._amount_unit(row)
            return
        if self.state == _HEAD:
            for text in row.texts:
                if is_unit_note(text):
                    self._amount_unit_from(text)  # "主管部门 | … | 实施单位 | … | 单位：元": a cell of its own
        if self.state != _INDICATORS and self._info(row, keys):
            return
        if self.state == _FUNDS and keys and keys[0] in labels.FUNDS_TEXT_SECTIONS:
            self.state = _FUNDS_TEXT
            return
        if self.state == _HEAD:
            self._head(row)
        elif self.state == _FUNDS:
            self._fund_row(row)
        elif self.state == _GOAL:
            self._goal_row(row)
        elif self.state == _INDICATORS:
            if next((k for k in keys if k), "") not in labels.REMARK_ROWS:
                self._indicator_row(row)
        else:
            self._grade(row.cells)

    def _table_after_total(self, row: Row, keys: list[str]) -> bool:
        """A table after the form's 总分 (a 汇总表 listing the projects, a copy of a block) is no part
        of the form: its header and rows are skipped, and said once."""
        amounts = {name for name in map(labels.FUNDS_COLUMNS.get, keys) if name in labels.FUNDS_AMOUNT_COLUMNS}
        if len(amounts) < 2:
            if self.state == _INDICATORS:
                return False  # an indicator row, or the indicator header again (a table carried onto the next page)
            indicators = _columns(row, keys, labels.INDICATOR_COLUMNS).positions
            if not ("level1" in indicators and "name" in indicators):
                return False  # "分值 100 得分 94 等级 优": the total restated, no table
        # (With the rows still open, a header of amounts is a 汇总表 after a form that has no 总分 row:
        # read on, its projects were indicators and its 合计 the form's total.)
        self.after_total_table = True
        after = "总分行" if self.state == _AFTER_TOTAL else "指标表"
        self.problems.append(problem("R-PARSE-02", _first_text(row).text if _first_text(row) else "表格",
                                     f"{after}之后又有表格（如汇总表），未读入本表，请核对", row.line, severity="warning"))
        return True

    def _enter(self, state: int, columns: _Columns) -> None:
        self.state = state
        self.columns = columns

    def _note_column(self, row: Row, keys: list[str]) -> None:
        # The deviation column's wording varies most ("偏差原因分析及改进措施", "未完成原因…").
        if "note" not in self.columns.positions:
            for index, key in enumerate(keys):
                if "原因" in key or "改进措施" in key:
                    self.columns.positions["note"] = index
                    break

    # -- header part ------------------------------------------------------------------------

    def _head(self, row: Row) -> None:
        if is_title_row(row):
            # Of stacked titles (document heading, then the form's), the last one names the form.
            self.form["title"] = _first_text(row).text
            self.title_lines.append(self.form["title"])
        for text in row.texts:
            self._year_from(text)
            self._amount_unit_from(text)
            self._title_total_from(text, row.line)

    def _title_total_from(self, text: str, line: int) -> None:
        if self.title_total is None and "分" in text and len(text) <= labels.TITLE_MAX_CHARS:
            match = labels.TITLE_TOTAL.search(fold(text))
            if match is not None:
                self.title_total = (match.group(1), line)

    def _score_line(self, row: Row) -> bool:
        """"自评得分：94分" alone on a row under the indicator table: the form's score, as a title states
        it (used when no 总分 row follows). Read as an indicator row it was left out, the score lost."""
        texts = [t for t in row.texts if t]
        if len(texts) != 1 or not is_score_line(texts[0]):
            return False
        self._title_total_from(texts[0], row.line)
        self.state = _AFTER_TOTAL  # it closes the table, as a 总分 row would
        return True

    def _year_from(self, text: str) -> None:
        if self.form["report_year"] is None and len(text) <= labels.TITLE_MAX_CHARS:
            folded = fold(text)
            match = labels.REPORT_YEAR.search(folded)
            if match is not None and _year_in_project_name(folded, match):
                return
            if match is not None:
                self.form["report_year"] = int(match.group(1))
                return
            match = labels.YEAR_LINE.fullmatch(label_key(text))
            if match is not None:
                self.form["report_year"] = int(match.group(1) or match.group(2))

    def _unit_note(self, row: Row) -> bool:
        """A one-cell note stating the amounts' unit ("注：金额单位：元", "单位：元"), wherever it stands."""
        texts = [t for t in row.texts if t]
        if len(texts) != 1 or not is_unit_note(texts[0]):
            return False
        self._amount_unit_from(texts[0])
        return True

    def _amount_unit(self, row: Row) -> None:
        for text in row.texts:
            self._amount_unit_from(text)

    def _amount_unit_from(self, text: str) -> None:
        if self.form["amount_unit"] is None and len(text) <= _MAX_LABEL_CHARS:
            match = labels.AMOUNT_UNIT.search(label_key(text))
            if match is not None:
                self.form["amount_unit"] = match.group(1) or match.group(2)

    def _info(self, row: Row, keys: list[str]) -> bool:
        found = False
        cells = row.cells
        names = [n for n, k in enumerate(keys) if k in _PROJECT_NAME_KEYS] if not self.side_by_side else []
        between = [] if len(names) < 2 else [k for k in keys[names[0] + 1 : names[-1]] if k and not info_fields(k)]
        if between:
            # Two forms printed side by side share their rows: only the left one is read.
            self.side_by_side = True
            self.problems.append(problem("R-PARSE-02", "项目名称", "同一行有两个项目名称（两张表并排），只读入左侧一张，"
                                         "右侧的表未读入，请核对", row.line))
        for index, key in enumerate(keys):
            fields = info_fields(key)
            combined = None if fields or "/" not in key and "、" not in key else labels.combined_info(key)
            if not fields and combined is None:
                in_cell = info_in_cell(cells[index].text)
                if in_cell is not None:
                    self._set_info(*in_cell)
                    found = True
                continue
            found = True
            for later in range(index + 1, len(cells)):
                if info_fields(keys[later]) or info_in_cell(cells[later].text) is not None:
                    break  # the next label ("实施单位" or "实施单位：某中心"): this one's value is blank
                if cells[later].text:
                    if combined is not None:
                        self._set_combined(combined, cells[later].text)
                    else:
                        self._set_info(fields, cells[later].text)
                    break
        return found

    def _set_combined(self, fields: tuple[str | None, ...], value: str) -> None:
        """"项目实施单位/项目负责人 | 某中心/张三": split at the same separator, else all to the first."""
        for field, part in labels.combined_values(fields, value).items():
            self._set_info((field,), part)

    def _set_info(self, fields: tuple[str, ...], value: str) -> None:
        for field in fields:
            if self.form[field] is None:
                self.form[field] = value

    # -- funds ------------------------------------------------------------------------------

    def _fund_row(self, row: Row) -> None:
        label_cell, values = _labelled(row, self.columns)
        label = label_cell.text if label_cell is not None else ""
        if (_SECTION_HEADING.match(fold(label).strip()) and not any(c is not None and c.text for c in values.values())
                and labels.fund_source(labels.fund_label(label)).startswith("other:")):
            return  # "二、年度总体目标完成情况": a document's heading between two tables, no source of funds
        self._add_fund(label, values, row.line)

    def _add_fund(self, label_text: str, values: dict[str, Any], line: int) -> None:
        """values: column name -> cell (anything with .text and .line) or None."""
        label = labels.fund_label(label_text) if label_text else ""
        record: dict[str, Any] = {"source": labels.fund_source(label)}
        raws: dict[str, str | None] = {}
        for column, column_label in labels.FUNDS_COLUMN_LABELS.items():
            cell = values.get(column)
            raw = _text(cell)
            if column in labels.FUNDS_AMOUNT_COLUMNS:
                value, ok = parse_decimal(raw, AMOUNT_UNITS)
                written = fold(raw or "").strip()
                unit = next((u for u in AMOUNT_UNITS if written.endswith(u)), None)
                if not ok and written.endswith(_WAN):
                    # "150万" in an amount cell: 万元 written short.
                    value, ok = parse_decimal(written[: -len(_WAN)])
                    unit = "万元"
                if ok and value is not None and unit is not None:
                    value = self._in_form_unit(value, raw, unit, f"{label}·{column_label}", cell, record, column)
            elif column == "execution_rate":
                value, ok = parse_rate(raw)
            else:
                value, ok = parse_decimal(raw, SCORE_UNITS)
            if not ok:
                self._not_a_number(f"{label}·{column_label}", column_label, cell)
            record[column] = value
            raws[f"{column}_raw"] = raw
        record["execution_rate"] = _plain_rate_by_amounts(record, raws.get("execution_rate_raw"))
        record["row_index"] = len(self.form["funds"])
        record["line"] = line
        record["source_label"] = label
        record.update(raws)
        self.form["funds"].append(record)

    def _in_form_unit(self, value: Decimal, raw: str | None, unit: str, subject: str, cell, record: dict[str, Any],
                      column: str) -> Decimal:
        """An amount written with its own unit ("1000000元", "150万") in the form's unit: one that
        declares another ("项目资金(万元)") gets the amount converted, and a warning, since the form
        contradicts itself. Until the form has declared its unit the amount waits as written: the
        declaration may come after the rows ("注：金额单位：元" under the table), and a form that
        declares none at all takes the first such cell's unit (see _settle_cell_units)."""
        form_unit = self.form.get("amount_unit")
        if form_unit is None:
            self.cell_units.append((record, column, value, raw, unit, subject, cell))
            return value
        return self._converted(value, raw, unit, form_unit, subject, cell)

    def _converted(self, value: Decimal, raw: str | None, unit: str, form_unit: str, subject: str, cell) -> Decimal:
        if unit == form_unit or form_unit not in WAN_YUAN_PER_UNIT:
            return value
        converted = value * WAN_YUAN_PER_UNIT[unit] / WAN_YUAN_PER_UNIT[form_unit]
        line = cell.line if cell is not None else self.form["line_start"]
        self.problems.append(problem("R-PARSE-03", subject, f"金额“{raw}”自带单位“{unit}”，与表头单位“{form_unit}”不同，"
                                     f"已换算为{converted.normalize():f}{form_unit}，请核对", line, severity="warning"))
        return converted

    def _settle_cell_units(self) -> None:
        if not self.cell_units:
            return
        if self.form["amount_unit"] is None:
            self.form["amount_unit"] = self.cell_units[0][4]
        for record, column, value, raw, unit, subject, cell in self.cell_units:
            record[column] = self._converted(value, raw, unit, self.form["amount_unit"], subject, cell)
        for record in {id(entry[0]): entry[0] for entry in self.cell_units}.values():
            # the plain rate was weighed against amounts in two units
            raw = record.get("execution_rate_raw")
            record["execution_rate"] = _plain_rate_by_amounts({**record, "execution_rate": parse_rate(raw)[0]}, raw)
        self.cell_units = []

    # -- goals ------------------------------------------------------------------------------

    def _goal_row(self, row: Row) -> None:
        keys = _keys(row)
        if self._labelled_goals(row, keys) or any(key in labels.GOAL_COLUMNS for key in keys):
            return  # a label's row: its text, if any, is read after the label, never under the header's columns
        values = _right_aligned(row, self.columns)
        for column, field in (("expected", "goal_expected"), ("actual", "goal_actual")):
            text = _text(values.get(column))
            if text:
                previous = self.form[field]
                self.form[field] = text if previous is None else f"{previous}\n{text}"

    def _labelled_goals(self, row: Row, keys: list[str]) -> bool:
        """Goals written after their labels on the label's row ("预期目标 | 目标 | 实际完成情况 | 完成
        情况", or each label and its text on a row of their own): the text after a goal label, up to
        the next goal label, is that goal. Read by the header's columns instead, the label below was
        the expected goal and both texts were lost."""
        found = False
        for index, key in enumerate(keys):
            column = labels.GOAL_COLUMNS.get(key)
            if column is None:
                continue
            for later in range(index + 1, len(keys)):
                if keys[later] in labels.GOAL_COLUMNS or keys[later] in labels.GOAL_SECTION:
                    break
                if row.cells[later].text:
                    self._set_info((f"goal_{column}",), row.cells[later].text)
                    found = True
                    break
        return found

    # -- indicators -------------------------------------------------------------------------

    def _indicator_row(self, row: Row) -> None:
        values = _right_aligned(row, self.columns)
        self._report_shifted_levels(values, row.line)
        self._fill_levels(_text(values.get("level1")), _text(values.get("level2")))
        if self._stray_text(row, values):
            return
        target_raw = _text(values.get("target"))
        if "target_op" in self.columns.positions or "target_unit" in self.columns.positions:
            parts = [_text(values.get(c)) or "" for c in ("target_op", "target", "target_unit")]
            if not _COMPARATOR.search(parts[0]):
                parts[0] = ""  # 指标性质 "定量"/"定性" names the kind of target, not its comparator
            target_raw = "".join(p for p in parts if not is_placeholder(p)) or target_raw
        weight_cell = values.get("weight")
        if "weight_share" in self.columns.positions:
            weight_cell = values.get("weight_share")
        self._add_indicator(
            _text(values.get("name")),
            target_raw,
            _text(values.get("actual")),
            weight_cell,
            values.get("score"),
            _text(values.get("note")) or None,
            row.line,
        )

    def _report_shifted_levels(self, values: dict[str, Cell | None], line: int) -> None:
        """A 一级 label under 二级指标 or a 二级 label under 三级指标: the row's cells stand one column left
        of their header cells (text with its blank cells left out, joined by tabs), so every value
        after them is another column's."""
        level2, name = (label_key(_text(values.get(column)) or "") for column in ("level2", "name"))
        if (level2 in labels.LEVEL1_NAMES - labels.LEVEL2_NAMES) or name in labels.LEVEL2_NAMES:
            self.problems.append(problem("R-PARSE-02", name or level2, "指标行的一级/二级指标名称不在表头的对应列下，"
                                         "该行各单元格与表头的列错位，无法按列读取，请核对", line))

    def _stray_text(self, row: Row, values: dict[str, Cell | None]) -> bool:
        """One text in the indicator table that is no indicator row: a note ("注：满意度由第三方调查"),
        or text in no column of the header. Read as a row it made an indicator with no name or no
        numbers. Said, as a warning, since its words are left out."""
        filled = [cell for cell in row.cells if cell.text]
        if len(filled) != 1 or labels.INDICATOR_NOISE.match(label_key(filled[0].text)):
            return False
        mapped = {column for column, cell in values.items() if cell is not None and cell.text}
        if mapped & {"level1", "level2", "weight", "score", "weight_share"}:
            return False
        if mapped == {"name"} and not _REMARK_OPENING.match(fold(filled[0].text)):
            return False  # a name whose cells are all blank is an indicator left unfilled
        text = filled[0].text
        self.problems.append(problem("R-PARSE-02", text[:20], f"指标表中的单独文字“{text}”不是指标行（附注或表外文字），"
                                     "未读作指标，请核对", row.line, severity="warning"))
        return True

    def _add_indicator(self, name, target_raw, actual_raw, weight_cell, score_cell, note, line) -> None:
        # A blank cell is no value in every layout (a table's "" and a text's missing cell alike).
        target_raw, actual_raw = target_raw or None, actual_raw or None
        for raw, column_label in ((target_raw, "年度指标值"), (actual_raw, "实际完成值")):
            if raw is not None and _UNREADABLE in raw:
                # A symbol the file's reader could not decode (a Word symbol font): a comparator may be lost.
                self.problems.append(problem("R-PARSE-03", f"{name or '指标'}·{column_label}",
                                             f"{column_label}“{raw}”含无法识别的符号，请核对", line))
        weight_raw, score_raw = _text(weight_cell), _text(score_cell)
        subject = name or self.level2 or "指标"
        weight, ok = parse_decimal(weight_raw, SCORE_UNITS)
        if not ok:
            weight, ok = _weight_as_percent(weight_raw)
        if not ok:
            self._not_a_number(f"{subject}·分值", "分值", weight_cell)
        score, ok = parse_decimal(score_raw, SCORE_UNITS)
        if not ok:
            self._not_a_number(f"{subject}·得分", "得分", score_cell)

        target = parse_value(target_raw)
        actual = parse_value(actual_raw)
        applicable = not all(
            is_placeholder(raw) for raw in (name, target_raw, actual_raw, weight_raw, score_raw)
        )
        self.form["indicators"].append(
            {
                "level1": self.level1,
                "level2": self.level2,
                "name": name,
                "target_raw": target_raw,
                "actual_raw": actual_raw,
                "weight": weight,
                "score": score,
                "deviation_note": note,
                "row_index": len(self.form["indicators"]),
                "line": line,
                "level1_raw": self.level1_raw,
                "level1_declared_weight": self.level1_weight,
                "weight_raw": weight_raw,
                "score_raw": score_raw,
                "applicable": applicable,
                "target_kind": target.kind,
                "target_operator": target.operator,
                "target_value": target.value,
                "target_unit": target.unit,
                "actual_kind": actual.kind,
                "actual_value": actual.value,
                "actual_unit": actual.unit,
                "actual_band": actual_band(actual_raw, actual.kind),
            }
        )

    def _fill_levels(self, level1_raw: str | None, level2_raw: str | None) -> None:
        # Merged 一级/二级 cells are exported once and blank below: fill them down.
        if level1_raw:
            key = "".join(fold(level1_raw).split())
            match = labels.LEVEL1_WEIGHT.match(key)
            level1 = match.group(1) if match else key
            if level1 != self.level1:
                self.level2 = None  # a new 一级 does not inherit the previous 二级
            self.level1 = level1
            self.level1_raw = level1_raw
            self.level1_weight = Decimal(match.group(2)) if match else None
        if level2_raw:
            self.level2 = "".join(level2_raw.split())

    # -- total ------------------------------------------------------------------------------

    def _total(self, row: Row, index: int) -> None:
        self.state = _AFTER_TOTAL
        self.form["total_line"] = row.line
        rest = [c for c in row.cells[index + 1 :] if c.text]
        values = [c for c in rest if not self._grade([c])]
        # "总分 | 100 | 96.38分": weight then score; a lone value is the score ("得分合计" holds nothing else).
        placed = self._under_score_columns(row, index)
        if label_key(row.cells[index].text) in labels.SCORE_ONLY_TOTALS:
            values = values[-1:]
        elif placed is not None:
            values = list(placed)  # "总分 | 100 | 2 | 98" under 分值, 扣减分数, 得分; a blank 得分 stays blank
            if placed[1] is None:
                self.problems.append(problem("R-PARSE-02", "总分", "总分行的得分单元格为空（或为未计算的公式），"
                                             "总得分留空，请核对", row.line, severity="warning"))
        elif self.columns is not None:
            positions = self.columns.positions
            values = weight_and_score(values, sorted((c for c in ("weight", "score", "deduction") if c in positions),
                                                     key=positions.get))
        if placed is not None:
            weight_cell, score_cell = placed
        else:
            weight_cell = values[0] if len(values) >= 2 else None
            score_cell = values[1] if len(values) >= 2 else (values[0] if values else None)
        for cell, column_label, field in ((weight_cell, "分值", "total_weight"), (score_cell, "得分", "total_score")):
            raw = _text(cell)
            value, ok = parse_decimal(raw, SCORE_UNITS)
            if not ok:
                self._not_a_number(f"总分·{column_label}", column_label, cell)
            self.form[field] = value
            self.form[f"{field}_raw"] = raw

    def _under_score_columns(self, row: Row, index: int) -> tuple[Cell | None, Cell | None] | None:
        """The 总分 row's cells under the 分值 and 得分 columns (None for a blank one), when the row has
        the header's width and its filled cells after the label are numbers under those columns (or
        扣减分数) and grades: "总分 | | | 100 | |" states the 分值 and leaves the 得分 blank."""
        columns = self.columns
        if columns is None or not {"weight", "score"} <= columns.positions.keys():
            return None
        cells = _trimmed(row.cells, columns.width)
        if len(cells) != columns.width:
            return None
        allowed = {columns.positions[c] for c in ("weight", "score", "deduction") if c in columns.positions}
        label = row.cells[index].text
        for position, cell in enumerate(cells[index + 1:], index + 1):
            if not cell.text or cell.text == label or self._grade([cell]):
                continue
            if position not in allowed or not parse_decimal(cell.text, SCORE_UNITS)[1]:
                return None
        weight, score = cells[columns.positions["weight"]], cells[columns.positions["score"]]
        if not (weight.text or score.text):
            return None
        return (weight if weight.text else None), (score if score.text else None)

    def _grade(self, cells: list[Cell]) -> bool:
        found = False
        for cell in cells:
            if cell.text and len(cell.text) <= _MAX_LABEL_CHARS:
                match = labels.GRADE.fullmatch(label_key(cell.text))
                if match is not None:
                    found = True
                    if self.form["reported_grade"] is None:
                        self.form["reported_grade"] = match.group(1)
        return found

    # -- problems ---------------------------------------------------------------------------

    def _not_a_number(self, subject: str, column_label: str, cell: Cell | None) -> None:
        text = cell.text if cell is not None else ""
        line = cell.line if cell is not None else self.form["line_start"]
        self.problems.append(problem("R-PARSE-03", subject, f"{column_label}单元格“{text}”不是数字", line))

    def _finish(self) -> None:
        form = self.form
        if form["project_name"]:
            form["project_name"] = labels.PROJECT_CODE.sub("", form["project_name"]) or form["project_name"]
        for title in dict.fromkeys([form["title"], *self.title_lines]):  # the form's title first
            if form["report_year"] is None and title:
                form["report_year"] = _title_year(label_key(title), form["project_name"])
        self._settle_cell_units()
        if form["amount_unit"] is None:
            form["amount_unit"] = _DEFAULT_AMOUNT_UNIT
            largest = max((f[k] for f in form["funds"] for k in ("initial_budget", "annual_budget", "executed")
                           if f.get(k) is not None), default=None)
            if largest is not None and largest >= _UNLIKELY_WAN_YUAN:
                self.problems.append(problem(
                    "R-PARSE-03", "项目资金", f"未写金额单位，按万元读取；金额{largest:f}按万元计超过十亿元，"
                    "可能以元为单位，请核对", form["line_start"], severity="warning"))
        if form["total_line"] is None and self.title_total is not None:
            raw, total_line = self.title_total
            form["total_score"], form["total_score_raw"], form["total_line"] = Decimal(raw), raw, total_line
        line = form["line_start"]
        if not form["project_name"]:
            self.problems.append(problem("R-PARSE-01", "", "未找到项目名称", line))
        if form["report_year"] is None:
            self.problems.append(problem("R-PARSE-01", "", "未找到报告年度（如“(2021年度)”）", line))
        if not any(f["source"] == labels.TOTAL_FUND for f in form["funds"]):
            self.problems.append(problem("R-PARSE-01", "", "未找到年度资金总额行", line))
        if not self.has_indicator_table:
            self.problems.append(problem("R-PARSE-02", "", "未找到绩效指标表", line))
        elif not any(i["applicable"] for i in form["indicators"]):
            self.problems.append(problem("R-PARSE-02", "", "绩效指标表中没有适用的指标", line))
        if form["total_line"] is None:
            self.problems.append(problem("R-PARSE-02", "", "未找到总分行", line))


def parse_form(rows: list[Row], form_index: int) -> dict[str, Any]:
    """Parse one form's rows (as cut by split_forms) into the contract dict plus extras."""
    return _FormParser(rows, form_index).parse()
