"""`jixiao report [--home DIR]`: rebuild audit.xlsx, audit.html and trends.html from the published file."""

from __future__ import annotations

import sys


def run(arguments) -> int:
    from orchestration.home import HomeLayout, resolve_home
    from orchestration.reports import build_reports

    layout = HomeLayout(resolve_home(getattr(arguments, "home", None)))
    if not layout.published_db.exists():
        print(f"{layout.published_db}: nothing has been published yet (run `jixiao load` first)", file=sys.stderr)
        return 1
    docs_index = layout.data_docs_dir / "index.html"
    paths = build_reports(layout.published_db, layout.reports_dir, docs_index if docs_index.exists() else None)
    labels = {"audit_xlsx": "audit.xlsx ", "audit_html": "audit.html ", "trends_html": "trends.html"}
    for name, path in paths.items():
        print(f"{labels.get(name, name)}  {path}")
    if docs_index.exists():
        print(f"data docs    {docs_index}")
    return 0
