"""Rules added after the tenth round (heldout/RESULTS.md, section 22): in a pipe table, a funds row
whose label names no 资金/拨款/补助 ("彩票公益金用于医疗救助") is still a row when its line holds its
numbers; and the last indicator row of a table with no 分值/得分 columns, cut before its actual value
by the end of the file, is reported, not read. Synthetic texts, not taken from the held-out page."""

from __future__ import annotations

from orchestration.forms import parse_document, to_contract_dict

HEAD = [
    "某县残疾人补助资金转移支付项目绩效目标自评表 | |||",
    "(2023年度) | |||",
    "转移支付(项目)名称 | 某县残疾人补助资金 | ||",
    "地方主管部门 | 某县残联 | 资金使用单位 | 某县残联 |",
    "资金投入情况(万元) | 全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%) |",
    "年度资金总额: | 300万 | 270万 | 90% |",
    "其中:中央财政资金 | 200万 | 180万 | 90% |",
    "彩票公益金用于残疾人事业 | 60 | 60 | 100% |",
    "地方资金 | 40万 | 30万 | 75% |",
    "其他资金 | | | |",
    "资金管理情况 | 情况说明 | 存在问题和改进措施 |",
    "分配科学性 | 资金分配科学 | 暂无 |",
    "总体目标完成情况 | 总体目标 | 全年实际完成情况 |",
    "| 发放残疾人补贴1000人次。 | 发放补贴1100人次。 |",
    "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 全年实际完成值 | 未完成原因和改进措施 |",
    "| 产出指标 | 数量指标 | 补贴发放人次 | ≥1000人次 | 1100 | |",
]


def _form(text: str) -> dict:
    return to_contract_dict(parse_document(text.encode(), "t.txt").forms[0])


def test_a_funds_line_with_its_numbers_is_a_row_whatever_its_label():
    form = _form("\n".join(HEAD) + "\n")
    funds = [(f["source"], f["annual_budget"], f["executed"], f["execution_rate"]) for f in form["funds"]]
    assert funds == [("total", 300.0, 270.0, 0.9), ("other:中央财政资金", 200.0, 180.0, 0.9),
                     ("other:彩票公益金用于残疾人事业", 60.0, 60.0, 1.0), ("other:地方资金", 40.0, 30.0, 0.75),
                     ("other", None, None, None)]


def test_a_row_cut_before_its_actual_value_is_reported_not_read():
    parsed = parse_document(("\n".join(HEAD) + "\n| 产出指标 | 质量指标 | 补贴发放准确率 | 100").encode(), "t.txt")
    form = parsed.forms[0]
    assert [r["name"] for r in form["indicators"]] == ["补贴发放人次"]
    assert any(p["rule_id"] == "R-PARSE-02" and "补贴发放准确率" in p["message"] and "截断" in p["message"]
               for p in form["problems"])


def test_a_complete_last_row_is_read_and_a_line_of_text_is_no_funds_row():
    form = _form("\n".join(HEAD) + "\n| 产出指标 | 质量指标 | 补贴发放准确率 | 100% | 100% | |")
    assert [(r["name"], r["target_raw"], r["actual_raw"]) for r in form["indicators"]] == [
        ("补贴发放人次", "≥1000人次", "1100"), ("补贴发放准确率", "100%", "100%")]
    # a line of text in the funds block is not a funds row
    text = "\n".join(HEAD).replace("其他资金 | | | |", "其他资金 | | | |\n说明 | 按季度拨付 | |")
    assert len(_form(text + "\n")["funds"]) == 5
