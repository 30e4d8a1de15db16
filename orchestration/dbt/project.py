"""Where the dbt project lives, and how its manifest is kept current."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from dagster_dbt import DbtProject

DBT_PROJECT_DIR = Path(__file__).resolve().parents[2] / "dbt_project"
DBT_EXECUTABLE = Path(sys.executable).parent / "dbt"

jixiao_dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
# Under `dagster dev` the manifest is rebuilt on start; the CLI and tests call ensure_manifest().
jixiao_dbt_project.prepare_if_dev()


def dbt_environment(build_db: Path | None = None) -> dict[str, str]:
    env = {"DO_NOT_TRACK": "1", "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    if build_db is not None:
        env["JIXIAO_BUILD_DB"] = str(build_db)
    return env


def _newest_source_mtime() -> float:
    watched = [DBT_PROJECT_DIR / "dbt_project.yml", DBT_PROJECT_DIR / "profiles.yml"]
    for folder in ("models", "macros", "tests", "seeds", "snapshots"):
        root = DBT_PROJECT_DIR / folder
        if root.exists():
            watched.extend(path for path in root.rglob("*") if path.is_file())
    return max((path.stat().st_mtime for path in watched if path.exists()), default=0.0)


def ensure_manifest() -> Path:
    """Run `dbt parse` when the manifest is missing or older than the project's files."""
    manifest = jixiao_dbt_project.manifest_path
    if manifest.exists() and manifest.stat().st_mtime >= _newest_source_mtime():
        return manifest
    # Parsing never connects, but the profile still needs a path to render.
    placeholder = jixiao_dbt_project.project_dir / "target" / "parse-only.duckdb"
    env = {**os.environ, **dbt_environment(Path(os.environ.get("JIXIAO_BUILD_DB", placeholder)))}
    completed = subprocess.run(
        [str(DBT_EXECUTABLE), "parse", "--quiet", "--project-dir", str(DBT_PROJECT_DIR),
         "--profiles-dir", str(DBT_PROJECT_DIR)],
        env=env, capture_output=True, text=True, check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"dbt parse failed:\n{completed.stdout}\n{completed.stderr}")
    return manifest
