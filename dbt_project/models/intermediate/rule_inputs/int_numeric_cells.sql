-- R-PARSE-03: the cells that must hold a number and could fail the rule, with their text.
-- A cell fails when its text is not blank / "—" / "/" and parsed_value is NULL; is_required marks
-- cells where blank is not allowed either (total row, applicable indicators, 总分).
-- A cell the parser read a number from cannot fail, so only cells without one are kept (about a
-- third of the 4.7 M numeric cells of 100,000 forms), plus every form's 总分·得分 cell, whatever it
-- holds: one row per form, which tells the incremental build the form is in the model.
{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail') }}
with fund_rows as (

    select * from {{ ref('stg_fund_rows') }}{{ where_new_forms(one_row_per_form="row_kind = 'total' and cell = 'total_score'") }}

),

indicator_rows as (

    select * from {{ ref('stg_indicator_rows') }}{{ where_new_forms(one_row_per_form="row_kind = 'total' and cell = 'total_score'") }}

),

forms as (

    select * from {{ ref('stg_forms') }}{{ where_new_forms(one_row_per_form="row_kind = 'total' and cell = 'total_score'") }}

),

fund_cells as (

    {%- set fund_cells = [
        ('initial_budget', '年初预算数', 'false'),
        ('annual_budget', '全年预算数', 'true'),
        ('executed', '全年执行数', 'true'),
        ('weight', '分值', 'true'),
        ('execution_rate', '执行率', 'true'),
        ('score', '得分', 'true'),
    ] %}
    {%- for cell, label, required_on_total in fund_cells %}
    select
        form_id,
        'fund' as row_kind,
        row_index,
        coalesce(source_label, source) || '·{{ label }}' as subject,
        '{{ cell }}' as cell,
        {{ cell }}_raw as raw_text,
        cast({{ cell }} as decimal(18, 6)) as parsed_value,
        line,
        source = 'total' and {{ required_on_total }} as is_required
    from fund_rows
    where {{ cell }} is null
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

indicator_cells as (

    {%- for cell, label in [('weight', '分值'), ('score', '得分')] %}
    select
        form_id,
        'indicator' as row_kind,
        row_index,
        coalesce(name, level2, level1, '指标') || '·{{ label }}' as subject,
        '{{ cell }}' as cell,
        {{ cell }}_raw as raw_text,
        cast({{ cell }} as decimal(18, 6)) as parsed_value,
        line,
        coalesce(applicable, false) as is_required
    from indicator_rows
    where {{ cell }} is null
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

total_cells as (

    -- the 总分 row: its score is required, its weight only checked if given (R-WGT-01)
    select
        form_id,
        'total' as row_kind,
        cast(null as integer) as row_index,
        '总分·分值' as subject,
        'total_weight' as cell,
        total_weight_raw as raw_text,
        cast(total_weight as decimal(18, 6)) as parsed_value,
        total_line as line,
        false as is_required
    from forms
    where total_weight is null
    union all
    select
        form_id,
        'total',
        cast(null as integer),
        '总分·得分',
        'total_score',
        total_score_raw,
        cast(total_score as decimal(18, 6)),
        total_line,
        true
    from forms

)

select * from fund_cells
union all
select * from indicator_cells
union all
select * from total_cells
