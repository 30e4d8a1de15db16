"""Re-draw one form as an HTML table and highlight the cells its findings are about.

The cells come from the published `audit_form_cells` table when present (text as written, every form),
else from the published facts (fct_fund_execution / fct_indicator_result / fct_form_score), which only
hold published forms. A quarantined form without cells is shown as its header and its findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from orchestration.reports.page import esc, fmt_number, fmt_percent
from orchestration.reports.rule_texts import SEVERITY_ORDER, rule_text, severity_zh, status_zh

FUND_COLUMNS = [("source_label", "项目资金"), ("initial_budget", "年初预算数"), ("annual_budget", "全年预算数"),
                ("executed", "全年执行数"), ("weight", "分值"), ("execution_rate", "执行率"), ("score", "得分")]
INDICATOR_COLUMNS = [("level1", "一级指标"), ("level2", "二级指标"), ("name", "三级指标"), ("target", "年度指标值"),
                     ("actual", "实际完成值"), ("weight", "分值"), ("score", "得分"),
                     ("deviation_note", "偏差原因分析及改进措施")]
TOTAL_COLUMNS = [("weight", "分值"), ("score", "得分"), ("grade", "评价等级")]

# Column labels as they appear in finding subjects ("年度资金总额·执行率", "笔试人数·得分").
LABEL_COLUMNS = {"年初预算数": "initial_budget", "全年预算数": "annual_budget", "全年执行数": "executed",
                 "分值": "weight", "执行率": "execution_rate", "得分": "score", "年度指标值": "target",
                 "实际完成值": "actual", "评价等级": "grade", "等级": "grade"}

# Which cells a rule is about, by row kind (when the subject does not name the column).
RULE_COLUMNS = {
    "fund": {"R-FUND-01": ["execution_rate"], "R-FUND-02": ["score"], "R-FUND-03": ["score"],
             "R-FUND-04": ["annual_budget", "executed"], "R-FUND-05": ["initial_budget", "annual_budget", "executed"],
             "R-FUND-06": ["weight", "score"], "R-FUND-07": ["annual_budget"],
             "R-FUND-11": ["initial_budget", "annual_budget", "executed"], "R-TOT-05": ["execution_rate"],
             "R-IND-10": ["executed"]},
    "indicator": {"R-IND-01": ["score"], "R-IND-02": ["actual", "score"], "R-IND-03": ["target", "actual"],
                  "R-IND-04": ["actual", "score"], "R-IND-06": ["actual", "score"],
                  "R-IND-07": ["score", "deviation_note"], "R-IND-08": ["target"], "R-IND-09": ["target", "actual"],
                  "R-IND-10": ["actual"], "R-IND-11": ["level1", "level2"], "R-IND-13": ["actual", "score"],
                  "R-WGT-02": ["weight"], "R-WGT-03": ["level1", "weight"]},
    "total": {"R-TOT-01": ["score"], "R-TOT-02": ["weight", "score"], "R-TOT-04": ["score", "grade"],
              "R-TOT-05": ["score"], "R-WGT-01": ["weight"], "R-WGT-02": ["weight"]},
}
TOTAL_ROW_RULES = {"R-TOT-01", "R-TOT-02", "R-TOT-04", "R-TOT-05", "R-WGT-01"}
# Rules about a form-wide total that also point at the funds block's total row.
ALSO_FUND_TOTAL = {"R-TOT-05": ["execution_rate"], "R-IND-10": ["executed"]}


@dataclass
class GridRow:
    kind: str
    row_index: int
    line: int | None
    cells: dict[str, str]
    is_fund_total: bool = False


@dataclass
class FormGrid:
    form: dict
    source: str  # "cells" | "published" | "none"
    header: dict[str, str] = field(default_factory=dict)
    funds: list[GridRow] = field(default_factory=list)
    indicators: list[GridRow] = field(default_factory=list)
    total: GridRow | None = None

    def rows(self) -> list[GridRow]:
        return self.funds + self.indicators + ([self.total] if self.total else [])


def form_anchor(form_id: str) -> str:
    return "form-" + re.sub(r"[^0-9A-Za-z]+", "-", form_id or "unknown")[:80]


def build_grid(form: dict, cells: dict[str, list[dict]] | None, fund_rows: dict[str, list[dict]],
               indicator_rows: dict[str, list[dict]]) -> FormGrid:
    """The form's grid from its cells as written, else from the published facts, else nothing."""
    form_id = form["form_id"]
    if cells is not None and cells.get(form_id):
        return _grid_from_cells(form, cells[form_id])
    if form_id in fund_rows or form_id in indicator_rows:
        return _grid_from_facts(form, fund_rows.get(form_id, []), indicator_rows.get(form_id, []))
    return FormGrid(form=form, source="none")


def _grid_from_cells(form: dict, cells: list[dict]) -> FormGrid:
    rows: dict[tuple[str, int], GridRow] = {}
    for cell in cells:
        key = (cell.get("row_kind"), cell.get("row_index") or 0)
        row = rows.setdefault(key, GridRow(kind=key[0], row_index=key[1], line=None, cells={}))
        row.cells[cell.get("column_name")] = cell.get("raw_text") or ""
        if row.line is None and cell.get("line") is not None:
            row.line = cell.get("line")
    grid = FormGrid(form=form, source="cells")
    header = rows.get(("header", 0))
    grid.header = header.cells if header else {}
    grid.funds = sorted((row for row in rows.values() if row.kind == "fund"), key=lambda row: row.row_index)
    grid.indicators = sorted((row for row in rows.values() if row.kind == "indicator"), key=lambda row: row.row_index)
    grid.total = rows.get(("total", 0))
    _mark_fund_total(grid, lambda row: row.cells.get("source") == "total")
    return grid


def _grid_from_facts(form: dict, funds: list[dict], indicators: list[dict]) -> FormGrid:
    grid = FormGrid(form=form, source="published", header={"amount_unit": form.get("amount_unit") or "万元"})
    for row in funds:
        grid.funds.append(GridRow("fund", row.get("row_index") or 0, row.get("line"), {
            "source_label": row.get("fund_source_label") or row.get("fund_source") or "",
            "initial_budget": fmt_number(row.get("initial_budget")),
            "annual_budget": fmt_number(row.get("annual_budget")),
            "executed": fmt_number(row.get("executed")),
            "weight": fmt_number(row.get("weight")),
            "execution_rate": fmt_percent(row.get("reported_execution_rate")),
            "score": fmt_number(row.get("reported_score")),
        }, is_fund_total=bool(row.get("is_total_row"))))
    for row in indicators:
        grid.indicators.append(GridRow("indicator", row.get("row_index") or 0, row.get("line"), {
            "level1": row.get("level1") or "", "level2": row.get("level2") or "",
            "name": row.get("indicator_name") or "", "target": row.get("target_raw") or "",
            "actual": row.get("actual_raw") or "", "weight": fmt_number(row.get("weight")),
            "score": fmt_number(row.get("reported_score")), "deviation_note": row.get("deviation_note") or "",
        }))
    grid.total = GridRow("total", 0, None, {"weight": fmt_number(form.get("total_weight")),
                                            "score": fmt_number(form.get("total_score")),
                                            "grade": form.get("reported_grade") or ""})
    _mark_fund_total(grid, lambda row: row.is_fund_total)
    return grid


def _mark_fund_total(grid: FormGrid, test) -> None:
    marked = [row for row in grid.funds if test(row)]
    if not marked:
        marked = [row for row in grid.funds if "总额" in (row.cells.get("source_label") or "")] or grid.funds[:1]
    for row in marked:
        row.is_fund_total = True


def locate(finding: dict, grid: FormGrid) -> list[tuple[str, int, str | None]]:
    """Cells (kind, row_index, column) a finding is about; column None = the whole row; [] = the form."""
    rule_id = finding.get("rule_id") or ""
    subject = (finding.get("subject") or "").strip()
    row_label, _, column_label = subject.partition("·")
    named_column = LABEL_COLUMNS.get(column_label.strip())
    rows: list[GridRow] = []
    line = finding.get("line")
    if line is not None:
        rows = [row for row in grid.rows() if row.line == line]
        if len(rows) > 1:
            rows = [row for row in rows if _row_matches(row, row_label)] or rows[:1]
    if not rows and grid.total and (rule_id in TOTAL_ROW_RULES or row_label.startswith("总分")):
        rows = [grid.total]
    if not rows and row_label:
        rows = [row for row in grid.rows() if _row_matches(row, row_label)]
    cells: list[tuple[str, int, str | None]] = []
    for row in rows:
        columns = [named_column] if named_column else RULE_COLUMNS.get(row.kind, {}).get(rule_id, [None])
        if rule_id == "R-WGT-03" and row.kind == "indicator" and line is not None:
            # The level-1 group: every row under the same 一级 label.
            siblings = [r for r in grid.indicators if _level1(r) == _level1(row)]
            cells += [(r.kind, r.row_index, c) for r in siblings for c in columns]
            continue
        cells += [(row.kind, row.row_index, column) for column in columns]
    for column in ALSO_FUND_TOTAL.get(rule_id, []):
        cells += [("fund", row.row_index, column) for row in grid.funds if row.is_fund_total]
    return list(dict.fromkeys(cells))


def _level1(row: GridRow) -> str:
    return re.sub(r"[（(].*$", "", row.cells.get("level1") or "").strip()


def _row_matches(row: GridRow, label: str) -> bool:
    label = label.strip()
    if not label:
        return False
    if row.kind == "fund":
        return (row.cells.get("source_label") or "").strip() == label
    if row.kind == "indicator":
        return label in ((row.cells.get("name") or "").strip(), (row.cells.get("level2") or "").strip(),
                         _level1(row))
    return row.kind == "total" and label.startswith("总分")


def render_form(grid: FormGrid, numbered_findings: list[tuple[int, dict]], has_cells_table: bool,
                listed=lambda number: True) -> str:
    """The form's section: header, funds block, indicator table, total row; offending cells highlighted.

    listed(number): whether finding `number` has a row on the page to link to."""
    form = grid.form
    marks: dict[tuple[str, int, str | None], list[tuple[int, dict]]] = {}
    unplaced: list[tuple[int, dict]] = []
    for number, finding in numbered_findings:
        places = locate(finding, grid) if grid.source != "none" else []
        if not places:
            unplaced.append((number, finding))
        for place in places:
            marks.setdefault(place, []).append((number, finding))

    status = form.get("status")
    lines = ""
    if form.get("line_start") is not None:
        end = grid.header.get("line_end") or form.get("line_end")
        lines = f"第 {esc(form.get('line_start'))}–{esc(end)} 行" if end else f"自第 {esc(form.get('line_start'))} 行起"
    parts = [f'<section class="form" id="{form_anchor(form["form_id"])}">',
             f'<h3>{esc(grid.header.get("title") or form.get("project_name"))} '
             f'<span class="status {esc(status)}">{esc(status_zh(status))}</span></h3>',
             '<table class="form-head"><tr>'
             f'<th>项目名称</th><td>{esc(form.get("project_name"))}</td>'
             f'<th>评价年度</th><td>{esc(form.get("report_year"))}</td></tr><tr>'
             f'<th>主管部门</th><td>{esc(form.get("department"))}</td>'
             f'<th>实施单位</th><td>{esc(form.get("implementing_unit"))}</td></tr><tr>'
             f'<th>来源文件</th><td>{esc(form.get("source_file"))}</td>'
             f'<th>表序号 / 行号</th><td>{_position(form)} {lines}</td></tr></table>']
    if grid.source == "none":
        hint = ("" if has_cells_table else
                "（发布库中没有 audit_form_cells 表，未发布的表单无法还原）")
        parts.append(f'<p class="note">此表单未发布，无法按原样还原表格{hint}。'
                     "请按下列行号查阅归档原件：" + esc(form.get("archive_path") or "") + "</p>")
    else:
        unit = grid.header.get("amount_unit") or form.get("amount_unit") or "万元"
        parts.append(_table(grid.funds, FUND_COLUMNS, marks, listed, first_label=f"项目资金（{esc(unit)}）"))
        parts.append(_table(grid.indicators, INDICATOR_COLUMNS, marks, listed))
        if grid.total:
            parts.append(_table([grid.total], [("label", "")] + TOTAL_COLUMNS, marks, listed, total=True))
        if grid.source == "published":
            parts.append('<p class="muted">单元格取自已发布的事实表（数值已规范化）。</p>')
    if unplaced:
        items = "".join(
            f'<li>{_ref(number, listed)} <span class="sev {esc(f.get("severity"))}">'
            f'{esc(severity_zh(f.get("severity")))}</span> {esc(f.get("rule_id"))} '
            f'{esc(f.get("subject"))} — {esc(f.get("message"))}'
            + (f'（第 {esc(f.get("line"))} 行）' if f.get("line") is not None else "") + "</li>"
            for number, f in unplaced)
        parts.append(f'<p>涉及整张表单的问题：</p><ul class="form-findings">{items}</ul>')
    parts.append("</section>")
    return "\n".join(parts)


def _position(form: dict) -> str:
    index = form.get("form_index")
    if index is None:
        return ""
    return f"表序号 {esc(index)}（文件中第 {int(index) + 1} 张表），"


def _ref(number: int, listed) -> str:
    return f'<a href="#f-{number}">#{number}</a>' if listed(number) else f"#{number}"


def _table(rows: list[GridRow], columns, marks, listed, first_label: str | None = None, total: bool = False) -> str:
    heads = [label for _, label in columns]
    if first_label:
        heads[0] = first_label
    head = "".join(f"<th>{esc(label)}</th>" for label in heads)
    body = []
    for row in rows:
        row_marks = marks.get((row.kind, row.row_index, None), [])
        tds = []
        for column, _ in columns:
            text = "总分" if total and column == "label" else row.cells.get(column, "")
            found = marks.get((row.kind, row.row_index, column), []) + row_marks
            tds.append(_cell(text, found, listed, numeric=column not in ("source_label", "level1", "level2", "name",
                                                                         "deviation_note", "label")))
        line = f' data-line="{esc(row.line)}"' if row.line is not None else ""
        na = ' class="na"' if row.cells.get("applicable") == "false" else ""
        body.append(f"<tr{line}{na}>{''.join(tds)}</tr>")
    return f'<table class="form-grid"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def _cell(text: str, found: list[tuple[int, dict]], listed, numeric: bool) -> str:
    classes = ["num"] if numeric else []
    if not found:
        return f'<td class="{" ".join(classes)}">{esc(text)}</td>' if classes else f"<td>{esc(text)}</td>"
    worst = min((f.get("severity") for _, f in found), key=lambda s: SEVERITY_ORDER.get(s, 9))
    classes += ["hl", esc(worst)]
    numbers = " ".join(str(number) for number, _ in found)
    tip = "\n".join(f'#{n} {f.get("rule_id")} {severity_zh(f.get("severity"))}：{f.get("message") or rule_text(f.get("rule_id"))}'
                    for n, f in found)
    refs = "".join(f'<a class="ref" href="#f-{n}">{n}</a>' if listed(n) else f'<a class="ref">{n}</a>'
                   for n, _ in found)
    return (f'<td class="{" ".join(classes)}" data-f="{numbers}" title="{esc(tip)}">{esc(text)}'
            f"<sup>{refs}</sup></td>")


FORM_CSS = """
section.form{scroll-margin-top:90px;background:#fff;border:1px solid #d9dee5;border-radius:6px;padding:4px 14px 10px;margin:14px 0}
section.form:target{box-shadow:0 0 0 3px #2f6fb3}
table.form-head th{width:110px;background:#f3f5f8}
table.form-grid td.hl.error{background:#fde2e1;outline:2px solid #b42318;outline-offset:-2px}
table.form-grid td.hl.warning{background:#fff1d6;outline:2px solid #d97706;outline-offset:-2px}
table.form-grid td.hl.info{background:#e3eefb;outline:2px dashed #2f6fb3;outline-offset:-2px}
table.form-grid td.focus{animation:pulse 1.2s ease-in-out 2;box-shadow:inset 0 0 0 3px #1f2933}
@keyframes pulse{50%{background:#ffe066}}
table.form-grid tr.na td{color:#9aa5b1}
td sup a.ref{font-size:10px;margin-left:2px;text-decoration:none;background:#1f2933;color:#fff;border-radius:6px;padding:0 3px}
.status{font-size:12px;border-radius:3px;padding:1px 6px;margin-left:6px;color:#fff;background:#52606d}
.status.published{background:#2e7d32}.status.quarantined{background:#b42318}.status.superseded{background:#7b8794}
"""
