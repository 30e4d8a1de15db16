-- One row per funds-block row (年度资金总额 and its source rows), numbers cast once.
select
    form_id,
    file_hash,
    cast(form_index as integer) as form_index,
    cast(row_index as integer) as row_index,
    cast(line as integer) as line,
    source,
    source_label,
    {{ to_decimal('initial_budget') }} as initial_budget,
    initial_budget_raw,
    {{ to_decimal('annual_budget') }} as annual_budget,
    annual_budget_raw,
    {{ to_decimal('executed') }} as executed,
    executed_raw,
    {{ to_decimal('weight') }} as weight,
    weight_raw,
    -- the contract stores the rate as a fraction ("98.74%" -> 0.9874)
    {{ to_decimal('execution_rate', 6) }} as execution_rate,
    execution_rate_raw,
    {{ to_decimal('score') }} as score,
    score_raw
from {{ source('raw', 'fund_rows') }}
