"""Publication carries the per-form table `audit_form_cells` over from the previous published file and
rebuilds only the forms landed (or landed again) since: the result must equal a build from scratch."""

from __future__ import annotations

import dataclasses
import json

import duckdb

from orchestration.home import HomeLayout
from orchestration.ingest.landing import land_files
from orchestration.publish.catalog import AUDIT_TABLES
from orchestration.publish.form_cells import AUDIT_FORM_CELLS_SQL
from orchestration.publish.warehouse import publish_warehouse
from tests.conftest import renamed_copy as _renamed_copy

SENTINEL = "only in the published file"


def _tables():
    return [table for table in AUDIT_TABLES if table.name in ("audit_form_cells", "audit_received_files")]


def _published_cells(layout: HomeLayout) -> list[tuple]:
    with duckdb.connect(str(layout.published_db), read_only=True) as connection:
        return sorted(connection.execute("SELECT * FROM audit_form_cells").fetchall(), key=repr)


def _built_cells(layout: HomeLayout) -> list[tuple]:
    with duckdb.connect() as connection:
        connection.execute(f"ATTACH '{layout.build_db}' AS build (READ_ONLY)")
        return sorted(connection.execute(AUDIT_FORM_CELLS_SQL).fetchall(), key=repr)


def _plant_sentinel(layout: HomeLayout, form_id: str) -> None:
    """A row only the published file has: it survives a publication iff the table was carried over."""
    with duckdb.connect(str(layout.published_db)) as connection:
        connection.execute("INSERT INTO audit_form_cells VALUES (?, 'header', 0, 'sentinel', ?, 1)", [form_id, SENTINEL])
        connection.execute("CHECKPOINT")


def _has_sentinel(layout: HomeLayout) -> bool:
    return any(row[4] == SENTINEL for row in _published_cells(layout))


def test_cells_are_carried_over_and_completed_with_the_forms_landed_since(layout, seed_file, tmp_path):
    publish_warehouse(layout.build_db, layout.published_db, _tables(), load_id="publish-1")
    assert _published_cells(layout) == _built_cells(layout)
    with duckdb.connect(str(layout.published_db), read_only=True) as connection:
        form_ids = [row[0] for row in connection.execute("SELECT DISTINCT form_id FROM audit_form_cells ORDER BY 1").fetchall()]
        assert json.loads(connection.execute("SELECT form_load_ids FROM load_info").fetchone()[0]) == ["load-1"]
    _plant_sentinel(layout, form_ids[0])

    more = tmp_path / "more"
    more.mkdir()
    (more / "second.txt").write_text(_renamed_copy(seed_file.read_text(encoding="utf-8"), "（二期）"), encoding="utf-8")
    land_files(layout, [more], load_id="load-2", workers=1)
    publish_warehouse(layout.build_db, layout.published_db, _tables(), load_id="publish-2")
    assert _has_sentinel(layout), "the old rows were carried over, not rebuilt"
    assert [row for row in _published_cells(layout) if row[4] != SENTINEL] == _built_cells(layout)
    with duckdb.connect(str(layout.published_db), read_only=True) as connection:
        assert json.loads(connection.execute("SELECT form_load_ids FROM load_info").fetchone()[0]) == ["load-1", "load-2"]
        assert connection.execute("SELECT count(DISTINCT form_id) FROM audit_form_cells").fetchone()[0] == 10


def test_a_form_landed_again_is_rebuilt(layout):
    publish_warehouse(layout.build_db, layout.published_db, _tables(), load_id="publish-1")
    form_id = _published_cells(layout)[0][0]
    _plant_sentinel(layout, form_id)
    # What a year backfill does: the form's rows replaced, with the backfill's load id.
    with duckdb.connect(str(layout.build_db)) as connection:
        connection.execute("UPDATE raw.forms SET load_id = 'backfill-1', title = title || '（重新解析）' WHERE form_id = ?",
                           [form_id])
    publish_warehouse(layout.build_db, layout.published_db, _tables(), load_id="publish-2")
    assert not _has_sentinel(layout), "the re-landed form's old rows are gone"
    assert _published_cells(layout) == _built_cells(layout)
    assert any(row[3] == "title" and row[4].endswith("（重新解析）") for row in _published_cells(layout))


def test_other_code_or_no_record_means_a_build_from_scratch(layout):
    publish_warehouse(layout.build_db, layout.published_db, _tables(), load_id="publish-1")
    _plant_sentinel(layout, _published_cells(layout)[0][0])
    changed = [dataclasses.replace(table, definition="other code") if table.per_form_sql else table
               for table in _tables()]
    publish_warehouse(layout.build_db, layout.published_db, changed, load_id="publish-2")
    assert not _has_sentinel(layout)
    assert _published_cells(layout) == _built_cells(layout)


# --- incremental marts: changed forms read from the one-row-per-form mart -------------------------

def _mart_tables(definition: str = "dbt v1"):
    from orchestration.publish.catalog import PublishedTable, _mart_rows_of

    return [PublishedTable(name, f"marts.{name}", "", per_form_sql=_mart_rows_of(f"marts.{name}"),
                           definition=definition, carry="mart")
            for name in ("fct_form_score", "fct_indicator_result")]


def _mart_build(path, scores: dict[str, int], indicators: dict[str, list[str]]) -> None:
    with duckdb.connect(str(path)) as connection:
        connection.execute("CREATE SCHEMA IF NOT EXISTS raw; CREATE SCHEMA IF NOT EXISTS marts")
        connection.execute("CREATE OR REPLACE TABLE raw.forms AS SELECT * FROM (VALUES ('A', 'load-1')) t(form_id, load_id)")
        connection.execute("CREATE OR REPLACE TABLE marts.fct_form_score (form_id VARCHAR, warning_count INTEGER)")
        connection.execute("CREATE OR REPLACE TABLE marts.fct_indicator_result (form_id VARCHAR, indicator_name VARCHAR)")
        connection.executemany("INSERT INTO marts.fct_form_score VALUES (?, ?)", list(scores.items()))
        connection.executemany("INSERT INTO marts.fct_indicator_result VALUES (?, ?)",
                               [(form, name) for form, names in indicators.items() for name in names])


def _rows(path, table: str, schema: str = "main") -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return sorted(connection.execute(f"SELECT * FROM {schema}.{table}").fetchall())


def test_marts_carry_over_only_the_forms_whose_row_changed(tmp_path):
    build, published = tmp_path / "build.duckdb", tmp_path / "published.duckdb"
    _mart_build(build, {"A": 0, "B": 0, "C": 0}, {"A": ["a1", "a2"], "B": ["b1"], "C": ["c1"]})
    publish_warehouse(build, published, _mart_tables(), load_id="publish-1")
    with duckdb.connect(str(published)) as connection:  # rows only the published file has
        connection.execute("INSERT INTO fct_indicator_result VALUES ('A', 'kept: A did not change'), "
                           "('C', 'dropped: C changed')")
        connection.execute("CHECKPOINT")
    # B is no longer published, C got a warning (a newer finding), D is new.
    _mart_build(build, {"A": 0, "C": 1, "D": 0}, {"A": ["a1", "a2"], "C": ["c1", "c2"], "D": ["d1"]})
    publish_warehouse(build, published, _mart_tables(), load_id="publish-2")

    assert _rows(published, "fct_form_score") == _rows(build, "fct_form_score", "marts")
    assert _rows(published, "fct_indicator_result") == sorted(
        _rows(build, "fct_indicator_result", "marts") + [("A", "kept: A did not change")])

    # Other dbt code: everything from scratch.
    publish_warehouse(build, published, _mart_tables("dbt v2"), load_id="publish-3")
    assert _rows(published, "fct_indicator_result") == _rows(build, "fct_indicator_result", "marts")


def test_marts_are_not_carried_without_the_change_detector(tmp_path):
    build, published = tmp_path / "build.duckdb", tmp_path / "published.duckdb"
    _mart_build(build, {"A": 0}, {"A": ["a1"]})
    tables = [table for table in _mart_tables() if table.name != "fct_form_score"]
    publish_warehouse(build, published, tables, load_id="publish-1")
    with duckdb.connect(str(published)) as connection:
        connection.execute("INSERT INTO fct_indicator_result VALUES ('A', 'stale')")
        connection.execute("CHECKPOINT")
    publish_warehouse(build, published, tables, load_id="publish-2")
    assert _rows(published, "fct_indicator_result") == [("A", "a1")]
