"""Turn parsed forms into raw-table rows. Pure: no database here."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from typing import Any

FUND_NUMBER_COLUMNS = ("initial_budget", "annual_budget", "executed", "weight", "execution_rate", "score")
INDICATOR_CONTRACT_KEYS = ("level1", "level2", "name", "target_raw", "actual_raw", "weight", "score",
                           "deviation_note")
FORM_CONTRACT_KEYS = ("report_year", "project_name", "department", "implementing_unit", "goal_expected",
                      "goal_actual", "total_weight", "total_score")


def number_text(value: Any) -> str | None:
    """Numbers travel as canonical decimal text so staging casts them exactly once."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return format(value, "f")
    return format(Decimal(str(value)), "f")


def _plain(value: Any) -> Any:
    return number_text(value) if isinstance(value, (Decimal, float)) else value


def contract_content_hash(form: dict) -> str:
    """Hash of what the form says (contract keys only), not where it was found."""
    content = {key: _plain(form.get(key)) for key in FORM_CONTRACT_KEYS}
    content["funds"] = [
        {"source": row.get("source"), **{col: _plain(row.get(col)) for col in FUND_NUMBER_COLUMNS}}
        for row in form.get("funds", [])
    ]
    content["indicators"] = [
        {key: _plain(row.get(key)) for key in INDICATOR_CONTRACT_KEYS} for row in form.get("indicators", [])
    ]
    encoded = json.dumps(content, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def form_id(file_hash: str, form_index: int) -> str:
    return f"{file_hash}#{form_index}"


def form_row(form: dict, *, file_hash: str, source_file: str, load_id: str, received_at) -> dict:
    return {
        "form_id": form_id(file_hash, form["form_index"]),
        "file_hash": file_hash,
        "form_index": form["form_index"],
        "source_file": source_file,
        "line_start": form.get("line_start"),
        "line_end": form.get("line_end"),
        "load_id": load_id,
        "received_at": received_at,
        "content_hash": contract_content_hash(form),
        "title": form.get("title"),
        "report_year": form.get("report_year"),
        "project_name": form.get("project_name"),
        "department": form.get("department"),
        "implementing_unit": form.get("implementing_unit"),
        "goal_expected": form.get("goal_expected"),
        "goal_actual": form.get("goal_actual"),
        "amount_unit": form.get("amount_unit"),
        "total_weight": number_text(form.get("total_weight")),
        "total_weight_raw": form.get("total_weight_raw"),
        "total_score": number_text(form.get("total_score")),
        "total_score_raw": form.get("total_score_raw"),
        "reported_grade": form.get("reported_grade"),
        "total_line": form.get("total_line"),
        "parse_problems": json.dumps(form.get("problems", []), ensure_ascii=False, default=str),
    }


def fund_rows(form: dict, *, file_hash: str) -> list[dict]:
    rows = []
    for position, fund in enumerate(form.get("funds", [])):
        row = {
            "form_id": form_id(file_hash, form["form_index"]),
            "file_hash": file_hash,
            "form_index": form["form_index"],
            "row_index": fund.get("row_index", position),
            "line": fund.get("line"),
            "source": fund.get("source"),
            "source_label": fund.get("source_label"),
        }
        for column in FUND_NUMBER_COLUMNS:
            row[column] = number_text(fund.get(column))
            row[f"{column}_raw"] = fund.get(f"{column}_raw")
        rows.append(row)
    return rows


def indicator_rows(form: dict, *, file_hash: str) -> list[dict]:
    rows = []
    for position, indicator in enumerate(form.get("indicators", [])):
        rows.append({
            "form_id": form_id(file_hash, form["form_index"]),
            "file_hash": file_hash,
            "form_index": form["form_index"],
            "row_index": indicator.get("row_index", position),
            "line": indicator.get("line"),
            "level1": indicator.get("level1"),
            "level1_raw": indicator.get("level1_raw"),
            "level1_declared_weight": number_text(indicator.get("level1_declared_weight")),
            "level2": indicator.get("level2"),
            "name": indicator.get("name"),
            "target_raw": indicator.get("target_raw"),
            "actual_raw": indicator.get("actual_raw"),
            "weight": number_text(indicator.get("weight")),
            "weight_raw": indicator.get("weight_raw"),
            "score": number_text(indicator.get("score")),
            "score_raw": indicator.get("score_raw"),
            "deviation_note": indicator.get("deviation_note"),
            "applicable": bool(indicator.get("applicable", True)),
            "target_kind": indicator.get("target_kind"),
            "target_operator": indicator.get("target_operator"),
            "target_value": number_text(indicator.get("target_value")),
            "target_unit": indicator.get("target_unit"),
            "actual_kind": indicator.get("actual_kind"),
            "actual_value": number_text(indicator.get("actual_value")),
            "actual_unit": indicator.get("actual_unit"),
            "actual_band": indicator.get("actual_band"),
        })
    return rows
