"""A re-submitted form (same unit, project, year; one score corrected) supersedes the old one."""

from __future__ import annotations

import json
import re

from tests.conftest import run_jixiao
from tests.pipeline.test_end_to_end import _with_one_form_changed


def test_resubmission_supersedes_and_keeps_the_old_version(tmp_path, seed_file):
    home = tmp_path / "home"
    run_jixiao("load", str(seed_file), home=home, check=True)
    # Form 3 corrected: the cost indicator now gets full marks and 总分 follows.
    text = seed_file.read_text(encoding="utf-8")
    text = _with_one_form_changed(text, 3, "\t4.94", "\t5")
    text = _with_one_form_changed(text, 3, "\t99.81分", "\t99.87分")
    corrected = tmp_path / "corrected" / "resubmitted.txt"
    corrected.parent.mkdir()
    corrected.write_text(text, encoding="utf-8")
    load = run_jixiao("load", str(corrected), home=home, check=True)

    assert re.search(r"published:\s+5 forms", load.stdout), load.stdout
    assert re.search(r"superseded:\s+5 forms", load.stdout), "the old file's five forms are kept, superseded"
    status = json.loads(run_jixiao("status", "--json", home=home, check=True).stdout)
    assert (status["published"], status["superseded"], status["files"]["received"]) == (5, 5, 2)

    findings = json.loads(run_jixiao("findings", "--json", home=home, check=True).stdout)
    changed = [f for f in findings if f["rule_id"] == "R-PARSE-04"]
    assert [(f["source_file"], f["form_index"], f["severity"]) for f in changed] == [
        ("resubmitted.txt", 3, "warning")]
    assert "工作运行成本（万元）·得分 4.94→5" in changed[0]["message"]
    assert "总分·得分 99.81分→99.87分" in changed[0]["message"]
    assert not any(f["rule_id"] == "R-IND-04" and f["form_index"] == 3 for f in findings), \
        "the corrected version is the one checked"
    assert len(list((home / "archive").rglob("*__*"))) == 2
