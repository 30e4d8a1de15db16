"""What the reports show, read from the published DuckDB file (read-only) and aggregated there.

Only the published file is read: the build database is locked while a load runs. Tables or columns a
given published file lacks (older files, or additions not yet published) read as NULL and fall back to
what can be derived from the other tables, so the reports never depend on column order or on optional
tables.

Memory is bounded by the report caps, never by the number of forms: counts, the per-unit summary, the
quarantine list and the trend figures are SQL aggregates; the long lists (findings, received files) are
streamed from cursors into audit.xlsx and capped in the HTML pages; only the forms a page re-draws have
their cells read. Two temporary tables (in memory, the published file stays untouched) carry the
derived state: `r_findings` (every finding with its report number, most severe first) and `r_forms`
(one row per form with its header, status and finding counts).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import duckdb

from orchestration.duckdb_memory import limit_memory
from orchestration.sql_text import sql_literal

# Optional published table: one row per cell of every form, quarantined ones included, so a form can
# be re-drawn exactly as written. See orchestration.publish.form_cells.AUDIT_FORM_CELLS_SQL for its definition.
CELLS_TABLE = "audit_form_cells"
UNKNOWN = "（未填写）"
UNREADABLE = "（未能解析出表单的文件）"
FETCH_ROWS = 10_000

FINDING_COLUMNS = {
    "finding_id": "VARCHAR", "form_id": "VARCHAR", "source_file": "VARCHAR", "file_hash": "VARCHAR",
    "form_index": "INTEGER", "report_year": "INTEGER", "project_name": "VARCHAR", "implementing_unit": "VARCHAR",
    "rule_id": "VARCHAR", "severity": "VARCHAR", "subject": "VARCHAR", "reported": "VARCHAR", "expected": "VARCHAR",
    "message": "VARCHAR", "line": "INTEGER",
}
STATUS_COLUMNS = {
    "form_id": "VARCHAR", "status": "VARCHAR", "source_file": "VARCHAR", "file_hash": "VARCHAR",
    "form_index": "INTEGER", "line_start": "INTEGER", "line_end": "INTEGER", "report_year": "INTEGER",
    "department": "VARCHAR", "implementing_unit": "VARCHAR", "project_name": "VARCHAR", "amount_unit": "VARCHAR",
    "archive_path": "VARCHAR", "reported_grade": "VARCHAR", "error_count": "INTEGER", "warning_count": "INTEGER",
    "info_count": "INTEGER",
}
SCORE_COLUMNS = {
    "form_id": "VARCHAR", "department_key": "VARCHAR", "unit_key": "VARCHAR", "department_name": "VARCHAR",
    "unit_name": "VARCHAR", "project_name": "VARCHAR", "report_year": "INTEGER", "source_file": "VARCHAR",
    "file_hash": "VARCHAR", "form_index": "INTEGER", "line_start": "INTEGER", "line_end": "INTEGER",
    "amount_unit": "VARCHAR", "archive_path": "VARCHAR", "total_weight": "DECIMAL(18, 4)",
    "total_score": "DECIMAL(18, 4)", "reported_grade": "VARCHAR",
}
FILE_COLUMNS = {
    "file_hash": "VARCHAR", "file_name": "VARCHAR", "received_at": "TIMESTAMP", "status": "VARCHAR",
    "form_count": "INTEGER", "encoding": "VARCHAR", "error": "VARCHAR", "error_line": "INTEGER",
    "archive_path": "VARCHAR",
}
TREND_COLUMNS = {
    "department_key": "VARCHAR", "department_name": "VARCHAR", "report_year": "INTEGER", "form_count": "INTEGER",
    "total_budget_wan_yuan": "DECIMAL(18, 4)", "total_executed_wan_yuan": "DECIMAL(18, 4)",
    "aggregate_execution_rate": "DECIMAL(18, 6)", "mean_execution_rate": "DECIMAL(18, 6)",
    "mean_total_score": "DECIMAL(18, 4)", "applicable_indicator_count": "INTEGER",
    "fully_met_indicator_count": "INTEGER", "fully_met_share": "DECIMAL(18, 6)",
}


def _text(expression: str) -> str:
    """NULL for NULL or empty text (the old `value not in (None, "")`)."""
    return f"nullif({expression}, '')"



class ReportSource:
    """The published file opened read-only, with the derived temp tables. Use as a context manager."""

    def __init__(self, published_db: Path):
        self.published_db = Path(published_db)
        if not self.published_db.exists():
            raise FileNotFoundError(f"{self.published_db}: nothing has been published yet (run `jixiao load` first)")
        self.connection = duckdb.connect(str(self.published_db), read_only=True)
        try:
            limit_memory(self.connection)
            self.connection.execute("SET enable_progress_bar = false")
            # The derived tables are sets (every read orders explicitly); in order, r_forms did not fit
            # the memory limit at 1,000,000 forms.
            self.connection.execute("SET preserve_insertion_order = false")
            rows = self.connection.execute(
                "SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'main' "
                "AND database_name = current_database()").fetchall()
            self.columns: dict[str, set[str]] = defaultdict(set)
            for table, column in rows:
                self.columns[table].add(column)
            self._prepare()
            self.load = self._load_info()
        except BaseException:
            self.connection.close()
            raise

    def __enter__(self) -> ReportSource:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    # --- plumbing --------------------------------------------------------------------------------

    def has(self, table: str) -> bool:
        return table in self.columns

    def select(self, table: str, spec: dict[str, str], alias: str = "t") -> str:
        """SELECT of `spec`'s columns from main.table, NULL for the ones it lacks; empty if no table."""
        present = self.columns.get(table)
        if not present:
            return "SELECT " + ", ".join(f"CAST(NULL AS {kind}) AS {name}" for name, kind in spec.items()) + " WHERE false"
        parts = [f'CAST({alias}."{name}" AS {kind}) AS {name}' if name in present else f"CAST(NULL AS {kind}) AS {name}"
                 for name, kind in spec.items()]
        return f'SELECT {", ".join(parts)} FROM main."{table}" AS {alias}'

    def rows(self, sql: str, parameters=None) -> list[dict]:
        cursor = self.connection.execute(sql, parameters or [])
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def stream(self, sql: str) -> Iterator[dict]:
        """Rows of a query as dicts, FETCH_ROWS at a time. On the source's own connection (the temp
        tables are visible to it only): consume one stream before starting another query."""
        cursor = self.connection.execute(sql)
        names = [column[0] for column in cursor.description]
        while batch := cursor.fetchmany(FETCH_ROWS):
            for row in batch:
                yield dict(zip(names, row))

    def scalar(self, sql: str):
        return self.connection.execute(sql).fetchone()[0]

    # --- the derived tables ------------------------------------------------------------------------

    def _prepare(self) -> None:
        execute = self.connection.execute
        # Numbered over the sort keys and the row id alone, then joined back: a window carrying the
        # whole wide rows does not spill (with 2,000,000 findings it ran out of a 400 MB limit).
        execute(f"""
            CREATE TEMP TABLE r_findings_unordered AS
            SELECT *, CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 WHEN 'info' THEN 2 ELSE 9 END AS sev_order
            FROM ({self.select("audit_findings", FINDING_COLUMNS)})""")
        execute("""
            CREATE TEMP TABLE r_findings AS
            WITH numbered AS (
                SELECT rowid AS row_key,
                       row_number() OVER (ORDER BY sev_order, coalesce(implementing_unit, ''), coalesce(source_file, ''),
                                          coalesce(form_index, 0), coalesce(line, 1000000000), coalesce(rule_id, ''),
                                          coalesce(subject, ''), finding_id) AS number
                FROM r_findings_unordered)
            SELECT numbered.number, findings.*
            FROM r_findings_unordered AS findings JOIN numbered ON numbered.row_key = findings.rowid""")
        execute("DROP TABLE r_findings_unordered")
        scores = self.select("fct_form_score", SCORE_COLUMNS, "s")
        department_names = ("SELECT department_key, any_value(department_name) AS department_name "
                            "FROM main.dim_department GROUP BY 1"
                            if {"department_key", "department_name"} <= self.columns.get("dim_department", set())
                            else "SELECT NULL::VARCHAR AS department_key, NULL::VARCHAR AS department_name WHERE false")
        unit_names = ("SELECT unit_key, any_value(unit_name) AS unit_name FROM main.dim_unit GROUP BY 1"
                      if {"unit_key", "unit_name"} <= self.columns.get("dim_unit", set())
                      else "SELECT NULL::VARCHAR AS unit_key, NULL::VARCHAR AS unit_name WHERE false")
        # r_forms is built in steps, one wide join each: a single statement joining the status, the
        # scores, the findings and the files held all their hash tables at once and ran out of the memory
        # limit at 1,000,000 forms. Step 1: what the form's own rows say (status first, then scores).
        execute(f"""
            CREATE TEMP TABLE r_forms_stated AS
            WITH st AS (SELECT * FROM ({self.select("audit_form_status", STATUS_COLUMNS)}) WHERE form_id IS NOT NULL),
            sc AS (
                SELECT s.* REPLACE (coalesce({_text("s.department_name")}, d.department_name) AS department_name,
                                    coalesce({_text("s.unit_name")}, u.unit_name) AS unit_name)
                FROM ({scores}) AS s
                LEFT JOIN ({department_names}) AS d ON d.department_key = s.department_key
                LEFT JOIN ({unit_names}) AS u ON u.unit_key = s.unit_key
                WHERE s.form_id IS NOT NULL)
            SELECT coalesce(st.form_id, sc.form_id) AS form_id,
                   {_text("st.status")} AS status,
                   coalesce({_text("st.department")}, {_text("sc.department_name")}) AS department,
                   coalesce({_text("st.implementing_unit")}, {_text("sc.unit_name")}) AS implementing_unit,
                   coalesce({_text("st.project_name")}, {_text("sc.project_name")}) AS project_name,
                   coalesce(st.report_year, sc.report_year) AS report_year,
                   coalesce({_text("st.source_file")}, {_text("sc.source_file")}) AS source_file,
                   coalesce(st.form_index, sc.form_index) AS form_index,
                   coalesce(st.line_start, sc.line_start) AS line_start,
                   coalesce(st.line_end, sc.line_end) AS line_end,
                   coalesce({_text("st.amount_unit")}, {_text("sc.amount_unit")}) AS amount_unit,
                   coalesce({_text("st.archive_path")}, {_text("sc.archive_path")}) AS archive_path,
                   sc.total_weight, sc.total_score,
                   coalesce({_text("st.reported_grade")}, {_text("sc.reported_grade")}) AS reported_grade,
                   st.error_count AS stated_errors, st.warning_count AS stated_warnings,
                   st.info_count AS stated_infos,
                   coalesce({_text("st.file_hash")}, {_text("sc.file_hash")}, split_part(coalesce(st.form_id, sc.form_id), '#', 1))
                       AS file_hash
            FROM st FULL OUTER JOIN sc ON sc.form_id = st.form_id""")
        # Step 2: the findings per form, with the header of the form's first finding (by a join: text
        # states in an aggregate, arg_min, did not fit the limit either).
        execute("""
            CREATE TEMP TABLE r_form_findings AS
            WITH counts AS (
                SELECT form_id,
                       min(number) AS first_number,
                       count(*) AS finding_count,
                       count(*) FILTER (WHERE severity = 'error') AS error_count,
                       count(*) FILTER (WHERE severity = 'warning') AS warning_count,
                       count(*) FILTER (WHERE severity = 'info') AS info_count
                FROM r_findings WHERE form_id IS NOT NULL GROUP BY form_id)
            SELECT counts.*, first.implementing_unit, first.project_name, first.report_year, first.source_file,
                   first.form_index
            FROM counts JOIN r_findings AS first ON first.number = counts.first_number""")
        # Step 3: the findings' and the received files' fallbacks for what the form's rows lack.
        execute(f"""
            CREATE TEMP TABLE r_forms_unordered AS
            WITH files AS (
                SELECT file_hash, any_value(file_name) AS file_name, any_value(archive_path) AS archive_path
                FROM ({self.select("audit_received_files", FILE_COLUMNS)}) GROUP BY file_hash)
            SELECT fo.form_id,
                   coalesce(fo.status, 'published') AS status,
                   coalesce(fo.department, {sql_literal(UNKNOWN)}) AS department,
                   coalesce(fo.implementing_unit, {_text("fi.implementing_unit")}, {sql_literal(UNKNOWN)}) AS implementing_unit,
                   coalesce(fo.project_name, {_text("fi.project_name")}, {sql_literal(UNKNOWN)}) AS project_name,
                   coalesce(fo.report_year, fi.report_year) AS report_year,
                   coalesce(fo.source_file, {_text("fi.source_file")}, {_text("files.file_name")}) AS source_file,
                   coalesce(fo.form_index, fi.form_index, try_cast(split_part(fo.form_id, '#', 2) AS INTEGER)) AS form_index,
                   fo.line_start, fo.line_end,
                   coalesce(fo.amount_unit, '万元') AS amount_unit,
                   coalesce(fo.archive_path, {_text("files.archive_path")}) AS archive_path,
                   fo.total_weight, fo.total_score, fo.reported_grade,
                   coalesce(fo.stated_errors, fi.error_count, 0) AS error_count,
                   coalesce(fo.stated_warnings, fi.warning_count, 0) AS warning_count,
                   coalesce(fo.stated_infos, fi.info_count, 0) AS info_count,
                   coalesce(fi.finding_count, 0) AS finding_count,
                   coalesce(fi.error_count, 0) AS error_findings,
                   coalesce(fi.warning_count, 0) AS warning_findings
            FROM r_forms_stated AS fo
            LEFT JOIN r_form_findings AS fi ON fi.form_id = fo.form_id
            LEFT JOIN files ON files.file_hash = fo.file_hash""")
        execute("DROP TABLE r_forms_stated")
        execute("DROP TABLE r_form_findings")
        # Numbered over the sort keys alone, then joined back: a window over the whole wide rows ran
        # out of the memory limit at 1,000,000 forms (it does not spill the rows it carries).
        execute("""
            CREATE TEMP TABLE r_forms AS
            WITH numbered AS (
                SELECT form_id,
                       row_number() OVER (ORDER BY department, implementing_unit, coalesce(report_year, 0),
                                          coalesce(source_file, ''), coalesce(form_index, 0), form_id) AS form_order
                FROM r_forms_unordered)
            SELECT numbered.form_order, forms.*
            FROM r_forms_unordered AS forms JOIN numbered USING (form_id)""")
        execute("DROP TABLE r_forms_unordered")

    def _load_info(self) -> dict:
        if not self.has("load_info"):
            return {}
        rows = self.rows("SELECT * FROM main.load_info LIMIT 1")
        return rows[0] if rows else {}

    # --- what the reports ask ----------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Forms by status, findings by severity, files received."""
        forms = dict(self.connection.execute("SELECT status, count(*) FROM r_forms GROUP BY 1").fetchall())
        severities = dict(self.connection.execute("SELECT severity, count(*) FROM r_findings GROUP BY 1").fetchall())
        return {
            "forms": sum(forms.values()),
            **{status: forms.get(status, 0) for status in ("published", "quarantined", "superseded")},
            **{severity: severities.get(severity, 0) for severity in ("error", "warning", "info")},
            "findings": sum(severities.values()),
            "files": self.scalar(f"SELECT count(*) FROM ({self.select('audit_received_files', FILE_COLUMNS)})"),
            "forms_with_findings": self.scalar("SELECT count(*) FROM r_forms WHERE finding_count > 0 "
                                               "OR status = 'quarantined'"),
        }

    def summary_rows(self) -> list[list]:
        """One row per (department, unit): forms received, published, quarantined, superseded, and the
        findings of those forms by severity; findings of files without a form under UNREADABLE. The last
        row is the total (合计)."""
        rows = self.connection.execute(f"""
            WITH forms AS (
                SELECT department, implementing_unit AS unit, count(*) AS received,
                       count(*) FILTER (WHERE status = 'published') AS published,
                       count(*) FILTER (WHERE status = 'quarantined') AS quarantined,
                       count(*) FILTER (WHERE status = 'superseded') AS superseded
                FROM r_forms GROUP BY ALL),
            findings AS (
                SELECT CASE WHEN fo.form_id IS NULL THEN {sql_literal(UNREADABLE)} ELSE fo.department END AS department,
                       CASE WHEN fo.form_id IS NULL THEN coalesce({_text("x.implementing_unit")}, {sql_literal(UNREADABLE)})
                            ELSE fo.implementing_unit END AS unit,
                       count(*) FILTER (WHERE x.severity = 'error') AS error,
                       count(*) FILTER (WHERE x.severity = 'warning') AS warning,
                       count(*) FILTER (WHERE x.severity = 'info') AS info
                FROM r_findings AS x LEFT JOIN r_forms AS fo ON fo.form_id = x.form_id GROUP BY ALL)
            SELECT coalesce(forms.department, findings.department), coalesce(forms.unit, findings.unit),
                   coalesce(received, 0), coalesce(published, 0), coalesce(quarantined, 0), coalesce(superseded, 0),
                   coalesce(error, 0), coalesce(warning, 0), coalesce(info, 0)
            FROM forms FULL OUTER JOIN findings
              ON findings.department = forms.department AND findings.unit = forms.unit
            ORDER BY 1, 2""").fetchall()
        out = [list(row) for row in rows]
        out.append(["合计", None] + [sum(row[i] for row in out) for i in range(2, 9)])
        return out

    def findings(self, limit: int | None = None) -> Iterator[dict]:
        """Findings in report order (most severe first), each with its number and the form's header as
        fallback for what the finding lacks."""
        yield from self.stream(self.findings_sql(limit))

    def findings_sql(self, limit: int | None = None) -> str:
        return f"""
            SELECT x.number, x.form_id, x.rule_id, x.severity, x.subject, x.reported, x.expected, x.message, x.line,
                   coalesce({_text("x.implementing_unit")}, fo.implementing_unit) AS implementing_unit,
                   coalesce({_text("x.project_name")}, fo.project_name) AS project_name,
                   coalesce(x.report_year, fo.report_year) AS report_year,
                   coalesce({_text("x.source_file")}, fo.source_file) AS source_file,
                   coalesce(x.form_index, fo.form_index) AS form_index,
                   fo.form_id IS NOT NULL AS has_form
            FROM r_findings AS x LEFT JOIN r_forms AS fo ON fo.form_id = x.form_id
            ORDER BY x.number""" + (f" LIMIT {int(limit)}" if limit is not None else "")

    def orphan_findings(self, limit: int) -> tuple[int, list[int]]:
        """(how many, the first `limit` numbers) of findings that belong to no form (unreadable files)."""
        where = "WHERE x.form_id IS NULL OR x.form_id NOT IN (SELECT form_id FROM r_forms)"
        total = self.scalar(f"SELECT count(*) FROM r_findings AS x {where}")
        numbers = [row[0] for row in self.connection.execute(
            f"SELECT number FROM r_findings AS x {where} ORDER BY number LIMIT {int(limit)}").fetchall()]
        return total, numbers

    def quarantined(self, limit: int | None = None) -> Iterator[dict]:
        """Quarantined forms in form order, with their error findings (number, rule, message)."""
        sql = """
            WITH errors AS (
                SELECT form_id, list({'number': number, 'rule_id': rule_id, 'message': message} ORDER BY number)
                           AS errors
                FROM r_findings
                WHERE severity = 'error' AND form_id IN (SELECT form_id FROM r_forms WHERE status = 'quarantined')
                GROUP BY form_id)
            SELECT fo.*, coalesce(errors.errors, []) AS errors
            FROM r_forms AS fo LEFT JOIN errors ON errors.form_id = fo.form_id
            WHERE fo.status = 'quarantined'
            ORDER BY fo.form_order""" + (f" LIMIT {int(limit)}" if limit is not None else "")
        yield from self.stream(sql)

    def quarantined_summary_sql(self) -> str:
        """Quarantined forms with their error rules (each once, in report order, joined by 、) and their
        error lines ("rule：message", one per line); `form_order` orders them."""
        return """
            WITH quarantined AS (SELECT * FROM r_forms WHERE status = 'quarantined'),
            errors AS (
                SELECT form_id, number, rule_id, message FROM r_findings
                WHERE severity = 'error' AND form_id IN (SELECT form_id FROM quarantined)),
            rules AS (
                SELECT form_id, string_agg(rule_id, '、' ORDER BY first_number) AS error_rules
                FROM (SELECT form_id, rule_id, min(number) AS first_number FROM errors GROUP BY ALL)
                GROUP BY form_id),
            lines AS (
                SELECT form_id, string_agg(coalesce(rule_id, '') || '：' || coalesce(message, ''), chr(10) ORDER BY number)
                           AS error_lines
                FROM errors GROUP BY form_id)
            SELECT fo.*, coalesce(rules.error_rules, '') AS error_rules, coalesce(lines.error_lines, '') AS error_lines
            FROM quarantined AS fo
            LEFT JOIN rules ON rules.form_id = fo.form_id
            LEFT JOIN lines ON lines.form_id = fo.form_id"""

    def files(self, limit: int | None = None, failed_first: bool = False) -> Iterator[dict]:
        sql = (f"SELECT * FROM ({self.files_sql()}) ORDER BY {self.files_order(failed_first)}"
               + (f" LIMIT {int(limit)}" if limit is not None else ""))
        yield from self.stream(sql)

    def files_sql(self) -> str:
        return self.select("audit_received_files", FILE_COLUMNS)

    @staticmethod
    def files_order(failed_first: bool = False) -> str:
        return (("(status = 'failed') DESC, " if failed_first else "")
                + "received_at NULLS FIRST, coalesce(file_name, ''), coalesce(file_hash, '')")

    # --- re-drawn forms ----------------------------------------------------------------------------

    def choose_forms_to_draw(self, limit: int) -> list[dict]:
        """The forms a page re-draws: quarantined first, then forms with warnings, then with other
        findings; at most `limit`. Kept in the temp table r_shown."""
        self.connection.execute("DROP TABLE IF EXISTS r_shown")
        self.connection.execute(f"""
            CREATE TEMP TABLE r_shown AS
            SELECT row_number() OVER (ORDER BY status <> 'quarantined', error_findings = 0, warning_findings = 0,
                                      form_order) AS shown_order, *
            FROM r_forms WHERE finding_count > 0 OR status = 'quarantined'
            ORDER BY shown_order LIMIT {int(limit)}""")
        return self.rows("SELECT * FROM r_shown ORDER BY shown_order")

    def shown_findings(self) -> dict[str, list[dict]]:
        """Findings of the forms in r_shown, by form, in report order."""
        grouped: dict[str, list[dict]] = defaultdict(list)
        for row in self.rows("SELECT * FROM r_findings WHERE form_id IN (SELECT form_id FROM r_shown) ORDER BY number"):
            grouped[row["form_id"]].append(row)
        return dict(grouped)

    def shown_cells(self) -> dict[str, list[dict]] | None:
        """Cells (as written) of the forms in r_shown; None when the published file has no cells table."""
        if not self.has(CELLS_TABLE):
            return None
        grouped: dict[str, list[dict]] = defaultdict(list)
        for row in self.rows(f"SELECT form_id, row_kind, row_index, column_name, raw_text, line FROM main.{CELLS_TABLE} "
                             "WHERE form_id IN (SELECT form_id FROM r_shown)"):
            grouped[row["form_id"]].append(row)
        return dict(grouped)

    def shown_facts(self, table: str) -> dict[str, list[dict]]:
        """Published fact rows (fct_fund_execution / fct_indicator_result) of the forms in r_shown."""
        if not self.has(table) or "form_id" not in self.columns[table]:
            return {}
        grouped: dict[str, list[dict]] = defaultdict(list)
        for row in self.rows(f'SELECT * FROM main."{table}" WHERE form_id IN (SELECT form_id FROM r_shown)'):
            grouped[row["form_id"]].append(row)
        for members in grouped.values():
            members.sort(key=lambda row: (row.get("row_index") is None, row.get("row_index") or 0))
        return dict(grouped)
