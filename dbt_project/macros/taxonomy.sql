{#
  Taxonomy generations of scoring_rules_research.md §5.1 that the seed `indicator_taxonomy` does
  not list as pairs: generation B cost 二级 labels (recognised under any 一级, e.g. 经济成本指标
  placed under 产出指标 is still generation B, with R-IND-11 reporting the misplacement), and the
  generation C evaluation-framework 一级 labels (决策 / 过程 / 产出 / 效益).
#}
{% macro generation_b_cost_level2() -%}
    ('经济成本指标', '社会成本指标', '生态环境成本指标')
{%- endmacro %}

{% macro generation_c_level1() -%}
    ('决策', '项目决策', '过程', '项目管理', '产出', '项目产出', '效益', '项目效益')
{%- endmacro %}
