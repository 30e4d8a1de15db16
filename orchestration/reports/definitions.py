from orchestration.reports.assets import reports

assets = [reports]
