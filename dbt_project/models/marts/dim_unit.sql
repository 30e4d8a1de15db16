-- 实施单位: one row per normalised unit name; name and department as most recently written.
with ranked as (

    select
        unit_key,
        implementing_unit,
        unit_name_normalised,
        department_key,
        report_year,
        row_number() over (
            partition by unit_key order by report_year desc, received_at desc, form_id
        ) as recency
    from {{ ref('int_published_forms') }}

),

spans as (

    select
        unit_key,
        count(*) as form_count,
        min(report_year) as first_report_year,
        max(report_year) as last_report_year
    from ranked
    group by unit_key

)

select
    cast(ranked.unit_key as varchar) as unit_key,
    cast(coalesce(ranked.implementing_unit, '（未填写）') as varchar) as unit_name,
    cast(ranked.unit_name_normalised as varchar) as unit_name_normalised,
    cast(ranked.department_key as varchar) as department_key,
    cast(spans.form_count as integer) as form_count,
    cast(spans.first_report_year as integer) as first_report_year,
    cast(spans.last_report_year as integer) as last_report_year
from ranked
inner join spans on spans.unit_key = ranked.unit_key
where ranked.recency = 1
