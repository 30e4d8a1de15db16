-- R-WGT-03: a 一级 label that declares its weight ("产出指标(50分)") against its indicators' weights.
{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail') }}
select
    form_id,
    level1,
    -- the parser repeats the declared weight on every row of the block; any row's value will do
    max(level1_declared_weight) as declared_weight,
    cast(coalesce(sum(case when applicable then weight end), 0) as decimal(18, 4)) as indicator_weight_sum,
    cast(count(case when applicable then 1 end) as integer) as applicable_indicator_count
from {{ ref('stg_indicator_rows') }}
where level1 is not null and {{ new_forms_condition() }}
group by form_id, level1
