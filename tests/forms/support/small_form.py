"""A small form in the central template (9 columns) for tests that change one thing about it: the
head up to the indicator header, two indicator rows and the 总分 row."""

from orchestration.forms import parse_document, to_contract_dict

from . import render

HEAD = [["项目支出绩效自评表", "", "", "", "", "", "", "", ""], ["(2022年度)", "", "", "", "", "", "", "", ""],
        ["项目名称", "某某项目", "", "", "", "", "", "", ""],
        ["主管部门", "某县教育局", "", "", "实施单位", "某县中学", "", "", ""],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""],
        ["", "年度资金总额", "100", "120", "108", "10", "90%", "9", ""],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]]
ROWS = [["", "产出指标", "数量指标", "培训人数", "100人", "95人", "50", "45", ""],
        ["", "", "质量指标", "合格率", "≥90%", "95%", "40", "40", ""]]
TOTAL = ["总分", "", "", "", "", "", "100", "94", ""]


def row(*cells: str) -> list[str]:
    """A row of the small form's nine columns, the cells after the given ones blank."""
    return (list(cells) + [""] * 9)[:9]


def parse_errors(form: dict) -> list[dict]:
    """The error-level R-PARSE findings of a parsed form (what quarantines it)."""
    return [p for p in form["problems"] if p["severity"] == "error" and p["rule_id"].startswith("R-PARSE")]


def contract_forms(table: list[list[str]], writer: str) -> list[dict]:
    """The table written by one of render.WRITERS and parsed back: each form's contract cells."""
    write, name = render.WRITERS[writer]
    return [to_contract_dict(form) for form in parse_document(write([table]), name).forms]
