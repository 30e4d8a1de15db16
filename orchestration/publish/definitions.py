from orchestration.publish.assets import published_parquet, published_warehouse
from orchestration.publish.freshness import freshness_checks, freshness_sensor

assets = [published_warehouse, published_parquet]
asset_checks = [*freshness_checks]
sensors = [freshness_sensor]
