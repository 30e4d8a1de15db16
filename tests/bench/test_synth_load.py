"""`jixiao synth` -> `jixiao load`: every injected error-level contradiction is found with its rule ID,
and no clean form gets an error; also after a reload with new files (incremental models, parallel
landing) and a reload with nothing new (the rest of the load skipped).

Findings are compared with ground_truth.jsonl by file + form index (form_id = sha256 of the file # index).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest

from tests.conftest import run_jixiao

pytestmark = pytest.mark.slow


def _synth(out: Path, forms: int, seed: int, error_rate: float, years: str = "2019-2023") -> list[dict]:
    run_jixiao("synth", "--forms", str(forms), "--out", str(out), "--seed", str(seed),
               "--error-rate", str(error_rate), "--years", years, check=True)
    truth = [json.loads(line) for line in (out / "ground_truth.jsonl").read_text(encoding="utf-8").splitlines()]
    for record in truth:
        record["form_id"] = f"{hashlib.sha256((out / record['file']).read_bytes()).hexdigest()}#{record['form_index']}"
    return truth


def _form_folders(corpus: Path) -> list[str]:
    return [str(path) for path in sorted(corpus.iterdir()) if path.is_dir()]


def _errors_by_form(home: Path) -> dict[str, set[str]]:
    findings = json.loads(run_jixiao("findings", "--json", home=home, check=True).stdout)
    found: dict[str, set[str]] = defaultdict(set)
    for finding in findings:
        if finding["severity"] == "error":
            assert finding["form_id"], f"a file-level error: {finding}"
            found[finding["form_id"]].add(finding["rule_id"])
    return found


def _statuses(home: Path) -> dict[str, str]:
    with duckdb.connect(str(home / "published" / "jixiao.duckdb"), read_only=True) as connection:
        return dict(connection.execute("select form_id, status from audit_form_status").fetchall())


def _compare(truth: list[dict], found: dict[str, set[str]], statuses: dict[str, str]) -> list:
    mismatches = []
    for record in truth:
        status = statuses.get(record["form_id"])
        assert status is not None, f"{record['file']}#{record['form_index']} was not loaded"
        if status == "superseded":  # a later corpus re-submitted the same unit/project/year: not judged
            continue
        expected, got = set(record["expected_errors"]), found.get(record["form_id"], set())
        if got != expected:
            mismatches.append({"file": record["file"], "form_index": record["form_index"],
                               "injected": record["injected"], "expected": sorted(expected), "found": sorted(got)})
        assert (status == "quarantined") == bool(expected), (record, status)
    return mismatches


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> dict:
    work = tmp_path_factory.mktemp("synth_load")
    corpus = work / "corpus"
    truth = _synth(corpus, 300, seed=7, error_rate=0.2)
    home = work / "home"
    first = run_jixiao("load", *_form_folders(corpus), home=home, check=True)
    return {"work": work, "corpus": corpus, "truth": truth, "home": home, "first": first}


def test_every_injected_error_is_found_with_its_rule_and_clean_forms_have_none(loaded):
    truth = loaded["truth"]
    assert sum(1 for record in truth if record["expected_errors"]) >= 45  # ~20 % of 300
    assert len({rule for record in truth for rule in record["expected_errors"]}) >= 12  # every error rule
    mismatches = _compare(truth, _errors_by_form(loaded["home"]), _statuses(loaded["home"]))
    assert not mismatches, json.dumps(mismatches[:10], ensure_ascii=False, indent=1)


def test_reload_with_nothing_new_changes_nothing(loaded):
    before = _errors_by_form(loaded["home"])
    again = run_jixiao("load", *_form_folders(loaded["corpus"]), home=loaded["home"], check=True)
    assert "0 new" in again.stdout and "forms:       0 new" in again.stdout
    assert _errors_by_form(loaded["home"]) == before


def test_reload_with_new_files_still_finds_exactly_the_ground_truth(loaded):
    extra = loaded["work"] / "extra"
    extra_truth = _synth(extra, 40, seed=8, error_rate=0.2, years="2023-2023")
    run_jixiao("load", *_form_folders(loaded["corpus"]), *_form_folders(extra), home=loaded["home"], check=True)
    statuses = _statuses(loaded["home"])
    assert sum(1 for record in extra_truth if statuses.get(record["form_id"]) in ("published", "quarantined")) > 0
    mismatches = _compare(loaded["truth"] + extra_truth, _errors_by_form(loaded["home"]), statuses)
    assert not mismatches, json.dumps(mismatches[:10], ensure_ascii=False, indent=1)
