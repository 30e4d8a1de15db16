{#
  Grain test: no two rows share the combination.  GROUP BY puts NULLs in one group, so a NULL
  part counts as a value (as dbt_utils does).
#}
{% test unique_combination_of_columns(model, combination_of_columns) %}
    {{ adapter.dispatch('unique_combination_query')(model, combination_of_columns) }}
{% endtest %}

{% macro default__unique_combination_query(model, combination_of_columns) %}
    {%- set columns = combination_of_columns | join(', ') %}
    select {{ columns }}, count(*) as row_count
    from {{ model }}
    group by {{ columns }}
    having count(*) > 1
{% endmacro %}

{#
  DuckDB: grouping millions of rows (int_numeric_cells) on four text columns was the slowest test of
  a build (~1 s at 100,000 forms).  Grouping one 64-bit hash of the combination first is ~3x faster;
  only rows whose hash repeats are then grouped on the columns themselves, so a hash collision
  never reports a duplicate that is not one (same result as the default query).
#}
{% macro duckdb__unique_combination_query(model, combination_of_columns) %}
    {%- set columns = combination_of_columns | join(', ') %}
    select {{ columns }}, count(*) as row_count
    from {{ model }}
    where hash({{ columns }}) in (
        select hash({{ columns }}) from {{ model }}
        group by hash({{ columns }})
        having count(*) > 1
    )
    group by {{ columns }}
    having count(*) > 1
{% endmacro %}
