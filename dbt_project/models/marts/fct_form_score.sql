-- Published forms: one row per form with the funds score, the indicator scores, the reported
-- and the recomputed 总分, the grades, and where the form came from. Incremental by form: the
-- columns that a newer version or a finding can change are compared (macros/incremental.sql).
{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail',
          pre_hook=["{{ forget_rebuilt_forms() }}", "{{ forget_unpublished_forms(['form_key', 'version_number', 'warning_count', 'info_count', 'load_id', 'received_at', 'archive_path']) }}"]) }}
with published as (

    select * from {{ ref('int_published_forms') }}{{ where_new_forms() }}

),

totals as (

    select * from {{ ref('int_form_totals') }}

),

-- amounts of the (first) 年度资金总额 row
funds_total as (

    select *
    from (
        select
            form_id,
            initial_budget,
            annual_budget,
            executed,
            row_number() over (partition by form_id order by row_index) as position
        from {{ ref('int_fund_execution') }}
        where is_total_row and {{ new_forms_condition() }}
    ) as ranked
    where position = 1

),

indicator_summary as (

    select
        form_id,
        count(case when is_fully_met then 1 end) as fully_met_indicator_count,
        -- generation of the form's indicator framework (research §5.1): B once 成本指标 is a 一级
        case
            when max(case when {{ normalize_name('level1') }} = '成本指标' then 1 else 0 end) = 1 then 'B'
            when max(case when {{ normalize_name('level1') }} in {{ generation_c_level1() }} then 1 else 0 end) = 1
                then 'C'
            else 'A'
        end as taxonomy_gen
    from {{ ref('fct_indicator_result') }}{{ where_new_forms() }}
    group by form_id

)

select
    cast(published.form_id as varchar) as form_id,
    cast(published.form_key as varchar) as form_key,
    cast(published.project_key as varchar) as project_key,
    cast(published.unit_key as varchar) as unit_key,
    cast(published.department_key as varchar) as department_key,
    cast(published.report_year as integer) as report_year,
    cast(published.project_name as varchar) as project_name,
    cast(published.title as varchar) as title,
    cast(published.amount_unit as varchar) as amount_unit,
    cast(indicator_summary.taxonomy_gen as varchar) as taxonomy_gen,
    cast(published.version_number as integer) as version_number,
    cast(funds_total.initial_budget as decimal(18, 4)) as initial_budget,
    cast(funds_total.annual_budget as decimal(18, 4)) as annual_budget,
    cast(funds_total.executed as decimal(18, 4)) as executed,
    {{ to_wan_yuan('funds_total.annual_budget', 'published.amount_unit') }} as annual_budget_wan_yuan,
    {{ to_wan_yuan('funds_total.executed', 'published.amount_unit') }} as executed_wan_yuan,
    cast(totals.reported_funds_execution_rate as decimal(18, 6)) as reported_execution_rate,
    cast(totals.funds_execution_rate as decimal(18, 6)) as execution_rate,
    cast(totals.funds_weight as decimal(18, 4)) as funds_weight,
    cast(totals.funds_score as decimal(18, 4)) as funds_score,
    cast(totals.indicator_weight_sum as decimal(18, 4)) as indicator_weight_sum,
    cast(totals.indicator_score_sum as decimal(18, 4)) as indicator_score_sum,
    cast(totals.weight_sum as decimal(18, 4)) as weight_sum,
    cast(totals.applicable_indicator_count as integer) as applicable_indicator_count,
    cast(coalesce(indicator_summary.fully_met_indicator_count, 0) as integer) as fully_met_indicator_count,
    cast(totals.total_weight as decimal(18, 4)) as total_weight,
    cast(totals.total_score as decimal(18, 4)) as total_score,
    cast(totals.computed_total_score as decimal(18, 4)) as computed_total_score,
    cast(totals.total_gap as decimal(18, 4)) as total_gap,
    cast(totals.reported_grade as varchar) as reported_grade,
    cast(totals.derived_grade as varchar) as derived_grade,
    cast(published.warning_count as integer) as warning_count,
    cast(published.info_count as integer) as info_count,
    cast(published.source_file as varchar) as source_file,
    cast(published.file_hash as varchar) as file_hash,
    cast(published.form_index as integer) as form_index,
    cast(published.line_start as integer) as line_start,
    cast(published.line_end as integer) as line_end,
    cast(published.archive_path as varchar) as archive_path,
    cast(published.load_id as varchar) as load_id,
    cast(published.received_at as timestamp) as received_at
from published
inner join totals on totals.form_id = published.form_id
left join funds_total on funds_total.form_id = published.form_id
left join indicator_summary on indicator_summary.form_id = published.form_id
