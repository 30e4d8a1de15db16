"""Run the nightly load job in-process for one home, and say what happened.

Used by `jixiao load` and the tests. Two loads on one home never run at once: the second one is
refused with a clear message instead of racing for the DuckDB write lock.
"""

from __future__ import annotations

import fcntl
import json
import os
import sys
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from orchestration.home import HomeLayout
from orchestration.long_lived import first_import_frozen

DAGSTER_YAML = """\
# Dagster instance of this jixiao home (written by jixiao; edit freely).
telemetry:
  enabled: false
run_queue:
  max_concurrent_runs: 1
# Dagster's SQLite event log with its connections kept open (orchestration/dagster_storage.py).
event_log_storage:
  module: orchestration.dagster_storage
  class: PooledSqliteEventLogStorage
"""

EARLIER_DAGSTER_YAMLS = {"""\
# Dagster instance of this jixiao home (written by jixiao; edit freely).
telemetry:
  enabled: false
run_queue:
  max_concurrent_runs: 1
"""}


class LoadAlreadyRunning(RuntimeError):
    pass


@dataclass
class LoadReport:
    load_id: str | None
    outcome: str  # "success" | "failed"
    started_at: str
    finished_at: str | None = None
    error: str | None = None
    files_seen: int = 0
    files_new: int = 0
    files_already_received: int = 0
    files_failed: int = 0
    forms_landed: int = 0
    file_problems: list[str] = field(default_factory=list)
    published: int = 0
    quarantined: int = 0
    superseded: int = 0
    findings: dict[str, int] = field(default_factory=dict)
    published_db: str | None = None
    log_file: str | None = None
    # True when this load replaced the published warehouse (also when a later step then failed).
    published_this_load: bool = False

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


def prepare_environment(layout: HomeLayout) -> None:
    """Environment the job's resources and tools read; set once before Dagster starts."""
    layout.ensure()
    os.environ["JIXIAO_HOME"] = str(layout.root)
    os.environ["DAGSTER_HOME"] = str(layout.dagster_home)
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("DAGSTER_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    # Store a step's events in batches: a load over every report-year partition records one planned
    # and one materialization event per asset and year (~10 ms apiece in SQLite, one at a time).
    os.environ.setdefault("DAGSTER_EVENT_BATCH_SIZE", "100")
    instance_config = layout.dagster_home / "dagster.yaml"
    # Written when missing, and upgraded when it is still an earlier jixiao default (never when edited).
    if not instance_config.exists() or instance_config.read_text(encoding="utf-8") in EARLIER_DAGSTER_YAMLS:
        instance_config.write_text(DAGSTER_YAML, encoding="utf-8")


@contextmanager
def exclusive_load(layout: HomeLayout):
    layout.ensure()
    with open(layout.lock_file, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise LoadAlreadyRunning(
                f"another load is running on {layout.root} ({holder}); try again when it has finished"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} since {datetime.now(timezone.utc).isoformat(timespec='seconds')}")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@contextmanager
def output_into(log_file: Path | None):
    """Send this process's and its children's stdout/stderr (Dagster, dbt) to the load's log file."""
    if log_file is None:
        yield
        return
    log_file.parent.mkdir(parents=True, exist_ok=True)
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    with open(log_file, "ab") as sink:
        os.dup2(sink.fileno(), 1)
        os.dup2(sink.fileno(), 2)
        try:
            yield
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])


def run_load(layout: HomeLayout, paths: list[str], log_level: str = "INFO", quiet: bool = True,
             postgres_dsn: str | None = None, backfill_years: list[int] | None = None) -> LoadReport:
    """Run one load. With `quiet`, step logs go to <home>/logs/ instead of the terminal.

    `backfill_years`: instead of loading new files, parse those report years' archived forms again
    and rebuild their rows (orchestration/partitions.py); `paths` must then be empty."""
    report = LoadReport(load_id=None, outcome="failed", started_at=_now())
    with exclusive_load(layout):
        prepare_environment(layout)
        log_file = layout.logs_dir / f"load-{report.started_at.replace(':', '')}.log" if quiet else None
        report.log_file = str(log_file) if log_file else None
        try:
            with output_into(log_file):
                _execute(layout, paths, report, log_level, postgres_dsn, backfill_years)
        except Exception as error:  # recorded; the caller's exit status says it failed
            report.outcome, report.error = "failed", f"{type(error).__name__}: {error}"
        report.finished_at = _now()
        with open(layout.load_log, "a", encoding="utf-8") as log:
            log.write(report.to_json() + "\n")
    return report


def _execute(layout: HomeLayout, paths: list[str], report: LoadReport, log_level: str,
             postgres_dsn: str | None, backfill_years: list[int] | None) -> None:
    from orchestration.dbt.project import ensure_manifest

    ensure_manifest()
    with first_import_frozen("orchestration.definitions"):
        import dagster as dg

        from orchestration.definitions import defs
        from orchestration.partitions import year_range_tags

    tags = {"jixiao/trigger": "backfill" if backfill_years else "manual", **year_range_tags(backfill_years)}

    instance = dg.DagsterInstance.from_config(str(layout.dagster_home))
    job = defs.resolve_job_def("nightly_load")
    result = job.execute_in_process(
        run_config={
            "ops": {"land_received_files": {"config": {"paths": [str(p) for p in paths]}}},
            "loggers": {"console": {"config": {"log_level": log_level}}},
            **({"resources": {"postgres": {"config": {"dsn": postgres_dsn}}}} if postgres_dsn else {}),
        },
        instance=instance,
        tags=tags,
        raise_on_error=False,
    )
    report.load_id = result.run_id
    _collect_landing(result, report)
    from orchestration.published import published_load_id

    # Asked of the file itself: the publish step may replace it and then fail (Parquet export).
    report.published_this_load = published_load_id(layout.published_db) == result.run_id
    if result.success:
        report.outcome = "success"
        from orchestration.published import summary_counts

        counts = summary_counts(layout.published_db)
        report.published, report.quarantined, report.superseded = (
            counts["published"], counts["quarantined"], counts["superseded"])
        report.findings = counts["findings"]
        report.published_db = str(layout.published_db)
    else:
        report.error = _first_failure(result) or "the load failed"
        from orchestration import runlog

        runlog.finish_failure(layout.build_db, result.run_id, report.error)


def _collect_landing(result, report: LoadReport) -> None:
    for event in result.all_node_events:
        if not event.is_step_materialization or event.step_key != "land_received_files":
            continue
        metadata = event.event_specific_data.materialization.metadata
        for name in ("files_seen", "files_new", "files_already_received", "files_failed", "forms_landed"):
            if name in metadata:
                setattr(report, name, metadata[name].value)
        if "problems" in metadata:
            report.file_problems = list(metadata["problems"].value)
        return


def _first_failure(result) -> str | None:
    for event in result.all_events:
        if event.is_step_failure:
            error = event.event_specific_data.error
            while error is not None and error.cause is not None:
                error = error.cause  # the user's exception, not Dagster's wrapper
            reason = error.message.strip().splitlines()[-1] if error else "unknown error"
            return f"step {event.step_key} failed: {reason}"
        if event.event_type_value == "ASSET_CHECK_EVALUATION":
            evaluation = event.event_specific_data
            if not evaluation.passed:
                return f"check {evaluation.check_name} did not pass: nothing was published"
    return None
