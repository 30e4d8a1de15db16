"""Render forms in the seed's text layout (shared/seeds/*.txt).

The layout: one table cell per line, each cell line starting with a tab; rows separated by a
blank line; a merged cell is an empty tab line; a multi-line cell continues on lines without a
tab (blank lines included), and a quoted multi-line cell keeps its closing quote on a line of its
own. Forms follow each other after two blank lines; the file ends with four.

`render_form_text` takes a form in the contract's shape (seed_expected.json). Where the form also
carries the parser's raw-text extras (`weight_raw`, `score_raw`, `<col>_raw`, `total_score_raw`,
`level1_raw`, `source_label`, `title`, `reported_grade`), those texts are written as they are, so
a form keeps its exact cell texts through parse -> render. A `layout` dict (written by the
generator) switches the seed's optional features on.
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from typing import Any, Iterable

from .amounts import decimal_fixed2, decimal_text

TITLE_SUFFIX = "项目支出绩效自评表"
FUNDS_HEADER = ("项目资金\n\n（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
GOAL_HEADER = ("年度总体目标", "预期目标", "实际完成情况")
INDICATOR_HEADER = ("", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                    "偏差原因分析及改进措施")
INDICATOR_SECTION = "年度绩效指标完成情况"
SPACER_AFTER_GOALS = 14  # the seed's first form has a row of 14 empty cells there
FORM_SEPARATOR = "\n\n"
FILE_END = "\n\n\n\n"

# How the seed writes the source rows' labels (the label cell keeps its indentation).
_FUND_LABELS = {
    "total": "年度资金总额",
    "appropriation": "当年财政拨款",
    "carryover": "上年结转资金",
    "other": "其他资金",
}
_SOURCE_INDENT = ("其中：", "      ", "  ")
_AMOUNT_COLUMNS = ("initial_budget", "annual_budget", "executed")
_NO_VALUE = "—"
_PLACEHOLDER = "/"
_QUOTE_TAIL = '\n\n"'


def render_form_text(form: dict[str, Any]) -> str:
    """One form as text, from its title line to its 总分 row (ends with a newline)."""
    layout = form.get("layout") or {}
    lines: list[str] = []  # one string per row, cells already joined
    _row(lines, (_title(form),))
    _row(lines, (f"({form.get('report_year')}年度)",))
    _row(lines, ("项目名称", form.get("project_name") or ""))
    _row(lines, ("主管部门", form.get("department") or "", "实施单位", form.get("implementing_unit") or ""))
    _row(lines, FUNDS_HEADER)
    for index, fund in enumerate(form.get("funds") or ()):
        _row(lines, _fund_cells(fund, index))
    _row(lines, GOAL_HEADER)
    _row(lines, ("", *_goal_cells(form, layout)))
    if layout.get("spacer_after_goals"):
        _row(lines, ("",) * SPACER_AFTER_GOALS)
    _row(lines, INDICATOR_HEADER)
    _row(lines, ("",) * len(INDICATOR_HEADER))
    _indicator_rows(lines, form.get("indicators") or (), layout)
    if not layout.get("omit_total_row"):
        _row(lines, _total_cells(form))
    return "\n\n".join(lines) + "\n"


def render_file_text(forms: Iterable[dict[str, Any]]) -> str:
    """Several forms in one file, separated and ended as in the seed."""
    return FORM_SEPARATOR.join(render_form_text(form) for form in forms) + FILE_END


def _row(lines: list[str], cells: Iterable[str]) -> None:
    # Rows are joined with a blank line between them by render_form_text.
    lines.append("\t" + "\n\t".join(cells))


def _title(form: dict[str, Any]) -> str:
    title = form.get("title")
    if title:
        return title
    return f"{form.get('project_name') or ''}{TITLE_SUFFIX}"


# -- funds -----------------------------------------------------------------------------------

def _fund_cells(fund: dict[str, Any], index: int) -> tuple[str, ...]:
    is_total = fund.get("source") == "total"
    # The seed writes totals with two decimals, source budgets as typed ("0", "33.1") and
    # non-zero source executions with two decimals again.
    amounts = tuple(
        _raw_or(fund, column, _amount_text if is_total else _source_amount_formatter(column))
        for column in _AMOUNT_COLUMNS
    )
    weight = _raw_or(fund, "weight", lambda v: _NO_VALUE if v is None else decimal_text(v))
    rate = _raw_or(fund, "execution_rate", _rate_text)
    score = _raw_or(fund, "score", lambda v: _NO_VALUE if v is None else f"{decimal_fixed2(v)}分")
    return ("", _fund_label(fund, index, is_total), *amounts, weight, rate, score)


def _fund_label(fund: dict[str, Any], index: int, is_total: bool) -> str:
    source = fund.get("source") or ""
    label = fund.get("source_label") or _FUND_LABELS.get(source) or source.removeprefix("other:")
    if is_total:
        return label
    # First source row: "其中：…"; later ones indented as the seed's merged label cells are.
    return _SOURCE_INDENT[min(index - 1, 2)] + label if index >= 1 else label


def _amount_text(value: Any) -> str:
    return "" if value is None else decimal_fixed2(value)


def _typed_amount_text(value: Any) -> str:
    return "" if value is None else decimal_text(value)


def _executed_amount_text(value: Any) -> str:
    return "" if value is None else (decimal_text(value) if value == 0 else decimal_fixed2(value))


def _source_amount_formatter(column: str):
    return _executed_amount_text if column == "executed" else _typed_amount_text


def _rate_text(value: Any) -> str:
    if value is None:
        return _NO_VALUE
    fraction = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    return f"{decimal_fixed2(fraction.scaleb(2))}%"


def _raw_or(record: dict[str, Any], column: str, fmt) -> str:
    raw_key = f"{column}_raw"
    if raw_key in record:
        return record[raw_key] or ""
    return fmt(record.get(column))


# -- goals -----------------------------------------------------------------------------------

def _goal_cells(form: dict[str, Any], layout: dict[str, Any]) -> tuple[str, str]:
    expected = form.get("goal_expected") or ""
    actual = form.get("goal_actual") or ""
    quoted = layout.get("quote_goals")
    if quoted is None:
        quoted = "\n" in expected or "\n" in actual
    if quoted:
        # The export quoted multi-line cells; only the closing quote survives, on its own line.
        expected, actual = expected + _QUOTE_TAIL, actual + _QUOTE_TAIL
    if layout.get("trailing_space"):
        actual += " "
    return expected, actual


# -- indicators ------------------------------------------------------------------------------

def _indicator_rows(lines: list[str], indicators: Iterable[dict[str, Any]], layout: dict[str, Any]) -> None:
    merge_level2 = bool(layout.get("merge_level2"))
    previous_level1 = previous_level2 = None
    for position, row in enumerate(indicators):
        level1, level2 = row.get("level1"), row.get("level2")
        new_group = level1 != previous_level1
        level1_cell = (row.get("level1_raw") or level1 or "") if new_group else ""
        show_level2 = new_group or not merge_level2 or level2 != previous_level2
        number_cell = partial(_indicator_number, placeholder=row.get("name") == _PLACEHOLDER)
        _row(lines, (
            INDICATOR_SECTION if position == 0 else "",
            level1_cell,
            (level2 or "") if show_level2 else "",
            row.get("name") or "",
            row.get("target_raw") or "",
            row.get("actual_raw") or "",
            _raw_or(row, "weight", number_cell),
            _raw_or(row, "score", number_cell),
            row.get("deviation_note") or "",
        ))
        previous_level1, previous_level2 = level1, level2


def _indicator_number(value: Any, placeholder: bool) -> str:
    if value is None:
        return _PLACEHOLDER if placeholder else ""
    return decimal_text(value)


# -- total -----------------------------------------------------------------------------------

def _total_cells(form: dict[str, Any]) -> tuple[str, ...]:
    if "total_weight_raw" in form:
        weight = form["total_weight_raw"] or ""
    else:
        weight = "" if form.get("total_weight") is None else decimal_text(form["total_weight"])
    if "total_score_raw" in form:
        score = form["total_score_raw"] or ""
    else:
        score = "" if form.get("total_score") is None else f"{decimal_fixed2(form['total_score'])}分"
    return ("总分", weight, score, form.get("reported_grade") or "")
