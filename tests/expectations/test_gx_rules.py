"""Every rule of rules.md: a passing and a failing form, and the seed's exact findings.

One database holds all cases, the five seed forms and the golden parses of the real forms in
../shared/fixtures/real_forms; `run_rule_suites` runs once per module.
"""

from __future__ import annotations

import re
import time

import pytest
from intermediate_fixture import real_forms, seed_forms, shared_dir, write_database
from rule_cases import CASES, case_forms

from expectations.runner import FINDING_KEYS, all_rule_ids, run_rule_suites


@pytest.fixture(scope="module")
def outcome(tmp_path_factory):
    path = tmp_path_factory.mktemp("rules") / "build.duckdb"
    write_database(path, case_forms() + seed_forms() + real_forms())
    started = time.perf_counter()
    result = run_rule_suites(path)
    print(f"\nrun_rule_suites (rule cases + seed): {time.perf_counter() - started:.2f} s")
    return result


def findings_of(outcome, form_id, rule_id=None, severity=None):
    return [
        f
        for f in outcome.findings
        if f["form_id"] == form_id
        and (rule_id is None or f["rule_id"] == rule_id)
        and (severity is None or f["severity"] == severity)
    ]


def test_no_expectation_raised(outcome):
    assert outcome.errors == []
    assert all(r["unexpected_count"] is not None for r in outcome.results)


@pytest.mark.parametrize("case", [c for c in CASES if c.fails], ids=lambda c: c.case_id)
def test_failing_form_is_reported(outcome, case):
    subject, reported, expected = case.finding
    found = findings_of(outcome, case.case_id, case.rule_id, case.severity)
    assert found, f"{case.case_id}: no {case.rule_id} {case.severity} finding"
    matching = [f for f in found if f["subject"] == subject]
    assert len(matching) == 1, found
    finding = matching[0]
    assert (finding["reported"], finding["expected"]) == (reported, expected), finding
    assert finding["message"] and "{" not in finding["message"]


@pytest.mark.parametrize("case", [c for c in CASES if not c.fails], ids=lambda c: c.case_id)
def test_passing_form_is_not_reported(outcome, case):
    assert findings_of(outcome, case.case_id, case.rule_id, case.severity) == []


def test_clean_form_has_no_finding(outcome):
    assert findings_of(outcome, "base") == []


def test_superseded_versions_are_not_judged(outcome):
    # parse04_fail_v1 breaks R-TOT-01 but is not the current version of its form.
    assert findings_of(outcome, "parse04_fail_v1") == []
    assert findings_of(outcome, "parse04_pass_v1") == []


def test_every_rule_has_a_passing_and_a_failing_case():
    failing = {c.rule_id for c in CASES if c.fails}
    passing = {c.rule_id for c in CASES if not c.fails}
    assert failing == passing == set(all_rule_ids())


def test_rules_with_two_severities_have_both():
    severities = {(c.rule_id, c.severity) for c in CASES if c.fails}
    assert {("R-FUND-01", "error"), ("R-FUND-01", "warning")} <= severities
    assert {("R-TOT-01", "error"), ("R-TOT-01", "warning")} <= severities


def rules_md_ids() -> set[str]:
    text = (shared_dir() / "spec" / "rules.md").read_text("utf-8")
    return set(re.findall(r"^\|\s*(R-[A-Z]+-\d+)\s*\|", text, flags=re.MULTILINE))


def test_all_rule_ids_cover_rules_md_exactly():
    ids = rules_md_ids()
    assert len(ids) >= 30
    assert set(all_rule_ids()) == ids


def test_finding_dicts_have_exactly_the_contract_keys(outcome):
    assert outcome.findings
    for finding in outcome.findings:
        assert tuple(finding) == FINDING_KEYS
        assert finding["reported"] is None or isinstance(finding["reported"], str)
        assert finding["expected"] is None or isinstance(finding["expected"], str)


# --- the seed (rules.md "What the seed must produce"; forms numbered from 0 here) -----------

SEED_WARNINGS = {
    (0, "R-IND-03", "组织事业单位公开招聘次数（次）"),
    (1, "R-IND-03", "职称评审人次"),
    (2, "R-IND-03", "组织事业单位考试次数"),
    (3, "R-IND-03", "组织考生考试次数"),
    (4, "R-IND-03", "组织事业单位公开招聘次数（次）"),
    (4, "R-IND-03", "笔试人数（人）"),
    (3, "R-IND-04", "工作运行成本（万元）"),
    (4, "R-IND-04", "业务活动运行成本（万元）"),
    (4, "R-IND-08", "业务活动运行成本（万元）"),
}


def seed_findings(outcome):
    return [f for f in outcome.findings if f["form_id"].startswith("seed#")]


def test_seed_has_no_error(outcome):
    assert [f for f in seed_findings(outcome) if f["severity"] == "error"] == []


def test_seed_warnings_are_exactly_the_expected_ones(outcome):
    warnings = [
        (int(f["form_id"].split("#")[1]), f["rule_id"], f["subject"])
        for f in seed_findings(outcome)
        if f["severity"] == "warning"
    ]
    assert sorted(warnings) == sorted(SEED_WARNINGS)


@pytest.mark.parametrize(
    "form_index, subject, reported, expected",
    [(3, "工作运行成本（万元）", "4.94", "5"), (4, "业务活动运行成本（万元）", "2.37", "3")],
)
def test_seed_cost_indicators_expected_full_marks(outcome, form_index, subject, reported, expected):
    (finding,) = findings_of(outcome, f"seed#{form_index}", "R-IND-04")
    assert (finding["subject"], finding["reported"], finding["expected"]) == (
        subject,
        reported,
        expected,
    )
    assert "4.94" in finding["message"] or "2.37" in finding["message"]


def test_seed_interview_score_is_within_tolerance(outcome):
    # 面试人数: 1.23 against 3·1100/2700 = 1.222 (tolS(3) = 0.021).
    assert [f for f in seed_findings(outcome) if f["subject"] == "面试人数（人）"] == []


def test_seed_qualitative_targets_give_at_most_info(outcome):
    qualitative = {"解决用人单位用人需求", "提高培训人员专业水平", "提高从业队伍整体素质",
                   "提高全州各类人才层次梯次发展", "提高全州事业单位人才层次梯次发展",
                   "自治区统一安排的完成时间"}
    for finding in seed_findings(outcome):
        if finding["subject"] in qualitative:
            assert finding["severity"] == "info", finding


# --- real forms (golden parses in ../shared/fixtures/real_forms, "inconsistencies") ---------

ANHUI = "01_anhui_guichi_tangxi_2022_weituoyewu"
YUNNAN = "05_yunnan_yongde_minglang_2022_yingyanggaishan"


def test_real_total_row_of_zeros_above_filled_sources_is_an_error(outcome):
    found = {
        (f["subject"], f["reported"], f["expected"])
        for f in findings_of(outcome, ANHUI, "R-FUND-05", "error")
    }
    assert ("年度资金总额·全年预算数", "0", "89.974") in found
    assert findings_of(outcome, ANHUI, "R-FUND-07", "warning")


def test_real_yuan_form_lost_points_without_reason_are_warnings(outcome):
    assert findings_of(outcome, YUNNAN, severity="error") == []
    lost = {(f["rule_id"], f["subject"]) for f in findings_of(outcome, YUNNAN, severity="warning")}
    assert {("R-IND-07", "资金到位及时率"), ("R-IND-07", "政策知晓率"),
            ("R-IND-02", "资金到位及时率")} <= lost
