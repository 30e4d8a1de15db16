"""Text with no separator between cells (document-site previews): segmented by the header
vocabulary and the columns' meanings, or reported, never read into wrong numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orchestration.forms import DocumentError, parse_document, to_contract_dict

# A Hunan-style county form without 分值/得分, as a preview site shows it: metadata lines, page
# numbers "1、" "2、" opening each preview page (here in the middle of a row), labels broken by
# stray spaces, and every cell run into the next.
HUNAN_STYLE = (
    "2021年度县级专项资金绩效目标自评表.docx\n"
    "《2021年度县级专项资金绩效目标自评表.docx》由会员分享,可在线阅读,更多相关文档请在某网站上搜索。\n"
    "1、2021年度县级专项资金绩效目标自评表专项资金名称农村饮水安全巩固提升负责人及电话张三县级主管部门某县水利局"
    "实施单位某县农村供水站项目资金(万元)全年预算数(A)全年执行数(B)执行率(B/A)年度资金总额120.5118.0998%"
    "其中:中央、省、市补助县级资金10098.598.5%其他资金20.519.5995.56%年度 总体 目标年初设定目标全年实际完成情况"
    "保障农村人口饮水安全。完成12处供水工程改造。绩 效 指 标一级 指标二级 指标三级指标年度指标 值全年 完成值"
    "未完成原因和 改进措施产 出 指 标数量 指标供水工程改 造数量12处12处\n"
    "2、受益人口≥3万人3.2万人质量 指标水质达标率≥95%96%时效 指标工程完工时间2021年12月底前2021年11月成本 指标"
    "单位改造成本≤10万元/处9.8万元/处效益 指标社会效益 指标群众饮水安全保障水平明显显著满意 度指 标服务 对象 满意 度指 标"
    "受益群众满意度≥90%93%说明无注:1、其他资金包括……"
)


def _one(text: str) -> dict:
    result = parse_document(text.encode("utf-8"), "glued.txt")
    assert result.format == "flat"
    assert len(result.forms) == 1
    return result.forms[0]


def _rows(form: dict) -> list[tuple]:
    return [(i["level1"], i["level2"], i["name"], i["target_raw"], i["actual_raw"], i["weight"], i["score"],
             i["deviation_note"]) for i in form["indicators"]]


def test_hunan_style_form_without_scores_is_segmented_cell_by_cell():
    form = _one(HUNAN_STYLE)
    assert (form["report_year"], form["project_name"], form["department"], form["implementing_unit"]) == (
        2021, "农村饮水安全巩固提升", "某县水利局", "某县农村供水站")
    assert (form["goal_expected"], form["goal_actual"]) == ("保障农村人口饮水安全。", "完成12处供水工程改造。")
    assert form["amount_unit"] == "万元"
    funds = [(f["source"], f["annual_budget"], f["executed"], f["execution_rate"]) for f in form["funds"]]
    assert funds == [
        ("total", Decimal("120.5"), Decimal("118.09"), Decimal("0.98")),
        ("other:中央、省、市补助县级资金", Decimal("100"), Decimal("98.5"), Decimal("0.985")),
        ("other", Decimal("20.5"), Decimal("19.59"), Decimal("0.9556")),
    ]
    assert _rows(form) == [
        ("产出指标", "数量指标", "供水工程改造数量", "12处", "12处", None, None, None),
        ("产出指标", "数量指标", "受益人口", "≥3万人", "3.2万人", None, None, None),  # after page marker "2、"
        ("产出指标", "质量指标", "水质达标率", "≥95%", "96%", None, None, None),
        ("产出指标", "时效指标", "工程完工时间", "2021年12月底前", "2021年11月", None, None, None),
        ("产出指标", "成本指标", "单位改造成本", "≤10万元/处", "9.8万元/处", None, None, None),
        ("效益指标", "社会效益指标", "群众饮水安全保障水平", "明显", "显著", None, None, None),
        ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "93%", None, None, None),
    ]
    rules = [p["rule_id"] for p in form["problems"]]
    assert rules == ["R-PARSE-02"]  # only: the form has no 总分 row


SCORED = (
    "某区2022年度项目支出绩效自评表(2022年度)项目名称社区养老服务补贴主管部门某区民政局实施单位某区养老服务中心"
    "项目资金(万元)年初预算数全年预算数全年执行数分值执行率得分年度资金总额8080.563.491078.87%7.89"
    "其中:当年财政拨款8080.563.49———上年结转资金000———其他资金000———"
    "年度总体目标预期目标实际完成情况为全区高龄老人发放养老服务补贴。为全区高龄老人发放养老服务补贴。"
    "绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施"
    "产出指标(50分)数量指标补贴发放人数≥1200人1180人2019.5部分老人年内去世,补贴停发质量指标补贴发放准确率100%100%1515"
    "时效指标补贴按月发放及时及时1515效益指标(30分)社会效益指标老年人生活质量提高幅度长期长期3030"
    "满意度指标服务对象满意度指标受益老人满意度≥90%95%1010总分10097.39分优"
)


def test_form_with_scores_cuts_amounts_weights_and_scores_by_their_meaning():
    form = _one(SCORED)
    assert (form["report_year"], form["project_name"], form["department"]) == (2022, "社区养老服务补贴", "某区民政局")
    # Identical halves: the one goal text that can be split without a separator.
    assert form["goal_expected"] == form["goal_actual"] == "为全区高龄老人发放养老服务补贴。"
    total, appropriation, carryover, other = form["funds"]
    # "8080.563.491078.87%7.89": 63.49 / 80.5 = 78.87% is the only cutting that adds up.
    assert [total[k] for k in ("initial_budget", "annual_budget", "executed", "weight", "execution_rate", "score")] == [
        Decimal("80"), Decimal("80.5"), Decimal("63.49"), Decimal("10"), Decimal("0.7887"), Decimal("7.89")]
    # A part is within (and here equal to) the total; "———" are three empty cells.
    assert [appropriation[k] for k in ("initial_budget", "annual_budget", "executed", "weight")] == [
        Decimal("80"), Decimal("80.5"), Decimal("63.49"), None]
    assert [carryover[k] for k in ("initial_budget", "annual_budget", "executed", "weight")] == [0, 0, 0, None]
    assert other["executed"] == 0
    assert _rows(form) == [
        ("产出指标", "数量指标", "补贴发放人数", "≥1200人", "1180人", Decimal("20"), Decimal("19.5"),
         "部分老人年内去世,补贴停发"),
        ("产出指标", "质量指标", "补贴发放准确率", "100%", "100%", Decimal("15"), Decimal("15"), None),
        ("产出指标", "时效指标", "补贴按月发放", "及时", "及时", Decimal("15"), Decimal("15"), None),
        ("效益指标", "社会效益指标", "老年人生活质量提高幅度", "长期", "长期", Decimal("30"), Decimal("30"), None),
        ("满意度指标", "服务对象满意度指标", "受益老人满意度", "≥90%", "95%", Decimal("10"), Decimal("10"), None),
    ]
    assert form["indicators"][0]["level1_declared_weight"] == Decimal("50")
    assert (form["total_weight"], form["total_score"], form["reported_grade"]) == (Decimal("100"), Decimal("97.39"), "优")
    assert form["problems"] == []


def test_runs_that_cannot_be_cut_confidently_are_reported_and_left_blank():
    text = (
        "2022年度项目支出绩效自评表项目名称测试项目主管部门测试局实施单位测试中心项目资金(万元)全年预算数全年执行数执行率"
        "年度资金总额101090%"  # 10|10|90% does not add up, and nothing else does either
        "年度总体目标预期目标实际完成情况目标甲完成乙"
        "一级指标二级指标三级指标年度指标值实际完成值产出指标数量指标培训场次100100"  # 100|100 or 10010|0?
        "质量指标培训合格率≥90%95%"
    )
    form = _one(text)
    total = form["funds"][0]
    assert (total["annual_budget"], total["executed"], total["execution_rate"]) == (None, None, None)
    first, second = form["indicators"]
    assert (first["name"], first["target_raw"] or None, first["actual_raw"] or None) == ("培训场次", None, None)
    assert (second["name"], second["target_raw"], second["actual_raw"]) == ("培训合格率", "≥90%", "95%")
    assert (form["goal_expected"], form["goal_actual"]) == (None, None)
    problems = {(p["rule_id"], p["subject"]) for p in form["problems"]}
    assert ("R-PARSE-03", "年度资金总额") in problems
    assert ("R-PARSE-03", "培训场次") in problems
    assert any(p["subject"] == "年度总体目标" and p["severity"] == "warning" for p in form["problems"])


def test_unseparated_text_without_a_form_in_it_is_a_clear_error():
    text = "某文档预览页全年预算数全年执行数执行率年度资金总额101090%一级指标二级指标三级指标年度指标值实际完成值"
    with pytest.raises(DocumentError) as error:
        parse_document(text.encode("utf-8"), "glued.txt")
    assert "no separator" in str(error.value)
    assert "glued.txt" in str(error.value)


_PIECES = [
    "2021年度测试项目支出绩效自评表", "专项资金名称", "项目名称", "县级主管部门", "实施单位", "项目资金(万元)",
    "年初预算数", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分", "年度资金总额", "其中:当年财政拨款",
    "其他资金", "年度总体目标", "年初设定目标", "全年实际完成情况", "绩效指标", "一级指标", "二级指标", "三级指标",
    "年度指标值", "全年完成值", "未完成原因和改进措施", "产出指标(50分)", "数量指标", "成本指标", "满意度指标",
    "总分", "说明", "注:", "优", "194.9", "100%", "00", "0起", "≥90%", "109.5", "高", "无", "长期", "———", "/////",
    "12月底前", "万元/处", "。", "、", "\n2、", " ", "5000吨稻谷", "1,314.5",
]


@given(st.lists(st.sampled_from(_PIECES), max_size=80))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_glued_text_never_fails_with_anything_but_a_document_error(pieces):
    try:
        result = parse_document("".join(pieces).encode("utf-8"), "fuzz.txt")
    except DocumentError:
        return
    for form in result.forms:
        to_contract_dict(form)
