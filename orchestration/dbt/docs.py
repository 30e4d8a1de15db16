"""The dbt docs site of the warehouse, as one static page in the home (no server, no internet).

The site describes models and columns, not rows: it changes only when the dbt project, dbt itself or
the columns of the build database change. Those are fingerprinted, and a load whose fingerprint equals
the one the site was made with keeps the site as it is (the step then costs a catalog query instead
of a dbt invocation). When it is regenerated, dbt runs in this process and reuses the project the builds parsed, and
skips compiling every node again (`--no-compile`: the site shows each model's SQL as written).
"""

import hashlib
import shutil
from pathlib import Path

import dagster as dg
from orchestration.dbt.project import dbt_environment
from orchestration.dbt.runner import DbtInvocation, run_dbt
from orchestration.resources import JixiaoHome

PUBLISHED_MODELS = [dg.AssetKey(["reports", "rpt_department_year_trend"]), dg.AssetKey(["marts", "fct_form_score"])]
SITE_FILES = ("static_index.html", "index.html", "manifest.json", "catalog.json")
FINGERPRINT_FILE = ".jixiao_fingerprint"


def docs_fingerprint(build_db: Path) -> str | None:
    """sha256 over the dbt project's files, the dbt version and the build database's columns (with
    their comments); None when the build database cannot be read (then the site is regenerated)."""
    import duckdb
    from dbt.version import __version__ as dbt_version

    from orchestration.ingest.unchanged import dbt_fingerprint

    digest = hashlib.sha256(f"{dbt_fingerprint()}\0{dbt_version}\0".encode())
    try:
        with duckdb.connect(str(build_db), read_only=True) as connection:
            rows = connection.execute(
                "SELECT schema_name, table_name, column_name, data_type, coalesce(comment, '') FROM duckdb_columns() "
                "WHERE database_name = current_database() AND NOT internal "
                "ORDER BY schema_name, table_name, column_index").fetchall()
    except duckdb.Error:
        return None
    for row in rows:
        digest.update("\x1f".join(map(str, row)).encode() + b"\n")
    return digest.hexdigest()


def site_is_current(site: Path, fingerprint: str | None) -> bool:
    marker = site / FINGERPRINT_FILE
    return (fingerprint is not None and marker.exists() and (site / "static_index.html").exists()
            and marker.read_text(encoding="utf-8").strip() == fingerprint)


@dg.asset(key=["reports", "dbt_docs"], deps=PUBLISHED_MODELS, group_name="publish", kinds={"dbt"},
          description="dbt docs of every model and column (static_index.html), for analysts; regenerated only "
                      "when the dbt project, dbt or the build database's columns changed.")
def dbt_docs(context: dg.AssetExecutionContext, home: JixiaoHome) -> dg.MaterializeResult:
    layout = home.layout
    site = layout.reports_dir / "dbt_docs"
    fingerprint = docs_fingerprint(layout.build_db)
    metadata = {"site": dg.MetadataValue.path(str(site / "static_index.html"))}
    if site_is_current(site, fingerprint):
        context.log.info("dbt docs unchanged (same dbt project, dbt version and columns): site kept")
        return dg.MaterializeResult(metadata={**metadata, "regenerated": False})
    target = layout.dbt_dir / "docs_target"
    target.mkdir(parents=True, exist_ok=True)
    # The builds' partial-parse file (same project, profile and environment) spares dbt a full parse
    # when this step runs in a process of its own; in a load, the builds' parsed project is reused.
    built = layout.dbt_dir / "target" / "partial_parse.msgpack"
    if built.exists():
        shutil.copy2(built, target / built.name)
    invocation = None
    for item in run_dbt(["docs", "generate", "--static", "--no-compile"], target, dbt_environment(layout.build_db)):
        if isinstance(item, DbtInvocation):
            invocation = item
    if invocation is None or not invocation.success:
        raise dg.Failure(description=invocation.failure_text() if invocation else "dbt did not report")
    site.mkdir(parents=True, exist_ok=True)
    (site / FINGERPRINT_FILE).unlink(missing_ok=True)
    for name in SITE_FILES:
        if (target / name).exists():
            shutil.copy2(target / name, site / name)
    if fingerprint is not None:
        (site / FINGERPRINT_FILE).write_text(fingerprint + "\n", encoding="utf-8")
    return dg.MaterializeResult(metadata={**metadata, "regenerated": True})
