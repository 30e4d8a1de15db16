"""`jixiao status [--json] [--home DIR]`."""

from __future__ import annotations

import json
import sys


def _last_load(load_log) -> dict | None:
    if not load_log.exists():
        return None
    lines = [line for line in load_log.read_text(encoding="utf-8").splitlines() if line.strip()]
    return json.loads(lines[-1]) if lines else None


def _report_paths(layout) -> dict[str, str]:
    candidates = {
        "audit_xlsx": layout.reports_dir / "audit.xlsx",
        "audit_html": layout.reports_dir / "audit.html",
        "trends_html": layout.reports_dir / "trends.html",
        "data_docs": layout.data_docs_dir / "index.html",
        "dbt_docs": layout.reports_dir / "dbt_docs" / "static_index.html",
        "parquet": layout.parquet_dir,
    }
    return {name: str(path) for name, path in candidates.items() if path.exists()}


def run(arguments) -> int:
    from orchestration.home import HomeLayout, resolve_home
    from orchestration.published import NothingPublished, summary_counts

    layout = HomeLayout(resolve_home(arguments.home))
    last = _last_load(layout.load_log)
    status = {"home": str(layout.root), "published_db": str(layout.published_db)}
    try:
        status.update(summary_counts(layout.published_db))
    except NothingPublished:
        status["published_db_exists"] = False
    status["last_load"] = None if last is None else {
        key: last.get(key) for key in ("load_id", "started_at", "finished_at", "outcome", "error", "log_file")}
    status["reports"] = _report_paths(layout)
    if arguments.json:
        json.dump(status, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
        return 0
    print(f"home:          {status['home']}")
    if "files" in status:
        files, findings = status["files"], status["findings"]
        print(f"files:         {files['received']} received ({files['parsed']} parsed, {files['failed']} unreadable)")
        print(f"forms:         {status['published']} published, {status['quarantined']} quarantined, "
              f"{status['superseded']} superseded")
        print(f"findings:      {findings['error']} error, {findings['warning']} warning, {findings['info']} info")
        print(f"years:         {', '.join(str(y) for y in status['years']) or '-'}")
        print(f"published at:  {status['published_at']} (load {status['published_load_id']})")
    else:
        print("nothing published yet")
    if last:
        print(f"last load:     {last.get('finished_at')} {last.get('outcome')}"
              + (f" — {last.get('error')}" if last.get("error") else ""))
    for name, path in status["reports"].items():
        print(f"{name + ':':<15}{path}")
    print(f"published_db:  {status['published_db']}  (open read_only)")
    return 0
