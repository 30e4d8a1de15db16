"""audit.html: the audit workbook's content as one self-contained page, plus every form with findings
re-drawn with its offending cells highlighted (inline CSS/JS only; opens without internet)."""

from __future__ import annotations

import os
from pathlib import Path

from orchestration.reports.form_render import FORM_CSS, build_grid, form_anchor, render_form
from orchestration.reports.page import esc, page
from orchestration.reports.rule_texts import RULE_TEXTS, rule_text, severity_zh
from orchestration.reports.summary import SUMMARY_HEADERS, findings_of_form, summary_rows
from orchestration.reports.table_js import TABLE_JS
from orchestration.reports.xlsx_report import FINDING_HEADERS

TITLE = "项目支出绩效自评表 数据质量审核报告"


def _data_table(table_id: str, headers: list[str], rows_html: list[str], filter_hint: str = "筛选…",
                severities: bool = False) -> str:
    toolbar = [f'<input type="search" placeholder="{esc(filter_hint)}" data-filter-for="{table_id}">']
    if severities:
        for severity, checked in (("error", True), ("warning", True), ("info", False)):
            toolbar.append(f'<label><input type="checkbox" data-severity-for="{table_id}" value="{severity}"'
                           f'{" checked" if checked else ""}> {severity_zh(severity)}</label>')
    toolbar.append(f'<span class="muted" data-count-for="{table_id}">共 {len(rows_html)} 条</span>')
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


def write_audit_html(data, path: Path, data_docs_index: Path | None = None) -> Path:
    path = Path(path)
    forms_by_id = data.forms_by_id
    grouped = findings_of_form(data)
    numbers = {id(finding): number for number, finding in enumerate(data.findings, start=1)}

    counts = {status: sum(1 for form in data.forms if form["status"] == status)
              for status in ("published", "quarantined", "superseded")}
    severity_counts = {severity: sum(1 for f in data.findings if f.get("severity") == severity)
                       for severity in ("error", "warning", "info")}
    cards = [("收到表单", len(data.forms), ""), ("已发布", counts["published"], ""),
             ("已隔离", counts["quarantined"], "error" if counts["quarantined"] else ""),
             ("已被替代", counts["superseded"], ""), ("错误", severity_counts["error"], "error"),
             ("警告", severity_counts["warning"], "warning"), ("提示", severity_counts["info"], "info"),
             ("收到文件", len(data.files), "")]
    body = [f'<header class="top"><h1>{TITLE}</h1><nav><a href="#summary">汇总</a><a href="#findings">问题清单</a>'
            '<a href="#quarantined">隔离表单</a><a href="#files">接收文件</a><a href="#forms">表单还原</a>'
            '<a href="#rules">规则说明</a>'
            + (f'<a href="{esc(_relative_link(data_docs_index, path.parent))}">Great Expectations 数据文档</a>'
               if data_docs_index else "")
            + "</nav></header>",
            f'<p class="meta">发布批次 {esc(data.load.get("load_id"))} · 发布时间 {esc(data.load.get("published_at"))}'
            f' · 数据来源 {esc(data.published_db.name)}（只读）</p>',
            '<div class="cards">' + "".join(f'<div class="card {cls}"><b>{value}</b>{esc(label)}</div>'
                                            for label, value, cls in cards) + "</div>"]

    summary = [("<tr>" + "".join(_td(v, numeric=i >= 2) for i, v in enumerate(row)) + "</tr>")
               for row in summary_rows(data)[:-1]]
    body.append('<h2 id="summary">汇总（按主管部门、实施单位）</h2>')
    body.append(_data_table("summary-table", SUMMARY_HEADERS, summary))
    total = summary_rows(data)[-1]
    body.append('<p class="meta">合计：' + "，".join(f"{h} {v}" for h, v in zip(SUMMARY_HEADERS[2:], total[2:]))
                + "</p>")

    finding_rows = []
    for finding in data.findings:
        number = numbers[id(finding)]
        form = forms_by_id.get(finding.get("form_id"), {})
        severity = finding.get("severity") or ""
        form_link = (f'<a href="#{form_anchor(finding.get("form_id"))}" data-finding="{number}">查看表单</a>'
                     if finding.get("form_id") else "")
        finding_rows.append(
            f'<tr id="f-{number}" data-sev="{esc(severity)}">'
            + _td(number, numeric=True)
            + _td(finding.get("implementing_unit") or form.get("implementing_unit"))
            + _td(finding.get("project_name") or form.get("project_name"))
            + _td(finding.get("report_year") or form.get("report_year"), numeric=True)
            + f'<td class="nowrap">{esc(finding.get("rule_id"))}</td>'
            + f'<td data-sort="{ {"error": 0, "warning": 1, "info": 2}.get(severity, 9)}">'
              f'<span class="sev {esc(severity)}">{esc(severity_zh(severity))}</span></td>'
            + _td(rule_text(finding.get("rule_id")))
            + _td(finding.get("subject"))
            + _td(finding.get("reported"), numeric=True)
            + _td(finding.get("expected"), numeric=True)
            + _td(finding.get("message"))
            + _td(finding.get("source_file") or form.get("source_file"))
            + _td(finding.get("form_index"), numeric=True)
            + _td(finding.get("line"), numeric=True)
            + f"<td>{form_link}</td></tr>")
    body.append('<h2 id="findings">问题清单（每条问题一行）</h2>')
    body.append('<p class="meta">“提示”级问题默认隐藏，勾选即可显示。点击列标题排序；“查看表单”跳转到还原的表单并标出问题单元格。</p>')
    body.append(_data_table("findings-table", ["序号"] + FINDING_HEADERS + ["表单"], finding_rows,
                            "按单位、项目、规则、说明筛选…", severities=True))

    quarantined_rows = []
    for form in data.forms:
        if form["status"] != "quarantined":
            continue
        errors = [f for f in grouped.get(form["form_id"], []) if f.get("severity") == "error"]
        quarantined_rows.append(
            "<tr>" + _td(form["department"]) + _td(form["implementing_unit"])
            + f'<td><a href="#{form_anchor(form["form_id"])}">{esc(form["project_name"])}</a></td>'
            + _td(form.get("report_year"), numeric=True) + _td(form.get("error_count"), numeric=True)
            + _td(form.get("warning_count"), numeric=True)
            + "<td>" + "<br>".join(f'<a href="#f-{numbers[id(f)]}">{esc(f.get("rule_id"))}</a> {esc(f.get("message"))}'
                                  for f in errors) + "</td>"
            + _td(form.get("source_file")) + _td(form.get("form_index"), numeric=True)
            + _td(form.get("line_start"), numeric=True) + "</tr>")
    body.append('<h2 id="quarantined">隔离表单（存在错误，未发布）</h2>')
    body.append(_data_table("quarantined-table", ["主管部门", "实施单位", "项目名称", "年度", "错误数", "警告数",
                                                  "错误", "来源文件", "表序号", "起始行"], quarantined_rows)
                if quarantined_rows else '<p class="muted">本次没有被隔离的表单。</p>')

    status_text = {"parsed": "已解析", "failed": "无法解析"}
    file_rows = ["<tr>" + _td(row.get("file_name")) + _td(row.get("received_at"))
                 + _td(status_text.get(row.get("status"), row.get("status"))) + _td(row.get("form_count"), True)
                 + _td(row.get("error")) + _td(row.get("error_line"), True)
                 + _td((row.get("file_hash") or "")[:16]) + "</tr>" for row in data.files]
    body.append('<h2 id="files">接收文件</h2>')
    body.append(_data_table("files-table", ["文件名", "接收时间", "状态", "表单数", "无法解析的原因", "出错行号",
                                            "内容哈希"], file_rows))

    body.append('<h2 id="forms">表单还原（标出问题单元格）</h2>')
    body.append('<p class="meta">红色：错误；橙色：警告；蓝色虚线：提示。单元格右上角的编号对应问题清单中的序号。</p>')
    shown = [form for form in data.forms if grouped.get(form["form_id"]) or form["status"] == "quarantined"]
    for form in shown:
        grid = build_grid(data, form)
        numbered = [(numbers[id(f)], f) for f in grouped.get(form["form_id"], [])]
        body.append(render_form(grid, numbered, has_cells_table=data.cells is not None))
    orphans = [f for f in data.findings if f.get("form_id") not in forms_by_id]
    if orphans:
        body.append('<p class="note">以下问题属于未能解析出表单的文件（原因见“接收文件”）：'
                    + "，".join(f'<a href="#f-{numbers[id(f)]}">#{numbers[id(f)]}</a>' for f in orphans) + "</p>")

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

