"""Say in the UI when the published warehouse is stale: no successful load for 36 hours."""

from datetime import timedelta

import dagster as dg

from orchestration.publish.assets import published_warehouse

MAX_AGE = timedelta(hours=36)

freshness_checks = dg.build_last_update_freshness_checks(
    assets=[published_warehouse], lower_bound_delta=MAX_AGE, timezone="Asia/Shanghai")
freshness_sensor = dg.build_sensor_for_freshness_checks(
    freshness_checks=freshness_checks, name="published_warehouse_freshness",
    default_status=dg.DefaultSensorStatus.RUNNING)
