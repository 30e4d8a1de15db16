"""Heavy imports of a load's later steps, started with the landing.

dbt (~3 s to import and parse the project here) and Great Expectations (~3.5 s to import) are needed
only after the landing; the landing's main process mostly hashes files and waits for its parse
workers. Starting both in a background thread when the landing starts takes them off the load's
critical path. A load with no new file skips the later steps; the thread dies with the process.
What both import lives until the process ends: frozen out of the garbage collector's full scans
(orchestration/long_lived.py).
"""

import importlib.abc
import importlib.util
import os
import sys
import threading

from orchestration.home import HomeLayout
from orchestration.long_lived import first_import_frozen

# Imported by Great Expectations at start-up only for expectations jixiao never runs (distribution
# tests, the KL-divergence chart): created lazily, they run on first use, and GX's import is ~0.8 s
# shorter (2.1 -> 1.3 s here). That CPU time was on a +1 % reload's critical path: the dbt step waits
# for the warm-up.
GX_DEFERRED_MODULES = frozenset({"scipy.stats", "altair"})


_started: list[threading.Thread] = []


def start(layout: HomeLayout) -> threading.Thread:
    thread = threading.Thread(target=_warm, args=(layout,), name="jixiao-warmup", daemon=True)
    _started.append(thread)
    thread.start()
    return thread


def wait(timeout: float = 300.0) -> None:
    """Called by the steps that import what the warm-up imports: two threads importing the same
    modules at once can trip Python's import-deadlock detection, so the step waits for it first."""
    while _started:
        _started.pop().join(timeout)


def _warm(layout: HomeLayout) -> None:
    from orchestration.dbt.project import dbt_environment
    from orchestration.dbt.runner import prepare

    try:
        with first_import_frozen("dbt.cli.main"):
            prepare(layout.dbt_dir / "target", dbt_environment(layout.build_db))
        with first_import_frozen("great_expectations"):
            import_great_expectations()
    except Exception:  # only a head start: the steps import and parse again and report any error
        pass


def import_great_expectations() -> None:
    """Import GX with `GX_DEFERRED_MODULES` loaded lazily (only while GX is imported)."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")  # read when GX is imported
    finder = _LazyFinder(GX_DEFERRED_MODULES)
    sys.meta_path.insert(0, finder)
    try:
        import great_expectations  # noqa: F401
    finally:
        sys.meta_path.remove(finder)


class _LazyFinder(importlib.abc.MetaPathFinder):
    """Finds `names` with the other finders, and gives them a loader that runs the module on first
    attribute access (importlib.util.LazyLoader)."""

    def __init__(self, names: frozenset[str]) -> None:
        self.names = names

    def find_spec(self, name, path, target=None):
        if name not in self.names:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = importlib.util.LazyLoader(spec.loader)
                return spec
        return None
