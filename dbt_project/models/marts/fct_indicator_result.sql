-- Published forms' indicator rows: one row per form × indicator row (placeholders included,
-- flagged not applicable), reported score next to the recomputed one. Incremental by form
-- (macros/incremental.sql, forget_unpublished_forms).
{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail',
          pre_hook=["{{ forget_rebuilt_forms() }}", "{{ forget_unpublished_forms() }}"]) }}
select
    cast({{ surrogate_key(['scoring.form_id', 'scoring.row_index']) }} as varchar) as indicator_result_key,
    cast(scoring.form_id as varchar) as form_id,
    cast(scoring.row_index as integer) as row_index,
    cast({{ surrogate_key(["'indicator'", normalize_name('scoring.level1'), normalize_name('scoring.level2'),
                           normalize_name('scoring.name')]) }} as varchar) as indicator_key,
    cast(published.project_key as varchar) as project_key,
    cast(published.unit_key as varchar) as unit_key,
    cast(published.department_key as varchar) as department_key,
    cast(published.report_year as integer) as report_year,
    cast(scoring.level1 as varchar) as level1,
    cast(scoring.level2 as varchar) as level2,
    cast(scoring.name as varchar) as indicator_name,
    coalesce(scoring.applicable, false) as applicable,
    cast(scoring.target_raw as varchar) as target_raw,
    cast(scoring.actual_raw as varchar) as actual_raw,
    cast(scoring.target_kind as varchar) as target_kind,
    cast(scoring.effective_operator as varchar) as effective_operator,
    scoring.operator_inferred,
    cast(scoring.direction as varchar) as direction,
    cast(scoring.target_value as decimal(18, 6)) as target_value,
    cast(scoring.target_unit as varchar) as target_unit,
    cast(scoring.actual_value as decimal(18, 6)) as actual_value,
    cast(scoring.actual_unit as varchar) as actual_unit,
    cast(scoring.actual_band as varchar) as actual_band,
    scoring.target_met,
    cast(scoring.achievement_ratio as decimal(18, 6)) as achievement_ratio,
    cast(scoring.weight as decimal(18, 4)) as weight,
    cast(scoring.score as decimal(18, 4)) as reported_score,
    cast(scoring.expected_score as decimal(18, 4)) as expected_score,
    cast(scoring.expected_score_alt as decimal(18, 4)) as expected_score_alt,
    cast(scoring.score_gap as decimal(18, 4)) as score_gap,
    cast(scoring.score_tolerance as decimal(18, 6)) as score_tolerance,
    -- full marks, whatever the method: the measure the department trend counts
    coalesce(scoring.applicable, false)
        and scoring.score is not null and scoring.weight is not null
        and scoring.score >= scoring.weight as is_fully_met,
    cast(scoring.deviation_note as varchar) as deviation_note,
    cast(published.source_file as varchar) as source_file,
    cast(published.file_hash as varchar) as file_hash,
    cast(published.form_index as integer) as form_index,
    cast(scoring.line as integer) as line
from {{ ref('int_indicator_scoring') }} as scoring
inner join {{ ref('int_published_forms') }} as published on published.form_id = scoring.form_id
where {{ new_forms_condition('scoring.form_id') }}
