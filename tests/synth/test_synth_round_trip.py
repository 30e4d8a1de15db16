"""Rendering against the real parser: parse(render(form)) == form on the contract's keys."""

from __future__ import annotations

import copy

import pytest

from orchestration.forms import DocumentError, parse_document, to_contract_dict
from orchestration.synth import render_file_text, render_form_text
from orchestration.synth.generator import iter_department_forms
from tests.synth.conftest import contract_view

PARSE_RULES = {"R-PARSE-01", "R-PARSE-02", "R-PARSE-03"}


def _parse_one(text: str) -> dict:
    forms = parse_document(text.encode("utf-8"), "rendered.txt").forms
    assert len(forms) == 1
    return forms[0]


def test_seed_expected_forms_round_trip(seed_expected):
    for index, expected in enumerate(seed_expected):
        parsed = to_contract_dict(_parse_one(render_form_text(expected)))
        assert contract_view(parsed) == contract_view(expected), f"seed form {index}"


def test_rendering_seed_expected_reproduces_the_seed_file(seed_expected, seed_file):
    """The layout is the seed's, byte for byte, once its two quirks are switched on."""
    forms = copy.deepcopy(seed_expected)
    forms[0]["layout"] = {"spacer_after_goals": True}  # a row of 14 empty cells after the goals
    forms[3]["layout"] = {"trailing_space": True}  # a space typed after the actual goal
    assert render_file_text(forms).encode("utf-8") == seed_file.read_bytes()


def test_generated_forms_round_trip_through_the_parser():
    checked = 0
    for _, generated in iter_department_forms(800, seed=99, error_rate=0.3):
        for item in generated:
            parsed = _parse_one(render_form_text(item.form))
            assert contract_view(to_contract_dict(parsed)) == contract_view(item.form), item.injected
            checked += 1
    assert checked == 800


def test_parsed_forms_keep_the_generators_raw_texts():
    _, generated = next(iter_department_forms(50, seed=4, error_rate=0.0))
    item = generated[0]
    parsed = _parse_one(render_form_text(item.form))
    assert parsed["title"] == item.form["title"]
    assert parsed["total_score_raw"] == item.form["total_score_raw"]
    for mine, theirs in zip(item.form["funds"], parsed["funds"]):
        for column in ("initial_budget", "annual_budget", "executed", "execution_rate", "score"):
            assert (theirs[f"{column}_raw"] or "") == mine[f"{column}_raw"]
    for mine, theirs in zip(item.form["indicators"], parsed["indicators"]):
        assert (theirs["weight_raw"], theirs["score_raw"]) == (mine["weight_raw"], mine["score_raw"])


def test_whole_generated_corpus_parses(corpus):
    """Every file parses (no DocumentError); forms, names and parse problems match the truth."""
    truth = corpus["truth"]
    by_file: dict[str, list[dict]] = {}
    for record in truth:
        by_file.setdefault(record["file"], []).append(record)
    for file, records in by_file.items():
        try:
            forms = parse_document((corpus["dir"] / file).read_bytes(), file).forms
        except DocumentError as error:  # pragma: no cover - the assertion message is the point
            pytest.fail(f"{file}: {error}")
        assert len(forms) == len(records), file
        for form, record in zip(forms, records):
            for key in ("report_year", "project_name", "implementing_unit", "department"):
                assert form[key] == record[key], (file, key)
            problems = {p["rule_id"] for p in form["problems"]}
            injected = (record["injected"] or "").split(":")[0]
            # The parser reports the structural problem it was given, and nothing else.
            assert problems == ({injected} if injected in PARSE_RULES else set()), (file, record["injected"])


def test_ground_truth_never_reads_as_a_form(corpus):
    """`jixiao load CORPUS` searches the whole folder, ground_truth.jsonl included."""
    with pytest.raises(DocumentError):
        parse_document((corpus["dir"] / "ground_truth.jsonl").read_bytes(), "ground_truth.jsonl")
