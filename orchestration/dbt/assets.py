"""dbt models as assets, split at the consistency checks.

Pre-check models (staging, rule inputs) feed the Great Expectations suites; post-check models
(form status, marts, reports) read their findings. Two dbt invocations, so the blocking checks can
sit between them in one job. dbt runs in the step's own process (`runner.py`), not as a subprocess.

The pre-check models are per form, so they are partitioned by report year (group `dbt_by_year`); a
backfill of some years rebuilds only those years' rows. The post-check models compare forms across
years (versions, trends) and are rebuilt from all years (group `dbt_all_years`).
"""


import json
from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, dbt_assets

from orchestration.dbt.project import dbt_environment, jixiao_dbt_project
from orchestration.dbt.runner import DbtInvocation
from orchestration.partitions import BY_YEAR_BACKFILL, report_years, years_to_rebuild
from orchestration.resources import JixiaoHome

PRE_CHECK_SELECTION = "tag:pre_check"
POST_CHECK_SELECTION = "tag:post_check"
UNIT_TESTS = "test_type:unit"


class JixiaoDbtTranslator(DagsterDbtTranslator):
    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props.get("resource_type") == "source":
            return None
        tags = dbt_resource_props.get("tags") or []
        return "dbt_by_year" if "pre_check" in tags else "dbt_all_years"


# dbt's ~190 data tests still run in every `dbt build` and fail the step when one fails, but they are
# not modelled as Dagster asset checks: each check costs two events in the run's SQLite event log
# (planned at run creation, evaluated in the step), ~30 ms apiece, which made them ~40 % of a small
# load. Test results stay in the step's log and the home's dbt log (benchmarks/README.md).
DBT_TRANSLATOR_SETTINGS = DagsterDbtTranslatorSettings(enable_asset_checks=False)


def _build(context: dg.AssetExecutionContext, home: JixiaoHome):
    from dagster_dbt.asset_utils import get_updated_cli_invocation_params_for_context

    from orchestration import warmup
    from orchestration.dbt.runner import run_dbt
    from orchestration.ingest.unchanged import code_matches_last_success

    warmup.wait()
    layout = home.layout
    # No manifest.json and run_results.json per build (~0.3 s each time for the manifest): the nodes'
    # results reach the step as dbt finishes them and stay in the home's dbt.log (runner.py).
    arguments = ["build", "--no-write-json"]
    years = years_to_rebuild(context)
    if not code_matches_last_success(layout, context.run_id, dbt_only=True):
        # The rule inputs are incremental (dbt_project/macros/incremental.sql): rows built by other
        # code must not survive a change of models, macros, seeds or rules (in any year).
        arguments.append("--full-refresh")
    elif years is not None:
        arguments += ["--vars", json.dumps({"rebuild_years": years, "relanded_by": context.run_id})]
    # dagster-dbt's own selection (the decorator's select, or the assets picked in a subset run).
    params = get_updated_cli_invocation_params_for_context(
        context=context, manifest={}, dagster_dbt_translator=JixiaoDbtTranslator(settings=DBT_TRANSLATOR_SETTINGS))
    arguments += _without_unit_tests(params.selection_args)
    if params.indirect_selection:
        arguments += ["--indirect-selection", params.indirect_selection]
    selected = context.selected_asset_keys
    key_of = {}
    for unique_id in params.manifest.get("nodes", {}):
        key = params.dagster_dbt_translator.get_asset_spec(params.manifest, unique_id, params.dbt_project).key
        if key in selected:
            key_of[unique_id] = key
    context.log.info(f"dbt {' '.join(arguments)}")
    # One target folder per home: dbt keeps its partial_parse.msgpack there, made with this home's
    # profile (the build DB path is part of it), so later runs skip the full parse.
    invocation = None
    for item in run_dbt(arguments, layout.dbt_dir / "target", dbt_environment(layout.build_db)):
        if isinstance(item, DbtInvocation):
            invocation = item
        elif item.unique_id in key_of and item.status == "success":
            yield dg.Output(value=None, output_name=key_of[item.unique_id].to_python_identifier(),
                            metadata={"unique_id": item.unique_id, "Execution Duration": item.seconds})
    if invocation is None or not invocation.success:
        text = invocation.failure_text() if invocation else "dbt did not report"
        raise dg.Failure(description=text, metadata={"dbt log": dg.MetadataValue.path(str(layout.dbt_dir / "target" / "dbt.log"))})
    context.log.info(invocation.summary())


def _without_unit_tests(selection_args: list[str]) -> list[str]:
    """dbt unit tests check the models' SQL on fixed inputs, not the forms: `make test` runs them
    (tests/dbt), the nightly build does not pay for them on every load."""
    args = list(selection_args)
    if "--exclude" in args:
        args.insert(args.index("--exclude") + 1, UNIT_TESTS)
        return args
    return args + ["--exclude", UNIT_TESTS]


@dbt_assets(
    manifest=jixiao_dbt_project.manifest_path,
    project=jixiao_dbt_project,
    select=PRE_CHECK_SELECTION,
    name="dbt_pre_check_models",
    partitions_def=report_years,
    backfill_policy=BY_YEAR_BACKFILL,
    dagster_dbt_translator=JixiaoDbtTranslator(settings=DBT_TRANSLATOR_SETTINGS),
)
def dbt_pre_check_models(context: dg.AssetExecutionContext, home: JixiaoHome):
    yield from _build(context, home)


@dbt_assets(
    manifest=jixiao_dbt_project.manifest_path,
    project=jixiao_dbt_project,
    select=POST_CHECK_SELECTION,
    name="dbt_published_models",
    dagster_dbt_translator=JixiaoDbtTranslator(settings=DBT_TRANSLATOR_SETTINGS),
)
def dbt_published_models(context: dg.AssetExecutionContext, home: JixiaoHome):
    yield from _build(context, home)
