{# md5 text surrogate key over the given expressions; NULL parts hash as a fixed token. #}
{% macro surrogate_key(expressions) -%}
    cast(md5(
    {%- for expression in expressions %}
        coalesce(cast({{ expression }} as varchar), '_jixiao_null_')
        {%- if not loop.last %} || '|' || {% endif %}
    {%- endfor %}
    ) as varchar)
{%- endmacro %}
