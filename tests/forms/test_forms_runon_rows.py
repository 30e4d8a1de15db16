"""Run-on indicator rows (cells glued without separators) whose values the parser reads since
the session after round 20: a 分值-first row whose target is met exactly ("20|100|100|20", three
cuts between digits, marked by the repeated number), and a row whose name ends in "，" when its
values end right at the next level label. Synthetic texts; the two tests of what is now read fail on
9158a0f, the other two guard against reading more."""

from __future__ import annotations

from orchestration.forms import parse_document, to_contract_dict
from orchestration.forms.unseparated_cells import indicator_run

_HEAD = ("项目支出绩效自评表(2022年度)项目名称某某推广项目主管部门某局实施单位某局"
         "项目资金(万元)年初预算数全年预算数全年执行数分值执行率得分年度资金总额100100901090%9"
         "绩效指标一级指标二级指标三级指标分值指标值(A)全年实际值(B)得分计算方法得分未完成原因分析产出指标(40分)")
_COLUMNS = ["weight", "target", "actual", "score"]


def _rows(text: str) -> list[tuple]:
    form = to_contract_dict(parse_document(text.encode(), "t.txt").forms[0])
    return [(i["name"], i["target_raw"], i["actual_raw"], i["weight"], i["score"]) for i in form["indicators"]]


def _cut(s: str) -> dict[str, str] | None:
    found = indicator_run(s, 0, _COLUMNS, len(s))
    return None if found is None or found[0] is None else {c: s[a:b] for c, (a, b) in found[0].items()}


def test_a_weight_first_run_with_its_target_met_exactly_is_cut_at_the_repeated_number():
    assert _cut("101001009.34时效") == {"weight": "10", "target": "100", "actual": "100", "score": "9.34"}
    assert _cut("2010010020时效") == {"weight": "20", "target": "100", "actual": "100", "score": "20"}


def test_three_cuts_between_digits_without_a_repeated_number_stay_uncut():
    assert _cut("1038.7536.29.34时效") is None  # 10 | 38.75 | 36.2 | 9.34 is one reading, not the only one
    assert _cut("20100902时效") is None


def test_values_after_a_comma_belong_to_the_row_when_a_level_label_follows_them():
    text = (_HEAD + "数量指标发放对象共计3875人,已发放3620人,2010010020时效指标完成时间2022年底前101001009.34"
            "效益指标(40分)社会效益指标群众知晓率4090%95%40总分9089")
    assert _rows(text) == [("发放对象共计3875人,已发放3620人,", "100", "100", 20, 20),
                               ("完成时间2022年底前", "100", "100", 10, 9.34),
                               ("群众知晓率", "90%", "95%", 40, 40)]


def test_values_after_a_comma_with_more_name_after_them_stay_in_the_name():
    text = (_HEAD + "数量指标每年补助1000万元,2010010020户以上农户时效指标完成时间2022年底前101001009.34总分9089")
    assert all(row[0] != "每年补助1000万元," for row in _rows(text))
