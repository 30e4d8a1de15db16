"""Rules added after the seventh blind round (heldout/RESULTS.md, section 16): the 新疆 template, whose
funds column is 分值权重, whose goal header is "年度总体目标 | 总体目标 | 总体目标完成情况", and whose
indicator header carries context columns (指标值设置依据, 上年完成值, 指标赋分规则, 佐证资料, 完成率)
between the measures (指标值, 指标分值权重, 指标实际完成值, 指标得分). Synthetic texts, not taken from
the held-out page."""

from __future__ import annotations

from orchestration.forms import parse_document, to_contract_dict

from .conftest import tabs

HEADER = ["项目支出绩效自评表", "(2023年度)"]
FUNDS = [
    ["资金来源", "年初预算数", "全年预算数", "全年执行数", "分值权重", "执行率", "得分"],
    ["年度资金总额", "5.28", "1.96", "1.96", "10", "100.00%", "10"],
    ["其中:当年财政拨款", "5.28", "1.96", "1.96", "-", "-", "-"],
]
GOALS = [["年度总体目标", "总体目标", "总体目标完成情况"],
         ["完成住户调查120户,按月发放补贴。", "完成住户调查120户,补贴按月发放到位。"]]
INDICATOR_HEADER = ["一级指标", "二级指标", "三级指标", "指标值", "指标值设置依据", "上年完成值", "指标分值权重",
                    "指标赋分规则", "佐证资料", "指标实际完成值", "完成率", "指标得分", "偏差原因分析及改进措施"]
ROWS = [
    ["产出指标", "数量指标", "调查户数", "≥120户", "计划标准", "120户", "50", "完成得满分", "调查台账", "118户", "98%",
     "49", "2户外出"],
    ["效益指标", "社会效益指标", "数据质量", "有效提升", "历史标准", "有效提升", "30", "完成得满分", "数据报表",
     "有效提升", "100%", "30", "无"],
    ["满意度指标", "服务对象满意度指标", "完成率", "≥90%", "行业标准", "95%", "10", "完成得满分", "问卷", "100%",
     "100%", "10", "无"],
]
EXPECTED_ROWS = [
    ("产出指标", "数量指标", "调查户数", "≥120户", "118户", 50.0, 49.0, "2户外出"),
    ("效益指标", "社会效益指标", "数据质量", "有效提升", "有效提升", 30.0, 30.0, "无"),
    # An indicator named like the 完成率 column is still a row.
    ("满意度指标", "服务对象满意度指标", "完成率", "≥90%", "100%", 10.0, 10.0, "无"),
]


def _form(text: str) -> dict:
    return to_contract_dict(parse_document(text.encode(), "t.txt").forms[0])


def _lines(rows: list[list[str]], sep: str) -> str:
    return "\n".join(sep.join(row) for row in rows)


def _document(sep: str) -> str:
    head = "\n".join(HEADER) + f"\n项目名称{sep}某县调查队专项经费\n主管部门{sep}某县统计局{sep}实施单位{sep}某县统计局\n"
    parts = (FUNDS, GOALS, [INDICATOR_HEADER], ROWS, [["总分", "100", "99"]])
    return head + "\n".join(_lines(part, sep) for part in parts) + "\n"


def _rows(form: dict) -> list[tuple]:
    return [(r["level1"], r["level2"], r["name"], r["target_raw"], r["actual_raw"], r["weight"], r["score"],
             r["deviation_note"]) for r in form["indicators"]]


def _check(form: dict) -> None:
    total = form["funds"][0]
    assert (total["weight"], total["execution_rate"], total["score"]) == (10.0, 1.0, 10.0)
    assert form["goal_expected"] == "完成住户调查120户,按月发放补贴。"
    assert form["goal_actual"] == "完成住户调查120户,补贴按月发放到位。"
    assert _rows(form) == EXPECTED_ROWS
    assert (form["total_weight"], form["total_score"]) == (100.0, 99.0)


def test_xinjiang_template_as_flattened_text_reads_each_cell_by_its_column():
    _check(_form(_document(" ")))


def test_xinjiang_template_as_tab_cells_reads_each_cell_by_its_column():
    arrows = "\n".join("→" + "\n→".join(line.split("|")) + "\n" for line in _document("|").splitlines())
    _check(_form(tabs(arrows)))


def test_xinjiang_template_as_a_pipe_table_reads_each_cell_by_its_column():
    _check(_form("\n".join("| " + " | ".join(line.split("|")) + " |" for line in _document("|").splitlines())))


def test_row_with_a_cell_more_or_less_than_the_header_is_reported_not_guessed():
    short = ROWS[0][:-1]  # the note cell missing: 12 cells for 13 columns
    form = _form(_document(" ").replace(" ".join(ROWS[0]), " ".join(short)))
    assert _rows(form) == EXPECTED_ROWS[1:]  # the rows after it still read by position
    reported = [p for p in form["problems"] if p["rule_id"] == "R-PARSE-02" and "无法按列读取" in p["message"]]
    assert len(reported) == 1 and "调查户数" in reported[0]["message"]


def test_one_goal_section_word_alone_does_not_make_an_expected_column():
    text = "项目支出绩效自评表\n(2023年度)\n项目名称 某项目\n总体目标 实际完成情况\n按期完成。\n"
    form = _form(text)
    assert form["goal_expected"] is None or form["goal_expected"] != "实际完成情况"


def test_completion_rate_column_word_is_an_indicator_name_in_other_templates():
    text = ("项目支出绩效自评表\n(2020年度)\n项目名称 某补贴\n"
            "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n"
            "产出指标 时效指标 完成率 ≥99% 100% 25 25\n总分 100 100\n")
    assert _rows(_form(text)) == [("产出指标", "时效指标", "完成率", "≥99%", "100%", 25.0, 25.0, None)]
