"""audit.xlsx: one findings row per finding, Chinese headers, frozen header, filters, readable widths."""

from __future__ import annotations

import json
import re

import duckdb
import openpyxl

from orchestration.reports.rule_texts import RULE_TEXTS
from orchestration.reports.summary import UNREADABLE
from orchestration.reports.xlsx_report import FINDING_HEADERS
from tests.conftest import REPO, run_jixiao
from tests.reports.multi_year import OTHER_UNIT, SEED_UNIT

EXPECTED_HEADERS = ["实施单位", "项目名称", "年度", "规则编号", "严重程度", "规则说明", "对象", "填报值", "应为值",
                    "说明", "来源文件", "表序号", "行号"]


def _findings(published_db) -> list[dict]:
    with duckdb.connect(str(published_db), read_only=True) as connection:
        cursor = connection.execute("SELECT * FROM audit_findings")
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


def test_findings_sheet_has_one_row_per_finding_with_chinese_headers(seed_reports):
    workbook = openpyxl.load_workbook(seed_reports["audit_xlsx"])
    sheet = workbook["问题清单"]
    headers = [cell.value for cell in sheet[1]]
    assert headers == EXPECTED_HEADERS == FINDING_HEADERS
    rows = [dict(zip(headers, row)) for row in sheet.iter_rows(min_row=2, values_only=True)]
    findings = _findings(seed_reports["published_db"])
    assert len(findings) == 9 and len(rows) == len(findings)
    key = lambda r: (r[0], r[1], str(r[2]), r[3], r[4])  # noqa: E731
    assert sorted(key((r["规则编号"], r["对象"], r["来源文件"], r["表序号"], r["行号"])) for r in rows) == sorted(
        key((f["rule_id"], f["subject"], f["source_file"], f["form_index"], f["line"])) for f in findings)
    assert {r["严重程度"] for r in rows} == {"警告"}
    assert all(re.search(r"[\u4e00-\u9fff]", r["规则说明"] or "") for r in rows)
    by_rule = {r["规则编号"]: r for r in rows}
    assert by_rule["R-IND-04"]["规则说明"] == RULE_TEXTS["R-IND-04"]


def test_findings_rows_match_jixiao_findings(seed_reports):
    listed = json.loads(run_jixiao("findings", "--json", home=seed_reports["home"], check=True).stdout)
    sheet = openpyxl.load_workbook(seed_reports["audit_xlsx"])["问题清单"]
    assert sheet.max_row - 1 == len(listed)


def test_every_sheet_has_frozen_header_filter_and_widths(seed_reports):
    workbook = openpyxl.load_workbook(seed_reports["audit_xlsx"])
    assert workbook.sheetnames[:4] == ["汇总", "问题清单", "隔离表单", "接收文件"]
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:"), sheet.title
        for index in range(1, sheet.max_column + 1):
            width = sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width
            assert 8 <= width <= 60, (sheet.title, index, width)
    findings = workbook["问题清单"]
    assert findings.auto_filter.ref == f"A1:M{findings.max_row}"
    assert findings.column_dimensions["A"].width >= 20, "unit names are readable"


def test_summary_counts_forms_and_findings_per_department_and_unit(seed_reports):
    sheet = openpyxl.load_workbook(seed_reports["audit_xlsx"])["汇总"]
    headers = [cell.value for cell in sheet[1]]
    assert headers == ["主管部门", "实施单位", "收到表单数", "已发布", "已隔离", "已被替代", "错误", "警告", "提示"]
    rows = [dict(zip(headers, row)) for row in sheet.iter_rows(min_row=2, values_only=True)]
    unit, total = rows[0], rows[-1]
    assert unit["实施单位"] == "昌吉回族自治州人力资源和社会保障服务中心"
    assert (unit["收到表单数"], unit["已发布"], unit["已隔离"], unit["错误"], unit["警告"]) == (5, 5, 0, 0, 9)
    assert total["主管部门"] == "合计" and total["收到表单数"] == 5


def test_quarantined_form_is_listed_with_its_error(multi_year_reports):
    workbook = openpyxl.load_workbook(multi_year_reports["audit_xlsx"])
    sheet = workbook["隔离表单"]
    headers = [cell.value for cell in sheet[1]]
    rows = [dict(zip(headers, row)) for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(rows) == 1
    assert rows[0]["项目名称"] == "2020年事业单位专业技术人员职称评审工作经费"
    assert rows[0]["年度"] == 2020 and rows[0]["错误规则"] == "R-TOT-01"
    assert (rows[0]["来源文件"], rows[0]["表序号"]) == ("unit_a_2020.txt", 1)
    summary = {(r[0], r[1]): r for r in workbook["汇总"].iter_rows(min_row=2, values_only=True)}
    assert summary[(SEED_UNIT, SEED_UNIT)][2:7] == (15, 14, 1, 0, 1)
    assert summary[(OTHER_UNIT, OTHER_UNIT)][2:7] == (10, 10, 0, 0, 0)
    assert summary[("合计", None)][2:5] == (25, 24, 1)
    unreadable = [row for key, row in summary.items() if key[0] == UNREADABLE]
    assert [row[2:7] for row in unreadable] == [(0, 0, 0, 0, 1)], "the file without a form: its R-PARSE-01"
    files = list(workbook["接收文件"].iter_rows(min_row=2, values_only=True))
    assert ("not_a_form.txt", "无法解析") in {(row[0], row[2]) for row in files} and len(files) == 6
    assert workbook["问题清单"].max_row - 1 == len(_findings(multi_year_reports["published_db"]))
    errors = [r for r in workbook["问题清单"].iter_rows(min_row=2, values_only=True) if r[4] == "错误"]
    assert sorted((r[3], r[7], r[8], r[10]) for r in errors) == [
        ("R-PARSE-01", None, None, "not_a_form.txt"), ("R-TOT-01", 90, 100, "unit_a_2020.txt")]


def test_every_rule_of_rules_md_has_a_chinese_text():
    rules = set(re.findall(r"\|\s*(R-[A-Z]+-\d+)\s*\|", (REPO / "docs" / "rules.md").read_text(encoding="utf-8")))
    assert rules and rules <= set(RULE_TEXTS), sorted(rules - set(RULE_TEXTS))
