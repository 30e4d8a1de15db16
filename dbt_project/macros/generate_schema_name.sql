{#
  Schemas are used exactly as named in the folder configs (staging, intermediate, marts, reports),
  not prefixed with the target schema: other parts of jixiao (Great Expectations SQL, the publisher)
  address them by these names.  Models without a custom schema fall back to the target schema.

  `--vars '{jixiao_schema_prefix: p_}'` prefixes every schema, sources (raw, quality) included:
  p_raw, p_staging, p_intermediate...  Empty by default (the pipeline); used to keep a test's or a
  tenant's tables apart on a shared server (tests/dbt/test_dbt_postgres.py).
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ var('jixiao_schema_prefix', '') }}{{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
