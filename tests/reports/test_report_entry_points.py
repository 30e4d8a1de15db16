"""`jixiao report` (orchestration.cli.report_cmd) and the Dagster asset write the reports into the home."""

from __future__ import annotations

import argparse
import shutil
import sys

import dagster as dg

from orchestration.cli.report_cmd import run


def _copy_published(seed_home, home):
    (home / "published").mkdir(parents=True)
    shutil.copy(seed_home["home"] / "published" / "jixiao.duckdb", home / "published" / "jixiao.duckdb")


def test_report_command_regenerates_the_reports(seed_home, tmp_path, capsys):
    home = tmp_path / "home"
    _copy_published(seed_home, home)
    assert run(argparse.Namespace(home=str(home))) == 0
    printed = capsys.readouterr().out
    for name in ("audit.xlsx", "audit.html", "trends.html"):
        assert (home / "reports" / name).exists()
        assert str(home / "reports" / name) in printed


def test_report_command_without_a_published_file_fails(tmp_path, capsys):
    assert run(argparse.Namespace(home=str(tmp_path / "empty"))) == 1
    assert "nothing has been published" in capsys.readouterr().err


def test_build_reports_module_does_not_import_dagster():
    import subprocess

    code = "import sys, orchestration.reports, orchestration.cli.report_cmd; print('dagster' in sys.modules)"
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert completed.stdout.strip() == "False"


def test_reports_asset_materializes_into_the_home(seed_home, tmp_path):
    from orchestration.reports.assets import reports
    from orchestration.resources import JixiaoHome

    assert reports.key == dg.AssetKey(["reports", "audit_and_trends"])
    assert dg.AssetKey(["published", "warehouse"]) in {dep.asset_key for dep in reports.specs_by_key[reports.key].deps}
    assert reports.group_names_by_key[reports.key] == "publish"
    home = tmp_path / "home"
    _copy_published(seed_home, home)
    result = dg.materialize([reports], resources={"home": JixiaoHome(home_dir=str(home))},
                            instance=dg.DagsterInstance.ephemeral())
    assert result.success
    assert sorted(p.name for p in (home / "reports").glob("*.*")) == ["audit.html", "audit.xlsx", "trends.html"]
