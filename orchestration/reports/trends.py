"""trends.html: multi-year trends per department (from rpt_department_year_trend), the distribution of
form scores per year, and the projects whose score or execution moved most year over year (forms joined
across years by dim_project's project_key, carried on fct_form_score). Charts are inline SVG.

Everything is aggregated in DuckDB (quartiles, year-over-year changes, top departments): the page costs
the same whatever the number of forms. The department table is capped at TRENDS_MAX_ROWS rows (the
departments with most forms; the full table is the published rpt_department_year_trend), and a year's
box plot draws its forms as points only up to BOX_MAX_POINTS forms.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from orchestration.reports.data import SCORE_COLUMNS, TREND_COLUMNS
from orchestration.reports.page import esc, fmt_number, page
from orchestration.reports.svg_charts import box_plot, diverging_bars, line_chart

TITLE = "项目支出绩效 多年度趋势报告"
MAX_LINES = 8
TOP_MOVERS = 10
TRENDS_MAX_ROWS = 3_000
BOX_MAX_POINTS = 300
MOVER_COLUMNS = {**SCORE_COLUMNS, "project_key": "VARCHAR", "execution_rate": "DECIMAL(18, 6)",
                 "received_at": "TIMESTAMP"}


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


def movers(source) -> tuple[int, dict[str, list[dict]]]:
    """Year-over-year changes per project (project_key), between consecutive years it has forms in:
    (how many changes there are, the TOP_MOVERS biggest by score and by execution rate)."""
    scores = source.select("fct_form_score", MOVER_COLUMNS, "s")
    departments = _names_sql(source, "dim_department", "department_key", "department_name")
    units = _names_sql(source, "dim_unit", "unit_key", "unit_name")
    source.connection.execute("DROP TABLE IF EXISTS r_movers")
    source.connection.execute(f"""
        CREATE TEMP TABLE r_movers AS
        WITH forms AS (SELECT * FROM ({scores}) WHERE project_key IS NOT NULL AND project_key <> ''
                                                    AND report_year IS NOT NULL),
        per_year AS (
            SELECT project_key, report_year,
                   avg(CAST(total_score AS DOUBLE)) AS score, avg(CAST(execution_rate AS DOUBLE)) AS rate,
                   arg_max(project_name, (received_at, form_id)) AS project_name,
                   arg_max(coalesce(nullif(unit_name, ''), units.name), (received_at, form_id)) AS unit_name,
                   arg_max(coalesce(nullif(department_name, ''), departments.name), (received_at, form_id))
                       AS department_name
            FROM forms
            LEFT JOIN ({units}) AS units ON units.unit_key = forms.unit_key
            LEFT JOIN ({departments}) AS departments ON departments.department_key = forms.department_key
            GROUP BY project_key, report_year),
        pairs AS (
            SELECT project_key, project_name, unit_name, department_name,
                   lag(report_year) OVER w AS year_before, report_year AS year_after,
                   lag(score) OVER w AS score_before, score AS score_after,
                   lag(rate) OVER w AS rate_before, rate AS rate_after
            FROM per_year WINDOW w AS (PARTITION BY project_key ORDER BY report_year))
        SELECT *, score_after - score_before AS score_change, (rate_after - rate_before) * 100 AS rate_change_pp
        FROM pairs WHERE year_before IS NOT NULL""")
    total = source.scalar("SELECT count(*) FROM r_movers")
    top = {field: source.rows(f"SELECT * FROM r_movers WHERE abs({field}) > 1e-9 "
                              f"ORDER BY abs({field}) DESC, coalesce(project_name, ''), project_key LIMIT {TOP_MOVERS}")
           for field in ("score_change", "rate_change_pp")}
    return total, top


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


def _trend_rows(source) -> tuple[list[dict], int, int]:
    """(rows of the department table, how many rows there are, how many departments): every row when
    there are at most TRENDS_MAX_ROWS, else the rows of the departments with the most forms."""
    trend = source.select("rpt_department_year_trend", TREND_COLUMNS, "t")
    departments = _names_sql(source, "dim_department", "department_key", "department_name")
    source.connection.execute("DROP TABLE IF EXISTS r_trend")
    source.connection.execute(f"""
        CREATE TEMP TABLE r_trend AS
        SELECT t.* REPLACE (coalesce(nullif(t.department_name, ''), d.name) AS department_name)
        FROM ({trend}) AS t LEFT JOIN ({departments}) AS d ON d.department_key = t.department_key
        WHERE t.report_year IS NOT NULL""")
    total, department_count = source.connection.execute(
        "SELECT count(*), count(DISTINCT coalesce(department_name, '（未填写）')) FROM r_trend").fetchone()
    rows = source.rows(f"""
        WITH sizes AS (SELECT coalesce(department_name, '（未填写）') AS name, sum(form_count) AS forms
                       FROM r_trend GROUP BY 1),
        kept AS (SELECT name FROM sizes ORDER BY forms DESC NULLS LAST, name
                 LIMIT (SELECT CASE WHEN {total} <= {TRENDS_MAX_ROWS} THEN count(*)
                                    ELSE greatest(1, {TRENDS_MAX_ROWS} * count(*) // {max(total, 1)}) END FROM sizes))
        SELECT * FROM r_trend WHERE coalesce(department_name, '（未填写）') IN (SELECT name FROM kept)
        ORDER BY coalesce(department_name, ''), report_year""")
    return rows, total, department_count


def _chart_rows(source) -> list[dict]:
    """Trend rows of the MAX_LINES departments with the most forms (the lines of the charts)."""
    return source.rows(f"""
        WITH sizes AS (SELECT coalesce(department_name, '（未填写）') AS name, sum(form_count) AS forms
                       FROM r_trend GROUP BY 1 ORDER BY forms DESC NULLS LAST, name LIMIT {MAX_LINES})
        SELECT * FROM r_trend WHERE coalesce(department_name, '（未填写）') IN (SELECT name FROM sizes)
        ORDER BY coalesce(department_name, ''), report_year""")


def _score_distribution(source, years: list[int]) -> list[tuple[str, dict]]:
    """Per year: n, min, quartiles, max of 总分, and the scores themselves when at most BOX_MAX_POINTS."""
    scores = source.select("fct_form_score", SCORE_COLUMNS, "s")
    stats = {row["report_year"]: row for row in source.rows(f"""
        SELECT report_year, count(*) AS n, min(v) AS low, quantile_cont(v, 0.25) AS q1,
               quantile_cont(v, 0.5) AS median, quantile_cont(v, 0.75) AS q3, max(v) AS high,
               CASE WHEN count(*) <= {BOX_MAX_POINTS} THEN list(v ORDER BY v) END AS points
        FROM (SELECT report_year, CAST(total_score AS DOUBLE) AS v FROM ({scores})
              WHERE report_year IS NOT NULL AND total_score IS NOT NULL)
        GROUP BY report_year""")}
    return [(f"{year}年", stats.get(year) or {"n": 0}) for year in years]


def write_trends_html(source, path: Path) -> Path:
    """source: an open orchestration.reports.data.ReportSource."""
    path = Path(path)
    trend, trend_total, department_count = _trend_rows(source)
    scores = source.select("fct_form_score", SCORE_COLUMNS, "s")
    published = source.scalar(f"SELECT count(*) FROM ({scores})")
    years = [row[0] for row in source.connection.execute(
        f"SELECT report_year FROM r_trend UNION SELECT report_year FROM ({scores}) WHERE report_year IS NOT NULL "
        "ORDER BY 1").fetchall()]
    body = [f"<h1>{TITLE}</h1>",
            f'<p class="meta">已发布表单 {published} 张 · 年度 '
            f'{esc("、".join(str(y) for y in years) or "—")} · 发布批次 {esc(source.load.get("load_id"))}'
            f' · 发布时间 {esc(source.load.get("published_at"))}</p>',
            '<nav><a href="#departments">各部门逐年指标</a><a href="#distribution">总分分布</a>'
            '<a href="#movers">同比变化最大的项目</a></nav>']

    body.append('<h2 id="departments">各部门逐年指标</h2>')
    if not trend:
        body.append('<p class="muted">尚无已发布的表单。</p>')
    else:
        charts = []
        chart_rows = _chart_rows(source)
        for field, title, scale, fmt, y_range in (
                ("aggregate_execution_rate", "预算执行率（全年执行数合计÷全年预算数合计）", 100.0, _pct, None),
                ("mean_total_score", "平均总分", 1.0, _score, None),
                ("fully_met_share", "满分指标占比（得分=分值的适用指标）", 100.0, _pct, None)):
            series, _ = _department_series(chart_rows, field, scale)
            charts.append(line_chart(series, title=title, x_values=years, value_format=fmt, y_range=y_range))
        body.append('<div class="charts">' + "".join(charts) + "</div>")
        if department_count > MAX_LINES:
            body.append(f'<p class="note">图中只画出表单最多的 {MAX_LINES} 个部门（共 {department_count} 个），其余见下表。</p>')
        if trend_total > len(trend):
            body.append(f'<p class="note">下表共 {trend_total} 行，只列出表单最多的部门的 {len(trend)} 行；'
                        "完整数据见发布库的 rpt_department_year_trend 表。</p>")
        head = ["主管部门", "年度", "表单数", "全年预算数合计（万元）", "全年执行数合计（万元）", "总体执行率",
                "平均执行率", "平均总分", "适用指标数", "满分指标数", "满分指标占比"]
        rows = []
        def pct(row, name):
            return "" if row.get(name) is None else _pct(float(row[name]) * 100)

        for row in trend:
            rows.append("<tr>" + "".join(
                f'<td class="{cls}">{esc(v)}</td>' for cls, v in (
                    ("", row.get("department_name")), ("num", row["report_year"]), ("num", row.get("form_count")),
                    ("num", fmt_number(row.get("total_budget_wan_yuan"), 2)),
                    ("num", fmt_number(row.get("total_executed_wan_yuan"), 2)),
                    ("num", pct(row, "aggregate_execution_rate")), ("num", pct(row, "mean_execution_rate")),
                    ("num", fmt_number(row.get("mean_total_score"), 2)),
                    ("num", row.get("applicable_indicator_count")), ("num", row.get("fully_met_indicator_count")),
                    ("num", pct(row, "fully_met_share")))) + "</tr>")
        body.append('<table id="trend-table"><thead><tr>' + "".join(f"<th>{h}</th>" for h in head)
                    + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>")

    body.append('<h2 id="distribution">各年度总分分布</h2>')
    groups = _score_distribution(source, years)
    if any(stats["n"] for _, stats in groups):
        drawn = all(stats["n"] == 0 or stats.get("points") is not None for _, stats in groups)
        title = "各年度自评总分分布（箱线图" + ("，点为单张表单）" if drawn else "；表单较多的年度不逐点画出）")
        body.append(box_plot(groups, title=title, value_format=_score, y_label="总分"))
    else:
        body.append('<p class="muted">尚无已发布的表单。</p>')

    body.append('<h2 id="movers">同比变化最大的项目</h2>')
    body.append('<p class="meta">同一项目（按项目键 project_key 跨年度匹配：去掉名称中的年份，按实施单位区分）'
                "在相邻两个有数据的年度之间的变化。</p>")
    change_count, tops = movers(source)
    if not change_count:
        body.append('<p class="muted">没有跨年度的同一项目，暂无同比变化。</p>')
    for field, title, fmt in (("score_change", "总分变化最大的项目", lambda v: f"{v:+.2f}分"),
                              ("rate_change_pp", "执行率变化最大的项目", _pp)):
        if not change_count:
            break
        top = tops[field]
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


def _names_sql(source, table: str, key: str, name: str) -> str:
    """key -> name from a dimension of the published file; an empty relation when it lacks them."""
    if {key, name} <= source.columns.get(table, set()):
        return f"SELECT {key}, any_value({name}) AS name FROM main.{table} GROUP BY 1"
    return f"SELECT NULL::VARCHAR AS {key}, NULL::VARCHAR AS name WHERE false"
