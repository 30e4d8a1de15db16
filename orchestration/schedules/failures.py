"""Record failed daemon-launched loads in ops.load_runs (the CLI records its own)."""

import dagster as dg

from orchestration import runlog
from orchestration.resources import JixiaoHome
from orchestration.schedules.jobs import nightly_load


@dg.run_failure_sensor(monitored_jobs=[nightly_load], default_status=dg.DefaultSensorStatus.RUNNING,
                       description="Writes a failed load's reason into ops.load_runs.")
def record_failed_load(context: dg.RunFailureSensorContext, home: JixiaoHome):
    runlog.finish_failure(home.layout.build_db, context.dagster_run.run_id,
                          context.failure_event.message or "the load failed")
