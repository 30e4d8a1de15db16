-- The published layer holds exactly the forms int_form_status marks 'published'.
{{ config(tags=['post_check']) }}

with published as (

    select form_id from {{ ref('int_form_status') }} where status = 'published'

),

in_marts as (

    select form_id from {{ ref('fct_form_score') }}
    union
    select form_id from {{ ref('fct_fund_execution') }}
    union
    select form_id from {{ ref('fct_indicator_result') }}

)

select coalesce(in_marts.form_id, published.form_id) as form_id,
       in_marts.form_id is null as missing_from_marts
from in_marts
full outer join published on published.form_id = in_marts.form_id
where in_marts.form_id is null or published.form_id is null
