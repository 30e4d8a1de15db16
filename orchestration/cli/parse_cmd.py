"""`jixiao parse FILE... [--json]`."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def run(arguments) -> int:
    from orchestration.forms import DocumentError, parse_document, to_contract_dict

    forms, failed = [], 0
    for name in arguments.files:
        path = Path(name)
        try:
            parsed = parse_document(path.read_bytes(), path.name)
        except OSError as error:
            print(f"error: {path}: cannot read file: {error.strerror or error}", file=sys.stderr)
            failed += 1
            continue
        except DocumentError as error:
            print(f"error: {path}: {_place(error)}{error.reason}", file=sys.stderr)
            failed += 1
            continue
        for form in parsed.forms:
            contract = to_contract_dict(form)
            contract["source_file"] = str(path)
            contract["file_hash"] = parsed.file_hash
            forms.append(contract)
            for problem in form.get("problems", []):
                line = f"line {problem.get('line')}: " if problem.get("line") else ""
                print(f"{problem.get('severity', 'error')}: {path}: {line}{problem['rule_id']} "
                      f"{problem.get('message', '')}", file=sys.stderr)
    if arguments.json:
        json.dump(forms, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print_summary(forms)
    return 1 if failed else 0


def _place(error) -> str:
    return f"line {error.line}: " if getattr(error, "line", None) else ""


def _print_summary(forms: list[dict]) -> None:
    from orchestration.cli.textable import render

    rows = [[f["source_file"], f.get("form_index"), f.get("report_year"), f.get("project_name"),
             len(f.get("funds", [])), len(f.get("indicators", [])), f.get("total_score")] for f in forms]
    print(render(["file", "form", "year", "project (项目名称)", "funds rows", "indicators", "总分"],
                 rows, [30, 4, 4, 40, 10, 10, 8]))
    print(f"\n{len(forms)} form(s). Use --json for the full form contract.")
