"""Real published forms (../shared/fixtures/real_forms) parse to their expected JSON, cell by cell."""

from __future__ import annotations

import json

import pytest

from orchestration.forms import parse_document, to_contract_dict

from .conftest import _shared_dir
from .support.compare import compare_form

FIXTURES = _shared_dir() / "fixtures" / "real_forms"
NAMES = sorted(p.stem for p in FIXTURES.glob("*.txt")) if FIXTURES.is_dir() else []
# Known gaps, kept visible (strict: the test fails once the gap is closed, so the mark goes).
KNOWN_GAPS: dict[str, str] = {}


def _parse(name: str):
    data = (FIXTURES / f"{name}.txt").read_bytes()
    expected = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    result = parse_document(data, f"{name}.txt")
    return expected, result


def fixture_report() -> list[tuple[str, int, int, list[str]]]:
    rows = []
    for name in NAMES:
        try:
            expected, result = _parse(name)
            form = to_contract_dict(result.forms[0])
        except Exception as error:  # the report lists a failing file, it does not stop
            expected = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
            total, _ = compare_form(expected, None)
            rows.append((name, 0, total, [f"{type(error).__name__}: {error}"]))
            continue
        total, diffs = compare_form(expected, form)
        rows.append((name, total - len(diffs), total, diffs))
    return rows


@pytest.mark.parametrize(
    "name",
    [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[n])) if n in KNOWN_GAPS else n for n in NAMES],
)
def test_real_form_matches_expected_on_every_contract_key(name):
    expected, result = _parse(name)
    assert len(result.forms) == 1
    total, diffs = compare_form(expected, to_contract_dict(result.forms[0]))
    assert diffs == [], f"{name}: {len(diffs)} of {total} cells differ:\n" + "\n".join(diffs)


def test_fixture_report(capsys):
    """Prints the per-fixture cell report (pytest -s, or see the captured output on failure)."""
    rows = fixture_report()
    assert rows, "no fixtures found"
    with capsys.disabled():
        print("\nreal_forms fixture report (contract cells right / stated):")
        for name, right, total, diffs in rows:
            print(f"  {name}: {right}/{total}")
            for diff in diffs:
                print(f"      {diff}")
    right = sum(r[1] for r in rows if r[0] not in KNOWN_GAPS)
    total = sum(r[2] for r in rows if r[0] not in KNOWN_GAPS)
    assert right == total


@pytest.mark.parametrize("name", [n for n in NAMES if n not in KNOWN_GAPS])
def test_truncated_fixture_reports_incompleteness(name):
    expected, result = _parse(name)
    form = result.forms[0]
    rules = {p["rule_id"] for p in form["problems"]}
    if expected.get("completeness") == "truncated":
        assert "R-PARSE-02" in rules  # no 总分 row: said, not invented
        assert form["total_score"] is None


def test_amount_unit_is_read_from_the_header():
    units = {}
    for name in NAMES:
        if name in KNOWN_GAPS:
            continue
        expected, result = _parse(name)
        units[name] = (result.forms[0]["amount_unit"], expected.get("money_unit"))
    assert all(got == want for got, want in units.values()), units
