from orchestration.publish.assets import published_warehouse
from orchestration.publish.freshness import freshness_checks, freshness_sensor

assets = [published_warehouse]
asset_checks = [*freshness_checks]
sensors = [freshness_sensor]
