"""Form families the parser does not read: recognised so they are refused, not mis-parsed.

- 部门整体支出绩效自评表 (whole-department forms): funds split by spending category and an
  indicator framework of its own;
- evaluation-framework scorecards (决策 / 过程 / 产出 / 效益, e.g. 银川 2021), whose 一级 rows are
  not the 产出/效益/满意度 of the self-assessment form and whose budget execution is an indicator;
- 绩效目标表 / 绩效目标申报表 (the targets declared with the budget): the same project block and
  indicator names, but no actual value, execution or score to check.
"""

from __future__ import annotations

import re
from typing import Any

from .normalize import fold, label_key

_DEPARTMENT_TITLE = ("部门整体支出绩效", "部门整体绩效", "整体支出绩效自评", "单位整体绩效")
_FRAMEWORK_LEVEL1 = {"决策", "过程", "项目决策", "项目管理", "项目过程", "管理", "部门决策", "部门管理", "综合管理",
                     "项目预算管理"}
_FRAMEWORK_ROW_NAMES = {"项目决策", "项目管理", "项目过程", "项目绩效", "部门决策", "部门管理", "综合管理",
                        # 转移支付 scorecards (项目预算管理 / 资金投入 / 资金下达 …, a 自评内容 column)
                        "项目预算管理", "资金投入", "资金下达", "自评内容"}


# A framework's 一级 cell with its weight ("项目决策(10分)", "项目管理(25分)", or without the
# brackets as PDF text gives it: "项目决策 2 分", "项目管理 13 分"): a self-assessment
# form has no such cells, so two different ones in the text mark a scorecard even when its rows
# could not be cut (run-on OCR text).
_FRAMEWORK_WEIGHTED = re.compile(
    r"(项目决策|项目管理|项目过程|部门决策|部门管理|综合管理)\s*(?:\(\s*\d+(?:\.\d+)?\s*分\s*\)|\d+(?:\.\d+)?\s*分(?![\d值数]))"
)


# The header of the 基本指标 / 具体指标 framework (its rows scored against a 标准值 in a 自评分 column).
_BASIC_SPECIFIC_HEADER = ("基本指标", "具体指标", "标准值", "自评分")


# Whitespace inside a wrapped or padded cell ("项目 决策 (20分)"): gone between two CJK characters.
_CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")
# A whole-department title anywhere in a text ("…2022年度部门整体绩效自评表").
# ("…卫生院整体支出绩效自评表": the 整体支出 marker right before 自评表.)
_DEPARTMENT_TEXT = re.compile("(?:" + "|".join(_DEPARTMENT_TITLE) + r"|整体支出绩效)[^\n|]{0,12}?自评表")


# A target declaration's title cell ("项目支出绩效目标表", "绩效目标申报表"); "绩效目标自评表" is a
# self-assessment and does not match.
_TARGET_TABLE_TITLE = re.compile(r"(?:项目(?:支出)?)?绩效目标(?:申报|审批|批复)?表")
_TARGET_TABLE_REASON = ("绩效目标表 (a declaration of targets: no actual values, execution or scores) "
                        "is not a self-assessment form")


_TARGET_COLUMNS = ("目标值", "指标值")
_ACTUAL_WORDS = ("完成值", "实际值", "完成情况", "得分", "执行数")


def is_target_title(key: str) -> bool:
    """A cell (as a label key) that titles a target declaration."""
    return _TARGET_TABLE_TITLE.fullmatch(key) is not None


def is_target_table(text: str) -> bool:
    """A text titled as a target declaration, with no self-assessment (自评) anywhere in it; or,
    whatever its title ("项目绩效年度表"), an indicator table with target values and nothing that
    records an actual value or a score."""
    if "目标" not in text and "指标值" not in text:
        return False
    folded = fold(text)
    compact = _CJK_GAP.sub("", folded)
    if "自评" in compact:
        return False
    if any(is_target_title(label_key(cell)) for line in folded.splitlines()
           for cell in line.split("|") if 4 <= len(cell.strip()) <= 20):
        return True
    return ("一级指标" in compact and any(word in compact for word in _TARGET_COLUMNS)
            and not any(word in compact for word in _ACTUAL_WORDS))


def framework_labels_in_text(text: str) -> set[str]:
    """Two weighted framework 一级 labels, or the header of the 基本指标 / 具体指标 framework (业务指标,
    财务指标 … scored against a 标准值 in a 自评分 column, e.g. 浙江 奉化 2022)."""
    found: set[str] = set()
    if "决策" in text or "管理" in text:
        found = set(_FRAMEWORK_WEIGHTED.findall(_CJK_GAP.sub("", fold(text))))
    if all(word in text for word in _BASIC_SPECIFIC_HEADER):
        found |= set(_BASIC_SPECIFIC_HEADER[:2])
    return found


def unsupported_text_reason(text: str) -> str | None:
    """For a text in which no form was found: the family it belongs to, when it says so (a
    部门整体 title, or two weighted framework 一级 labels), so the refusal names it."""
    if _DEPARTMENT_TEXT.search(_CJK_GAP.sub("", fold(text))):
        return "部门整体支出绩效自评表 (whole-department form) is not a 项目支出 form"
    if is_target_table(text):
        return _TARGET_TABLE_REASON
    weighted = framework_labels_in_text(text)
    if len(weighted) >= 2:
        return (
            "evaluation-framework layout (一级指标 " + "/".join(sorted(weighted))
            + "): 决策/过程/产出/效益 scorecards are not read as self-assessment forms"
        )
    return None


def unsupported_reason(form: dict[str, Any], text: str | None = None, target_table: bool = False) -> str | None:
    """`text`: the file's text when it holds this form only; `target_table`: the file is titled as a
    target declaration (is_target_table), whatever number of forms it holds."""
    title = label_key(form.get("title") or "")
    if any(marker in title for marker in _DEPARTMENT_TITLE):
        return "部门整体支出绩效自评表 (whole-department form) is not a 项目支出 form"
    if not title and target_table:
        return _TARGET_TABLE_REASON
    level1 = {label_key(i.get("level1") or "") for i in form.get("indicators") or ()}
    framework = level1 & _FRAMEWORK_LEVEL1
    if not framework:
        # Flattened scorecards lose their level columns: the 一级 labels (项目决策, 项目管理…)
        # then arrive as rows of their own. Two of them among the row names is no indicator list.
        names = {label_key(i.get("name") or "") for i in form.get("indicators") or ()}
        if len(names & _FRAMEWORK_ROW_NAMES) >= 2:
            framework = names & _FRAMEWORK_ROW_NAMES
    if not framework and text is not None:
        weighted = framework_labels_in_text(text)
        if len(weighted) >= 2:
            framework = weighted
    if framework:
        return (
            "evaluation-framework layout (一级指标 " + "/".join(sorted(framework))
            + "): 决策/过程/产出/效益 scorecards are not read as self-assessment forms"
        )
    return None
