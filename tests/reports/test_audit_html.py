"""audit.html: self-contained, every finding listed and linked to its form, offending cells highlighted."""

from __future__ import annotations

import html
import re

import duckdb

from orchestration.reports.form_render import form_anchor

EXTERNAL = re.compile(r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//"""
                      r"""|@import|<link\b|<iframe\b|<script[^>]+\bsrc=""", re.IGNORECASE)


def _findings(published_db) -> list[dict]:
    with duckdb.connect(str(published_db), read_only=True) as connection:
        cursor = connection.execute("SELECT * FROM audit_findings")
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


def _assert_self_contained(text: str) -> None:
    assert not EXTERNAL.search(text), EXTERNAL.search(text).group(0)
    assert "http://" not in text and "https://" not in text


def test_audit_html_lists_every_finding_and_links_it_to_its_form(seed_reports):
    text = seed_reports["audit_html"].read_text(encoding="utf-8")
    _assert_self_contained(text)
    findings = _findings(seed_reports["published_db"])
    rows = re.findall(r'<tr id="f-(\d+)" data-sev="(\w+)">', text)
    assert len(rows) == len(findings) == 9
    for finding in findings:
        assert html.escape(finding["message"]) in text
        assert f'href="#{form_anchor(finding["form_id"])}"' in text
        assert f'id="{form_anchor(finding["form_id"])}"' in text, "the form is re-drawn on the page"
    # Published forms are re-drawn from the facts: each warning marks its cells.
    assert len(re.findall(r'<td class="[^"]*\bhl warning\b', text)) >= len(findings)
    assert "<title>项目支出绩效自评表 数据质量审核报告</title>" in text
    assert "Noto Sans CJK SC" in text


def test_data_docs_are_linked_relatively(seed_reports):
    text = seed_reports["audit_html"].read_text(encoding="utf-8")
    docs = seed_reports["home"] / "reports" / "data_docs" / "index.html"
    if docs.exists():
        links = re.findall(r'<a href="([^"]*data_docs/index\.html)"', text)
        assert links and all(not link.startswith(("http", "/")) for link in links)
        assert (seed_reports["out"] / links[0]).resolve() == docs.resolve()


def test_quarantined_form_is_redrawn_with_the_offending_cell(multi_year_reports):
    text = multi_year_reports["audit_html"].read_text(encoding="utf-8")
    _assert_self_contained(text)
    findings = _findings(multi_year_reports["published_db"])
    assert len(re.findall(r'<tr id="f-\d+"', text)) == len(findings)
    error = next(f for f in findings if f["rule_id"] == "R-TOT-01")
    row = next(r for r in re.findall(r'<tr id="f-(\d+)" data-sev="error">(.*?)</tr>', text, re.S) if "R-TOT-01" in r[1])
    number = row[0]
    section = text.split(f'id="{form_anchor(error["form_id"])}"', 1)[1].split("</section>", 1)[0]
    assert "已隔离" in section
    # The 总分 cell as written, highlighted as an error and pointing back to the finding.
    cell = re.search(rf'<td class="num hl error" data-f="{number}"[^>]*>([^<]*)<sup>', section)
    assert cell and cell.group(1) == "90.00分"
    assert f'href="#f-{number}"' in section


def test_findings_of_a_file_without_forms_are_listed(multi_year_reports):
    text = multi_year_reports["audit_html"].read_text(encoding="utf-8")
    row = next(r for r in re.findall(r'<tr id="f-\d+" data-sev="error">(.*?)</tr>', text, re.S) if "R-PARSE-01" in r)
    assert "not_a_form.txt" in row
    assert "未能解析出表单的文件" in text


def test_without_the_cells_table_a_quarantined_form_says_why_it_is_not_redrawn(multi_year_home, tmp_path):
    from orchestration.reports import build_reports

    paths = build_reports(multi_year_home / "published" / "jixiao.duckdb", tmp_path, None)
    text = paths["audit_html"].read_text(encoding="utf-8")
    with duckdb.connect(str(multi_year_home / "published" / "jixiao.duckdb"), read_only=True) as connection:
        has_cells = connection.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'audit_form_cells'").fetchone()[0]
    if not has_cells:
        assert "此表单未发布，无法按原样还原表格" in text
    assert "数据文档" not in text.split("</nav>")[0], "no Data Docs link when none is given"
