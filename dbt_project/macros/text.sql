{#
  Name normalisation shared by version keys and dimension keys.  Only regexp_replace(..., 'g'),
  lower() and || are used: they behave the same on DuckDB (RE2) and PostgreSQL (ARE).
  Full-width and ASCII punctuation are both removed, so "面试人数（人）" = "面试人数(人)".
#}
{% macro name_noise_pattern() -%}
    '[[:space:]　()（）【】《》〈〉“”"‘’、，,。.；;：:·・•—–_/|-]'
{%- endmacro %}

{% macro normalize_name(expression) -%}
    lower(regexp_replace(coalesce({{ expression }}, ''), {{ name_noise_pattern() }}, '', 'g'))
{%- endmacro %}

{#
  Project name without a leading budget-year prefix ("2020年", "2021年度", "2021 年度"), so a
  recurring project keeps one key across years: "2020年事业单位公开招聘工作相关经费" and
  "2021年度事业单位公开招聘工作相关经费" share a stem; "事业单位公开招聘工作经费" does not.
#}
{% macro project_name_stem(expression) -%}
    regexp_replace({{ normalize_name(expression) }}, '^(19|20)[0-9]{2}年度?', '')
{%- endmacro %}
