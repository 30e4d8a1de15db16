"""The archive writer and the landing's reader: plain `os` calls, the same results as pathlib's."""

from __future__ import annotations

import os
import shutil

from orchestration.ingest import archive, landing
from orchestration.ingest.archive import archive_bytes


def test_a_file_is_archived_whole_once_and_left_alone_after(tmp_path):
    destination = tmp_path / "ab" / "abcdef__form.txt"
    data = "项目支出绩效自评表\n".encode() * 5000  # larger than one write may take
    assert archive_bytes(data, destination, durable=False) == destination
    assert destination.read_bytes() == data
    assert not list(destination.parent.glob("*.partial"))
    before = os.stat(destination).st_mtime_ns
    archive_bytes(data, destination)
    assert os.stat(destination).st_mtime_ns == before  # same bytes: not written again


def test_a_folder_removed_after_it_was_made_is_made_again(tmp_path):
    first = tmp_path / "cd" / "cd01__a.txt"
    archive_bytes(b"a", first, durable=False)
    assert str(first.parent) in archive._made_folders
    shutil.rmtree(first.parent)
    second = tmp_path / "cd" / "cd02__b.txt"
    archive_bytes(b"b", second, durable=False)
    assert second.read_bytes() == b"b"


def test_the_landing_reads_a_file_whatever_its_stated_size(tmp_path):
    path = tmp_path / "form.txt"
    data = os.urandom(200_000)
    path.write_bytes(data)
    assert landing._read(path, len(data)) == data
    assert landing._read(path, 10) == data  # grew after it was stat'ed
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert landing._read(empty, 0) == b""
