"""Review 34: silent misreadings of orchestration/forms/drawing_order.py (tables copied from a PDF in
drawing order), found by a seeded generator outside the repository that knows each table's truth. One
test per root cause; each fails on d0c16ac but the last, a guard for the three-line rule (passes on both)."""

from __future__ import annotations

from .support.drawing_order import RUN_ON_HEAD, RUN_ON_HEADER, read_indicators



def test_labels_no_grouping_puts_at_their_middles_are_not_grouped():
    """A row-ordered table whose first rows lost their labels: 满意度指标 stands before row 3 of 6, where no
    grouping of the rows has its middle (a drawn label always stands at its group's middle). The best
    grouping was taken anyway, and rows 1-2 read as 满意度指标 with no error; their levels are unknown."""
    rows, errors = read_indicators(RUN_ON_HEAD + RUN_ON_HEADER + "设备购置合格率(%) 95% 100% 5 3 设备购置发放准确率(%) 98% 98% 4 4 满意度指标 "
                         "服务对象满意度指标 学校完成率 95% 3个 2 2 人均补助标准 100% 98% 8 5 设施人数(人) 达标 ≥85% 8 8 "
                         "维修完成及时率(%) 28 ≥90% 6 1 总分 43 32")
    assert [r["name"] for r in rows][:2] == ["设备购置合格率(%)", "设备购置发放准确率(%)"]
    assert [(r["level1"], r["level2"]) for r in rows[:2]] == [(None, None), (None, None)]
    assert any("一级/二级" in e["message"] for e in errors)


def test_a_cost_label_is_first_or_second_level_by_where_it_stands():
    """成本指标 is a 二级 label under 产出指标 and a 一级 label over 经济成本指标: both in one table, each
    occurrence was taken for a 一级, so the rows of the 二级 成本指标 were read under 经济成本指标, with no
    error. Only one reading of the two makes every 二级's 一级 the label drawn over it."""
    rows, errors = read_indicators(RUN_ON_HEAD + RUN_ON_HEADER + "发放准确率(%) 100% 100% 7 2 产出指标 质量指标 学校发放准确率(%) ≥90% 28 8 2 "
                         "成本指标 人均补助标准 ≥85% 120人 4 2 成本指标 经济成本指标 项目成本控制率(%) ≤100% 98% 5 5 "
                         "满意度指标 服务对象满意度指标 群众满意度(%) 达标 ≥90% 2 2 总分 36 23")
    assert [(r["level1"], r["level2"]) for r in rows] == [
        ("产出指标", "质量指标"), ("产出指标", "质量指标"), ("产出指标", "成本指标"), ("成本指标", "经济成本指标"),
        ("满意度指标", "服务对象满意度指标")]
    assert not errors


def test_a_value_is_never_a_name():
    """A page number drawn after a wrapped label ("… 95% 9 3 标 9 name"): with the label taken out, the
    points run "9 3 9" is one number too long, the first 9 was taken for the actual, 95% for the target,
    ≥85% for the name and the real name for the end of the name above, with no error. A name is no value:
    the name stays the row's, the values left over leave its target and actual in doubt."""
    rows, errors = read_indicators(RUN_ON_HEAD + RUN_ON_HEADER + "培训人数(人) 100 100 10 10 数量指标 培训天数(天) 5 5 10 10 产出指标 "
                         "教材数量(册) 200 200 10 10 效益指标 社会效益指 合格率(%) ≥85% 95% 9 3 标 9 "
                         "受益群众合格率(%) 达标 达标 2 2 总分 61 54")
    assert [r["name"] for r in rows] == ["培训人数(人)", "培训天数(天)", "教材数量(册)", "合格率(%)", "受益群众合格率(%)"]
    assert (rows[3]["target_raw"], rows[3]["actual_raw"]) in ((None, None), ("≥85%", "95%"))
    assert [(r["weight"], r["score"]) for r in rows][3] in ((None, None), (9, 3))
    assert errors


def test_a_name_that_may_be_wrapped_over_three_lines_is_reported():
    """"培训人数(人) 100 100 10 10 享受补助的农村 … 义务教育学校教 95% 96% 10 10 师比例(%) 教材数量(册) …": 享受补助的农村
    was joined to the name above as its last line, silently. It is as wide as the line drawn with the row's
    values (a wrapped cell fills its lines but the last to the column's width), so it may as well be the
    first of three lines of the next name: the text does not say, and the form is reported."""
    rows, errors = read_indicators(RUN_ON_HEAD + RUN_ON_HEADER + "培训人数(人) 100 100 10 10 享受补助的农村 产出指标 数量指标 义务教育学校教 95% 96% "
                         "10 10 师比例(%) 教材数量(册) 200 200 10 10 总分 40 39")
    truth = ["培训人数(人)", "享受补助的农村义务教育学校教师比例(%)", "教材数量(册)"]
    assert len(rows) == 3
    assert [r["name"] for r in rows] == truth or errors
    assert [(r["target_raw"], r["weight"]) for r in rows] == [("100", 10), ("95%", 10), ("200", 10)]


def test_a_last_line_narrower_than_the_next_name_is_no_first_line():
    """Two names each wrapped over two lines ("骨干教师补助资金总额 … (元) 培训人数按季度 … 统计(人)"): "(元)" is
    narrower than the line after it, so it cannot be the first line of a name wrapped over three: read,
    not reported."""
    rows, errors = read_indicators(RUN_ON_HEAD + RUN_ON_HEADER + "骨干教师补助资金总额 201600 201600 10 10 (元) 产出指标 数量指标 培训人数按季度 "
                         "100 100 10 10 统计(人) 教材数量(册) 200 200 10 10 总分 40 40")
    assert [r["name"] for r in rows] == ["骨干教师补助资金总额(元)", "培训人数按季度统计(人)", "教材数量(册)"]
    assert not errors
