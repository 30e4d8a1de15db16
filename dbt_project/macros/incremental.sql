{#
  Incremental rule inputs (issue 6, "only new or changed forms are re-checked").

  Raw rows are append-only: a file is landed once, by content hash, and its forms never change.
  The rule-input models are functions of one form's own rows (plus the seed taxonomy), so a build
  only has to add the forms that are not in the model yet:

      {{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail') }}
      ... from {{ ref('stg_fund_rows') }} {{ where_new_forms() }}

  A backfill of report years (orchestration/partitions.py) passes `rebuild_years` (and `relanded_by`,
  the backfill's load id, which catches a form whose year the re-parse changed): the pre-hook
  `forget_rebuilt_forms` deletes those forms' rows first, so the append adds them back as they are
  computed now, and other years' rows stay as they are.

  Not incremental: int_form_versions and everything after the checks (they depend on other forms).
  When the models, macros, seeds or rules change, the pipeline runs `dbt build --full-refresh`
  (orchestration/dbt/assets.py compares the code fingerprint of the last successful load), so
  rows computed by older code never survive an upgrade. By hand: `dbt build --full-refresh`.
#}

{# Unit tests render models without a relation (`this` is none): they are never incremental. #}
{% macro building_incrementally() -%}
    {{ return(this is not none and is_incremental()) }}
{%- endmacro %}

{#
  `one_row_per_form`: a condition that picks exactly one row of every form the model holds, where the
  model's SQL guarantees one (int_numeric_cells: the 总分·得分 cell). The set of built forms is then
  read from one row per form instead of ~50.
#}
{% macro new_forms_condition(column='form_id', one_row_per_form=none) -%}
    {%- if building_incrementally() -%}
        {{ column }} not in (select form_id from {{ this }}
            {%- if one_row_per_form %} where {{ one_row_per_form }}{% endif %})
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{% macro where_new_forms(column='form_id', one_row_per_form=none) -%}
    {%- if building_incrementally() %}
    where {{ new_forms_condition(column, one_row_per_form) }}
    {%- endif %}
{%- endmacro %}

{% macro forget_rebuilt_forms(column='form_id') -%}
    {%- set years = var('rebuild_years', []) -%}
    {%- set relanded_by = var('relanded_by', none) -%}
    {%- if (years or relanded_by) and building_incrementally() -%}
    delete from {{ this }} where {{ column }} in (
        select form_id from {{ source('raw', 'forms') }}
        where {% if years %}report_year in ({{ years | map('int') | join(', ') }}){% else %}false{% endif %}
        {%- if relanded_by %} or load_id = '{{ relanded_by | replace("'", "''") }}'{% endif %}
    )
    {%- endif -%}
{%- endmacro %}

{#
  Incremental published facts (marts fct_*). A fact row is a function of its form's own rows and of
  the form being published; `compared_columns` are the columns a fact takes from the form's status
  that another form can change (its version number once a newer version arrives, its warning count).
  Before the append, rows of forms that are no longer published, or whose compared columns differ
  from int_published_forms now, are deleted; the append then adds every published form the model
  lacks. Superseded, newly quarantined and re-landed forms thus leave; new and changed ones enter.
#}
{% macro forget_unpublished_forms(compared_columns=[]) -%}
    {%- if building_incrementally() -%}
    delete from {{ this }} where form_id not in (
        select built.form_id
        from {{ this }} as built
        inner join {{ ref('int_published_forms') }} as published on published.form_id = built.form_id
        {%- for column in compared_columns %}
            {{ 'where' if loop.first else 'and' }} published.{{ column }} is not distinct from built.{{ column }}
        {%- endfor %}
    )
    {%- endif -%}
{%- endmacro %}
