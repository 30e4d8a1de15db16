"""dbt run in the step's process (orchestration/dbt/runner.py): node outcomes, failures that name the
node, the parsed project reused by the next invocation, and the build database released afterwards."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pytest

from orchestration.dbt import runner
from orchestration.dbt.project import dbt_environment
from orchestration.dbt.runner import NODE_RESULTS_FILE, DbtInvocation, NodeOutcome, run_dbt
from tests.dbt.raw_fixture import write_raw_fixture


def _run(arguments: list[str], work: Path, db_path: Path) -> tuple[list[NodeOutcome], DbtInvocation]:
    items = list(run_dbt(arguments, work / "target", dbt_environment(db_path)))
    *nodes, invocation = items
    assert isinstance(invocation, DbtInvocation)
    return nodes, invocation


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    work = tmp_path_factory.mktemp("dbt_in_process")
    db_path = write_raw_fixture(work / "build.duckdb")
    parses_before = runner.parse_count
    pre = _run(["build", "--select", "tag:pre_check"], work, db_path)
    parses_after_pre = runner.parse_count
    post = _run(["build", "--select", "tag:post_check"], work, db_path)
    return {"work": work, "db": db_path, "pre": pre, "post": post, "parses_before": parses_before,
            "parses_after_pre": parses_after_pre, "parses_after_post": runner.parse_count}


def test_every_node_is_reported_as_dbt_finishes_it(built):
    nodes, invocation = built["post"]
    assert invocation.success, invocation.failure_text()
    models = {node.unique_id for node in nodes if node.resource_type == "model"}
    assert "model.jixiao.fct_form_score" in models
    assert all(node.status in ("success", "pass") for node in nodes)
    assert invocation.nodes == nodes
    with duckdb.connect(str(built["db"]), read_only=True) as connection:
        assert connection.execute("SELECT count(*) FROM marts.fct_form_score").fetchall() == [(5,)]


def test_the_second_invocation_reuses_the_parsed_project(built):
    # The first build of the module's project parsed it (unless another test of this process had
    # parsed the same project, profile and vars before: then neither build parses).
    assert built["parses_after_pre"] - built["parses_before"] <= 1
    assert not built["pre"][1].parsed, "the pre-check build got a parsed project"
    # The post-check build found the project parsed by the pre-check one: no further parse.
    assert not built["post"][1].parsed
    assert built["parses_after_post"] == built["parses_after_pre"]


def test_a_build_that_parses_is_seen_parsing(tmp_path):
    """The check above can fail: a project not parsed before in this process is counted when parsed."""
    db_path = write_raw_fixture(tmp_path / "build.duckdb")
    parses_before = runner.parse_count
    # Vars of their own: no parsed manifest is cached for them, and `--vars` invocations parse in dbt.
    runner._manifest_cache.clear()
    nodes, invocation = _run(["run", "--select", "stg_forms", "--vars", '{"rebuild_years": [2099]}'],
                             tmp_path, db_path)
    assert invocation.success, invocation.failure_text()
    assert runner.parse_count == parses_before + 1


def test_every_node_outcome_is_written_to_the_node_results_file(built):
    lines = [json.loads(line) for line in
             (built["work"] / "target" / NODE_RESULTS_FILE).read_text(encoding="utf-8").splitlines()]
    invocations = [line for line in lines if "invocation" in line]
    assert [line["invocation"][:3] for line in invocations] == [
        ["build", "--select", "tag:pre_check"], ["build", "--select", "tag:post_check"]]
    assert all(line["success"] for line in invocations)
    recorded = {line["unique_id"]: line for line in lines if "unique_id" in line}
    nodes = built["pre"][0] + built["post"][0]
    assert set(recorded) == {node.unique_id for node in nodes}
    score = recorded["model.jixiao.fct_form_score"]
    assert score["status"] == "success" and score["resource_type"] == "model" and score["seconds"] > 0
    assert any(line["resource_type"] == "test" and line["status"] == "pass" for line in recorded.values())


def test_the_dbt_log_keeps_a_failure(tmp_path):
    db_path = tmp_path / "empty.duckdb"
    duckdb.connect(str(db_path)).close()
    nodes, invocation = _run(["build", "--select", "stg_forms"], tmp_path, db_path)
    assert not invocation.success
    log = (tmp_path / "target" / "dbt.log").read_text(encoding="utf-8")
    assert "stg_forms" in log and '"level": "error"' in log
    recorded = (tmp_path / "target" / NODE_RESULTS_FILE).read_text(encoding="utf-8")
    assert '"success": false' in recorded and "model.jixiao.stg_forms" in recorded


def test_the_build_database_is_released_after_each_invocation(built):
    # dbt-duckdb keeps its database open in-process; another configuration could not open it then.
    with duckdb.connect(str(built["db"]), config={"memory_limit": "123MB"}) as connection:
        assert connection.execute("SELECT count(*) FROM marts.dim_year").fetchall()[0][0] >= 1


def test_a_failing_node_is_named_with_its_message(tmp_path):
    db_path = tmp_path / "empty.duckdb"
    duckdb.connect(str(db_path)).close()  # no raw.* tables: the staging models cannot build
    nodes, invocation = _run(["build", "--select", "stg_forms"], tmp_path, db_path)
    assert not invocation.success
    text = invocation.failure_text()
    assert "model.jixiao.stg_forms" in text
    assert "raw" in text.lower()


def test_grouped_not_null_and_hashed_grain_tests_fail_on_bad_rows(built, tmp_path):
    """The model-level `not_null_columns` test and DuckDB's hashed `unique_combination_of_columns`
    report what the one-column tests and the plain GROUP BY reported."""
    import shutil

    db_path = tmp_path / "build.duckdb"
    shutil.copy(built["db"], db_path)
    with duckdb.connect(str(db_path)) as connection:
        connection.execute("INSERT INTO intermediate.int_numeric_cells "
                           "SELECT * FROM intermediate.int_numeric_cells LIMIT 2")
        connection.execute("UPDATE intermediate.int_form_totals SET indicator_row_count = NULL "
                           "WHERE form_id = (SELECT min(form_id) FROM intermediate.int_form_totals)")
    nodes, invocation = _run(["test", "--select", "int_numeric_cells", "int_form_totals",
                              "--exclude", "test_type:unit"], tmp_path, db_path)
    failed = {node.unique_id.split(".")[2]: node.failures for node in invocation.failed_nodes()}
    assert failed == {
        "unique_combination_of_columns_int_numeric_cells_form_id__row_kind__row_index__cell": 2,
        "not_null_columns_int_form_totals_" + failed_suffix(failed, "not_null_columns_int_form_totals_"): 1,
    }
    passed = [node for node in nodes if node.status == "pass"]
    assert passed, "the other tests of both models still ran and passed"


def failed_suffix(failed: dict, prefix: str) -> str:
    """dbt names a test with many arguments by a hash: the rest of the name after `prefix`."""
    return next((name[len(prefix):] for name in failed if name.startswith(prefix)), "<missing>")


def test_the_next_load_reads_the_parsed_project_kept_in_the_target_folder(tmp_path):
    """A new process (here: an emptied in-process cache) unpickles the project parsed by the previous
    load of the home instead of parsing it; other inputs (another profile variable) parse again."""
    db_path = write_raw_fixture(tmp_path / "build.duckdb")
    runner._manifest_cache.clear()
    _, first = _run(["run", "--select", "stg_forms"], tmp_path, db_path)
    assert first.success, first.failure_text()
    assert (tmp_path / "target" / runner.PARSED_MANIFEST_FILE).exists()

    runner._manifest_cache.clear()
    parses_before = runner.parse_count
    asked_at = datetime.now(timezone.utc).replace(tzinfo=None)
    _, again = _run(["run", "--select", "stg_forms"], tmp_path, db_path)
    assert again.success, again.failure_text()
    assert runner.parse_count == parses_before and not again.parsed
    kept = next(iter(runner._manifest_cache.values()))
    assert kept.metadata.generated_at >= asked_at, "stamped when read, as a parse would stamp it"

    runner._manifest_cache.clear()
    other_profile = {**dbt_environment(db_path), "JIXIAO_DUCKDB_MEMORY_LIMIT": "500MB"}
    try:
        items = list(run_dbt(["run", "--select", "stg_forms"], tmp_path / "target", other_profile))
    finally:
        import os
        os.environ.pop("JIXIAO_DUCKDB_MEMORY_LIMIT", None)
    assert items[-1].success, items[-1].failure_text()
    assert runner.parse_count == parses_before + 1


def test_a_kept_project_of_other_inputs_or_unreadable_is_parsed_again(tmp_path):
    db_path = write_raw_fixture(tmp_path / "build.duckdb")
    (tmp_path / "target").mkdir()
    key = runner._manifest_key([], dbt_environment(db_path))
    (tmp_path / "target" / runner.PARSED_MANIFEST_FILE).write_bytes(key.encode() + b"\nnot a pickle")
    runner._manifest_cache.clear()
    parses_before = runner.parse_count
    _, invocation = _run(["run", "--select", "stg_forms"], tmp_path, db_path)
    assert invocation.success, invocation.failure_text()
    assert runner.parse_count == parses_before + 1


def test_an_adapters_behavior_flags_name_their_module_without_loading_lazy_modules(monkeypatch):
    """dbt makes its adapter in every invocation; naming where each behavior flag was declared must
    not load the modules the warm-up made lazy for Great Expectations (orchestration/warmup.py)."""
    import importlib.util
    import inspect
    import sys
    import types

    from dbt_common.behavior_flags import Behavior

    runner._quick_behavior_flag_source()
    name = "colorsys"  # a small module nothing here imports
    monkeypatch.delitem(sys.modules, name, raising=False)
    spec = importlib.util.find_spec(name)
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, name, module)
    spec.loader.exec_module(module)
    # As in a fresh process: no frame's file has been matched to its module yet.
    monkeypatch.setattr(inspect, "modulesbyfile", {})
    monkeypatch.setattr(inspect, "_filesbymodname", {})

    behavior = Behavior([{"name": "jixiao_probe", "default": False, "description": "a probe flag"}], {})

    assert type(sys.modules[name]) is not types.ModuleType, "the lazy module was loaded"
    assert behavior.jixiao_probe._behavior_change_event.flag_source == __name__


def test_a_project_file_the_models_fingerprint_leaves_out_changes_the_kept_projects_key(tmp_path, monkeypatch):
    """dbt's parse reads snapshots, analyses and installed packages too: a kept manifest must not
    outlive a file added there."""
    import shutil

    project = tmp_path / "dbt_project"
    shutil.copytree(runner.DBT_PROJECT_DIR, project, ignore=shutil.ignore_patterns("target", "logs"))
    monkeypatch.setattr(runner, "DBT_PROJECT_DIR", project)
    environment = dbt_environment(tmp_path / "build.duckdb")
    before = runner._manifest_key([], environment)
    assert runner._manifest_key([], environment) == before
    (project / "snapshots").mkdir()
    (project / "snapshots" / "units_snapshot.sql").write_text("-- a snapshot to come\n", encoding="utf-8")
    assert runner._manifest_key([], environment) != before
