"""A raw layer for dbt tests, written straight from ../shared/spec/seed_expected.json.

`write_raw_fixture(db_path)` creates the raw.* tables with the ingest asset's own DDL (the
"Raw schema" of docs/ARCHITECTURE.md) and an empty quality.rule_findings, then fills them with the
five seed forms as the parser would: numbers as canonical decimal text, cells as written
("33.10", "100.00%", "10.00分"), targets and actuals split into kind / operator / value / unit.
No parser is involved, so the dbt models can be tested on their own.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import duckdb

from orchestration.ingest.raw_schema import RAW_DDL
from orchestration.quality.findings_table import FINDINGS_DDL

SEED_FILE_HASH = hashlib.sha256(b"jixiao dbt raw fixture: seed 000_11425050844b7f8e.txt").hexdigest()
SEED_FILE_NAME = "000_11425050844b7f8e.txt"
SEED_RECEIVED_AT = datetime(2026, 11, 1, 2, 0, 0)
SEED_LOAD_ID = "fixture-load-1"
FORM_LINES = 200  # lines per form in the fictitious file

FUND_LABELS = {"total": "年度资金总额", "appropriation": "当年财政拨款", "carryover": "上年结转资金",
               "other": "其他资金"}
_OPERATORS = {">=": ">=", "≥": ">=", ">": ">", "=": "=", "<=": "<=", "≤": "<=", "<": "<"}
_NUMBER = re.compile(r"^(>=|<=|≥|≤|>|<|=)?(-?\d+(?:\.\d+)?)(.*)$")
_QUALITATIVE_BANDS = {"达成": "达成", "部分达成": "部分达成", "未达成": "未达成"}


def shared_dir() -> Path:
    configured = os.environ.get("JIXIAO_SHARED_DIR")
    return Path(configured) if configured else Path(__file__).resolve().parents[2].parent / "shared"


def seed_forms() -> list[dict]:
    return json.loads((shared_dir() / "spec" / "seed_expected.json").read_text(encoding="utf-8"))


def _decimal(value) -> Decimal:
    """The number as the parser reads the cell: 10.0 in the JSON was "10" on the form."""
    number = Decimal(str(value))
    return Decimal(int(number)) if number == number.to_integral_value() else number


def number_text(value) -> str | None:
    """Canonical decimal text, as the ingest asset stores numbers."""
    return None if value is None else format(_decimal(value), "f")


def parse_value(text: str | None) -> dict:
    """kind / operator / value / unit of a 年度指标值 or 实际完成值 cell, like the parser's target parse."""
    cell = (text or "").strip()
    if cell in ("", "/"):
        return {"kind": "placeholder", "operator": None, "value": None, "unit": None}
    if re.search(r"\d{4}年\d{1,2}月", cell):
        return {"kind": "date", "operator": None, "value": None, "unit": None}
    match = _NUMBER.match(cell.replace(" ", "").replace(",", ""))
    if match:
        operator, number, unit = match.groups()
        return {"kind": "quantitative", "operator": _OPERATORS.get(operator) if operator else None,
                "value": number_text(Decimal(number)), "unit": unit or None}
    return {"kind": "qualitative", "operator": None, "value": None, "unit": None}


def _amount_raw(value) -> str:
    return "" if value is None else f"{Decimal(str(value)):.2f}"


def _fund_row(form_id: str, file_hash: str, form_index: int, row_index: int, line: int, fund: dict) -> dict:
    rate = fund["execution_rate"]
    return {
        "form_id": form_id, "file_hash": file_hash, "form_index": form_index, "row_index": row_index,
        "line": line, "source": fund["source"], "source_label": FUND_LABELS[fund["source"]],
        "initial_budget": number_text(fund["initial_budget"]), "initial_budget_raw": _amount_raw(fund["initial_budget"]),
        "annual_budget": number_text(fund["annual_budget"]), "annual_budget_raw": _amount_raw(fund["annual_budget"]),
        "executed": number_text(fund["executed"]), "executed_raw": _amount_raw(fund["executed"]),
        "weight": number_text(fund["weight"]),
        "weight_raw": number_text(fund["weight"]) if fund["weight"] is not None else "—",
        "execution_rate": number_text(rate),
        "execution_rate_raw": f"{Decimal(str(rate)) * 100:.2f}%" if rate is not None else "—",
        "score": number_text(fund["score"]),
        "score_raw": f"{Decimal(str(fund['score'])):.2f}分" if fund["score"] is not None else "—",
    }


def _indicator_row(form_id: str, file_hash: str, form_index: int, row_index: int, line: int,
                   indicator: dict) -> dict:
    target = parse_value(indicator["target_raw"])
    actual = parse_value(indicator["actual_raw"])
    applicable = not all((indicator.get(key) in (None, "", "/"))
                         for key in ("name", "target_raw", "actual_raw", "weight", "score"))
    actual_band = _QUALITATIVE_BANDS.get(indicator["actual_raw"]) if actual["kind"] == "qualitative" else None
    return {
        "form_id": form_id, "file_hash": file_hash, "form_index": form_index, "row_index": row_index,
        "line": line, "level1": indicator["level1"], "level1_raw": indicator["level1"],
        "level1_declared_weight": None, "level2": indicator["level2"], "name": indicator["name"],
        "target_raw": indicator["target_raw"], "actual_raw": indicator["actual_raw"],
        "weight": number_text(indicator["weight"]),
        "weight_raw": number_text(indicator["weight"]) if indicator["weight"] is not None else "/",
        "score": number_text(indicator["score"]),
        "score_raw": number_text(indicator["score"]) if indicator["score"] is not None else "/",
        "deviation_note": indicator["deviation_note"], "applicable": applicable,
        "target_kind": target["kind"], "target_operator": target["operator"], "target_value": target["value"],
        "target_unit": target["unit"], "actual_kind": actual["kind"], "actual_value": actual["value"],
        "actual_unit": actual["unit"], "actual_band": actual_band,
    }


def raw_rows(forms: list[dict] | None = None, *, file_hash: str = SEED_FILE_HASH,
             file_name: str = SEED_FILE_NAME, received_at: datetime = SEED_RECEIVED_AT,
             load_id: str = SEED_LOAD_ID) -> dict[str, list[dict]]:
    """Rows of raw.received_files / forms / fund_rows / indicator_rows for one file of forms
    (default: the seed file with its five forms)."""
    forms = seed_forms() if forms is None else forms
    tables: dict[str, list[dict]] = {"received_files": [], "forms": [], "fund_rows": [], "indicator_rows": []}
    tables["received_files"].append({
        "file_hash": file_hash, "file_name": file_name, "source_path": f"/incoming/{file_name}",
        "archive_path": f"archive/{file_hash[:2]}/{file_hash}__{file_name}",
        "size_bytes": 41_000, "received_at": received_at, "load_id": load_id, "status": "parsed",
        "error": None, "error_line": None, "encoding": "utf-8", "form_count": len(forms),
    })
    for form_index, form in enumerate(forms):
        form_id = f"{file_hash}#{form_index}"
        line_start = 1 + form_index * FORM_LINES
        line = line_start + 12  # the first funds row, after title, year and header cells
        for row_index, fund in enumerate(form["funds"]):
            tables["fund_rows"].append(_fund_row(form_id, file_hash, form_index, row_index, line, fund))
            line += 8
        line += 20  # 年度总体目标 and the indicator header
        for row_index, indicator in enumerate(form["indicators"]):
            tables["indicator_rows"].append(
                _indicator_row(form_id, file_hash, form_index, row_index, line, indicator))
            line += 10
        content = json.dumps(form, ensure_ascii=False, sort_keys=True).encode("utf-8")
        tables["forms"].append({
            "form_id": form_id, "file_hash": file_hash, "form_index": form_index,
            "source_file": file_name, "line_start": line_start, "line_end": line + 5,
            "load_id": load_id, "received_at": received_at,
            "content_hash": hashlib.sha256(content).hexdigest(),
            "title": f"{form['project_name']}项目支出绩效自评表", "report_year": form["report_year"],
            "project_name": form["project_name"], "department": form["department"],
            "implementing_unit": form["implementing_unit"], "goal_expected": form["goal_expected"],
            "goal_actual": form["goal_actual"], "amount_unit": "万元",
            "total_weight": number_text(form["total_weight"]),
            "total_weight_raw": number_text(form["total_weight"]),
            "total_score": number_text(form["total_score"]),
            "total_score_raw": f"{Decimal(str(form['total_score'])):.2f}分",
            "reported_grade": None, "total_line": line, "parse_problems": "[]",
        })
    return tables


def insert_rows(connection: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    placeholders = ", ".join("?" for _ in columns)
    connection.executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})",
        [[row[column] for column in columns] for row in rows],
    )


def write_raw_fixture(db_path: Path | str) -> Path:
    """Create raw.* (seed forms) and an empty quality.rule_findings in the DuckDB file at db_path."""
    db_path = Path(db_path)
    with duckdb.connect(str(db_path)) as connection:
        connection.execute(RAW_DDL)
        connection.execute(FINDINGS_DDL)
        append_raw_rows(connection, raw_rows())
    return db_path


def append_raw_rows(connection: duckdb.DuckDBPyConnection, tables: dict[str, list[dict]]) -> None:
    """Add the rows of raw_rows(...) to the raw.* tables (e.g. a second, newer file)."""
    for table, rows in tables.items():
        insert_rows(connection, f"raw.{table}", rows)
