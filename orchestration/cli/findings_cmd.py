"""`jixiao findings [--json] [--home DIR]`."""

from __future__ import annotations

import json
import sys
from decimal import Decimal, InvalidOperation


def _as_number_if_numeric(value):
    if value is None:
        return None
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return value
    return int(number) if number == number.to_integral_value() and "." not in value else float(number)


def run(arguments) -> int:
    from orchestration.home import HomeLayout, resolve_home
    from orchestration.published import NothingPublished, findings

    layout = HomeLayout(resolve_home(arguments.home))
    try:
        rows = findings(layout.published_db)
    except NothingPublished as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if arguments.severity:
        rows = [row for row in rows if row["severity"] == arguments.severity]
    for row in rows:
        row["reported"] = _as_number_if_numeric(row["reported"])
        row["expected"] = _as_number_if_numeric(row["expected"])
    if arguments.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
        return 0
    from orchestration.cli.textable import render

    table = [[r["severity"], r["rule_id"], r["source_file"],
              "" if r["form_index"] is None else r["form_index"], r["project_name"] or "", r["subject"] or "",
              "" if r["reported"] is None else r["reported"], "" if r["expected"] is None else r["expected"],
              r["message"] or ""] for r in rows]
    print(render(["severity", "rule", "file", "form", "project (项目)", "subject (对象)", "reported", "expected",
                  "message (说明)"], table, [8, 11, 24, 4, 24, 24, 10, 10, 60]))
    print(f"\n{len(rows)} finding(s).")
    return 0
