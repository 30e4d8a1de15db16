"""When the nightly load runs: a nightly schedule and a sensor on the home's inbox."""


import json
from pathlib import Path

import dagster as dg

from orchestration.partitions import year_range_tags
from orchestration.resources import JixiaoHome
from orchestration.schedules.jobs import nightly_load

NIGHTLY_CRON = "0 2 * * *"
TIMEZONE = "Asia/Shanghai"


@dg.schedule(job=nightly_load, cron_schedule=NIGHTLY_CRON, execution_timezone=TIMEZONE,
             default_status=dg.DefaultScheduleStatus.STOPPED,
             description="Loads everything new in the home's inbox folder every night.")
def nightly_schedule(context: dg.ScheduleEvaluationContext):
    # Every report year in one run: the inbox may hold forms of any year (orchestration/partitions.py).
    return dg.RunRequest(run_key=None, tags={"jixiao/trigger": "schedule", **year_range_tags()})


def _inbox_snapshot(inbox: Path) -> dict[str, str]:
    if not inbox.exists():
        return {}
    return {
        str(path.relative_to(inbox)): f"{path.stat().st_size}:{path.stat().st_mtime_ns}"
        for path in sorted(inbox.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


@dg.sensor(job=nightly_load, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.STOPPED,
           description="Starts a load when new or changed files appear in the home's inbox.")
def inbox_sensor(context: dg.SensorEvaluationContext, home: JixiaoHome):
    seen = json.loads(context.cursor) if context.cursor else {}
    current = _inbox_snapshot(home.layout.inbox_dir)
    fresh = sorted(name for name, stamp in current.items() if seen.get(name) != stamp)
    if not fresh:
        return dg.SkipReason("no new files in the inbox")
    context.update_cursor(json.dumps(current, sort_keys=True))
    run_key = "inbox:" + ",".join(f"{name}@{current[name]}" for name in fresh)
    return dg.RunRequest(run_key=run_key[:500], tags={"jixiao/trigger": "inbox_sensor", **year_range_tags()})
