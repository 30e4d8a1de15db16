"""Resources shared by the code location. Values are resolved at run time, never at import."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from orchestration.home import HomeLayout


class JixiaoHome(dg.ConfigurableResource):
    """The deployment's home folder (warehouse, archive, reports, Dagster instance)."""

    home_dir: str

    @property
    def layout(self) -> HomeLayout:
        return HomeLayout(Path(self.home_dir).expanduser().resolve()).ensure()


class PostgresPublication(dg.ConfigurableResource):
    """Optional second copy of the published tables in a PostgreSQL schema.

    Empty `dsn`: falls back to $JIXIAO_POSTGRES_DSN when a run starts; empty too: not published there.
    """

    dsn: str = ""
    schema_name: str = "jixiao"

    def resolved_dsn(self) -> str | None:
        import os

        return self.dsn or os.environ.get("JIXIAO_POSTGRES_DSN") or None
