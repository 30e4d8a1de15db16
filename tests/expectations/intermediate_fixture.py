"""Hand-built `intermediate.*` tables for the rule-suite tests.

The dbt models are written elsewhere; this module creates the seven pre-check intermediate
tables with exactly the columns of docs/ARCHITECTURE.md ("dbt") in a DuckDB file, filled from
small Python descriptions of forms. Derived columns (recomputed rates, expected scores…) are
filled the way ARCHITECTURE.md defines them, as a reference for the dbt models; the rule
suites themselves recompute from reported values and only rely on the classification columns.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import duckdb

D4 = "DECIMAL(18,4)"
D6 = "DECIMAL(18,6)"

COLUMNS: dict[str, list[tuple[str, str]]] = {
    "int_form_versions": [
        ("form_id", "VARCHAR"), ("form_key", "VARCHAR"), ("version_number", "INTEGER"),
        ("is_current", "BOOLEAN"), ("previous_form_id", "VARCHAR"),
        ("previous_content_hash", "VARCHAR"), ("content_hash", "VARCHAR"),
        ("content_changed", "BOOLEAN"),
    ],
    "int_form_version_changes": [
        ("form_id", "VARCHAR"), ("previous_form_id", "VARCHAR"), ("part_order", "INTEGER"),
        ("row_index", "INTEGER"), ("cell", "VARCHAR"), ("subject", "VARCHAR"),
        ("previous_value", "VARCHAR"), ("current_value", "VARCHAR"),
    ],
    "int_numeric_cells": [
        ("form_id", "VARCHAR"), ("subject", "VARCHAR"), ("cell", "VARCHAR"),
        ("raw_text", "VARCHAR"), ("parsed_value", D6), ("line", "INTEGER"),
        ("is_required", "BOOLEAN"),
    ],
    "int_fund_execution": [
        ("form_id", "VARCHAR"), ("row_index", "INTEGER"), ("line", "INTEGER"),
        ("source", "VARCHAR"), ("source_label", "VARCHAR"), ("is_total_row", "BOOLEAN"),
        ("initial_budget", D4), ("annual_budget", D4), ("executed", D4), ("weight", D4),
        ("score", D4), ("reported_execution_rate", D6), ("recomputed_execution_rate", D6),
        ("rate_gap_pp", D6), ("expected_score", D4), ("score_tolerance", D4), ("score_gap", D4),
    ],
    "int_fund_balance": [
        ("form_id", "VARCHAR"), ("amount_column", "VARCHAR"), ("column_label", "VARCHAR"),
        ("total_amount", D4), ("sources_sum", D4), ("source_rows_present", "INTEGER"),
        ("gap", D4),
    ],
    "int_indicator_scoring": [
        ("form_id", "VARCHAR"), ("row_index", "INTEGER"), ("line", "INTEGER"),
        ("level1", "VARCHAR"), ("level2", "VARCHAR"), ("name", "VARCHAR"),
        ("applicable", "BOOLEAN"), ("target_raw", "VARCHAR"), ("actual_raw", "VARCHAR"),
        ("target_kind", "VARCHAR"), ("target_operator", "VARCHAR"),
        ("effective_operator", "VARCHAR"), ("operator_inferred", "BOOLEAN"),
        ("target_value", D6), ("target_unit", "VARCHAR"), ("actual_kind", "VARCHAR"),
        ("actual_value", D6), ("actual_band", "VARCHAR"), ("weight", D4), ("score", D4),
        ("deviation_note", "VARCHAR"), ("is_cost_indicator", "BOOLEAN"), ("direction", "VARCHAR"),
        ("target_met", "BOOLEAN"), ("achievement_ratio", D6), ("expected_score", D4),
        ("expected_score_alt", D4), ("score_tolerance", D4), ("score_gap", D4),
        ("level2_allowed", "BOOLEAN"), ("funds_executed", D4), ("amount_unit", "VARCHAR"),
    ],
    "int_level1_weights": [
        ("form_id", "VARCHAR"), ("level1", "VARCHAR"), ("declared_weight", D4),
        ("indicator_weight_sum", D4),
    ],
    "int_form_totals": [
        ("form_id", "VARCHAR"), ("report_year", "INTEGER"), ("project_name", "VARCHAR"),
        ("implementing_unit", "VARCHAR"), ("department", "VARCHAR"),
        ("has_total_fund_row", "BOOLEAN"), ("applicable_indicator_count", "INTEGER"),
        ("indicator_row_count", "INTEGER"), ("has_total_row", "BOOLEAN"), ("funds_weight", D4),
        ("funds_score", D4), ("funds_execution_rate", D6), ("indicator_weight_sum", D4),
        ("indicator_score_sum", D4), ("weight_sum", D4), ("total_weight", D4),
        ("total_score", D4), ("computed_total_score", D4), ("total_gap", D4),
        ("scored_row_count", "INTEGER"), ("reported_grade", "VARCHAR"),
        ("derived_grade", "VARCHAR"), ("output_weight", D4), ("benefit_weight", D4),
        ("satisfaction_weight", D4), ("cost_weight", D4),
    ],
}

COST_LEVEL2 = ("成本指标", "经济成本指标", "社会成本指标", "生态环境成本指标")
ACCEPTED_LEVEL2 = {
    "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
    "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    "满意度指标": ("满意度指标", "服务对象满意度指标"),
    "成本指标": ("经济成本指标", "社会成本指标", "生态环境成本指标"),
}
AMOUNT_LABELS = {"initial_budget": "年初预算数", "annual_budget": "全年预算数", "executed": "全年执行数"}
BANDS = ("达成", "部分达成", "未达成")


def dec(value: Any) -> Decimal | None:
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(str(value))


def rh(value: Decimal | None, places: int = 4) -> Decimal | None:
    if value is None:
        return None
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


# --- forms as tests describe them -----------------------------------------------------------


@dataclass
class Fund:
    source: str  # total | appropriation | carryover | other
    label: str
    initial_budget: Any = None
    annual_budget: Any = None
    executed: Any = None
    weight: Any = None
    execution_rate: Any = None  # fraction
    score: Any = None
    cell_text: dict[str, str] = field(default_factory=dict)  # raw text overrides by column


@dataclass
class Indicator:
    level1: str
    level2: str
    name: str
    target_raw: str
    actual_raw: str
    weight: Any = None
    score: Any = None
    deviation_note: str | None = None
    applicable: bool | None = None  # None: derived (all "/" or empty -> not applicable)
    cell_text: dict[str, str] = field(default_factory=dict)


@dataclass
class Form:
    form_id: str
    funds: list[Fund]
    indicators: list[Indicator]
    project_name: str | None = "测试项目"
    report_year: int | None = 2021
    implementing_unit: str = "测试单位"
    department: str = "测试部门"
    amount_unit: str = "万元"
    total_weight: Any = 100
    total_score: Any = None  # None: the sum of the scores (a consistent form)
    has_total_row: bool = True
    reported_grade: str | None = None
    declared_weights: dict[str, Any] = field(default_factory=dict)  # "产出指标(50分)"
    # versions
    form_key: str | None = None
    version_number: int = 1
    is_current: bool = True
    previous_form_id: str | None = None
    previous_content_hash: str | None = None
    content_hash: str | None = None

    def copy(self, form_id: str) -> Form:
        clone = copy.deepcopy(self)
        clone.form_id = form_id
        return clone

    def indicator(self, name: str) -> Indicator:
        return next(i for i in self.indicators if i.name == name)

    def fund(self, source: str) -> Fund:
        return next(f for f in self.funds if f.source == source)


def base_form(form_id: str = "base") -> Form:
    """A form that breaks no rule: 10/50/30/10, rate 95 %, 总分 99.5."""
    return Form(
        form_id=form_id,
        funds=[
            Fund("total", "年度资金总额", 100, 100, 95, 10, "0.95", "9.5"),
            Fund("appropriation", "当年财政拨款", 100, 100, 95),
            Fund("carryover", "上年结转资金", 0, 0, 0),
            Fund("other", "其他资金", 0, 0, 0),
        ],
        indicators=[
            Indicator("产出指标", "数量指标", "培训人数（人）", ">=100人", "100", 20, 20),
            Indicator("产出指标", "质量指标", "培训合格率", ">=90%", "95%", 15, 15),
            Indicator("产出指标", "成本指标", "项目成本（万元）", "<=100万元", "95", 15, 15),
            Indicator("效益指标", "经济效益指标", "/", "/", "/"),
            Indicator("效益指标", "社会效益指标", "培训人员专业水平", "提高", "达成", 30, 30),
            Indicator("满意度指标", "服务对象满意度指标", "受训人员满意度", ">=90%", "95%", 10, 10),
        ],
        reported_grade="优",
    )


def shared_dir() -> Path:
    configured = os.environ.get("JIXIAO_SHARED_DIR")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2].parent / "shared"


_FUND_LABELS = {"total": "年度资金总额", "appropriation": "当年财政拨款", "carryover": "上年结转资金",
                "other": "其他资金"}


def form_from_contract(form_id: str, spec: dict[str, Any]) -> Form:
    """A Form from a contract dict (seed_expected.json, fixtures/real_forms/*.json)."""
    return Form(
        form_id=form_id,
        project_name=spec.get("project_name"),
        report_year=spec.get("report_year"),
        implementing_unit=spec.get("implementing_unit") or "",
        department=spec.get("department") or "",
        amount_unit=spec.get("money_unit") or spec.get("amount_unit") or "万元",
        total_weight=spec.get("total_weight"),
        total_score=spec.get("total_score"),
        has_total_row=spec.get("total_score") is not None or spec.get("total_weight") is not None,
        reported_grade=spec.get("grade"),
        declared_weights=spec.get("level1_weights") or {},
        funds=[
            Fund(f["source"], f.get("source_label") or _FUND_LABELS.get(f["source"], f["source"]),
                 f["initial_budget"], f["annual_budget"], f["executed"], f["weight"],
                 f["execution_rate"], f["score"])
            for f in spec["funds"]
        ],
        indicators=[
            Indicator(i["level1"], i["level2"], i["name"], i["target_raw"], i["actual_raw"],
                      i["weight"], i["score"], i.get("deviation_note"))
            for i in spec["indicators"]
        ],
    )


def seed_forms(prefix: str = "seed#") -> list[Form]:
    """The five seed forms, from ../shared/spec/seed_expected.json (the contract values)."""
    contract = json.loads((shared_dir() / "spec" / "seed_expected.json").read_text("utf-8"))
    return [form_from_contract(f"{prefix}{index}", spec) for index, spec in enumerate(contract)]


def real_forms() -> list[Form]:
    """The golden parses of ../shared/fixtures/real_forms/*.json, form_id = file stem."""
    forms = []
    for path in sorted((shared_dir() / "fixtures" / "real_forms").glob("*.json")):
        forms.append(form_from_contract(path.stem, json.loads(path.read_text("utf-8"))))
    return forms


# --- a tiny target/actual reader (test data only; the real parser lives in orchestration) ---

_OPERATORS = {">=": ">=", "≥": ">=", "≧": ">=", "＞": ">", ">": ">", "=": "=", "＝": "=", "═": "=",
              "<=": "<=", "≤": "<=", "≦": "<=", "<": "<", "＜": "<"}
_QUANTITY = re.compile(
    r"^\s*(>=|<=|≥|≤|≧|≦|>|<|=|＞|＜|＝|═)?\s*(-?[0-9][0-9 ,]*(?:\.[0-9]+)?)\s*(.*)$"
)
_DATE = re.compile(r"\d+年\d+月|\d+月\d+日")


def read_value(raw: str | None) -> dict[str, Any]:
    text = (raw or "").strip()
    if text in ("", "/", "／", "—"):
        return {"kind": "placeholder", "operator": None, "value": None, "unit": None, "band": None}
    if _DATE.search(text):
        return {"kind": "date", "operator": None, "value": None, "unit": None, "band": None}
    match = _QUANTITY.match(text)
    if match:
        operator, number, rest = match.groups()
        rest = rest.strip()
        return {
            "kind": "quantitative",
            "operator": _OPERATORS.get(operator) if operator else None,
            "value": Decimal(number.replace(" ", "").replace(",", "")),
            "unit": "%" if "%" in rest else (rest or None),
            "band": None,
        }
    band = text if text in BANDS else None
    return {"kind": "qualitative" if band or text in ("提高", "长期", "有效") else "text",
            "operator": None, "value": None, "unit": None, "band": band}


# --- rows of the seven tables ---------------------------------------------------------------


def _tol(weight: Decimal | None) -> Decimal | None:
    return None if weight is None else Decimal("0.005") * weight + Decimal("0.006")


def _fund_rows(form: Form) -> list[dict[str, Any]]:
    rows = []
    for index, fund in enumerate(form.funds):
        b, e, w, s = dec(fund.annual_budget), dec(fund.executed), dec(fund.weight), dec(fund.score)
        rate = dec(fund.execution_rate)
        recomputed = e / b if (b and e is not None) else None
        expected = w * min(recomputed, Decimal(1)) if (w is not None and recomputed is not None) else None
        rows.append({
            "form_id": form.form_id, "row_index": index, "line": 5 + index,
            "source": fund.source, "source_label": fund.label,
            "is_total_row": fund.source == "total",
            "initial_budget": dec(fund.initial_budget), "annual_budget": b, "executed": e,
            "weight": w, "score": s, "reported_execution_rate": rate,
            "recomputed_execution_rate": rh(recomputed, 6),
            "rate_gap_pp": rh(abs(rate - recomputed) * 100, 6) if (rate is not None and recomputed is not None) else None,
            "expected_score": rh(expected), "score_tolerance": _tol(w),
            "score_gap": rh(abs(s - expected)) if (s is not None and expected is not None) else None,
        })
    return rows


def _balance_rows(form: Form) -> list[dict[str, Any]]:
    total = next((f for f in form.funds if f.source == "total"), None)
    if total is None:
        return []
    sources = [f for f in form.funds if f.source != "total"]
    rows = []
    for column, label in AMOUNT_LABELS.items():
        present = [dec(getattr(f, column)) for f in sources if getattr(f, column) is not None]
        total_amount = dec(getattr(total, column))
        sources_sum = sum(present, Decimal(0))
        rows.append({
            "form_id": form.form_id, "amount_column": column, "column_label": label,
            "total_amount": total_amount, "sources_sum": sources_sum,
            "source_rows_present": len(present),
            "gap": abs((total_amount or 0) - sources_sum),
        })
    return rows


def _is_applicable(indicator: Indicator) -> bool:
    if indicator.applicable is not None:
        return indicator.applicable
    cells = (indicator.name, indicator.target_raw, indicator.actual_raw)
    return not all((c or "").strip() in ("", "/") for c in cells)


def _indicator_rows(form: Form) -> list[dict[str, Any]]:
    total = next((f for f in form.funds if f.source == "total"), None)
    funds_executed = dec(total.executed) if total else None
    rows = []
    for index, ind in enumerate(form.indicators):
        target, actual = read_value(ind.target_raw), read_value(ind.actual_raw)
        is_cost = ind.level2 in COST_LEVEL2 or ind.level1 == "成本指标"
        quantitative = target["kind"] == "quantitative"
        operator = target["operator"]
        effective = operator or (("<=" if is_cost else ">=") if quantitative else None)
        w, s = dec(ind.weight), dec(ind.score)
        t, a = target["value"], actual["value"] if actual["kind"] == "quantitative" else None
        direction = {">=": "positive", ">": "positive", "=": "positive", "<=": "reverse",
                     "<": "reverse"}.get(effective)
        met = expected = alt = ratio = None
        if quantitative and t is not None and a is not None:
            ratio = a / t if t else None
            if direction == "positive":
                met = a >= t
                if w is not None and (t > 0 or met):
                    expected = w if met else w * a / t
            elif direction == "reverse":
                met = a <= t
                if w is not None:
                    if met:
                        expected = alt = w
                    elif t <= 0:
                        expected = alt = Decimal(0)
                    else:
                        expected = Decimal(0) if a >= 2 * t else w * (2 - a / t)
                        alt = w * t / a
        gaps = [abs(s - v) for v in (expected, alt) if s is not None and v is not None]
        rows.append({
            "form_id": form.form_id, "row_index": index, "line": 12 + index,
            "level1": ind.level1, "level2": ind.level2, "name": ind.name,
            "applicable": _is_applicable(ind), "target_raw": ind.target_raw,
            "actual_raw": ind.actual_raw, "target_kind": target["kind"],
            "target_operator": operator, "effective_operator": effective,
            "operator_inferred": quantitative and operator is None, "target_value": t,
            "target_unit": target["unit"], "actual_kind": actual["kind"], "actual_value": a,
            "actual_band": actual["band"], "weight": w, "score": s,
            "deviation_note": ind.deviation_note, "is_cost_indicator": is_cost,
            "direction": direction, "target_met": met, "achievement_ratio": rh(ratio, 6),
            "expected_score": rh(expected), "expected_score_alt": rh(alt),
            "score_tolerance": _tol(w), "score_gap": rh(min(gaps)) if gaps else None,
            "level2_allowed": ind.level2 in ACCEPTED_LEVEL2.get(ind.level1, ()),
            "funds_executed": funds_executed, "amount_unit": form.amount_unit,
        })
    return rows


def _level1_rows(form: Form, indicators: list[dict[str, Any]]) -> list[dict[str, Any]]:
    level1s = list(dict.fromkeys(i["level1"] for i in indicators))
    return [
        {
            "form_id": form.form_id, "level1": level1,
            "declared_weight": dec(form.declared_weights.get(level1)),
            "indicator_weight_sum": sum(
                (i["weight"] for i in indicators
                 if i["level1"] == level1 and i["applicable"] and i["weight"] is not None),
                Decimal(0),
            ),
        }
        for level1 in level1s
    ]


def _grade(score: Decimal | None) -> str | None:
    if score is None:
        return None
    score = rh(score, 2)
    return "优" if score >= 90 else "良" if score >= 80 else "中" if score >= 60 else "差"


def _totals_row(form, funds, indicators, level1s) -> dict[str, Any]:
    total = next((f for f in funds if f["is_total_row"]), None)
    applicable = [i for i in indicators if i["applicable"]]
    indicator_weight_sum = sum((i["weight"] for i in applicable if i["weight"] is not None), Decimal(0))
    indicator_score_sum = sum((i["score"] for i in applicable if i["score"] is not None), Decimal(0))
    funds_weight = total["weight"] if total else None
    funds_score = total["score"] if total else None
    computed = (funds_score or 0) + indicator_score_sum
    total_score = dec(form.total_score) if form.total_score is not None else computed
    if not form.has_total_row:
        total_score = None
    by_level1 = {row["level1"]: row["indicator_weight_sum"] for row in level1s}
    rate = None
    if total:
        rate = total["recomputed_execution_rate"] or total["reported_execution_rate"]
    return {
        "form_id": form.form_id, "report_year": form.report_year,
        "project_name": form.project_name, "implementing_unit": form.implementing_unit,
        "department": form.department, "has_total_fund_row": total is not None,
        "applicable_indicator_count": len(applicable), "indicator_row_count": len(indicators),
        "has_total_row": form.has_total_row, "funds_weight": funds_weight,
        "funds_score": funds_score, "funds_execution_rate": rate,
        "indicator_weight_sum": indicator_weight_sum, "indicator_score_sum": indicator_score_sum,
        "weight_sum": (funds_weight or 0) + indicator_weight_sum,
        "total_weight": dec(form.total_weight) if form.has_total_row else None,
        "total_score": total_score, "computed_total_score": computed,
        "total_gap": abs(total_score - computed) if total_score is not None else None,
        "scored_row_count": (1 if funds_score is not None else 0)
        + sum(1 for i in applicable if i["score"] is not None),
        "reported_grade": form.reported_grade, "derived_grade": _grade(total_score),
        "output_weight": by_level1.get("产出指标"), "benefit_weight": by_level1.get("效益指标"),
        "satisfaction_weight": by_level1.get("满意度指标"), "cost_weight": by_level1.get("成本指标"),
    }


def _text(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


def _numeric_cells(form: Form, total_score: Decimal | None) -> list[dict[str, Any]]:
    cells = []

    def add(subject, cell, value, line, text_override, required):
        raw = text_override if text_override is not None else _text(dec(value))
        parsed = dec(value) if text_override is None else _parse_number(text_override)
        cells.append({"form_id": form.form_id, "subject": subject, "cell": cell, "raw_text": raw,
                      "parsed_value": parsed, "line": line, "is_required": required})

    labels = {"initial_budget": "年初预算数", "annual_budget": "全年预算数", "executed": "全年执行数",
              "weight": "分值", "execution_rate": "执行率", "score": "得分"}
    for index, fund in enumerate(form.funds):
        total = fund.source == "total"
        for column, label in labels.items():
            value = getattr(fund, column)
            override = fund.cell_text.get(column)
            if override is None and value is None and column in ("weight", "score") and not total:
                override = "—"
            add(f"{fund.label}·{label}", column, value, 5 + index, override,
                total and column != "initial_budget")
    for index, ind in enumerate(form.indicators):
        if not _is_applicable(ind):
            continue
        for column, label in (("weight", "分值"), ("score", "得分")):
            add(f"{ind.name}·{label}", column, getattr(ind, column), 12 + index,
                ind.cell_text.get(column), True)
    if form.has_total_row:
        line = 12 + len(form.indicators)
        add("总分·分值", "total_weight", form.total_weight, line, None, False)
        add("总分·得分", "total_score", total_score, line, None, True)
    return cells


def _parse_number(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "").replace(" ", ""))
    except Exception:
        return None


def _version_row(form: Form) -> dict[str, Any]:
    content = form.content_hash or hashlib.sha256(form.form_id.encode()).hexdigest()
    return {
        "form_id": form.form_id,
        "form_key": form.form_key or f"{form.implementing_unit}|{form.project_name}|{form.report_year}",
        "version_number": form.version_number, "is_current": form.is_current,
        "previous_form_id": form.previous_form_id,
        "previous_content_hash": form.previous_content_hash, "content_hash": content,
        "content_changed": (form.previous_content_hash is not None
                            and form.previous_content_hash != content),
    }


def table_rows(forms: list[Form]) -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in COLUMNS}
    for form in forms:
        funds = _fund_rows(form)
        indicators = _indicator_rows(form)
        level1s = _level1_rows(form, indicators)
        totals = _totals_row(form, funds, indicators, level1s)
        tables["int_form_versions"].append(_version_row(form))
        tables["int_numeric_cells"].extend(_numeric_cells(form, totals["total_score"]))
        tables["int_fund_execution"].extend(funds)
        tables["int_fund_balance"].extend(_balance_rows(form))
        tables["int_indicator_scoring"].extend(indicators)
        tables["int_level1_weights"].extend(level1s)
        tables["int_form_totals"].append(totals)
    return tables


def create_tables(connection: duckdb.DuckDBPyConnection) -> None:
    connection.execute("CREATE SCHEMA IF NOT EXISTS intermediate")
    for name, columns in COLUMNS.items():
        spec = ", ".join(f"{column} {sql_type}" for column, sql_type in columns)
        connection.execute(f"CREATE OR REPLACE TABLE intermediate.{name} ({spec})")


def write_database(path: Path, forms: list[Form]) -> Path:
    """Create (or replace) the intermediate tables in `path` holding `forms`."""
    import pandas as pd

    connection = duckdb.connect(str(path))
    try:
        create_tables(connection)
        for name, rows in table_rows(forms).items():
            if not rows:
                continue
            # Values travel as text and are cast by DuckDB, so decimals stay exact.
            columns = COLUMNS[name]
            frame = pd.DataFrame(
                [[None if row[c] is None else str(row[c]) for c, _ in columns] for row in rows],
                columns=[c for c, _ in columns],
                dtype=object,
            )
            connection.register("incoming", frame)
            casts = ", ".join(f"CAST(incoming.{c} AS {t})" for c, t in columns)
            connection.execute(f"INSERT INTO intermediate.{name} SELECT {casts} FROM incoming")
            connection.unregister("incoming")
    finally:
        connection.close()
    return path
