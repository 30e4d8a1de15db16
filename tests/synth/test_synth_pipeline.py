"""The ground truth is exact: a generated corpus loaded by `jixiao load` yields, form by form,
exactly the expected error findings and the expected warnings; clean forms are published and
injected ones quarantined."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict

import pytest

from orchestration.synth import generate_corpus
from tests.conftest import run_jixiao
from tests.synth.conftest import read_truth

pytestmark = pytest.mark.slow


def test_loaded_corpus_yields_exactly_the_ground_truth(tmp_path):
    corpus = tmp_path / "corpus"
    # Below 0.5: a first load with more than half its forms in error trips the quarantine breaker.
    summary = generate_corpus(corpus, 130, seed=314, error_rate=0.4, forms_per_file=5)
    truth = read_truth(corpus)
    home = tmp_path / "home"
    run_jixiao("load", str(corpus), home=home, check=True)
    findings = json.loads(run_jixiao("findings", "--json", home=home, check=True).stdout)

    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: {"error": set(), "warning": set()})
    for finding in findings:
        if finding["severity"] in ("error", "warning"):
            found[finding["form_id"]][finding["severity"]].add(finding["rule_id"])
    hashes = {record["file"]: hashlib.sha256((corpus / record["file"]).read_bytes()).hexdigest()
              for record in truth}
    mismatches = []
    for record in truth:
        got = found[f"{hashes[record['file']]}#{record['form_index']}"]
        expected = {"error": set(record["expected_errors"]), "warning": set(record["expected_warnings"])}
        if got != expected:
            mismatches.append((record["file"], record["form_index"], record["injected"], expected, got))
    assert not mismatches, mismatches[:5]
    assert summary.injected > 30
    assert len({rule for record in truth for rule in record["expected_errors"]}) >= 10

    status = json.loads(run_jixiao("status", "--json", home=home, check=True).stdout)
    assert (status["published"], status["quarantined"]) == (summary.forms - summary.injected, summary.injected)
