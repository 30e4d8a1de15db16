{#
  Arithmetic identity: |column - expression| <= tolerance on every row.  A row fails too when
  exactly one side is NULL (an identity that silently lost a term).
#}
{% test within_tolerance(model, column_name, expression, tolerance) %}
    select *
    from (
        select
            {{ column_name }} as actual_value,
            {{ expression }} as expected_value
        from {{ model }}
    ) as compared
    where (actual_value is null and expected_value is not null)
       or (actual_value is not null and expected_value is null)
       or abs(actual_value - expected_value) > {{ tolerance }}
{% endtest %}
