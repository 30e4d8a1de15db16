-- Report years (评价年度) that have published forms.
select
    cast(report_year as integer) as report_year,
    cast(cast(report_year as varchar) || '年度' as varchar) as year_label,
    cast(count(*) as integer) as form_count,
    cast(count(distinct department_key) as integer) as department_count
from {{ ref('int_published_forms') }}
where report_year is not null
group by report_year
