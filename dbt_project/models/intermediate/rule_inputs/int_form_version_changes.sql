-- What changed between a re-submitted form and its previous version: one row per differing cell,
-- so R-PARSE-04 tells auditors what changed, not only that something did. Cells are compared as
-- written (raw text), matched by part, row position and column.
with pairs as (

    select form_id, previous_form_id
    from {{ ref('int_form_versions') }}
    where content_changed

),

-- only the forms of a changed pair are unfolded into cells (a full unfolding is ~50 rows per form)
involved as (

    select form_id from pairs
    union
    select previous_form_id from pairs

),

forms as (

    select * from {{ ref('stg_forms') }} where form_id in (select form_id from involved)

),

funds as (

    select * from {{ ref('stg_fund_rows') }} where form_id in (select form_id from involved)

),

indicators as (

    select * from {{ ref('stg_indicator_rows') }} where form_id in (select form_id from involved)

),

cells as (

    select form_id, 0 as part_order, 0 as row_index, 'total_weight' as cell, '总分·分值' as subject,
        total_weight_raw as cell_value
    from forms
    union all
    select form_id, 0, 0, 'total_score', '总分·得分', total_score_raw from forms
    union all
    select form_id, 1, row_index, 'initial_budget', source_label || '·年初预算数', initial_budget_raw from funds
    union all
    select form_id, 1, row_index, 'annual_budget', source_label || '·全年预算数', annual_budget_raw from funds
    union all
    select form_id, 1, row_index, 'executed', source_label || '·全年执行数', executed_raw from funds
    union all
    select form_id, 1, row_index, 'execution_rate', source_label || '·执行率', execution_rate_raw from funds
    union all
    select form_id, 1, row_index, 'score', source_label || '·得分', score_raw from funds
    union all
    select form_id, 2, row_index, 'name', '三级指标', name from indicators
    union all
    select form_id, 2, row_index, 'target', name || '·年度指标值', target_raw from indicators
    union all
    select form_id, 2, row_index, 'actual', name || '·实际完成值', actual_raw from indicators
    union all
    select form_id, 2, row_index, 'weight', name || '·分值', weight_raw from indicators
    union all
    select form_id, 2, row_index, 'score', name || '·得分', score_raw from indicators

),

current_cells as (

    select pairs.form_id, pairs.previous_form_id, cells.part_order, cells.row_index, cells.cell,
        cells.subject, cells.cell_value
    from pairs
    inner join cells on cells.form_id = pairs.form_id

),

previous_cells as (

    select pairs.form_id, pairs.previous_form_id, cells.part_order, cells.row_index, cells.cell,
        cells.subject, cells.cell_value
    from pairs
    inner join cells on cells.form_id = pairs.previous_form_id

)

select
    coalesce(cur.form_id, prev.form_id) as form_id,
    coalesce(cur.previous_form_id, prev.previous_form_id) as previous_form_id,
    coalesce(cur.part_order, prev.part_order) as part_order,
    coalesce(cur.row_index, prev.row_index) as row_index,
    coalesce(cur.cell, prev.cell) as cell,
    coalesce(cur.subject, prev.subject) as subject,
    prev.cell_value as previous_value,
    cur.cell_value as current_value
from current_cells as cur
full outer join previous_cells as prev
    on prev.form_id = cur.form_id
    and prev.part_order = cur.part_order
    and prev.row_index = cur.row_index
    and prev.cell = cur.cell
where coalesce(trim(cur.cell_value), '') <> coalesce(trim(prev.cell_value), '')
