from orchestration.dbt.assets import dbt_pre_check_models, dbt_published_models
from orchestration.dbt.docs import dbt_docs

# dbt runs in the step's own process (orchestration/dbt/runner.py): there is no dbt resource.
assets = [dbt_pre_check_models, dbt_published_models, dbt_docs]
