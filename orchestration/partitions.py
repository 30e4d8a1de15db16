"""Report-year partitions (一个报告年度一个分区).

Landing and the per-form dbt models (staging and the rule inputs) are partitioned by `report_year`;
the checks, the models that compare forms across years (marts, trends) and publication are not.

- The nightly load, the inbox sensor and `jixiao load` run over **every** year partition in one run
  (single-run backfill policy): the inbox may hold forms of any year, and the incremental models
  only add the forms they do not hold yet.
- A run over **some** years is a backfill of those years (`jixiao backfill --year 2023`, or a
  backfill launched in the UI): their forms are re-parsed from the archive and their rows in the
  per-form models are rebuilt; other years' rows are left as they are; the unpartitioned models
  are then rebuilt from all years and published.
"""

from __future__ import annotations

from collections.abc import Sequence

import dagster as dg

# Project-expenditure self-assessment became general practice in the mid-2010s; a form of an earlier
# year still loads and publishes with a nightly run, it only has no partition to backfill.
FIRST_REPORT_YEAR = 2015

report_years = dg.TimeWindowPartitionsDefinition(
    cron_schedule="0 0 1 1 *",
    start=str(FIRST_REPORT_YEAR),
    fmt="%Y",
    timezone="Asia/Shanghai",
    # The current year is a partition too: a budget year's forms are filed in the next one, but a
    # unit may file early and a re-submission of this year's form must have a place.
    end_offset=1,
)

BY_YEAR_BACKFILL = dg.BackfillPolicy.single_run()

RANGE_START_TAG = "dagster/asset_partition_range_start"
RANGE_END_TAG = "dagster/asset_partition_range_end"


def all_year_keys() -> list[str]:
    return report_years.get_partition_keys()


def year_range_tags(years: Sequence[int | str] | None = None) -> dict[str, str]:
    """Run tags for a run over `years` (a contiguous span), or over every year partition."""
    keys = [str(year) for year in years] if years else all_year_keys()
    known = set(all_year_keys())
    unknown = [key for key in keys if key not in known]
    if unknown:
        first, last = all_year_keys()[0], all_year_keys()[-1]
        raise ValueError(f"report year {', '.join(unknown)} is not a partition (years {first}–{last})")
    ordered = sorted(keys)
    return {RANGE_START_TAG: ordered[0], RANGE_END_TAG: ordered[-1]}


def years_to_rebuild(context: dg.AssetExecutionContext) -> list[int] | None:
    """The years a backfill run rebuilds; None for a run over every year (a normal load)."""
    if context.assets_def.partitions_def is None or not context.has_partition_key_range:
        return None
    keys = list(context.partition_keys)
    if set(keys) >= set(all_year_keys()):
        return None
    return sorted(int(key) for key in keys)
