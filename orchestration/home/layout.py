"""Paths inside a home. Pure: nothing here touches the disk except `ensure`."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_HOME = "warehouse"


def resolve_home(cli_value: str | None) -> Path:
    """`--home`, else `$JIXIAO_HOME`, else `./warehouse` (the contract's order)."""
    chosen = cli_value or os.environ.get("JIXIAO_HOME") or DEFAULT_HOME
    return Path(chosen).expanduser().resolve()


@dataclass(frozen=True)
class HomeLayout:
    root: Path

    @property
    def build_db(self) -> Path:
        # Only the pipeline opens this file: dbt needs its write lock.
        return self.root / "build.duckdb"

    @property
    def published_dir(self) -> Path:
        return self.root / "published"

    @property
    def published_db(self) -> Path:
        return self.published_dir / "jixiao.duckdb"

    @property
    def parquet_dir(self) -> Path:
        return self.published_dir / "parquet"

    @property
    def archive_dir(self) -> Path:
        return self.root / "archive"

    @property
    def inbox_dir(self) -> Path:
        return self.root / "inbox"

    @property
    def dagster_home(self) -> Path:
        return self.root / "dagster"

    @property
    def reports_dir(self) -> Path:
        return self.root / "reports"

    @property
    def data_docs_dir(self) -> Path:
        return self.reports_dir / "data_docs"

    @property
    def dbt_dir(self) -> Path:
        return self.root / "dbt"

    @property
    def logs_dir(self) -> Path:
        return self.root / "logs"

    @property
    def load_log(self) -> Path:
        # Append-only record of every load attempt, including failed ones that published nothing.
        return self.root / "load_runs.jsonl"

    @property
    def lock_file(self) -> Path:
        return self.root / ".load.lock"

    def archive_path(self, file_hash: str, file_name: str) -> Path:
        safe_name = Path(file_name).name.replace(os.sep, "_") or "unnamed"
        return self.archive_dir / file_hash[:2] / f"{file_hash}__{safe_name}"

    def ensure(self) -> "HomeLayout":
        for folder in (self.root, self.published_dir, self.archive_dir, self.inbox_dir,
                       self.dagster_home, self.reports_dir, self.dbt_dir):
            folder.mkdir(parents=True, exist_ok=True)
        return self
