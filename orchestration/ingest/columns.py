"""Parsed forms -> column-oriented Arrow tables of the raw schema. Pure: no database, no disk.

The parse workers keep files and forms as columns (one Python list per column) and fund and indicator
rows as tuples in schema order (Arrow converts them as one struct array), and hand the main process
Arrow tables with the raw schema's exact types: no type inference, no per-row objects crossing the
process boundary, one bulk insert per batch. Each number is formatted once, for its column and for
the form's content hash.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from operator import itemgetter

import pyarrow as pa

from orchestration.ingest.rows import (FORM_CONTRACT_KEYS, FUND_NUMBER_COLUMNS, INDICATOR_CONTRACT_KEYS, content_hash,
                                      form_id, number_text, plain)

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
# Row columns after the identity columns (form_id, file_hash, form_index, row_index), in schema order,
# as the parsed row holds them.
_FUND_VALUES = ("line", "source", "source_label",
                *(name for column in FUND_NUMBER_COLUMNS for name in (column, f"{column}_raw")))
_INDICATOR_VALUES = tuple(INDICATOR_ROWS_SCHEMA.names[4:])
# Where the numbers are among those values (stored as their number_text), and the contract keys.
_FUND_NUMBER_AT = tuple(_FUND_VALUES.index(column) for column in FUND_NUMBER_COLUMNS)
_INDICATOR_NUMBER_AT = tuple(_INDICATOR_VALUES.index(column) for column in
                             ("level1_declared_weight", "weight", "score", "target_value", "actual_value"))
_APPLICABLE_AT = _INDICATOR_VALUES.index("applicable")
_FUND_CONTRACT = (("source", *FUND_NUMBER_COLUMNS), itemgetter(*(_FUND_VALUES.index(key) for key in
                                                                ("source", *FUND_NUMBER_COLUMNS))))
_FUND_NUMBER_KEYS = tuple(zip(FUND_NUMBER_COLUMNS, _FUND_NUMBER_AT))
_INDICATOR_CONTRACT = (INDICATOR_CONTRACT_KEYS,
                       itemgetter(*(_INDICATOR_VALUES.index(key) for key in INDICATOR_CONTRACT_KEYS)))
_INDICATOR_CONTRACT_NUMBERS = tuple((key, _INDICATOR_VALUES.index(key)) for key in ("weight", "score"))


def _getter(names: tuple[str, ...], defaults: dict[str, object]):
    """The row's values in `names` order: one C call for a complete row, .get() with defaults otherwise."""
    complete = itemgetter(*names)

    def values(row: dict) -> tuple:
        try:
            return complete(row)
        except KeyError:
            return tuple(row.get(name, defaults.get(name)) for name in names)

    return values


_fund_values = _getter(_FUND_VALUES, {})
_indicator_values = _getter(_INDICATOR_VALUES, {"applicable": True})


class RawColumns:
    """Accumulates the rows of many files (as tuples in schema order); `tables()` returns them as Arrow."""

    def __init__(self) -> None:
        self.columns = {table: {name: [] for name in schema.names} for table, schema in SCHEMAS.items()
                        if table in ("received_files", "forms")}
        self.fund_rows: list[tuple] = []
        self.indicator_rows: list[tuple] = []
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
        funds = self._add_funds(form.get("funds", []), identity, file_hash, index)
        indicators = self._add_indicators(form.get("indicators", []), identity, file_hash, index)
        columns = self.columns["forms"]
        columns["form_id"].append(identity)
        columns["file_hash"].append(file_hash)
        columns["form_index"].append(index)
        columns["source_file"].append(source_file)
        columns["load_id"].append(load_id)
        columns["received_at"].append(received_at)
        columns["content_hash"].append(
            content_hash({key: plain(form.get(key)) for key in FORM_CONTRACT_KEYS}, funds, indicators))
        for name in _FORM_PLAIN:
            columns[name].append(form.get(name))
        columns["total_weight"].append(number_text(form.get("total_weight")))
        columns["total_score"].append(number_text(form.get("total_score")))
        problems = form.get("problems")
        columns["parse_problems"].append(json.dumps(problems, ensure_ascii=False, default=str) if problems else "[]")

    def _add_funds(self, funds: list[dict], identity: str, file_hash: str, index: int) -> list[dict]:
        """Queue the fund rows; return their contract content (for the content hash)."""
        content = []
        for position, fund in enumerate(funds):
            values = _fund_values(fund)
            texts = _with_number_texts(values, _FUND_NUMBER_AT)
            self.fund_rows.append((identity, file_hash, index, fund.get("row_index", position), *texts))
            content.append(_contract(values, texts, _FUND_CONTRACT, _FUND_NUMBER_KEYS))
        return content

    def _add_indicators(self, indicators: list[dict], identity: str, file_hash: str, index: int) -> list[dict]:
        """Queue the indicator rows; return their contract content (for the content hash)."""
        content = []
        for position, row in enumerate(indicators):
            values = _indicator_values(row)
            texts = _with_number_texts(values, _INDICATOR_NUMBER_AT)
            texts[_APPLICABLE_AT] = bool(texts[_APPLICABLE_AT])
            self.indicator_rows.append((identity, file_hash, index, row.get("row_index", position), *texts))
            content.append(_contract(values, texts, _INDICATOR_CONTRACT, _INDICATOR_CONTRACT_NUMBERS))
        return content

    def tables(self) -> dict[str, pa.Table]:
        # Table.from_arrays: pa.table(dict) would import pandas (a second per worker) to check the type.
        tables = {
            table: pa.Table.from_arrays(
                [pa.array(self.columns[table][column.name], type=column.type) for column in SCHEMAS[table]],
                schema=SCHEMAS[table])
            for table in ("received_files", "forms")
        }
        tables["fund_rows"] = _rows_table(self.fund_rows, FUND_ROWS_SCHEMA)
        tables["indicator_rows"] = _rows_table(self.indicator_rows, INDICATOR_ROWS_SCHEMA)
        return tables


def _with_number_texts(values: tuple, positions: tuple[int, ...]) -> list:
    """The row's values with its numbers as number_text (Decimal, the parser's type, formatted inline)."""
    texts = list(values)
    for at in positions:
        value = texts[at]
        if value is not None:
            texts[at] = format(value, "f") if value.__class__ is Decimal else number_text(value)
    return texts


def _contract(values: tuple, texts: list, keys: tuple[tuple[str, ...], Callable],
              numbers: tuple[tuple[str, int], ...]) -> dict:
    """The row's contract content as `plain` gives it. Text cells are text (the raw schema takes nothing
    else); a number is its number text, except one the parser never gives (not a Decimal): `plain` then."""
    names, pick = keys
    content = dict(zip(names, pick(texts)))
    for key, at in numbers:
        value = values[at]
        if value is not None and value.__class__ is not Decimal:
            content[key] = plain(value)
    return content


def _rows_table(rows: list[tuple], schema: pa.Schema) -> pa.Table:
    # The tuples converted by Arrow as one struct array: no per-column lists built in Python.
    return pa.Table.from_struct_array(pa.array(rows, type=pa.struct(list(schema))))
