"""The publishing asset: runs only after the blocking checks passed and the published models built."""


import dagster as dg

from orchestration import runlog
from orchestration.dbt.project import jixiao_dbt_project
from orchestration.ingest.unchanged import dbt_fingerprint
from orchestration.publish.catalog import published_tables
from orchestration.publish.parquet import finish_export, start_export
from orchestration.publish.warehouse import publish_warehouse
from orchestration.resources import JixiaoHome, PostgresPublication

PUBLISHED_MODEL_KEYS = [
    dg.AssetKey(["marts", name]) for name in (
        "fct_fund_execution", "fct_indicator_result", "fct_form_score", "dim_department", "dim_unit",
        "dim_project", "dim_indicator", "dim_year")
] + [dg.AssetKey(["reports", "rpt_department_year_trend"])]


@dg.asset(
    key=["published", "warehouse"],
    deps=PUBLISHED_MODEL_KEYS,
    group_name="publish",
    kinds={"duckdb"},
    description="The read-only DuckDB file analysts open (published_db), swapped in atomically.",
)
def published_warehouse(context: dg.AssetExecutionContext, home: JixiaoHome,
                        postgres: PostgresPublication) -> dg.MaterializeResult:
    layout = home.layout
    runlog.finish_success(layout.build_db, context.run_id)
    tables = published_tables(jixiao_dbt_project.manifest_path, models_fingerprint=dbt_fingerprint())
    dsn = postgres.resolved_dsn()
    metadata = {"published_db": dg.MetadataValue.path(str(layout.published_db))}

    def publish_to_postgres_first(new_file):
        from orchestration.publish.postgres import publish_to_postgres

        copied = publish_to_postgres(new_file, dsn, schema=postgres.schema_name)
        metadata["postgres_schema"] = postgres.schema_name
        metadata["postgres_rows"] = sum(copied.values())

    metadata["row_counts"] = publish_warehouse(
        layout.build_db, layout.published_db, tables, load_id=context.run_id,
        before_swap=publish_to_postgres_first if dsn else None)
    start_export(layout.published_db, layout.parquet_dir, load_id=context.run_id)
    return dg.MaterializeResult(metadata=metadata)


@dg.asset(
    key=["published", "parquet"],
    deps=[dg.AssetKey(["published", "warehouse"])],
    group_name="publish",
    kinds={"parquet"},
    # After the reports: the copy started by the publication step runs while they are built.
    op_tags={"dagster/priority": "-1"},
    description="A Parquet copy of every published table (<home>/published/parquet), for tools without DuckDB.",
)
def published_parquet(context: dg.AssetExecutionContext, home: JixiaoHome) -> dg.MaterializeResult:
    layout = home.layout
    copy = finish_export(layout.published_db, layout.parquet_dir, load_id=context.run_id)
    context.log.info(f"Parquet copy: {copy.seconds:.1f} s, per-form parts kept {copy.parts_kept}, "
                     f"written {copy.parts_written}; written whole: {', '.join(copy.whole) or 'none'}")
    return dg.MaterializeResult(metadata={"parquet": dg.MetadataValue.path(str(layout.parquet_dir)),
                                          "parquet_files": len(copy.files),
                                          "parquet_seconds": round(copy.seconds, 2),
                                          "parquet_parts_kept": copy.parts_kept,
                                          "parquet_parts_written": copy.parts_written,
                                          "parquet_tables_written_whole": copy.whole})
