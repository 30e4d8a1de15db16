"""Cell-by-cell comparison of a parse with an expected parse, on the contract keys it states."""

from __future__ import annotations

from orchestration.forms.model import FORM_KEYS, FUND_KEYS, INDICATOR_KEYS

_SCALARS = tuple(k for k in FORM_KEYS if k not in ("funds", "indicators"))


def _same(expected, actual) -> bool:
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        return isinstance(actual, (int, float)) and abs(float(expected) - float(actual)) < 1e-9
    return expected == actual


def compare_form(expected: dict, actual: dict | None) -> tuple[int, list[str]]:
    """Return (cells compared, list of differences) over the contract keys `expected` states."""
    actual = actual or {}
    total = 0
    diffs: list[str] = []
    for key in _SCALARS:
        if key in expected:
            total += 1
            if not _same(expected[key], actual.get(key)):
                diffs.append(f"{key}: expected {expected[key]!r}, got {actual.get(key)!r}")
    for block, keys in (("funds", FUND_KEYS), ("indicators", INDICATOR_KEYS)):
        if block not in expected:
            continue
        rows = actual.get(block) or []
        for index, row in enumerate(expected[block]):
            got = rows[index] if index < len(rows) else {}
            for key in keys:
                if key in row:
                    total += 1
                    if not _same(row[key], got.get(key)):
                        diffs.append(f"{block}[{index}].{key}: expected {row[key]!r}, got {got.get(key)!r}")
        if len(rows) > len(expected[block]):
            extra = len(rows) - len(expected[block])
            total += extra
            diffs.append(f"{block}: {extra} row(s) more than expected")
    return total, diffs
