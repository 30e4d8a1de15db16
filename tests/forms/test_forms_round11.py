"""Rules added after the eleventh blind round (heldout/RESULTS.md, section 24), for a sheet flattened
to one line of cells in merged-cell order: a source label split by a wrap space ("其中:当年财政
拨款"), a column label whose bracketed note wraps ("执行率(全年 执行数/全年 预算数)"), and the 得分
that follows 分值 and 执行率 when its header cell was drawn elsewhere. Synthetic texts, not taken from
the held-out page."""

from __future__ import annotations

from orchestration.forms import parse_document, to_contract_dict

HEAD = ("项目支出绩效自评表 ( 2022 年度) 项目名称 法律援助经费 主管部门 某市司法局 项目资金(万元) 实施单位 某市司法局 "
        "年初预算数 全年预算数 全年执行数 分值 执行率(全年 执行数/全年 预算数) ")


def _funds(text: str) -> list[tuple]:
    form = to_contract_dict(parse_document(text.encode(), "t.txt").forms[0])
    return [(f["source"], f["initial_budget"], f["annual_budget"], f["executed"], f["weight"], f["execution_rate"],
             f["score"]) for f in form["funds"]]


def test_flattened_funds_block_with_a_displaced_score_header_and_a_wrapped_label():
    text = HEAD + ("年度资金总额: 80万元 80万元 72万元 10 90% 9 其中:当年财政 拨款 80万元 80万元 72万元 得分 "
                   "上年结转资金 其他资金 预期目标 实际完成情况\n")
    assert _funds(text) == [("total", 80.0, 80.0, 72.0, 10.0, 0.9, 9.0),
                            ("appropriation", 80.0, 80.0, 72.0, None, None, None),
                            ("carryover", None, None, None, None, None, None),
                            ("other", None, None, None, None, None, None)]


def test_no_score_is_made_up_when_the_row_has_no_value_for_it():
    text = HEAD + "年度资金总额: 80万元 80万元 72万元 10 90% 其中:当年财政拨款 80万元 80万元 72万元 预期目标 实际完成情况\n"
    assert _funds(text)[0] == ("total", 80.0, 80.0, 72.0, 10.0, 0.9, None)
