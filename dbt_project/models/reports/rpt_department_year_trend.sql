-- Department × report year trend over the published forms.  Amounts in 万元 (forms written in 元
-- converted), so departments whose forms use different units still add up.
with forms as (

    select * from {{ ref('fct_form_score') }}

),

departments as (

    select department_key, department_name from {{ ref('dim_department') }}

),

by_department_year as (

    select
        department_key,
        report_year,
        count(*) as form_count,
        sum(annual_budget_wan_yuan) as total_budget_wan_yuan,
        sum(executed_wan_yuan) as total_executed_wan_yuan,
        -- mean of the forms' own E/B (each form counts once, whatever its size)
        avg(execution_rate) as mean_execution_rate,
        avg(total_score) as mean_total_score,
        sum(applicable_indicator_count) as applicable_indicator_count,
        sum(fully_met_indicator_count) as fully_met_indicator_count
    from forms
    group by department_key, report_year

)

select
    cast(by_department_year.department_key as varchar) as department_key,
    cast(departments.department_name as varchar) as department_name,
    cast(by_department_year.report_year as integer) as report_year,
    cast(by_department_year.form_count as integer) as form_count,
    cast(by_department_year.total_budget_wan_yuan as decimal(18, 4)) as total_budget_wan_yuan,
    cast(by_department_year.total_executed_wan_yuan as decimal(18, 4)) as total_executed_wan_yuan,
    -- money-weighted rate ΣE / ΣB, beside the mean of the forms' rates
    {{ safe_divide('by_department_year.total_executed_wan_yuan', 'by_department_year.total_budget_wan_yuan', 6) }}
        as aggregate_execution_rate,
    cast(by_department_year.mean_execution_rate as decimal(18, 6)) as mean_execution_rate,
    cast(by_department_year.mean_total_score as decimal(18, 4)) as mean_total_score,
    cast(by_department_year.applicable_indicator_count as integer) as applicable_indicator_count,
    cast(by_department_year.fully_met_indicator_count as integer) as fully_met_indicator_count,
    {{ safe_divide('by_department_year.fully_met_indicator_count', 'by_department_year.applicable_indicator_count', 6) }}
        as fully_met_share
from by_department_year
left join departments on departments.department_key = by_department_year.department_key
