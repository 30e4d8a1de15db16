"""Rules added after the fourth blind round (heldout/RESULTS.md, section 10): pipe text with one
cell per line, short 二级 cells, '…项目自评表' titles, '总分(100分)', a page's list of forms
before the form, column-major funds labels, mirror copies in traditional characters with
pinyin, and refusals of texts of another family. Synthetic texts, not taken from the held-out
pages."""

from __future__ import annotations

import pytest

from orchestration.forms import DocumentError, parse_document, to_contract_dict
from orchestration.forms.normalize import fold, label_key
from orchestration.forms.tokens import pipe_tokens


def _form(text: str) -> dict:
    return to_contract_dict(parse_document(text.encode(), "t.txt").forms[0])


def _rows(form: dict) -> list[tuple]:
    return [
        (r["level1"], r["level2"], r["name"], r["target_raw"], r["actual_raw"], r["weight"], r["score"])
        for r in form["indicators"]
    ]


def _cells(*lines: str, closer: str = "") -> str:
    """One cell per line: 'value |' (closer '') or 'value' then a lone '|' line (closer '|')."""
    out = []
    for line in lines:
        if closer and line and not line.startswith("|"):
            out += [line, closer]
        else:
            out.append(line if line.startswith("|") else f"{line} |")
    return "\n".join(out) + "\n"


# -- pipe text, one cell per line -------------------------------------------------------------

def test_a_lone_bar_after_a_line_without_bars_closes_that_cell():
    tokens = pipe_tokens("项目名称\n|\n某项目\n|\n|\n主管部门\n|\n")
    assert [(t.text, t.empty) for t in tokens] == [
        ("项目名称", False), ("某项目", False), ("", True), ("主管部门", False)]


def test_one_cell_per_line_rows_run_to_two_blank_cells():
    text = _cells("甲", "1", "2", "|", "|", "乙", "|", "3", "|", "|", "|", "丙", "丁", "戊", "己", "庚", "辛")
    tokens = [t for t in pipe_tokens(text) if not t.empty]
    rows = {}
    for t in tokens:
        rows.setdefault(t.row, []).append(t.text)
    # A single blank cell stays inside its row; two or more end it.
    assert list(rows.values()) == [["甲", "1", "2"], ["乙", "3"], ["丙", "丁", "戊", "己", "庚", "辛"]]


def test_rows_of_pseudo_row_pipe_text_stay_lines():
    text = "| 项目名称 | 某项目 |\n| 主管部门 | 某局 | 实施单位 | 某局 |\n" * 6
    assert all(t.row == t.line for t in pipe_tokens(text))


_WEIGHT_FIRST = _cells(
    "绩效目标自评表 (2020年度)", "|", "|",
    "项目名称", "临时补助", "|", "|",
    "主管部门", "某县民政局", "|", "|",
    "资金情况(万元)", "|", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分", "|", "|",
    "年度资金总额:", "20", "20", "10", "100%", "10", "|", "|",
    "一级指标", "二级指标", "三级指标", "分值", "年度指标值", "全年实际值", "得分", "未完成原因及改进措施", "|",
    "产出指标(50分)", "数量指标", "救助人次", "20", ">=50人次", "60人次", "20", "|", "|", "|",
    "救助人数", "30", ">=40人", "38人", "28", "少数对象迁出", "|", "|", "|",
    "效益指标(40分)", "社会效益指标", "受益人口", "40", ">=30人", "38人", "40", "|", "|", "|",
    "满意度指标(10分)", "服务对象满意度指标", "受助对象满意度", "10", ">=90%", "95%", "10", "|", "|",
    "总分", "100", "98", "|",
)


def test_one_cell_per_line_rows_with_the_weight_before_the_target():
    form = _form(_WEIGHT_FIRST)
    assert _rows(form) == [
        ("产出指标", "数量指标", "救助人次", ">=50人次", "60人次", 20, 20),
        ("产出指标", "数量指标", "救助人数", ">=40人", "38人", 30, 28),
        ("效益指标", "社会效益指标", "受益人口", ">=30人", "38人", 40, 40),
        ("满意度指标", "服务对象满意度指标", "受助对象满意度", ">=90%", "95%", 10, 10),
    ]
    # The row's last cell, in the row of its 得分, is its note; the next row's name is not.
    assert [r["deviation_note"] for r in form["indicators"]] == [None, "少数对象迁出", None, None]
    assert (form["total_weight"], form["total_score"]) == (100, 98)


_BAR_LINES = _cells(
    "2022年度项目支出绩效自评表", "项目名称", "慰问经费", "||||||||",
    "主管部门", "某市退役军人事务局", "项目实施单位", "某市退役军人事务局", "||||||",
    "预算执行情况(万元)", "|", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分", "||||",
    "年度财政资金总额", "30", "27", "90%", "18", "|||||",
    "一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分", "|||",
    "产出指标(60分)", "数量指标", "慰问对象", "100人", "100人", "30", "||||",
    "时效指标", "按时完成", "春节前", "春节前", "30", "|||||",
    "满意度指标(10分)", "服务对象满意度指标", "对象满意率", "100%", "100%", "10", "||||",
    "总分(100分)", "88", "自评等级", "良", "||||||",
    closer="|",
)


def test_cells_closed_by_a_lone_bar_line_and_a_total_with_its_full_marks_in_the_label():
    form = _form(_BAR_LINES)
    assert (form["report_year"], form["project_name"], form["implementing_unit"]) == (2022, "慰问经费", "某市退役军人事务局")
    (fund,) = form["funds"]
    assert (fund["annual_budget"], fund["executed"], fund["execution_rate"], fund["score"]) == (30, 27, 0.9, 18)
    assert _rows(form) == [
        ("产出指标", "数量指标", "慰问对象", "100人", "100人", None, 30),
        ("产出指标", "时效指标", "按时完成", "春节前", "春节前", None, 30),
        ("满意度指标", "服务对象满意度指标", "对象满意率", "100%", "100%", None, 10),
    ]
    # "总分(100分) | 88": the 分值 is in the label, the one number is the 得分.
    assert (form["total_weight"], form["total_score"]) == (None, 88)


def test_a_total_label_with_its_full_marks_in_a_grid_row(parse):
    # Seed notation: "→" opens a cell, a blank line ends a row (conftest.tabs).
    text = (
        "\n→测试项目支出绩效自评表\n\n→(2021年度)\n\n→项目名称\n→测试项目\n\n"
        "→\n→一级指标\n→二级指标\n→三级指标\n→年度指标值\n→实际完成值\n→分值\n→得分\n\n"
        "→产出指标\n→数量指标\n→台数\n→5台\n→5台\n→90\n→90\n\n→总分(100分)\n→96\n"
    )
    form = to_contract_dict(parse(text).forms[0])
    assert (form["total_weight"], form["total_score"]) == (None, 96)


# -- short 二级 cells, titles -----------------------------------------------------------------

_SHORT_LEVEL2 = (
    "2022年度共享工程项目自评表\n"
    "项目名称 | 共享工程 | ||||\n主管部门 | 某市文化局 | 项目实施单位 | 某市图书馆 | ||\n"
    "预算执行情况(万元) (20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 (20分*执行率) | |\n"
    "年度财政资金总额 | 5 | 5 | 100% | 20 | |\n"
    "年度绩效目标 (80分) | 一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 | |\n"
    "产出指标(40分) | 数量指标 | 采购设备 | 2台 | 2台 | 40 | |\n"
    "效益指标(30分) | 经济效益 | 节约经费 | 1万元 | 1万元 | 10 | |\n"
    "社会效益 | 读者人次 | 1万人次 | 1.2万人次 | 10 | |\n"
    "环境效益 | 无纸化 | 良好 | 良好 | 10 | |\n"
    "满意度指标(10分) | 读者 | 读者满意度 | 90% | 95% | 10 | |\n"
)


def test_short_level2_cells_in_pipe_rows_and_the_year_of_a_project_self_assessment_title():
    form = _form(_SHORT_LEVEL2)
    assert form["report_year"] == 2022  # "2022年度…项目自评表"
    assert [(r[1], r[2], r[3], r[6]) for r in _rows(form)[:4]] == [
        ("数量指标", "采购设备", "2台", 40),
        ("经济效益", "节约经费", "1万元", 10),
        ("社会效益", "读者人次", "1万人次", 10),
        ("环境效益", "无纸化", "良好", 10),
    ]
    # "读者" is no 二级 word: never taken as a level.
    assert all(r[1] != "读者" for r in _rows(form))


def test_a_short_level2_word_inside_a_row_is_not_a_level():
    text = _SHORT_LEVEL2.replace("采购设备 | 2台 | 2台", "采购设备 | 质量 | 质量")
    rows = _rows(_form(text))
    assert rows[0][1:5] == ("数量指标", "采购设备", "质量", "质量")


# -- page parts before the form, funds labels before their header, goals -----------------------

def test_header_fields_of_a_list_before_the_form_title_are_not_the_forms():
    text = (
        "本单位项目绩效自评表清单\n\n序号\n\n项目名称\n\n备注\n\n1\n\n甲资金自评表\n\n2\n\n乙资金自评表\n\n3\n\n丙资金自评表\n\n"
        "项目支出绩效自评表\n\n(2022年度)\n\n项目名称\n\n甲项目\n\n主管部门\n\n某局\n\n实施单位\n\n某局\n\n"
        "项目资金 (万元)\n\n年初预算数\n\n全年预算数\n\n全年执行数\n\n分值\n\n执行率\n\n得分\n\n"
        "年度资金总额\n\n10\n\n10\n\n10\n\n10\n\n100%\n\n10\n"
    )
    form = _form(text)
    assert (form["project_name"], form["department"], form["report_year"]) == ("甲项目", "某局", 2022)


_COLUMN_MAJOR = (
    "某县项目支出绩效自评表 (2020年度) 项目名称 某配套资金 主管部门 某县医保局 项目资金 年初预算数 (万元) "
    "年度资金总额 其中:当年财政拨款 实施单位 全年预算数 全年执行数 分值 执行率 得分 "
    "{values} 上年结转资金 — — 其他资金 — — 预期目标 实际完成情况 提高保障水平 提高了保障水平 年度总 体目标 "
    "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 产出指标 数量指标 参保人数 100人 99人 90 89 总分 100 98"
)


def test_several_funds_labels_before_the_header_take_the_full_rows_after_it_in_order():
    form = _form(_COLUMN_MAJOR.format(values="50 45 10 90% 9 50 45 — 90% —"))
    got = [(f["source"], f["annual_budget"], f["executed"], f["weight"], f["execution_rate"], f["score"])
           for f in form["funds"][:2]]
    assert got == [("total", 50, 45, 10, 0.9, 9), ("appropriation", 50, 45, None, 0.9, None)]


def test_funds_values_that_do_not_fill_the_rows_exactly_are_not_guessed():
    form = _form(_COLUMN_MAJOR.format(values="50 45 10 90% 9 50 45 90% —"))
    assert [f["source"] for f in form["funds"]] == ["carryover", "other"]


def test_a_goal_ends_at_a_wrapped_goal_label_emitted_after_it():
    form = _form(_COLUMN_MAJOR.format(values="50 45 10 90% 9 50 45 — 90% —"))
    assert (form["goal_expected"], form["goal_actual"]) == ("提高保障水平", "提高了保障水平")


def test_a_total_where_the_indicator_table_never_opened():
    # A preview that jumps from the funds header to the form's last rows: 总分 is still read.
    text = (
        "项目支出绩效自评表\n( 2021年度)\n项目名称\n检测经费\n实施单位\n某局\n项目资金\n(万元)\n年初预算数\n"
        "调整预算数\n全年执行数\n分值\n执行率\n得分\n年度资金总≥90%\n95%\n10\n10\n总分\n100\n99\n"
    )
    form = _form(text)
    assert (form["total_weight"], form["total_score"]) == (100, 99)


# -- pipe funds rows with trailing blanks, cut rows ----------------------------------------------

_TRAILING_BLANKS = (
    "| 2020年度项目支出绩效自评表 | ||||\n| 项目名称 | 执法补助 | ||||\n"
    "| 项目资金 (万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | ||\n"
    "| 年度资金总额 | 8 | 8 | 6 | 10 | 75% | 7.5 | ||\n"
    "| 其中:当年财政拨款 | 8 | 8 | 6 | 75% | ||||||\n"
    "| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n"
    "| 产出指标 | 数量指标 | 案件数 | 10件 | 10件 | 50 | 50 | |\n"
    "| 满意度指标 | 服务对象满意度指标 | 满意度 | 95% | 95% | 40 |"
)


def test_a_pipe_funds_row_whose_blank_cells_went_to_its_end_is_placed_on_its_percent():
    form = _form(_TRAILING_BLANKS)
    fund = form["funds"][1]
    assert (fund["source"], fund["initial_budget"], fund["annual_budget"], fund["executed"], fund["weight"],
            fund["execution_rate"], fund["score"]) == ("appropriation", 8, 8, 6, None, 0.75, None)


def test_a_last_row_cut_before_its_score_is_not_a_row():
    form = _form(_TRAILING_BLANKS)
    assert [r["name"] for r in form["indicators"]] == ["案件数"]
    assert any("截断" in p["message"] for p in form["problems"])


# -- mirror copies --------------------------------------------------------------------------------

def test_traditional_characters_and_injected_pinyin_fold_for_comparison_only():
    assert label_key("項(xiàng)目資金 (萬元)") == "项目资金(万元)"
    assert label_key("其中:當(dāng)年財政撥款") == "其中:当年财政拨款"
    # Unaccented letters in brackets are kept (units, column letters), as is the text itself.
    assert fold("面积(km)") == "面积(km)" and fold("预算数(A)") == "预算数(A)"


def test_a_mirror_copy_in_traditional_characters_is_read():
    text = (
        "| 2020年度項(xiàng)目支出績效自評表 | ||||\n| 項(xiàng)目名稱 | 補助經費 | ||||\n"
        "| 項(xiàng)目資金 (萬元) | 年初預(yù)算數(shù) | 全年預(yù)算數(shù) | 全年執(zhí)行數(shù) | 分值 | 執(zhí)行率 | 得分 | ||\n"
        "| 年度資金總額 | 7 | 7 | 7 | 10 | 100% | 10 | ||\n"
        "| 績效指標(biāo) | 一級指標(biāo) | 二級指標(biāo) | 三級指標(biāo) | 年度指標(biāo)值 | 實(shí)際完成值 | 分值 | 得分 |\n"
        "| 產(chǎn)出指標(biāo) | 數(shù)量指標(biāo) | 補助 | 7萬元 | 7萬元 | 90 | 90 |\n| 總分 | 100 | 100 |"
    )
    form = _form(text)
    assert form["report_year"] == 2020
    assert (form["funds"][0]["source"], form["funds"][0]["annual_budget"], form["funds"][0]["score"]) == ("total", 7, 10)
    assert [(r[0], r[3], r[4], r[5], r[6]) for r in _rows(form)] == [("产出指标", "7萬元", "7萬元", 90, 90)]
    assert form["project_name"] == "補助經費"  # raw text kept as written; 一级 is the canonical label
    assert (form["total_weight"], form["total_score"]) == (100, 100)


# -- refusals -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, reason", [
    ("某局2023年度部门整体绩效自评表主管部门某局联系人某某年初预算数全年预算数执行率年度总金额10 9",
     "unsupported template: 部门整体"),
    ("| 2022年项目支出绩效自评指标计分表 |\n| 一级 指标 | 二级 指标 | 自评分 |\n| 项目 决策 (20分) | 目标 (4分) | 4 |\n"
     "| 项目 管理 (25分) | 资金 到位 (5分) | 5 |\n| 项目 绩效 (55分) | 产出 (30分) | 30 |",
     "unsupported template: evaluation-framework"),
])
def test_a_text_with_no_form_is_refused_by_its_family_when_it_names_one(text, reason):
    with pytest.raises(DocumentError) as caught:
        parse_document(text.encode(), "t.txt")
    assert caught.value.reason.startswith(reason)
