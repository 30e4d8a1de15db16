"""Imports whose objects live until the process ends, kept out of the garbage collector's way.

A load imports Dagster, dagster-dbt, dbt and Great Expectations and parses the dbt project: objects
that live as long as the process. Python's full garbage collections scan every tracked object again;
at a +1 % reload of 100,000 forms nine of them took 1.3 s, most of it on the load's critical path.
`gc.freeze()` after such an import moves what exists then to the permanent generation, which
collections skip (0.4 s there). Frozen objects are still freed when their last reference goes; only
a reference cycle among them would stay until exit, so a process freezes after the first import
only (a test session runs many loads in one process).
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def first_import_frozen(module: str) -> Iterator[None]:
    """Run the block; when it imported `module` for the first time in this process, the block ran with
    the collector paused (imports make little garbage) and everything it built is frozen after it."""
    if module in sys.modules:
        yield
        return
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if module in sys.modules:
            gc.freeze()
        if was_enabled:
            gc.enable()
