"""Heavy imports of a load's later steps, started with the landing.

dbt (~3 s to import and parse the project here) and Great Expectations (~3.5 s to import) are needed
only after the landing; the landing's main process mostly hashes files and waits for its parse
workers. Starting both in a background thread when the landing starts takes them off the load's
critical path. A load with no new file skips the later steps; the thread dies with the process.
"""

import os
import threading

from orchestration.home import HomeLayout


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
        prepare(layout.dbt_dir / "target", dbt_environment(layout.build_db))
        os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")  # read when GX is imported
        import great_expectations  # noqa: F401
    except Exception:  # only a head start: the steps import and parse again and report any error
        pass
