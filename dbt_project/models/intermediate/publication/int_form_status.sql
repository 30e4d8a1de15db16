-- Which forms the published layer may show.  Findings come from the blocking checks, which
-- replace quality.rule_findings on every load, so it always describes the forms built now.
with versions as (

    select form_id, form_key, version_number, is_current
    from {{ ref('int_form_versions') }}

),

findings as (

    select
        form_id,
        count(case when severity = 'error' then 1 end) as error_count,
        count(case when severity = 'warning' then 1 end) as warning_count,
        count(case when severity = 'info' then 1 end) as info_count
    from {{ source('quality', 'rule_findings') }}
    where form_id is not null  -- file-level findings (unreadable files) belong to no form
    group by form_id

)

select
    versions.form_id,
    case
        when not versions.is_current then 'superseded'
        when coalesce(findings.error_count, 0) > 0 then 'quarantined'
        else 'published'
    end as status,
    cast(coalesce(findings.error_count, 0) as integer) as error_count,
    cast(coalesce(findings.warning_count, 0) as integer) as warning_count,
    cast(coalesce(findings.info_count, 0) as integer) as info_count,
    versions.form_key,
    versions.version_number,
    versions.is_current
from versions
left join findings on findings.form_id = versions.form_id
