"""Rule ID -> the rule in Chinese, for auditors (a translation of docs/rules.md; keep in step with it)."""

from __future__ import annotations

RULE_TEXTS: dict[str, str] = {
    # 结构 / 解析
    "R-PARSE-01": "自评表须有项目名称、评价年度和“年度资金总额”行",
    "R-PARSE-02": "自评表须有至少一项适用的绩效指标，并有“总分”行",
    "R-PARSE-03": "金额、分值、得分、总分、执行率等单元格须为数字（允许处可填“—”“/”或留空）",
    "R-PARSE-04": "同一单位、项目、年度的自评表再次报送且内容不同：以新报送的为准，新旧两份均保留",
    # 资金
    "R-FUND-01": "填报的执行率须等于全年执行数÷全年预算数：相差不超过0.01个百分点为通过，不超过0.5个百分点为警告，超过为错误",
    "R-FUND-02": "资金得分应为 分值×min(执行率, 1)（容差 0.005×分值+0.006）",
    "R-FUND-03": "资金得分须在0与分值之间",
    "R-FUND-04": "全年执行数超过全年预算数",
    "R-FUND-05": "年度资金总额须等于财政拨款、上年结转资金与其他资金之和（年初预算数、全年预算数、全年执行数分别核对，容差0.01）",
    "R-FUND-06": "只有年度资金总额行计分；资金来源行填写的分值、得分不予计入",
    "R-FUND-07": "全年预算数为0或未填写，无法计算执行率",
    "R-FUND-11": "金额不能为负数",
    # 分值
    "R-WGT-01": "资金分值与全部适用指标分值合计须为100（容差0.01），总分行分值（如填写）须等于该合计",
    "R-WGT-02": "分值结构不同于资金10分、产出50分、效益30分、满意度10分",
    "R-WGT-03": "一级指标标注了分值（如“产出指标(50分)”）时，其下各指标分值合计须等于标注分值",
    # 指标
    "R-IND-01": "指标得分须在0与分值之间",
    "R-IND-02": "正向（≥、>）和等于（=）指标：达到指标值得满分，否则得 分值×实际完成值÷指标值",
    "R-IND-03": "实际完成值达到指标值的1.2倍及以上，指标值可能设置偏低",
    "R-IND-04": "反向指标（≤、<，如成本）：未超过指标值得满分；超过时按 分值×(2−实际÷指标) 或 分值×指标÷实际 计分",
    "R-IND-06": "定性指标按达成/部分达成/未达成分别得分值的80%–100%、60%–80%、60%以下",
    "R-IND-07": "得分低于分值，但未填写偏差原因分析及改进措施",
    "R-IND-08": "数量型指标值未写比较符号：已推定（成本指标按≤，其余按≥）",
    "R-IND-09": "指标值为数字，实际完成值却不是数字，无法计分",
    "R-IND-10": "成本指标（万元）的实际完成值与资金表全年执行数不一致",
    "R-IND-11": "二级指标不属于其一级指标",
    "R-IND-13": "未达到数量型指标值却得满分",
    # 总分
    "R-TOT-01": "总分须等于资金得分与各指标得分之和：相差不超过0.01为通过，不超过0.005×计分行数为警告，超过为错误",
    "R-TOT-02": "总分须在0至100之间，且不超过分值合计",
    "R-TOT-04": "填报的评价等级须与总分相符（优≥90，良80–90，中60–80，差<60）",
    "R-TOT-05": "执行率低于60%而总分不低于90",
}

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
STATUS_ZH = {"published": "已发布", "quarantined": "已隔离", "superseded": "已被新版本替代"}


UNLISTED_RULE_SUFFIX = "（规则说明见 docs/rules.md）"


def rule_text(rule_id: str | None) -> str:
    if not rule_id:
        return ""
    return RULE_TEXTS.get(rule_id, rule_id + UNLISTED_RULE_SUFFIX)


def severity_zh(severity: str | None) -> str:
    return SEVERITY_ZH.get(severity or "", severity or "")


def status_zh(status: str | None) -> str:
    return STATUS_ZH.get(status or "", status or "")
