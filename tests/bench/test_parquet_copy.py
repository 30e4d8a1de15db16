"""The Parquet copy of the published file: always the published tables, row for row; for the per-form
tables only the parts holding forms the publication replaced are written again."""

from __future__ import annotations

import json

import duckdb

from orchestration.ingest.landing import land_files
from orchestration.publish.parquet import MAX_PARTS, STATE_FILE, export_parquet
from orchestration.publish.warehouse import changes_path, publish_warehouse
from tests.bench.test_publish_carry_over import _mart_build, _mart_tables, _tables
from tests.conftest import renamed_copy


def _copy_rows(parquet_dir, table: str) -> list[tuple]:
    folder = parquet_dir / table
    source = f"'{folder}/*.parquet'" if folder.is_dir() else f"'{parquet_dir / table}.parquet'"
    with duckdb.connect() as connection:
        return sorted(connection.execute(f"SELECT * FROM read_parquet({source})").fetchall(), key=repr)


def _published_rows(published_db, table: str) -> list[tuple]:
    with duckdb.connect(str(published_db), read_only=True) as connection:
        return sorted(connection.execute(f"SELECT * FROM main.{table}").fetchall(), key=repr)


def _assert_copy_is_published(published_db, parquet_dir) -> None:
    with duckdb.connect(str(published_db), read_only=True) as connection:
        tables = [row[0] for row in connection.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'").fetchall()]
    for table in tables:
        assert _copy_rows(parquet_dir, table) == _published_rows(published_db, table), table


def _inodes(parquet_dir, table: str) -> dict[str, int]:
    return {path.name: path.stat().st_ino for path in (parquet_dir / table).glob("*.parquet")}


def test_mart_parts_follow_the_forms_each_publication_replaced(tmp_path):
    build, published, parquet = tmp_path / "build.duckdb", tmp_path / "published.duckdb", tmp_path / "parquet"
    _mart_build(build, {"A": 0, "B": 0, "C": 0}, {"A": ["a1", "a2"], "B": ["b1"], "C": ["c1"]})
    publish_warehouse(build, published, _mart_tables(), load_id="publish-1")
    assert not changes_path(published, "publish-1").exists(), "nothing was carried: no changes to tell"
    export_parquet(published, parquet, "publish-1")
    _assert_copy_is_published(published, parquet)
    assert json.loads((parquet / STATE_FILE).read_text())["tables"] == {
        "fct_form_score": ["part-publish-1.parquet"], "fct_indicator_result": ["part-publish-1.parquet"]}

    # B is no longer published, C got a warning, D is new: the publish-1 part is written again.
    _mart_build(build, {"A": 0, "C": 1, "D": 0}, {"A": ["a1", "a2"], "C": ["c1", "c2"], "D": ["d1"]})
    publish_warehouse(build, published, _mart_tables(), load_id="publish-2")
    export_parquet(published, parquet, "publish-2")
    _assert_copy_is_published(published, parquet)
    assert not changes_path(published, "publish-2").exists(), "the copy used the changes and removed them"
    second = _inodes(parquet, "fct_indicator_result")
    assert set(second) == {"part-publish-2-0.parquet", "part-publish-2.parquet"}

    # Only E is new: both parts are kept as they are (the same files), E gets a part of its own.
    _mart_build(build, {"A": 0, "C": 1, "D": 0, "E": 0}, {"A": ["a1", "a2"], "C": ["c1", "c2"], "D": ["d1"], "E": []})
    publish_warehouse(build, published, _mart_tables(), load_id="publish-3")
    third = export_parquet(published, parquet, "publish-3")
    _assert_copy_is_published(published, parquet)
    assert (third.parts_kept, third.parts_written, third.whole) == (4, 1, [])
    assert _inodes(parquet, "fct_indicator_result") == second, "E has no indicator rows: nothing written"
    scores = _inodes(parquet, "fct_form_score")
    assert "part-publish-3.parquet" in scores and len(scores) == 3


def test_a_copy_of_another_state_or_with_too_many_parts_is_written_whole(tmp_path, monkeypatch):
    build, published, parquet = tmp_path / "build.duckdb", tmp_path / "published.duckdb", tmp_path / "parquet"
    _mart_build(build, {"A": 0, "B": 0}, {"A": ["a1"], "B": ["b1"]})
    publish_warehouse(build, published, _mart_tables(), load_id="publish-1")
    export_parquet(published, parquet, "publish-1")
    _mart_build(build, {"A": 0, "B": 1}, {"A": ["a1"], "B": ["b1", "b2"]})
    publish_warehouse(build, published, _mart_tables(), load_id="publish-2")
    # The copy of publish-2 never happened (a killed load): publish-3 starts from publish-2, the copy
    # still mirrors publish-1, so its parts cannot be trusted.
    changes_path(published, "publish-2").unlink()
    _mart_build(build, {"A": 1, "B": 1}, {"A": ["a1", "a0"], "B": ["b1", "b2"]})
    publish_warehouse(build, published, _mart_tables(), load_id="publish-3")
    assert export_parquet(published, parquet, "publish-3").whole == ["fct_form_score", "fct_indicator_result"]
    _assert_copy_is_published(published, parquet)
    assert set(_inodes(parquet, "fct_indicator_result")) == {"part-publish-3.parquet"}

    monkeypatch.setattr("orchestration.publish.parquet.MAX_PARTS", 2)
    _mart_build(build, {"A": 1, "B": 1, "C": 0}, {"A": ["a1", "a0"], "B": ["b1", "b2"], "C": ["c1"]})
    publish_warehouse(build, published, _mart_tables(), load_id="publish-4")
    export_parquet(published, parquet, "publish-4")
    assert len(_inodes(parquet, "fct_indicator_result")) == 2 == MAX_PARTS - 14
    _mart_build(build, {"A": 1, "B": 1, "C": 0, "D": 0}, {"A": ["a1", "a0"], "B": ["b1", "b2"], "C": ["c1"], "D": ["d1"]})
    publish_warehouse(build, published, _mart_tables(), load_id="publish-5")
    export_parquet(published, parquet, "publish-5")
    _assert_copy_is_published(published, parquet)
    assert set(_inodes(parquet, "fct_indicator_result")) == {"part-publish-5.parquet"}, "two parts: compacted"


def test_cells_of_forms_landed_since_are_one_new_part(layout, seed_file, tmp_path):
    published, parquet = layout.published_db, layout.parquet_dir
    publish_warehouse(layout.build_db, published, _tables(), load_id="publish-1")
    export_parquet(published, parquet, "publish-1")
    first = _inodes(parquet, "audit_form_cells")
    more = tmp_path / "more"
    more.mkdir()
    (more / "second.txt").write_text(renamed_copy(seed_file.read_text(encoding="utf-8"), "（二期）"), encoding="utf-8")
    land_files(layout, [more], load_id="load-2", workers=1)
    publish_warehouse(layout.build_db, published, _tables(), load_id="publish-2")
    export_parquet(published, parquet, "publish-2")
    _assert_copy_is_published(published, parquet)
    second = _inodes(parquet, "audit_form_cells")
    assert second == {**first, "part-publish-2.parquet": second["part-publish-2.parquet"]}
    assert (parquet / "audit_received_files.parquet").is_file(), "tables that are not per form stay one file"
