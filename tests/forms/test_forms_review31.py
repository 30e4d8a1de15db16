"""Review 31: the silent misreadings reviews 28-30 left in text (heldout/RESULTS.md, section 45, "Left
silent"): a lone page number between indicator rows, flattened source rows of zeros and marks shorter
than the funds columns, space-grouped amounts whose pieces fit the columns, and text cells with an inner
space. Generated cases (a seeded generator of known truth kept outside the repository) were silent when
a contract cell differed from the truth with no error-level R-PARSE finding. One test per root cause;
each fails on 40253a3, but the guards test_a_flattened_source_row_the_text_places_is_not_reported and
test_three_digit_amounts_stand_in_order_where_the_form_groups_no_amount."""

from __future__ import annotations

import pytest

from .support import small_form

_row = small_form.row
_errors = small_form.parse_errors


def _form(table: list[list[str]], writer: str) -> dict:
    (form,) = small_form.contract_forms(table, writer)
    return form


def _indicator_cells(form: dict) -> list[tuple]:
    return [(i["level1"], i["level2"], i["name"], i["target_raw"], i["actual_raw"], i["weight"], i["score"],
             i["deviation_note"]) for i in form["indicators"]]


_ROWS = [_row("", "产出指标", "数量指标", "培训人数", "达到要求", "100%", "15", "14.5", "无"),
         _row("", "", "质量指标", "合格率", "≥90%", "95%", "40", "40"),
         _row("", "效益指标", "社会效益指标", "受益人数", "100人", "98人", "45", "45", "部分未完成")]
_RIGHT_ROWS = [("产出指标", "数量指标", "培训人数", "达到要求", "100%", 15, 14.5, "无"),
               ("产出指标", "质量指标", "合格率", "≥90%", "95%", 40, 40, None),
               ("效益指标", "社会效益指标", "受益人数", "100人", "98人", 45, 45, "部分未完成")]


@pytest.mark.parametrize("writer", ["flat", "cells", "pipe_cells"])
@pytest.mark.parametrize("after", [0, 1])
def test_a_lone_page_number_between_indicator_rows(writer, after):
    """A PDF page's number kept where the page broke, alone on its line ("6"; one cell per line, "6 |"
    with the rest of its row blank): before, flattened text read it as the note of the row above (or
    counted it among the row's values, so a target "达到要求" became the end of the name), and one cell per
    line read it as an indicator with target "6", every row after it one column off, with no error."""
    rows = [list(r) for r in _ROWS]
    rows.insert(after + 1, _row("6"))
    total = _row("总分", "", "", "", "", "", "100", "99.5")
    form = _form([*small_form.HEAD, *rows, total], writer)
    assert _indicator_cells(form) == _RIGHT_ROWS
    assert (form["total_weight"], form["total_score"]) == (100, 99.5)


_FUND_KEYS = ("initial_budget", "annual_budget", "executed", "weight", "execution_rate", "score")


def _with_source_row(cells: list[str]) -> list[list[str]]:
    return [*small_form.HEAD[:6], _row("", "其他资金", *cells), small_form.HEAD[6], *small_form.ROWS, small_form.TOTAL]


@pytest.mark.parametrize("cells", [["0", "", "", "", "", ""], ["0", "", "", "—", "", ""], ["", "/", "0", "", "-", ""],
                                   ["", "0", "", "—", "", "—"], ["—", "", "0", "", "", "0"]],
                         ids=["0", "0-mark", "mark-0-mark", "0-marks", "mark-0-0"])
def test_a_flattened_source_row_shorter_than_its_columns_is_reported(cells):
    """Flattened, "其他资金 0" or "其他资金 0 —": the blank cells left no trace, so the 0 may be any amount,
    the 分值, the 执行率 or the 得分. Before, it was put by rules of thumb (the amounts to the right, a
    number after a mark as the 执行率) — the 年初预算数's 0 read as the 执行数, a 全年预算数's 0 as the
    执行率 — with no error. No 执行率 anchors such a row, so it is reported."""
    form = _form(_with_source_row(cells), "flat")
    assert any("其他资金" in p["message"] and "无法确定" in p["message"] for p in _errors(form))


@pytest.mark.parametrize("cells, read", [
    (["0", "0", "0", "—", "—", "—"], [0, 0, 0, None, None, None]),
    (["0", "0", "0", "", "", ""], [0, 0, 0, None, None, None]),
    (["", "120", "108", "—", "90%", "—"], [None, 120, 108, None, 0.9, None]),
    (["100", "120", "108", "", "90", ""], [100, 120, 108, None, 0.9, None]),
], ids=["full", "amounts", "percent", "borne-out-rate"])
def test_a_flattened_source_row_the_text_places_is_not_reported(cells, read):
    """The guard of the report above: a row whose cells fill the columns, that opens with all its amounts,
    or whose 执行率 (a percent, or a number the amounts bear out) anchors it, is read with no error."""
    form = _form(_with_source_row(cells), "flat")
    assert [form["funds"][1][k] for k in _FUND_KEYS] == read and not _errors(form)


def _yuan_funds(total: list[str], source: list[str]) -> list[list[str]]:
    header = _row("项目资金（元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
    return [*small_form.HEAD[:4], header, _row("", "年度资金总额", *total), _row("", "上年结转资金", *source),
            small_form.HEAD[6], *small_form.ROWS, small_form.TOTAL]


_TOTAL_YUAN = ["80 535", "80 535.00", "80 535.00", "10", "100%", "10"]


@pytest.mark.parametrize("total, source", [
    (_TOTAL_YUAN, ["", "40 267.5", "40 267.5", "—", "100%", "—"]),
    (_TOTAL_YUAN, ["", "", "70 267.5", "—", "100%", ""]),
    (["80 000.00", "100 535.00", "100 535", "10", "", "10"], ["80 000.00", "100 535", "100 535.00", "—", "", ""]),
    (_TOTAL_YUAN, ["60 267.5", "", "—", "—", "—", "—"]),
], ids=["over-budget-clamp", "one-amount", "plain-rate-by-chance", "fits-in-order"])
def test_flattened_space_grouped_amounts_whose_pieces_fit_the_columns(total, source):
    """Flattened, "40 267.5 40 267.5 — 100% —" is 40267.5 twice, or 40 | 267.5 | 40 | 267.5 with 100 % (over
    budget) borne out; "60 267.5 — — —" fits five columns read either way. Before, such rows were read in
    order — "40" a 全年预算数, "535" an 执行数 and "100" a 分值 — with no error: a row whose pieces fit
    its columns was never weighed, a rate of 100 % bore out any 执行数 above its budget, a row joined into
    its amounts with a mark or a percent among them counted as "only its amounts", and a plain number in
    the 执行率 column agreed by chance. Of the readings (in order, or joined) that contradict nothing — no
    cell opening with 0 ("000.00"), a percent the amounts bear out, no part above the total — the one
    left is read; with none or several the row is reported."""
    form = _form(_yuan_funds(total, source), "flat")
    expected = [None if text in ("", "—") else float(text.rstrip("%").replace(" ", "")) / (100 if "%" in text else 1)
                for text in source]
    fund = form["funds"][1]
    assert [fund[k] for k in _FUND_KEYS] == pytest.approx(expected) or any(
        "上年结转资金" in p["message"] for p in _errors(form))


def _flat(table: list[list[str]], separator: str) -> bytes:
    return "\n".join(separator.join(cell for cell in row if cell) for row in table).encode()


@pytest.mark.parametrize("separator", [" ", "\u3000", "  "], ids=["space", "ideographic-space", "two-spaces"])
@pytest.mark.parametrize("column, text", [(3, "合格 率"), (4, "达到 要求"), (5, "基本 达到")], ids=["name", "target", "actual"])
def test_a_flattened_text_cell_with_a_space_inside(separator, column, text):
    """"合格 率 ≥90% 95% 40 40" flattened: the space inside the name is a cell boundary to the text, so
    "率" was the target, "≥90%" the actual and "95%" the 分值, with no error. Where the file separates its
    cells by U+3000 or runs of spaces, a single space is inside a cell and the row is read right; where
    cells are separated by single spaces too, a row with more texts before its 分值 and 得分 than the
    header has text columns is reported."""
    from orchestration.forms import parse_document, to_contract_dict

    rows = [list(r) for r in _ROWS]
    rows[1][column] = text
    table = [*small_form.HEAD, *rows, _row("总分", "", "", "", "", "", "100", "99.5")]
    (parsed,) = parse_document(_flat(table, separator), "t.txt").forms
    form = to_contract_dict(parsed)
    right = list(_RIGHT_ROWS)
    right[1] = tuple(text if k == column - 1 else cell for k, cell in enumerate(right[1]))
    if separator == " ":
        assert any(p["subject"].startswith("合格") for p in _errors(form))  # the row, by its name as read
    else:
        assert _indicator_cells(form) == right and not _errors(form)


def test_three_digit_amounts_stand_in_order_where_the_form_groups_no_amount():
    """The guard of the grouped-amounts reading above (held-out h4): "年度资金总额 880 880 880 10 10" (its
    执行率 blank) could be read "880880 880 10 10", but nothing in the form writes an amount grouped by
    spaces, and read in order it contradicts nothing: it is read in order, with no error."""
    table = [*small_form.HEAD[:5], _row("", "年度资金总额", "880", "880", "880", "10", "", "10"),
             small_form.HEAD[6], *small_form.ROWS, small_form.TOTAL]
    form = _form(table, "flat")
    assert [form["funds"][0][k] for k in _FUND_KEYS] == [880, 880, 880, 10, None, 10] and not _errors(form)
