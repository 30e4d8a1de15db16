"""audit.html: the audit workbook's content as one self-contained page, plus the forms with findings
re-drawn with their offending cells highlighted (inline CSS/JS only; opens without internet).

The page stays usable (and its build cheap) at any size: the long tables and the re-drawn forms are
capped (most severe first: errors, then warnings, then notes; quarantined forms first), and the page
says so and where the full lists are (audit.xlsx, and the published tables).
"""

from __future__ import annotations

import os
from pathlib import Path

from orchestration.reports.form_render import FORM_CSS, build_grid, form_anchor, render_form
from orchestration.reports.page import esc, page
from orchestration.reports.rule_texts import RULE_TEXTS, rule_text, severity_zh
from orchestration.reports.summary import SUMMARY_HEADERS
from orchestration.reports.table_js import TABLE_JS
from orchestration.reports.xlsx_report import FINDING_HEADERS

TITLE = "项目支出绩效自评表 数据质量审核报告"
HTML_MAX_FINDINGS = 10_000  # rows of the findings table (the most severe)
HTML_MAX_FORMS = 1_000  # re-drawn forms (quarantined first)
HTML_MAX_ROWS = 5_000  # rows of the summary, quarantine and file tables


def _data_table(table_id: str, headers: list[str], rows_html: list[str], filter_hint: str = "筛选…",
                severities: bool = False, total: int | None = None) -> str:
    toolbar = [f'<input type="search" placeholder="{esc(filter_hint)}" data-filter-for="{table_id}">']
    if severities:
        for severity, checked in (("error", True), ("warning", True), ("info", False)):
            toolbar.append(f'<label><input type="checkbox" data-severity-for="{table_id}" value="{severity}"'
                           f'{" checked" if checked else ""}> {severity_zh(severity)}</label>')
    toolbar.append(f'<span class="muted" data-count-for="{table_id}">共 {len(rows_html)} 条</span>')
    if total is not None and total > len(rows_html):
        toolbar.append(f'<span class="muted">（全部 {total} 条，本页列出 {len(rows_html)} 条）</span>')
    head = "".join(f"<th>{esc(header)}</th>" for header in headers)
    return (f'<div class="toolbar">{"".join(toolbar)}</div>'
            f'<table class="data" id="{table_id}"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows_html)}</tbody></table>')


def _td(value, numeric: bool = False, sort=None) -> str:
    attributes = ' class="num"' if numeric else ""
    if sort is not None:
        attributes += f' data-sort="{esc(sort)}"'
    return f"<td{attributes}>{esc(value)}</td>"


def _relative_link(target: Path, out_dir: Path) -> str:
    try:
        return Path(os.path.relpath(Path(target).resolve(), Path(out_dir).resolve())).as_posix()
    except ValueError:  # another drive (Windows)
        return Path(target).resolve().as_uri()


def _capped(shown: int, total: int, where: str) -> str:
    if total <= shown:
        return ""
    return (f'<p class="note">共 {total} 条，本页只列出前 {shown} 条（按严重程度排序）；{esc(where)}</p>')


def write_audit_html(source, path: Path, data_docs_index: Path | None = None) -> Path:
    """source: an open orchestration.reports.data.ReportSource."""
    path = Path(path)
    counts = source.counts()
    summary_all = source.summary_rows()
    total = summary_all[-1]
    summary_rows = summary_all[:-1]
    if len(summary_rows) > HTML_MAX_ROWS:  # the units with the most problems, in department/unit order
        worst = sorted(range(len(summary_rows)), key=lambda i: (-summary_rows[i][6], -summary_rows[i][7],
                                                                -summary_rows[i][2], i))[:HTML_MAX_ROWS]
        summary_rows = [summary_rows[i] for i in sorted(worst)]

    shown_forms = source.choose_forms_to_draw(HTML_MAX_FORMS)
    shown_ids = {form["form_id"] for form in shown_forms}
    findings_by_form = source.shown_findings()
    cells = source.shown_cells()
    funds = source.shown_facts("fct_fund_execution")
    indicators = source.shown_facts("fct_indicator_result")
    findings = list(source.findings(limit=HTML_MAX_FINDINGS))
    listed = {finding["number"] for finding in findings}
    quarantined = list(source.quarantined(limit=HTML_MAX_ROWS))
    files = list(source.files(limit=HTML_MAX_ROWS, failed_first=counts["files"] > HTML_MAX_ROWS))
    orphan_count, orphans = source.orphan_findings(HTML_MAX_ROWS)

    cards = [("收到表单", counts["forms"], ""), ("已发布", counts["published"], ""),
             ("已隔离", counts["quarantined"], "error" if counts["quarantined"] else ""),
             ("已被替代", counts["superseded"], ""), ("错误", counts["error"], "error"),
             ("警告", counts["warning"], "warning"), ("提示", counts["info"], "info"),
             ("收到文件", counts["files"], "")]
    body = [f'<header class="top"><h1>{TITLE}</h1><nav><a href="#summary">汇总</a><a href="#findings">问题清单</a>'
            '<a href="#quarantined">隔离表单</a><a href="#files">接收文件</a><a href="#forms">表单还原</a>'
            '<a href="#rules">规则说明</a>'
            + (f'<a href="{esc(_relative_link(data_docs_index, path.parent))}">Great Expectations 数据文档</a>'
               if data_docs_index else "")
            + "</nav></header>",
            f'<p class="meta">发布批次 {esc(source.load.get("load_id"))} · 发布时间 {esc(source.load.get("published_at"))}'
            f' · 数据来源 {esc(source.published_db.name)}（只读）</p>',
            '<div class="cards">' + "".join(f'<div class="card {cls}"><b>{value}</b>{esc(label)}</div>'
                                            for label, value, cls in cards) + "</div>"]

    summary = [("<tr>" + "".join(_td(v, numeric=i >= 2) for i, v in enumerate(row)) + "</tr>") for row in summary_rows]
    body.append('<h2 id="summary">汇总（按主管部门、实施单位）</h2>')
    if len(summary_rows) < len(summary_all) - 1:
        body.append(f'<p class="note">共 {len(summary_all) - 1} 个单位，本页列出问题最多的 {len(summary_rows)} 个；'
                    "完整汇总见 audit.xlsx 的“汇总”工作表。</p>")
    body.append(_data_table("summary-table", SUMMARY_HEADERS, summary, total=len(summary_all) - 1))
    body.append('<p class="meta">合计：' + "，".join(f"{h} {v}" for h, v in zip(SUMMARY_HEADERS[2:], total[2:]))
                + "</p>")

    finding_rows = []
    for finding in findings:
        number = finding["number"]
        severity = finding["severity"] or ""
        if finding["form_id"] in shown_ids:
            form_link = f'<a href="#{form_anchor(finding["form_id"])}" data-finding="{number}">查看表单</a>'
        elif finding["has_form"]:
            form_link = '<span class="muted" title="本页只还原部分表单，见“表单还原”的说明">未还原</span>'
        else:
            form_link = ""
        finding_rows.append(
            f'<tr id="f-{number}" data-sev="{esc(severity)}">'
            + _td(number, numeric=True)
            + _td(finding["implementing_unit"])
            + _td(finding["project_name"])
            + _td(finding["report_year"], numeric=True)
            + f'<td class="nowrap">{esc(finding["rule_id"])}</td>'
            + f'<td data-sort="{ {"error": 0, "warning": 1, "info": 2}.get(severity, 9)}">'
              f'<span class="sev {esc(severity)}">{esc(severity_zh(severity))}</span></td>'
            + _td(rule_text(finding["rule_id"]))
            + _td(finding["subject"])
            + _td(finding["reported"], numeric=True)
            + _td(finding["expected"], numeric=True)
            + _td(finding["message"])
            + _td(finding["source_file"])
            + _td(finding["form_index"], numeric=True)
            + _td(finding["line"], numeric=True)
            + f"<td>{form_link}</td></tr>")
    body.append('<h2 id="findings">问题清单（每条问题一行）</h2>')
    body.append('<p class="meta">“提示”级问题默认隐藏，勾选即可显示。点击列标题排序；“查看表单”跳转到还原的表单并标出问题单元格。</p>')
    body.append(_capped(len(findings), counts["findings"],
                        "完整清单见 audit.xlsx 的“问题清单”工作表，或发布库的 audit_findings 表。"))
    body.append(_data_table("findings-table", ["序号"] + FINDING_HEADERS + ["表单"], finding_rows,
                            "按单位、项目、规则、说明筛选…", severities=True, total=counts["findings"]))

    def finding_ref(error) -> str:
        number = error["number"]
        label = esc(error["rule_id"])
        return f'<a href="#f-{number}">{label}</a>' if number in listed else label

    quarantined_rows = []
    for form in quarantined:
        name = (f'<a href="#{form_anchor(form["form_id"])}">{esc(form["project_name"])}</a>'
                if form["form_id"] in shown_ids else esc(form["project_name"]))
        quarantined_rows.append(
            "<tr>" + _td(form["department"]) + _td(form["implementing_unit"])
            + f"<td>{name}</td>"
            + _td(form["report_year"], numeric=True) + _td(form["error_count"], numeric=True)
            + _td(form["warning_count"], numeric=True)
            + "<td>" + "<br>".join(f'{finding_ref(e)} {esc(e["message"])}' for e in form["errors"]) + "</td>"
            + _td(form["source_file"]) + _td(form["form_index"], numeric=True)
            + _td(form["line_start"], numeric=True) + "</tr>")
    body.append('<h2 id="quarantined">隔离表单（存在错误，未发布）</h2>')
    body.append(_capped(len(quarantined_rows), counts["quarantined"],
                        "完整清单见 audit.xlsx 的“隔离表单”工作表，或发布库的 audit_form_status 表。"))
    body.append(_data_table("quarantined-table", ["主管部门", "实施单位", "项目名称", "年度", "错误数", "警告数",
                                                  "错误", "来源文件", "表序号", "起始行"], quarantined_rows,
                            total=counts["quarantined"])
                if quarantined_rows else '<p class="muted">本次没有被隔离的表单。</p>')

    status_text = {"parsed": "已解析", "failed": "无法解析"}
    file_rows = ["<tr>" + _td(row["file_name"]) + _td(row["received_at"])
                 + _td(status_text.get(row["status"], row["status"])) + _td(row["form_count"], True)
                 + _td(row["error"]) + _td(row["error_line"], True)
                 + _td((row["file_hash"] or "")[:16]) + "</tr>" for row in files]
    body.append('<h2 id="files">接收文件</h2>')
    if counts["files"] > len(files):
        body.append(f'<p class="note">共 {counts["files"]} 个文件，本页列出 {len(files)} 个（无法解析的文件在前）；'
                    "完整清单见 audit.xlsx 的“接收文件”工作表，或发布库的 audit_received_files 表。</p>")
    body.append(_data_table("files-table", ["文件名", "接收时间", "状态", "表单数", "无法解析的原因", "出错行号",
                                            "内容哈希"], file_rows, total=counts["files"]))

    body.append('<h2 id="forms">表单还原（标出问题单元格）</h2>')
    body.append('<p class="meta">红色：错误；橙色：警告；蓝色虚线：提示。单元格右上角的编号对应问题清单中的序号。</p>')
    if counts["forms_with_findings"] > len(shown_forms):
        body.append(f'<p class="note">有问题的表单共 {counts["forms_with_findings"]} 张，本页还原其中 {len(shown_forms)} 张'
                    "（先隔离的表单，再有警告的，再只有提示的）。其余表单的原文见发布库的 audit_form_cells 表"
                    "（每个单元格一行），或用 <code>jixiao parse 归档文件</code> 查看。</p>")
    for form in shown_forms:
        grid = build_grid(form, cells, funds, indicators)
        numbered = [(f["number"], f) for f in findings_by_form.get(form["form_id"], [])]
        body.append(render_form(grid, numbered, has_cells_table=cells is not None,
                                listed=lambda number: number in listed))
    if orphans:
        body.append('<p class="note">以下问题属于未能解析出表单的文件（原因见“接收文件”）：'
                    + "，".join(f'<a href="#f-{n}">#{n}</a>' if n in listed else f"#{n}" for n in orphans)
                    + ("" if orphan_count <= len(orphans) else f" 等共 {orphan_count} 条") + "</p>")

    body.append('<h2 id="rules">规则说明</h2><table><thead><tr><th>规则编号</th><th>规则说明</th></tr></thead><tbody>'
                + "".join(f"<tr><td>{esc(r)}</td><td>{esc(t)}</td></tr>" for r, t in RULE_TEXTS.items())
                + "</tbody></table>")
    if data_docs_index:
        body.append(f'<p>规则的执行结果（Great Expectations）：<a href="{esc(_relative_link(data_docs_index, path.parent))}">'
                    "数据文档 Data Docs</a></p>")
    html_text = page(TITLE, "\n".join(body), TABLE_JS, FORM_CSS)
    tmp = path.with_name(f".{path.name}.partial")
    tmp.write_text(html_text, encoding="utf-8")
    tmp.replace(path)
    return path
