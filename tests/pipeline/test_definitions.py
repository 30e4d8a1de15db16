"""The Dagster code location loads, and its graph is ingest -> dbt -> checks -> publish."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import dagster as dg

from tests.conftest import REPO


def test_dagster_definitions_validate(tmp_path):
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path), "JIXIAO_HOME": str(tmp_path / "home")}
    completed = subprocess.run(
        [str(Path(sys.executable).parent / "dagster"), "definitions", "validate", "-w", "workspace.yaml"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def _upstream_closure(graph, key: dg.AssetKey) -> set[dg.AssetKey]:
    seen, todo = set(), [key]
    while todo:
        for parent in graph.get(todo.pop()).parent_keys:
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


def test_asset_graph_runs_ingest_dbt_checks_publish():
    from orchestration.definitions import defs

    graph = defs.resolve_asset_graph()
    published = dg.AssetKey(["published", "warehouse"])
    findings = dg.AssetKey(["quality", "rule_findings"])
    upstream_of_publish = _upstream_closure(graph, published)
    assert findings in upstream_of_publish
    assert dg.AssetKey(["marts", "fct_form_score"]) in upstream_of_publish
    upstream_of_findings = _upstream_closure(graph, findings)
    assert dg.AssetKey(["intermediate", "int_indicator_scoring"]) in upstream_of_findings
    assert dg.AssetKey(["raw", "forms"]) in upstream_of_findings
    assert dg.AssetKey(["marts", "fct_form_score"]) not in upstream_of_findings
    checks = {check.name for check in graph.get(findings).check_keys}
    assert {"parse_rules", "fund_rules", "weight_rules", "indicator_rules", "total_rules"} <= checks
    job = defs.resolve_job_def("nightly_load")
    assert job.executor_def.name == "in_process"
    assert {s.name for s in defs.schedules} == {"nightly_schedule"}
    assert {s.name for s in defs.sensors} >= {"inbox_sensor", "record_failed_load", "published_warehouse_freshness"}
