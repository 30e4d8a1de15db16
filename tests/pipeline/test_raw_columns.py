"""The raw columns a parse worker builds (ingest/columns.py) are written for speed: rows as tuples,
numbers formatted once for the column and the content hash. They must hold exactly what the parsed
forms say, and the content hash must stay the bytes earlier loads stored (versions compare them)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from datetime import datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from orchestration.forms import parse_document
from orchestration.ingest.columns import FUND_ROWS_SCHEMA, INDICATOR_ROWS_SCHEMA, RawColumns
from orchestration.ingest.rows import contract_content_hash, number_text
from tests.conftest import REPO, shared_dir

INDICATOR_NUMBERS = {"level1_declared_weight", "weight", "score", "target_value", "actual_value"}
FUND_NUMBERS = {"initial_budget", "annual_budget", "executed", "weight", "execution_rate", "score"}


def stored_hash(form: dict) -> str:
    """The content hash as every earlier load computed it (kept verbatim as the reference)."""

    def _plain(value):
        return number_text(value) if isinstance(value, (Decimal, float)) else value

    content = {key: _plain(form.get(key)) for key in ("report_year", "project_name", "department",
                                                      "implementing_unit", "goal_expected", "goal_actual",
                                                      "total_weight", "total_score")}
    content["funds"] = [
        {"source": row.get("source"), **{col: _plain(row.get(col)) for col in
                                         ("initial_budget", "annual_budget", "executed", "weight",
                                          "execution_rate", "score")}}
        for row in form.get("funds", [])
    ]
    content["indicators"] = [
        {key: _plain(row.get(key)) for key in ("level1", "level2", "name", "target_raw", "actual_raw", "weight",
                                               "score", "deviation_note")}
        for row in form.get("indicators", [])
    ]
    encoded = json.dumps(content, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def _tables(forms: list[dict]):
    columns = RawColumns()
    columns.add_file(file_hash="f" * 64, file_name="a.txt", source_path="/in/a.txt", archive_path="/arc/a.txt",
                     size_bytes=10, received_at=datetime(2026, 12, 7, 12), load_id="load-1", error=None,
                     error_line=None, encoding="utf-8", forms=forms)
    return columns.tables()


def _expected_rows(forms: list[dict], part: str, schema, numbers: set[str]) -> list[dict]:
    rows = []
    for form in forms:
        for position, row in enumerate(form.get(part, [])):
            expected = {"form_id": f"{'f' * 64}#{form['form_index']}", "file_hash": "f" * 64,
                        "form_index": form["form_index"], "row_index": row.get("row_index", position)}
            for name in schema.names[4:]:
                value = row.get(name, True if name == "applicable" else None)
                expected[name] = number_text(value) if name in numbers else (
                    bool(value) if name == "applicable" else value)
            rows.append(expected)
    return rows


def test_real_forms_keep_their_stored_content_hash_and_every_cell(seed_file, shared):
    paths = [seed_file, *sorted((shared / "fixtures" / "real_forms").glob("*.txt"))]
    forms = [form for path in paths for form in parse_document(path.read_bytes(), path.name).forms]
    for index, form in enumerate(forms):
        form["form_index"] = index  # one file here: form ids must not repeat
    assert len(forms) >= 10
    tables = _tables(forms)
    assert tables["forms"].column("content_hash").to_pylist() == [stored_hash(form) for form in forms]
    assert tables["fund_rows"].to_pylist() == _expected_rows(forms, "funds", FUND_ROWS_SCHEMA, FUND_NUMBERS)
    assert tables["indicator_rows"].to_pylist() == _expected_rows(forms, "indicators", INDICATOR_ROWS_SCHEMA,
                                                                  INDICATOR_NUMBERS)


def test_the_hashed_bytes_are_the_sorted_json_of_the_contract_keys():
    form = {"form_index": 0, "report_year": 2021, "project_name": "项目\"甲\"", "total_score": Decimal("96.50"),
            "funds": [{"source": "total", "annual_budget": Decimal("1E+2"), "score": None}],
            "indicators": [{"name": "数量", "weight": Decimal("10"), "score": 9}]}
    text = ('{"department": null, "funds": [{"annual_budget": "100", "executed": null, "execution_rate": null, '
            '"initial_budget": null, "score": null, "source": "total", "weight": null}], "goal_actual": null, '
            '"goal_expected": null, "implementing_unit": null, "indicators": [{"actual_raw": null, '
            '"deviation_note": null, "level1": null, "level2": null, "name": "数量", "score": 9, '
            '"target_raw": null, "weight": "10"}], "project_name": "项目\\"甲\\"", "report_year": 2021, '
            '"total_score": "96.50", "total_weight": null}')
    assert contract_content_hash(form) == hashlib.sha256(text.encode("utf-8")).hexdigest() == stored_hash(form)
    assert _tables([form])["forms"].column("content_hash").to_pylist() == [stored_hash(form)]


_texts = st.one_of(st.none(), st.text(max_size=12))
_numbers = st.one_of(st.none(), st.decimals(allow_nan=False, allow_infinity=False, places=3),
                     st.decimals(allow_nan=True, allow_infinity=True), st.integers(-10**6, 10**6),
                     st.floats(allow_nan=False, allow_infinity=False, width=32))


def _row(schema, numbers: set[str]):
    def strategy(field):
        if field.name in numbers:
            return _numbers
        if field.type == "bool":
            return st.one_of(st.none(), st.booleans())  # None counts as not applicable
        if field.type == "int32":
            return st.one_of(st.none(), st.integers(0, 10**6))
        return _texts

    values = {field.name: strategy(field) for field in list(schema)[4:]}
    # Rows from some readers lack keys: the columns then take the defaults.
    return st.fixed_dictionaries({}, optional=values)


_forms = st.lists(st.fixed_dictionaries(
    {"report_year": st.one_of(st.none(), st.integers(1990, 2100)), "project_name": _texts,
     "total_weight": _numbers, "total_score": _numbers, "goal_actual": _texts,
     "funds": st.lists(_row(FUND_ROWS_SCHEMA, FUND_NUMBERS), max_size=4),
     "indicators": st.lists(_row(INDICATOR_ROWS_SCHEMA, INDICATOR_NUMBERS), max_size=5)},
    optional={"department": _texts, "implementing_unit": _texts, "goal_expected": _texts},
), max_size=4)


@settings(max_examples=300, deadline=None)
@given(_forms)
def test_generated_forms_give_the_stored_hash_and_their_own_cells(forms):
    for index, form in enumerate(forms):
        form["form_index"] = index
    tables = _tables(forms)
    assert tables["forms"].column("content_hash").to_pylist() == [stored_hash(form) for form in forms]
    assert [contract_content_hash(form) for form in forms] == [stored_hash(form) for form in forms]
    assert tables["fund_rows"].to_pylist() == _expected_rows(forms, "funds", FUND_ROWS_SCHEMA, FUND_NUMBERS)
    assert tables["indicator_rows"].to_pylist() == _expected_rows(forms, "indicators", INDICATOR_ROWS_SCHEMA,
                                                                  INDICATOR_NUMBERS)


def test_a_parse_worker_builds_its_tables_without_importing_pandas():
    # A fresh interpreter, as a spawned worker is: the worker initializer's conversion keeps pyarrow
    # from importing pandas (~0.3 s a worker); pandas still works when asked for.
    script = """
import sys
from datetime import datetime
from orchestration.ingest.worker import arrow_without_pandas
from orchestration.ingest.columns import RawColumns
from orchestration.forms import parse_document
assert "pandas" not in sys.modules
arrow_without_pandas()
columns = RawColumns()
data = open(sys.argv[1], "rb").read()
columns.add_file(file_hash="f" * 64, file_name="s.txt", source_path="s", archive_path="a", size_bytes=len(data),
                 received_at=datetime(2026, 1, 1), load_id="l", error=None, error_line=None, encoding="utf-8",
                 forms=parse_document(data, "s.txt").forms)
tables = columns.tables()
assert tables["indicator_rows"].num_rows > 0
print("pandas imported:", "pandas" in sys.modules)
print("to_pandas rows:", len(tables["forms"].to_pandas()))
"""
    seed = next((shared_dir() / "seeds").glob("*.txt"))
    completed = subprocess.run([sys.executable, "-c", script, str(seed)], capture_output=True, text=True, cwd=REPO,
                               timeout=120)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines() == ["pandas imported: False", "to_pandas rows: 5"]
