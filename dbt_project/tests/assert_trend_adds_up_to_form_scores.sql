-- rpt_department_year_trend adds up to fct_form_score per department × year (forms, budget and
-- execution in 万元 within 0.0001), so the report neither drops nor double-counts forms.
{{ config(tags=['post_check']) }}

with from_forms as (

    select
        department_key,
        report_year,
        count(*) as form_count,
        coalesce(sum(annual_budget_wan_yuan), 0) as total_budget_wan_yuan,
        coalesce(sum(executed_wan_yuan), 0) as total_executed_wan_yuan
    from {{ ref('fct_form_score') }}
    group by department_key, report_year

)

select from_forms.*, trend.form_count as trend_form_count
from from_forms
left join {{ ref('rpt_department_year_trend') }} as trend
    on trend.department_key = from_forms.department_key
   and trend.report_year = from_forms.report_year
where trend.department_key is null
   or trend.form_count <> from_forms.form_count
   or abs(coalesce(trend.total_budget_wan_yuan, 0) - from_forms.total_budget_wan_yuan) > 0.0001
   or abs(coalesce(trend.total_executed_wan_yuan, 0) - from_forms.total_executed_wan_yuan) > 0.0001
