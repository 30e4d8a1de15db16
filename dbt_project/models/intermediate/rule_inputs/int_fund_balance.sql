-- R-FUND-05: the 年度资金总额 row against the sum of its source rows, per amount column.
{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail') }}
with fund_rows as (

    select * from {{ ref('stg_fund_rows') }}{{ where_new_forms() }}

),

forms as (

    select form_id, amount_unit from {{ ref('stg_forms') }}{{ where_new_forms() }}

),

-- one row per fund row × amount column
amounts as (

    select form_id, row_index, source, 'initial_budget' as amount_column, '年初预算数' as column_label,
           initial_budget as amount
    from fund_rows
    union all
    select form_id, row_index, source, 'annual_budget', '全年预算数', annual_budget
    from fund_rows
    union all
    select form_id, row_index, source, 'executed', '全年执行数', executed
    from fund_rows

),

-- the first 年度资金总额 row is the form's total (a second one would be a parser oddity)
total_rows as (

    select form_id, amount_column, amount as total_amount
    from (
        select
            form_id,
            amount_column,
            amount,
            row_number() over (partition by form_id, amount_column order by row_index) as position
        from amounts
        where source = 'total'
    ) as ranked
    where position = 1

),

-- every non-total row is a source (当年财政拨款, 上年结转资金, 其他资金, other:<label>);
-- blank cells count as 0, as rules.md says
source_sums as (

    select
        form_id,
        amount_column,
        min(column_label) as column_label,
        cast(sum(case when source <> 'total' then coalesce(amount, 0) else 0 end) as decimal(18, 4))
            as sources_sum,
        cast(count(case when source <> 'total' and amount is not null then 1 end) as integer)
            as source_rows_present
    from amounts
    group by form_id, amount_column

)

select
    source_sums.form_id,
    source_sums.amount_column,
    source_sums.column_label,
    total_rows.total_amount,
    source_sums.sources_sum,
    source_sums.source_rows_present,
    -- absolute gap; NULL where the rule does not apply (no total, or every source cell blank)
    case
        when total_rows.total_amount is not null and source_sums.source_rows_present > 0
            then cast(abs(total_rows.total_amount - source_sums.sources_sum) as decimal(18, 4))
    end as gap,
    forms.amount_unit
from source_sums
left join total_rows
    on total_rows.form_id = source_sums.form_id
   and total_rows.amount_column = source_sums.amount_column
left join forms on forms.form_id = source_sums.form_id
