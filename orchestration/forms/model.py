"""Result types of the parser and the JSON view of a form."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

FORM_KEYS = (
    "report_year",
    "project_name",
    "department",
    "implementing_unit",
    "goal_expected",
    "goal_actual",
    "funds",
    "indicators",
    "total_weight",
    "total_score",
)
FUND_KEYS = ("source", "initial_budget", "annual_budget", "executed", "weight", "execution_rate", "score")
INDICATOR_KEYS = (
    "level1",
    "level2",
    "name",
    "target_raw",
    "actual_raw",
    "weight",
    "score",
    "deviation_note",
)

ERROR = "error"


class DocumentError(Exception):
    """The file holds no recognisable form."""

    def __init__(self, source_name: str, line: int, reason: str) -> None:
        super().__init__(source_name, line, reason)
        self.source_name = source_name
        self.line = line
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.source_name}: line {self.line}: {self.reason}"


@dataclass(slots=True)
class FileParse:
    source_name: str
    file_hash: str  # sha256 hex of the bytes as received
    encoding: str  # text encoding; for binary formats the format name ("xlsx", "docx", "xls", "pdf")
    forms: list[dict[str, Any]] = field(default_factory=list)
    format: str = "text"  # "text" (tab cells), "flat", "pipe", "tsv", "xlsx", "xls", "docx", "html", "pdf"


def problem(rule_id: str, subject: str, message: str, line: int, severity: str = ERROR) -> dict[str, Any]:
    return {"rule_id": rule_id, "severity": severity, "subject": subject, "message": message, "line": line}


def to_contract_dict(form: dict[str, Any]) -> dict[str, Any]:
    """JSON-ready copy of a parsed form: Decimal -> float, contract keys first, extras after."""
    nested = {
        "funds": [_ordered(row, FUND_KEYS) for row in form.get("funds") or ()],
        "indicators": [_ordered(row, INDICATOR_KEYS) for row in form.get("indicators") or ()],
    }
    return _ordered(form, FORM_KEYS, nested)


def _ordered(
    record: dict[str, Any], keys: tuple[str, ...], ready: dict[str, Any] | None = None
) -> dict[str, Any]:
    ready = ready or {}
    out = {key: ready[key] if key in ready else _json_value(record.get(key)) for key in keys}
    for key, value in record.items():
        if key not in out:
            out[key] = _json_value(value)
    return out


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {key: _json_value(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_value(item) for item in value]
    return value
