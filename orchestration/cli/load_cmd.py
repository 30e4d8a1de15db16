"""`jixiao load PATH... [--home DIR]`."""

from __future__ import annotations

import sys


def run(arguments) -> int:
    from orchestration.home import HomeLayout, resolve_home
    from orchestration.ingest.discover import MissingInputError, check_inputs
    from orchestration.loading import LoadAlreadyRunning, run_load

    layout = HomeLayout(resolve_home(arguments.home))
    paths = arguments.paths or [str(layout.inbox_dir)]
    try:
        check_inputs(paths)
    except MissingInputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    try:
        report = run_load(layout, paths, log_level="DEBUG" if arguments.verbose else "INFO",
                          quiet=not arguments.verbose, postgres_dsn=arguments.postgres)
    except LoadAlreadyRunning as error:
        print(f"error: {error}", file=sys.stderr)
        return 3
    for problem in report.file_problems:
        print(f"error: {problem}", file=sys.stderr)
    print(summary_text(layout, report))
    return 0 if report.outcome == "success" else 1


def summary_text(layout, report, backfill_years: list[int] | None = None) -> str:
    if backfill_years:
        span = f"{backfill_years[0]}–{backfill_years[-1]}" if len(backfill_years) > 1 else str(backfill_years[0])
        lines = [f"jixiao backfill {span} {report.load_id or ''} — home {layout.root}".rstrip()]
        lines.append(f"  files:       {report.files_seen} archived files with forms of {span} parsed again, "
                     f"{report.files_failed} kept as they were")
        lines.append(f"  forms:       {report.forms_landed} re-parsed and rebuilt; other years unchanged")
    else:
        lines = [f"jixiao load {report.load_id or ''} — home {layout.root}".rstrip()]
        lines.append(
            f"  files:       {report.files_seen} seen, {report.files_new} new, "
            f"{report.files_already_received} already received, {report.files_failed} unreadable")
        lines.append(f"  forms:       {report.forms_landed} new in this load")
    if report.outcome != "success":
        lines.append(f"  FAILED:      {report.error}")
        if report.published_this_load:
            lines.append(f"  the published warehouse was replaced by this load before the failure: {layout.published_db}")
        else:
            lines.append("  the published warehouse is unchanged")
        if report.log_file:
            lines.append(f"  log:         {report.log_file}")
        return "\n".join(lines)
    findings = report.findings
    lines.append(f"  published:   {report.published} forms")
    lines.append(f"  quarantined: {report.quarantined} forms (errors; kept with their findings, not published)")
    lines.append(f"  superseded:  {report.superseded} forms")
    lines.append(f"  findings:    {findings.get('error', 0)} error, {findings.get('warning', 0)} warning, "
                 f"{findings.get('info', 0)} info   (see: jixiao findings)")
    lines.append(f"  published_db: {report.published_db}")
    if report.log_file:
        lines.append(f"  log:         {report.log_file}")
    return "\n".join(lines)
