{#
  Schemas are used exactly as named in the folder configs (staging, intermediate, marts, reports),
  not prefixed with the target schema: other parts of jixiao (Great Expectations SQL, the publisher)
  address them by these names.  Models without a custom schema fall back to the target schema.
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
