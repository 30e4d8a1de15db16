from orchestration.quality.checks import rule_findings

assets = [rule_findings]
