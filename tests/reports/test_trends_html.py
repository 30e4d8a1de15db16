"""trends.html: inline-SVG charts per department and year, score distribution, biggest movers."""

from __future__ import annotations

import re

from tests.reports.multi_year import OTHER_UNIT, SEED_UNIT
from tests.reports.test_audit_html import _assert_self_contained


def test_seed_trends_page_has_charts(seed_reports):
    text = seed_reports["trends_html"].read_text(encoding="utf-8")
    _assert_self_contained(text)
    assert text.count("<svg") >= 4
    assert "<script" not in text, "charts are plain SVG"
    assert "2021年" in text and "预算执行率" in text and "满分指标占比" in text
    assert "没有跨年度的同一项目" in text


def test_multi_year_trends_show_departments_years_and_movers(multi_year_reports):
    text = multi_year_reports["trends_html"].read_text(encoding="utf-8")
    _assert_self_contained(text)
    for year in (2020, 2021, 2022):
        assert f">{year}年<" in text
    charts = re.findall(r"<svg.*?</svg>", text, re.S)
    assert len(charts) >= 6
    assert all(SEED_UNIT in chart and OTHER_UNIT in chart for chart in charts[:3]), "one line per department"
    movers = text.split('id="movers"', 1)[1]
    assert "2021年度事业单位公开招聘考务经费" in movers
    assert "-5.00" in movers and "+5.00" in movers, "score fell in unit A, rose in unit B"
    assert "-10.0个百分点" in movers and "+10.0个百分点" in movers
