"""Parsed forms -> column-oriented Arrow tables of the raw schema. Pure: no database, no disk.

The parse workers build columns (one Python list per column) instead of one dict per row, and hand
the main process Arrow tables with the raw schema's exact types: no type inference, no per-row
objects crossing the process boundary, one bulk insert per batch.
"""

from __future__ import annotations

import json
from datetime import datetime

import pyarrow as pa

from orchestration.ingest.rows import FUND_NUMBER_COLUMNS, contract_content_hash, form_id, number_text

_S = pa.string()
_I = pa.int32()

RECEIVED_FILES_SCHEMA = pa.schema([
    ("file_hash", _S), ("file_name", _S), ("source_path", _S), ("archive_path", _S), ("size_bytes", pa.int64()),
    ("received_at", pa.timestamp("us")), ("load_id", _S), ("status", _S), ("error", _S), ("error_line", _I),
    ("encoding", _S), ("form_count", _I),
])
FORMS_SCHEMA = pa.schema([
    ("form_id", _S), ("file_hash", _S), ("form_index", _I), ("source_file", _S), ("line_start", _I),
    ("line_end", _I), ("load_id", _S), ("received_at", pa.timestamp("us")), ("content_hash", _S), ("title", _S),
    ("report_year", _I), ("project_name", _S), ("department", _S), ("implementing_unit", _S),
    ("goal_expected", _S), ("goal_actual", _S), ("amount_unit", _S), ("total_weight", _S),
    ("total_weight_raw", _S), ("total_score", _S), ("total_score_raw", _S), ("reported_grade", _S),
    ("total_line", _I), ("parse_problems", _S),
])
FUND_ROWS_SCHEMA = pa.schema(
    [("form_id", _S), ("file_hash", _S), ("form_index", _I), ("row_index", _I), ("line", _I), ("source", _S),
     ("source_label", _S)]
    + [field for column in FUND_NUMBER_COLUMNS for field in ((column, _S), (f"{column}_raw", _S))]
)
INDICATOR_ROWS_SCHEMA = pa.schema([
    ("form_id", _S), ("file_hash", _S), ("form_index", _I), ("row_index", _I), ("line", _I), ("level1", _S),
    ("level1_raw", _S), ("level1_declared_weight", _S), ("level2", _S), ("name", _S), ("target_raw", _S),
    ("actual_raw", _S), ("weight", _S), ("weight_raw", _S), ("score", _S), ("score_raw", _S),
    ("deviation_note", _S), ("applicable", pa.bool_()), ("target_kind", _S), ("target_operator", _S),
    ("target_value", _S), ("target_unit", _S), ("actual_kind", _S), ("actual_value", _S), ("actual_unit", _S),
    ("actual_band", _S),
])

SCHEMAS = {"received_files": RECEIVED_FILES_SCHEMA, "forms": FORMS_SCHEMA, "fund_rows": FUND_ROWS_SCHEMA,
           "indicator_rows": INDICATOR_ROWS_SCHEMA}

# Form-level columns taken as they are from the parsed form (text or int).
_FORM_PLAIN = ("title", "report_year", "project_name", "department", "implementing_unit", "goal_expected",
               "goal_actual", "amount_unit", "total_weight_raw", "total_score_raw", "reported_grade", "total_line",
               "line_start", "line_end")
_INDICATOR_PLAIN = ("line", "level1", "level1_raw", "level2", "name", "target_raw", "actual_raw", "weight_raw",
                    "score_raw", "deviation_note", "target_kind", "target_operator", "target_unit", "actual_kind",
                    "actual_unit", "actual_band")
_INDICATOR_NUMBERS = ("level1_declared_weight", "weight", "score", "target_value", "actual_value")


class RawColumns:
    """Accumulates the rows of many files as columns; `tables()` returns them as Arrow."""

    def __init__(self) -> None:
        self.columns = {table: {name: [] for name in schema.names} for table, schema in SCHEMAS.items()}
        self.form_count = 0

    def add_file(self, *, file_hash: str, file_name: str, source_path: str, archive_path: str, size_bytes: int,
                 received_at: datetime, load_id: str, error: str | None, error_line: int | None,
                 encoding: str | None, forms: list[dict]) -> None:
        files = self.columns["received_files"]
        for name, value in (
            ("file_hash", file_hash), ("file_name", file_name), ("source_path", source_path),
            ("archive_path", archive_path), ("size_bytes", size_bytes), ("received_at", received_at),
            ("load_id", load_id), ("status", "failed" if error is not None else "parsed"), ("error", error),
            ("error_line", error_line), ("encoding", encoding), ("form_count", len(forms)),
        ):
            files[name].append(value)
        for form in forms:
            self._add_form(form, file_hash, file_name, load_id, received_at)

    def _add_form(self, form: dict, file_hash: str, source_file: str, load_id: str, received_at) -> None:
        self.form_count += 1
        index = form["form_index"]
        identity = form_id(file_hash, index)
        columns = self.columns["forms"]
        columns["form_id"].append(identity)
        columns["file_hash"].append(file_hash)
        columns["form_index"].append(index)
        columns["source_file"].append(source_file)
        columns["load_id"].append(load_id)
        columns["received_at"].append(received_at)
        columns["content_hash"].append(contract_content_hash(form))
        for name in _FORM_PLAIN:
            columns[name].append(form.get(name))
        columns["total_weight"].append(number_text(form.get("total_weight")))
        columns["total_score"].append(number_text(form.get("total_score")))
        columns["parse_problems"].append(json.dumps(form.get("problems", []), ensure_ascii=False, default=str))

        funds = self.columns["fund_rows"]
        for position, fund in enumerate(form.get("funds", [])):
            funds["form_id"].append(identity)
            funds["file_hash"].append(file_hash)
            funds["form_index"].append(index)
            funds["row_index"].append(fund.get("row_index", position))
            funds["line"].append(fund.get("line"))
            funds["source"].append(fund.get("source"))
            funds["source_label"].append(fund.get("source_label"))
            for column in FUND_NUMBER_COLUMNS:
                funds[column].append(number_text(fund.get(column)))
                funds[f"{column}_raw"].append(fund.get(f"{column}_raw"))

        indicators = self.columns["indicator_rows"]
        for position, row in enumerate(form.get("indicators", [])):
            indicators["form_id"].append(identity)
            indicators["file_hash"].append(file_hash)
            indicators["form_index"].append(index)
            indicators["row_index"].append(row.get("row_index", position))
            for name in _INDICATOR_PLAIN:
                indicators[name].append(row.get(name))
            for name in _INDICATOR_NUMBERS:
                indicators[name].append(number_text(row.get(name)))
            indicators["applicable"].append(bool(row.get("applicable", True)))

    def tables(self) -> dict[str, pa.Table]:
        # Table.from_arrays: pa.table(dict) would import pandas (a second per worker) to check the type.
        return {
            table: pa.Table.from_arrays(
                [pa.array(self.columns[table][column.name], type=column.type) for column in schema], schema=schema)
            for table, schema in SCHEMAS.items()
        }
