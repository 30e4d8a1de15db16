{#
  Grain test: no two rows share the combination.  GROUP BY puts NULLs in one group, so a NULL
  part counts as a value (as dbt_utils does).
#}
{% test unique_combination_of_columns(model, combination_of_columns) %}
    select
        {{ combination_of_columns | join(', ') }},
        count(*) as row_count
    from {{ model }}
    group by {{ combination_of_columns | join(', ') }}
    having count(*) > 1
{% endtest %}
