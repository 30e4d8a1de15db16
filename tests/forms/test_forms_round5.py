"""Rules added after the fifth blind round (heldout/RESULTS.md, section 12): flattened tables
with wrapped header cells and level cells, a scoring-method column, spaced-out years, unit notes,
a funds label wrapped over lines, amounts written with '万', a 一级 name used as a 三级 name, and
in text with no separators: empty numbered slots, part rows whose 分值 is blank, and a short
completion note after the goal. Synthetic texts, not taken from the held-out pages."""

from __future__ import annotations

from orchestration.forms import parse_document, to_contract_dict
from orchestration.forms.layout_unseparated import split_goal
from orchestration.forms.unseparated_cells import Ambiguous, split_fund_run
from orchestration.forms.unseparated_text import looks_unseparated

FUND_COLUMNS = ["initial_budget", "annual_budget", "executed", "weight", "execution_rate", "score"]


def _form(text: str) -> dict:
    return to_contract_dict(parse_document(text.encode(), "t.txt").forms[0])


def _rows(form: dict) -> list[tuple]:
    return [
        (r["level1"], r["level2"], r["name"], r["target_raw"], r["actual_raw"], r["weight"], r["score"],
         r["deviation_note"])
        for r in form["indicators"]
    ]


def _fund(form: dict, index: int = 0) -> tuple:
    row = form["funds"][index]
    return tuple(row[k] for k in ("source", *FUND_COLUMNS))


# -- flattened text, one table row per line --------------------------------------------------

# A page whose table was flattened row by row: the header's 年度指标值 / 实际完成值 cells wrapped
# onto a second line, level cells wrapped past their row ("社会效益 … / 指标"), goals that are
# just the two amounts, a note closing a row's line.
WRAPPED = """某市某局2020年度项目支出绩效自评表
项目支出绩效自评表
(2020年度)
项目名称 某某服务采购
主管部门 某市某局 实施单位 某市某局
项目资金 年初预算数 全年预算数 全年执行数 分值 执行率 得分
(万元)
  年度资金总额 120 120 96 10 80% 8
  其中:当年财政拨款 120 120 96
年度总体目标 预期目标 实际完成情况
  120 96
一级指标 二级指标 三级指标 年度 实际 分值 得分 偏差原因分析及改进措施
指标值 完成值
  产出指标 数量指标 服务人次 500人次 520人次 20 20
    质量指标 服务合格率 95% 90% 30 25 个别批次返工
    社会效益 工作效率提升 ≥80% ≥80% 20 20
指标
  满意度 服务对象满意度指标 群众满意度 90% 95% 20 20
指标
总分 100 93
"""


def test_wrapped_header_cells_are_joined_with_their_second_line():
    form = _form(WRAPPED)
    assert _rows(form)[0] == ("产出指标", "数量指标", "服务人次", "500人次", "520人次", 20, 20, None)
    assert len(form["indicators"]) == 4
    assert (form["total_weight"], form["total_score"]) == (100, 93)


def test_the_text_closing_a_rows_line_is_its_note():
    assert _rows(_form(WRAPPED))[1] == ("产出指标", "质量指标", "服务合格率", "95%", "90%", 30, 25, "个别批次返工")


def test_a_level_word_whose_指标_wrapped_past_the_row_is_one_level_cell():
    rows = _rows(_form(WRAPPED))
    assert rows[2][1:3] == ("社会效益指标", "工作效率提升")
    assert rows[3][:3] == ("满意度指标", "服务对象满意度指标", "群众满意度")


def test_goal_cells_that_are_numbers_are_both_kept():
    form = _form(WRAPPED)
    assert (form["goal_expected"], form["goal_actual"]) == ("120", "96")


def test_a_wrapped_header_part_without_its_second_line_ends_the_header_as_before():
    # "年度" with no "指标值" on the next line: the header ends before it; nothing is invented.
    text = WRAPPED.replace("指标值 完成值\n", "")
    form = to_contract_dict(parse_document(text.encode(), "t.txt").forms[0])
    assert not any(r["target_raw"] == "500人次" and r["name"] == "服务人次" and r["weight"] == 20
                   for r in form["indicators"])


def test_the_last_word_of_a_cut_text_is_not_a_note():
    # The text stops after a row's numbers in the middle of its line: the word left there may be
    # the start of a cut cell, not the row's note.
    text = WRAPPED.split("\n    质量指标")[0] + " 可持续影响"
    rows = _rows(_form(text))
    assert rows[0][:7] == ("产出指标", "数量指标", "服务人次", "500人次", "520人次", 20, 20)
    assert rows[0][-1] is None


# A county 区级部门预算项目支出绩效自评表: spaced-out year, a unit note after the 主管部门(盖章)
# label, goals before funds, a funds label wrapped over three lines, wrapped level labels, and a
# scoring-method column (得分计算方法) whose text and '-' marks follow each row.
METHOD = """区级部门预算项目支出绩效自评表
( 2019 年度)
主管部门(盖章):                       单位:万元
项目名称 公共服务经费 主管部门 某区文化和旅游局
项目实施单位 某区文化馆 项目负责人 张三 联系电话 12345678
年度总体目标 年初设定目标 年度总体目标完成情况综述
文化馆免费开放 用于全年免费开放,保障群众文化活动开展。
项目预算
执行情况
(10分)
  年初预算数(A) 全年执行数(B) 分值 执行率(B/A) 得分 得分计算方法
年度资金总额 60 60 10 100% 10 执行率*该指标分值,最高不得超过分值上限。
其中:财政拨款 60 60 - - -
一级
指标
二级
指标
三级指标 预期指标值(A) 实际完成指标值(B) 分值 得分 未完成原因 得分计算方法
(50分)
数量指标 开放天数 300天 310天 25 25
定量指标计算:完成值达到指标值,记满分;未达到指标值,按B/A*该指标分值记分。
-
质量指标 活动合格率 100% 100% 25 25
-
- -
(30分)
经济效益
指标
带动文化消费 明显 明显 30 30
-
"""


def test_spaced_year_unit_note_and_goals_before_a_wrapped_funds_label():
    form = _form(METHOD)
    assert form["report_year"] == 2019
    assert (form["department"], form["implementing_unit"]) == ("某区文化和旅游局", "某区文化馆")
    assert form["goal_expected"] == "文化馆免费开放"
    assert form["goal_actual"] == "用于全年免费开放,保障群众文化活动开展。"
    assert _fund(form) == ("total", 60, None, 60, 10, 1.0, 10)
    assert _fund(form, 1)[:4] == ("appropriation", 60, None, 60)


def test_a_scoring_method_column_is_neither_a_note_nor_a_row():
    rows = _rows(_form(METHOD))
    assert rows == [
        (None, "数量指标", "开放天数", "300天", "310天", 25, 25, None),
        (None, "质量指标", "活动合格率", "100%", "100%", 25, 25, None),
        (None, "经济效益指标", "带动文化消费", "明显", "明显", 30, 30, None),
    ]


def test_a_year_whose_bracket_holds_the_number_is_read_across_tokens():
    text = METHOD.replace("( 2019 年度)", "某表 (2019 年度)")
    assert _form(text)["report_year"] == 2019


def test_prose_that_names_columns_is_not_glued_header_text():
    # Labels counted between sentence marks: the method note does not make the text 'unseparated'.
    assert not looks_unseparated(METHOD)
    assert looks_unseparated("项目资金(万元)年初预算数全年预算数全年执行数分值执行率得分年度资金总额101010")


# -- pipe text, one cell per line ------------------------------------------------------------

def _cells(*cells: str) -> str:
    return "\n".join(c if c.startswith("|") else f"{c} |" for c in cells) + "\n"


PIPE = _cells(
    "项目支出绩效自评表", "|||||", "( 2021 年度)", "|||||", "项目名称", "某中心运行维护费", "||||", "主管部门", "|",
    "实施单位", "|", "||||", "项目资金 (万元)", "|", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
    "||||", "年度资金总额", "80万", "80万", "60.5万", "10", "75.6%", "8", "||||", "其中:当年财政拨款", "80万", "80万",
    "60.5万", "—", "|", "—", "||||", "绩 效 指 标", "一级指标", "二级指标", "三级指标", "年度 指标值", "实际 完成值",
    "分值", "得分", "偏差原因分析及改进措施", "||||", "产出指标", "数量指标", "预算执行率", "100%", "75.6%", "20", "15",
    "|", "||||", "服务场次", "12场", "12场", "20", "20", "|", "||||", "成本指标", "运行维护费", "80万", "80万", "20",
    "20", "|", "||||",
)


def test_amounts_written_with_wan_are_read_in_wan_yuan():
    form = _form(PIPE)
    assert _fund(form) == ("total", 80, 80, 60.5, 10, 0.756, 8)
    assert _fund(form, 1)[:4] == ("appropriation", 80, 80, 60.5)


def test_a_level1_name_right_after_a_level2_cell_is_the_rows_name():
    rows = _rows(_form(PIPE))
    assert rows[0][:5] == ("产出指标", "数量指标", "预算执行率", "100%", "75.6%")
    assert rows[2][:3] == ("产出指标", "成本指标", "运行维护费")


# -- text with no separator at all -----------------------------------------------------------

GLUED = (
    "1、项目支出绩效自评表(2020年度)项目名称舞台设备更新经费主管部门某剧团实施单位某文化局项目资金(万元)"
    "年初预算数全年预算数全年执行分值执行率得分年度资金总额202010100%其中:当年财政拨款202020100%"
    "上年结转资金其他资金年度总体目标预期目标实际完成情况更新老化的灯光音响设备。已完成"
    "绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施"
    "产出指标数量指标更新灯光设备30件30件3030指标2:质量指标设备验收合格率100%100%3030指标2:时效指标指标1:指标2:"
    "满意度指标服务对象满意度指标演员满意度95%96%4038指标2:总分10098"
)


def test_empty_numbered_slots_are_no_rows_in_glued_text():
    form = _form(GLUED)
    assert [r[2:7] for r in _rows(form)] == [
        ("更新灯光设备", "30件", "30件", 30, 30),
        ("设备验收合格率", "100%", "100%", 30, 30),
        ("演员满意度", "95%", "96%", 40, 38),
    ]
    assert _rows(form)[1][1] == "质量指标" and _rows(form)[2][:2] == ("满意度指标", "服务对象满意度指标")
    assert (form["total_weight"], form["total_score"]) == (100, 98)


def test_a_short_completion_note_after_one_sentence_is_the_actual_goal():
    form = _form(GLUED)
    assert (form["goal_expected"], form["goal_actual"]) == ("更新老化的灯光音响设备。", "已完成")
    assert split_goal("更新设备。已完成") == len("更新设备。")
    assert split_goal("目标一。目标二") is None  # no completion word: not split


def test_a_part_row_may_leave_its_分值_blank_between_amounts_and_rate():
    s = "202020100%"
    found = split_fund_run(s, 0, len(s), FUND_COLUMNS, part=True)
    assert {c: s[a:b] for c, (a, b) in found.items()} == {
        "initial_budget": "20", "annual_budget": "20", "executed": "20", "execution_rate": "100%"}


def test_the_total_row_cut_prefers_amounts_of_one_size():
    s = "202010100%"
    found = split_fund_run(s, 0, len(s), FUND_COLUMNS)
    assert {c: s[a:b] for c, (a, b) in found.items()} == {
        "annual_budget": "20", "executed": "20", "weight": "10", "execution_rate": "100%"}


def test_rows_whose_arithmetic_fails_stay_ambiguous():
    s = "101090%"
    try:
        split_fund_run(s, 0, len(s), ["annual_budget", "executed", "execution_rate"])
    except Ambiguous:
        pass
    else:  # pragma: no cover - the point of the test
        raise AssertionError("an inconsistent row must not be cut by the tie-breaks")


# -- values emitted apart from their names (PDF text layer order) ----------------------------

PDF_ORDER = (
    "财政项目支出绩效自评表 (2022 年度) 项目名称 某场馆运营经费 主管部门 某区体育局 实施单位 某区体育中心 "
    "一级指标 二级指标 数量指标 三级指标 场馆开放天数 年度 指标值 实际 完成值 分值 得分 "
    "≥300天 310天 30 30 =100% 100% 30 28 及时 及时 20 20 >=90% 95% 10 10 100 98 "
    "产出指标 质量指标 绩 效 指 标 时效指标 设施完好 率 资金拨付及时性 满意度指标 服务对象满意度指标 群众满意度 "
    "总分 -1- 偏差原因分析及 改进措施"
)


def test_value_rows_emitted_before_their_names_are_paired_in_order():
    form = _form(PDF_ORDER)
    assert [r[:7] for r in _rows(form)] == [
        ("产出指标", "数量指标", "场馆开放天数", "≥300天", "310天", 30, 30),
        ("产出指标", "质量指标", "设施完好率", "=100%", "100%", 30, 28),
        ("产出指标", "时效指标", "资金拨付及时性", "及时", "及时", 20, 20),
        ("满意度指标", "服务对象满意度指标", "群众满意度", ">=90%", "95%", 10, 10),
    ]
    assert (form["total_weight"], form["total_score"]) == (100, 98)
    assert any("分开排列" in p["message"] for p in parse_document(PDF_ORDER.encode(), "t.txt").forms[0]["problems"])


def test_detached_values_are_not_paired_when_the_names_do_not_match_them():
    form = _form(PDF_ORDER.replace(" 资金拨付及时性", ""))
    assert form["indicators"] == []
