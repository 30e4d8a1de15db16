"""The landing asset: received files -> archive + raw.* tables."""


import dagster as dg

from orchestration import runlog, warmup
from orchestration.ingest.landing import land_files
from orchestration.ingest.unchanged import published_state_is_current, record_landing
from orchestration.partitions import BY_YEAR_BACKFILL, report_years, years_to_rebuild
from orchestration.resources import JixiaoHome

RAW_TABLE_DESCRIPTIONS = {
    "received_files": "Every received file (by content hash): archive path, parse status and reason (接收文件).",
    "forms": "One row per parsed form (自评表), with lineage: file hash, form index, lines.",
    "fund_rows": "Funds-block rows (项目资金) as parsed, numbers as canonical text.",
    "indicator_rows": "Indicator rows (绩效指标) as parsed, with target/actual parse results.",
}


class IngestConfig(dg.Config):
    """Which files to load. Empty: the home's inbox folder. A backfill of some years reads the archive."""

    paths: list[str] = []


@dg.multi_asset(
    name="land_received_files",
    specs=[
        # skippable: a load that brings nothing new skips the rest of the job (see below)
        dg.AssetSpec(["raw", table], description=text, group_name="ingest", kinds={"duckdb"}, skippable=True)
        for table, text in RAW_TABLE_DESCRIPTIONS.items()
    ],
    partitions_def=report_years,
    backfill_policy=BY_YEAR_BACKFILL,
)
def land_received_files(context: dg.AssetExecutionContext, config: IngestConfig, home: JixiaoHome):
    layout = home.layout
    runlog.start(layout.build_db, context.run_id, trigger=context.run.tags.get("jixiao/trigger", "manual"))
    years = years_to_rebuild(context)
    if years is not None:
        yield from _backfill_years(context, layout, years, config)
        return
    paths = config.paths or [str(layout.inbox_dir)]
    # The warm-up (dbt, GX) starts at the first new file: a reload only stats the files it landed
    # before (raw.file_stats), so a no-op load imports nothing and a +1 % load starts it at once.
    summary = land_files(layout, paths, load_id=context.run_id, on_first_new_file=lambda: warmup.start(layout))
    for problem in summary.problems:
        context.log.warning(f"not loaded: {problem}")
    record_landing(layout, context.run_id, summary.files_seen, summary.files_new, summary.forms_landed)
    metadata = summary.as_metadata()
    if summary.files_new == 0 and published_state_is_current(layout, context.run_id):
        # Nothing new and the published warehouse is what a rebuild would give: only raw/received_files
        # reports the load; dbt, the checks and publication (all downstream of raw/forms) are skipped.
        context.log.info("no new files and the published warehouse is current: the rest of the load is skipped")
        runlog.finish_success(layout.build_db, context.run_id)
        yield dg.MaterializeResult(asset_key=["raw", "received_files"],
                                   metadata={**metadata, "downstream_skipped": True})
        return
    for table in RAW_TABLE_DESCRIPTIONS:
        yield dg.MaterializeResult(asset_key=["raw", table], metadata=metadata)


def _backfill_years(context: dg.AssetExecutionContext, layout, years: list[int], config: IngestConfig):
    from orchestration.ingest.reland import reland_years

    if config.paths:
        raise dg.Failure(f"a backfill of report years {years} re-reads the archive; it takes no paths "
                         f"(load new files with a run over every year)")
    summary = reland_years(layout, years, load_id=context.run_id)
    for problem in summary.problems:
        context.log.warning(f"kept as it was (could not be parsed again): {problem}")
    record_landing(layout, context.run_id, summary.files_seen, 0, summary.forms_landed)
    metadata = {**summary.as_metadata(), "backfilled_years": [str(year) for year in years]}
    for table in RAW_TABLE_DESCRIPTIONS:
        yield dg.MaterializeResult(asset_key=["raw", table], metadata=metadata)
