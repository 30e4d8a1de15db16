-- One row per form: the sums the weight and total rules compare (R-WGT-01/02, R-TOT-01/02/04/05).
{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail') }}
with forms as (

    select * from {{ ref('stg_forms') }}{{ where_new_forms() }}

),

-- the first 年度资金总额 row carries the funds weight and score; scores on source rows are
-- ignored (R-FUND-06)
funds_total as (

    select *
    from (
        select
            form_id,
            weight,
            score,
            recomputed_execution_rate,
            reported_execution_rate,
            row_number() over (partition by form_id order by row_index) as position
        from {{ ref('int_fund_execution') }}
        where is_total_row and {{ new_forms_condition() }}
    ) as ranked
    where position = 1

),

indicators as (

    select
        form_id,
        count(*) as indicator_row_count,
        count(case when applicable then 1 end) as applicable_indicator_count,
        count(case when applicable and score is not null then 1 end) as scored_indicator_count,
        coalesce(sum(case when applicable then weight end), 0) as indicator_weight_sum,
        coalesce(sum(case when applicable then score end), 0) as indicator_score_sum,
        {%- for code, label in [('output', '产出指标'), ('benefit', '效益指标'),
                                ('satisfaction', '满意度指标'), ('cost', '成本指标')] %}
        coalesce(sum(case when applicable and {{ normalize_name('level1') }} = '{{ label }}' then weight end), 0)
            as {{ code }}_weight{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ ref('stg_indicator_rows') }}{{ where_new_forms() }}
    group by form_id

),

combined as (

    select
        forms.form_id,
        forms.report_year,
        forms.project_name,
        forms.implementing_unit,
        forms.department,
        funds_total.form_id is not null as has_total_fund_row,
        coalesce(indicators.applicable_indicator_count, 0) as applicable_indicator_count,
        coalesce(indicators.indicator_row_count, 0) as indicator_row_count,
        forms.total_line is not null as has_total_row,
        funds_total.weight as funds_weight,
        funds_total.score as funds_score,
        funds_total.recomputed_execution_rate as funds_execution_rate,
        funds_total.reported_execution_rate as reported_funds_execution_rate,
        coalesce(indicators.indicator_weight_sum, 0) as indicator_weight_sum,
        coalesce(indicators.indicator_score_sum, 0) as indicator_score_sum,
        coalesce(indicators.scored_indicator_count, 0)
            + case when funds_total.score is not null then 1 else 0 end as scored_row_count,
        forms.total_weight,
        forms.total_score,
        forms.reported_grade,
        coalesce(indicators.output_weight, 0) as output_weight,
        coalesce(indicators.benefit_weight, 0) as benefit_weight,
        coalesce(indicators.satisfaction_weight, 0) as satisfaction_weight,
        coalesce(indicators.cost_weight, 0) as cost_weight
    from forms
    left join funds_total on funds_total.form_id = forms.form_id
    left join indicators on indicators.form_id = forms.form_id

)

select
    form_id,
    report_year,
    project_name,
    implementing_unit,
    department,
    has_total_fund_row,
    cast(applicable_indicator_count as integer) as applicable_indicator_count,
    cast(indicator_row_count as integer) as indicator_row_count,
    has_total_row,
    funds_weight,
    funds_score,
    funds_execution_rate,
    reported_funds_execution_rate,
    cast(indicator_weight_sum as decimal(18, 4)) as indicator_weight_sum,
    cast(indicator_score_sum as decimal(18, 4)) as indicator_score_sum,
    -- funds + applicable indicators: what R-WGT-01 compares with 100
    cast(coalesce(funds_weight, 0) + indicator_weight_sum as decimal(18, 4)) as weight_sum,
    total_weight,
    total_score,
    cast(coalesce(funds_score, 0) + indicator_score_sum as decimal(18, 4)) as computed_total_score,
    cast(abs(total_score - (coalesce(funds_score, 0) + indicator_score_sum)) as decimal(18, 4)) as total_gap,
    cast(scored_row_count as integer) as scored_row_count,
    reported_grade,
    -- the reported grade reduced to its band character ("优秀" -> "优"), for comparison with derived_grade
    case
        when reported_grade like '%优%' then '优'
        when reported_grade like '%良%' then '良'
        when reported_grade like '%中%' then '中'
        when reported_grade like '%差%' then '差'
        else reported_grade
    end as reported_grade_normalised,
    {{ grade_from_score('total_score') }} as derived_grade,
    cast(output_weight as decimal(18, 4)) as output_weight,
    cast(benefit_weight as decimal(18, 4)) as benefit_weight,
    cast(satisfaction_weight as decimal(18, 4)) as satisfaction_weight,
    cast(cost_weight as decimal(18, 4)) as cost_weight
from combined
