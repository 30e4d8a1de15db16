"""Shared helpers of the synth tests: one small corpus per session, contract views."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from orchestration.forms.model import FORM_KEYS, FUND_KEYS, INDICATOR_KEYS
from orchestration.synth import GROUND_TRUTH, generate_corpus

CORPUS_FORMS = 200
CORPUS_SEED = 20240601


def contract_view(form: dict) -> dict:
    """Only the contract's keys (docs/form_contract.md), numbers as floats."""
    view = {key: form.get(key) for key in FORM_KEYS}
    view["funds"] = [{key: row.get(key) for key in FUND_KEYS} for row in form.get("funds") or ()]
    view["indicators"] = [{key: row.get(key) for key in INDICATOR_KEYS} for row in form.get("indicators") or ()]
    return view


def read_truth(corpus: Path) -> list[dict]:
    with open(corpus / GROUND_TRUTH, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> dict:
    """~200 forms, half of them with an injected error, written once."""
    out = tmp_path_factory.mktemp("synth_corpus")
    summary = generate_corpus(out, CORPUS_FORMS, seed=CORPUS_SEED, error_rate=0.5, forms_per_file=4)
    return {"dir": out, "summary": summary, "truth": read_truth(out)}
