"""Review 33: two silent misreadings left in flattened text (render.to_flat_text: a row a line, cells
separated by single spaces, blank cells leave no trace), found by the differential harness (clean synthetic
forms written by render.py's text writers with one cell changed). One test per root cause, on the small
form; each fails on c453425."""

from __future__ import annotations

from decimal import Decimal

from .support import small_form

_ROW = small_form.row


def _flat(rows: list[list[str]], total: list[str] | None = None) -> dict:
    table = small_form.HEAD + rows + [total or small_form.TOTAL]
    [form] = small_form.contract_forms(table, "flat")
    return form


def _cells(form: dict) -> list[tuple]:
    return [(i["name"], i["target_raw"], i["actual_raw"], i["weight"], i["score"], i["deviation_note"])
            for i in form["indicators"]]


def test_a_number_as_the_note_closing_a_line_is_the_note_not_a_wrapped_name():
    """"社会和谐稳定 明显改善 90% 40 40 0": the line holds one token per header column from 三级指标 on,
    so no cell is blank and none wrapped. Read as a name that wrapped onto a second word, "社会和谐稳定明显改善"
    took 90% as its target, 40 as its actual and the note 0 as its 得分, with no error."""
    rows = [small_form.ROWS[0],
            _ROW("", "效益指标", "社会效益指标", "社会和谐稳定", "明显改善", "90%", "40", "40", "0")]
    form = _flat(rows)
    assert _cells(form)[1] == ("社会和谐稳定", "明显改善", "90%", Decimal(40), Decimal(40), "0")
    assert small_form.parse_errors(form) == []
