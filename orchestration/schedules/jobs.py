"""The nightly load: every asset, in one process (GX and dbt imports are paid once)."""

import dagster as dg

nightly_load = dg.define_asset_job(
    name="nightly_load",
    selection=dg.AssetSelection.all(),
    executor_def=dg.in_process_executor,
    description="Ingest received files, build, check, and publish the warehouse.",
    tags={"dagster/max_runtime": 6 * 3600},
)
