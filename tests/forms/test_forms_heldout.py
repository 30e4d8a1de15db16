"""Held-out real forms (tests/forms/heldout: text, expected parse, source URL), scored cell by cell."""

from __future__ import annotations

import json
from pathlib import Path

from orchestration.forms import DocumentError, parse_document, to_contract_dict

from .support.compare import compare_form

HELDOUT = Path(__file__).resolve().parent / "heldout"
TARGET = 0.98


def test_heldout_score(capsys):
    right = total = 0
    lines = []
    for path in sorted(HELDOUT.glob("*.txt")):
        expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        assert expected.get("source_url")
        try:
            forms = [to_contract_dict(f) for f in parse_document(path.read_bytes(), path.name).forms]
        except DocumentError:
            forms = []
        cells, diffs = compare_form(expected, forms[0] if forms else None)
        right += cells - len(diffs)
        total += cells
        lines.append(f"  {path.name}: {cells - len(diffs)}/{cells}" + "".join(f"\n      {d}" for d in diffs))
    with capsys.disabled():
        print(f"\nheld-out score: {right}/{total} = {100 * right / total:.1f}%\n" + "\n".join(lines))
    assert total and right / total >= TARGET
