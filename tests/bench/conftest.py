"""Fixtures shared by the scale tests."""

from __future__ import annotations

import pytest

from orchestration.home import HomeLayout
from orchestration.ingest.landing import land_files


@pytest.fixture()
def layout(tmp_path, seed_file) -> HomeLayout:
    """A home whose build database holds the seed's forms, landed as load `load-1`."""
    layout = HomeLayout(tmp_path / "home").ensure()
    land_files(layout, [seed_file], load_id="load-1", workers=1)
    return layout
