-- Published forms' funds blocks: one row per form × fund-source row, reported next to recomputed.
-- Incremental by form (macros/incremental.sql, forget_unpublished_forms).
{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail',
          pre_hook=["{{ forget_rebuilt_forms() }}", "{{ forget_unpublished_forms() }}"]) }}
select
    cast({{ surrogate_key(['funds.form_id', 'funds.row_index']) }} as varchar) as fund_execution_key,
    cast(funds.form_id as varchar) as form_id,
    cast(funds.row_index as integer) as row_index,
    cast(published.project_key as varchar) as project_key,
    cast(published.unit_key as varchar) as unit_key,
    cast(published.department_key as varchar) as department_key,
    cast(published.report_year as integer) as report_year,
    cast(funds.source as varchar) as fund_source,
    cast(funds.source_label as varchar) as fund_source_label,
    funds.is_total_row,
    cast(funds.amount_unit as varchar) as amount_unit,
    cast(funds.initial_budget as decimal(18, 4)) as initial_budget,
    cast(funds.annual_budget as decimal(18, 4)) as annual_budget,
    cast(funds.executed as decimal(18, 4)) as executed,
    {{ to_wan_yuan('funds.annual_budget', 'funds.amount_unit') }} as annual_budget_wan_yuan,
    {{ to_wan_yuan('funds.executed', 'funds.amount_unit') }} as executed_wan_yuan,
    cast(funds.weight as decimal(18, 4)) as weight,
    cast(funds.score as decimal(18, 4)) as reported_score,
    cast(funds.expected_score as decimal(18, 4)) as expected_score,
    cast(funds.score_gap as decimal(18, 4)) as score_gap,
    cast(funds.score_tolerance as decimal(18, 6)) as score_tolerance,
    cast(funds.reported_execution_rate as decimal(18, 6)) as reported_execution_rate,
    cast(funds.recomputed_execution_rate as decimal(18, 6)) as recomputed_execution_rate,
    cast(funds.rate_gap_pp as decimal(18, 6)) as rate_gap_pp,
    cast(published.source_file as varchar) as source_file,
    cast(published.file_hash as varchar) as file_hash,
    cast(published.form_index as integer) as form_index,
    cast(funds.line as integer) as line
from {{ ref('int_fund_execution') }} as funds
inner join {{ ref('int_published_forms') }} as published on published.form_id = funds.form_id
where {{ new_forms_condition('funds.form_id') }}
