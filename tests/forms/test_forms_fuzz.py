"""parse_document never fails with anything but DocumentError, whatever the input."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orchestration.forms import DocumentError, parse_document, to_contract_dict

# Lines that steer the parser into each of its sections, mixed with noise.
_LINES = [
    "\t2020年某项目支出绩效自评表",
    "\t(2021年度)",
    "\t项目名称",
    "\t主管部门",
    "\t实施单位",
    "\t项目资金（万元）",
    "\t年初预算数",
    "\t全年预算数",
    "\t全年执行数",
    "\t分值",
    "\t执行率",
    "\t得分",
    "\t年度资金总额",
    "\t其中：当年财政拨款",
    "\t上年结转资金",
    "\t年度总体目标",
    "\t预期目标",
    "\t实际完成情况",
    "\t一级指标",
    "\t二级指标",
    "\t三级指标",
    "\t年度指标值",
    "\t实际完成值",
    "\t偏差原因分析及改进措施",
    "\t产出指标(50分)",
    "\t数量指标",
    "\t总分",
    "\t优",
    "\t/",
    "\t—",
    "\t",
    "",
    '"',
    "（万元）",
    "\t>=95%",
    "\t≧1,000人次",
    "\t<=12月",
    "\t2021年12月31日之前",
    "\t98.74%",
    "\t10.00分",
    "\t完成",
    "\t1 314",
    "\t１２３４５６７８９０１２３４５６７８９０１２３４５６７８９０１２３４５６７８９０１２３４５６７８９０",
    "\t9" * 3,
]

_fuzz = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _parse_or_document_error(data: bytes) -> None:
    try:
        result = parse_document(data, "fuzz.txt")
    except DocumentError as error:
        assert str(error).startswith("fuzz.txt: line ")
        return
    assert result.forms
    for form in result.forms:
        to_contract_dict(form)
        assert 1 <= form["line_start"] <= form["line_end"]


@_fuzz
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data):
    _parse_or_document_error(data)


@_fuzz
@given(st.text(max_size=2000))
def test_arbitrary_text(text):
    _parse_or_document_error(text.encode("utf-8"))


@_fuzz
@given(
    st.lists(st.one_of(st.sampled_from(_LINES), st.text(max_size=30)), max_size=200),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]),
)
def test_form_like_lines(lines, encoding):
    text = "\n".join(lines)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    _parse_or_document_error(data)


# Cells that steer the flattened, pipe, run-on and one-cell-per-paragraph readers into their rules.
_CELLS = [
    "项目支出绩效自评表", "项目支出绩效目标表", "(2021年度)", "2021年中央对地方专项转移支付区域绩效目标自评表",
    "项目名称", "专项(项目)名称", "主管主管部门", "市级主管部门", "项目单位", "某某经费", "自评得分",
    "项目资金(万元)", "预算执行情况", "转移支付预算数(A)", "转移支付执行数(B)", "预算执行率(B/A)", "预算数:", "执行数:",
    "全年预算数(A)", "全年执行数(B)", "年初预算数", "分值", "执行率", "得分", "备注", "年度资金总额:", "合计",
    "其中:当年财政拨款", "其他资金", "(包括结转结余)", "政府性基金",
    "预期目标", "目标实际完成情况", "目标1:完成", "目标2:加强",
    "绩效指标", "一级", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "目标值", "实际完成值",
    "权重", "得分计算方法", "偏差原因分析及改进措施", "90.00",
    "产出指标(50分)", "产", "数量指标", "数量指标(必填硬性指标)", "时效指标", "预算执行率", "服务对象满意度",
    "指标1.抽验品种", "指标2:", "★补助面积", "是否明显提高", "达成预期指标", "显著提高显著提高",
    "004 >=", "≥3", "1亿", "元", "95", "%", "5.8万", "28.1", "100%", "95.00%", "20%", "10", "9.34",
    "分总", "得分合计", "总分", "",
]


@_fuzz
@given(
    st.lists(st.one_of(st.sampled_from(_CELLS), st.text(max_size=12)), max_size=120),
    st.sampled_from([" | ", " ", "", "\n\n", " |\n", "\n"]),
)
def test_form_like_cells_in_every_text_layout(cells, separator):
    _parse_or_document_error(separator.join(cells).encode("utf-8"))
