"""Recognise forms in a token stream whose row boundaries are lost (flattened or pipe text).

The same header vocabulary as the grid layout (labels.py) finds the parts; inside a part the
cells are assigned by what they look like (label, amount, percent, operator, unit, free text)
and by the column set the header declared, never by fixed positions. Blank cells may have
vanished (flattened text), so values are aligned on anchors: the percent cell in a funds row,
the operator/number/unit pattern of a target, the numeric tail of an indicator row.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import Any

from . import labels
from .cells import Cell
from .drawing_order import DrawnTable, blank_unsure, row_ordered
from .layout_seed import (_FormParser, closes_indicator_table, info_fields, info_in_cell, is_score_line, is_unit_line,
                          is_unit_note, total_in_one_cell, unit_lines_at_end, weight_and_score)
from .lone_points import placements
from .model import problem
from .normalize import fold, label_key
from .numbers import (AMOUNT_UNITS, SCORE_UNITS, is_placeholder, match_number, meant_as_number, parse_decimal,
                      parse_rate, rate_readings)
from .stream_slots import (BLANK, POINT_COLUMNS, READABLE_COLUMNS, cells_by_column, fits, funds_scores_fit, header_slots,
                           holds_points, is_percent, not_a_funds_weight, rate_borne_out, score_within_weight, under)
from .templates import is_target_title
from .tokens import Token

_MAX_JOIN = 3
_MAX_LABEL = 40
_HEAD, _FUNDS, _GOAL, _INDICATORS, _AFTER, _FUNDS_TEXT = range(6)

# The number shapes numbers.match_number reads ("100.", ".5" and "65 535" in a pipe cell included: a
# cell the value reader takes is one the row reader must count, or the cells after it move).
_VALUE = re.compile(r"^[+-]?(?:(?:\d{1,3}(?:[ ,]\d{3})+|\d+)(?:\.\d*)?|\.\d+)\s*(?:%|分|万元|元|万)?$")
# 云南 一体化 exports put the system's code of the comparator before it ("004 >=", "005 <=").
_OPERATOR = re.compile(rf"^(?:0\d\d\s*)?{labels.COMPARATOR}$")  # "004 >=": a system code before it
# 二级 cells written without "指标" ("经济效益", "时效", 海南 "服务对象满意度"): taken only where a
# 二级 cell stands (_short_level2_at), as each is also the start or the whole of a name.
_SHORT_LEVEL2_CELLS = frozenset((*labels.SHORT_LEVEL2, "服务对象满意度"))
# A cell that starts like a target or actual value ("≥90%", "95%", "100人"), never like a name.
_TARGET_START = re.compile(r"[<>=≥≤≧≦＞＜]|\d+(?:\.\d+)?\s*%")
_LEVEL1_FIRST_CHARS = frozenset(name[0] for name in labels.LEVEL1_NAMES)
_FUND_LABEL_END = re.compile(r"(?:资金|基金|拨款|补助|结转|结余|收入|经费|\))$")
_COLUMN_LETTER = re.compile(r"\([A-Z]\)$")
# 指标性质 cells that name the kind of a target rather than its comparator.
_TARGET_KIND = re.compile(r"^(?:定量|定性|正向|反向|共性|个性)(?:指标)?$")
_OPERATOR_CODE = re.compile(r"^0\d\d\s*(?=[<>=≥≤≧≦])")
_UNIT_TEXT = re.compile(r"^[^\d,，。;；:：]{1,8}$")
_NOTE_HINT = re.compile(r"[，。；,;]|原因|因为|由于|影响|措施|偏差|今后|加强|未完成|调整")
# "目标1:", "1.", "1、", "(1)": a numbered goal paragraph (its number is group 1 or 2).
_GOAL_ITEM = re.compile(r"^(?:目标\s*)?(\d{1,2})\s*[:.、)]|^\((\d{1,2})\)")
# A header cell "<label>(<note…>": the label, then the start of its bracketed note.
_LABEL_WITH_NOTE = re.compile(r"^([^()\s]{2,8})\((.*)$")
_GOAL_STOP = re.compile(r"项目实施内容|实施过程|预算执行情况|绩效指标|一级指标|资金|^项目预算$")
_STOP_SUFFIX = (":", "：")
_UNIT_LABELS = {"金额单位", "单位"}
_UNIT_CELLS = {f"({unit})" for unit in labels.AMOUNT_UNITS_WORDS}  # "(万元)" in a cell of its own
# Header labels that are not contract fields but end the value before them.
_HEAD_OTHER = labels.HEAD_STOP_LABELS
_CHECKBOX = {"□", "☐", "■", "☑", "√"}
_OPEN_BRACKETS = ("(", "（")
# "单位:万元" / "金额单位：元" in one token: a unit note, never a header value.
_UNIT_NOTE = re.compile(r"^[(（]?(?:金额)?单位[:：]")
# A funds block's lead label wrapped over tokens ("项目预算 / 执行情况 / (10分)") or its weight.
_FUNDS_LEAD = ("项目资金", "年度预算数", "预算执行情况", "项目预算", "执行情况")
_FUNDS_LEAD_IN_HEADER = _FUNDS_LEAD[:3]  # the unwrapped ones may also stand among the column labels
_WEIGHT_NOTE = re.compile(r"^[(（]\d+(?:\.\d+)?分[)）]$")
# Text of a scoring-method cell ("完成值达到指标值,记满分;…按B/A…*该指标分值记分").
_METHOD_HINT = re.compile(r"[记计]满?分|计算方法|得分计算|指标计算")
# The first part of a header cell wrapped onto the next line ("年度", "实际"): short, no digit.
_HEADER_PART = re.compile(r"^[^\d\s%.,，。;；:：()（）|/-]{1,4}$")
# Level words that wrap their "指标" onto the line after the row in one-row-per-line text.
_WRAPPED_LEVEL_WORDS = {"满意度", "经济效益", "社会效益", "生态效益", "可持续影响", "服务对象满意度"}
# The funds block's own label ("项目资金 (万元)", "资金投入情况", "资金情况"): no row, and the end of a
# header value before it.
_FUNDS_BLOCK_WORDS = ("项目资金", "资金投入情况", "资金情况")
_BLOCK_LABEL = re.compile("(?:" + "|".join(_FUNDS_BLOCK_WORDS) + r")(?:\((?:万元|千元|亿元|元)\))?")
_PLAIN_AMOUNT = re.compile(r"\d[\d,]*(?:\.\d+)?")
# A header cell's text (CJK, no digits, brackets or sentence marks): a candidate value.
_LOOSE_TEXT = re.compile(r"[\u3400-\u9fff][\u3400-\u9fff、·]{1,40}")
_BARE_YEAR = re.compile(r"\(?\s*((?:19|20)\d{2})\s*年度\s*\)?")
# "……" marks where a template's blank rows were left: not a cell of any row.
# A template's numbered slot left unfilled ("指标2"): it starts a (blank) row, never fills a cell.
_TEMPLATE_SLOT = re.compile(r"^指标\d{1,2}[:：]?$")
_SLOT_NAME = re.compile(r"^指标\d{1,2}[:：]\S")
# 四川 区域 transfer forms: the budget as labelled values ("转移支付预算数(A) 5.8万", "执行数: 2.38").
_LABELLED_FUND = re.compile(r"^(?:转移支付|全年)?(预算数|执行数|预算执行率|执行率)(?:\([A-Z/]+\))?[:]?$")
_LABELLED_FUND_COLUMNS = {"预算数": "annual_budget", "执行数": "executed", "预算执行率": "execution_rate",
                          "执行率": "execution_rate"}
_WAN_AMOUNT = re.compile(r"\d[\d,]*(?:\.\d+)?万?元?")
_PERCENT_VALUE = re.compile(r"\d+(?:\.\d+)?%")
_SELF_SCORE_LABEL = "自评得分"
_BLOCK_SCORE = re.compile(r"\d{1,3}(?:\.\d+)?")
# A row named by its number in the template ("指标4.不合格产品处置率", "指标5:…").
_NUMBERED_NAME = re.compile(r"^指标\d{1,2}[.:、]\S")
_ELLIPSIS = re.compile(r"^[.…。·]{2,}$|^…$")
_COMPLETION_AFTER_ACTUAL = {"完成率": "completion_rate"}
_REMARK_COLUMN = {"备注": "remark"}
_YEAR_ONLY = re.compile(r"(?:19|20)\d{2}")
_YEAR_IN_BRACKETS = re.compile(r"\(((?:19|20)\d{2})\)")
# A unit in brackets written after a name with a space ("年新增畜牧产值 (万元)"): the end of the name.
_NAME_UNIT = re.compile(r"^[(（][^\d()（）]{1,6}[)）]$")
# A page's number as text keeps it between rows: a small whole number alone.
_PAGE_NUMBER = re.compile(r"\d{1,3}")


def _key(text: str) -> str:
    return labels.column_key(text) if len(text) <= _MAX_LABEL else ""


_BARE_AMOUNT = re.compile(r"\d+(?:\.\d+)?")
_HAS_DIGIT = re.compile(r"[0-9０-９]")
_PERCENT_UNIT_CELL = re.compile(r"(\d)\s+([%％‰])$")


def is_value(token: Token) -> bool:
    if token.empty:
        return True
    text = fold(token.text).strip()
    return is_placeholder(text) or _VALUE.match(text) is not None


def _rate_to_its_digit(cells: dict[str, Token]) -> bool:
    """The 执行率 cell is 执行数 / 预算数 (the 年初预算数 with no 全年预算数 column) to its last written digit,
    as a fraction or as a percent ("0.5350", "53.50", "110.60%"). Stricter than rate_borne_out (within a
    point), since it decides between cells: "0 200 10 1.01 0.04" has 0.04 within a point of 10/200."""
    budget_cell = cells.get("annual_budget") or cells.get("initial_budget")
    if budget_cell is None or "executed" not in cells or "execution_rate" not in cells:
        return False
    written = fold(cells["execution_rate"].text).strip()
    percent = written.endswith("%")
    budget, ok = parse_decimal(budget_cell.text, AMOUNT_UNITS)
    executed, ok_executed = parse_decimal(cells["executed"].text, AMOUNT_UNITS)
    rate, ok_rate = parse_decimal(written.rstrip("%").strip())
    if not (ok and ok_executed and ok_rate) or budget is None or executed is None or rate is None or budget <= 0:
        return False
    # (an integer as a fraction, "1" or "0", is held to half a percent, not to half of one)
    as_fraction, as_percent = rate_readings(executed / budget, rate, fraction_places_at_least=3)
    return as_percent or (not percent and as_fraction)


def _fraction_rate_not_a_score(cells: dict[str, Token]) -> bool:
    """A funds row read with its 执行率 blank whose 得分 could as well be the rate written as a fraction
    ("525 568.26 441.54 10 0.6880" with the 得分 left blank): a number up to 1.5 that the amounts do not
    give as the score (分值 × 执行数 / 预算数, within half a point)."""
    try:
        score = Decimal(fold(cells["score"].text).strip().rstrip("分"))
        weight = Decimal(fold(cells["weight"].text).strip().rstrip("分"))
        budget = Decimal(fold(cells["annual_budget"].text).strip().replace(",", "").replace(" ", ""))
        executed = Decimal(fold(cells["executed"].text).strip().replace(",", "").replace(" ", ""))
    except (KeyError, InvalidOperation):
        return False
    if score > Decimal("1.5") or budget <= 0:
        return False
    return abs(weight * min(executed / budget, Decimal(1)) - score) > Decimal("0.5")


class StreamFormParser(_FormParser):
    def __init__(self, tokens: list[Token], form_index: int, pipe: bool) -> None:
        super().__init__([], form_index, (tokens[0].line, tokens[-1].line))
        self.tokens = [t for t in tokens if t.empty or not _ELLIPSIS.match(t.text.strip())]
        self.pipe = pipe
        # An indicator table copied from a PDF in drawing order: read as the row order it stands for.
        self.drawn = None if pipe else row_ordered(self.tokens)
        if self.drawn is not None:
            self.tokens = self.drawn.tokens
        # Rows are known although each cell stands on its own line (tokens.pipe_tokens).
        self.cell_rows = pipe and any(t.row != t.line for t in self.tokens)
        self.fund_columns: list[str] = []
        self.fund_missing: set[str] = set()
        self.ind_columns: set[str] = set()
        self.ind_order: list[str] = []  # the header's columns, in order
        self.lone_numbers: list[dict[str, Any]] = []  # rows read with one number under 分值 and 得分
        self.ind_slots: list[str] | None = None  # pipe header: its cells, blanks included
        self.slot_cursor: int | None = None  # one cell per line: where the next row starts
        # Flattened text under a header whose columns the sequential reading cannot follow (偏差原因
        # before 分值, 得分 before 分值 …): the columns after the name, to read each line by them.
        self.line_slots: list[str] | None = None
        self.weight_in_percent = False
        # 分值 declared before the target ("三级指标 分值 年度指标值 全年实际值 得分").
        self.weight_first = False
        # Pipe text under a header that puts 偏差原因 between the actual and 分值/得分 (湖北).
        self.note_before_numbers = False
        self.fund_header_at = self.fund_header_end = 0
        self.fund_label_blanks = 0  # blank cells after the funds block's label in a pipe header
        self.fund_slots: list[str] | None = None  # pipe funds header: its cells, blanks included
        # Column labels met among the indicator rows: the rest up to 总分 is detached label text
        # (a copy emitted column by column), never rows.
        self.ind_debris = False
        # Lone "指标" tokens that end a level cell wrapped past its row (flat text): not rows.
        self.level_tails: set[int] = set()
        # Header text after the title that no label has claimed (a value printed before its label).
        self.head_loose: list[int] = []
        # 四川 区域 transfer forms: a 自评得分 column at the right of every block (the form's total at
        # the top, the block's score after each header, one per indicator row), no 分值 column.
        self.self_score_column = False
        self.self_score_top: tuple[str, int] | None = None
        # A lone percent drawn among the goal labels: the funds 执行率 left out of its row.
        self.stray_rate: Token | None = None
        # Funds labels whose values were read before them: label start -> label end.
        self.fund_labels_done: dict[int, int] = {}
        # A funds row of this form held an amount grouped by spaces ("80 000.00"): the rows after it may too.
        self.grouping_seen = False

    # -- token helpers ------------------------------------------------------------------------

    def _tok(self, i: int) -> Token | None:
        return self.tokens[i] if 0 <= i < len(self.tokens) else None

    def _join(self, i: int, j: int) -> str:
        """Text of tokens i..j-1 as written (flat: with the original spacing)."""
        parts: list[str] = []
        for k in range(i, j):
            token = self.tokens[k]
            if token.empty:
                continue
            if parts:
                parts.append(token.gap if not self.pipe else "")
            parts.append(token.text)
        return "".join(parts)

    def _match(self, i: int, vocabulary) -> tuple[Any, int] | None:
        """Longest run of tokens from i whose joined key is in `vocabulary` (dict or set)."""
        limit = 1 if self.pipe else _MAX_JOIN
        for size in range(limit, 0, -1):
            if i + size > len(self.tokens):
                continue
            run = self.tokens[i : i + size]
            if any(t.empty for t in run):
                continue
            key = _key("".join(t.text for t in run))
            if key and key in vocabulary:
                return (vocabulary[key] if isinstance(vocabulary, dict) else key), i + size
        return None

    def _skip_empty(self, i: int) -> int:
        while i < len(self.tokens) and self.tokens[i].empty:
            i += 1
        return i

    # -- driver -------------------------------------------------------------------------------

    def parse(self) -> dict[str, Any]:
        i = 0
        n = len(self.tokens)
        while i < n:
            token = self.tokens[i]
            if token.empty:
                i += 1
                continue
            j = self._dispatch(i)
            i = j if j > i else i + 1
        if self.ind_debris and not self.pipe:
            from .layout_scrambled import read_queued_slots

            read_queued_slots(self)  # names and value rows interleaved (merged-cell order): pair them
        if not self.has_indicator_table and not self.pipe:
            from .layout_scrambled import read_numbered_rows

            read_numbered_rows(self)  # header and rows interleaved: rebuild the rows by their slots
        if not self.form["indicators"] and not self.pipe:
            from .layout_detached import read_detached_rows

            read_detached_rows(self)  # values emitted apart from their names (PDF text order)
        if self.stray_rate is not None:
            self._place_stray_rate(self.stray_rate)
        if self.drawn is not None:
            self._blank_drawing_doubts(self.drawn)
        self._report_scores_read_as_notes()
        self._place_lone_numbers()
        self._finish()
        return self.form

    def _place_lone_numbers(self) -> None:
        """Rows read with one number under 分值 and 得分 ("name target actual 10", read as the 分值): the
        number stays the 分值, or becomes the 得分, when the form's sums allow exactly that placement of
        all of them; otherwise the rows are reported."""
        indicators = self.form["indicators"]
        lone = [row for row in self.lone_numbers
                if row["weight"] is not None and any(row is kept for kept in indicators)]
        if not lone:
            return
        others = [(row["weight"], row["score"]) for row in indicators
                  if row["applicable"] and not any(row is x for x in lone)]
        others += [(f["weight"], f["score"]) for f in self.form["funds"] if f["source"] == labels.TOTAL_FUND]
        found = placements([row["weight"] for row in lone], others, self.form["total_weight"], self.form["total_score"])
        if len(found) == 1:
            for row, as_weight in zip(lone, found[0]):
                if not as_weight:
                    row["score"], row["score_raw"], row["weight"], row["weight_raw"] = (
                        row["weight"], row["weight_raw"], None, None)
            return
        for row in lone:
            self.problems.append(problem(
                "R-PARSE-02", row["name"] or "指标", f"指标行“{row['name']}”的分值与得分只有一个数“{row['weight_raw']}”"
                "（另一格为空），总分与各行的分值、得分无法确定它是分值还是得分，按分值读取，请核对", row["line"]))

    def _blank_drawing_doubts(self, drawn: DrawnTable) -> None:
        for subject, message, line in drawn.notes:
            self.problems.append(problem("R-PARSE-02", subject, message, line))
        if not blank_unsure(self.form["indicators"], drawn):
            self.problems.append(problem("R-PARSE-02", "绩效指标表", f"绩效指标表按PDF绘制顺序排列，找到{drawn.rows}行，"
                                         f"读出{len(self.form['indicators'])}行，各格无法确定，请核对", drawn.tokens[0].line))

    def _report_scores_read_as_notes(self) -> None:
        """A 分值 or 得分 cell that is no number ("约40"), read by flattened text as the note after the 分值
        or as the name of a row starting mid-line: which it is the text does not say, so it is reported."""
        if "score" not in self.ind_columns:
            return
        indicators = self.form["indicators"]
        for k, indicator in enumerate(indicators):
            note = indicator.get("deviation_note")
            following = indicators[k + 1] if k + 1 < len(indicators) else None
            if (not self.pipe and following is not None and following["line"] == indicator["line"]
                    and meant_as_number(following["name"] or "")):
                written = following["name"]  # flattened: "… 18 约18" read as the start of another row
            elif (indicator.get("score") is None and indicator.get("weight") is not None and note
                  and meant_as_number(note.split()[0])):
                written = note.split()[0]  # "约43" alone or before the note ("约43 无")
            else:
                continue
            self.problems.append(problem("R-PARSE-03", f"{indicator['name'] or '指标'}·分值/得分",
                                         f"指标“{indicator['name']}”的“{written}”像是写得不规范的分值或得分，读作了偏差原因或另一行，"
                                         "无法确定，请核对", indicator["line"]))

    def _dispatch(self, i: int) -> int:
        if i in self.level_tails:
            return i + 1
        token = self.tokens[i]
        key = labels.total_key(_key(token.text))
        # 合计 is the form's total only while its rows are open: after the 总分 it closes another table
        # (a 附表 of departments' budgets), whose sums are no score.
        totals = labels.TOTAL_ROW if self.state == _AFTER else labels.TOTAL_ROW | labels.INDICATOR_TOTAL_ROW
        if self.has_indicator_table and key in totals:
            return self._total_at(i)
        if self.has_indicator_table and not self.pipe and len(token.text) == 1:
            spaced = self._match(i, totals)
            if spaced is not None:
                return self._total_at(i, spaced[1])  # "总 分 100 94": the label spaced out in flattened text
        in_one_cell = total_in_one_cell(token.text) if self.pipe and self.has_indicator_table else None
        if in_one_cell is not None:
            # "| 总分 100 94 |": the 总分 row written in one cell, its numbers as its cells
            return self._total_at(i, inline=[Token(word, token.line, " ") for word in in_one_cell[1:]])
        if self.state == _INDICATORS and is_score_line(token.text):
            # "自评得分：94分" under a table with no 总分 row: the form's score, as stated in a title.
            self._title_total_from(token.text, token.line)
            self.state = _AFTER
            return i + 1
        if key in labels.TOTAL_ROW and self.state == _INDICATORS:
            return self._total_at(i)
        if key in labels.TOTAL_ROW and self.state in (_FUNDS, _GOAL) and self._values_follow(i):
            # "总分 100 99" where the indicator table never opened (a preview that skipped it):
            # still the form's total row, never a funds or goal cell.
            return self._total_at(i)
        if (self.state == _AFTER or self.state == _INDICATORS and self.form["indicators"]) and self._table_after_total(i):
            return len(self.tokens)
        header = self._indicator_header(i)
        if header is not None:
            return header
        goal = self._goal_header(i)
        if goal is not None:
            return goal
        funds = self._funds_header(i)
        if funds is not None:
            return funds
        if self.state == _HEAD and not self.form["funds"]:
            labelled = self._labelled_funds(i)
            if labelled is not None:
                return labelled
        if self.state != _INDICATORS:
            info = self._info_at(i)
            if info is not None:
                return info
        if self.state == _HEAD and key == _SELF_SCORE_LABEL and not self._values_follow(i):
            self.self_score_column = True  # a column's header ("自评得分: 95分" is a total in the head)
            return i + 1
        if (self.state == _HEAD and self.self_score_column and self.self_score_top is None
                and _BLOCK_SCORE.fullmatch(fold(token.text).strip())):
            # The 自评得分 column's top cell: the form's total, once the indicator header shows the column.
            self.self_score_top = (fold(token.text).strip(), token.line)
            return i + 1
        if self.state == _HEAD or self.state == _GOAL:
            if (self.state == _HEAD and not self.pipe and self.form["title"] and _LOOSE_TEXT.fullmatch(token.text.strip())
                    and not self._is_stop(i)):
                self.head_loose.append(i)  # text no label claimed yet (a value printed before its label)
            self._year_from(token.text)
            bare_year = _BARE_YEAR.fullmatch(fold(token.text).strip())
            if bare_year is not None and self.form["report_year"] is None:
                self.form["report_year"] = int(bare_year.group(1))  # "2019年度)" with its "(" lost
            elif (self.form["report_year"] is None and not self.pipe and token.text[:1] in _OPEN_BRACKETS
                  and len(token.text) <= 6):
                self._year_from(self._join(i, min(i + 3, len(self.tokens))))  # "( 2019 年度)", "(2022 年度)"
            if self.form["report_year"] is None and not self.pipe:
                self._year_without_bracket(i)
            self._amount_unit_from(token.text)
            if "分" in token.text and self.title_total is None:
                self._title_total_from(self._join(i, min(i + 3, len(self.tokens))), token.line)
            if labels.TITLE.search(labels.REPORT_YEAR.sub("", label_key(token.text))):
                self.form["title"] = self.form["title"] or token.text
                self.title_lines.append(token.text)
                self._drop_page_fields()
            if key in _UNIT_LABELS:
                following = self._tok(self._skip_empty(i + 1))
                if following is not None and following.text in labels.AMOUNT_UNITS_WORDS:
                    self.form["amount_unit"] = self.form["amount_unit"] or following.text
                    return i + 2
            return i + 1
        if self.state == _FUNDS and _key(token.text) in labels.FUNDS_TEXT_SECTIONS:
            self.state = _FUNDS_TEXT  # its rows are text about the funds, up to the next header
            return i + 1
        if self.state == _FUNDS:
            return self._fund_row_at(i)
        if self.state in (_INDICATORS, _AFTER) and is_unit_note(token.text):
            # "注：金额单位：元" under the table: the amounts above are in that unit
            self._amount_unit_from(token.text)
            self.state = _AFTER
            return i + 1
        if self.state == _INDICATORS:
            if key in labels.REMARK_ROWS or key.startswith("注"):
                self.state = _AFTER
                return i + 1
            section = self._match(i, labels.AFTER_TABLE_SECTIONS)
            if section is not None:
                self.state = _AFTER
                return section[1]
            last = self.form["indicators"][-1] if self.form["indicators"] else None
            page_end = self._lone_page_number(i) if last and (last["weight"] or last["score"]) is not None else None
            if page_end is not None:
                self.problems.append(problem("R-PARSE-02", token.text, f"指标行之间单独一行的数字“{token.text}”"
                                             "视为页码（分页处），未读作单元格，请核对", token.line, severity="warning"))
                if self.slot_cursor is not None and all(t.empty for t in self.tokens[self.slot_cursor:i]):
                    self.slot_cursor = page_end
                return page_end
            cursor = self.slot_cursor
            if cursor is not None and cursor <= i and all(t.empty for t in self.tokens[cursor:i]):
                end = self._cell_row(cursor)
                if end is not None:
                    self.slot_cursor = end
                    return end
            self.slot_cursor = None  # a row that does not fit: the rest is read in sequence
            return self._indicator_row_at(i)
        if self.state == _AFTER:
            self._grade([token])
        return i + 1

    def _year_without_bracket(self, i: int) -> None:
        """"2021 年度)" with its "(" lost, and "(2021)" right after the form's title on its line
        ("…绩效目标自评表 (2021)")."""
        text = fold(self.tokens[i].text).strip()
        following = self._tok(i + 1)
        if _YEAR_ONLY.fullmatch(text) and following is not None and _key(following.text).rstrip(")") == "年度":
            self.form["report_year"] = int(text)
            return
        bracketed = _YEAR_IN_BRACKETS.fullmatch(text)
        previous = self._tok(i - 1)
        if (bracketed is not None and previous is not None and not previous.empty
                and previous.line == self.tokens[i].line and labels.TITLE.search(label_key(previous.text))):
            self.form["report_year"] = int(bracketed.group(1))

    # -- header fields ----------------------------------------------------------------------

    def _info_label(self, i: int) -> tuple[tuple[str, ...], int] | None:
        limit = 1 if self.pipe else _MAX_JOIN
        for size in range(limit, 0, -1):
            run = self.tokens[i : i + size]
            if len(run) < size or any(t.empty for t in run):
                continue
            key = _key("".join(t.text for t in run))
            fields = info_fields(key)
            if fields:
                return fields, i + size
            if size == 1 and ("/" in key or "、" in key):
                combined = labels.combined_info(key)
                if combined is not None:
                    return combined, i + size
            if size == 1:
                in_cell = info_in_cell(run[0].text)  # "项目名称：某某项目": the label ends the value before it
                if in_cell is not None:
                    return in_cell[0], i + size
        return None

    def _is_stop(self, i: int) -> bool:
        token = self.tokens[i]
        if token.empty:
            return False
        text = token.text
        key = _key(text)
        if self._info_label(i) is not None or i in self.fund_labels_done:
            return True
        if key in labels.FUNDS_COLUMNS or key in labels.GOAL_COLUMNS or key in labels.GOAL_SECTION:
            return True
        if key.startswith((*_FUNDS_BLOCK_WORDS, "预算执行情况")) or key in _UNIT_LABELS:
            return True
        if key.rstrip(":：") in _HEAD_OTHER:
            return True
        if _UNIT_NOTE.match(text):
            return True
        if text.strip() in _CHECKBOX:
            return True
        if len(text) <= labels.TITLE_MAX_CHARS and labels.TITLE.search(labels.REPORT_YEAR.sub("", label_key(text))):
            return True  # a form title ends any header value before it
        return len(text) <= 12 and text.endswith(_STOP_SUFFIX)

    def _info_at(self, i: int) -> int | None:
        if not info_fields(_key(self.tokens[i].text)):
            in_cell = info_in_cell(self.tokens[i].text)
            if in_cell is not None:
                # "主管部门：某县教育局": the value begins in the label's cell; flattened text may wrap
                # the rest of it onto the words after it.
                fields, value = in_cell
                end = i + 1 if self.pipe else self._info_value_end(i + 1, wrapped_only=True)
                self._set_info(fields, value + (self.tokens[i + 1].gap + self._join(i + 1, end) if end > i + 1 else ""))
                return end
        found = self._info_label(i)
        if found is None:
            return None
        fields, j = found
        j = self._skip_empty(j)
        if j >= len(self.tokens) or self._is_stop(j):
            self._value_before_label(fields, i)
            return j
        if self.pipe:
            self._set_field(fields, self.tokens[j].text)
            return j + 1
        end = self._info_value_end(j)
        self._set_field(fields, self._join(j, end))
        return end

    def _info_value_end(self, j: int, wrapped_only: bool = False) -> int:
        """Where a flattened header value that starts at token j ends: at the next label or section,
        or at a lone number on a line of its own (a name wraps over lines of words; such a number is
        another cell's). wrapped_only: the value began before j, so only words on the next line go on."""
        end = j
        while end < len(self.tokens) and end - j < 6 and not self._is_stop(end):
            if self._indicator_header(end, probe=True) is not None:
                break
            if wrapped_only and end == j and self.tokens[end].line == self.tokens[end - 1].line:
                break
            if (end > j and self.tokens[end].line != self.tokens[end - 1].line
                    and _BARE_AMOUNT.fullmatch(fold(self.tokens[end].text).strip())):
                break
            end += 1
        return end

    def _value_before_label(self, fields, i: int) -> None:
        """A PDF text layer draws a wrapped header cell before its label ("普陀体育中心与委托运营方结
        算费用 项目名称 主管部门 …"): a label with no value after it takes the text cells right
        before it, when they follow the title with nothing read between (wrap spaces dropped)."""
        pool = set(self.head_loose)
        self.head_loose = []
        if isinstance(fields, labels.Combined) or any(self.form[f] is not None for f in fields):
            return
        loose: list[int] = []  # the run of unclaimed text cells right before the label
        k = i - 1
        while k >= 0 and (self.tokens[k].empty or k in pool):
            if not self.tokens[k].empty:
                loose.insert(0, k)
            k -= 1
        if loose:
            self._set_info(fields, "".join(self.tokens[k].text.strip() for k in loose))

    def _values_follow(self, i: int) -> bool:
        nxt = self._tok(self._skip_empty(i + 1))
        return nxt is not None and is_value(nxt) and not nxt.empty

    def _drop_page_fields(self) -> None:
        """A form title after header fields, before any funds, goal or indicator: those fields
        were the page's (a list of the page's forms, "序号 项目名称 备注 …"), not this form's."""
        if self.state != _HEAD or self.form["funds"] or self.form["indicators"] or self.has_indicator_table:
            return
        for field in ("project_name", "department", "implementing_unit"):
            self.form[field] = None
            self.form.pop(f"{field}_raw", None)

    def _set_field(self, fields: tuple[str | None, ...], value: str) -> None:
        if isinstance(fields, labels.Combined):
            self._set_combined(fields, value)  # "项目实施单位/项目负责人": one value per part
        else:
            self._set_info(fields, value)

    # -- funds ------------------------------------------------------------------------------

    def _table_after_total(self, i: int) -> bool:
        """A row of labels naming two amount columns after the form's 总分, or under its indicator rows
        (a 附表 of departments' budgets, a 汇总表, the funds block of a form whose title was not seen):
        another table, no part of the form, said once (as the grid layout does). Read on, its header
        opened a funds block again, its 合计 row became the form's total, or its rows the form's."""
        row = self.tokens[i].row
        if i and not self.tokens[i - 1].empty and self.tokens[i - 1].row == row:
            return False  # looked at from the row's first cell only
        amounts: set[str] = set()
        j = i
        while j < len(self.tokens) and self.tokens[j].row == row and j - i < 24:
            token = self.tokens[j]
            if token.empty:
                j += 1
                continue
            if is_value(token):
                return False  # a row of numbers, no header
            found = self._match(j, labels.FUNDS_COLUMNS)
            if found is not None and found[0] in labels.FUNDS_AMOUNT_COLUMNS:
                amounts.add(found[0])
            j = found[1] if found is not None else j + 1
        if len(amounts) < 2:
            return False
        after = "总分行" if self.state == _AFTER else "指标表"
        self.problems.append(problem("R-PARSE-02", self.tokens[i].text, f"{after}之后又有表格（如汇总表），未读入本表，请核对",
                                     self.tokens[i].line, severity="warning"))
        return True

    def _funds_header(self, i: int) -> int | None:
        columns: list[str] = []
        header_cells: list[tuple[int, str, int]] = []  # (token, column, token after it) per column
        j = first_column_at = i
        misses = 0
        while j < len(self.tokens) and misses <= 2:
            token = self.tokens[j]
            if token.empty:
                j += 1
                continue
            found = self._match(j, labels.FUNDS_COLUMNS)
            if found is None:
                found = self._column_with_note(j, labels.FUNDS_COLUMNS)
            if found is None and labels.LETTERED_BUDGET.match(label_key(token.text)):
                found = ("annual_budget", j + 1)
            elif found is None and not self.pipe and j + 1 < len(self.tokens) and labels.LETTERED_BUDGET.match(
                label_key(token.text + self.tokens[j + 1].text)
            ):
                found = ("annual_budget", j + 2)  # "预算数 (A)": the letter wrapped off
            if found is not None:
                if not columns:
                    first_column_at = j
                if found[0] not in columns:
                    columns.append(found[0])
                    header_cells.append((j, found[0], found[1]))
                j = found[1]
                misses = 0
                continue
            key = _key(token.text)
            if columns and (key.startswith(_FUNDS_LEAD_IN_HEADER) or key in _UNIT_CELLS):
                self._amount_unit_from(token.text)
                j += 1
                continue
            if not columns:
                if key.startswith(_FUNDS_LEAD) or key in _UNIT_CELLS:
                    self._amount_unit_from(token.text)
                    j += 1
                    misses += 1
                    continue
                if j > i and _WEIGHT_NOTE.match(fold(token.text).strip()):
                    j += 1  # "项目预算 执行情况 (10分)": the block's weight after its label
                    continue
                return None
            break
        amounts = [c for c in columns if c in labels.FUNDS_AMOUNT_COLUMNS]
        if (len(columns) < 3 or not amounts) and not self._lettered_amounts(i, j, columns):
            return None
        for k in range(i, j):
            self._amount_unit_from(self.tokens[k].text)
        self.state = _FUNDS
        self.fund_columns = columns
        self.fund_missing = set()
        self.fund_header_at, self.fund_header_end = i, j
        # "| 项目资金(万元) | | 年初预算数 |": a block label merged over two cells; its rows' labels are too.
        self.fund_label_blanks = sum(1 for k in range(i, first_column_at) if self.tokens[k].empty) if self.pipe else 0
        if self.pipe:
            slots = self._header_slots(i, header_cells, before_first="label")
            # One cell per line, the rows repeat the header's sequence only from its block label on.
            self.fund_slots = None if self.cell_rows and slots and slots[0] != "label" else slots
        return j

    def _lettered_amounts(self, i: int, j: int, columns: list[str]) -> bool:
        """"全年预算数(A) 全年执行数(B)" (转移支付 templates without 分值/得分): two amount columns
        named with their letters are a funds header too."""
        letters = sum(1 for k in range(i, j) if _COLUMN_LETTER.search(fold(self.tokens[k].text).strip()))
        return len(columns) == 2 and all(c in labels.FUNDS_AMOUNT_COLUMNS for c in columns) and letters == 2

    def _labelled_funds(self, i: int) -> int | None:
        """四川 区域 transfer forms state the budget as labelled values, not as a table: "转移支付预算数(A)
        5.8万 预算执行率(B/A) 100%" / "转移支付执行数(B) 5.8万", or "预算数: 2.38 执行数: 2.38". Read as the
        total row when both the budget and the execution are there."""
        found: dict[str, Token] = {}
        j = i
        while j < min(len(self.tokens), i + 12):
            token = self.tokens[j]
            if token.empty:
                j += 1
                continue
            column = _labelled_fund_column(token.text)
            if column is None or column in found:
                break
            value_at = self._skip_empty(j + 1)
            value = self._tok(value_at)
            if value is None:
                break
            shape = _PERCENT_VALUE if column == "execution_rate" else _WAN_AMOUNT
            if not shape.fullmatch(fold(value.text).strip()):
                break
            found[column] = value
            j = value_at + 1
        if not {"annual_budget", "executed"} <= set(found):
            return None
        score_at = self._skip_empty(j)
        if self.self_score_column and score_at < len(self.tokens) and _BLOCK_SCORE.fullmatch(
                fold(self.tokens[score_at].text).strip()):
            found["score"], j = self.tokens[score_at], score_at + 1
        label = self.tokens[i].text
        self._add_fund(label, {c: _TokenCell(v) for c, v in found.items()}, self.tokens[i].line)
        self.form["funds"][-1]["source"] = labels.TOTAL_FUND  # the transfer's whole budget
        return self._doubled_source_rows(j)

    def _doubled_source_rows(self, j: int) -> int:
        """After a labelled total, each source's budget and execution as two cells under the same
        label ("其中:中央补助 2.38万元 其中:中央补助 2.38万元"); a bare "万元" is an amount left blank."""
        while True:
            first = self._labelled_amount(j)
            if first is None:
                return j
            second = self._labelled_amount(first[2])
            if second is None or label_key(second[0].text) != label_key(first[0].text):
                return j
            label, budget, _ = first
            _, executed, j = second
            self._add_fund(label.text, {"annual_budget": budget, "executed": executed}, label.line)

    def _labelled_amount(self, j: int) -> tuple[Token, Cell | None, int] | None:
        at = self._skip_empty(j)
        found = self._fund_label(at) if at < len(self.tokens) and not is_value(self.tokens[at]) else None
        if found is None or found[1] != at + 1:
            return None
        value_at = self._skip_empty(at + 1)
        value = self._tok(value_at)
        if value is None:
            return None
        text = "".join(fold(value.text).split())
        if text in labels.AMOUNT_UNITS_WORDS:
            return self.tokens[at], None, value_at + 1
        if not _WAN_AMOUNT.fullmatch(text):
            return None
        end = value_at + 1
        unit = self._tok(self._skip_empty(end))
        if unit is not None and text[-1].isdigit() and "".join(unit.text.split()) in labels.AMOUNT_UNITS_WORDS:
            text, end = text + "".join(unit.text.split()), self._skip_empty(end) + 1  # "2.38  万元"
        return self.tokens[at], Cell(text, value.line, value.line), end

    def _column_with_note(self, j: int, vocabulary: dict[str, str]) -> tuple[str, int] | None:
        """"执行率(全年 执行数/全年 预算数)": a column label with a bracketed note that wraps over the
        next tokens (flattened text); the note ends at the token that closes the bracket."""
        match = _LABEL_WITH_NOTE.match(fold(self.tokens[j].text).strip())
        if self.pipe or match is None or _key(match.group(1)) not in vocabulary:
            return None
        end = j + 1
        if ")" not in match.group(2):
            while end < len(self.tokens) and end - j <= _MAX_JOIN and ")" not in self.tokens[end].text:
                end += 1
            if end >= len(self.tokens) or end - j > _MAX_JOIN:
                return None
            end += 1
        return vocabulary[_key(match.group(1))], end

    def _fund_label(self, i: int) -> tuple[str, int] | None:
        # The wrapped label first: "其他资金 (包括以前年度结转资金)" is one label, not 其他资金 and a stray.
        wrapped = self._wrapped_fund_label(i)
        if wrapped is not None:
            return wrapped
        found = self._match(i, labels.FUND_SOURCES)
        if found is not None:
            return self._join(i, found[1]), found[1]
        token = self.tokens[i]
        text = token.text
        if is_value(token) or len(text) > 24 or "。" in text:
            return None
        key = label_key(text)
        if _BLOCK_LABEL.fullmatch(key) or key in labels.FUNDS_TEXT_SECTIONS:
            return None  # "项目资金 (元)": the funds block's own label, no row
        if key.startswith("其中") or (len(key) <= 16 and ("资金" in key or "拨款" in key or "补助" in key)
                                     and (_FUND_LABEL_END.search(key) or self._values_follow(i))):
            # ("按照规定程序和标准进行资金拨付" is a text cell of the 资金管理情况 block, no row label)
            return text, i + 1
        if (self._row_label_with_numbers(i) or (self.pipe and self._label_before_numbers(i))) and not meant_as_number(text):
            # "| 彩票公益金用于医疗救助 | 0 | 0 | 100% |", "本级安排 100 120 108": a row of its own line, or
            # one cell per line a label its numbers follow; before, a label no vocabulary knew lost its
            # row, and its numbers ran on into the row above. An amount that reads as no number ("(120)",
            # "约120") is the row's cell, not the next row's label.
            return text, i + 1
        return None

    def _label_before_numbers(self, i: int) -> bool:
        """One cell per line (the text alone on its line): the next two filled cells are numbers."""
        line = self.tokens[i].line
        if any(0 <= k < len(self.tokens) and self.tokens[k].line == line for k in (i - 1, i + 1)):
            return False
        filled = 0
        for token in self.tokens[i + 1:]:
            if token.empty:
                continue
            if not is_value(token):
                return False
            filled += 1
            if filled == 2:
                return True
        return False

    def _wrapped_fund_label(self, i: int) -> tuple[str, int] | None:
        """"其中:当年财政 拨款": a source label with its "其中:" and a wrap space (flattened text)."""
        if self.pipe:
            return None
        for size in range(_MAX_JOIN, 1, -1):
            run = self.tokens[i : i + size]
            if len(run) < size or any(t.empty or is_value(t) for t in run):
                continue
            text = self._join(i, i + size)
            if not labels.fund_source(labels.fund_label(text)).startswith("other:"):
                return text, i + size
        return None

    def _row_label_with_numbers(self, i: int) -> bool:
        """The first cell of its line, followed on that line by two or more filled number cells."""
        line = self.tokens[i].line
        k = i - 1
        while k >= 0 and self.tokens[k].empty:
            k -= 1
        if k >= 0 and self.tokens[k].line == line:
            return False
        filled = 0
        for token in self.tokens[i + 1:]:
            if token.line != line:
                break
            if not token.empty:
                if not is_value(token):
                    return False
                filled += 1
        return filled >= 2

    def _fund_row_at(self, i: int) -> int:
        if i in self.fund_labels_done:
            return self.fund_labels_done[i]  # its values were read before it (PDF text order)
        found = self._fund_label(i)
        if found is None:
            return self._unlabelled_fund_row(i)
        label, j = found
        slotted = self._slot_fund_row(i, label, j)
        if slotted is not None:
            return slotted
        label_key_ = label_key(labels.fund_label(label))
        values: list[Token] = []
        n = len(self.tokens)
        for _ in range(self.fund_label_blanks):
            if j < n and self.tokens[j].empty and self.tokens[j].line == self.tokens[i].line:
                j += 1  # the label's second cell, blank as in the header
        while j < n:
            token = self.tokens[j]
            if is_value(token):
                values.append(token)
                j += 1
                continue
            key = label_key(labels.fund_label(token.text))
            if key == label_key_ or key in ("到位数", "执行数", "预算数"):
                j += 1  # label repeated before each column group (Hebei 预算数/到位数/执行数)
                continue
            if self._fund_label(j) is not None or self._section_start(j) or key in labels.FUNDS_TEXT_SECTIONS:
                break
            if _SLOT_NAME.match(fold(token.text).strip()):
                break  # a numbered indicator row ("指标1:…") never belongs to the funds block
            if _HAS_DIGIT.search(token.text) and (self._value_follows_in_row(j) or (
                    meant_as_number(token.text) and token.row == self.tokens[i].row)):
                # "100 约120 108" or "1.2E+05" among the amounts: a cell that is no number; skipped, every
                # value after it moved one column (no error); kept, it is reported as no number.
                values.append(token)
            j += 1  # free text in a 原因 cell
        self._assign_fund(label, values)
        return j

    def _value_follows_in_row(self, i: int) -> bool:
        row = self.tokens[i].row
        k = i + 1
        while k < len(self.tokens) and self.tokens[k].row == row:
            if not self.tokens[k].empty and is_value(self.tokens[k]):
                return True
            k += 1
        return False

    def _slot_fund_row(self, i: int, label: str, after_label: int) -> int | None:
        """A pipe funds row read cell by cell under the header's cells, blanks included ("| 年度资金总额
        | 100 | 100 | 90 | 10 | 90% | | 9 |" under a header with the same blank cell): used when the
        row's label opens its line, the row has as many cells as the header and no filled cell stands
        under a blank header cell."""
        slots = self.fund_slots
        if not slots or ("label" not in slots and slots[0] != ""):
            return None
        if self.cell_rows and slots[0] == "label":
            merged = 1
            while merged < len(slots) and slots[merged] == "":
                merged += 1
            if (after_label < len(self.tokens) and not self.tokens[after_label].empty) or (
                    i > 0 and self.tokens[i - 1].empty):
                # "项目资金（万元） | | 年初预算数": the block label's blank neighbour stands before each
                # row's label instead ("| | 年度资金总额 | 100"); the row has no blank after its label.
                slots = [slots[0], *slots[merged:]]
        if self.cell_rows:
            first, last = i, i + len(slots) - 1
            after = self._tok(last + 1)
            if last >= len(self.tokens) or (after is not None and not after.empty and is_value(after)):
                return None  # the row holds more values than the header has cells
        else:
            first, last = self._line_span(i)
            if first != i and any(not self.tokens[k].empty for k in range(first, i)):
                return None
        cells = self.tokens[first : last + 1]
        if not fits(cells, slots):
            return None
        row = under(slots, cells)
        label_cells = slice(i - first, after_label - first)
        if any(slot not in ("label", BLANK) for slot, _ in row[label_cells]):
            return None
        if any(slot == "reason" and not token.empty and (self._section_start(k) or self._fund_label(k) is not None)
               for k, (slot, token) in enumerate(row, first)):
            return None  # the next block, not this row's 原因 cell
        del row[label_cells]
        columns = [c for c in self.fund_columns if c != "reason"]
        values = cells_by_column([(slot, token) for slot, token in row if slot != "reason"], ("label", BLANK),
                                 lambda _, token: is_value(token), numbers=columns)
        if values is None or set(values) != set(columns) or (all(v.empty for v in values.values()) and self.fund_columns):
            return None
        self._assign_fund(label, [values[c] for c in columns])
        return last + 1

    def _unlabelled_fund_row(self, i: int) -> int:
        """Values straight after the funds header, with no row label: the copy emitted the row's
        label before the header (column-major order). They are that label's row only when the
        label is the last funds label before the header and the values fill the columns exactly."""
        token = self.tokens[i]
        if (not token.empty and not self.pipe and self.form["title"] and _LOOSE_TEXT.fullmatch(token.text.strip())
                and not self._is_stop(i)):
            self.head_loose.append(i)  # text no label claimed (a header value printed before its label)
        if self.form["funds"] or token.empty or not is_value(token) or is_placeholder(token.text):
            return i + 1
        if i != self._skip_empty(self.fund_header_end):
            return i + 1
        j = i
        while j < len(self.tokens) and is_value(self.tokens[j]) and not self.tokens[j].empty:
            j += 1
        columns = [c for c in self.fund_columns if c != "reason"]
        found_labels: list[str] = []  # nearest to the header first
        k = self.fund_header_at - 1
        while k > max(-1, self.fund_header_at - 16):
            found = None
            for start in range(k, max(-1, k - _MAX_JOIN), -1):
                run = self.tokens[start : k + 1]
                if any(t.empty for t in run):
                    break
                text = "".join(t.text for t in run)
                if not labels.fund_source(labels.fund_label(text)).startswith("other:"):
                    found = (start, k + 1)  # "年度资金总额", "其中:当年财政拨款"
                    break
            if found is not None:
                found_labels.append(self._join(*found))
                k = found[0] - 1
                continue
            if is_value(self.tokens[k]) and not self.tokens[k].empty:
                break  # values between the label and the header: they are its row, not these
            k -= 1
        if not found_labels:
            return self._values_before_labels(i, j, columns)
        if j - i == len(columns):
            self._assign_fund(found_labels[0], self.tokens[i:j])
            return j
        if len(found_labels) >= 2 and j - i == len(found_labels) * len(columns):
            # Several labels before the header and as many full rows after it: the label column
            # was emitted first, the rows follow in the same order.
            for index, label in enumerate(reversed(found_labels)):
                self._assign_fund(label, self.tokens[i + index * len(columns) : i + (index + 1) * len(columns)])
            return j
        return i + 1

    def _place_stray_rate(self, token: Token) -> None:
        """The percent drawn among the goal labels is the 年度资金总额 row's 执行率 when that row has
        none and its amounts bear it out (执行数 / 全年预算数, to the percent's last decimal)."""
        total = next((f for f in self.form["funds"] if f["source"] == labels.TOTAL_FUND), None)
        if total is None or total["execution_rate"] is not None or not total["annual_budget"] or total["executed"] is None:
            return
        rate, ok = parse_rate(token.text)
        if not ok or rate is None:
            return
        digits = fold(token.text).strip().rstrip("%")
        step = Decimal(1).scaleb(-(len(digits.split(".", 1)[1]) if "." in digits else 0) - 2)
        if abs(Decimal(total["executed"]) / Decimal(total["annual_budget"]) - rate) <= step:
            total["execution_rate"], total["execution_rate_raw"] = rate, token.text
            self.problems.append(problem("R-PARSE-02", "年度资金总额", f"执行率“{token.text}”排在目标标签之间"
                                         "（PDF 文字层顺序），按执行数/预算数核对后归入年度资金总额行", token.line))

    def _values_before_labels(self, i: int, j: int, columns: list[str]) -> int:
        """A PDF text layer draws the funds rows' values before their labels ("… 得分 250000.00
        250000.00 215,457.6 10 8.62 250000.00 250000.00 215457.6 — 上年结转资金 0 0 — … 年度资金总额
        … 其中:当年财政拨款"): the value run after the header belongs to the rows whose labels come
        later in the block with no value of their own, in the template's order (年度资金总额, then
        其中…). Only two such rows are read, and only when the text fixes the cut: the second row
        opens with the first row's 年初/全年预算数 again, the first row carries the 分值 and 得分 (得分
        <= 分值 <= 100, 得分 = 分值 × 执行数/预算数 to the form's rounding) and the second none."""
        bare: list[tuple[int, int, str]] = []  # (label start, label end, label) with no values after it
        k = j
        n = len(self.tokens)
        while k < n and k - j < 60 and not (self._goal_header(k, probe=True) is not None
                                            or self._indicator_header(k, probe=True) is not None):
            found = self._fund_label(k) if not self.tokens[k].empty else None
            if found is None:
                k += 1
                continue
            label, end = found
            nxt = self._skip_empty(end)
            if nxt >= n or not is_value(self.tokens[nxt]):
                bare.append((k, end, label))
            k = end
        sources = [labels.fund_source(labels.fund_label(label)) for _, _, label in bare]
        totals = [found for found, source in zip(bare, sources) if source == labels.TOTAL_FUND]
        if (len(totals) == 1 and j - i == len(columns)
                and all(_PLAIN_AMOUNT.match(fold(v.text).strip()) for v in self.tokens[i:j])):
            # "全年预算数(A) 全年执行数(B) 7165.32 6992.95 其中:中央财政资金 3144.00 3144.00 … 年度资金总额"
            # (a spreadsheet's merged-cell order): the one full row of values with no label before
            # it belongs to the one 年度资金总额 label that has none after it.
            start, end, label = totals[0]
            self._assign_fund(label, self.tokens[i:j])
            self.fund_labels_done[start] = end
            self.problems.append(problem("R-PARSE-02", "项目资金", "年度资金总额的取值排在表头之后、行标签之前"
                                         "（合并单元格的文字顺序）：按唯一无值的年度资金总额行配对，请核对", self.tokens[i].line))
            return j
        if len(bare) != 2 or sources[0] != labels.TOTAL_FUND or sources[1] == labels.TOTAL_FUND:
            return i + 1
        values = self.tokens[i:j]
        texts = [fold(v.text).strip() for v in values]
        cut = next((c for c in range(3, len(values)) if texts[c] == texts[0] or (c > 1 and texts[c] == texts[1])), None)
        if cut is None or cut > len(columns) or len(values) - cut > len(columns) or cut != len(columns) - 1:
            return i + 1
        first, second = values[:cut], values[cut:]
        if any(is_percent(v) for v in first):
            return i + 1
        try:
            amounts = [Decimal(t.replace(",", "")) for t in texts[:3]]
            weight, score = Decimal(texts[cut - 2]), Decimal(texts[cut - 1])
        except InvalidOperation:
            return i + 1
        budget, executed = amounts[1], amounts[2]
        if not (0 <= score <= weight <= 100) or budget <= 0:
            return i + 1
        if abs(weight * min(executed / budget, Decimal(1)) - score) > Decimal("0.01") * max(weight, Decimal(1)):
            return i + 1
        if not 2 <= sum(1 for t in texts[cut:] if _PLAIN_AMOUNT.match(t)) <= 3:
            return i + 1  # the part row: its amounts only (分值/得分 blank or '—')
        self._assign_fund(bare[0][2], first)
        self._assign_fund(bare[1][2], second)
        for start, end, _ in bare:
            self.fund_labels_done[start] = end
        self.problems.append(problem("R-PARSE-02", "项目资金", "资金表的取值排在行标签之前（PDF 文字层顺序）：按模板行序"
                                     "（年度资金总额、其中…）配对，请核对", values[0].line))
        return j

    def _section_start(self, i: int) -> bool:
        return (
            self._goal_header(i, probe=True) is not None
            or self._indicator_header(i, probe=True) is not None
            or self._info_label(i) is not None
            or (labels.total_key(_key(self.tokens[i].text)) in labels.TOTAL_ROW and self._values_follow(i))
        )

    @staticmethod
    def _borne_out_rate(source: str, amounts: dict[str, Token], rest: list[str], tail: list[Token]) -> int | None:
        """Where in a source row's short tail (fewer cells than the columns after the amounts) its one
        number stands, when the row's amounts bear that number out as the 执行率 and the marks around it
        fit the columns around the rate."""
        if source == labels.TOTAL_FUND or "execution_rate" not in rest or len(tail) >= len(rest):
            return None
        numbers = [k for k, v in enumerate(tail) if not v.empty and not is_placeholder(v.text)]
        if len(numbers) != 1:
            return None
        at, k = rest.index("execution_rate"), numbers[0]
        if k > at or len(tail) - k - 1 > len(rest) - at - 1:
            return None
        return k if _rate_to_its_digit({**amounts, "execution_rate": tail[k]}) else None

    def _assign_fund(self, label: str, values: list[Token]) -> None:
        columns = [c for c in self.fund_columns if c != "reason"]
        source = labels.fund_source(labels.fund_label(label))
        amounts = [c for c in columns if c in labels.FUNDS_AMOUNT_COLUMNS or c == "received"]
        if source != labels.TOTAL_FUND and self.fund_missing and len(values) < len(columns) and self._borne_out_rate(
                source, dict(zip(amounts, values)), [c for c in columns if c not in amounts], values[len(amounts):]) is None:
            # (a row whose number after its amounts is the rate they give keeps every column: "489.29 489.29 1 —"
            # has its 得分 mark although the total row left that cell blank)
            columns = [c for c in columns if c not in self.fund_missing]
        out: dict[str, Token | None] = {}
        amounts = [c for c in columns if c in labels.FUNDS_AMOUNT_COLUMNS or c == "received"]
        if not self.pipe:
            written = values
            values, doubtful = _grouped_amounts(values, columns, amounts, self._whole_amount(source), self.grouping_seen)
            self.grouping_seen = self.grouping_seen or len(values) < len(written) or any(
                _ZERO_LED.match(fold(v.text).strip()) for v in written)
            if doubtful:
                self.problems.append(problem("R-PARSE-02", label, f"资金行“{label}”的数字"
                                             f"“{' '.join(v.text for v in values)}”可能是以空格分隔千位的金额：逐个读取"
                                             "与合并读取没有唯一一种说得通，无法确定，请核对", values[0].line))
        filled = values[: max((k + 1 for k, v in enumerate(values) if not v.empty), default=0)]
        if (source != labels.TOTAL_FUND and "execution_rate" in columns and "weight" in columns
                and len(filled) == len(amounts) + 1 and len(filled) < len(columns)
                and not any(v.empty or is_placeholder(v.text) for v in filled)
                and rate_borne_out(dict(zip([*amounts, "execution_rate"], filled)))):
            # "其中:当年财政拨款 | 330,000.00 | 329,998.60 | 329,998.60 | 100.00 | | |": the empty cells after
            # the row's values are no cells of it; the rule below places its one value as the 执行率.
            values = filled
        if len(values) >= len(columns) and "execution_rate" in columns:
            placed = values[columns.index("execution_rate")]
            percents = [v for v in values[: len(columns)] if is_percent(v)]
            if placed.empty and len(percents) == 1:
                # "| 7.29 | 7.29 | 7.29 | 100% | | |": the row's blank cells were emitted at its
                # end, so positions say nothing; place the filled cells on the percent anchor.
                values = [v for v in values if not v.empty]
        if columns[-2:] == ["weight", "execution_rate"] and len([v for v in values if not v.empty]) == len(columns) + 1:
            # "分值 执行率 得分" with its 得分 cell drawn elsewhere (merged-cell order): the one more value
            # the row holds is the score.
            columns = [*columns, "score"]
        percents = [k for k, v in enumerate(values) if is_percent(v)]
        if (len(values) == len(columns) + 1 and "execution_rate" in columns and len(percents) == 1
                and not any(v.empty for v in values)):
            # "28.1 28.1 28.1 28.1 10 100% 10" under six columns: one value too many; the one
            # percent is the 执行率, the cells are placed around it when its amounts bear it out.
            at = columns.index("execution_rate")
            start = percents[0] - at
            placed = values[start : start + len(columns)] if start in (0, 1) else []
            if len(placed) == len(columns) and rate_borne_out(dict(zip(columns, placed))):
                dropped = values[0] if start == 1 else values[-1]
                values = placed
                self.problems.append(problem("R-PARSE-02", label, f"资金行“{label}”的数值比列多（多出“{dropped.text}”）："
                                             "按执行率所在列对齐，请核对", values[0].line, severity="warning"))
        if len(values) >= len(columns):
            out = dict(zip(columns, values))
            extra = [v for v in values[len(columns):] if not v.empty]
            if extra and not self.pipe:
                # "52 357 900" flattened (a number grouped by spaces, or a stray cell) that no grouping of its
                # numbers bears out: which cells are the row's the line does not say; before, the first ones
                # were taken and the rest dropped.
                self.problems.append(problem("R-PARSE-02", label, f"资金行“{label}”的数值比列多（多出“"
                                             f"{' '.join(v.text for v in extra)}”），无法确定各列，请核对", values[0].line))
        else:
            anchor = next((k for k, v in enumerate(values) if is_percent(v)), None)
            if anchor is not None and "execution_rate" in columns:
                at = columns.index("execution_rate")
                before, after = columns[:at], columns[at + 1 :]
                left = values[:anchor]
                if (source != labels.TOTAL_FUND and before[-1:] == ["weight"] and len(left) >= 2
                        and is_placeholder(left[-1].text) and not any(is_placeholder(v.text) for v in left[:-1])):
                    # "其中：当年财政拨款 120 108 — 90% —": the mark right before the rate is the row's blank 分值
                    # (a blank 年初预算数 left no cell).
                    left = left[:-1]
                if source != labels.TOTAL_FUND and "weight" in before and len(left) < len(before):
                    # Only the total row carries a 分值: a source row short of cells lost that one.
                    before = [c for c in before if c != "weight"]
                for column, value in zip(before[len(before) - len(left) :] if len(left) <= len(before) else before, left[-len(before):] if before else []):
                    out[column] = value
                out["execution_rate"] = values[anchor]
                for column, value in zip(after, values[anchor + 1 :]):
                    out[column] = value
            elif (
                "execution_rate" in columns
                and len(values) == len(columns) - 1
                and not any(is_placeholder(v.text) for v in values)
            ):
                rate_blank = dict(zip([c for c in columns if c != "execution_rate"], values))
                initial_blank = dict(zip(columns[1:], values)) if columns[0] == "initial_budget" else None
                score_blank = dict(zip(columns[:-1], values)) if columns[-1] == "score" else None
                if score_blank is not None and _rate_to_its_digit(score_blank) and not (
                        initial_blank is not None and (rate_borne_out(initial_blank) or funds_scores_fit(initial_blank))):
                    # "年度资金总额 5098 5098 2727.47 10 0.5350" with its 得分 left blank: the last number is
                    # the rate the amounts give (before: the 得分, and no rate).
                    out = score_blank
                elif initial_blank is not None and rate_borne_out(initial_blank):
                    # "120 118.49 10 98.74 9.87": the rate written without "%" is borne out by the
                    # amounts once the blank cell is the 年初预算数 (often left empty).
                    out = initial_blank
                elif initial_blank is not None and funds_scores_fit(initial_blank) and not funds_scores_fit(rate_blank):
                    out = initial_blank  # "100 90 10 45.5 9": 45.5 is no funds 分值, so it is the rate
                else:
                    # One cell vanished and none is a percent: the blank one is the 执行率 (a
                    # derived cell, the one most often left empty); the others keep their order.
                    out = rate_blank
                    if initial_blank is not None and funds_scores_fit(initial_blank) == funds_scores_fit(rate_blank):
                        self.problems.append(problem(
                            "R-PARSE-02", label, f"资金行“{label}”少一个数值且无百分号：按执行率为空读取，"
                            "也可能是年初预算数为空，请核对", values[0].line))
                    elif score_blank is not None and _fraction_rate_not_a_score(rate_blank):
                        self.problems.append(problem(
                            "R-PARSE-02", label, f"资金行“{label}”少一个数值且无百分号：按执行率为空读取，"
                            f"但末尾的“{values[-1].text}”也可能是以小数写的执行率（得分为空），请核对", values[0].line))
            else:
                lead = 0
                while lead < len(values) and not is_placeholder(values[lead].text):
                    lead += 1
                if ("execution_rate" in columns and "weight" in columns
                        and len(values) == lead == len(amounts) + 1
                        and (source != labels.TOTAL_FUND or not_a_funds_weight(values[-1]))
                        and rate_borne_out(dict(zip([*amounts, "execution_rate"], values)))):
                    # "其中:单位资金 120,000.00 120,000.00 30,000.00 25": only the total row carries
                    # 分值 and 得分; the one value after a source row's amounts is its 执行率, when the
                    # amounts give that rate (else it stays in its column: "80 80 70 8" is a 分值).
                    out = dict(zip([*amounts, "execution_rate"], values))
                elif lead <= len(amounts) or (len(values) < len(columns) and self._borne_out_rate(
                        source, dict(zip(amounts, values)), [c for c in columns if c not in amounts],
                        values[len(amounts):]) is not None):
                    rest = [c for c in columns if c not in amounts]
                    # "其他资金 - 0 0 —": more cells than the columns after the amounts, so the marks
                    # and numbers before those are amounts too (before: the zeros were 执行率 and 得分).
                    lead = min(max(lead, len(values) - len(rest)), len(amounts))
                    for column, value in zip(amounts[len(amounts) - lead :], values[:lead]):
                        out[column] = value
                    tail = values[lead:]
                    rate_at = self._borne_out_rate(source, out, rest, tail)
                    if rate_at is not None:
                        # "本级安排 293500 387200 387200 — 1": a source row's one number after its amounts,
                        # which the amounts bear out as its 执行率, is that (before: right-aligned, the 得分).
                        at = rest.index("execution_rate")
                        for column, value in zip(rest[:at][-rate_at:] if rate_at else [], tail[:rate_at]):
                            out[column] = value
                        out["execution_rate"] = tail[rate_at]
                        for column, value in zip(rest[at + 1:], tail[rate_at + 1:]):
                            out[column] = value
                    else:
                        for column, value in zip(rest[len(rest) - len(tail) :] if len(tail) <= len(rest) else rest, tail):
                            out[column] = value
                else:
                    out = dict(zip(columns, values))
        if source == labels.TOTAL_FUND:
            self.fund_missing = {c for c in columns if c not in out}
        elif not self.pipe:
            self._report_unplaced_fund_numbers(label, columns, out, values)
        cells = {c: _TokenCell(v) for c, v in out.items() if v is not None}
        line = values[0].line if values else self.form["line_start"]
        self._add_fund(label, cells, line)

    def _whole_amount(self, source: str) -> Decimal | None:
        """The largest amount of the total row read before a source row: no part of it is larger."""
        total = next((f for f in self.form["funds"] if f["source"] == labels.TOTAL_FUND), None)
        if source == labels.TOTAL_FUND or total is None:
            return None
        found = [total[c] for c in labels.FUNDS_AMOUNT_COLUMNS if isinstance(total.get(c), Decimal)]
        return max(found) if found else None

    def _report_unplaced_fund_numbers(self, label: str, columns: list[str], out: dict[str, Token | None],
                                      values: list[Token]) -> None:
        """Flattened text keeps no trace of a blank cell: a source row with fewer cells than columns
        ("其他资金 0", "其他资金 / 0 -") has its cells placed by rules of thumb (amounts to the right, marks
        for the 分值/得分), and a number may belong to any of several columns. An amount is placed for
        certain when the row opens with as many numbers as there are amount columns or the amounts bear
        out the row's 执行率; a 分值, 执行率 or 得分 when the 执行率 is a percent or borne out; any other
        number is reported."""
        cells = [v for v in values if not v.empty]
        if len(cells) >= len(columns):
            return
        held = {c: v for c, v in out.items() if v is not None and not v.empty}
        rate = held.get("execution_rate")
        borne = rate is not None and not is_placeholder(rate.text) and rate_borne_out(held)
        anchored = borne or rate is not None and is_percent(rate)
        amounts = [c for c in columns if c in labels.FUNDS_AMOUNT_COLUMNS or c == "received"]
        lead = next((k for k, v in enumerate(cells) if is_placeholder(v.text)), len(cells))
        unsure = [c for c, v in held.items() if not is_placeholder(v.text)
                  and not (borne or lead >= len(amounts) if c in amounts else anchored)]
        if unsure:
            written = " ".join(v.text for v in values if not v.empty)
            self.problems.append(problem("R-PARSE-02", label, f"资金行“{label}”只有{len(cells)}格（“{written}”），少于"
                                         f"{len(columns)}列：空单元格在文本中不留痕迹，数字所在的列无法确定，请核对",
                                         values[0].line))

    # -- goals ------------------------------------------------------------------------------

    def _goal_header(self, i: int, probe: bool = False) -> int | None:
        j = i
        seen: dict[str, int] = {}
        section = False
        section_at: int | None = None  # a section word after a goal column label
        stray: Token | None = None
        while j < len(self.tokens) and j - i < 8:
            token = self.tokens[j]
            if token.empty:
                j += 1
                continue
            found = self._match(j, labels.GOAL_COLUMNS)
            if found is not None:
                if found[0] == "actual" and "actual" in seen and "expected" not in seen and section_at is not None:
                    # "总体目标完成情况 | 总体目标 | 全年实际完成情况" (中央转移支付 template): the first
                    # label names the row, the section word heads the expected goal's column.
                    seen["expected"], seen["actual"] = section_at, j
                seen.setdefault(found[0], j)
                j = found[1]
                continue
            if self._match(j, labels.GOAL_SECTION) is not None or _key(token.text) in ("年度总体目标",):
                if section and not seen:
                    # "年度总体目标 | 总体目标 | 总体目标完成情况": the second section word heads the
                    # expected goal's column (新疆 template).
                    seen["expected"] = j
                if seen and section_at is None:
                    section_at = j
                section = True
                j = self._match(j, labels.GOAL_SECTION)[1] if self._match(j, labels.GOAL_SECTION) else j + 1
                continue
            if j == i:
                return None
            if _key(token.text).startswith("总体完成率"):
                j += 1
                continue
            if is_percent(token) and "actual" not in seen and "expected" in seen and stray is None:
                stray = token  # a funds 执行率 drawn between the goal labels (PDF text order): no goal text
                j += 1
                continue
            break
        if "expected" not in seen or "actual" not in seen:
            return self._goals_after_labels(j, probe) if "expected" in seen else None
        if probe:
            return j
        self.stray_rate = self.stray_rate or stray
        self.state = _GOAL
        # Labels drawn apart ("预期目标 年度总体目标 86.19% 实际完成情况 …", PDF text order): each
        # label's text follows it, so a text straight after 实际完成情况 is the actual only.
        actual_last = seen["actual"] > seen["expected"] and stray is not None
        return self._goal_text(j, actual_only=actual_last)

    def _goals_after_labels(self, j: int, probe: bool) -> int | None:
        """"年度总体目标 预期目标 <text> 实际完成情况 <text>" (each label followed by its goal, on one
        row or a row each): the text up to the actual goal's label is the expected goal, the text after
        it up to the next section the actual one. Before, the header was not seen for a goal header
        and both goals were lost."""
        n = len(self.tokens)
        label_at = None
        k = j
        while k < n:
            if not self.tokens[k].empty:
                found = self._match(k, labels.GOAL_COLUMNS)
                if found is not None:
                    label_at = found if found[0] == "actual" else None
                    break
                if self._goal_end(k):
                    break
            k += 1
        if label_at is None or all(t.empty for t in self.tokens[j:k]):
            return None
        if probe:
            return j
        end = label_at[1]
        while end < n and (self.tokens[end].empty or not self._goal_end(end)):
            end += 1
        self.state = _GOAL
        self._set_info(("goal_expected",), self._goal_cells(j, k))
        self._set_info(("goal_actual",), self._goal_cells(label_at[1], end))
        return end

    def _goal_cells(self, i: int, j: int) -> str | None:
        """A goal's text from tokens i..j-1: pipe cells one per line, flattened text as written."""
        if self.pipe:
            return "\n".join(t.text for t in self.tokens[i:j] if not t.empty) or None
        return self._join(i, j).strip() or None

    def _goal_text(self, i: int, actual_only: bool = False) -> int:
        j = i
        n = len(self.tokens)
        while j < n:
            if not self.tokens[j].empty and self._goal_end(j):
                break
            j += 1
        region = [k for k in range(i, j) if not self.tokens[k].empty]
        if actual_only and not self.pipe:
            if len(region) == 1:
                self._set_info(("goal_actual",), self.tokens[region[0]].text)
            return j
        if self.pipe:
            texts = [self.tokens[k].text for k in region]
            if texts:
                self._set_info(("goal_expected",), texts[0])
            if len(texts) > 1:
                self._set_info(("goal_actual",), texts[1])
            return j
        self._split_goal(region)
        return j

    def _goal_end(self, j: int) -> bool:
        token = self.tokens[j]
        key = _key(token.text)
        if self._indicator_header(j, probe=True) is not None or self._info_label(j) is not None:
            return True
        if self._match(j, labels.GOAL_SECTION) is not None:
            return True  # "年度总 体目标" emitted after the goal texts (merged-cell order): a label
        if not self.pipe and labels.INDICATOR_COLUMNS.get(key) in ("level1", "level2") and self._probe_ind_labels(j):
            return True  # "一级指标 二级指标 数量指标 三级指标 …": a header with a level cell drawn into it
        if key and len(token.text) <= 20 and _GOAL_STOP.search(key) and self._probe_funds(j):
            return True
        return key in labels.FUNDS_COLUMNS and self._probe_funds(j)

    def _probe_ind_labels(self, j: int) -> bool:
        """Two indicator column labels among the next four cells."""
        found = 0
        for k in range(j, min(j + 4, len(self.tokens))):
            if not self.tokens[k].empty and _key(self.tokens[k].text) in labels.INDICATOR_COLUMNS:
                found += 1
        return found >= 2

    def _probe_funds(self, j: int) -> bool:
        saved = (self.state, self.fund_columns, self.form["amount_unit"])
        result = self._funds_header(j) is not None
        self.state, self.fund_columns, self.form["amount_unit"] = saved
        return result

    def _split_goal(self, region: list[int]) -> None:
        by_line: dict[int, list[int]] = {}
        for k in region:
            by_line.setdefault(self.tokens[k].line, []).append(k)
        if len(by_line) >= 2 and all(len(ks) == 1 for ks in by_line.values()):
            # One cell per paragraph (a page saved as text): the first two are the two goals, unless
            # the goals are numbered lists ("目标1:… 目标2:… 1.… 2.…"): the actual goal begins where
            # the numbering starts again.
            firsts = [ks[0] for ks in by_line.values()]
            texts = [self.tokens[k].text for k in firsts]
            restart = _numbering_restart(texts)
            if restart is None and _goal_one_list(texts):
                # one list numbered 1, 2, … and nothing else: the expected goal, the actual one's cell blank
                self._set_info(("goal_expected",), self._join(firsts[0], firsts[-1] + 1).strip())
            elif restart is None:
                self._set_info(("goal_expected",), texts[0])
                self._set_info(("goal_actual",), texts[1])
            else:  # each list as written, its line breaks and indents kept
                self._set_info(("goal_expected",), self._join(firsts[0], firsts[restart - 1] + 1).strip())
                self._set_info(("goal_actual",), self._join(firsts[restart], firsts[-1] + 1).strip())
            return
        left: list[tuple[int, str]] = []
        right: list[tuple[int, str]] = []
        for line, ks in by_line.items():
            while len(ks) > 1 and _VALUE.match(self.tokens[ks[-1]].text) and not all(
                _VALUE.match(self.tokens[k].text) for k in ks
            ):
                ks = ks[:-1]  # a trailing 总体完成率 number (not when the goals are numbers: "287 171")
            if len(ks) == 1:
                (right if right else left).append((line, self.tokens[ks[0]].text))
                continue
            cut = self._goal_cut(ks)
            left.append((line, self._join(ks[0], ks[cut - 1] + 1)))
            right.append((line, self._join(ks[cut], ks[-1] + 1)))
        for field, parts in (("goal_expected", left), ("goal_actual", right)):
            if parts and self.form[field] is None:
                text = parts[0][1]
                for (prev_line, _), (line, piece) in zip(parts, parts[1:]):
                    text += "\n" * max(1, line - prev_line) + piece
                self.form[field] = text.strip()

    def _goal_cut(self, ks: list[int]) -> int:
        texts = [self.tokens[k].text for k in ks]
        if len(texts) == 2:
            return 1
        half = len(texts) // 2
        if len(texts) % 2 == 0 and texts[:half] == texts[half:]:
            return half
        total = sum(len(t) for t in texts)
        best, best_cost = 1, None
        running = 0
        for cut in range(1, len(texts)):
            running += len(texts[cut - 1])
            cost = abs(total - 2 * running) + (0 if texts[cut - 1][-1:] in "。.；;!！" else total)
            if best_cost is None or cost < best_cost:
                best, best_cost = cut, cost
        return best

    # -- indicators -------------------------------------------------------------------------

    def _indicator_header(self, i: int, probe: bool = False) -> int | None:
        columns: set[str] = set()
        order: list[str] = []
        # Wrapped header cells of a flattened table ("… 年度 实际 分值 得分 …" / "指标值 完成值"):
        # (slot in `order`, token index, first part) of cells whose second part is on the next line.
        parts: list[tuple[int, int, str]] = []
        order_rows: list[int] = []  # the table row of each found column
        header_cells: list[tuple[int, str, int]] = []  # (token, column, token after it) per found column
        j = i
        while j < len(self.tokens):
            token = self.tokens[j]
            if token.empty:
                j += 1
                continue
            if parts and token.line != self.tokens[i].line:
                rest = self._header_rest(parts, j)
                if rest is not None:
                    for (slot, _, _), column in zip(parts, rest[0]):
                        order[slot] = column
                        columns.add(column)
                    parts = []
                    j = rest[1]
                break
            found = self._match(j, labels.INDICATOR_COLUMNS)
            if found is None and labels.CONTEXT_COLUMNS & columns:
                found = self._match(j, labels.CONTEXT_ONLY_COLUMNS)
            elif found is None and "actual" in order and "completion_rate" not in order:
                # "实际完成值 完成率 分值 得分" (海南): the completion rate the form computed, a percent
                # each row holds after its actual value (right after it, or after a 评(扣)分标准).
                found = self._match(j, _COMPLETION_AFTER_ACTUAL)
            if found is None and order and order[-1] in ("note", "score", "standard"):
                # "… 得分 偏差原因 备注": a remarks column closing the header (a 备注 row below the
                # table still ends it)
                found = self._match(j, _REMARK_COLUMN)
            if found is not None:
                columns.add(found[0])
                order.append(found[0])
                order_rows.append(token.row)
                header_cells.append((j, found[0], found[1]))
                j = found[1]
                continue
            if labels.INDICATOR_NOISE.match(label_key(token.text)) or (
                not self.pipe and _key(token.text) in ("绩效", "指标")
            ):
                j += 1
                continue
            spaced = self._single_chars(j, 4)
            if spaced is not None and labels.INDICATOR_NOISE.match(spaced[0]):
                j = spaced[1]  # "绩 效 指 标": a vertical cell, one character per line
                continue
            if not self.pipe and order and len(parts) < 3 and _HEADER_PART.match(token.text):
                parts.append((len(order), j, token.text))
                order.append("")
                j += 1
                continue
            break
        if parts:  # no second line completes them: the header ends before the first one
            j = parts[0][1]
            order = order[: parts[0][0]]
            columns = set(order)
        if not {"level1", "name"} <= columns and not self._levelless_header(columns, order):
            return None
        if len(order_rows) == len(order):  # every column found as a cell of its own (no wrapped parts)
            order = _two_line_header(order, order_rows)
        block_score = self._skip_empty(j)
        if (self.self_score_column and not {"score", "weight"} & columns and block_score < len(self.tokens)
                and _BLOCK_SCORE.fullmatch(fold(self.tokens[block_score].text).strip())):
            # The header's own 自评得分 cell (the block's score) after its last column: the rows hold a 得分.
            columns.add("score")
            order.append("score")
            j = block_score + 1
            if not probe and self.title_total is None and self.self_score_top is not None:
                self.title_total = self.self_score_top
        if probe:
            return j
        self.state = _INDICATORS
        self.has_indicator_table = True
        self.ind_columns = columns
        self.ind_order = order
        slots = self._header_slots(i, header_cells, before_first="?") if self.pipe else None
        if self.cell_rows and slots is not None and (set(slots) - READABLE_COLUMNS or "name" not in slots):
            slots = None
        self.ind_slots = slots
        self.slot_cursor = header_cells[-1][0] + 1 if self.cell_rows and slots else None
        self.line_slots = _unusual_order(order) if not self.pipe else None
        # "权重(%)": the 分值 column written as percentages of the form's points ("20%").
        self.weight_in_percent = any(column == "weight" and "%" in fold(self._join(start, end))
                                     for start, column, end in header_cells)
        self.weight_first = (
            "weight" in order and "target" in order and order.index("weight") < order.index("target")
        )
        self.note_before_numbers = self.pipe and _note_before_numbers(order)
        return j

    def _header_slots(self, i: int, header_cells: list[tuple[int, str, int]], before_first: str) -> list[str] | None:
        """The cells of the header starting at `i`, blank ones included: a pipe table keeps a blank cell
        for every merged or empty column, in its header as in its rows. With one cell per line, its cells
        from `i` to its last column (the rows repeat that sequence); else the cells of its one line."""
        if not header_cells:
            return None
        if self.cell_rows:
            return header_slots(self.tokens, header_cells, i, header_cells[-1][0], before_first)
        line = self.tokens[header_cells[0][0]].line
        if any(self.tokens[start].line != line for start, _, _ in header_cells):
            return None
        first, last = self._line_span(header_cells[0][0])
        return header_slots(self.tokens, header_cells, first, last, before_first)

    def _line_span(self, i: int) -> tuple[int, int]:
        line = self.tokens[i].line
        first = last = i
        while first > 0 and self.tokens[first - 1].line == line:
            first -= 1
        while last + 1 < len(self.tokens) and self.tokens[last + 1].line == line:
            last += 1
        return first, last

    def _slot_row(self, i: int) -> int | None:
        """A pipe row read cell by cell under the header's cells, blanks included ("| 培训人数 | 100 |
        | 20 | 19 |": the actual is blank, 20 is the 分值). Used when the row has as many cells as the
        header, counted from the line's start or from the name, and every cell fits its column;
        otherwise None and the row is read in sequence."""
        slots = self.ind_slots
        if not slots or self.cell_rows or set(slots) - READABLE_COLUMNS:
            return None
        first, last = self._line_span(i)
        cells = self.tokens[first : last + 1]
        at = i - first
        if fits(cells, slots):
            shift = 0
        else:
            name_slot = slots.index("name")
            if not fits(cells[at + 1 :], slots[name_slot + 1 :]) or is_value(self.tokens[i]):
                return None
            shift = name_slot - at
        row = under(slots, cells, shift)
        # A blank name cell before the row's first filled cell: the row starts there, its name blank.
        start = next((k for k, (slot, token) in enumerate(row[:at]) if slot == "name" and token.empty), at)
        if any(slot not in _BEFORE_NAME or not (token.empty or self._level_at(k) is not None)
               for k, (slot, token) in enumerate(row[:start], first)):
            return None
        by_column = cells_by_column(row[start:], _BEFORE_NAME, holds_points)
        name = by_column.get("name") if by_column is not None else None
        if name is None or (not name.empty and is_value(name)) or self._terminator(i):
            return None
        self._add_slotted(by_column, self.tokens[i].line)
        return last + 1

    def _add_slotted(self, by_column: dict[str, Token], line: int) -> None:
        """An indicator row from its cells by column (the name cell present, maybe blank)."""
        name = by_column["name"]

        def text(column: str) -> str | None:
            token = by_column.get(column)
            return None if token is None or token.empty else token.text

        target = text("target")
        operator = text("target_op")
        if target is not None and operator is not None and _OPERATOR.match(fold(operator).strip()):
            target = _OPERATOR_CODE.sub("", operator.strip()) + target  # "≥ | 95%"; "定量" says the kind only
        unit = text("target_unit")
        if target is not None and unit is not None and _is_number_target(target):
            target += unit
        if name.empty:
            self.problems.append(problem("R-PARSE-02", self.level2 or "指标", "指标行的三级指标名称为空，请核对",
                                         name.line, severity="warning"))
        weight, score = by_column.get("weight"), by_column.get("score")
        self._add_indicator(
            text("name") or "", target, text("actual"),
            _TokenCell(weight) if weight is not None and not weight.empty else None,
            _TokenCell(score) if score is not None and not score.empty else None,
            text("note"), line,
        )

    def _cell_row(self, start: int) -> int | None:
        """One cell per line with every blank cell kept: the row is the header's number of cells from
        `start`, each under its column ("| | 产出指标 | 数量指标 | 培训人数 | 100 | 95 | 50 | 评分标准 | 45 |"),
        used when every cell fits its column and a new row (or the 总分) starts right after it."""
        slots = self.ind_slots
        end = start + len(slots)
        if end > len(self.tokens):
            return None
        after = self._tok(end)
        if after is not None and not (after.empty or self._terminator(end) or self._level_at(end) is not None
                                      or self._lone_page_number(end) is not None):
            return None
        row = under(slots, self.tokens[start:end])
        # A filled cell is a level label exactly where the header has a level column.
        if any(not token.empty and (self._terminator(k) or (slot in _LEVEL_SLOTS) != (self._level_at(k) is not None)
                                    or (slot == "?" and is_value(token)))
               for k, (slot, token) in enumerate(row, start)):
            return None
        by_column = cells_by_column(row, (BLANK,), partial(holds_points, percent_in=POINT_COLUMNS))
        name = by_column.get("name") if by_column is not None else None
        # A "/" name is a template's placeholder row ("经济效益指标 | / | / | /"), its place in the row
        # as certain as any name's; refused, every row after it was read in sequence, which does not
        # follow every column order (偏差原因 before 分值 put the blank note under 分值).
        if name is None or (is_value(name) and not name.empty and not is_placeholder(fold(name.text).strip())):
            return None
        if name.empty and all(token.empty for slot, token in row if slot not in _BEFORE_NAME):
            return None  # no row: a blank name with nothing after it
        for slot, token in row:
            if slot == "level1" and not token.empty:
                self._fill_levels(token.text, None)
            elif slot == "level2" and not token.empty:
                self._fill_levels(None, token.text)
        self._add_slotted(by_column, name.line)
        return end

    def _line_row(self, i: int) -> int:
        """A flattened row under an unusual column order: its cells after the name, one per column,
        on the name's line, or fewer where the text columns closing the header are blank. A line with
        any other number of cells cannot be placed (a blank cell left no trace): its name is kept, its
        values left blank and reported."""
        name, line = self.tokens[i], self.tokens[i].line
        end = i + 1
        while end < len(self.tokens) and self.tokens[end].line == line and not self._terminator(end):
            end += 1
        cells = self.tokens[i + 1 : end]
        slots = self.line_slots
        # Blank text cells closing the row (评(扣)分标准 偏差原因 备注) leave no trace: a line that stops
        # before them has them all blank; one that stops within them is read from the left and
        # reported, as its text may be any of those columns'.
        closing_text = len(slots)
        while closing_text and slots[closing_text - 1] in ("note", "remark", "standard"):
            closing_text -= 1
        if closing_text < len(cells) < len(slots):
            written = " ".join(token.text for token in cells[closing_text:])
            self.problems.append(problem("R-PARSE-02", name.text, f"指标行“{name.text}”末尾的文字“{written}”少于表头末尾"
                                         "的文字列，无法确定属于哪一列（评(扣)分标准、偏差原因、备注），请核对", line))
        by_column = None
        if closing_text <= len(cells) <= len(slots):
            # On a short line, a "/" under a number column may be a text cell moved left (a blank 评(扣)分标准
            # before it left no trace, and the "/" is the note): only a number is believed there.
            by_column = cells_by_column(zip(slots, cells), (), partial(holds_points, placeholder=len(cells) == len(slots)))
        if by_column is not None and len(cells) < len(slots) and not score_within_weight(by_column):
            by_column = None  # a cell missing elsewhere than at the end (a number note moved under 分值)
        if by_column is None:
            written = " ".join(token.text for token in cells)
            self.problems.append(problem("R-PARSE-02", name.text, f"指标行“{name.text}”的取值“{written}”与表头的列"
                                         "（列序特殊）对不上，无法按列读取，留空", line))
            by_column = {}
        self._add_slotted({"name": name, **by_column}, line)
        return end

    def _header_rest(self, parts: list[tuple[int, int, str]], j: int) -> tuple[list[str], int] | None:
        """The second parts of wrapped header cells, in order on the next line: each joined to
        its first part must be a column label ("年度"+"指标值", "实际"+"完成值")."""
        found: list[str] = []
        line = self.tokens[j].line
        for _, _, head in parts:
            j = self._skip_empty(j)
            if j >= len(self.tokens) or self.tokens[j].line != line:
                return None
            column = labels.INDICATOR_COLUMNS.get(_key(head + self.tokens[j].text))
            if column is None:
                return None
            found.append(column)
            j += 1
        return found, j

    def _levelless_header(self, columns: set[str], order: list[str]) -> bool:
        """A header without 一级/二级 columns (some 项目自评表 templates emit the level cells
        elsewhere): it must open with 三级指标 and declare target, actual and 得分, and the form
        must have no indicator table yet."""
        return (
            not self.has_indicator_table
            and not self.pipe
            and bool(order)
            and order[0] == "name"
            and {"target", "actual", "score"} <= columns
            and "level1" not in columns
            and "level2" not in columns
        )

    def _level_at(self, i: int) -> tuple[str, str, int] | None:
        """(kind, text, next) for a level label at i: kind "l1", "l2" or "both"."""
        limit = 1 if self.pipe else 2
        for size in range(limit, 0, -1):
            run = self.tokens[i : i + size]
            if len(run) < size or any(t.empty for t in run):
                continue
            raw = "".join(t.text for t in run)
            key = "".join(fold(raw).split())
            match = labels.LEVEL1_WEIGHT.match(key)
            base = labels.level_name_key(match.group(1) if match else key)
            if match and not base and size == 1 and "分" in key:
                # "(50分)": a 一级 cell whose name was lost ("(40)" alone is a number in brackets, as a
                # 得分 may be written: read as this cell, the row's score was dropped with no error)
                return "anonymous", raw, i + size
            if match and base in labels.LEVEL1_NAMES:
                return "l1", raw if self.pipe else self._join(i, i + size), i + size
            in1, in2 = base in labels.LEVEL1_NAMES, base in labels.LEVEL2_NAMES
            if in1 or in2:
                kind = "both" if in1 and in2 else ("l1" if in1 else "l2")
                return kind, self._join(i, i + size), i + size
            if size == 1 and key in _SHORT_LEVEL2_CELLS and self._short_level2_at(i):
                return "l2", raw, i + 1
            if self.pipe and size == 1 and len(key) == 1 and key in _LEVEL1_FIRST_CHARS and self._level2_follows(i):
                return "l1", raw, i + 1  # "产 | 数量指标 | …": a vertical 一级 cell of which one character was kept
            if not self.pipe and size == 1 and len(key) == 1:
                vertical = self._vertical_level(i)
                if vertical is not None:
                    return vertical
            if not self.pipe and size == 1 and key in _WRAPPED_LEVEL_WORDS:
                tail = self._level_tail(i)
                if tail is not None:
                    full = key + "指标"
                    in1, in2 = full in labels.LEVEL1_NAMES, full in labels.LEVEL2_NAMES
                    self.level_tails.add(tail)
                    return ("both" if in1 and in2 else ("l1" if in1 else "l2")), raw + "指标", i + 1
        return None

    def _single_chars(self, i: int, size: int) -> tuple[str, int] | None:
        """Flat text: `size` one-character tokens from i, joined ("绩 效 指 标"), or None."""
        run = self.tokens[i : i + size]
        if len(run) < size or any(t.empty or len(t.text) != 1 for t in run):
            return None
        return "".join(t.text for t in run), i + size

    def _vertical_level(self, i: int) -> tuple[str, str, int] | None:
        """A 一级 cell written one character per line ("产 出 指 标"): a level name of 3 to 5 characters."""
        for size in (5, 4, 3):
            found = self._single_chars(i, size)
            if found is not None and found[0] in labels.LEVEL1_NAMES:
                return ("both" if found[0] in labels.LEVEL2_NAMES else "l1"), found[0], found[1]
        return None

    def _level_tail(self, i: int) -> int | None:
        """Flat text, one row per line: a level word without "指标" opening its line ("社会效益",
        "满意度") whose cell wrapped: its "指标" stands alone on the line after the row."""
        token = self.tokens[i]
        if i > 0 and "\n" not in token.gap:
            return None
        nxt = self._tok(i + 1)
        if nxt is None or nxt.line != token.line or is_value(nxt):
            return None
        k = i + 1
        while k < len(self.tokens) and self.tokens[k].line == token.line:
            k += 1
        tail = self._tok(k)
        after = self._tok(k + 1)
        if tail is None or tail.text != "指标" or (after is not None and after.line == tail.line):
            return None
        return k

    def _level2_follows(self, i: int) -> bool:
        nxt = self._skip_empty(i + 1)
        if nxt >= len(self.tokens) or self.tokens[nxt].row != self.tokens[i].row:
            return False
        key = "".join(fold(self.tokens[nxt].text).split())
        return labels.level_name_key(key) in labels.LEVEL2_NAMES

    def _short_level2_at(self, i: int) -> bool:
        """Pipe cells: a cell that is only a 二级 word without "指标" ("经济效益", "时效") is the
        二级 cell where a row starts (first cell of its row, or right after the 一级 cell) and a
        name follows it in the same row; elsewhere it is a name or a value."""
        token = self.tokens[i]
        before = i - 1
        while before >= 0 and self.tokens[before].empty:
            before -= 1
        if not self.pipe and (before < 0 or self.tokens[before].row != token.row):
            return False  # flat text: only right after the 一级 cell on its line
        if before >= 0 and self.tokens[before].row == token.row:
            previous = "".join(fold(self.tokens[before].text).split())
            match = labels.LEVEL1_WEIGHT.match(previous)
            if labels.level_name_key(match.group(1) if match else previous) not in labels.LEVEL1_NAMES:
                return False
        after = self._skip_empty(i + 1)
        nxt = self._tok(after)
        return (nxt is not None and nxt.row == token.row and not is_value(nxt) and not self._terminator(after)
                and not _TARGET_START.match(fold(nxt.text).strip()))  # "服务对象满意度 ≥90% 95%": the name

    def _terminator(self, i: int) -> bool:
        token = self.tokens[i]
        key = labels.total_key(_key(token.text))
        if key in labels.TOTAL_ROW or key in labels.INDICATOR_TOTAL_ROW or key in labels.REMARK_ROWS:
            return True
        # "| 总分 100 94 |" or "| 自评得分：94分 |" in one cell: the rows end there, as _dispatch reads it.
        return self.pipe and closes_indicator_table(token.text)

    def _lone_page_number(self, i: int) -> int | None:
        """A page's number left between two indicator rows ("3" alone on a flattened line; one cell per
        line, "3 |" with the rest of its row blank): no row is a number alone (a row has a name), and the
        row above is complete, so it is page furniture. Where the page row ends, else None."""
        token = self.tokens[i]
        if token.empty or _PAGE_NUMBER.fullmatch(fold(token.text).strip()) is None:
            return None
        if not self.pipe:
            # (rows written a line each, around it: where every cell has a line of its own, a number
            # alone on a line is a cell, a note "0" for one)
            before, after = self._tok(i - 1), self._tok(i + 1)
            earlier, later = self._tok(i - 2), self._tok(i + 2)
            return i + 1 if (before is not None and after is not None and earlier is not None and later is not None
                             and earlier.line == before.line != token.line != after.line == later.line) else None
        if not self.cell_rows:
            return None
        blanks = len(self.ind_slots) - 1 if self.ind_slots else 2
        end = i + 1 + blanks
        if end >= len(self.tokens) or not all(t.empty for t in self.tokens[i + 1 : end]):
            return None
        return end

    def _indicator_row_at(self, i: int) -> int:
        n = len(self.tokens)
        after_level2 = False
        # 一级 / 二级 labels before the row.
        while i < n:
            i = self._skip_empty(i)
            if i >= n:
                return i
            level = self._level_at(i)
            if level is None:
                break
            kind, text, j = level
            if after_level2 and kind == "l1" and labels.LEVEL1_WEIGHT.match("".join(fold(text).split())) is None:
                break  # right after a 二级 cell comes the row's name ("数量指标 | 预算执行率 | 100%"), never a 一级 cell
            if kind == "anonymous":
                self.level1, self.level2 = None, None
                self.level1_raw = text
                self.level1_weight = Decimal(labels.LEVEL1_WEIGHT.match("".join(fold(text).split())).group(2))
                i = j
                continue
            nxt = self._skip_empty(j)
            next_level = self._level_at(nxt) if nxt < n else None
            as_level1 = kind == "l1" or (
                kind == "both"
                and (
                    labels.LEVEL1_WEIGHT.match("".join(fold(text).split())) is not None
                    or (next_level is not None and next_level[0] in ("l2", "both"))
                    or (self.level1 is not None and self.level1 != "产出指标" and label_key(text) != self.level1)
                )
            )
            if as_level1:
                self._fill_levels(text, None)
            else:
                self._fill_levels(None, text)
            after_level2 = not as_level1
            i = j
        if i >= n or self._terminator(i) or self._indicator_header(i, probe=True) is not None:
            return i
        if self.ind_debris:
            return i + 1
        sums_end = (self._numbers_row_end(i) if self.pipe and not self._has_indicator_rows() and self._opens_row(i)
                    else None)
        if sums_end is not None:
            self.problems.append(problem("R-PARSE-02", self.tokens[i].text, "指标表表头下只有数字的一行（各列合计）未读作指标，"
                                         "请核对", self.tokens[i].line, severity="warning"))
            return sums_end  # "90.00 | 90.00" under the header: the columns' sums
        if not self.pipe and _key(self.tokens[i].text) in labels.INDICATOR_COLUMNS:
            # A column label among the rows (not a header): the level and column cells were
            # emitted after the rows; what follows up to 总分 is that detached text. Said, not silent:
            # if this was a real table's stray label, rows after it would be missing.
            self.ind_debris = True
            label = self.tokens[i].text
            self.problems.append(problem(
                "R-PARSE-02", label, f"指标表中“{label}”之后至总分的文字按表头标签处理，未读作指标行；请核对", self.tokens[i].line))
            return i + 1
        if _key(self.tokens[i].text) in labels.SUBTOTAL_ROW:
            return self._after_values(i + 1)  # a block's 小计: the sum of the rows above it
        if self.line_slots is not None and not self.cell_rows:
            return self._line_row(i)
        if labels.CONTEXT_COLUMNS & self.ind_columns:
            return self._positional_row(i)
        if self.pipe:
            slotted = self._slot_row(i)
            if slotted is not None:
                return slotted
        start = i
        problems_before = len(self.problems)
        cols = self.ind_columns
        name_tok = self.tokens[i]
        name = name_tok.text
        if (self.pipe and is_value(name_tok) and i > 0 and self.tokens[i - 1].empty
                and self.tokens[i - 1].row == name_tok.row):
            # "| 产出指标 | 数量指标 | | 100 | 95 | 50 | 45 |": the name cell is blank; the values start here.
            name = ""
            self.problems.append(problem("R-PARSE-02", self.level2 or "指标", "指标行的三级指标名称为空，请核对",
                                         name_tok.line, severity="warning"))
        else:
            wrapped = self._wrapped_row(i)
            if wrapped is not None:
                return wrapped
            if self._wrapped_name(i):
                name += self.tokens[i + 1].text  # "支持服务贸易、服务外 包企业数量 3 3 10"
                i += 1
            elif self._name_unit_at(i + 1):
                name += " " + self.tokens[i + 1].text  # "年新增畜牧产值 (万元) 500"
                i += 1
            i += 1
        # Hebei: a description cell between the name and the operator.
        if "target_op" in cols and not self.pipe:
            for ahead in range(i, min(i + 3, n)):
                if _OPERATOR.match(fold(self.tokens[ahead].text).strip()):
                    i = ahead
                    break
        target_start = i
        if self._row_ends_at_name(name, name_tok, i):
            self._add_indicator(name, None, None, None, None, None, name_tok.line)
            return i
        ends_at_target = False
        weight_first_tok = None
        if self.weight_first:
            weight_first_tok, i = self._leading_weight(i, name_tok.row)
        if self._only_scores(i, name_tok.line):
            target_raw = actual_raw = None  # "指标1:工程质量合格 10 10": target and actual left blank
            if self.weight_first and weight_first_tok is None:
                weight_first_tok, i = self.tokens[i], i + 1  # "分值 年度指标值 全年实际值 得分": 分值 first
        elif self._one_value_short(i, name_tok.row):
            # "name | 3 | 9.3 | 9.3": one of target/actual vanished; the numeric tail is the
            # 分值/得分 (得分 <= 分值), the one cell before it stays the target.
            target_raw, i = self._cell(i)
            actual_raw = None
        else:
            if "target_op" in cols or "target_unit" in cols or (
                    not self.pipe and i < n and _OPERATOR.fullmatch(fold(self.tokens[i].text).strip())):
                target_raw, i = self._split_target(i)
            else:
                target_raw, i = self._cell(i)
            if self._row_ends_at_target(i, name_tok.line):
                actual_raw = None  # "标准化圈舍面积(平方米) 5000" / "办公用房面积(平方米) 500"
                ends_at_target = True
            else:
                actual_raw, i = self._cell(i, merge_groups=True)
                if "completion_rate" in cols and i < n and is_percent(self.tokens[i]):
                    numbers_to_come = len({"weight", "score", "deduction"} & cols)
                    if (self.weight_in_percent and not self.weight_first and not self.pipe
                            and self._numbers_after(i + 1) < numbers_to_come):
                        # "2次 3% 21.7" under 完成率 权重(%) 得分: one of the line's cells is blank, and it
                        # does not say whether 3% is the rate or the 分值.
                        self.problems.append(problem(
                            "R-PARSE-02", name, f"指标行“{name}”的“{self.tokens[i].text}”无法确定是完成率还是权重(%)"
                            "（其中一格为空），请核对", name_tok.line))
                    i += 1
        if "status" in cols and i < n and not is_value(self.tokens[i]):
            i += 1
        note, note_read = None, False
        if self.note_before_numbers and not ends_at_target:
            note, note_read, i = self._note_before_numbers_at(i)
        numeric = [c for c in ("item_score", "weight", "weight_share", "score") if c in cols]
        if "weight_share" in numeric and "weight" in numeric:
            numeric.remove("weight")
        got: dict[str, Token] = {}
        if self.weight_first and "weight" in numeric:
            numeric.remove("weight")
            if weight_first_tok is not None:
                got["weight"] = weight_first_tok
        # The number columns in the header's order: a 扣减分数 column may stand between 分值 and 得分.
        place = {column: k for k, column in enumerate(self.ind_order)}
        sequence = sorted([*numeric, *(["deduction"] if "deduction" in cols else [])],
                          key=lambda column: place.get(column, len(place)))
        if "standard" in place and numeric and place[numeric[0]] < place["standard"] < place[numeric[-1]]:
            # "分值 | 评(扣)分标准 | 得分": the scoring rule's text between the two numbers
            sequence = sorted([*sequence, "standard"], key=lambda column: place.get(column, len(place)))
        # The number cells on hand, past a 评(扣)分标准 text between them.
        available, k = 0, i
        for column in sequence:
            if k >= n:
                break
            if column == "standard":
                k += 0 if is_value(self.tokens[k]) else 1
            elif is_value(self.tokens[k]):
                available, k = available + 1, k + 1
            else:
                break
        if "deduction" in sequence and available < len([c for c in sequence if c != "standard"]):
            sequence.remove("deduction")  # a blank 扣减分数 leaves no cell in flattened text
        for column in sequence:
            token = self.tokens[i] if i < n else None
            if column == "standard":
                if token is not None and (token.empty or not is_value(token)) and self._level_at(i) is None \
                        and not self._terminator(i):
                    i += 1
                continue
            if token is not None and is_value(token):
                if column != "deduction":
                    got[column] = token
                i += 1
            elif column != "deduction":
                break
        cut_before_numbers = numeric and (target_raw or actual_raw) and (
            not (set(got) & set(numeric)) or ("score" in numeric and "score" not in got))
        # A table with no 分值/得分 columns (中央转移支付 template): cut before the actual value.
        cut_before_actual = not numeric and "actual" in cols and target_raw and not actual_raw
        if i >= n and (cut_before_numbers or cut_before_actual):
            # The file ends inside this row, before its 分值/得分: a cut row, not a row.
            self.problems.append(
                problem("R-PARSE-02", name, f"指标行“{name}”不完整（文件在此截断）", name_tok.line)
            )
            return i
        if "standard" in cols and not self.pipe and not self._standard_among_numbers():
            i = self._skip_standard(i)
        if "note" in cols and i < n and not ends_at_target and not note_read:
            token = self.tokens[i]
            following = self._tok(i + 1)
            if token.empty:
                i += 1
            elif (
                not self.pipe
                and all(column in got for column in numeric)  # 分值 read first is in got, not in numeric
                and is_value(token)
                and (following is None or not is_value(following))
                and (token.line == name_tok.line or self._lone_page_number(i) is None)
            ):
                note = token.text  # a note written as a number ("0")
                i += 1
            elif not self.pipe and "score" in got and (run_on := self._run_on_note(i, name))[0] is not None:
                note, i, doubt = run_on
                if doubt is not None:
                    self.problems.append(problem("R-PARSE-02", name, doubt, name_tok.line))
            elif self._note_like(i):
                end = i + 1
                while (
                    not self.pipe
                    and end < n
                    and self.tokens[end].line == token.line
                    and self._level_at(end) is None
                    and not self._terminator(end)
                ):
                    end += 1
                if self.pipe or not self._standard_after_note():
                    note = self._join(i, end)
                elif end - i == 2:
                    note = token.text  # "部分学员未到 每少1人扣0.5分": the note, then the scoring rule
                else:
                    # One text (or three and more) under 偏差原因 and a 评(扣)分标准 after it: the line does
                    # not say which text is whose. Read as the note, reported.
                    note = self._join(i, end)
                    self.problems.append(problem(
                        "R-PARSE-02", name, f"指标行“{name}”末尾的文字“{note}”无法确定属于偏差原因还是评(扣)分标准，"
                        "按偏差原因读取，请核对", name_tok.line))
                i = end
        if "standard" in cols and not self.pipe:
            if self._standard_after_note():
                # The rule's text closing the row's line, whatever its wording (after a note "10" or a
                # blank one), is no next row's name.
                while (i < n and self.tokens[i].line == name_tok.line and self._level_at(i) is None
                       and not self._terminator(i)):
                    i += 1
            i = self._skip_standard(i)
        if (not self.pipe and not self.weight_first and target_raw and actual_raw and "weight" in got
                and "score" in numeric and "score" not in got and _plain_number(actual_raw)):
            # "长期 30 8.34" under 年度指标值 实际完成值 分值 得分: one cell is blank, and the text does not
            # say which (actual 30 and 分值 8.34, or 分值 30 and 得分 8.34, or no target). Left blank, reported.
            written = " ".join((target_raw, actual_raw, got["weight"].text))
            self.problems.append(problem(
                "R-PARSE-02", name, f"指标行“{name}”的取值“{written}”比列少一格，无法确定哪一格为空："
                "年度指标值、实际完成值、分值、得分留空，请核对", name_tok.line))
            target_raw = actual_raw = None
            del got["weight"]
            kept_blank = True  # the row keeps its place, its cells blank
        else:
            kept_blank = False
        # "name target actual 10": the one number may be the 分值 or the 得分; the sums place it at the end
        lone_number = (not self.pipe and not self.weight_first and bool(target_raw and actual_raw)
                       and set(numeric) == {"weight", "score"} and set(got) == {"weight"}
                       and len(self.problems) == problems_before)  # (a row reported already is not placed)
        weight_tok = got.get("weight_share") or got.get("weight")
        has_more = any(x for x in (target_raw, actual_raw)) or got or kept_blank
        if not has_more:
            if i >= n:
                self.problems.append(
                    problem("R-PARSE-02", name, f"指标行“{name}”不完整（文件在此截断）", name_tok.line)
                )
            return max(i, start + 1)
        self._add_indicator(
            name,
            target_raw or None,
            actual_raw or None,
            _TokenCell(weight_tok) if weight_tok is not None else None,
            _TokenCell(got["score"]) if "score" in got else None,
            note,
            name_tok.line,
        )
        if lone_number:
            self.lone_numbers.append(self.form["indicators"][-1])
        if not self.pipe:
            self._report_texts_beyond_columns(start, name)
        del target_start
        return i

    def _report_texts_beyond_columns(self, start: int, name: str) -> None:
        """Flattened, a row a line: a text cell with a space inside ("达到 要求", "合格 率") is two tokens,
        like two cells. Where the tokens before the row's 分值 and 得分 outnumber the text columns before
        them (三级指标, 年度指标值, 实际完成值), which of them belong together the line does not say."""
        numbers = [c for c in self.ind_order if c in ("item_score", "weight", "weight_share", "score", "deduction")]
        if len(numbers) < 2 or self.weight_first or self.ind_order.index(numbers[0]) < self.ind_order.index("name"):
            return
        if self._read_as_its_line_cells(start):
            return  # one token per column, read so: "项目验收合格率 =100% 100 6 6 0" with its note "0"
        texts = [c for c in self.ind_order[: self.ind_order.index(numbers[0])] if c not in ("level1", "level2")]
        line = self.tokens[start].line
        end = start
        while end < len(self.tokens) and self.tokens[end].line == line and not (end > start and self._terminator(end)):
            end += 1
        points = [is_value(t) and not is_percent(t) for t in self.tokens[start:end]]
        tail = next((q for q in range(1, len(points) - len(numbers) + 1) if all(points[q : q + len(numbers)])
                     and (q + len(numbers) == len(points) or not is_value(self.tokens[start + q + len(numbers)]))), None)
        if tail is None:
            return
        # (a comparator written apart from its number, or a unit in brackets after the name, is no cell)
        cells = [t for t in self.tokens[start : start + tail]
                 if not _OPERATOR.fullmatch(fold(t.text).strip()) and not _NAME_UNIT.match(t.text)]
        if len(cells) > len(texts):
            written = " ".join(t.text for t in self.tokens[start : start + tail])
            self.problems.append(problem("R-PARSE-02", name, f"指标行“{name}”在分值前有{len(cells)}段文字“{written}”，"
                                         f"多于表头的{len(texts)}个文字列（单元格内的空格与列间的空格无法区分），"
                                         "无法确定各列，请核对", line))

    def _positional_row(self, i: int) -> int:
        """A row of a header with context columns (新疆: 指标值设置依据, 上年完成值, 佐证资料, 完成率),
        which the sequential reading cannot place: when the row, from its name on, has exactly one
        cell per header column after the level columns, each cell is the column's. Otherwise the row
        is reported (R-PARSE-02) and not read: no cell is given to a column it may not belong to."""
        slots = [column for column in self.ind_order if column not in ("level1", "level2")]
        row = self.tokens[i].row
        cells: list[Token] = []
        k = i
        while k < len(self.tokens) and self.tokens[k].row == row and not (cells and self._terminator(k)):
            cells.append(self.tokens[k])
            k += 1
        if len(cells) != len(slots):
            written = " ".join(token.text for token in cells if not token.empty)
            self.problems.append(problem(
                "R-PARSE-02", cells[0].text,
                f"指标行“{written}”有{len(cells)}格，表头有{len(slots)}列，无法按列读取；请核对", cells[0].line))
            return k
        by_column: dict[str, Token] = {}
        for column, token in zip(slots, cells):
            by_column.setdefault(column, token)

        def text(column: str) -> str | None:
            token = by_column.get(column)
            return None if token is None or token.empty or not token.text.strip() else token.text

        weight, score = by_column.get("weight"), by_column.get("score")
        self._add_indicator(
            text("name"), text("target"), text("actual"),
            _TokenCell(weight) if weight is not None and not weight.empty else None,
            _TokenCell(score) if score is not None and not score.empty else None,
            text("note"), cells[0].line,
        )
        return k

    def _note_before_numbers_at(self, i: int) -> tuple[str | None, bool, int]:
        """(note, whether its cell was read, the cell after it) for a pipe row read in sequence whose
        header puts 偏差原因 before 分值/得分: pipe text keeps the note's cell there, blank or not. Read
        as numbers, a blank note stood for the 分值 and the 分值 for the 得分."""
        if i >= len(self.tokens) or self._terminator(i) or self._level_at(i) is not None:
            return None, False, i
        token = self.tokens[i]
        if token.empty:
            return None, True, i + 1
        numbers = len({"weight", "score"} & self.ind_columns)
        following = self.tokens[i + 1 : i + 1 + numbers]
        if is_value(token) and not (len(following) == numbers and all(is_value(t) for t in following)):
            return None, False, i  # a number with no room for the 分值/得分 after it: theirs, not a note
        return token.text, True, i + 1

    def _after_values(self, i: int) -> int:
        while i < len(self.tokens) and is_value(self.tokens[i]):
            i += 1
        return i

    def _numbers_after(self, i: int) -> int:
        """How many number cells follow on token i's line, from i on."""
        k = i
        while k < len(self.tokens) and self.tokens[k].line == self.tokens[i].line and is_value(self.tokens[k]):
            k += 1
        return k - i

    def _standard_among_numbers(self) -> bool:
        """The header puts 评(扣)分标准 before a number column ("分值 评(扣)分标准 得分"): its cell was read with
        the numbers, and a "/" after them is the note's, not the rule's blank mark."""
        order = self.ind_order
        return "standard" in order and any(
            column in order and order.index(column) > order.index("standard") for column in ("weight", "score"))

    def _standard_after_note(self) -> bool:
        """The header puts 评(扣)分标准 after 偏差原因."""
        order = self.ind_order
        return "note" in order and "standard" in order and order.index("note") < order.index("standard")

    def _skip_standard(self, i: int) -> int:
        """A scoring-method column (得分计算方法, 评分标准) after a row's numbers: its text
        ("定量指标计算:…按B/A…记分") and its blank marks ("-", also on the template's empty rows
        below) are that column's, never a note or a row."""
        n = len(self.tokens)
        while i < n:
            token = self.tokens[i]
            if token.empty:
                i += 1
                continue
            text = fold(token.text).strip()
            if not (is_placeholder(text) or _METHOD_HINT.search(text)) or self._level_at(i) is not None:
                break
            i += 1
        return i

    def _simple_columns(self) -> list[str] | None:
        """The numeric columns after target and actual (完成率 among them), for flattened tables whose
        cells are name, target, actual, then numbers only; None for any other column set."""
        cols = self.ind_columns
        if self.pipe or self.weight_first or not {"target", "actual"} <= cols:
            return None
        if cols & {"target_op", "target_unit", "status", "deduction", "weight_share", "standard", "description"}:
            return None
        return [c for c in ("completion_rate", "item_score", "weight", "score") if c in cols]

    def _text_run(self, i: int) -> tuple[int, int]:
        """(text tokens from i, value tokens after them) before the next label or terminator."""
        n = len(self.tokens)
        k = i
        while k < n and k - i < 9:
            token = self.tokens[k]
            if token.empty or is_value(token) or self._terminator(k) or (k > i and self._level_at(k) is not None):
                break
            if k > i and _key(token.text) in labels.INDICATOR_COLUMNS:
                break
            k += 1
        m = k
        while m < n and not self.tokens[m].empty and is_value(self.tokens[m]) and not (
                m > k and self.tokens[m].line != self.tokens[m - 1].line and self._lone_page_number(m) is not None):
            m += 1
        return k - i, m - k

    def _wrapped_name(self, i: int) -> bool:
        """Two text cells, then exactly target, actual and the numeric cells as plain numbers:
        the second text cell is the wrapped end of the name (not a target)."""
        numeric = self._simple_columns()
        if not numeric:
            return False
        texts, values = self._text_run(i)
        if texts != 2 or values != 2 + len(numeric):
            return False
        if self._line_cells(i) is not None:
            return False  # "社会和谐稳定 明显改善 90% 15 15 0": the number closing the line is the note
        if "note" in self.ind_columns and is_placeholder(fold(self.tokens[i + texts + values - 1].text).strip()):
            return False  # "培训人数 长期 100% 25 5.8 /": the "/" closing the line is the note, 长期 the target
        tail = fold(self.tokens[i + 1].text).strip()
        if (re.search(r"\d", tail) or tail in labels.QUALITATIVE_WORDS or self.tokens[i + 1].gap != " "
                or _OPERATOR.fullmatch(tail)):  # "合格率 ≥ 95%": the comparator opens the target
            return False
        return all(re.fullmatch(r"\d+(?:\.\d+)?%?", fold(t.text).strip()) for t in self.tokens[i + 2 : i + 4])

    def _read_as_its_line_cells(self, start: int) -> bool:
        """The row just added was read token by token as its line's cells: its 分值, 得分 and note are the
        tokens under those columns (not a number group joined in its 实际完成值, "249 400")."""
        cells = self._line_cells(start)
        if cells is None or not self.form["indicators"]:
            return False
        row = self.form["indicators"][-1]
        by_column = dict(zip([c for c in self.ind_order if c not in ("level1", "level2")], cells))
        read = {"weight": row["weight_raw"], "score": row["score_raw"], "note": row["deviation_note"],
                "target": row["target_raw"], "actual": row["actual_raw"]}
        return all((read[column] or "").strip() == token.text.strip()
                   for column, token in by_column.items() if column in read)

    def _line_cells(self, start: int) -> list[Token] | None:
        """Flattened, a row a line: the tokens from the row's name to the end of its line are exactly one
        per header column from 三级指标 on, with plain numbers under 分值 and 得分 (得分 <= 分值). Then no
        cell is blank and none holds a space: each token is its column's cell, a number at the end of
        the line under 偏差原因 is the note ("0"), not the 得分 of a row whose name wrapped."""
        if self.pipe or "name" not in self.ind_order:
            return None
        slots = [column for column in self.ind_order if column not in ("level1", "level2")]
        if slots[0] != "name":
            return None
        line, cells, k = self.tokens[start].line, [], start
        while k < len(self.tokens) and self.tokens[k].line == line and not (k > start and self._terminator(k)):
            cells.append(self.tokens[k])
            k += 1
        if len(cells) != len(slots) or is_value(cells[0]):
            return None
        points = {column: cell for column, cell in zip(slots, cells) if column in ("item_score", "weight", "score")}
        if not points or not all(_plain_number(cell.text) for cell in points.values()):
            return None
        weight, score = points.get("weight"), points.get("score")
        if weight is not None and score is not None and _points(score) > _points(weight):
            return None
        return cells

    def _wrapped_row(self, i: int) -> int | None:
        """A row whose text cells wrapped into more tokens than name + target + actual, followed
        by only its numeric cells (or none): the first token is the name, the numbers are its
        分值/得分 from the end, target and actual cannot be told apart and stay blank."""
        numeric = self._simple_columns()
        if not numeric:
            return None
        texts, values = self._text_run(i)
        if texts < 4 or values not in (0, len(numeric)):
            return None
        following = self._tok(i + texts + values)
        if values == 0 and following is not None and not (
            self._level_at(i + texts) is not None or self._terminator(i + texts)
            or _key(following.text) in labels.INDICATOR_COLUMNS
        ):
            return None
        name_tok = self.tokens[i]
        got = dict(zip(numeric, self.tokens[i + texts : i + texts + values]))
        weight = got.get("weight")
        self.problems.append(problem(
            "R-PARSE-02", name_tok.text, f"指标行“{name_tok.text}”的目标值与实际值跨行折断，无法区分，留空", name_tok.line,
        ))
        self._add_indicator(
            name_tok.text, None, None,
            _TokenCell(weight) if weight is not None else None,
            _TokenCell(got["score"]) if "score" in got else None,
            None, name_tok.line,
        )
        return i + texts + values

    def _name_unit_at(self, i: int) -> bool:
        """Flat text: a bracketed unit written after the name with a space, followed on the line by a value."""
        following = self._tok(i + 1)
        if self.pipe or following is None:
            return False
        token = self.tokens[i]
        return (_NAME_UNIT.match(fold(token.text).strip()) is not None and token.gap == " "
                and token.line == following.line and is_value(following))

    def _row_ends_at_name(self, name: str, name_tok: Token, i: int) -> bool:
        """Flat text, one row per line: a numbered row ("指标4.不合格产品处置率") alone on its line,
        followed by the next numbered row or a level label: its value cells are empty."""
        if self.pipe or i >= len(self.tokens) or self.tokens[i].line == name_tok.line:
            return False
        if not _NUMBERED_NAME.match(fold(name)):
            return False
        return bool(_NUMBERED_NAME.match(fold(self.tokens[i].text))) or self._level_at(i) is not None

    def _row_ends_at_target(self, i: int, line: int) -> bool:
        """Flat text, one row per line: the row's line ended after its target, and the next line is a
        row of its own, a name (with its bracketed unit) and values only. A project that was not
        carried out leaves 实际完成值 and 得分 empty on its rows; read on, a row's actual would be the
        next row's name. A next line that starts with a word an actual is written in ("完成") is
        the rest of this row."""
        n = len(self.tokens)
        if self.pipe or i >= n or self.tokens[i].line == line:
            return False
        if self._level_at(i) is not None or self._terminator(i):
            return False
        cells = []
        for k in range(i, n):
            if self.tokens[k].line != self.tokens[i].line:
                break
            if not self.tokens[k].empty:
                cells.append(k)
        if len(cells) >= 3 and _NAME_UNIT.match(fold(self.tokens[cells[1]].text).strip()):
            cells.pop(1)
        first = self.tokens[cells[0]] if cells else None
        return (len(cells) >= 2 and not is_value(first) and fold(first.text).strip() not in labels.QUALITATIVE_WORDS
                and all(is_value(self.tokens[k]) for k in cells[1:]))

    def _one_value_short(self, i: int, line: int) -> bool:
        """Pipe rows only (their cells keep their row): after the name, the cells of the line
        are one fewer than target + actual + 分值 + 得分, and the last two are plain numbers
        with 得分 <= 分值 <= 100."""
        cols = self.ind_columns
        if not self.pipe or self.weight_first or not {"target", "actual", "weight", "score"} <= cols:
            return False
        if cols & {"target_op", "target_unit", "item_score", "weight_share", "status", "deduction"}:
            return False
        if self.cell_rows and i < len(self.tokens) and self.tokens[i].empty:
            return False  # one cell per line: the empty target cell is there, nothing vanished
        cells = []
        blanks_after_first = 0
        blanks_between = 0
        for k in range(i, len(self.tokens)):
            token = self.tokens[k]
            if token.row != line:
                break
            if not token.empty:
                cells.append(token)
                blanks_between = blanks_after_first
            elif cells:
                blanks_after_first += 1
        if len(cells) != 3 or (self.cell_rows and blanks_between):
            return False  # one cell per line: a blank cell among the values is there, nothing vanished
        numbers = []
        for token in cells[1:]:
            text = fold(token.text).strip()
            if not re.fullmatch(r"\d+(?:\.\d+)?", text):
                return False
            numbers.append(Decimal(text))
        return numbers[1] <= numbers[0] <= 100

    def _leading_weight(self, i: int, line: int) -> tuple[Token | None, int]:
        """The 分值 cell of a row whose header puts 分值 before the target: a plain number
        followed, on the same row, by at least the target. Sub-rows ("其中…") carry only a
        target and an actual (with their units): their 分值 is blank."""
        n = len(self.tokens)
        k = self._skip_empty(i) if self.pipe else i
        if k >= n or self.tokens[k].row != line or self.tokens[k].empty:
            return None, i
        text = fold(self.tokens[k].text).strip()
        if not re.fullmatch(r"\d+(?:\.\d+)?分?", text) and not (self.weight_in_percent and re.fullmatch(r"\d+(?:\.\d+)?%", text)):
            return None, i
        following: list[Token] = []
        for t in self.tokens[k + 1 :]:
            if t.row != line or len(following) == 2:
                break
            if not t.empty:
                following.append(t)
        if not following:
            return None, i
        if len(following) == 1 and re.fullmatch(r"\d+(?:\.\d+)?", fold(following[0].text).strip()):
            return None, i  # "name 5 5": a target and an actual, no 分值
        return self.tokens[k], k + 1

    def _only_scores(self, i: int, line: int) -> bool:
        """One row per line, and after the name only as many plain numbers as the numeric
        columns before the line ends, the smaller last (得分 <= 分值 <= 100): blank cells
        vanished, and those that are left are the 分值 and 得分, not the target and actual."""
        numeric = [c for c in ("weight", "score") if c in self.ind_columns]
        if self.pipe or len(numeric) != 2 or set(self.ind_columns) & {"item_score", "weight_share", "target_op"}:
            return False
        n = len(self.tokens)
        end = i
        while end < n and self.tokens[end].line == line and not self.tokens[end].empty:
            end += 1
        if end - i != 2 or (end < n and self.tokens[end].line == line):
            return False
        numbers = [parse_decimal(self.tokens[k].text, SCORE_UNITS) for k in range(i, end)]
        if not all(ok and value is not None and re.fullmatch(r"\d+(?:\.\d+)?", self.tokens[k].text)
                   for k, (value, ok) in zip(range(i, end), numbers)):
            return False
        weight, score = numbers[0][0], numbers[1][0]
        return score <= weight <= 100

    def _cell(self, i: int, merge_groups: bool = False) -> tuple[str | None, int]:
        n = len(self.tokens)
        if i >= n or self._terminator(i) or self._level_at(i) is not None:
            return None, i
        if not self.pipe and _TEMPLATE_SLOT.match(self.tokens[i].text):
            return None, i
        token = self.tokens[i]
        if token.empty:
            return None, i + 1
        if merge_groups and not self.pipe and i + 1 < n:
            # "1 314": a number written with a space as thousands separator.
            run = 0
            while i + run < n and is_value(self.tokens[i + run]) and not self.tokens[i + run].empty:
                run += 1
            nxt = self.tokens[i + 1].text
            needed = 1 + len([c for c in ("item_score", "weight", "score", "completion_rate", "deduction")
                              if c in self.ind_columns])
            # A percent after the actual is the 完成率 column's cell, when there is one ("12 100%").
            group = r"\d{3}(?:\.\d+)?" + ("" if "completion_rate" in self.ind_columns else "%?")
            if (
                run > needed
                and re.fullmatch(r"\d{1,3}", token.text)
                and re.fullmatch(group, nxt)
                and self.tokens[i + 1].gap == " "
            ):
                return self._join(i, i + 2), i + 2
            following = self.tokens[i + 1]
            if (re.fullmatch(r"\d{1,3}", token.text) and following.gap == " " and following.line == token.line
                    and not is_value(following) and _GROUP_WITH_UNIT.fullmatch(fold(following.text).strip())):
                # "4 500平方米": the group of three digits carries the number's unit; no cell of its own
                # (a 分值, a note, a next row's name) is written so. Read apart, "4" was the actual and
                # "500平方米" opened a row of its own.
                return self._join(i, i + 2), i + 2
        return token.text, i + 1

    def _has_indicator_rows(self) -> bool:
        return bool(self.form["indicators"])

    def _opens_row(self, i: int) -> bool:
        before = i - 1
        while before >= 0 and self.tokens[before].empty and self.tokens[before].row == self.tokens[i].row:
            before -= 1
        return before < 0 or self.tokens[before].row != self.tokens[i].row

    def _numbers_row_end(self, i: int) -> int | None:
        """The end of the table row at i when it holds numbers only (no name), else None."""
        row = self.tokens[i].row
        k = i
        while k < len(self.tokens) and self.tokens[k].row == row:
            if not self.tokens[k].empty and not is_value(self.tokens[k]):
                return None
            k += 1
        return k

    def _split_target(self, i: int) -> tuple[str | None, int]:
        n = len(self.tokens)
        start = i
        parts: list[int] = []
        if "target_op" in self.ind_columns and i < n:
            token = self.tokens[i]
            if token.empty or _OPERATOR.match(fold(token.text).strip()):
                parts.append(i)
                i += 1
            elif _TARGET_KIND.match(fold(token.text).strip()):
                i += 1  # 指标性质 "定量": the kind of target, no part of it
        if i >= n or self._level_at(i) is not None or self._terminator(i):
            return self._target_text(parts), i
        value = self.tokens[i]
        parts.append(i)
        i += 1
        if (not self.pipe and "target_op" not in self.ind_columns and not value.empty and i < n
                and _OPERATOR.fullmatch(fold(value.text).strip()) and self.tokens[i].line == value.line
                and _HAS_DIGIT.match(self.tokens[i].text)):
            # "≥ 95%": a comparator written apart from its number is one cell with it (read apart, the
            # number was the actual and every cell after it moved).
            value = self.tokens[i]
            parts.append(i)
            i += 1
        # "20", "≥95", "1亿": a number (after its comparator) the unit cell after it completes.
        numeric = not value.empty and _is_number_target(value.text)
        if "target_unit" in self.ind_columns and i < n:
            token = self.tokens[i]
            text = fold(token.text).strip()
            if numeric and (token.empty or (
                _UNIT_TEXT.match(text) and self._level_at(i) is None and not is_value(token) and len(text) <= 8
            ) or text in ("%",) or text.startswith("%(")):
                parts.append(i)
                i += 1
            elif self.pipe and token.empty:
                i += 1  # the 度量单位 cell of a text target ("有效提升"), blank: the actual comes next
        del start
        return self._target_text(parts), i

    def _target_text(self, parts: list[int]) -> str | None:
        parts = [k for k in parts if not self.tokens[k].empty]
        if not parts:
            return None
        if self.pipe:
            return _OPERATOR_CODE.sub("", "".join(self.tokens[k].text for k in parts))
        text = self._join(parts[0], parts[-1] + 1)
        if len(parts) >= 2 and fold(self.tokens[parts[-1]].text).strip() in ("%", "‰"):
            text = text[: len(text) - len(self.tokens[parts[-1]].text)].rstrip() + self.tokens[parts[-1]].text
        elif "target_unit" in self.ind_columns:
            text = _PERCENT_UNIT_CELL.sub(r"\1\2", text)  # the tokenizer joined the 度量单位 "%" to its number
        return _OPERATOR_CODE.sub("", text)  # "95 %": the 度量单位 cell of a per-cent target

    def _run_on_note(self, i: int, name: str) -> tuple[str | None, int, str | None]:
        """(note, the token after it, why it is in doubt or None) for text after a row's 得分 on the same
        line, where no line end closes the note (a whole table in one paragraph). Up to the next level label or 总分, the text
        is the note. Before a row that opens with values, the texts the next row's cells leave over
        are the note; a note that reads like a name may as well be the first part of the next name
        written with a space, and more than one text left over may end anywhere: read as the note,
        reported."""
        numeric = self._simple_columns()
        token = self.tokens[i]
        if (numeric is None or i == 0 or self.tokens[i - 1].line != token.line or is_value(token)
                or self._level_at(i) is not None or self._terminator(i)):
            return None, i, None
        n = len(self.tokens)
        k = i
        while (k < n and not self.tokens[k].empty and self.tokens[k].line == token.line and not is_value(self.tokens[k])
               and (k == i or self._level_at(k) is None) and not self._terminator(k)
               and _key(self.tokens[k].text) not in labels.INDICATOR_COLUMNS):
            k += 1
        if k >= n or self.tokens[k].empty:
            return None, i, None
        if self._level_at(k) is not None or self._terminator(k):
            return self._join(i, k), k, None
        values = 0
        while k + values < n and is_value(self.tokens[k + values]) and self.tokens[k + values].line == token.line:
            values += 1
        row_texts = 1 + max(0, 2 + len(numeric) - values)  # the next row's name and its text cells
        left_over = k - i - row_texts
        if left_over <= 0:
            return None, i, None
        note = self._join(i, i + left_over)
        # A name may hold a digit ("新建道路3公里 达标率"): only a note word or a placeholder tells a note.
        name_like = _NOTE_HINT.search(note) is None and not is_placeholder(fold(note).strip())
        if left_over > 1 or name_like:
            following = self._join(i + left_over, k)
            return note, i + left_over, (f"指标行“{name}”得分之后的文字“{note}”与下一行“{following}”写在同一段中，"
                                         "无法确定是本行的偏差原因还是下一行指标名称的一部分，按偏差原因读取，请核对")
        return note, i + left_over, None

    def _note_like(self, i: int) -> bool:
        token = self.tokens[i]
        if is_value(token) or self._level_at(i) is not None or self._terminator(i):
            return False
        text = token.text
        if self.pipe:
            nxt = self._tok(self._skip_empty(i + 1))
            if self.cell_rows and i > 0:
                # One cell per line, rows known: the row's last cell, in the row of the score (the 总分
                # row's label or the next row's level cells may follow it with one blank cell between).
                after = self._skip_empty(i + 1)
                return token.row == self.tokens[i - 1].row and (
                    nxt is None or nxt.row != token.row or self._terminator(after) or self._level_at(after) is not None)
            # In pipe text a cell after the score is a note unless a new row follows it.
            return nxt is None or self._level_at(self._skip_empty(i + 1)) is not None or len(text) >= 12
        if len(text) >= 12 and _NOTE_HINT.search(text) is not None:
            return True
        # One row per line: the text closing the row's line after its numbers is its note.
        if i == 0 or self.tokens[i - 1].line != token.line:
            return False
        k = i
        while k + 1 < len(self.tokens) and self.tokens[k + 1].line == token.line and k - i < 6:
            k += 1
            if is_value(self.tokens[k]) or self._level_at(k) is not None:
                return False
        after = self._tok(k + 1)
        return after is not None and after.line != token.line  # the text ending here may be cut

    # -- total ------------------------------------------------------------------------------

    def _total_in_header_order(self, filled: list[Token]) -> list[Token]:
        place = {column: k for k, column in enumerate(self.ind_order)}
        return weight_and_score(filled, sorted((c for c in ("weight", "score", "deduction") if c in place), key=place.get))

    def _pipe_total_cells(self, i: int, values: list[Token]) -> tuple[Token | None, Token | None]:
        """分值 and 得分 of a pipe 总分 row: the cells under those header columns when the row has
        the header's cells; else its two filled cells (blank cells of a merged label come first:
        "| 总分 | | 100 | 94 |"); a lone cell by its place."""
        first, last = self._line_span(i)
        cells = self.tokens[first : last + 1]
        slots = self.ind_slots
        if slots and "weight" in slots and "score" in slots and not self.cell_rows and fits(cells, slots):
            at = {slot: token for slot, token in under(slots, cells) if slot in ("weight", "score")}
            # Used when a cell under 分值 or 得分 is filled: "| 总分 | 100 | 94 | | | |" (padded to the
            # header's width) has its numbers elsewhere.
            if all(t.empty or is_value(t) for t in at.values()) and any(not t.empty for t in at.values()):
                weight, score = at.get("weight"), at.get("score")
                return (None if weight is None or weight.empty else weight), (None if score is None or score.empty else score)
        in_sequence = self._total_cells_in_sequence(i)
        if in_sequence is not None:
            return in_sequence
        filled = self._total_in_header_order([v for v in values if not v.empty])
        if len(filled) == 2:
            return filled[0], filled[1]
        if len(filled) == 1 and self._lone_total_is_weight(filled[0]):
            return filled[0], None
        if len(filled) == 1 and self.cell_rows:
            # One cell per line, the row not placed under the header: its blank cells are not in the
            # row's order, so they say nothing of whose the one number is. The rows' 得分 adding up to it
            # say it is the 得分; else it is left blank and said.
            if self._sum_of_scores(filled[0]):
                return None, filled[0]
            self.problems.append(problem("R-PARSE-02", "总分", f"总分行只有一个数值“{filled[0].text}”，无法确定是分值还是"
                                         "得分，留空，请核对", self.tokens[i].line))
            return None, None
        if len(filled) > 2:
            self.problems.append(problem("R-PARSE-02", "总分", "总分行有" + str(len(filled)) + "个数值，无法确定分值与得分，留空",
                                         self.tokens[i].line))
            return None, None
        weight, score = (values + [None, None])[:2]
        return weight, score

    def _total_cells_in_sequence(self, i: int) -> tuple[Token | None, Token | None] | None:
        """One cell per line: the 总分 row's cells under the header's cells in sequence, when the row
        starts where the last row read cell by cell ended and its filled cells are numbers under 分值,
        扣减分数 or 得分, or a grade ("总分 | | | | | | 100 | | |": the 分值, its 得分 blank). Read as a
        run of values, its blank cells said nothing and the 100 was lost or taken for the 得分."""
        slots, start = (self.ind_slots if self.cell_rows else None), self.slot_cursor
        if (not slots or not {"weight", "score"} <= set(slots) or start is None or start > i
                or any(not t.empty for t in self.tokens[start:i])):
            return None
        at: dict[str, Token] = {}
        for slot, k in zip(slots, range(start, min(start + len(slots), len(self.tokens)))):
            token = self.tokens[k]
            if k == i or token.empty or self._grade([token]):
                continue
            if slot not in POINT_COLUMNS or not (is_value(token) or meant_as_number(token.text)):
                return None
            at[slot] = token
        return (at.get("weight"), at.get("score")) if at else None

    def _lone_total_is_weight(self, token: Token) -> bool:
        """One number in a 总分 row whose blank cells left no trace, under a header with both 分值 and
        得分: the 分值 (the 得分 left blank) when it is the sum of the form's 分值 and not of its 得分.
        Taken for the 得分, an unscored form read as scoring its full marks."""
        if not {"weight", "score"} <= self.ind_columns:
            return False
        value = parse_decimal(token.text, SCORE_UNITS)[0]
        rows = self.form["indicators"] + [f for f in self.form["funds"] if f["source"] == labels.TOTAL_FUND]
        weights = [row["weight"] for row in rows if row.get("weight") is not None]
        scores = [row["score"] for row in rows if row.get("score") is not None]
        return value is not None and bool(weights) and value == sum(weights) and value != sum(scores)

    def _sum_of_scores(self, token: Token) -> bool:
        """The number is the sum of the 得分 of the form's indicator rows and funds block."""
        value = parse_decimal(token.text, SCORE_UNITS)[0]
        rows = self.form["indicators"] + [f for f in self.form["funds"] if f["source"] == labels.TOTAL_FUND]
        scores = [row["score"] for row in rows if row.get("score") is not None]
        return value is not None and bool(scores) and value == sum(scores)

    def _score_without_weight(self) -> bool:
        return "score" in self.ind_columns and "weight" not in self.ind_columns

    def _total_at(self, i: int, label_end: int | None = None, inline: list[Token] | None = None) -> int:
        self.state = _AFTER
        self.form["total_line"] = self.tokens[i].line
        j = label_end or i + 1
        values: list[Token] = list(inline or ())
        n = len(self.tokens)
        line = self.tokens[i].line
        # A pipe row's cells: the rest of its line, or, one cell per line, the value cells after the
        # label (a merged 总分 label leaves a blank cell per column it covers).
        while inline is None and j < n and (len(values) < 3 or (self.pipe and (self.tokens[j].line == line
                                                             or (self.cell_rows and len(values) < 12)))):
            token = self.tokens[j]
            if is_value(token) or (meant_as_number(token.text) and (token.line == line or self.cell_rows)):
                values.append(token)  # "约100" in the row: its cell, reported as no number (not an end of the row)
                j += 1
            elif self._grade([token]):
                j += 1
            else:
                break
        key = _key(self.tokens[i].text)
        if (labels.total_key(key) != key or key in labels.SCORE_ONLY_TOTALS) and len(
            [v for v in values if not v.empty]
        ) == 1:
            # "总分(100分) | 96": the weight is in the label, the one number is the score ("得分合计 | 94": no
            # weight at all).
            weight, score = None, next(v for v in values if not v.empty)
        elif self.pipe and not self._score_without_weight():
            weight, score = self._pipe_total_cells(i, values)
        else:
            # Unplaced cells, or a table with a 得分 and no 分值 column ("总分 | 99.55分 | ||||"):
            # a lone value is the score.
            filled = self._total_in_header_order([v for v in values if not v.empty])
            weight = filled[0] if len(filled) >= 2 else None
            score = filled[1] if len(filled) >= 2 else (filled[0] if filled else None)
            if len(filled) == 1 and self._lone_total_is_weight(filled[0]):
                weight, score = filled[0], None
        if weight is not None and not weight.empty and (score is None or score.empty):
            self.problems.append(problem("R-PARSE-02", "总分", "总分行的得分单元格为空，总得分留空，请核对",
                                         self.tokens[i].line, severity="warning"))
        for token, column_label, field in ((weight, "分值", "total_weight"), (score, "得分", "total_score")):
            cell = _TokenCell(token) if token is not None else None
            raw = cell.text if cell is not None else None
            value, ok = parse_decimal(raw, SCORE_UNITS)
            if not ok:
                self._not_a_number(f"总分·{column_label}", column_label, cell)
            self.form[field] = value
            self.form[f"{field}_raw"] = raw
        return j


_LEVEL_SLOTS = ("level1", "level2")
# Header cells over a pipe row's cells before its name (blank, or its level labels); after the name
# the cells under them are blank.
_BEFORE_NAME = (BLANK, "?", *_LEVEL_SLOTS)


_LEADING_COMPARATOR = re.compile(rf"^(?:0\d\d\s*)?{labels.COMPARATOR}\s*")


_GROUP_WITH_UNIT = re.compile(r"\d{3}(?:\.\d+)?[^\d\s%.,:;，。：；、]{1,4}")
_GROUP_HEAD = re.compile(r"\d{1,3}")
_GROUP_TAIL = re.compile(r"\d{3}(?:\.\d+)?")
_MAX_GROUP_JOINS = 8


def _grouped_amounts(values: list[Token], columns: list[str], amounts: list[str],
                     whole: Decimal | None = None, grouping_seen: bool = False) -> tuple[list[Token], bool]:
    """A flattened funds row whose numbers may be amounts written with a space between thousands (the
    contract's "1 314" = 1314): "1 314 1 314 1 200 10 91.32% 9.13" has more numbers than columns, and
    "3 109.2 3 109.2 1 554.6" (a source row, its other cells blank) as many, read in order as a 分值
    109.2 and a 得分 554.6. The numbers are joined when exactly one way of joining "d{1,3} ddd"
    neighbours gives the row its columns with an 执行率 its amounts bear out, or only its amounts.
    A row shorter than its columns ("40 267.5 40 267.5 — 100% —", "50 000.00 45 240.75 90%") fits
    its columns read either way: of the readings (in order, or joined) that contradict nothing — no
    cell opening with a 0 ("000.00"), a percent the two amounts before it bear out, no amount of a
    source row above the total row's (`whole`) — the one a percent anchors, or the one left, is read;
    where the form has shown no amount grouped by spaces (`grouping_seen`), a reading in order that
    contradicts nothing stands ("880 880 880 10 10"). (values, True) when no one reading is left (to
    be reported)."""
    pairs = [k for k in range(len(values) - 1)
             if _GROUP_HEAD.fullmatch(fold(values[k].text).strip()) and _GROUP_TAIL.fullmatch(fold(values[k + 1].text).strip())
             and values[k + 1].gap in (" ", "\u00a0", "\u3000")]
    if not pairs or len(pairs) > _MAX_GROUP_JOINS:
        return values, False
    in_order = (len(values) == len(columns) and _plausible_fund_cells(dict(zip(columns, values)))
                and not any(_ZERO_LED.match(fold(token.text).strip()) for token in values))
    if in_order and "execution_rate" in columns and not is_placeholder(values[columns.index("execution_rate")].text):
        return values, False  # its rate borne out
    readings: list[list[Token]] = []
    for mask in range(1 << len(pairs)):
        joins = {pairs[b] for b in range(len(pairs)) if mask >> b & 1}
        joined: list[Token] = []
        for k, token in enumerate(values):
            if k - 1 in joins:
                last = joined[-1]
                joined[-1] = Token(last.text + token.gap + token.text, last.line, last.gap, row=last.row)
            else:
                joined.append(token)
        if not any(_ZERO_LED.match(fold(token.text).strip()) for token in joined):
            readings.append(joined)
    if in_order:
        # Read in order it has no 执行率 to bear it out: it stands unless a joining fits too.
        return values, grouping_seen and any(_short_reading(joined, len(amounts), whole) is not None
                                             for joined in readings[1:])
    candidates: list[tuple[list[Token], bool]] = []  # (reading, anchored by its 执行率)
    for joined in readings:
        if len(joined) == len(values):
            continue  # (read in order: implausible, above)
        if (len(joined) == len(columns) and "execution_rate" in columns
                and _plausible_fund_cells(dict(zip(columns, joined))) and rate_borne_out(dict(zip(columns, joined)))):
            candidates.append((joined, True))
        elif (len(values) == len(columns) and len(joined) == len(amounts) and columns[: len(amounts)] == amounts
              and not any(is_placeholder(token.text) or is_percent(token) for token in joined)):
            candidates.append((joined, False))  # only its amounts
    # (a row as long as its columns is joined into fewer cells only when a rate anchors it)
    candidates += [(joined, anchored) for joined in readings if len(joined) < len(columns)
                   for anchored in [_short_reading(joined, len(amounts), whole)]
                   if anchored or anchored is not None and len(values) != len(columns)]
    if sum(1 for _, anchored in candidates if anchored) == 1:
        return next(joined for joined, anchored in candidates if anchored), False
    if not grouping_seen and not any(anchored for _, anchored in candidates) and any(
            len(joined) == len(values) for joined, _ in candidates):
        return values, False  # read in order it contradicts nothing, and nothing says amounts are grouped
    if len(candidates) == 1:
        return candidates[0][0], False
    return values, len(values) <= len(columns) or bool(candidates)


# A cell opening with 0 and another digit ("000.00", "045") is the tail of a number grouped by spaces.
_ZERO_LED = re.compile(r"0\d")


def _short_reading(cells: list[Token], amounts: int, whole: Decimal | None) -> bool | None:
    """A reading of a flattened funds row with fewer cells than columns: None when it contradicts
    itself (a percent that the two amounts before it, or before the 分值 before it, do not bear out;
    an amount above the whole), else whether a percent anchors it."""
    numbers: list[Decimal] = []
    for token in cells:
        text = fold(token.text).strip()
        if is_placeholder(text):
            continue
        if is_percent(token):
            if len(numbers) < 2:
                return False  # one amount: nothing to bear the rate out
            # (the 执行数 right before the rate, or before the 分值 there; over budget, written as 100 %, is
            # no anchor here: any larger 执行数 would do)
            rate = parse_decimal(text.rstrip("%"), ())[0]
            pairs = [(numbers[end - 2], numbers[end - 1]) for end in (len(numbers), len(numbers) - 1) if end >= 2]
            if rate is None or not any(budget > 0 and abs(executed / budget * 100 - rate) <= 1
                                       for budget, executed in pairs):
                return None
            return None if whole is not None and any(number > whole for number in numbers[:amounts]) else True
        value, ok = parse_decimal(text, AMOUNT_UNITS)
        if not ok or value is None:
            return None
        numbers.append(value)
    if whole is not None and any(number > whole for number in numbers[:amounts]):
        return None
    return False


def _plausible_fund_cells(cells: dict[str, Token]) -> bool:
    """A funds row's 分值 and 得分 as forms write them and an 执行率 its amounts bear out, where filled."""
    filled = {column: token for column, token in cells.items() if not token.empty and not is_placeholder(token.text)}
    if "weight" in filled and not funds_scores_fit(filled):
        return False
    return "execution_rate" not in filled or rate_borne_out(filled)


def _is_number_target(text: str) -> bool:
    """A target written as a number, with or without its comparator ("100", "≥90", "1亿")."""
    return match_number(_LEADING_COMPARATOR.sub("", fold(text).strip()).rstrip("%万亿")) is not None


def _unusual_order(order: list[str]) -> list[str] | None:
    """The columns after the name when the header puts them in an order the sequential reading does
    not follow: 偏差原因 before 分值 or 得分, 得分 before 分值, 评(扣)分标准 between 得分 and 偏差原因, 分值
    first with the comparator's column before the target, 备注 after 偏差原因 (a flattened line cannot
    say where the note ends and the remark begins), 完成率 apart from the actual, or 评(扣)分标准 before
    the numbers (not between 分值 and 得分); else None."""
    columns = [c for c in order if c and c not in ("level1", "level2")]
    if "name" not in columns or any(c in labels.CONTEXT_COLUMNS for c in columns):
        return None
    after = columns[columns.index("name") + 1 :]
    at = {c: k for k, c in enumerate(after)}
    numbers = [at[c] for c in ("weight", "score") if c in at]
    unusual = (
        ("note" in at and numbers and at["note"] < max(numbers))
        or ("weight" in at and "score" in at and at["score"] < at["weight"])
        or ("standard" in at and "score" in at and "note" in at and at["score"] < at["standard"] < at["note"])
        # (a 评(扣)分标准 after 偏差原因 stays with the sequential reading: its text may wrap over lines of its own)
        or ("note" in at and at.get("remark", -1) > at["note"])
        or ("completion_rate" in at and "actual" in at and at["completion_rate"] != at["actual"] + 1)
        or ("standard" in at and not _standard_in_sequence(at))
        or ("weight" in at and "target_op" in at and "target" in at
            and at["weight"] < at["target_op"] < at["target"])
    )
    return after if unusual and len(after) == len(set(after)) else None


def _note_before_numbers(order: list[str]) -> bool:
    """The header puts 偏差原因 after the actual and before 分值 or 得分."""
    if "note" not in order or "actual" not in order or order.index("actual") > order.index("note"):
        return False
    return any(column in order and order.index(column) > order.index("note") for column in ("weight", "score"))


def _standard_in_sequence(at: dict[str, int]) -> bool:
    """Whether the sequential reading finds a 评(扣)分标准 column where the header puts it (`at`: each
    column's place): after the numbers, or between 分值 and 得分 after the actual. Anywhere before them
    its text would be read as a target, an actual or a number."""
    numbers = [at[c] for c in ("weight", "score") if c in at]
    if not numbers or at["standard"] > max(numbers):
        return True
    return "weight" in at and "score" in at and at.get("actual", -1) < at["weight"] < at["standard"] < at["score"]


def _points(token: Token) -> Decimal:
    return Decimal(fold(token.text).strip())


def _plain_number(text: str) -> bool:
    return re.fullmatch(r"\d+(?:\.\d+)?", fold(text).strip()) is not None


def _labelled_fund_column(text: str) -> str | None:
    match = _LABELLED_FUND.match(label_key(text))
    return _LABELLED_FUND_COLUMNS[match.group(1)] if match else None


def _two_line_header(order: list[str], rows: list[int]) -> list[str]:
    """A header over two table rows, the level columns in the lower one ("绩效指标 | 年度指标值 |
    实际完成值 | 分值 | 得分 | 偏差…" over "一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位"):
    the upper row's first cells are merged over the lower row's columns, its other cells are
    columns of their own, after them."""
    if len(set(rows)) != 2 or rows != sorted(rows):
        return order
    upper = [c for c, r in zip(order, rows) if r == rows[0]]
    lower = [c for c, r in zip(order, rows) if r == rows[-1]]
    if "level1" in upper or "level1" not in lower:
        return order
    return lower + [c for c in upper if c not in lower]


def _goal_one_list(paragraphs: list[str]) -> bool:
    """The paragraphs are one list numbered 1, 2, … ("1.培训…；" "2.建设…。"): one goal's cell, not a
    goal each (read so, the second item was a made-up actual goal)."""
    numbers = []
    for text in paragraphs:
        match = _GOAL_ITEM.match(fold(text).strip())
        numbers.append(int(match.group(1) or match.group(2)) if match else None)
    return numbers == list(range(1, len(paragraphs) + 1))


def _numbering_restart(paragraphs: list[str]) -> int | None:
    """Where a second numbered list begins: the one later paragraph numbered like the first ("1")."""
    numbers = []
    for text in paragraphs:
        match = _GOAL_ITEM.match(fold(text).strip())
        numbers.append((match.group(1) or match.group(2)) if match else None)
    if len(paragraphs) < 3 or numbers[0] is None:
        return None
    restarts = [k for k in range(1, len(numbers)) if numbers[k] == numbers[0]]
    return restarts[0] if len(restarts) == 1 else None


class _TokenCell:
    """A token seen as a cell (text, line) by the shared record builders."""

    __slots__ = ("text", "line")

    def __init__(self, token: Token) -> None:
        self.text = "" if token.empty else token.text
        self.line = token.line


def split_stream(tokens: list[Token], pipe: bool) -> list[list[Token]]:
    """Cut the stream into forms at a title or a project-name label once the current form has one.
    A form with no title starts at its project-name label, or at the "(2021年度)" just before it.
    A target declaration ("项目支出绩效目标表") printed before the self-assessment of the same project
    is no form: its tokens are left out up to the next title."""
    forms: list[list[Token]] = []
    current: list[Token] | None = None
    has_name = has_body = False
    year_before: Token | None = None
    in_target_table = target_named = False
    unit_before: list[Token] = []  # "单位：元" above the first form's title
    for token in tokens:
        if token.empty:
            if current is not None:
                current.append(token)
            continue
        key = label_key(token.text) if len(token.text) <= 120 else ""
        is_title = bool(key) and labels.TITLE.search(labels.REPORT_YEAR.sub("", key)) is not None
        if current is None and is_unit_line([token.text]):
            unit_before.append(token)
            continue
        is_name = labels.INFO_FIELDS.get(key) == "project_name"
        if key and is_target_title(key):
            current, in_target_table, target_named = None, True, False
            continue
        if in_target_table and not is_title and not (is_name and target_named):
            # (a second 项目名称 is the next form's, its title lost: before, that whole form was left out)
            target_named = target_named or is_name
            year_before = token if labels.REPORT_YEAR.fullmatch(fold(token.text).strip()) else None
            continue
        in_target_table = False
        if current is None and (is_title or is_name):
            current = [*unit_before, *([year_before] if is_name and year_before is not None else [])]
            forms.append(current)
            has_name = has_body = False
        elif current is None:
            year_before = token if labels.REPORT_YEAR.fullmatch(fold(token.text).strip()) else None
        elif current is not None and ((is_title and has_body) or (is_name and has_name and has_body)):
            current = _unit_tokens_at_end(current) if is_title else _year_before_name(current) if is_name else []
            forms.append(current)
            has_name = has_body = False
        if current is not None:
            current.append(token)
            has_name = has_name or is_name
            has_body = has_body or key in labels.INDICATOR_COLUMNS or key in labels.FUNDS_COLUMNS
    return [f for f in forms if f]


def _unit_tokens_at_end(tokens: list[Token]) -> list[Token]:
    return unit_lines_at_end(tokens, lambda token: token.empty, lambda token: is_unit_line([token.text]))


def _year_before_name(previous: list[Token]) -> list[Token]:
    """A form with no title starting at its project-name label: the "(2022年度)" right before the label
    (blank cells aside) is its own, taken off the end of the form before it (where it was no year)."""
    k = len(previous)
    while k and previous[k - 1].empty:
        k -= 1
    if k and labels.REPORT_YEAR.fullmatch(fold(previous[k - 1].text).strip()):
        moved = previous[k - 1:]
        del previous[k - 1:]
        return moved
    return []


def parse_stream_form(tokens: list[Token], form_index: int, pipe: bool) -> dict[str, Any]:
    return StreamFormParser(tokens, form_index, pipe).parse()


__all__ = ["parse_stream_form", "split_stream", "Decimal", "AMOUNT_UNITS"]
