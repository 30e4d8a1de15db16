"""Report-year partitions: a backfill of one year re-parses and rebuilds only that year, the trend
models are rebuilt from all years, and Dagster records the year partitions."""

from __future__ import annotations

import json
import os
import re

import dagster as dg
import duckdb
import pytest

from orchestration.synth import generate_corpus
from tests.conftest import run_jixiao

YEARS = (2021, 2022)


def _first_form(build_db, year: int) -> str:
    with duckdb.connect(str(build_db), read_only=True) as connection:
        return connection.execute(
            "SELECT form_id FROM raw.forms WHERE report_year = ? ORDER BY form_id LIMIT 1", [year]).fetchall()[0][0]


def _as_an_older_parser_left_it(build_db, form_id: str) -> None:
    """What an older parser could have left: a misread title and wrong line numbers in a rule input
    (neither breaks a rule, so the form still publishes)."""
    with duckdb.connect(str(build_db)) as connection:
        connection.execute("UPDATE raw.forms SET title = 'MISREAD' WHERE form_id = ?", [form_id])
        connection.execute("UPDATE intermediate.int_numeric_cells SET line = -7 WHERE form_id = ?", [form_id])


def _misread(build_db, form_id: str) -> tuple[bool, bool]:
    with duckdb.connect(str(build_db), read_only=True) as connection:
        name = connection.execute("SELECT title FROM raw.forms WHERE form_id = ?", [form_id]).fetchall()
        cells = connection.execute(
            "SELECT count(*) FROM intermediate.int_numeric_cells WHERE form_id = ? AND line = -7",
            [form_id]).fetchall()[0][0]
    return name == [("MISREAD",)], cells > 0


def _latest_run_of_partition(home, asset: list[str], year: int) -> str:
    os.environ["DAGSTER_HOME"] = str(home / "dagster")  # the home's event log storage reads it, as under jixiao
    instance = dg.DagsterInstance.from_config(str(home / "dagster"))
    records = instance.fetch_materializations(
        dg.AssetRecordsFilter(asset_key=dg.AssetKey(asset), asset_partitions=[str(year)]), limit=1).records
    return records[0].run_id


def _published_rows(home, form_ids) -> dict[str, dict]:
    with duckdb.connect(str(home / "published" / "jixiao.duckdb"), read_only=True) as connection:
        cursor = connection.execute("SELECT * FROM fct_form_score WHERE form_id IN (SELECT unnest(?))", [list(form_ids)])
        names = [column[0] for column in cursor.description]
        return {row[0]: dict(zip(names, row)) for row in cursor.fetchall()}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    root = tmp_path_factory.mktemp("backfill")
    generate_corpus(root / "corpus", 60, seed=7, years=YEARS, error_rate=0.0)
    home = root / "home"
    run_jixiao("load", *(str(root / "corpus" / str(year)) for year in YEARS), home=home, check=True)
    return home


def test_backfill_of_one_year_rebuilds_only_that_year(loaded):
    home, build_db = loaded, loaded / "build.duckdb"
    status_before = json.loads(run_jixiao("status", "--json", home=home, check=True).stdout)
    first_load = _latest_run_of_partition(home, ["raw", "forms"], 2022)
    rebuilt, untouched = _first_form(build_db, 2021), _first_form(build_db, 2022)
    published_before = _published_rows(home, (rebuilt, untouched))
    for form_id in (rebuilt, untouched):
        _as_an_older_parser_left_it(build_db, form_id)

    backfill = run_jixiao("backfill", "2021", home=home, check=True)

    assert re.search(r"forms:\s+\d+ re-parsed and rebuilt", backfill.stdout), backfill.stdout
    assert _misread(build_db, rebuilt) == (False, False), "2021 was parsed again from the archive and rebuilt"
    assert _misread(build_db, untouched) == (True, True), "2022 was neither re-parsed nor rebuilt"
    with duckdb.connect(str(build_db), read_only=True) as connection:
        runs = connection.execute(
            "SELECT trigger, outcome FROM ops.load_runs ORDER BY started_at").fetchall()
        years_by_load = dict(connection.execute(
            "SELECT report_year, list(DISTINCT load_id) FROM raw.forms GROUP BY report_year").fetchall())
    assert runs[-1] == ("backfill", "success")
    backfill_id = _latest_run_of_partition(home, ["raw", "forms"], 2021)
    assert years_by_load[2021] == [backfill_id] and years_by_load[2022] == [first_load]
    assert _latest_run_of_partition(home, ["intermediate", "int_numeric_cells"], 2021) == backfill_id
    assert _latest_run_of_partition(home, ["intermediate", "int_numeric_cells"], 2022) == first_load

    # The cross-year models are rebuilt from all years and published.
    with duckdb.connect(str(home / "published" / "jixiao.duckdb"), read_only=True) as connection:
        trend_years = [row[0] for row in connection.execute(
            "SELECT DISTINCT report_year FROM rpt_department_year_trend ORDER BY 1").fetchall()]
    assert trend_years == list(YEARS)
    published_after = _published_rows(home, (rebuilt, untouched))
    # The marts are incremental by form: the 2022 form keeps the row it was published with (its raw
    # rows did not change as far as the pipeline knows); the re-parsed 2021 form was rebuilt.
    assert published_after[untouched] == published_before[untouched]
    assert published_after[rebuilt]["load_id"] == backfill_id != published_before[rebuilt]["load_id"]
    assert published_after[rebuilt]["title"] != "MISREAD"
    status_after = json.loads(run_jixiao("status", "--json", home=home, check=True).stdout)
    assert (status_after["published"], status_after["quarantined"]) == (
        status_before["published"], status_before["quarantined"])


def test_backfill_keeps_a_form_the_parser_cannot_read_any_more(loaded):
    home, build_db = loaded, loaded / "build.duckdb"
    form_id = _first_form(build_db, 2022)
    with duckdb.connect(str(build_db), read_only=True) as connection:
        archive_path, forms_before = connection.execute(
            """SELECT archive_path, (SELECT count(*) FROM raw.forms WHERE report_year = 2022)
               FROM raw.received_files WHERE file_hash = split_part(?, '#', 1)""", [form_id]).fetchall()[0]
    with open(archive_path, "wb") as damaged:  # as if the parser had regressed on this file
        damaged.write(b"\x00\x01 not a form")

    backfill = run_jixiao("backfill", "2022", home=home, check=True)

    assert "kept as it was (could not be parsed again)" in backfill.stderr and archive_path in backfill.stderr
    with duckdb.connect(str(build_db), read_only=True) as connection:
        assert connection.execute("SELECT count(*) FROM raw.forms WHERE report_year = 2022").fetchall()[0][0] \
            == forms_before
        assert connection.execute("SELECT count(*) FROM raw.forms WHERE form_id = ?", [form_id]).fetchall()[0][0] == 1


def test_backfill_refuses_a_year_without_a_partition(loaded):
    completed = run_jixiao("backfill", "1999", home=loaded)
    assert completed.returncode == 2 and "not a partition" in completed.stderr
    completed = run_jixiao("backfill", "2023-2021", home=loaded)
    assert completed.returncode == 2 and "ends before it starts" in completed.stderr
