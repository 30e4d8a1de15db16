-- Indicator rows with the score the rules expect next to the reported one (R-IND-01..13).
-- Scoring applies only to applicable rows with a quantitative target and a numeric actual.
{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail') }}
with indicator_rows as (

    select * from {{ ref('stg_indicator_rows') }}{{ where_new_forms() }}

),

forms as (

    select form_id, amount_unit from {{ ref('stg_forms') }}{{ where_new_forms() }}

),

-- the form's 全年执行数 E from its (first) 年度资金总额 row, for the R-IND-10 cost cross-check
funds_executed as (

    select form_id, executed as funds_executed
    from (
        select
            form_id,
            executed,
            row_number() over (partition by form_id order by row_index) as position
        from {{ ref('int_fund_execution') }}
        where is_total_row and {{ new_forms_condition() }}
    ) as ranked
    where position = 1

),

taxonomy as (

    select level1, level2 from {{ ref('indicator_taxonomy') }}

),

classified as (

    select
        indicator_rows.*,
        forms.amount_unit,
        funds_executed.funds_executed,
        -- 成本指标 as 二级 (2020 form) or 一级 (2021+ form), or a cost named as such
        (
            coalesce(indicator_rows.level2, '') like '%成本%'
            or coalesce(indicator_rows.level1, '') like '%成本%'
            or coalesce(indicator_rows.name, '') like '%成本%'
        ) as is_cost_indicator,
        case
            when indicator_rows.level1 is null or indicator_rows.level2 is null then null
            else taxonomy.level1 is not null
        end as level2_allowed
    from indicator_rows
    left join forms on forms.form_id = indicator_rows.form_id
    left join funds_executed on funds_executed.form_id = indicator_rows.form_id
    left join taxonomy
        on {{ normalize_name('taxonomy.level1') }} = {{ normalize_name('indicator_rows.level1') }}
       and {{ normalize_name('taxonomy.level2') }} = {{ normalize_name('indicator_rows.level2') }}

),

-- R-IND-08: a numeric target written without an operator gets "<=" for costs, ">=" otherwise
operators as (

    select
        *,
        coalesce(
            target_operator,
            case
                when target_kind = 'quantitative' and target_value is not null
                    then case when is_cost_indicator then '<=' else '>=' end
            end
        ) as effective_operator
    from classified

),

comparable as (

    select
        *,
        target_operator is null and effective_operator is not null as operator_inferred,
        case
            when effective_operator in ('>=', '>', '=') then 'positive'
            when effective_operator in ('<=', '<') then 'reverse'
        end as direction,
        coalesce(applicable, false)
            and target_kind = 'quantitative'
            and target_value is not null
            and actual_value is not null
            and effective_operator is not null as is_scorable,
        -- rules.md notation, widened so products cannot overflow (see macros/numeric.sql)
        {{ widen('weight') }} as w,
        {{ widen('target_value') }} as t,
        {{ widen('actual_value') }} as a
    from operators

),

-- target_met agrees with the scoring formula: full marks exactly when it is true
met as (

    select
        *,
        case
            when not is_scorable then null
            when direction = 'reverse' then actual_value <= target_value
            -- equal target of 0 (R-IND-05): met only by A <= 0
            when effective_operator = '=' and target_value = 0 then actual_value <= 0
            else actual_value >= target_value
        end as target_met
    from comparable

),

expected as (

    select
        *,
        case when is_scorable then {{ safe_divide('a', 't', 6) }} end as achievement_ratio,
        case
            when not is_scorable or weight is null then null
            when target_met then weight
            -- positive / equal, missed: w·A/T (negative A counts as 0); nothing to share when T <= 0
            when direction = 'positive' then
                case
                    when t > 0 then {{ safe_divide('w * greatest(a, 0)', 't', 4) }}
                    else cast(0 as decimal(18, 4))
                end
            -- reverse, missed, linear variant: w·(2 − A/T) = w·(2T − A)/T, 0 from A >= 2T;
            -- T < A < 2T implies T > 0, so the division is safe
            when direction = 'reverse' then
                case
                    when a >= 2 * t then cast(0 as decimal(18, 4))
                    else {{ safe_divide('w * (2 * t - a)', 't', 4) }}
                end
        end as expected_score,
        -- reverse, missed, inverse variant: w·T/A (also accepted by R-IND-04)
        case
            when is_scorable and weight is not null and direction = 'reverse' and not target_met
                then {{ safe_divide('w * greatest(t, 0)', 'a', 4) }}
        end as expected_score_alt
    from met

)

select
    form_id,
    row_index,
    line,
    level1,
    level2,
    name,
    applicable,
    target_raw,
    actual_raw,
    target_kind,
    target_operator,
    effective_operator,
    operator_inferred,
    target_value,
    target_unit,
    actual_kind,
    actual_value,
    actual_unit,
    actual_band,
    weight,
    score,
    deviation_note,
    is_cost_indicator,
    direction,
    target_met,
    achievement_ratio,
    expected_score,
    expected_score_alt,
    case when weight is not null then {{ score_tolerance('weight') }} end as score_tolerance,
    -- the smaller gap over the accepted variants
    cast(
        case
            when score is null or expected_score is null then null
            when expected_score_alt is null then abs(score - expected_score)
            else least(abs(score - expected_score), abs(score - expected_score_alt))
        end
    as decimal(18, 4)) as score_gap,
    level2_allowed,
    funds_executed,
    amount_unit,
    is_scorable
from expected
