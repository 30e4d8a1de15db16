"""Silent misreadings found by review 25: a differential fuzz like review 23's (heldout/RESULTS.md,
section 44), rebuilt and widened with notes holding numbers or "%", names ending in digits, blank
cells, text targets, "/" placeholders and "10分" scores. Each test here is one root cause, on a minimal
synthetic text, asserting the right cells or an error-level R-PARSE finding; each fails on 0317b9c."""

from __future__ import annotations

import pytest

from orchestration.forms import parse_document, to_contract_dict

_FLAT = ("项目支出绩效自评表\n(2022年度)\n项目名称 某某项目\n项目资金(万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
         "年度资金总额 100 120 108 10 90% 9\n")


def _form(text: str) -> dict:
    return to_contract_dict(parse_document(text.encode(), "t.txt").forms[0])


def _rows(form: dict) -> list[tuple]:
    return [(i["name"], i["target_raw"], i["actual_raw"], i["weight"], i["score"], i["deviation_note"])
            for i in form["indicators"]]


def _errors(form: dict) -> list[dict]:
    return [p for p in form["problems"] if p["severity"] == "error" and p["rule_id"].startswith("R-PARSE")]


def test_a_placeholder_note_closes_a_weight_first_row():
    """分值 first: the "/" closing the row is its note. Before, it opened the next row as its name, and
    every cell of that row moved one column (name → target, 分值 → actual)."""
    text = (_FLAT + "一级指标 二级指标 三级指标 分值 年度指标值 实际完成值 得分 偏差原因分析及改进措施\n"
            "产出指标 数量指标 培训人数 50 ≥100人 95人 45 /\n质量指标 合格率 40 ≥90% 95% 40\n总分 100 94\n")
    assert _rows(_form(text)) == [("培训人数", "≥100人", "95人", 50, 45, "/"), ("合格率", "≥90%", "95%", 40, 40, None)]


_REMARK_HEADER = "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 备注\n"


def test_a_remark_after_the_note_is_no_part_of_it():
    """"… 偏差原因 备注" flattened: a line's two closing texts are the note and the remark (before: one
    note "部分学员未到 无"); a line with no closing text has both blank."""
    text = (_FLAT + _REMARK_HEADER + "产出指标 数量指标 培训人数 ≥100人 95人 50 45 部分学员未到 无\n"
            "质量指标 合格率 ≥90% 95% 40 40\n总分 100 94\n")
    form = _form(text)
    assert _rows(form) == [("培训人数", "≥100人", "95人", 50, 45, "部分学员未到"), ("合格率", "≥90%", "95%", 40, 40, None)]
    assert _errors(form) == []


def test_one_closing_text_under_a_note_and_a_remark_is_reported():
    """One text where the header closes with 偏差原因 and 备注: the text does not say which column it is
    (before: read as the note, silently, when it was the remark)."""
    text = _FLAT + _REMARK_HEADER + "产出指标 数量指标 培训人数 ≥100人 95人 50 45 无\n总分 100 94\n"
    form = _form(text)
    assert _rows(form)[0][:5] == ("培训人数", "≥100人", "95人", 50, 45)
    assert any("备注" in p["message"] for p in _errors(form))


def test_a_placeholder_note_after_a_text_target_keeps_the_target():
    """"培训人数 长期 100% 25 5.8 /": the "/" is the note. Before, it was taken for a blank 得分, so 长期 was
    the wrapped end of the name and every number one column off (target 100%, 分值 5.8)."""
    text = (_FLAT + "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施\n"
            "产出指标 数量指标 培训人数 长期 100% 25 5.8 /\n质量指标 合格率 ≥90% 95% 40 40\n总分 100 94\n")
    assert _rows(_form(text)) == [("培训人数", "长期", "100%", 25, 5.8, "/"), ("合格率", "≥90%", "95%", 40, 40, None)]


_RULE_AFTER_NOTE = "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 评(扣)分标准\n"


def test_a_scoring_rule_after_the_note_is_no_part_of_it():
    """"… 偏差原因 评(扣)分标准" flattened: the line's two closing texts are the note and the rule (before:
    one note "部分学员未到 每少1人扣0.5分")."""
    text = (_FLAT + _RULE_AFTER_NOTE + "产出指标 数量指标 培训人数 ≥100人 95人 50 45 部分学员未到 每少1人扣0.5分\n"
            "质量指标 合格率 ≥90% 95% 40 40\n总分 100 94\n")
    form = _form(text)
    assert _rows(form) == [("培训人数", "≥100人", "95人", 50, 45, "部分学员未到"), ("合格率", "≥90%", "95%", 40, 40, None)]
    assert _errors(form) == []


@pytest.mark.parametrize("header, row", [
    (_RULE_AFTER_NOTE, "产出指标 数量指标 培训人数 ≥100人 95人 50 45 每少1人扣0.5分\n"),
    ("一级指标 二级指标 三级指标 年度指标值 实际完成值 得分 分值 评(扣)分标准 偏差原因分析及改进措施\n",
     "产出指标 数量指标 培训人数 ≥100人 95人 45 50 部分学员未到\n"),
], ids=["rule-after-note", "rule-before-note-unusual-order"])
def test_one_closing_text_under_a_scoring_rule_and_a_note_is_reported(header, row):
    """One text where the header closes with 评(扣)分标准 and 偏差原因 (either order): the text does not
    say which column it is (before: the rule read as the note, silently)."""
    form = _form(_FLAT + header + row + "总分 100 94\n")
    assert _rows(form)[0][:5] == ("培训人数", "≥100人", "95人", 50, 45)
    assert any("评(扣)分标准" in p["message"] for p in _errors(form))


_RATE_AFTER_RULE = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "评(扣)分标准", "完成率", "分值", "得分",
                    "偏差原因分析及改进措施"]
_RATE_AFTER_RULE_ROWS = [["产出指标", "数量指标", "培训人数", "≥100人", "95人", "每少1人扣0.5分", "95%", "50", "45", "部分学员未到"],
                         ["", "质量指标", "合格率", "≥90%", "95%", "未达标不得分", "100%", "40", "40", ""]]


def _cells(rows: list[list[str]]) -> str:
    """One cell per line, a blank cell as a lone "|" (as search engines store a table)."""
    return "\n".join((f"{c} |" if c else "|") for row in rows for c in row) + "\n"


@pytest.mark.parametrize("text", [
    _FLAT + "\n".join(" ".join(c for c in row if c) for row in [_RATE_AFTER_RULE, *_RATE_AFTER_RULE_ROWS])
    + "\n总分 100 94\n",
    _cells([["项目支出绩效自评表"], ["(2022年度)"], ["项目名称", "某某项目"],
            ["项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", "100", "120", "108", "10", "90%", "9"], _RATE_AFTER_RULE, *_RATE_AFTER_RULE_ROWS,
            ["总分", "", "", "", "", "", "", "100", "94", ""]]),
], ids=["flat", "cell-per-line"])
def test_a_completion_rate_column_after_a_scoring_rule_is_a_column(text):
    """"实际完成值 评(扣)分标准 完成率 分值": 完成率 is the header's column. Before, the header ended at the
    rule and 完成率 was an indicator of its own, whose target was "分值" and actual "得分"."""
    assert _rows(_form(text)) == [("培训人数", "≥100人", "95人", 50, 45, "部分学员未到"),
                                  ("合格率", "≥90%", "95%", 40, 40, None)]


def test_a_deduction_after_a_score_behind_a_scoring_rule_is_no_note():
    """"分值 评(扣)分标准 得分 扣减分数" flattened: the rule's text stands between the numbers, and the
    deduction after the score is the deduction. Before, the numbers were counted up to the rule only,
    the deduction column was taken as blank, and its number became the note ("5")."""
    text = (_FLAT + "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 评(扣)分标准 得分 扣减分数 偏差原因分析及改进措施\n"
            "产出指标 数量指标 培训人数 ≥100人 95人 50 每少1人扣1分 45 5\n质量指标 合格率 ≥90% 95% 40 未达标不得分 40 0 无\n"
            "总分 100 94 6\n")
    assert _rows(_form(text)) == [("培训人数", "≥100人", "95人", 50, 45, None), ("合格率", "≥90%", "95%", 40, 40, "无")]


@pytest.mark.parametrize("header, rows", [
    ("评(扣)分标准 分值 年度指标值 实际完成值 得分", "培训人数 每少1人扣1分 50 ≥100人 95人 45 部分学员未到\n质量指标 合格率 未达标不得分 40 ≥90% 95% 40"),
    ("评(扣)分标准 年度指标值 实际完成值 分值 得分", "培训人数 每少1人扣1分 ≥100人 95人 50 45 部分学员未到\n质量指标 合格率 未达标不得分 ≥90% 95% 40 40"),
], ids=["weight-first", "target-first"])
def test_a_scoring_rule_before_the_target_is_no_target(header, rows):
    """A 评(扣)分标准 column right after the name, flattened: the rule is no target. Before, it was the
    target, and the rest of the line a made-up second indicator."""
    text = (_FLAT + f"一级指标 二级指标 三级指标 {header} 偏差原因分析及改进措施\n产出指标 数量指标 {rows}\n总分 100 94\n")
    assert _rows(_form(text)) == [("培训人数", "≥100人", "95人", 50, 45, "部分学员未到"),
                                  ("合格率", "≥90%", "95%", 40, 40, None)]


@pytest.mark.parametrize("header, rows", [
    ("年度指标值 评(扣)分标准 实际完成值 分值 得分", "培训人数 ≥100人 每少1人扣1分 95人 50 45 部分学员未到\n质量指标 合格率 ≥90% 未达标不得分 95% 40 40"),
    ("年度指标值 实际完成值 评(扣)分标准 分值 得分", "培训人数 ≥100人 95人 每少1人扣1分 50 45 部分学员未到\n质量指标 合格率 ≥90% 95% 未达标不得分 40 40"),
    ("分值 年度指标值 实际完成值 评(扣)分标准 得分", "培训人数 50 ≥100人 95人 每少1人扣1分 45 部分学员未到\n质量指标 合格率 40 ≥90% 95% 未达标不得分 40"),
], ids=["between-target-and-actual", "between-actual-and-weight", "weight-first-before-score"])
def test_a_scoring_rule_before_the_numbers_is_no_cell_of_theirs(header, rows):
    """A 评(扣)分标准 anywhere before the numbers but between 分值 and 得分, flattened. Before, the rule was the
    actual (分值 the actual's number, 得分 the 分值), or the numbers were lost and the line's rest a made-up row."""
    text = (_FLAT + f"一级指标 二级指标 三级指标 {header} 偏差原因分析及改进措施\n产出指标 数量指标 {rows}\n总分 100 94\n")
    assert _rows(_form(text)) == [("培训人数", "≥100人", "95人", 50, 45, "部分学员未到"),
                                  ("合格率", "≥90%", "95%", 40, 40, None)]


def test_a_short_line_whose_placeholder_falls_under_a_number_is_reported():
    """"≥100人 95人 50 45 /" under 年度指标值 评(扣)分标准 实际完成值 分值 得分 偏差原因: one cell is blank, and
    read from the left the "/" (the note) would be a blank 得分 and every number one column off."""
    text = (_FLAT + "一级指标 二级指标 三级指标 年度指标值 评(扣)分标准 实际完成值 分值 得分 偏差原因分析及改进措施\n"
            "产出指标 数量指标 培训人数 ≥100人 95人 50 45 /\n总分 100 94\n")
    form = _form(text)
    assert _rows(form) == [("培训人数", None, None, None, None, None)]
    assert any(p["subject"] == "培训人数" for p in _errors(form))


_RATE_HEADER = "一级指标 二级指标 三级指标 年度指标值 实际完成值 完成率 分值 得分 扣减分数 偏差原因分析及改进措施\n"


def test_a_completion_rate_is_no_thousands_group_of_the_actual():
    """"12 100%" under 实际完成值 完成率: the actual 12 and the rate (before, one actual "12 100%", as a
    number written "1 314"; the deduction column was not counted among the numbers that follow)."""
    text = _FLAT + _RATE_HEADER + "产出指标 数量指标 培训人数 ≥95% 12 100% 11 9 2 无\n总分 100 94 6\n"
    assert _rows(_form(text)) == [("培训人数", "≥95%", "12", 11, 9, "无")]


def test_a_text_target_before_an_actual_and_its_completion_rate_is_no_part_of_the_name():
    """"培训人数 有效提升 1100 95% 2 0.7": four values are actual, 完成率, 分值 and 得分. Before, they were
    read as target, actual, 分值 and 得分, and 有效提升 as the wrapped end of the name."""
    text = (_FLAT + _RATE_HEADER.replace(" 扣减分数", "") + "产出指标 数量指标 培训人数 有效提升 1100 95% 2 0.7 部分学员未到\n"
            "总分 100 94\n")
    assert _rows(_form(text)) == [("培训人数", "有效提升", "1100", 2, 0.7, "部分学员未到")]


def test_a_placeholder_note_after_a_rule_between_the_numbers_is_the_note():
    """"分值 评(扣)分标准 得分 偏差原因": the rule's cell is read between the numbers, so the "/" after 得分 is
    the note (before: taken for the rule's blank mark, and the note lost)."""
    text = (_FLAT + "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 评(扣)分标准 得分 偏差原因分析及改进措施\n"
            "产出指标 数量指标 培训人数 ≥100人 95人 50 每少1人扣1分 45 /\n质量指标 合格率 ≥90% 95% 40 未达标不得分 40 无\n"
            "总分 100 94\n")
    assert _rows(_form(text)) == [("培训人数", "≥100人", "95人", 50, 45, "/"), ("合格率", "≥90%", "95%", 40, 40, "无")]


def test_a_blank_rate_or_weight_among_percents_is_reported():
    """"2次 40% 40" under 完成率 权重(%) 得分: a blank cell vanished, and 40% may be the rate or the 分值.
    Before, it was the rate, silently, and 得分 40 the 分值."""
    text = (_FLAT + "一级指标 二级指标 三级指标 年度指标值 实际完成值 完成率 权重(%) 得分 偏差原因分析及改进措施\n"
            "产出指标 数量指标 培训人数 ≥100人 95人 95% 50% 45\n质量指标 合格率 <=12月 2次 40% 40 部分学员未到\n总分 100 94\n")
    form = _form(text)
    assert _rows(form)[0] == ("培训人数", "≥100人", "95人", 50, 45, None)
    assert [p["subject"] for p in _errors(form)] == ["合格率"]


def test_a_blank_rate_before_a_deduction_is_reported():
    """As above with a 扣减分数 column: "24% 19.4 4.6" are three numbers for four columns."""
    text = (_FLAT + "一级指标 二级指标 三级指标 年度指标值 实际完成值 完成率 权重(%) 得分 扣减分数\n"
            "产出指标 数量指标 培训人数 ≥100人 95人 95% 50% 45 5\n质量指标 合格率 <=12月 达成 24% 19.4 4.6\n总分 100 94 6\n")
    form = _form(text)
    assert _rows(form)[0] == ("培训人数", "≥100人", "95人", 50, 45, None)
    assert [p["subject"] for p in _errors(form)] == ["合格率"]


def test_a_scoring_rule_after_a_number_note_is_no_next_row():
    """"… 45 10 未达标不得分" under 偏差原因 评(扣)分标准: the note "10", then the rule. Before, the rule's text
    (no 记分/计算 word in it) opened the next row as its name, and that row's cells moved one column."""
    text = (_FLAT + _RULE_AFTER_NOTE + "产出指标 数量指标 培训人数 ≥100人 95人 50 45 10 未达标不得分\n"
            "合格率 ≥90% 95% 40 40 部分学员未到 按比例得分\n总分 100 94\n")
    assert _rows(_form(text)) == [("培训人数", "≥100人", "95人", 50, 45, "10"),
                                  ("合格率", "≥90%", "95%", 40, 40, "部分学员未到")]


def test_a_short_line_whose_score_passes_its_weight_is_reported():
    """"≥100人 95人 7 21 10" under 年度指标值 实际完成值 评(扣)分标准 得分 分值 偏差原因: a cell is missing, and
    read from the left (the blank taken for the closing note) 得分 21 passes 分值 10, so the missing cell is
    elsewhere (the blank rule; "10" is the note). Before, read silently: 得分 21, 分值 10."""
    text = (_FLAT + "一级指标 二级指标 三级指标 年度指标值 实际完成值 评(扣)分标准 得分 分值 偏差原因分析及改进措施\n"
            "产出指标 数量指标 培训人数 ≥100人 95人 7 21 10\n总分 100 94\n")
    form = _form(text)
    assert _rows(form) == [("培训人数", None, None, None, None, None)]
    assert any(p["subject"] == "培训人数" for p in _errors(form))
