-- Versions of the same form (same unit, project, report year) arriving in different files.
-- R-PARSE-04: the newest version wins; older ones stay, marked not current.
with forms as (

    select
        form_id,
        file_hash,
        form_index,
        received_at,
        content_hash,
        report_year,
        project_name,
        implementing_unit
    from {{ ref('stg_forms') }}

),

keyed as (

    select
        *,
        -- A form without a project name or year cannot be matched to anything (R-PARSE-01 quarantines
        -- it); it keys on itself so it never supersedes, or is superseded by, another broken form.
        case
            when project_name is null or report_year is null then 'form:' || form_id
            else {{ normalize_name('implementing_unit') }}
                || '|' || {{ normalize_name('project_name') }}
                || '|' || cast(report_year as varchar)
        end as form_key
    from forms

),

ordered as (

    select
        form_id,
        form_key,
        content_hash,
        -- oldest first; ties (one file) by file, then position in the file
        row_number() over (
            partition by form_key order by received_at, file_hash, form_index
        ) as version_number,
        count(*) over (partition by form_key) as version_count,
        lag(form_id) over (
            partition by form_key order by received_at, file_hash, form_index
        ) as previous_form_id,
        lag(content_hash) over (
            partition by form_key order by received_at, file_hash, form_index
        ) as previous_content_hash
    from keyed

)

select
    form_id,
    form_key,
    cast(version_number as integer) as version_number,
    cast(version_count as integer) as version_count,
    version_number = version_count as is_current,
    previous_form_id,
    previous_content_hash,
    content_hash,
    coalesce(previous_form_id is not null and content_hash <> previous_content_hash, false) as content_changed
from ordered
