"""Report fixtures. Every published file comes from a real `jixiao load` (never from /tmp leftovers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchestration.reports import build_reports
from tests.conftest import run_jixiao
from tests.reports.multi_year import write_multi_year_input


def published_db_of(home: Path) -> Path:
    return home / "published" / "jixiao.duckdb"


def docs_index_of(home: Path) -> Path | None:
    index = home / "reports" / "data_docs" / "index.html"
    return index if index.exists() else None


@pytest.fixture(scope="session")
def seed_reports(seed_home, tmp_path_factory) -> dict:
    """The three reports of the seed load, from its published file as published."""
    out = tmp_path_factory.mktemp("seed_reports")
    home = seed_home["home"]
    paths = build_reports(published_db_of(home), out, docs_index_of(home))
    return {"home": home, "published_db": published_db_of(home), "out": out, **paths}


@pytest.fixture(scope="session")
def multi_year_home(seed_file, tmp_path_factory) -> Path:
    """Three years, two units, one quarantined form: loaded once through the real CLI."""
    folder = write_multi_year_input(seed_file, tmp_path_factory.mktemp("multi_year_input"))
    home = tmp_path_factory.mktemp("multi_year_home")
    run_jixiao("load", str(folder), home=home, check=True)
    return home


@pytest.fixture(scope="session")
def multi_year_reports(multi_year_home, tmp_path_factory) -> dict:
    """Reports of the multi-year load, from its published file (which carries `audit_form_cells`)."""
    out = tmp_path_factory.mktemp("multi_year_reports")
    published = published_db_of(multi_year_home)
    paths = build_reports(published, out, docs_index_of(multi_year_home))
    return {"home": multi_year_home, "published_db": published, "out": out, **paths}
