-- fct_form_score's indicator sums equal the sums of its own rows in fct_indicator_result
-- (applicable rows only), within 0.0001: the two marts tell one story.
{{ config(tags=['post_check']) }}

with from_rows as (

    select
        form_id,
        coalesce(sum(case when applicable then weight end), 0) as indicator_weight_sum,
        coalesce(sum(case when applicable then reported_score end), 0) as indicator_score_sum,
        count(case when applicable then 1 end) as applicable_indicator_count,
        count(case when is_fully_met then 1 end) as fully_met_indicator_count
    from {{ ref('fct_indicator_result') }}
    group by form_id

)

select
    form_score.form_id,
    form_score.indicator_score_sum,
    from_rows.indicator_score_sum as indicator_score_sum_from_rows
from {{ ref('fct_form_score') }} as form_score
left join from_rows on from_rows.form_id = form_score.form_id
where abs(form_score.indicator_weight_sum - coalesce(from_rows.indicator_weight_sum, 0)) > 0.0001
   or abs(form_score.indicator_score_sum - coalesce(from_rows.indicator_score_sum, 0)) > 0.0001
   or form_score.applicable_indicator_count <> coalesce(from_rows.applicable_indicator_count, 0)
   or form_score.fully_met_indicator_count <> coalesce(from_rows.fully_met_indicator_count, 0)
