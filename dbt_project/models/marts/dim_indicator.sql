-- Indicators (三级指标) under their 一级 / 二级, across published forms, with the taxonomy
-- generation of research §5.1 (A: 2020 form; B: 2021+ with 成本指标 as 一级; C: evaluation framework).
with rows_of_published_forms as (

    select
        {{ surrogate_key(["'indicator'", normalize_name('scoring.level1'), normalize_name('scoring.level2'),
                          normalize_name('scoring.name')]) }} as indicator_key,
        scoring.level1,
        scoring.level2,
        scoring.name,
        scoring.applicable,
        scoring.is_cost_indicator,
        scoring.level2_allowed,
        published.report_year,
        published.received_at,
        published.form_id
    from {{ ref('int_indicator_scoring') }} as scoring
    inner join {{ ref('int_published_forms') }} as published on published.form_id = scoring.form_id

),

-- The row an indicator is described by: its latest form (report year, then receipt, then form_id).
-- Narrowed to the latest year and file with two aggregates first, so the window sorts the few rows of
-- that file instead of every row (~1,000,000 at 100,000 forms: half the model's time).
latest_year as (

    select indicator_key, max(report_year) as report_year
    from rows_of_published_forms
    group by indicator_key

),

latest_receipt as (

    select rows.indicator_key, rows.report_year, max(rows.received_at) as received_at
    from rows_of_published_forms as rows
    inner join latest_year
        on latest_year.indicator_key = rows.indicator_key
       and latest_year.report_year is not distinct from rows.report_year
    group by rows.indicator_key, rows.report_year

),

ranked as (

    select
        rows.*,
        row_number() over (partition by rows.indicator_key order by rows.form_id) as recency
    from rows_of_published_forms as rows
    inner join latest_receipt
        on latest_receipt.indicator_key = rows.indicator_key
       and latest_receipt.report_year is not distinct from rows.report_year
       and latest_receipt.received_at is not distinct from rows.received_at

),

indicator_usage as (

    select
        indicator_key,
        count(distinct form_id) as form_count,
        max(case when applicable then 1 else 0 end) as ever_applicable,
        min(report_year) as first_report_year,
        max(report_year) as last_report_year
    from rows_of_published_forms
    group by indicator_key

),

taxonomy as (

    select * from {{ ref('indicator_taxonomy') }}

)

select
    cast(ranked.indicator_key as varchar) as indicator_key,
    cast(ranked.level1 as varchar) as level1,
    cast(ranked.level2 as varchar) as level2,
    cast(ranked.name as varchar) as indicator_name,
    cast({{ normalize_name('ranked.name') }} as varchar) as indicator_name_normalised,
    cast(taxonomy.level1_code as varchar) as level1_code,
    cast(taxonomy.level2_code as varchar) as level2_code,
    cast(
        case
            when taxonomy.taxonomy_gen is not null then taxonomy.taxonomy_gen
            when {{ normalize_name('ranked.level2') }} in {{ generation_b_cost_level2() }} then 'B'
            when {{ normalize_name('ranked.level1') }} in {{ generation_c_level1() }} then 'C'
        end
    as varchar) as taxonomy_gen,
    ranked.level2_allowed,
    ranked.is_cost_indicator,
    indicator_usage.ever_applicable = 0 as is_placeholder,
    cast(indicator_usage.form_count as integer) as form_count,
    cast(indicator_usage.first_report_year as integer) as first_report_year,
    cast(indicator_usage.last_report_year as integer) as last_report_year
from ranked
inner join indicator_usage on indicator_usage.indicator_key = ranked.indicator_key
left join taxonomy
    on {{ normalize_name('taxonomy.level1') }} = {{ normalize_name('ranked.level1') }}
   and {{ normalize_name('taxonomy.level2') }} = {{ normalize_name('ranked.level2') }}
where ranked.recency = 1
