"""The generator: deterministic bytes, counts and layout, ground truth, clean-form arithmetic, CLI."""

from __future__ import annotations

import re
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from orchestration.forms import parse_document
from orchestration.synth import ERROR_RULE_IDS, GROUND_TRUTH, generate_corpus
from orchestration.synth.cli import main_synth
from tests.synth.conftest import CORPUS_FORMS, read_truth

REPO = Path(__file__).resolve().parents[2]


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def error_rule_ids_in_rules_md() -> set[str]:
    """Rule IDs whose severity in docs/rules.md is (or includes) error."""
    ids = set()
    for line in (REPO / "docs" / "rules.md").read_text(encoding="utf-8").splitlines():
        match = re.match(r"\|\s*(R-[A-Z]+-\d+)\s*\|(.*)", line)
        if not match:
            continue
        rule_id, rest = match.groups()
        cells = [cell.strip() for cell in rest.split("|") if cell.strip()]
        severity = cells[-1] if len(cells) >= 2 else ("warning" if "(warning)" in rest else "error")
        if "error" in severity:
            ids.add(rule_id)
    return ids


def test_same_seed_gives_identical_bytes(tmp_path):
    first = generate_corpus(tmp_path / "a", 150, seed=42, error_rate=0.2)
    second = generate_corpus(tmp_path / "b", 150, seed=42, error_rate=0.2)
    assert first.forms == second.forms == 150
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")
    generate_corpus(tmp_path / "c", 150, seed=43, error_rate=0.2)
    assert _tree(tmp_path / "a") != _tree(tmp_path / "c")


def test_counts_paths_and_file_sizes(corpus):
    out, summary, truth = corpus["dir"], corpus["summary"], corpus["truth"]
    files = sorted(p for p in out.rglob("*.txt"))
    assert summary.forms == len(truth) == CORPUS_FORMS
    assert summary.files == len(files) == len({t["file"] for t in truth})
    assert summary.injected == sum(1 for t in truth if t["injected"])
    assert 0.35 * CORPUS_FORMS < summary.injected < 0.65 * CORPUS_FORMS
    per_file = Counter(t["file"] for t in truth)
    assert max(per_file.values()) <= 4
    for record in truth:
        year, name = record["file"].split("/")
        assert re.fullmatch(r"[a-z]+-[a-z]+_\d+\.txt", name), name
        assert int(year) == record["report_year"] and 2019 <= record["report_year"] <= 2023
    for file, count in per_file.items():
        indexes = [t["form_index"] for t in truth if t["file"] == file]
        assert indexes == list(range(count))
    # One department per file.
    assert all(len({t["department"] for t in truth if t["file"] == f}) == 1 for f in per_file)


def test_every_error_level_rule_is_injected(corpus):
    expected = error_rule_ids_in_rules_md()
    assert expected, "no error rules found in docs/rules.md"
    assert expected <= set(ERROR_RULE_IDS)
    seen = Counter(rule for t in corpus["truth"] for rule in t["expected_errors"])
    assert set(ERROR_RULE_IDS) <= set(seen), set(ERROR_RULE_IDS) - set(seen)


def test_truth_records_are_consistent(corpus):
    for record in corpus["truth"]:
        if record["injected"] is None:
            assert record["expected_errors"] == []
            assert set(record["expected_warnings"]) <= {"R-IND-08"}  # the deliberate realism variant
        else:
            rule = record["injected"].split(":")[0]
            assert rule in record["expected_errors"], record
            assert record["expected_errors"] == sorted(set(record["expected_errors"]))


def test_forms_are_unique_by_unit_project_and_year(tmp_path):
    generate_corpus(tmp_path, 3000, seed=5, error_rate=0.0)
    keys = [(t["implementing_unit"], t["project_name"], t["report_year"]) for t in read_truth(tmp_path)]
    assert len(keys) == len(set(keys))
    # Projects recur across years, sometimes renamed.
    stems = Counter((t["implementing_unit"], re.sub(r"^\d{4}年度?", "", t["project_name"])) for t in read_truth(tmp_path))
    assert sum(1 for n in stems.values() if n > 1) > 100


def _rh2(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_clean_forms_add_up_in_their_rendered_numbers(corpus):
    """Read back from the files: weights sum to 100 with funds 10, scores follow the rules."""
    clean = {(t["file"], t["form_index"]) for t in corpus["truth"] if not t["expected_errors"]}
    checked = 0
    for file in sorted({key[0] for key in clean}):
        forms = parse_document((corpus["dir"] / file).read_bytes(), file).forms
        for form in forms:
            if (file, form["form_index"]) not in clean:
                continue
            checked += 1
            assert form["problems"] == []
            total, *sources = form["funds"]
            assert total["source"] == "total" and total["weight"] == 10
            indicators = [row for row in form["indicators"] if row["applicable"]]
            assert total["weight"] + sum(row["weight"] for row in indicators) == 100
            if form["total_weight"] is not None:
                assert form["total_weight"] == 100
            for column in ("initial_budget", "annual_budget", "executed"):
                assert total[column] == sum(row[column] or 0 for row in sources)
                assert all((row[column] or 0) >= 0 for row in form["funds"])
            budget, executed = total["annual_budget"], total["executed"]
            assert 0 < executed <= budget
            assert abs(total["execution_rate"] - executed / budget) <= Decimal("0.0001")
            assert total["score"] == _rh2(total["weight"] * min(executed / budget, Decimal(1)))
            for row in indicators:
                assert 0 <= row["score"] <= row["weight"]
                if row["score"] < row["weight"]:
                    assert row["deviation_note"]
                if row["target_kind"] == "quantitative" and row["target_operator"] in (">=", ">", "="):
                    assert row["actual_value"] < Decimal("1.2") * row["target_value"]
            assert form["total_score"] == total["score"] + sum(row["score"] for row in indicators)
            assert form["total_score"] <= 100
    assert checked >= 60


def test_cli_writes_a_corpus_and_prints_one_line(tmp_path, capsys):
    out = tmp_path / "cli"
    code = main_synth(["--forms", "40", "--out", str(out), "--seed", "3", "--error-rate", "0.25",
                       "--years", "2020-2021", "--forms-per-file", "2"])
    assert code == 0
    printed = capsys.readouterr().out.strip().splitlines()
    assert len(printed) == 1 and "40 forms" in printed[0]
    truth = read_truth(out)
    assert len(truth) == 40
    assert {t["report_year"] for t in truth} <= {2020, 2021}
    assert {p.name for p in out.iterdir()} <= {"2020", "2021", GROUND_TRUTH}


@pytest.mark.parametrize("argv", [["--forms", "0", "--out", "x"], ["--forms", "5"],
                                  ["--forms", "5", "--out", "x", "--years", "2023-2019"],
                                  ["--forms", "5", "--out", "x", "--error-rate", "1.5"]])
def test_cli_rejects_bad_arguments(argv):
    with pytest.raises(SystemExit) as raised:
        main_synth(argv)
    assert raised.value.code == 2
