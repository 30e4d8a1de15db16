"""Rows rebuilt from the template's numbered slots ("指标N"): cells out of row order (document
previews, layout_scrambled.py) and run-on OCR text (unseparated_slots.py). Synthetic texts, not
taken from the held-out pages."""

from __future__ import annotations

from orchestration.forms import parse_document, to_contract_dict

_HEAD = "某县项目支出绩效自评表 (2022年度) 项目名称 乡村道路养护 主管部门 某县交通局 实施单位 某县公路站 "
# Names 1-2 first, targets as a column, row 3's name lost, then actuals each with 分值 得分.
_SCRAMBLED = (_HEAD + "指标1:养护里程 120{u1} 指标2:修补坑槽 不少于300 {u2} 40{u3} 10{u3} 二级指标 三级指标 "
              "指标4:巡查频次 分值 得分 118{u1} 5 4 320{u2} 3 3 45{u3} 2 2 12{u3} 2 2 "
              "指标5:桥梁检查 10座 10座 3 3 指标6:路面完好率 95% 96% 4 4 质量指标 指标1:验收")


def _rows(text: str):
    form = to_contract_dict(parse_document(text.encode(), "t.txt").forms[0])
    rows = [(r["name"], r["target_raw"], r["actual_raw"], r["weight"], r["score"]) for r in form["indicators"]]
    return rows, [p["message"] for p in form["problems"]]


def test_targets_emitted_as_a_column_are_paired_by_their_units():
    rows, problems = _rows(_SCRAMBLED.format(u1="公里", u2="处", u3="次"))
    assert rows == [
        ("指标1:养护里程", "120公里", "118公里", 5, 4),
        ("指标2:修补坑槽", "不少于300处", "320处", 3, 3),
        (None, "40次", "45次", 2, 2),  # slot 3: its name was lost, its cells were not
        ("指标4:巡查频次", "10次", "12次", 2, 2),
        ("指标5:桥梁检查", "10座", "10座", 3, 3),
        ("指标6:路面完好率", "95%", "96%", 4, 4),
    ]  # the cut row "指标1:验收" is not returned
    assert any("不按行排列" in m for m in problems)
    assert any("截断" in m for m in problems)


def test_units_that_cannot_tell_the_order_leave_target_and_actual_blank():
    rows, problems = _rows(_SCRAMBLED.format(u1="人", u2="人", u3="人"))
    assert [r[1:] for r in rows[:4]] == [(None, None, 5, 4), (None, None, 3, 3), (None, None, 2, 2), (None, None, 2, 2)]
    assert rows[4] == ("指标5:桥梁检查", "10座", "10座", 3, 3)
    assert any("无法确定归属" in m for m in problems)


_OCR = ("道路养护项目绩效目标自评表(2023年度)项目名称道路养护工程项目实施单位/项目负责人某县公路站/张三主管部门某县交通局"
        "资金情况(万元)年度资金总额全年预算数(A)100全年执行数(B)执行率(B/A)年度总体目标完成道路养护"
        "绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分未完成原因及改进措施"
        "产出指标({w}分)数量指标指标1养护农村公路里程10120公里120公里10指标2修补路面坑槽5300处$300处4"
        "质量指标指标1验收合格率595%工95%5效益指标(20分)社会效益指标指标1群众出行条件改善10是是10"
        "指标2道路通行时间缩短1010%8%8路况仍需提升,加强养护满意度指标(10分)服务对象满意度沿线群众满意")


def test_run_on_ocr_rows_are_cut_at_numbered_slots_and_read_from_both_ends():
    rows, problems = _rows(_OCR.format(w=20))
    assert [(r[3], r[4]) for r in rows] == [(10, 10), (5, 4), (5, 5), (10, 10), (10, 8)]
    assert rows[0][1:3] == ("120公里", "120公里")
    assert rows[3][1:3] == ("是", "是")
    assert rows[4][1:3] == ("10%", "8%")  # 分值 "10" (not "1": 得分 8 <= 分值), then 10% | 8%
    assert not rows[1][1] and not rows[2][1]  # OCR noise between the ends: not split
    assert any("截断" in m for m in problems)


def test_run_on_ocr_rows_whose_weights_contradict_the_declared_part_weight_keep_no_numbers():
    rows, problems = _rows(_OCR.format(w=30))
    assert [(r[3], r[4]) for r in rows[:3]] == [(None, None)] * 3
    assert [(r[3], r[4]) for r in rows[3:]] == [(10, 10), (10, 8)]
    assert any("不符" in m for m in problems)
