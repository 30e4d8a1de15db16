"""The reports asset: audit.xlsx, audit.html and trends.html, rebuilt after every publication."""

import dagster as dg

from orchestration.reports.build import build_reports
from orchestration.resources import JixiaoHome


@dg.asset(
    key=["reports", "audit_and_trends"],
    deps=[dg.AssetKey(["published", "warehouse"])],
    group_name="publish",
    kinds={"html", "excel"},
    description="Auditor report (audit.xlsx, audit.html with the forms re-drawn) and the multi-year trend "
                "report (trends.html), built from the published DuckDB file into <home>/reports.",
)
def reports(context: dg.AssetExecutionContext, home: JixiaoHome) -> dg.MaterializeResult:
    layout = home.layout
    docs_index = layout.data_docs_dir / "index.html"
    paths = build_reports(layout.published_db, layout.reports_dir, docs_index if docs_index.exists() else None)
    for name, path in paths.items():
        context.log.info(f"{name}: {path}")
    return dg.MaterializeResult(metadata={name: dg.MetadataValue.path(str(path)) for name, path in paths.items()})
