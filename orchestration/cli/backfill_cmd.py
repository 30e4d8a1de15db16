"""`jixiao backfill YEAR|FIRST-LAST [--home DIR]`: parse a span of report years again from the archive."""

from __future__ import annotations

import sys


def parse_years(text: str) -> list[int]:
    first, _, last = text.partition("-")
    try:
        start, end = int(first), int(last or first)
    except ValueError:
        raise ValueError(f"{text!r} is not a year or a span of years like 2021-2023") from None
    if end < start:
        raise ValueError(f"{text!r}: the span ends before it starts")
    return list(range(start, end + 1))


def run(arguments) -> int:
    from orchestration.cli.load_cmd import summary_text
    from orchestration.home import HomeLayout, resolve_home
    from orchestration.loading import LoadAlreadyRunning, run_load
    from orchestration.partitions import year_range_tags

    try:
        years = parse_years(arguments.years)
        year_range_tags(years)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    layout = HomeLayout(resolve_home(arguments.home))
    if not layout.build_db.exists():
        print(f"error: {layout.root} has no loaded forms to backfill (run `jixiao load` first)", file=sys.stderr)
        return 2
    try:
        report = run_load(layout, [], log_level="DEBUG" if arguments.verbose else "INFO",
                          quiet=not arguments.verbose, postgres_dsn=arguments.postgres, backfill_years=years)
    except LoadAlreadyRunning as error:
        print(f"error: {error}", file=sys.stderr)
        return 3
    for problem in report.file_problems:
        print(f"warning: kept as it was (could not be parsed again): {problem}", file=sys.stderr)
    print(summary_text(layout, report, backfill_years=years))
    return 0 if report.outcome == "success" else 1
