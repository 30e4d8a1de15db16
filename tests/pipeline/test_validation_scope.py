"""A later load validates only the forms that are new or changed (orchestration/quality/scope.py), and
its findings table is exactly what validating every form gives."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pytest

from tests.conftest import renamed_copy, run_jixiao
from tests.pipeline.test_end_to_end import _with_one_form_changed

FINDING_COLUMNS = ("form_id", "rule_id", "severity", "subject", "reported", "expected", "message", "line")


def _one_form(seed_text: str, form_index: int) -> str:
    lines = seed_text.split("\n")
    starts = [i for i, line in enumerate(lines) if line.startswith("\t") and line.rstrip().endswith("绩效自评表")]
    end = starts[form_index + 1] if form_index + 1 < len(starts) else len(lines)
    return "\n".join(lines[starts[form_index]:end])


def _log_lines(load_stdout: str, needle: str) -> list[str]:
    log = Path(re.search(r"log:\s+(\S+)", load_stdout).group(1))
    return [line for line in log.read_text(encoding="utf-8").splitlines() if needle in line]


@pytest.fixture(scope="module")
def reloaded(tmp_path_factory, seed_file):
    work = tmp_path_factory.mktemp("validation_scope")
    home = work / "home"
    first = run_jixiao("load", str(seed_file), home=home, check=True)
    text = seed_file.read_text(encoding="utf-8")
    later = work / "later"
    later.mkdir()
    # five new forms, one of them with an error; and form 3 of the seed filed again, corrected
    new_forms = _with_one_form_changed(renamed_copy(text, "（二期）"), 1, "\t100.00分", "\t90.00分")
    (later / "second_phase.txt").write_text(new_forms, encoding="utf-8")
    corrected = _with_one_form_changed(_with_one_form_changed(text, 3, "\t4.94", "\t5"), 3, "\t99.81分", "\t99.87分")
    (later / "resubmitted.txt").write_text(_one_form(corrected, 3), encoding="utf-8")
    second = run_jixiao("load", str(later), home=home, check=True)
    return {"home": home, "first": first, "second": second}


def test_the_first_load_validates_every_form_and_the_second_only_new_or_changed_ones(reloaded):
    assert _log_lines(reloaded["first"].stdout, "rule suites:") and all(
        "all 5 forms validated (no earlier validation)" in line
        for line in _log_lines(reloaded["first"].stdout, "rule suites:"))
    # 5 new forms, the re-submitted form 3 and its old version (no longer current): not the other 4
    assert any("7 new or changed forms validated" in line
               for line in _log_lines(reloaded["second"].stdout, "rule suites:")), reloaded["second"].stdout


def _findings(build_db: Path) -> list[tuple]:
    with duckdb.connect(str(build_db), read_only=True) as connection:
        return sorted(connection.execute(
            f"SELECT {', '.join(FINDING_COLUMNS)} FROM quality.rule_findings").fetchall(), key=str)


def test_the_findings_are_those_of_a_validation_of_every_form(reloaded, tmp_path):
    from expectations.runner import run_rule_suites
    from orchestration.quality.findings_table import replace_findings

    build_db = tmp_path / "build.duckdb"
    shutil.copy(reloaded["home"] / "build.duckdb", build_db)
    kept = _findings(build_db)
    with duckdb.connect(str(build_db), read_only=True) as connection:
        superseded = connection.execute(
            "SELECT form_id FROM intermediate.int_form_versions WHERE NOT is_current").fetchall()
    everything = run_rule_suites(build_db, findings_path=tmp_path / "findings.parquet")
    assert everything.ran_cleanly
    replace_findings(build_db, everything.findings_file, load_id="every-form", code_fingerprint="-")
    assert kept == _findings(build_db)
    assert len(superseded) == 1
    rules = {row[1] for row in kept}
    assert "R-TOT-01" in rules and "R-PARSE-04" in rules, "the new error and the re-submission are found"
    assert not any(row[0] == superseded[0][0] for row in kept), "the old version's findings are gone"


def test_other_code_or_a_rule_that_did_not_run_means_validating_everything_again(reloaded, tmp_path):
    from expectations.findings_spool import FindingsSpool
    from expectations.suites import SUITES
    from orchestration.ingest.unchanged import rules_fingerprint
    from orchestration.quality import scope
    from orchestration.quality.findings_table import replace_findings

    build_db = tmp_path / "build.duckdb"
    shutil.copy(reloaded["home"] / "build.duckdb", build_db)
    anchors = [suite.table for suite in SUITES]
    same = scope.prepare_scope(build_db, anchors, rules_fingerprint())
    assert (same.incremental, same.forms) == (True, 0), "nothing changed since the last validation"
    other = scope.prepare_scope(build_db, anchors, "other code")
    assert (other.incremental, other.forms, other.reason) == (False, 11, "the models or rules changed")

    assert scope.prepare_scope(build_db, anchors, rules_fingerprint()).incremental
    nothing_found = FindingsSpool(tmp_path / "none.parquet")
    nothing_found.close()
    replace_findings(build_db, nothing_found.path, load_id="broken", code_fingerprint=rules_fingerprint(),
                     incremental=True, validated=False)
    again = scope.prepare_scope(build_db, anchors, rules_fingerprint())
    assert (again.incremental, again.reason) == (False, "no earlier validation")
