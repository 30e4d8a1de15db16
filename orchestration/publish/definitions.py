from orchestration.publish.assets import published_warehouse

assets = [published_warehouse]
