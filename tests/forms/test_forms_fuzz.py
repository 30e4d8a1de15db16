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
