"""build_reports: audit.xlsx, audit.html and trends.html from the published DuckDB file only.

No Dagster import here: the CLI (`jixiao report`) calls this directly.
"""

from __future__ import annotations

from pathlib import Path

from orchestration.reports.data import ReportSource
from orchestration.reports.html_report import write_audit_html
from orchestration.reports.trends import write_trends_html
from orchestration.reports.xlsx_report import write_audit_xlsx


def build_reports(published_db: Path, out_dir: Path, data_docs_index: Path | None = None) -> dict[str, Path]:
    """Write the three reports into out_dir; returns {"audit_xlsx", "audit_html", "trends_html"} -> path.

    data_docs_index: the Great Expectations Data Docs index.html to link from audit.html (relative link),
    or None (no link; also when the file does not exist)."""
    out_dir = Path(out_dir)
    docs = Path(data_docs_index) if data_docs_index and Path(data_docs_index).exists() else None
    with ReportSource(Path(published_db)) as source:
        out_dir.mkdir(parents=True, exist_ok=True)
        return {
            "audit_xlsx": write_audit_xlsx(source, out_dir / "audit.xlsx"),
            "audit_html": write_audit_html(source, out_dir / "audit.html", docs),
            "trends_html": write_trends_html(source, out_dir / "trends.html"),
        }
