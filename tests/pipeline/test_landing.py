"""Landing: files archived by content hash; unreadable files recorded, never dropped."""

from __future__ import annotations

import os

import duckdb

from orchestration.home import HomeLayout
from orchestration.ingest.landing import land_files
from tests.conftest import renamed_copy as _renamed_copy


def _table(layout, sql):
    with duckdb.connect(str(layout.build_db), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def test_seed_lands_with_lineage_and_is_archived(tmp_path, seed_file):
    layout = HomeLayout(tmp_path).ensure()
    summary = land_files(layout, [seed_file], load_id="load-1")
    assert (summary.files_new, summary.forms_landed, summary.files_failed) == (1, 5, 0)
    forms = _table(layout, "select file_hash, form_index, line_start, source_file from raw.forms order by form_index")
    assert [row[1] for row in forms] == [0, 1, 2, 3, 4]
    assert all(row[2] >= 1 for row in forms)
    assert {row[3] for row in forms} == {seed_file.name}
    archived = layout.archive_path(forms[0][0], seed_file.name)
    assert archived.read_bytes() == seed_file.read_bytes()
    funds = _table(layout, "select count(*), count(line) from raw.fund_rows")
    assert funds == [(20, 20)]
    cost = _table(layout, "select weight, score, target_operator, target_value from raw.indicator_rows "
                          "where name = '工作运行成本（万元）'")
    assert cost == [("5", "4.94", "<=", "50")]


def test_same_bytes_twice_land_once(tmp_path, seed_file):
    layout = HomeLayout(tmp_path).ensure()
    copy = tmp_path / "copy_of_seed.txt"
    copy.write_bytes(seed_file.read_bytes())
    summary = land_files(layout, [seed_file, copy], load_id="load-1")
    assert (summary.files_new, summary.files_already_received, summary.forms_landed) == (1, 1, 5)
    again = land_files(layout, [seed_file], load_id="load-2")
    assert (again.files_new, again.files_already_received, again.forms_landed) == (0, 1, 0)
    assert _table(layout, "select count(*) from raw.forms") == [(5,)]


def test_unreadable_files_are_archived_and_recorded(tmp_path, seed_file):
    layout = HomeLayout(tmp_path).ensure()
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "binary.bin").write_bytes(bytes(range(256)) * 8)
    (inbox / "seed.txt").write_bytes(seed_file.read_bytes())
    summary = land_files(layout, [inbox], load_id="load-1")
    assert summary.forms_landed == 5
    assert sorted(p.path.rsplit("/", 1)[-1] for p in summary.problems) == ["binary.bin", "empty.txt"]
    assert all(p.reason for p in summary.problems)
    failed = _table(layout, "select file_name, archive_path, error from raw.received_files where status = 'failed' "
                            "order by file_name")
    assert [row[0] for row in failed] == ["binary.bin", "empty.txt"]
    assert all(row[2] for row in failed)
    from pathlib import Path

    assert all(Path(row[1]).exists() for row in failed)


def test_unchanged_files_are_not_read_again_changed_ones_are(tmp_path, seed_file, monkeypatch):
    from orchestration.ingest import landing

    layout = HomeLayout(tmp_path / "home").ensure()
    inbox = tmp_path / "in"
    inbox.mkdir()
    seed_text = seed_file.read_bytes()
    (inbox / "a.txt").write_bytes(seed_text)
    first = land_files(layout, [inbox], load_id="load-1")
    assert (first.files_new, first.forms_landed) == (1, 5)

    reads: list[str] = []
    original_read = landing._read
    monkeypatch.setattr(landing, "_read", lambda path, size: reads.append(path.name) or original_read(path, size))
    again = land_files(layout, [inbox], load_id="load-2")
    assert (again.files_seen, again.files_already_received, again.files_new) == (1, 1, 0)
    assert reads == [], "an unchanged file is recognised by its stat, not read"

    # Same size and modification time, other bytes: the change time gives the write away.
    target = inbox / "a.txt"
    before = target.stat()
    changed = seed_text.replace(b"97.31", b"97.32", 1)
    assert len(changed) == len(seed_text) and changed != seed_text
    target.write_bytes(changed)
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (target.stat().st_size, target.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    third = land_files(layout, [inbox], load_id="load-3")
    assert reads == ["a.txt"]
    assert (third.files_new, third.forms_landed) == (1, 5)
    assert _table(layout, "select count(distinct file_hash) from raw.forms") == [(2,)]
    # The path keeps one row, its latest state, and it points at the new content.
    stats = _table(layout, "select path, file_hash from raw.file_stats")
    new_hash = _table(layout, "select file_hash from raw.received_files where status <> 'failed' "
                              "order by received_at desc limit 1")[0][0]
    assert stats == [(os.path.abspath(target), new_hash)]


def test_a_home_from_before_file_paths_were_recorded_still_lands(tmp_path, seed_file):
    layout = HomeLayout(tmp_path / "home").ensure()
    with duckdb.connect(str(layout.build_db)) as connection:
        connection.execute("CREATE SCHEMA raw")
        connection.execute("CREATE TABLE raw.file_stats (stat_key VARCHAR, file_hash VARCHAR, recorded_at TIMESTAMP)")
        connection.execute("INSERT INTO raw.file_stats VALUES ('old-key', 'old-hash', TIMESTAMP '2026-01-01')")
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "a.txt").write_bytes(seed_file.read_bytes())
    summary = land_files(layout, [inbox], load_id="load-1", workers=1)
    assert (summary.files_new, summary.forms_landed) == (1, 5)
    assert _table(layout, "select stat_key, path from raw.file_stats order by recorded_at") == [
        ("old-key", None), (_table(layout, "select stat_key from raw.file_stats where path is not null")[0][0],
                            os.path.abspath(inbox / "a.txt"))]
    assert land_files(layout, [inbox], load_id="load-2", workers=1).files_already_received == 1


def test_first_new_file_callback_runs_once_and_not_on_a_reload(tmp_path, seed_file):
    layout = HomeLayout(tmp_path / "home").ensure()
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "a.txt").write_bytes(seed_file.read_bytes())
    (inbox / "b.txt").write_text(_renamed_copy(seed_file.read_text(encoding="utf-8"), "（二期）"), encoding="utf-8")
    calls: list[int] = []
    land_files(layout, [inbox], load_id="load-1", workers=1, on_first_new_file=lambda: calls.append(1))
    assert calls == [1]
    land_files(layout, [inbox], load_id="load-2", workers=1, on_first_new_file=lambda: calls.append(2))
    assert calls == [1], "nothing new: the warm-up is not started"
