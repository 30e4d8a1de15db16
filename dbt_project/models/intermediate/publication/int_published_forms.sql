-- The published layer's form list: current forms without error findings, with the conformed
-- keys every mart joins on (department, unit, cross-year project).
with status as (

    select * from {{ ref('int_form_status') }} where status = 'published'

),

forms as (

    select * from {{ ref('stg_forms') }}

),

files as (

    select file_hash, file_name, archive_path from {{ ref('stg_received_files') }}

)

select
    forms.form_id,
    status.form_key,
    status.version_number,
    status.warning_count,
    status.info_count,
    forms.report_year,
    forms.title,
    forms.project_name,
    forms.department,
    forms.implementing_unit,
    forms.amount_unit,
    {{ surrogate_key(["'department'", normalize_name('forms.department')]) }} as department_key,
    {{ surrogate_key(["'unit'", normalize_name('forms.implementing_unit')]) }} as unit_key,
    -- department-independent: a project keeps its key when its 主管部门 is renamed
    {{ surrogate_key(["'project'", project_name_stem('forms.project_name'), normalize_name('forms.implementing_unit')]) }}
        as project_key,
    {{ project_name_stem('forms.project_name') }} as project_name_stem,
    {{ normalize_name('forms.department') }} as department_name_normalised,
    {{ normalize_name('forms.implementing_unit') }} as unit_name_normalised,
    forms.source_file,
    forms.file_hash,
    forms.form_index,
    forms.line_start,
    forms.line_end,
    forms.load_id,
    forms.received_at,
    files.archive_path
from status
inner join forms on forms.form_id = status.form_id
left join files on files.file_hash = forms.file_hash
