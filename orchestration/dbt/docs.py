"""The dbt docs site of the warehouse, as one static page in the home (no server, no internet)."""

import os
import shutil

import dagster as dg
from dagster_dbt import DbtCliResource

from orchestration.dbt.project import dbt_environment
from orchestration.resources import JixiaoHome

PUBLISHED_MODELS = [dg.AssetKey(["reports", "rpt_department_year_trend"]), dg.AssetKey(["marts", "fct_form_score"])]


@dg.asset(key=["reports", "dbt_docs"], deps=PUBLISHED_MODELS, group_name="publish", kinds={"dbt"},
          description="dbt docs of every model and column (static_index.html), for analysts.")
def dbt_docs(context: dg.AssetExecutionContext, dbt: DbtCliResource, home: JixiaoHome) -> dg.MaterializeResult:
    layout = home.layout
    os.environ.update(dbt_environment(layout.build_db))
    target = layout.dbt_dir / "docs_target"
    dbt.cli(["docs", "generate", "--static"], target_path=target, raise_on_error=True).wait()
    site = layout.reports_dir / "dbt_docs"
    site.mkdir(parents=True, exist_ok=True)
    for name in ("static_index.html", "index.html", "manifest.json", "catalog.json"):
        if (target / name).exists():
            shutil.copy2(target / name, site / name)
    return dg.MaterializeResult(metadata={"site": dg.MetadataValue.path(str(site / "static_index.html"))})
