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


def _parse_errors_on(form: dict, name: str) -> list[dict]:
    return [p for p in small_form.parse_errors(form) if name in p["subject"]]


def test_a_lone_number_under_points_is_placed_where_the_sums_agree():
    """"培训人数 100人 95人 45" with its 分值 blank: flattened, the one number was read as the 分值 (its 得分
    blank), with no error. The form says otherwise: read as the 得分, the rows' 得分 with the funds row's
    (9 + 45 + 40) make the 总分's 94 and the 分值 it leaves blank is room for; read as the 分值, the 分值 make 95,
    not 100. A blank 得分 is placed the same way: "培训人数 100人 95人 50" makes the 分值 add up only as the 分值."""
    blank_weight = _flat([_ROW("", "产出指标", "数量指标", "培训人数", "100人", "95人", "", "45", ""), small_form.ROWS[1]])
    assert _cells(blank_weight)[0] == ("培训人数", "100人", "95人", None, Decimal(45), None)
    assert small_form.parse_errors(blank_weight) == []
    blank_score = _flat([_ROW("", "产出指标", "数量指标", "培训人数", "100人", "95人", "50", "", ""), small_form.ROWS[1]])
    assert _cells(blank_score)[0] == ("培训人数", "100人", "95人", Decimal(50), None, None)
    assert small_form.parse_errors(blank_score) == []


def test_a_lone_number_the_sums_cannot_place_is_reported():
    """"合格率 ≥90% 95% 40" with its 分值 blank, its 得分 40 equal to the 分值 it had: read either way, the sums
    leave room (the 分值 add up, or the 得分 do with the 分值 blank), so the line does not say which. It was
    read as the 分值 with no error."""
    form = _flat([small_form.ROWS[0], _ROW("", "", "质量指标", "合格率", "≥90%", "95%", "", "40", "")])
    assert len(_parse_errors_on(form, "合格率")) == 1


def test_a_row_with_neither_number_leaves_the_sums_no_proof():
    """A row whose 分值 and 得分 are both unknown (left blank by another finding) may hold any part of the
    总分: the sums then prove no placement of a lone number, where without that row only the 得分 fits."""
    from orchestration.forms.lone_points import placements

    known = [(Decimal(10), Decimal(9)), (Decimal(40), Decimal(40))]
    assert placements([Decimal(45)], known, Decimal(100), Decimal(94)) == [(False,)]
    assert len(placements([Decimal(45)], [*known, (None, None)], Decimal(100), Decimal(94))) == 2


def test_a_number_grouped_by_thousands_keeps_its_unit_in_its_cell():
    """"维修面积 ≥4500平方米 4 500平方米 50 45": the actual written with a space between thousands and its unit
    after the last group. Read apart, "4" was the actual, and "500平方米" opened a row of its own that took
    the next row's cells, with no error."""
    rows = [_ROW("", "产出指标", "数量指标", "维修面积", "≥4500平方米", "4 500平方米", "50", "45", ""), small_form.ROWS[1]]
    assert _cells(_flat(rows)) == [("维修面积", "≥4500平方米", "4 500平方米", Decimal(50), Decimal(45), None),
                                   ("合格率", "≥90%", "95%", Decimal(40), Decimal(40), None)]
