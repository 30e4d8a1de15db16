-- Funds block, one row per row: reported execution rate and score next to E/B and w·min(E/B, 1)
-- (R-FUND-01/02/03/04/06/07).
{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail') }}
with fund_rows as (

    select * from {{ ref('stg_fund_rows') }}{{ where_new_forms() }}

),

forms as (

    select form_id, amount_unit from {{ ref('stg_forms') }}{{ where_new_forms() }}

),

rates as (

    select
        fund_rows.*,
        forms.amount_unit,
        fund_rows.source = 'total' as is_total_row,
        -- B = 0 or blank: no rate at all (R-FUND-07), never 0
        case
            when fund_rows.executed is not null and fund_rows.annual_budget <> 0
                then {{ safe_divide('fund_rows.executed', 'fund_rows.annual_budget', 6) }}
        end as recomputed_execution_rate
    from fund_rows
    left join forms on forms.form_id = fund_rows.form_id

),

expected as (

    select
        *,
        case
            when weight is null or recomputed_execution_rate is null then null
            -- capped at the weight: spending above the budget earns no more than full marks
            when executed >= annual_budget then weight
            -- w·E/B with the division last, so no rounded rate enters the score
            else {{ safe_divide(widen('weight') ~ ' * executed', 'annual_budget', 4) }}
        end as expected_score
    from rates

)

select
    form_id,
    row_index,
    line,
    source,
    source_label,
    is_total_row,
    initial_budget,
    annual_budget,
    executed,
    weight,
    score,
    execution_rate as reported_execution_rate,
    recomputed_execution_rate,
    cast(abs(execution_rate - recomputed_execution_rate) * 100 as decimal(18, 6)) as rate_gap_pp,
    expected_score,
    case when weight is not null then {{ score_tolerance('weight') }} end as score_tolerance,
    cast(abs(score - expected_score) as decimal(18, 4)) as score_gap,
    amount_unit
from expected
