from dagster_dbt import DbtCliResource

from orchestration.dbt.assets import dbt_pre_check_models, dbt_published_models
from orchestration.dbt.docs import dbt_docs
from orchestration.dbt.project import DBT_EXECUTABLE, jixiao_dbt_project

assets = [dbt_pre_check_models, dbt_published_models, dbt_docs]
resources = {"dbt": DbtCliResource(project_dir=jixiao_dbt_project, dbt_executable=str(DBT_EXECUTABLE))}
