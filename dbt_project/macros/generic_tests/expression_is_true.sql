{# Every row satisfies a boolean SQL expression (NULL counts as a failure). #}
{% test expression_is_true(model, expression) %}
    select *
    from {{ model }}
    where not coalesce({{ expression }}, false)
{% endtest %}
