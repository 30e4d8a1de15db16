"""The input walk: every non-hidden file under the folders, in a stable order, links to folders not
followed; a missing input named."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from orchestration.ingest.discover import MissingInputError, RealPaths, check_inputs, iter_input_files


def _rglob_reference(folder: Path) -> list[Path]:
    """What the walk replaced: sorted(rglob) keeping the files with no hidden part."""
    return [child for child in sorted(folder.rglob("*"))
            if child.is_file() and not any(part.startswith(".") for part in child.relative_to(folder).parts)]


def _tree(root: Path) -> Path:
    inbox = root / "inbox"
    for relative in ("a/x.txt", "a/b/y.txt", "a-b.txt", "a.txt", "B/z.txt", "b/z.txt", "2021/表1.txt",
                     "2021/子目录/表2.xlsx", ".hidden.txt", ".cache/w.txt", "a/.git/config", "empty/.keep"):
        path = inbox / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(relative, encoding="utf-8")
    outside = root / "outside"
    (outside / "deep").mkdir(parents=True)
    (outside / "deep" / "o.txt").write_text("o", encoding="utf-8")
    os.symlink(outside, inbox / "linked_folder")        # not followed
    os.symlink(inbox / "a.txt", inbox / "c_link.txt")   # a link to a file is a file
    os.symlink(root / "nowhere.txt", inbox / "d_dangling.txt")  # neither file nor folder
    return inbox


def test_walk_yields_what_sorted_rglob_yields(tmp_path: Path):
    inbox = _tree(tmp_path)
    found = list(iter_input_files([inbox]))
    assert found == _rglob_reference(inbox)
    names = [str(path.relative_to(inbox)) for path in found]
    assert names == ["2021/子目录/表2.xlsx", "2021/表1.txt", "B/z.txt", "a/b/y.txt", "a/x.txt", "a-b.txt",
                     "a.txt", "b/z.txt", "c_link.txt"]


def test_files_and_folders_in_the_order_given(tmp_path: Path):
    inbox = _tree(tmp_path)
    found = list(iter_input_files([inbox / "b", inbox / "a.txt", inbox / "a"]))
    assert [str(path.relative_to(inbox)) for path in found] == ["b/z.txt", "a.txt", "a/b/y.txt", "a/x.txt"]


def test_a_missing_input_is_named(tmp_path: Path):
    inbox = _tree(tmp_path)
    check_inputs([inbox, inbox / "a.txt"])
    with pytest.raises(MissingInputError, match="no_such_folder: no such file or folder"):
        check_inputs([inbox, tmp_path / "no_such_folder"])
    with pytest.raises(MissingInputError, match="no_such_folder"):
        list(iter_input_files([inbox, tmp_path / "no_such_folder"]))


def test_real_paths_are_those_path_resolve_gives(tmp_path: Path):
    inbox = _tree(tmp_path)
    os.symlink(inbox / "a", tmp_path / "a_link")
    real_paths = RealPaths()
    for path in [*iter_input_files([inbox]), tmp_path / "a_link" / "x.txt", inbox / "b" / ".." / "a" / "x.txt",
                 inbox / "c_link.txt"]:
        assert real_paths(os.path.abspath(path)) == str(path.resolve())
    assert real_paths(os.path.abspath(inbox / "c_link.txt")) == str(inbox / "a.txt")
