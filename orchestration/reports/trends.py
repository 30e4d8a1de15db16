"""trends.html: multi-year trends per department (from rpt_department_year_trend), the distribution of
form scores per year, and the projects whose score or execution moved most year over year (forms joined
across years by dim_project's project_key, carried on fct_form_score). Charts are inline SVG."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from orchestration.reports.page import esc, fmt_number, page
from orchestration.reports.svg_charts import box_plot, diverging_bars, line_chart

TITLE = "项目支出绩效 多年度趋势报告"
MAX_LINES = 8
TOP_MOVERS = 10


def _f(value) -> float | None:
    return None if value is None else float(value)


def _pct(value: float) -> str:
    return f"{value:.1f}%"


def _pp(value: float) -> str:
    return f"{value:+.1f}个百分点"


def _score(value: float) -> str:
    return f"{value:.1f}"


def _department_series(trend: list[dict], field: str, scale: float = 1.0):
    by_department: dict[str, dict[int, float | None]] = defaultdict(dict)
    forms: dict[str, int] = defaultdict(int)
    for row in trend:
        name = row.get("department_name") or "（未填写）"
        value = _f(row.get(field))
        by_department[name][row["report_year"]] = None if value is None else value * scale
        forms[name] += row.get("form_count") or 0
    chosen = sorted(by_department, key=lambda name: (-forms[name], name))[:MAX_LINES]
    return [(name, sorted(by_department[name].items())) for name in chosen], len(by_department)


def movers(form_scores: list[dict]) -> list[dict]:
    """Year-over-year changes per project (project_key), between consecutive years it has forms in."""
    per_year: dict[str, dict[int, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for form in form_scores:
        if form.get("project_key") and form.get("report_year") is not None:
            per_year[form["project_key"]][form["report_year"]].append(form)
    changes = []
    for project_key, years in per_year.items():
        ordered = sorted(years)
        for before, after in zip(ordered, ordered[1:]):
            old, new = years[before], years[after]

            def mean(forms, field):
                values = [float(f[field]) for f in forms if f.get(field) is not None]
                return sum(values) / len(values) if values else None

            score_old, score_new = mean(old, "total_score"), mean(new, "total_score")
            rate_old, rate_new = mean(old, "execution_rate"), mean(new, "execution_rate")
            latest = new[-1]
            changes.append({
                "project_key": project_key, "project_name": latest.get("project_name"),
                "unit_name": latest.get("unit_name"), "department_name": latest.get("department_name"),
                "year_before": before, "year_after": after,
                "score_before": score_old, "score_after": score_new,
                "score_change": None if None in (score_old, score_new) else score_new - score_old,
                "rate_before": rate_old, "rate_after": rate_new,
                "rate_change_pp": None if None in (rate_old, rate_new) else (rate_new - rate_old) * 100,
            })
    return changes


def _top(changes: list[dict], field: str) -> list[dict]:
    moved = [c for c in changes if c[field] is not None and abs(c[field]) > 1e-9]
    return sorted(moved, key=lambda c: (-abs(c[field]), c["project_name"] or ""))[:TOP_MOVERS]


def _mover_labels(changes: list[dict]) -> list[str]:
    """"2021→2022 项目名称", with the unit added where two movers share a project name."""
    names = [c["project_name"] for c in changes]
    labels = []
    for change in changes:
        label = f"{change['year_before']}→{change['year_after']} {change['project_name']}"
        if names.count(change["project_name"]) > 1:
            label += f"（{change.get('unit_name') or ''}）"
        labels.append(label)
    return labels


def _mover_table(rows: list[dict]) -> str:
    head = ["项目名称", "实施单位", "年度", "总分（前→后）", "总分变化", "执行率（前→后）", "执行率变化"]
    body = []
    for c in rows:
        rates = (f"{_pct(c['rate_before'] * 100)} → {_pct(c['rate_after'] * 100)}"
                 if None not in (c["rate_before"], c["rate_after"]) else "")
        scores = (f"{_score(c['score_before'])} → {_score(c['score_after'])}"
                  if None not in (c["score_before"], c["score_after"]) else "")
        score_change = "" if c["score_change"] is None else f"{c['score_change']:+.2f}"
        body.append(
            f"<tr><td>{esc(c['project_name'])}</td><td>{esc(c['unit_name'])}</td>"
            f"<td>{c['year_before']}→{c['year_after']}</td><td class=\"num\">{esc(scores)}</td>"
            f"<td class=\"num\">{score_change}</td>"
            f"<td class=\"num\">{esc(rates)}</td>"
            f"<td class=\"num\">{'' if c['rate_change_pp'] is None else esc(_pp(c['rate_change_pp']))}</td></tr>")
    return ("<table><thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead><tbody>"
            + "".join(body) + "</tbody></table>")


def write_trends_html(data, path: Path) -> Path:
    path = Path(path)
    trend = sorted(data.trend, key=lambda row: (row.get("department_name") or "", row["report_year"]))
    years = sorted({row["report_year"] for row in trend} | {f["report_year"] for f in data.form_scores
                                                              if f.get("report_year") is not None})
    body = [f"<h1>{TITLE}</h1>",
            f'<p class="meta">已发布表单 {len(data.form_scores)} 张 · 年度 '
            f'{esc("、".join(str(y) for y in years) or "—")} · 发布批次 {esc(data.load.get("load_id"))}'
            f' · 发布时间 {esc(data.load.get("published_at"))}</p>',
            '<nav><a href="#departments">各部门逐年指标</a><a href="#distribution">总分分布</a>'
            '<a href="#movers">同比变化最大的项目</a></nav>']

    body.append('<h2 id="departments">各部门逐年指标</h2>')
    if not trend:
        body.append('<p class="muted">尚无已发布的表单。</p>')
    else:
        charts = []
        for field, title, scale, fmt, y_range in (
                ("aggregate_execution_rate", "预算执行率（全年执行数合计÷全年预算数合计）", 100.0, _pct, None),
                ("mean_total_score", "平均总分", 1.0, _score, None),
                ("fully_met_share", "满分指标占比（得分=分值的适用指标）", 100.0, _pct, None)):
            series, department_count = _department_series(trend, field, scale)
            charts.append(line_chart(series, title=title, x_values=years, value_format=fmt, y_range=y_range))
        body.append('<div class="charts">' + "".join(charts) + "</div>")
        if department_count > MAX_LINES:
            body.append(f'<p class="note">图中只画出表单最多的 {MAX_LINES} 个部门（共 {department_count} 个），其余见下表。</p>')
        head = ["主管部门", "年度", "表单数", "全年预算数合计（万元）", "全年执行数合计（万元）", "总体执行率",
                "平均执行率", "平均总分", "适用指标数", "满分指标数", "满分指标占比"]
        rows = []
        for row in trend:
            def pct(name):
                return "" if row.get(name) is None else _pct(float(row[name]) * 100)
            rows.append("<tr>" + "".join(
                f'<td class="{cls}">{esc(v)}</td>' for cls, v in (
                    ("", row.get("department_name")), ("num", row["report_year"]), ("num", row.get("form_count")),
                    ("num", fmt_number(row.get("total_budget_wan_yuan"), 2)),
                    ("num", fmt_number(row.get("total_executed_wan_yuan"), 2)),
                    ("num", pct("aggregate_execution_rate")), ("num", pct("mean_execution_rate")),
                    ("num", fmt_number(row.get("mean_total_score"), 2)),
                    ("num", row.get("applicable_indicator_count")), ("num", row.get("fully_met_indicator_count")),
                    ("num", pct("fully_met_share")))) + "</tr>")
        body.append('<table id="trend-table"><thead><tr>' + "".join(f"<th>{h}</th>" for h in head)
                    + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>")

    body.append('<h2 id="distribution">各年度总分分布</h2>')
    groups = [(f"{year}年", [float(f["total_score"]) for f in data.form_scores
                             if f.get("report_year") == year and f.get("total_score") is not None])
              for year in years]
    if any(values for _, values in groups):
        body.append(box_plot(groups, title="各年度自评总分分布（箱线图，点为单张表单）", value_format=_score,
                             y_label="总分"))
    else:
        body.append('<p class="muted">尚无已发布的表单。</p>')

    body.append('<h2 id="movers">同比变化最大的项目</h2>')
    body.append('<p class="meta">同一项目（按项目键 project_key 跨年度匹配：去掉名称中的年份，按实施单位区分）'
                "在相邻两个有数据的年度之间的变化。</p>")
    changes = movers(data.form_scores)
    if not changes:
        body.append('<p class="muted">没有跨年度的同一项目，暂无同比变化。</p>')
    for field, title, fmt in (("score_change", "总分变化最大的项目", lambda v: f"{v:+.2f}分"),
                              ("rate_change_pp", "执行率变化最大的项目", _pp)):
        if not changes:
            break
        top = _top(changes, field)
        body.append(f"<h3>{title}</h3>")
        if not top:
            body.append('<p class="muted">各项目在相邻年度之间没有变化。</p>')
            continue
        body.append(diverging_bars(list(zip(_mover_labels(top), (c[field] for c in top))), title=title, value_format=fmt,
                                    width=980))
        body.append(_mover_table(top))

    extra_css = (".charts{display:flex;flex-wrap:wrap;gap:12px}"
                 "svg.chart{background:#fff;border:1px solid #d9dee5;border-radius:6px;max-width:100%;height:auto}"
                 "nav a{margin-right:14px}")
    html_text = page(TITLE, "\n".join(body), extra_css=extra_css)
    tmp = path.with_name(f".{path.name}.partial")
    tmp.write_text(html_text, encoding="utf-8")
    tmp.replace(path)
    return path
