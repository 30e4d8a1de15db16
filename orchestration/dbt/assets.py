"""dbt models as assets, split at the consistency checks.

Pre-check models (staging, intermediate) feed the Great Expectations suites; post-check models
(form status, marts, reports) read their findings. Two dbt invocations, so the blocking checks can
sit between them in one job.
"""


import os
from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from orchestration.dbt.project import dbt_environment, jixiao_dbt_project
from orchestration.resources import JixiaoHome

PRE_CHECK_SELECTION = "tag:pre_check"
POST_CHECK_SELECTION = "tag:post_check"


class JixiaoDbtTranslator(DagsterDbtTranslator):
    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props.get("resource_type") == "source":
            return None
        tags = dbt_resource_props.get("tags") or []
        return "dbt_pre_check" if "pre_check" in tags else "dbt_published"


def _build(context: dg.AssetExecutionContext, dbt: DbtCliResource, home: JixiaoHome):
    # dagster-dbt hands os.environ to the dbt subprocess; the profile reads the build DB from it.
    os.environ.update(dbt_environment(home.layout.build_db))
    yield from dbt.cli(["build"], context=context).stream()


@dbt_assets(
    manifest=jixiao_dbt_project.manifest_path,
    project=jixiao_dbt_project,
    select=PRE_CHECK_SELECTION,
    name="dbt_pre_check_models",
    dagster_dbt_translator=JixiaoDbtTranslator(),
)
def dbt_pre_check_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, home: JixiaoHome):
    yield from _build(context, dbt, home)


@dbt_assets(
    manifest=jixiao_dbt_project.manifest_path,
    project=jixiao_dbt_project,
    select=POST_CHECK_SELECTION,
    name="dbt_published_models",
    dagster_dbt_translator=JixiaoDbtTranslator(),
)
def dbt_published_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, home: JixiaoHome):
    yield from _build(context, dbt, home)
