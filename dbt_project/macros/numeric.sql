{#
  Decimal arithmetic that gives the same answer on DuckDB and PostgreSQL.

  Amounts, weights and scores are DECIMAL(18,4); rates and ratios DECIMAL(18,6).
  Products are taken in DECIMAL(38,12): DuckDB keeps the width of DECIMAL(18,s) * DECIMAL(18,s)
  at 18 digits and overflows on large 元 amounts.  DuckDB divides DECIMALs in DOUBLE (PostgreSQL
  keeps NUMERIC); the quotient is cast straight back to DECIMAL(18, scale), which is exact to the
  last kept digit for quotients below 1e9 (DOUBLE carries ~15.9 significant digits).  Rule
  comparisons therefore hold to 1e-6 for rates and 1e-4 for scores; every rule tolerance
  (0.01 pp, tolS(w) >= 0.006) is orders of magnitude wider.
#}

{# Cast canonical decimal text (raw VARCHAR) once; blank text is a missing number, not zero. #}
{% macro to_decimal(expression, scale=4) -%}
    cast(nullif(trim({{ expression }}), '') as decimal(18, {{ scale }}))
{%- endmacro %}

{% macro widen(expression) -%}
    cast({{ expression }} as decimal(38, 12))
{%- endmacro %}

{# numerator / denominator as DECIMAL(18, scale); NULL when the denominator is 0 or NULL. #}
{% macro safe_divide(numerator, denominator, scale=6) -%}
    cast({{ widen(numerator) }} / nullif({{ widen(denominator) }}, 0) as decimal(18, {{ scale }}))
{%- endmacro %}

{#
  Round half up to `places` decimals.  round() on a DECIMAL rounds half away from zero on both
  engines (on DOUBLE DuckDB would not guarantee it), which is half up for the non-negative scores
  this is used on; 89.995 -> 90.00.
#}
{% macro round_half_up(expression, places=2) -%}
    round(cast({{ expression }} as decimal(18, 4)), {{ places }})
{%- endmacro %}

{# tolS(w) = 0.005·w + 0.006 (rules.md): the accepted gap between a reported and a formula score. #}
{% macro score_tolerance(weight) -%}
    cast(0.005 * {{ weight }} + 0.006 as decimal(18, 6))
{%- endmacro %}

{# R-TOT-04 grade bands on round-half-up 2 dp: 优 >= 90, 良 [80, 90), 中 [60, 80), 差 < 60. #}
{% macro grade_from_score(score) -%}
    case
        when {{ score }} is null then null
        when {{ round_half_up(score) }} >= 90 then '优'
        when {{ round_half_up(score) }} >= 80 then '良'
        when {{ round_half_up(score) }} >= 60 then '中'
        else '差'
    end
{%- endmacro %}

{# Amounts in the form's own unit -> 万元, so forms written in 元 can be summed with the rest. #}
{% macro to_wan_yuan(amount, amount_unit) -%}
    cast(case when {{ amount_unit }} = '元' then {{ amount }} * 0.0001 else {{ amount }} end as decimal(18, 4))
{%- endmacro %}
