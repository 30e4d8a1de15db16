"""Great Expectations suites run as blocking checks on the findings asset.

One step runs every suite (GX is imported once), writes the failing rows as findings, and reports
one blocking check per rule family. A family fails its check when one of its expectations could not
run: then nothing downstream is built and the published warehouse stays as it was. Forms that merely
break a rule are quarantined by the findings, not by the check.
"""


import dagster as dg

from orchestration.duckdb_memory import memory_limit
from orchestration.quality import quarantine_guard
from orchestration.quality.findings_table import findings_by_severity, replace_findings
from orchestration.quality.scope import prepare_scope
from orchestration.resources import JixiaoHome

RULE_FAMILIES = {
    "parse_rules": ("R-PARSE", "Structure: required parts present, numeric cells are numbers, re-submissions (R-PARSE)."),
    "fund_rules": ("R-FUND", "Funds block: execution rate, funds score, source rows add up (R-FUND)."),
    "weight_rules": ("R-WGT", "Weights: sum to 100, declared 一级 weights (R-WGT)."),
    "indicator_rules": ("R-IND", "Indicator scores against targets and actuals (R-IND)."),
    "total_rules": ("R-TOT", "总分 and grade agree with the parts (R-TOT)."),
}

RULE_FINDINGS_KEY = dg.AssetKey(["quality", "rule_findings"])
PRE_CHECK_INPUTS = [
    dg.AssetKey(["intermediate", name])
    for name in ("int_form_versions", "int_form_version_changes", "int_numeric_cells", "int_fund_execution", "int_fund_balance",
                 "int_indicator_scoring", "int_level1_weights", "int_form_totals")
]


def _family_of(rule_id: str) -> str | None:
    for family, (prefix, _) in RULE_FAMILIES.items():
        if rule_id.startswith(prefix + "-"):
            return family
    return None


@dg.asset(
    key=RULE_FINDINGS_KEY,
    deps=PRE_CHECK_INPUTS,
    group_name="quality",
    kinds={"great_expectations", "duckdb"},
    description="Findings of the consistency rules (rules.md), one row per failing row of an expectation.",
    check_specs=[
        *(dg.AssetCheckSpec(name, asset=RULE_FINDINGS_KEY, blocking=True, description=text)
          for name, (_, text) in RULE_FAMILIES.items()),
        dg.AssetCheckSpec(
            "quarantine_share", asset=RULE_FINDINGS_KEY, blocking=True,
            description="Circuit breaker: the share of this load's forms with errors is not far above usual "
                        "(a parser or template regression must not replace a good published state)."),
    ],
)
def rule_findings(context: dg.AssetExecutionContext, home: JixiaoHome):
    from expectations.runner import run_rule_suites  # GX costs seconds to import: only when run
    from expectations.suites import SUITES
    from orchestration import warmup
    from orchestration.ingest.unchanged import rules_fingerprint

    layout = home.layout
    code = rules_fingerprint()
    scope = prepare_scope(layout.build_db, [suite.table for suite in SUITES], code)
    context.log.info(f"rule suites: {scope.description}")
    warmup.wait()  # it may still be importing GX
    spool_path = layout.build_db.with_name("rule_findings.parquet")
    outcome = run_rule_suites(layout.build_db, data_docs_dir=layout.data_docs_dir,
                              findings_path=spool_path, memory_limit=memory_limit(),
                              anchor_schema=scope.anchor_schema)
    # A rule that could not run fails its blocking check; its forms must then be validated again.
    replace_findings(layout.build_db, outcome.findings_file, load_id=context.run_id, code_fingerprint=code,
                     incremental=scope.incremental, validated=outcome.ran_cleanly)
    spool_path.unlink(missing_ok=True)

    by_severity = findings_by_severity(layout.build_db)
    by_rule = outcome.spool.by_rule()
    yield dg.MaterializeResult(
        metadata={
            "findings_error": by_severity.get("error", 0),
            "findings_warning": by_severity.get("warning", 0),
            "findings_info": by_severity.get("info", 0),
            "forms_validated": scope.forms,
            "validation_scope": scope.description,
            "data_docs": dg.MetadataValue.path(str(layout.data_docs_dir / "index.html")),
        }
    )
    for family in RULE_FAMILIES:
        results = [r for r in outcome.results if _family_of(r["rule_id"]) == family]
        broken = [r for r in results if r.get("error")]
        failing_rows = {rule: n for rule, n in sorted(by_rule.items()) if _family_of(rule) == family}
        yield dg.AssetCheckResult(
            check_name=family,
            asset_key=RULE_FINDINGS_KEY,
            passed=bool(results) and not broken,
            severity=dg.AssetCheckSeverity.ERROR,
            metadata={
                "expectations_run": len(results),
                "expectations_failed_to_run": [f"{r['expectation']}: {r['error']}" for r in broken],
                "failing_rows_by_rule": dict(sorted(failing_rows.items())),
            },
        )

    share = quarantine_guard.measure(layout.build_db, context.run_id)
    yield dg.AssetCheckResult(
        check_name="quarantine_share",
        asset_key=RULE_FINDINGS_KEY,
        passed=not share.tripped,
        severity=dg.AssetCheckSeverity.ERROR,
        description=(f"{share.new_quarantined} of {share.new_forms} new forms have errors "
                     f"({share.share:.0%}; limit {share.limit:.0%})"),
        metadata={"new_forms": share.new_forms, "new_quarantined": share.new_quarantined,
                  "share": round(share.share, 4), "limit": round(share.limit, 4),
                  "earlier_share": round(share.earlier_share, 4)},
    )
