"""dbt: the models that turn raw rows into checked facts (dagster-dbt)."""
