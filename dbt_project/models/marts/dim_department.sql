-- 主管部门: one row per normalised department name; the name as most recently written.
with ranked as (

    select
        department_key,
        department,
        department_name_normalised,
        report_year,
        row_number() over (
            partition by department_key order by report_year desc, received_at desc, form_id
        ) as recency
    from {{ ref('int_published_forms') }}

),

spans as (

    select
        department_key,
        count(*) as form_count,
        min(report_year) as first_report_year,
        max(report_year) as last_report_year
    from ranked
    group by department_key

)

select
    cast(ranked.department_key as varchar) as department_key,
    cast(coalesce(ranked.department, '（未填写）') as varchar) as department_name,
    cast(ranked.department_name_normalised as varchar) as department_name_normalised,
    cast(spans.form_count as integer) as form_count,
    cast(spans.first_report_year as integer) as first_report_year,
    cast(spans.last_report_year as integer) as last_report_year
from ranked
inner join spans on spans.department_key = ranked.department_key
where ranked.recency = 1
