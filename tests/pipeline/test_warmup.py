"""The warm-up imports Great Expectations with the modules only unused expectations need made lazy
(orchestration/warmup.py): they must not run at import, and must work when something uses them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys
from orchestration.warmup import GX_DEFERRED_MODULES, import_great_expectations

import_great_expectations()
state = {"gx": "great_expectations" in sys.modules,
         "deferred_present": sorted(name for name in GX_DEFERRED_MODULES if name in sys.modules),
         # what scipy.stats and altair import when they run
         "ran_at_import": [name for name in ("scipy.special", "scipy.stats._distn_infrastructure",
                                             "altair.vegalite") if name in sys.modules],
         "finder_left": any(type(finder).__name__ == "_LazyFinder" for finder in sys.meta_path)}
from great_expectations.expectations.metrics.column_aggregate_metrics import (
    column_parameterized_distribution_ks_test_p_value as ks)
state["norm_cdf_0"] = float(ks.stats.norm.cdf(0.0))
state["ran_on_use"] = "scipy.special" in sys.modules
import altair
state["altair_chart"] = altair.Chart.__name__
print(json.dumps(state))
"""


def test_gx_imports_without_running_the_deferred_modules_and_they_work_on_use():
    environment = {**os.environ, "PYTHONPATH": str(REPO), "GX_ANALYTICS_ENABLED": "false"}
    output = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO, env=environment, capture_output=True,
                            text=True, timeout=300, check=True).stdout
    state = json.loads(output.strip().splitlines()[-1])
    assert state["gx"]
    assert state["deferred_present"] == ["altair", "scipy.stats"]  # GX did import them ...
    assert state["ran_at_import"] == []                          # ... without running them
    assert not state["finder_left"]                              # other imports are left alone
    assert state["norm_cdf_0"] == 0.5 and state["ran_on_use"]
    assert state["altair_chart"] == "Chart"
