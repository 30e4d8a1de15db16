{#
  not_null for several columns of one model in one query: one failing row per row with a NULL,
  naming the first NULL column.  dbt spends ~25-50 ms of its own per test node whatever the table
  size, and the builds had ~60 single-column not_null tests (benchmarks/README.md).
#}
{% test not_null_columns(model, columns) %}
    select null_column
    from (
        select case
            {%- for column in columns %}
            when {{ column }} is null then '{{ column }}'
            {%- endfor %}
        end as null_column
        from {{ model }}
    ) as checked
    where null_column is not null
{% endtest %}
