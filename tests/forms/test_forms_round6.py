"""Rules added after the sixth blind round (heldout/RESULTS.md, section 14): run-on text copied by
a mirror site into traditional characters with injected pinyin, amounts written '10万' inside a
run of values, an .xlsx preview whose indicator names and value rows interleave (merged-cell
order) with the 实施单位 value stranded among them, and a header value printed before its label.
Synthetic texts, not taken from the held-out pages."""

from __future__ import annotations

from orchestration.forms import parse_document, to_contract_dict
from orchestration.forms.unseparated_text import compact, looks_unseparated


def _form(text: str) -> dict:
    return to_contract_dict(parse_document(text.encode(), "t.txt").forms[0])


def _fund(form: dict, index: int = 0) -> tuple:
    row = form["funds"][index]
    return tuple(row[k] for k in ("source", "initial_budget", "annual_budget", "executed", "execution_rate", "score"))


def _rows(form: dict) -> list[tuple]:
    return [
        (r["level1"], r["level2"], r["name"], r["target_raw"], r["actual_raw"], r["weight"], r["score"],
         r["deviation_note"])
        for r in form["indicators"]
    ]


# -- run-on text: traditional characters, injected pinyin, '万' amounts --------------------------

# A 湖北-style 项目绩效自评表 preview with no separator between cells, as a content farm
# republishes it: traditional characters, pinyin after some of them, a page number ("2、") in
# the middle of the title, amounts written "12萬".
MIRROR = (
    "1、某縣某中心2021年度項(xiàng)目績效自\n\n2、評表 單位名稱:某縣某中心 填報日期:2022年3月項目名稱某某設(shè)備維護經(jīng)費"
    "主管部門某縣某局項目實施單位某縣某中心項目類別1、上級專項 2、本級專項 預(yù)算執(zhí)行情況(萬元)(20分)"
    "預(yù)算數(shù)(A)執(zhí)行數(shù)(B)執(zhí)行率(B/A)得分(20分*執(zhí)行率)年度財政資金總額12萬9萬75%15"
    "年度績效指標(biāo)一級指標(biāo)二級指標(biāo)三級指"
)


def test_mirror_copy_of_run_on_text_is_read_as_text_without_separators():
    # The glued labels are only recognised once the traditional characters and the pinyin fold.
    assert looks_unseparated("項(xiàng)目名稱某某設(shè)備維護經(jīng)費主管部門某縣某局項目實施單位某縣某中心")
    form = _form(MIRROR)
    assert form["report_year"] == 2021
    assert form["department"] == "某縣某局"
    assert form["implementing_unit"] == "某縣某中心"


def test_injected_pinyin_is_dropped_like_wrap_spaces_in_text_without_separators():
    text = compact("預(yù)算執(zhí)行情況 12萬")
    assert text.raw == "預算執行情況12萬"
    assert text.s == "预算执行情况12万"  # folded for matching, same length as the raw text


# The same form in simplified characters, without pinyin.
PLAIN = (
    "1、某县某中心2021年度项目绩效自\n\n2、评表 单位名称:某县某中心 填报日期:2022年3月项目名称某某设备维护经费"
    "主管部门某县某局项目实施单位某县某中心项目类别1、上级专项 2、本级专项 预算执行情况(万元)(20分)"
    "预算数(A)执行数(B)执行率(B/A)得分(20分*执行率)年度财政资金总额12万9万75%15"
    "年度绩效指标一级指标二级指标三级指"
)


def test_amounts_written_with_wan_cut_a_run_of_values():
    assert _fund(_form(MIRROR)) == ("total", None, 12, 9, 0.75, 15)
    assert _fund(_form(PLAIN)) == ("total", None, 12, 9, 0.75, 15)


def test_a_run_of_values_before_a_year_like_label_is_still_values():
    # "…100%20年度绩效指标": the 20 is the 得分, not the year of a label ("2020年结转资金").
    text = PLAIN.replace("年度财政资金总额12万9万75%15", "年度财政资金总额12万12万100%20")
    assert _fund(_form(text)) == ("total", None, 12, 12, 1.0, 20)


# -- merged-cell order: names and value rows interleaved ---------------------------------------

# An .xlsx flattened in merged-cell order: the 实施单位 value comes out among the indicator cells,
# the header's column labels fall between the first row's target and actual, the last rows'
# values (and the total) come before their names, level cells wrap ("效益指 标(30 分)").
MERGED = """某县项目支出绩效自评表 (2021年度) 项目名称 某某补助资金 主管部门 某县某局 项目资金 年初预算数 (万元) 年度资金总额 其中:当年财政拨款 实施单位 全年预算数 全年执行数 分值 执行率 得分 50 50 10 100% 10 50 50 — 100% — 上年结转资金 — — 其他资金 — — 预期目标 实际完成情况 做好补助发放 完成补助发放 年度总 体目标 一级 指标 二级指标 三级指标 数量指标 指标1:补助人数 绩 效 指 标 某县某服务中心 产出 指标 (50分 ) 实际 指标值 完成值 300 分值 得分 偏差原因分析及改进措 施 290 20 18 部分对象 迁出 质量指标 指标1:发放准确 率 100% 100% 20 20 1年 1年 10 10 90% 92% 30 30 95% 96% 10 10 100 98 时效指标 指标1:发放及时性 效益指 标(30 分) 社会效益指标 指标1:群众生活 保障覆盖面 满意度 指标 指标1:受益对象满意度 (10分 ) 总分"""


def test_names_and_value_rows_interleaved_are_paired_in_order():
    form = _form(MERGED)
    assert _rows(form) == [
        ("产出指标", "数量指标", "指标1:补助人数", "300", "290", 20, 18, "部分对象迁出"),
        ("产出指标", "质量指标", "指标1:发放准确率", "100%", "100%", 20, 20, None),
        ("产出指标", "时效指标", "指标1:发放及时性", "1年", "1年", 10, 10, None),
        ("效益指标", "社会效益指标", "指标1:群众生活保障覆盖面", "90%", "92%", 30, 30, None),
        ("满意度指标", "满意度指标", "指标1:受益对象满意度", "95%", "96%", 10, 10, None),
    ]
    assert (form["total_weight"], form["total_score"]) == (100, 98)


def test_stranded_unit_name_among_the_indicator_cells_is_the_implementing_unit():
    assert _form(MERGED)["implementing_unit"] == "某县某服务中心"


def test_interleaved_rows_are_not_paired_when_the_counts_differ():
    # One value row lost: nothing is paired (the stream layout's reading stands).
    form = _form(MERGED.replace("90% 92% 30 30 ", ""))
    assert ("指标1:补助人数", "300") not in [(r["name"], r["target_raw"]) for r in form["indicators"]]
    assert form["implementing_unit"] is None


# -- a header value printed before its label ----------------------------------------------------

BEFORE_LABEL = """某区某中心2022年度项目自评价.pdf
财政项目支出绩效自评表 (2022 年度) 某某场馆设备维护 保养费用 项目名称 主管部门 某区某局 实施单位 某区某中心 项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额 20 20 20 10 100% 10"""


def test_a_label_without_value_takes_the_text_printed_before_it():
    form = _form(BEFORE_LABEL)
    assert form["project_name"] == "某某场馆设备维护保养费用"
    assert form["department"] == "某区某局"
    assert form["report_year"] == 2022


def test_text_before_a_label_that_has_its_value_is_not_moved():
    form = _form(BEFORE_LABEL.replace("项目名称 主管部门", "项目名称 某某项目 主管部门"))
    assert form["project_name"] == "某某项目"


# -- a PDF text layer in drawing order: funds values before their labels -------------------------

# The funds rows' values are drawn right after the header and their labels later (the 年度资金总额
# and 其中 labels after the 项目资金 (元) block label and the 实施单位 cell), the 执行率 between the
# goal labels, each goal label followed by its own text.
PDF_ORDER = """某区某中心2022年度项目自评价.pdf
财政项目支出绩效自评表 (2022 年度) 某某场馆运营 结算费用 项目名称 主管部门 某区某局 年初预算数 全年预算数 全年执行数 分值 执行率 得分 80000.00 80000.00 60,000 10 7.5 80000.00 80000.00 60000 — 上年结转资金 0 0 — 其他资金 0 0 — 年度资金总额 项目资金 (元) 某区某 事业管理中心 实施单位 其中:当年财政拨款 预期目标 年度 总体 目标 75.00% 实际完成情况 已完成场馆运营费用结算。 一级指标 二级指标 数量指标 三级指标 结算完成率 年度 指标值 实际 完成值 分值 得分 =100% 100% 30 30 =100% 100% 30 30 >=90% 95% 30 30 100 97.5 产出指标 质量指标 效益指标 社会效益指标 合同条款完成率 满意度指标 服务对象满意度指标 场馆满意度 总分"""


def test_funds_values_drawn_before_their_labels_go_to_the_later_bare_labels_in_template_order():
    form = _form(PDF_ORDER)
    assert [_fund(form, k) for k in range(2)] == [
        ("total", 80000, 80000, 60000, 0.75, 7.5),
        ("appropriation", 80000, 80000, 60000, None, None),
    ]
    assert [f["source"] for f in form["funds"]] == ["total", "appropriation", "carryover", "other"]
    assert form["funds"][0]["weight"] == 10


def test_header_values_drawn_before_their_labels():
    form = _form(PDF_ORDER)
    assert form["project_name"] == "某某场馆运营结算费用"
    assert form["implementing_unit"] == "某区某事业管理中心"
    assert form["department"] == "某区某局"


def test_goal_text_after_the_actual_label_drawn_apart_is_the_actual():
    form = _form(PDF_ORDER)
    assert form["goal_actual"] == "已完成场馆运营费用结算。"
    assert form["goal_expected"] is None


def test_stray_rate_is_placed_only_when_the_amounts_bear_it_out():
    form = _form(PDF_ORDER.replace("75.00%", "80.00%"))
    assert form["funds"][0]["execution_rate"] is None


def test_funds_values_before_labels_need_the_form_arithmetic():
    # 得分 7.5 is not 分值 × 执行数/预算数 any more: no pairing, no amounts invented.
    form = _form(PDF_ORDER.replace("60,000 10 7.5", "60,000 10 9.5"))
    total = next(f for f in form["funds"] if f["source"] == "total")
    assert total["executed"] != 60000
