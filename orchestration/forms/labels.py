"""Header vocabulary of the forms, keyed by normalize.label_key().

Template variants name the same column differently; adding a synonym here is how a new
variant's headers are taught to the layout code.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .normalize import label_key

# "…项目支出绩效自评表", "…绩效目标自评表", and the 湖北/区直 "…项目自评表" (no 绩效 in the title).
TITLE = re.compile(r"(?:绩效(?:目标)?|项目)自评表$")
TITLE_MAX_CHARS = 120
# "(2021年度)" (the reporting year); the title itself often carries a project year instead.
REPORT_YEAR = re.compile(r"\(\s*((?:19|20)\d{2})\s*年度?\s*\)")
# What may follow a title's "(2021年度)" when the bracket dates the form, not the project named before it
# ("某某项目(2021年度)项目支出绩效自评表"; but "农村道路建设(2021年)项目项目支出绩效自评表" names the project's year).
TITLE_FORM_NAME = re.compile(r"(?:项目支出|专项资金|项目)?(?:绩效(?:目标)?)?自评表")
# Fallback for titles such as "2022年度项目支出绩效自评表": a year directly before a short
# generic form name, not a project name that happens to start with a year.
TITLE_YEAR = re.compile(r"((?:19|20)\d{2})年度[^\d]{0,8}(?:绩效(?:目标)?|项目)自评表")
# ... and "2022年项目支出绩效自评表": with 年 alone only before the generic form name itself (a project
# name may open with its own year: "2021年农村道路项目自评表").
TITLE_YEAR_GENERIC = re.compile(r"^((?:19|20)\d{2})年(?:项目支出|专项资金|项目)?绩效(?:目标)?自评表$")
# The year on a line of its own without brackets, as a label's value or bare ("年度：2022", "报告年度：2022年",
# "2022年度"), compared on label_key(); never a date ("填报日期：2023年3月1日").
YEAR_LINE = re.compile(r"(?:(?:报告|所属)?年度:?((?:19|20)\d{2})年?度?|((?:19|20)\d{2})年度)")
# ... and for a region-wide transfer form ("2021年中央对地方专项转移支付区域绩效目标自评表"): it covers one
# year of the transfer, so a year opening its title is the report year.
TITLE_REGION_YEAR = re.compile(r"^((?:19|20)\d{2})年[^\d]{0,30}区域(?:\(项目\))?绩效(?:目标)?自评表$")
# ... and for titles that name the project after the year ("2022年度<项目名称>项目自评表").
TITLE_YEAR_BEFORE_NAME = re.compile(r"((?:19|20)\d{2})年度(.+)")
AMOUNT_UNITS_WORDS = {"万元", "千元", "亿元", "元"}
# A target's comparator as forms write it, in a 指标性质 cell or before the value ("≥", ">=", "不低于").
COMPARATOR = (r"(?:>=|<=|=>|=<|==|＞＝|＜＝|大于等于|小于等于|不低于|不高于|不少于|不超过|不多于|大于|小于|等于"
              r"|[<>=≥≤≧≦═＞＜])")
# "单位:元", "单位为万元", "(人民币元)"; never "填报单位元阳县…" (a unit's name) nor "实施单位为元江县…".
AMOUNT_UNIT = re.compile(r"\((?:人民币)?(万元|千元|亿元|元)\)|(?<![填报实施使用主管预算])单位(?::|为)?(?:人民币)?(万元|千元|亿元|元)"
                         r"(?![\u4e00-\u9fff])")
GRADE = re.compile(r"(?:(?:自评|评价|绩效)?等级)?[:]?(优|良|中|差)(?:秀|好|等)?")

INFO_FIELDS = {
    "项目名称": "project_name",
    "专项资金名称": "project_name",
    # 四川 项目绩效目标自评表.
    "政策(项目)名称": "project_name",
    # 福建 专项资金绩效自评表.
    "专项名称": "project_name",
    # 湖北 武汉 区级 绩效目标自评报告.
    "专项(项目)名称": "project_name",
    "主管部门": "department",
    "县级主管部门": "department",
    # 安徽 转移支付 forms: the city's department is the only 主管部门 they name.
    "市级主管部门": "department",
    "主管部门(盖章)": "department",
    "项目主管部门": "department",
    # 宁夏: the department's name followed by its unit code, kept together as written.
    "主管部门及代码": "department",
    # The budget unit the project's money is granted to, in templates that name no 主管部门.
    "预算部门": "department",
    "实施单位": "implementing_unit",
    "实施单位(盖章)": "implementing_unit",
    "项目实施单位": "implementing_unit",
    # 中央转移支付 template: the project, the local department (not the 中央主管部门) and the unit
    # that spends the money.
    "转移支付(项目)名称": "project_name",
    "转移支付项目名称": "project_name",
    "转移(项目)名称": "project_name",
    "地方主管部门": "department",
    "资金使用单位": "implementing_unit",
    # 广东 专项债券 项目绩效自评表.
    "项目单位": "implementing_unit",
}
# One cell naming both (Hebei "实施(主管)单位").
INFO_BOTH = {"实施(主管)单位": ("implementing_unit", "department"), "主管(实施)单位": ("implementing_unit", "department")}
# A header cell naming two fields ("项目实施单位/项目负责人"): each part is an info label or another
# header label; its value is split at the same separator when it has as many parts.
_COMBINED_SEPARATOR = re.compile(r"[/／、]")
OTHER_HEAD_LABELS = {"项目负责人", "负责人", "负责人及电话", "项目负责人及电话", "联系电话", "联系人", "填报人",
                     "项目编码", "项目代码", "项目类别", "项目类型", "项目属性",
                     # 中央转移支付 template: the ministry and the province's department; the contract's
                     # 主管部门 is the 地方主管部门.
                     "中央主管部门", "省级主管部门",
                     # 福建 专项资金绩效自评表: text rows between the project block and the funds.
                     "项目概况", "主要成效"}
# ... and, with the header's date and filing-unit lines, every header label that ends the value before
# it without being a contract field (the stream and run-on parsers stop a header value there).
HEAD_STOP_LABELS = OTHER_HEAD_LABELS | {"填报日期", "填报单位", "单位名称", "是否为专项资金", "资金用途"}


class Combined(tuple):
    """Fields of a combined label (one per part), told apart from INFO_BOTH's one-value pairs."""


def combined_info(key: str) -> Combined | None:
    """Fields of a combined label, one per part (None: a part that is no contract field), or
    None when `key` is not a combined label whose first part is an info label."""
    if len(key) > 30:
        return None
    parts = _COMBINED_SEPARATOR.split(key)
    if len(parts) < 2 or parts[0] not in INFO_FIELDS:
        return None
    fields = []
    for part in parts:
        if part in INFO_FIELDS:
            fields.append(INFO_FIELDS[part])
        elif part in OTHER_HEAD_LABELS:
            fields.append(None)
        else:
            return None
    return Combined(fields)


def combined_values(fields: tuple[str | None, ...], value: str) -> dict[str, str]:
    """The value of a combined label, split at the same separator when it has as many parts;
    otherwise the whole value belongs to the first field."""
    pieces = [p.strip() for p in _COMBINED_SEPARATOR.split(value)]
    if len(pieces) == len(fields) and all(pieces):
        return {f: p for f, p in zip(fields, pieces) if f}
    return {fields[0]: value.strip()} if value.strip() else {}


# 总分 stated in the title line when the form has no 总分 row ("项目总得分99分", "自评得分: 95分").
TITLE_TOTAL = re.compile(r"(?:项目)?(?:总得分|自评总分|自评得分|总分)[:：]?\s*(\d{1,3}(?:\.\d+)?)\s*分")

# Project codes printed before the name ("51000021R000000019951-工资性支出").
PROJECT_CODE = re.compile(r"^[0-9A-Za-z]{12,}\s*[-－—_]\s*(?=\S)")

FUNDS_COLUMNS = {
    "年初预算数": "initial_budget",
    "年初预算": "initial_budget",
    "全年预算数": "annual_budget",
    "调整后预算数": "annual_budget",
    "全年执行数": "executed",
    "预算执行数": "executed",
    "分值": "weight",
    "权重": "weight",
    "分值权重": "weight",
    "执行率": "execution_rate",
    "预算执行率": "execution_rate",
    "得分": "score",
    "全年预算": "annual_budget",
    "调整预算数": "annual_budget",
    "预算安排情况(调整后)": "annual_budget",
    "资金执行情况": "executed",
    "全年执行": "executed",
    "执行数": "executed",
    "预算执行进度": "execution_rate",
    "资金到位情况": "received",
    "原因": "reason",
    "执行率未达标原因": "reason",
}
# 区直专项 / 湖北 templates: "预算数(A) 执行数(B) 执行率(B/A) 得分(20分*执行率)": with its column
# letter, 预算数 is the adjusted annual budget column (the forms' own note says so); bare 预算数
# is also a row label (河北 预算数 / 到位数 / 执行数 groups), so only the lettered cell counts.
LETTERED_BUDGET = re.compile(r"^预算数\(A\)$")
FUNDS_AMOUNT_COLUMNS = ("initial_budget", "annual_budget", "executed")
FUNDS_COLUMN_LABELS = {
    "initial_budget": "年初预算数",
    "annual_budget": "全年预算数",
    "executed": "全年执行数",
    "weight": "分值",
    "execution_rate": "执行率",
    "score": "得分",
}

# Text-only blocks after the funds rows (中央转移支付 template: "资金管理情况 | 情况说明 |
# 存在问题和改进措施", then 分配科学性, 下达及时性 …): no row of them is a source of funds.
FUNDS_TEXT_SECTIONS = {"资金管理情况", "资金使用管理情况"}

TOTAL_FUND = "total"
FUND_SOURCES = {
    "年度资金总额": TOTAL_FUND,
    "当年财政拨款": "appropriation",
    "本年财政拨款": "appropriation",
    "财政拨款": "appropriation",
    "财政资金": "appropriation",
    "上年结转资金": "carryover",
    "上年结转": "carryover",
    "其他资金": "other",
    "其他": "other",
    "总额": TOTAL_FUND,
    "资金总额": TOTAL_FUND,
    "年度财政资金总额": TOTAL_FUND,
    "预算数": TOTAL_FUND,
    # 湖北 区级 forms: the source rows first, then their 合计.
    "合计": TOTAL_FUND,
}
_FUND_PREFIX = re.compile(r"^其中[:：]?")
# "其他资金(包括结转结余)", "财政拨款(含追加)": a known row label with what it includes after it.
_FUND_INCLUDES = re.compile(r"\((?:包括|包含|含)[^()]*\)$")

GOAL_SECTION = {"年度总体目标", "总体目标"}
GOAL_COLUMNS = {
    "预期目标": "expected",
    "年度目标": "expected",
    "年初设定目标": "expected",
    "年度预期目标": "expected",
    "项目年度目标": "expected",
    "实际完成情况": "actual",
    "全年实际完成情况": "actual",
    "年度目标完成情况": "actual",
    "具体完成情况": "actual",
    "年度总体目标完成情况综述": "actual",
    "总体目标完成情况": "actual",
    "目标实际完成情况": "actual",
}

INDICATOR_COLUMNS = {
    "一级指标": "level1",
    "二级指标": "level2",
    # A merged header cell cut short ("一级 | 二级指标 | 三级指标").
    "一级": "level1",
    "二级": "level2",
    "三级": "name",
    "三级指标": "name",
    "年度指标值": "target",
    "预期指标值": "target",
    "年度目标值": "target",
    "目标值": "target",
    "指标值": "target",
    "实际完成值": "actual",
    "全年完成值": "actual",
    "全年实际完成值": "actual",
    "单项指标实际完成值": "actual",
    "实际完成指标值": "actual",
    "全年实际值": "actual",
    "年初目标值": "target",
    "分值": "weight",
    "指标分值": "weight",
    "权重": "weight",
    "得分": "score",
    "自评得分": "score",
    "偏差原因分析及改进措施": "note",
    "未完成原因和改进措施": "note",
    "未完成原因及改进措施": "note",
    "偏差原因分析": "note",
    "未完成原因分析": "note",
    "偏差原因分析及整改措施": "note",
    "未完成原因分析及改进措施": "note",
    "未完成原因及拟采取的改进措施": "note",
    "未完成原因": "note",
    "完成值": "actual",
    "指标性质": "target_op",
    "符号": "target_op",
    "计算符号": "target_op",
    "度量单位": "target_unit",
    "计量单位": "target_unit",
    "单位(文字描述)": "target_unit",
    "单项指标完成情况": "status",
    "单项指标得分": "item_score",
    "权重占比": "weight_share",
    "单项指标折算得分": "score",
    "扣减分数": "deduction",
    "评(扣)分标准": "standard",
    "评分标准": "standard",
    "得分计算方法": "standard",
    "指标解释": "description",
    "指标说明": "description",
    # 新疆 template: every measure column says 指标…, and four columns of context no parse needs.
    "指标分值权重": "weight",
    "指标实际完成值": "actual",
    "指标得分": "score",
    "指标赋分规则": "standard",
    "指标值设置依据": "target_basis",
    "上年完成值": "previous_actual",
    "佐证资料": "evidence",
}
# Indicator columns only a positional reading can place (the sequential one of flattened text knows
# name, target, actual, numbers and note): context a parse does not keep.
CONTEXT_COLUMNS = {"target_basis", "previous_actual", "evidence", "completion"}
# Column labels that are also indicator names ("完成率"): a column only in a header that already has
# a context column.
CONTEXT_ONLY_COLUMNS = {"完成率": "completion"}
# Level names, for layouts whose rows lost their boundaries (flattened text).
LEVEL1_NAMES = {"产出指标", "效益指标", "效果指标", "满意度指标", "成本指标", "预算执行率"}
LEVEL2_NAMES = {
    "数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标", "生态效益指标",
    "可持续影响指标", "满意度指标", "服务对象满意度指标", "服务对象满意度指标等", "经济成本指标",
    "社会成本指标", "生态环境成本指标", "环境效益指标",
    # 湖北 (黄石) forms: the one 二级 cell under 满意度指标.
    "具体指标",
}
# The 一级 cell the standard indicator system puts over each of its 二级 cells.
LEVEL1_OF_LEVEL2 = {
    "数量指标": "产出指标", "质量指标": "产出指标", "时效指标": "产出指标", "成本指标": "产出指标",
    "经济效益指标": "效益指标", "社会效益指标": "效益指标", "生态效益指标": "效益指标", "环境效益指标": "效益指标",
    "可持续影响指标": "效益指标", "服务对象满意度指标": "满意度指标",
}
# 二级 cells written without "指标" ("经济效益", "时效"); 环境效益 is the older name of 生态效益.
SHORT_LEVEL2 = ("数量", "质量", "时效", "成本", "经济效益", "社会效益", "生态效益", "环境效益", "可持续影响")
_DOUBLED = re.compile(r"(..)\1")


def level_name_key(key: str) -> str:
    """A level label with a word typed twice ("社会效益效益指标") read as the label it repeats;
    only used when the label itself is not in the vocabulary."""
    if key in LEVEL1_NAMES or key in LEVEL2_NAMES:
        return key
    collapsed = undoubled(key)
    return collapsed if collapsed in LEVEL1_NAMES or collapsed in LEVEL2_NAMES else key


def undoubled(key: str) -> str:
    """A short label with a two-character word typed twice ("主管主管部门", "社会效益效益指标") as
    the label it repeats; a caller uses it only where the key itself is not in its vocabulary."""
    return key if len(key) > 12 else _DOUBLED.sub(r"\1", key)


# Section labels that only open the indicator table.
INDICATOR_NOISE = re.compile(r"^(?:[一二三四五六七八九十\d]+[、.．])?(?:年度)?绩效指标(?:完成情况)?(?:\(\d+分\))?$")
LEVEL1_WEIGHT = re.compile(r"^(.*?)\(\s*(\d+(?:\.\d+)?)\s*分?\s*\)$")

# "分总": 总分 with its two characters swapped, as one export prints it.
TOTAL_ROW = {"总分", "总得分", "自评总分", "分总", "得分合计"}
# Total rows that hold the score alone ("得分合计 | 94"): their one value is never a 分值.
SCORE_ONLY_TOTALS = {"得分合计"}
# Only a total where the indicator table is open (a funds block may also have a 合计 row).
INDICATOR_TOTAL_ROW = {"合计", "总计", "综合得分"}
# Subtotals of a 一级 or 二级 block inside the indicator table: sums of the rows above, no indicator.
SUBTOTAL_ROW = {"小计", "分项小计", "本项小计"}


def total_key(key: str) -> str:
    """"总分(100分)" -> "总分": a total label may carry the form's full marks (the 分值 is then
    in the label, and the one number of the row is the 得分)."""
    match = LEVEL1_WEIGHT.match(key) if key.endswith(")") else None
    if match and match.group(1) in TOTAL_ROW:
        return match.group(1)
    return key


# Rows between the indicator table and 总分 that are remarks, not indicators.
# Words a qualitative target or actual cell consists of (达成情况 written as a word, not a number).
QUALITATIVE_WORDS = {"是", "否", "有", "无", "好", "较好", "优", "良", "合格", "达标", "达到", "完成", "基本达到",
                     "基本完成", "未达到", "部分达到", "满意", "有效", "显著", "明显", "提高", "提升", "降低", "减少",
                     "增加", "改善"}
REMARK_ROWS = {"其他需要说明事项", "说明", "备注", "注", "评价结论", "存在问题", "改进措施"}
# Sections of text after the indicator table (湖北 forms), their labels often wrapped over lines.
AFTER_TABLE_SECTIONS = {"偏差大或目标未完成原因分析", "改进措施及结果应用方案"}

# Column letters such as "全年预算数(A)", "执行率(B/A)" in some templates, also with one bracket lost
# in the copy ("年初目标值(A", "执行数B)").
_COLUMN_LETTERS = re.compile(r"\((?:[A-Za-z/]+|%|万元|千元|亿元|元)\)$|\([^()]*[*×][^()]*\)$|\([A-Z](?:/[A-Z])?$"
                             r"|(?<=[\u4e00-\u9fff])[A-Z](?:/[A-Z])?\)$")


# Label cells repeat across forms ("数量指标", "/", "10"): caching the key is most of the
# per-cell cost on large files.
@lru_cache(maxsize=16384)
def column_key(text: str) -> str:
    return _COLUMN_LETTERS.sub("", label_key(text))


def fund_label(text: str) -> str:
    """The fund row's label as written, without layout noise ("其中：", spaces, end colon)."""
    return _FUND_PREFIX.sub("", "".join(text.split())).strip(":：")


def fund_source(label: str) -> str:
    key = label_key(label)
    key = _FUND_PREFIX.sub("", key)
    return FUND_SOURCES.get(key) or FUND_SOURCES.get(_FUND_INCLUDES.sub("", key)) or f"other:{label}"
