"""What identifies a parsed form and its content in the raw tables. Pure: no database here."""

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


def plain(value: Any) -> Any:
    """A contract value as the content hash sees it: numbers as their `number_text`."""
    return number_text(value) if isinstance(value, (Decimal, float)) else value


# json.dumps(..., ensure_ascii=False, sort_keys=True) made once, not per form: the same bytes.
_CONTENT_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def content_hash(form_values: dict[str, Any], funds: list[dict[str, Any]], indicators: list[dict[str, Any]]) -> str:
    """sha256 of the form's contract content. Every value already `plain`: form_values holds
    FORM_CONTRACT_KEYS, each fund row 'source' and FUND_NUMBER_COLUMNS, each indicator row INDICATOR_CONTRACT_KEYS.

    The bytes hashed are fixed for good: stored hashes of earlier loads are compared with new ones
    (a form sent again unchanged is no new version)."""
    content = {**form_values, "funds": funds, "indicators": indicators}
    encoded = _CONTENT_ENCODER.encode(content).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def contract_content_hash(form: dict) -> str:
    """Hash of what the form says (contract keys only), not where it was found."""
    return content_hash(
        {key: plain(form.get(key)) for key in FORM_CONTRACT_KEYS},
        [{"source": row.get("source"), **{key: plain(row.get(key)) for key in FUND_NUMBER_COLUMNS}}
         for row in form.get("funds", [])],
        [{key: plain(row.get(key)) for key in INDICATOR_CONTRACT_KEYS} for row in form.get("indicators", [])],
    )


def form_id(file_hash: str, form_index: int) -> str:
    return f"{file_hash}#{form_index}"
