"""The one Dagster code location of jixiao. Each subpackage declares only what it owns."""

import dagster as dg

from orchestration.dbt import definitions as dbt_defs
from orchestration.ingest import definitions as ingest_defs
from orchestration.publish import definitions as publish_defs
from orchestration.quality import definitions as quality_defs
from orchestration.reports import definitions as report_defs
from orchestration.resources import JixiaoHome, PostgresPublication
from orchestration.schedules import definitions as schedule_defs

defs = dg.Definitions(
    assets=[*ingest_defs.assets, *dbt_defs.assets, *quality_defs.assets, *publish_defs.assets,
            *report_defs.assets],
    jobs=schedule_defs.jobs,
    schedules=schedule_defs.schedules,
    asset_checks=publish_defs.asset_checks,
    sensors=[*schedule_defs.sensors, *publish_defs.sensors],
    resources={
        # Resolved when a run starts, not at import: the CLI and `jixiao serve` set JIXIAO_HOME.
        "home": JixiaoHome(home_dir=dg.EnvVar("JIXIAO_HOME")),
        "postgres": PostgresPublication(),
    },
)
