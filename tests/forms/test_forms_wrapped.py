"""Templates whose cells come out column by column or wrapped, combined header labels, and a
总分 stated in the title. Synthetic texts, not taken from the held-out pages."""

from __future__ import annotations

import pytest

from orchestration.forms import DocumentError, parse_document, to_contract_dict

_HEAD = "某区项目自评表 单位名称:某区农业局 项目名称 农机补贴 主管部门 某区农业局 项目实施单位 某区农机站 "
# No 分值 column; the funds row's label comes before the funds header (column-major copy); the
# level and column labels come after the rows, before 总分.
_NO_WEIGHT = (
    _HEAD + "预算执行 情况(万元) (20 分) 年度资金总额 预算数 (A) 执行数(B) 执行率(B/A) 得分 (20 分*执行率) "
    "{funds} 三级指标 年初目标值 (A) 实际完成值 (B) 得分 补贴农机具(台) 120 131 20 "
    "受益农户覆盖 面积 3000 3100 20 作业质量 达到国家 标准要求 全部达到 国家标准 {wrapped} "
    "补贴发放及时率 95% 100% 20 农户满意 度 是否 满意 对补贴 满意 二级指标 数量指标 产出指标 (60 分) "
    "效益指标 (40 分) 总分 质量指标 20 100"
)


def _form(text: str) -> dict:
    return to_contract_dict(parse_document(text.encode(), "t.txt").forms[0])


def _rows(form: dict) -> list[tuple]:
    return [(r["name"], r["target_raw"], r["actual_raw"], r["weight"], r["score"]) for r in form["indicators"]]


def test_template_without_weight_column_reads_scores_and_leaves_weights_blank():
    form = _form(_NO_WEIGHT.format(funds="50 48 96% 19.2", wrapped="20"))
    assert _rows(form) == [
        ("补贴农机具(台)", "120", "131", None, 20),
        ("受益农户覆盖面积", "3000", "3100", None, 20),  # the name wrapped into two tokens
        ("作业质量", None, None, None, 20),  # target and actual wrapped: not told apart, left blank
        ("补贴发放及时率", "95%", "100%", None, 20),
        ("农户满意", None, None, None, None),  # wrapped cells and no number before the label text
    ]
    assert [r["level1"] for r in form["indicators"]] == [None] * 5
    assert any("跨行折断" in p["message"] for p in form["problems"])


def test_values_after_the_funds_header_belong_to_the_label_written_before_it():
    form = _form(_NO_WEIGHT.format(funds="50 48 96% 19.2", wrapped="20"))
    (fund,) = form["funds"]
    assert (fund["source"], fund["annual_budget"], fund["executed"], fund["execution_rate"], fund["score"]) == (
        "total", 50, 48, 0.96, 19.2)


def test_unlabelled_funds_values_that_do_not_fill_the_columns_exactly_are_not_guessed():
    form = _form(_NO_WEIGHT.format(funds="50 48 96% 19.2 50 —", wrapped="20"))
    assert form["funds"] == []


def test_wrapped_text_rows_need_exactly_their_numeric_cells():
    # Two numbers after a wrapped row whose table has one numeric column: not a wrapped row.
    form = _form(_NO_WEIGHT.format(funds="50 48 96% 19.2", wrapped="20 20"))
    assert ("作业质量", None, None, None, 20) not in _rows(form)


_RUN_ON = ("道路养护项目绩效目标自评表(2023年度){total}项目名称道路养护工程项目实施单位/项目负责人{unit}主管部门某县交通局"
           "资金情况(万元)年度资金总额全年预算数(A)100全年执行数(B)执行率(B/A)年度总体目标完成道路养护"
           "绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分未完成原因及改进措施"
           "产出指标(20分)数量指标指标1养护农村公路里程10120公里120公里10指标2修补路面坑槽10300处300处10"
           "满意度指标(10分)服务对象满意度沿线群众满意")


@pytest.mark.parametrize(
    ("unit", "expected"),
    [("某县公路站/张三", "某县公路站"), ("某县公路站", "某县公路站"), ("某县公路站/张三/李四", "某县公路站/张三/李四")],
)
def test_combined_label_in_run_on_text(unit, expected):
    assert _form(_RUN_ON.format(total="", unit=unit))["implementing_unit"] == expected


def test_total_stated_in_the_title_when_there_is_no_total_row():
    form = _form(_RUN_ON.format(total="项目总得分99分", unit="某县公路站/张三"))
    assert (form["total_score"], form["total_weight"]) == (99, None)
    assert _form(_RUN_ON.format(total="", unit="某县公路站/张三"))["total_score"] is None


_FLAT = ("某县项目支出绩效自评表 (2022年度) {title_total} 项目名称 道路养护 主管部门 某县交通局 项目实施单位/项目负责人 {unit} "
         "项目资金(万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额 10 10 10 10 100% 10 "
         "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 产出指标 数量指标 里程 10公里 10公里 90 85 {total_row}")


def test_combined_label_and_title_total_in_flattened_text():
    form = _form(_FLAT.format(title_total="自评得分: 95分", unit="某县公路站/张三", total_row=""))
    assert (form["implementing_unit"], form["department"], form["total_score"]) == ("某县公路站", "某县交通局", 95)
    # A 总分 row, when there is one, wins over the title.
    form = _form(_FLAT.format(title_total="自评得分: 95分", unit="某县公路站", total_row="总分 100 85"))
    assert (form["implementing_unit"], form["total_weight"], form["total_score"]) == ("某县公路站", 100, 85)


def _html(label: str, value: str) -> bytes:
    rows = [
        ["项目支出绩效自评表"], ["(2022年度)"], ["项目名称", "道路养护", "主管部门", "某县交通局"],
        [label, value],
        ["项目资金(万元)", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "", "10", "10", "10", "10", "100%", "10"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "里程", "10公里", "10公里", "90", "85"],
        ["总分", "100", "85"],
    ]
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<html><body><table>{body}</table></body></html>".encode()


@pytest.mark.parametrize(
    ("label", "value", "unit"),
    [("项目实施单位/项目负责人", "某县公路站/张三", "某县公路站"), ("项目实施单位/项目负责人", "某县公路站", "某县公路站"),
     ("实施单位、联系人", "某县公路站、张三", "某县公路站")],
)
def test_combined_label_in_a_table(label, value, unit):
    form = to_contract_dict(parse_document(_html(label, value), "t.html").forms[0])
    assert form["implementing_unit"] == unit


def test_a_label_pair_with_an_unknown_part_is_not_an_info_label():
    form = to_contract_dict(parse_document(_html("项目实施单位/某某栏", "某县公路站/张三"), "t.html").forms[0])
    assert form["implementing_unit"] is None


def test_levelless_header_alone_does_not_make_a_form():
    with pytest.raises(DocumentError):
        parse_document("三级指标 年初目标值 实际完成值 得分 里程 10 10 10".encode(), "t.txt")
