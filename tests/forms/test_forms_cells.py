"""Tokenizer hazards of the tab-cell dump."""

from __future__ import annotations

from orchestration.forms.cells import tokenize_tab_cells


def _rows(text: str) -> list[list[str]]:
    return [row.texts for row in tokenize_tab_cells(text)]


def test_tab_lines_are_cells_and_blank_lines_split_rows(dump):
    text = dump(
        """
        →项目名称
        →测试项目

        →主管部门
        →部门甲
        """
    )
    assert _rows(text) == [["项目名称", "测试项目"], ["主管部门", "部门甲"]]


def test_empty_tab_line_is_an_empty_cell_not_a_row_break(dump):
    assert _rows(dump("→\n→年度资金总额\n→\n→10\n")) == [["", "年度资金总额", "", "10"]]


def test_continuation_line_without_tab_joins_the_open_cell(dump):
    text = dump(
        """
        →项目资金
        （万元）
        →年初预算数
        """
    )
    assert _rows(text) == [["项目资金\n（万元）", "年初预算数"]]


def test_blank_line_inside_a_cell_is_kept_when_text_continues_without_tab(dump):
    text = dump(
        """
        →项目资金

        （万元）
        →
        →年初预算数
        """
    )
    assert _rows(text) == [["项目资金\n\n（万元）", "", "年初预算数"]]


def test_stray_quote_line_closing_a_cell_is_trimmed(dump):
    text = dump(
        """
        →
        →目标第一段。

        目标第二段“三满意”。

        "
        →完成情况。

        "

        →
        →一级指标
        """
    )
    rows = tokenize_tab_cells(text)
    assert [r.texts for r in rows] == [
        ["", "目标第一段。\n\n目标第二段“三满意”。", "完成情况。"],
        ["", "一级指标"],
    ]
    # The quote lines belong to the cells: the next row starts after them.
    assert rows[0].cells[1].line == 2 and rows[0].cells[1].end_line == 6
    assert rows[0].end_line == 9
    assert rows[1].line == 11


def test_cells_are_trimmed_and_lines_are_one_based(dump):
    rows = tokenize_tab_cells(dump("→(2021年度)\n\n→      上年结转资金  \n→0\n"))
    assert [r.texts for r in rows] == [["(2021年度)"], ["上年结转资金", "0"]]
    assert [(c.line, c.end_line) for c in rows[1].cells] == [(3, 3), (4, 4)]
    assert rows[1].line == 3


def test_several_tabs_on_one_line_are_several_cells():
    assert _rows("\t总分\t100\t96分\n") == [["总分", "100", "96分"]]


def test_text_before_any_tab_cell_is_its_own_row(dump):
    assert _rows(dump("标题行\n\n→项目名称\n→甲\n")) == [["标题行"], ["项目名称", "甲"]]
