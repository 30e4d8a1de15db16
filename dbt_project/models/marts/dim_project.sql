-- Projects across years: the key ignores a leading budget year in the name ("2020年…", "2021年度…")
-- and the department, so a recurring project of one unit keeps one key.
with ranked as (

    select
        project_key,
        project_name,
        project_name_stem,
        unit_key,
        department_key,
        report_year,
        row_number() over (
            partition by project_key order by report_year desc, received_at desc, form_id
        ) as recency
    from {{ ref('int_published_forms') }}

),

spans as (

    select
        project_key,
        count(*) as form_count,
        count(distinct project_name) as name_variant_count,
        min(report_year) as first_report_year,
        max(report_year) as last_report_year
    from ranked
    group by project_key

)

select
    cast(ranked.project_key as varchar) as project_key,
    cast(ranked.project_name as varchar) as project_name,
    cast(ranked.project_name_stem as varchar) as project_name_stem,
    cast(ranked.unit_key as varchar) as unit_key,
    cast(ranked.department_key as varchar) as department_key,
    cast(spans.form_count as integer) as form_count,
    cast(spans.name_variant_count as integer) as name_variant_count,
    cast(spans.first_report_year as integer) as first_report_year,
    cast(spans.last_report_year as integer) as last_report_year
from ranked
inner join spans on spans.project_key = ranked.project_key
where ranked.recency = 1
