"""orchestration/long_lived.py: the first import of a module is frozen out of the garbage collector's
scans; later loads in the same process freeze nothing more, and the collector is left as it was."""

from __future__ import annotations

import gc
import sys

import pytest

from orchestration.long_lived import first_import_frozen


@pytest.fixture
def module_on_path(tmp_path, monkeypatch):
    name = "jixiao_long_lived_probe"
    (tmp_path / f"{name}.py").write_text("TABLE = {index: [index] for index in range(1000)}\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield name
    sys.modules.pop(name, None)
    gc.unfreeze()


def test_the_first_import_is_frozen_and_a_second_one_is_not(module_on_path):
    gc.unfreeze()
    with first_import_frozen(module_on_path):
        assert not gc.isenabled()  # paused while the module is imported
        __import__(module_on_path)
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    assert frozen > 1000  # the module's table is among them
    assert gc.is_tracked(sys.modules[module_on_path].TABLE)

    with first_import_frozen(module_on_path):
        assert gc.isenabled()  # already imported: nothing paused
        garbage = [[] for _ in range(100)]
    # Freezing again would move at least the 100 new lists into the permanent generation; the count
    # may also fall meanwhile (a thread left by an earlier test freeing frozen objects), never rise.
    assert gc.get_freeze_count() < frozen + len(garbage)
    del garbage


def test_a_failed_import_freezes_nothing_and_a_paused_collector_stays_paused(module_on_path):
    gc.unfreeze()
    gc.disable()
    try:
        with pytest.raises(ImportError):
            with first_import_frozen("jixiao_no_such_module"):
                __import__("jixiao_no_such_module")
        assert gc.get_freeze_count() == 0
        assert not gc.isenabled()
    finally:
        gc.enable()
