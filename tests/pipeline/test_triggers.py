"""Nightly schedule and inbox sensor, evaluated as Dagster would."""

from __future__ import annotations

import datetime as dt

import dagster as dg

from orchestration.partitions import RANGE_END_TAG, RANGE_START_TAG, report_years
from orchestration.resources import JixiaoHome
from orchestration.schedules.triggers import NIGHTLY_CRON, TIMEZONE, inbox_sensor, nightly_schedule


def test_nightly_schedule_runs_the_load_at_two_in_shanghai():
    assert (nightly_schedule.cron_schedule, nightly_schedule.execution_timezone) == (NIGHTLY_CRON, TIMEZONE)
    context = dg.build_schedule_context(scheduled_execution_time=dt.datetime(2026, 11, 29, 2, 0))
    request = nightly_schedule.evaluate_tick(context).run_requests[0]
    assert request.tags["jixiao/trigger"] == "schedule"
    _assert_every_year(request)
    assert nightly_schedule.job_name == "nightly_load"


def test_inbox_sensor_requests_one_run_per_new_file_set(tmp_path):
    home = JixiaoHome(home_dir=str(tmp_path))
    inbox = home.layout.inbox_dir

    def tick(cursor):
        context = dg.build_sensor_context(cursor=cursor, resources={"home": home})
        result = inbox_sensor.evaluate_tick(context)
        return result, result.cursor

    result, cursor = tick(None)
    assert result.run_requests == [] and result.skip_message
    (inbox / "a.txt").write_text("x", encoding="utf-8")
    result, cursor = tick(cursor)
    assert len(result.run_requests) == 1
    result, cursor_after = tick(cursor)
    assert result.run_requests == [], "a file is never processed twice"
    (inbox / "b.txt").write_text("y", encoding="utf-8")
    result, _ = tick(cursor_after)
    assert len(result.run_requests) == 1 and "b.txt" in result.run_requests[0].run_key
    _assert_every_year(result.run_requests[0])


def _assert_every_year(request: dg.RunRequest) -> None:
    """A load covers every report-year partition in one run: the inbox may hold forms of any year."""
    keys = report_years.get_partition_keys()
    assert (request.tags[RANGE_START_TAG], request.tags[RANGE_END_TAG]) == (keys[0], keys[-1])
    assert {"2019", "2023"} <= set(keys)
