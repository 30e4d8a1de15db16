"""The yardstick: what the same parser plus DuckDB can do with no pipeline around them.

    python -m benchmarks.yardstick CORPUS_DIR [--db FILE] [--workers N]

Parses every file under CORPUS_DIR with `orchestration.forms.parse_document` in N processes
(default: every core), hands the rows to DuckDB in Arrow batches, then runs the error-level rules
of rules.md as plain SQL over the current version of each form. No archive, no lineage columns, no
Dagster, no dbt, no Great Expectations, no publication: the floor jixiao is measured against.

Prints one JSON object: seconds per stage, forms, error findings per rule and the number of forms
with at least one error (the benchmark compares them with jixiao's findings and the ground truth).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import duckdb
import pyarrow as pa

CHUNK_FILES = 64
BATCH_FORMS = 20_000

FORM_COLUMNS = ("form_id", "file_order", "form_index", "report_year", "project_name", "implementing_unit",
                "total_weight", "total_score", "total_weight_raw", "total_score_raw", "reported_grade",
                "has_total_line")
FUND_NUMBERS = ("initial_budget", "annual_budget", "executed", "weight", "execution_rate", "score")
FUND_COLUMNS = ("form_id", "row_index", "source", *FUND_NUMBERS, *(f"{c}_raw" for c in FUND_NUMBERS))
INDICATOR_COLUMNS = ("form_id", "row_index", "applicable", "level1", "level1_declared_weight",
                     "weight", "score", "weight_raw", "score_raw")


def _text(value):
    return None if value is None else format(value, "f") if not isinstance(value, str) else value


def parse_chunk(chunk: list[tuple[int, str]]) -> tuple[pa.Table, pa.Table, pa.Table, int]:
    """Parse files; return their rows as three Arrow tables (column lists, no per-row dicts)."""
    from orchestration.forms import DocumentError, parse_document

    forms = {c: [] for c in FORM_COLUMNS}
    funds = {c: [] for c in FUND_COLUMNS}
    indicators = {c: [] for c in INDICATOR_COLUMNS}
    failed = 0
    for order, path in chunk:
        try:
            parsed = parse_document(Path(path).read_bytes(), Path(path).name)
        except (OSError, DocumentError):
            failed += 1
            continue
        for form in parsed.forms:
            form_id = f"{parsed.file_hash}#{form['form_index']}"
            for column, value in (
                ("form_id", form_id), ("file_order", order), ("form_index", form["form_index"]),
                ("report_year", form.get("report_year")), ("project_name", form.get("project_name")),
                ("implementing_unit", form.get("implementing_unit")),
                ("total_weight", _text(form.get("total_weight"))), ("total_score", _text(form.get("total_score"))),
                ("total_weight_raw", form.get("total_weight_raw")), ("total_score_raw", form.get("total_score_raw")),
                ("reported_grade", form.get("reported_grade")), ("has_total_line", form.get("total_line") is not None),
            ):
                forms[column].append(value)
            for position, fund in enumerate(form.get("funds", [])):
                funds["form_id"].append(form_id)
                funds["row_index"].append(fund.get("row_index", position))
                funds["source"].append(fund.get("source"))
                for column in FUND_NUMBERS:
                    funds[column].append(_text(fund.get(column)))
                    funds[f"{column}_raw"].append(fund.get(f"{column}_raw"))
            for position, row in enumerate(form.get("indicators", [])):
                indicators["form_id"].append(form_id)
                indicators["row_index"].append(row.get("row_index", position))
                indicators["applicable"].append(bool(row.get("applicable", True)))
                indicators["level1"].append(row.get("level1"))
                indicators["level1_declared_weight"].append(_text(row.get("level1_declared_weight")))
                indicators["weight"].append(_text(row.get("weight")))
                indicators["score"].append(_text(row.get("score")))
                indicators["weight_raw"].append(row.get("weight_raw"))
                indicators["score_raw"].append(row.get("score_raw"))
    return pa.table(forms), pa.table(funds), pa.table(indicators), failed


RAW_DDL = """
CREATE TABLE forms (form_id VARCHAR, file_order INTEGER, form_index INTEGER, report_year INTEGER,
    project_name VARCHAR, implementing_unit VARCHAR, total_weight VARCHAR, total_score VARCHAR,
    total_weight_raw VARCHAR, total_score_raw VARCHAR, reported_grade VARCHAR, has_total_line BOOLEAN);
CREATE TABLE funds (form_id VARCHAR, row_index INTEGER, source VARCHAR,
    initial_budget VARCHAR, annual_budget VARCHAR, executed VARCHAR, weight VARCHAR, execution_rate VARCHAR,
    score VARCHAR, initial_budget_raw VARCHAR, annual_budget_raw VARCHAR, executed_raw VARCHAR,
    weight_raw VARCHAR, execution_rate_raw VARCHAR, score_raw VARCHAR);
CREATE TABLE indicators (form_id VARCHAR, row_index INTEGER, applicable BOOLEAN, level1 VARCHAR,
    level1_declared_weight VARCHAR, weight VARCHAR, score VARCHAR, weight_raw VARCHAR, score_raw VARCHAR);
"""

# Blank markers of a numeric cell (rules.md R-PARSE-03).
_BLANK = "coalesce(trim({0}), '') IN ('', '—', '——', '-', '－', '–', '/', '／')"

# The error-level rules of rules.md, on the current version of each form, one query.
RULES_SQL = f"""
CREATE TABLE f AS
WITH keyed AS (
    SELECT *, CASE WHEN project_name IS NULL OR report_year IS NULL THEN 'form:' || form_id
                   ELSE lower(regexp_replace(coalesce(implementing_unit, ''), '[[:space:]　()（）]', '', 'g'))
                        || '|' || lower(regexp_replace(project_name, '[[:space:]　()（）]', '', 'g'))
                        || '|' || report_year END AS form_key
    FROM forms)
SELECT form_id, report_year, project_name, reported_grade, has_total_line,
       CAST(total_weight AS DECIMAL(18,4)) AS total_weight, CAST(total_score AS DECIMAL(18,4)) AS total_score,
       total_weight_raw, total_score_raw
FROM keyed
QUALIFY row_number() OVER (PARTITION BY form_key ORDER BY file_order DESC, form_index DESC) = 1;

CREATE TABLE fr AS
SELECT fu.form_id, fu.row_index, fu.source,
       {", ".join(f"CAST({c} AS DECIMAL(18,{6 if c == 'execution_rate' else 4})) AS {c}, {c}_raw" for c in FUND_NUMBERS)}
FROM funds AS fu SEMI JOIN f USING (form_id);

CREATE TABLE ir AS
SELECT i.form_id, i.row_index, i.applicable, i.level1,
       CAST(i.level1_declared_weight AS DECIMAL(18,4)) AS declared, CAST(i.weight AS DECIMAL(18,4)) AS weight,
       CAST(i.score AS DECIMAL(18,4)) AS score, i.weight_raw, i.score_raw
FROM indicators AS i SEMI JOIN f USING (form_id);

CREATE TABLE findings AS
WITH total_row AS (
    SELECT * FROM fr WHERE source = 'total'
    QUALIFY row_number() OVER (PARTITION BY form_id ORDER BY row_index) = 1),
sources AS (
    SELECT form_id,
           sum(coalesce(initial_budget, 0)) AS b0, sum(coalesce(annual_budget, 0)) AS b,
           sum(coalesce(executed, 0)) AS e,
           count(initial_budget) + count(annual_budget) + count(executed) AS present
    FROM fr WHERE source <> 'total' GROUP BY form_id),
ind AS (
    SELECT form_id,
           count(*) FILTER (WHERE applicable) AS applicable_count,
           coalesce(sum(weight) FILTER (WHERE applicable), 0) AS weight_sum,
           coalesce(sum(score) FILTER (WHERE applicable), 0) AS score_sum,
           count(score) FILTER (WHERE applicable) AS scored
    FROM ir GROUP BY form_id),
totals AS (
    SELECT f.*, t.form_id IS NOT NULL AS has_total_fund_row, t.weight AS funds_weight, t.score AS funds_score,
           coalesce(ind.applicable_count, 0) AS applicable_count,
           coalesce(t.weight, 0) + coalesce(ind.weight_sum, 0) AS weight_sum,
           coalesce(t.score, 0) + coalesce(ind.score_sum, 0) AS computed_total,
           coalesce(ind.scored, 0) + CASE WHEN t.score IS NOT NULL THEN 1 ELSE 0 END AS scored_rows
    FROM f LEFT JOIN total_row AS t USING (form_id) LEFT JOIN ind USING (form_id)),
cells AS (
    {" UNION ALL ".join(f"SELECT form_id, {c}_raw AS raw, {c} AS value, source = 'total' AND {c!r} <> 'initial_budget' AS required, {c!r} AS cell, annual_budget FROM fr" for c in FUND_NUMBERS)}
    UNION ALL SELECT form_id, weight_raw, weight, applicable, 'weight', NULL FROM ir
    UNION ALL SELECT form_id, score_raw, score, applicable, 'score', NULL FROM ir
    UNION ALL SELECT form_id, total_weight_raw, total_weight, false, 'total_weight', NULL FROM f
    UNION ALL SELECT form_id, total_score_raw, total_score, true, 'total_score', NULL FROM f)
SELECT form_id, 'R-PARSE-01' AS rule_id FROM totals
    WHERE project_name IS NULL OR trim(project_name) = '' OR report_year IS NULL OR NOT has_total_fund_row
UNION ALL SELECT form_id, 'R-PARSE-02' FROM totals WHERE applicable_count = 0 OR NOT has_total_line
UNION ALL SELECT c.form_id, 'R-PARSE-03' FROM cells AS c
    LEFT JOIN (SELECT form_id, coalesce(annual_budget, 0) = 0 AS zero_budget FROM total_row) AS z USING (form_id)
    WHERE c.value IS NULL AND (NOT {_BLANK.format('c.raw')} OR (c.required
          AND NOT (c.cell IN ('annual_budget', 'execution_rate') AND coalesce(z.zero_budget, false))))
UNION ALL SELECT form_id, 'R-FUND-01' FROM fr
    WHERE execution_rate IS NOT NULL AND executed IS NOT NULL AND annual_budget > 0
      AND abs(execution_rate - CAST(CAST(executed AS DOUBLE) / CAST(annual_budget AS DOUBLE) AS DECIMAL(38,10))) * 100 > 0.5
UNION ALL SELECT form_id, 'R-FUND-03' FROM total_row WHERE score < 0 OR score > weight
UNION ALL SELECT t.form_id, 'R-FUND-05' FROM total_row AS t JOIN sources AS s USING (form_id)
    WHERE s.present > 0 AND (abs(t.initial_budget - s.b0) > 0.01 OR abs(t.annual_budget - s.b) > 0.01
                             OR abs(t.executed - s.e) > 0.01)
UNION ALL SELECT form_id, 'R-FUND-11' FROM fr WHERE initial_budget < 0 OR annual_budget < 0 OR executed < 0
UNION ALL SELECT form_id, 'R-WGT-01' FROM totals
    WHERE abs(weight_sum - 100) > 0.01 OR (total_weight IS NOT NULL AND abs(total_weight - weight_sum) > 0.01)
UNION ALL SELECT form_id, 'R-WGT-03' FROM (
    SELECT form_id, level1, max(declared) AS declared, coalesce(sum(weight) FILTER (WHERE applicable), 0) AS w
    FROM ir WHERE level1 IS NOT NULL GROUP BY form_id, level1) WHERE declared IS NOT NULL AND abs(w - declared) > 0.01
UNION ALL SELECT form_id, 'R-IND-01' FROM ir WHERE applicable AND score IS NOT NULL AND (score < 0 OR score > weight)
UNION ALL SELECT form_id, 'R-TOT-01' FROM totals
    WHERE total_score IS NOT NULL AND abs(total_score - computed_total) > greatest(0.01, 0.005 * scored_rows)
UNION ALL SELECT form_id, 'R-TOT-02' FROM totals
    WHERE total_score IS NOT NULL AND (total_score < 0 OR total_score > least(100, weight_sum))
UNION ALL SELECT form_id, 'R-TOT-04' FROM totals
    WHERE total_score IS NOT NULL AND nullif(trim(reported_grade), '') IS NOT NULL
      AND CASE WHEN reported_grade LIKE '%优%' THEN '优' WHEN reported_grade LIKE '%良%' THEN '良'
               WHEN reported_grade LIKE '%中%' THEN '中' WHEN reported_grade LIKE '%差%' THEN '差'
               ELSE trim(reported_grade) END
          <> CASE WHEN round(total_score, 2) >= 90 THEN '优' WHEN round(total_score, 2) >= 80 THEN '良'
                  WHEN round(total_score, 2) >= 60 THEN '中' ELSE '差' END;
"""


def _files(root: Path):
    for path in sorted(root.rglob("*")):
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(root).parts) \
                and path.name != "ground_truth.jsonl":
            yield path


def run(corpus: Path, db_path: Path, workers: int) -> dict:
    db_path.unlink(missing_ok=True)
    started = time.perf_counter()
    connection = duckdb.connect(str(db_path))
    connection.execute(RAW_DDL)
    pending: dict[str, list[pa.Table]] = {"forms": [], "funds": [], "indicators": []}
    counts = {"files": 0, "forms": 0, "failed_files": 0}
    load_seconds = 0.0

    def flush():
        nonlocal load_seconds
        began = time.perf_counter()
        for table, parts in pending.items():
            if parts:
                frame = pa.concat_tables(parts)
                connection.register("batch", frame)
                connection.execute(f"INSERT INTO {table} SELECT * FROM batch")
                connection.unregister("batch")
                parts.clear()
        load_seconds += time.perf_counter() - began

    def take(result):
        forms, funds, indicators, failed = result
        counts["forms"] += forms.num_rows
        counts["failed_files"] += failed
        pending["forms"].append(forms)
        pending["funds"].append(funds)
        pending["indicators"].append(indicators)
        if sum(t.num_rows for t in pending["forms"]) >= BATCH_FORMS:
            flush()

    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        in_flight: deque = deque()
        chunk: list[tuple[int, str]] = []
        for order, path in enumerate(_files(corpus)):
            counts["files"] += 1
            chunk.append((order, str(path)))
            if len(chunk) == CHUNK_FILES:
                in_flight.append(pool.submit(parse_chunk, chunk))
                chunk = []
                while len(in_flight) > 2 * workers:
                    take(in_flight.popleft().result())
        if chunk:
            in_flight.append(pool.submit(parse_chunk, chunk))
        while in_flight:
            take(in_flight.popleft().result())
    flush()
    parse_and_load = time.perf_counter() - started

    began = time.perf_counter()
    connection.execute(RULES_SQL)
    rules_seconds = time.perf_counter() - began
    by_rule = dict(connection.execute(
        "SELECT rule_id, count(DISTINCT form_id) FROM findings GROUP BY 1 ORDER BY 1").fetchall())
    error_forms = connection.execute("SELECT count(DISTINCT form_id) FROM findings").fetchone()[0]
    connection.close()
    return {
        "workers": workers,
        "files": counts["files"],
        "forms": counts["forms"],
        "failed_files": counts["failed_files"],
        "seconds": {
            "parse_and_load": round(parse_and_load, 3),
            "load_insert_part": round(load_seconds, 3),
            "rules": round(rules_seconds, 3),
            "total": round(time.perf_counter() - started, 3),
        },
        "error_forms": error_forms,
        "error_forms_by_rule": by_rule,
        "db": str(db_path),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--db", type=Path, default=None, help="DuckDB file (default: beside the corpus)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    arguments = parser.parse_args(argv)
    db_path = arguments.db or arguments.corpus.parent / f"{arguments.corpus.name}.yardstick.duckdb"
    print(json.dumps(run(arguments.corpus, db_path, arguments.workers), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
