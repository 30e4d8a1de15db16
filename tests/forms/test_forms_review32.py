"""Review 32: the one-cell-per-line and pipe readers under a header that puts 偏差原因分析及改进措施 before
分值/得分 (湖北 forms put the note before 权重/得分). A differential harness (clean synthetic forms written by
render.py's text writers, the note column moved before the numbers in half of them) found rows read with
their 分值 lost or shifted into the 得分, and 总分 rows read with no total, all with no error-level R-PARSE
finding. One test per root cause, on the small form; each fails on b8eed35 in the writers it names."""

from __future__ import annotations

import pytest

from .support import small_form

_ROW = small_form.row
_NOTE, _WEIGHT, _SCORE = 6, 7, 8  # the indicator columns once the note stands before 分值/得分


def _note_first(table: list[list[str]], note_at: int = 8) -> list[list[str]]:
    """The table with the indicator header's and rows' 偏差原因 cell (at `note_at`) moved before 分值/得分."""
    header = next(k for k, row in enumerate(table) if "一级指标" in row)
    rows = [list(row) for row in table]
    for row in rows[header:]:
        row.insert(note_at - 2, row.pop(note_at))
    return rows


def _cells(form: dict) -> list[tuple]:
    return [(i["name"], i["target_raw"], i["actual_raw"], i["weight"], i["score"], i["deviation_note"])
            for i in form["indicators"]]


_PLACEHOLDER = _ROW("", "效益指标", "经济效益指标", "/", "/", "/", "", "", "")
_AFTER_PLACEHOLDER = _ROW("", "", "社会效益指标", "群众满意度", "≥90%", "95%", "40", "38", "")


@pytest.mark.parametrize("writer", ["pipe_cells", "cells"])
def test_a_placeholder_row_keeps_the_rows_after_it_read_by_their_cells(writer):
    """One cell per line: a template's placeholder row ("经济效益指标 | / | / | /", its 分值/得分 blank) was
    refused by the cell-by-cell reading (its name "/" looked like a value), and the rows after it were read
    in sequence, which took their blank note for the 分值: "群众满意度" read with 分值 blank and 得分 40 (its
    分值), no error; and the 总分 row, no longer placed under the header's cells, lost its one number (a
    得分 the rows do not add up to, 90 for 92: what the score checks are there to flag). A "/" name stands
    where a name stands: the row is read by its cells like any other."""
    rows = [small_form.ROWS[0], _PLACEHOLDER, _AFTER_PLACEHOLDER]
    table = _note_first([*small_form.HEAD, *rows, _ROW("总分", "", "", "", "", "", "", "90", "")])
    (form,) = small_form.contract_forms(table, writer)
    assert _cells(form) == [("培训人数", "100人", "95人", 50, 45, None), ("/", "/", "/", None, None, None),
                            ("群众满意度", "≥90%", "95%", 40, 38, None)]
    assert (form["total_weight"], form["total_score"]) == (None, 90)


def _with_status(table: list[list[str]]) -> list[list[str]]:
    """The table with a 单项指标完成情况 column after 实际完成值 (a column the cell-by-cell reading does not
    take, so every row is read in sequence), filled on the indicator rows."""
    header = next(k for k, row in enumerate(table) if "一级指标" in row)
    rows = [list(row) for row in table]
    for k, row in enumerate(rows):
        text = "单项指标完成情况" if k == header else ("已完成" if header < k < len(rows) - 1 else "")
        row.insert(6, text)
    return rows


@pytest.mark.parametrize("writer", ["pipe_cells", "cells", "pipe_rows"])
def test_a_row_read_in_sequence_takes_the_note_cell_before_the_numbers(writer):
    """Pipe text keeps every cell, the note's too, blank or not: read in sequence under a header that puts
    偏差原因 between the actual and 分值/得分, the blank note cell was taken for the 分值 and the 分值 for the
    得分 ("合格率" 分值 blank, 得分 40 instead of 38), a filled note ended the row before its numbers."""
    rows = [_ROW("", "产出指标", "数量指标", "培训人数", "100人", "95人", "50", "45", "部分学员未到"),
            _ROW("", "", "质量指标", "合格率", "≥90%", "95%", "40", "38", "")]
    table = _with_status(_note_first([*small_form.HEAD, *rows, small_form.TOTAL]))
    (form,) = small_form.contract_forms(table, writer)
    assert _cells(form) == [("培训人数", "100人", "95人", 50, 45, "部分学员未到"), ("合格率", "≥90%", "95%", 40, 38, None)]


@pytest.mark.parametrize("writer", ["pipe_cells", "cells"])
def test_a_lone_total_in_an_unplaced_cell_row_is_read_or_reported(writer):
    """One cell per line, the 总分 row not placed under the header's cells (its rows read in sequence): its
    one number was taken as the first two cells after the label, both blank, and the form published no
    total, no error. The number is the 得分 when the rows' 得分 add up to it; otherwise the blank cells do not
    say whose it is, and the form says so."""
    rows = [_ROW("", "产出指标", "数量指标", "培训人数", "100人", "95人", "50", "45", ""),
            _ROW("", "", "质量指标", "合格率", "≥90%", "95%", "40", "38", "")]
    summed = _with_status(_note_first([*small_form.HEAD, *rows, _ROW("总分", "", "", "", "", "", "", "92", "")]))
    (form,) = small_form.contract_forms(summed, writer)
    assert (form["total_weight"], form["total_score"]) == (None, 92)
    unsure = _with_status(_note_first([*small_form.HEAD, *rows, _ROW("总分", "", "", "", "", "", "", "80", "")]))
    write, name = small_form.render.WRITERS[writer]
    (parsed,) = small_form.parse_document(write([unsure]), name).forms
    assert parsed["total_weight"] is None and parsed["total_score"] is None
    assert any("总分" in p["message"] for p in small_form.parse_errors(parsed))


@pytest.mark.parametrize("note_first", [False, True])
@pytest.mark.parametrize("writer", ["pipe_cells", "cells", "pipe_rows"])
def test_a_row_with_a_blank_name_keeps_its_cells(writer, note_first):
    """A row whose 三级指标 cell is blank ("质量指标 | | ≥90% | 95% | 40 | 38"), in either column order: the
    cell readings refused it (no name), and read in sequence its target became its name, its actual its
    target (under 偏差原因 first its 得分 also became its note), with no error. Pipe text keeps the blank
    cell, so each cell is read where it stands, as the spreadsheet and web-page readings do; the blank
    name is said (a warning, as there)."""
    rows = [small_form.ROWS[0], _ROW("", "", "质量指标", "", "≥90%", "95%", "40", "38", ""),
            _ROW("", "", "", "合格率", "≥90%", "95%", "10", "9", "")]
    table = [*small_form.HEAD, *rows, small_form.TOTAL]
    (form,) = small_form.contract_forms(_note_first(table) if note_first else table, writer)
    assert _cells(form) == [("培训人数", "100人", "95人", 50, 45, None), ("", "≥90%", "95%", 40, 38, None),
                            ("合格率", "≥90%", "95%", 10, 9, None)]
