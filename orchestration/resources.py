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
