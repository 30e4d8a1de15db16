from orchestration.ingest.assets import land_received_files

assets = [land_received_files]
