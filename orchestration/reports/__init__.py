"""Auditor and analyst reports built from the published warehouse: audit.xlsx, audit.html, trends.html.

`from orchestration.reports import build_reports` needs no Dagster; the asset is in `.assets`.
"""

from orchestration.reports.build import build_reports

__all__ = ["build_reports"]
