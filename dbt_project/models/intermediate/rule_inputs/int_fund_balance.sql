-- R-FUND-05: the 年度资金总额 row against the sum of its source rows, per amount column.
-- One pass over the fund rows with fixed-size sums per form, unpivoted afterwards: the earlier
-- row-per-amount union with a window and text aggregates ran out of the 1 GB memory limit at
-- 1,000,000 forms.
{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail') }}
with fund_rows as (

    select * from {{ ref('stg_fund_rows') }}{{ where_new_forms() }}

),

forms as (

    select form_id, amount_unit from {{ ref('stg_forms') }}{{ where_new_forms() }}

),

-- every non-total row is a source (当年财政拨款, 上年结转资金, 其他资金, other:<label>);
-- blank cells count as 0, as rules.md says
per_form as (

    select
        form_id,
        -- the first 年度资金总额 row is the form's total (a second one would be a parser oddity)
        min(case when source = 'total' then row_index end) as total_row_index,
        sum(case when source <> 'total' then coalesce(initial_budget, 0) else 0 end) as initial_budget_sum,
        sum(case when source <> 'total' then coalesce(annual_budget, 0) else 0 end) as annual_budget_sum,
        sum(case when source <> 'total' then coalesce(executed, 0) else 0 end) as executed_sum,
        count(case when source <> 'total' and initial_budget is not null then 1 end) as initial_budget_present,
        count(case when source <> 'total' and annual_budget is not null then 1 end) as annual_budget_present,
        count(case when source <> 'total' and executed is not null then 1 end) as executed_present
    from fund_rows
    group by form_id

),

balances as (

    select
        per_form.*,
        totals.initial_budget as initial_budget_total,
        totals.annual_budget as annual_budget_total,
        totals.executed as executed_total
    from per_form
    left join fund_rows as totals
        on totals.form_id = per_form.form_id
       and totals.row_index = per_form.total_row_index

),

-- one row per form × amount column
amounts as (

    select form_id, 'initial_budget' as amount_column, '年初预算数' as column_label,
           initial_budget_total as total_amount, initial_budget_sum as sources_sum,
           initial_budget_present as source_rows_present
    from balances
    union all
    select form_id, 'annual_budget', '全年预算数', annual_budget_total, annual_budget_sum, annual_budget_present
    from balances
    union all
    select form_id, 'executed', '全年执行数', executed_total, executed_sum, executed_present
    from balances

)

select
    amounts.form_id,
    amounts.amount_column,
    amounts.column_label,
    amounts.total_amount,
    cast(amounts.sources_sum as decimal(18, 4)) as sources_sum,
    cast(amounts.source_rows_present as integer) as source_rows_present,
    -- absolute gap; NULL where the rule does not apply (no total, or every source cell blank)
    case
        when amounts.total_amount is not null and amounts.source_rows_present > 0
            then cast(abs(amounts.total_amount - cast(amounts.sources_sum as decimal(18, 4))) as decimal(18, 4))
    end as gap,
    forms.amount_unit
from amounts
left join forms on forms.form_id = amounts.form_id
