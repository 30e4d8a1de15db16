"""Deliberate contradictions: one per injected form, one kind per error-level rule of rules.md.

Each injection starts from a clean form built with the options it needs (room under 100 points,
a perfect 100.00, no declared 一级 weights…), changes as little as possible, and keeps the rest
consistent. It records the rule IDs the change must trigger: errors exactly, and the warnings it
drags along (e.g. a score above its weight also breaks the scoring formula, R-IND-02).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Callable

from .amounts import compact, fixed2, percent_of, to_number
from .form_builder import (
    BAND, DATE, EQUAL, INFERRED_REVERSE, NOT_APPLICABLE, POSITIVE, QUALITATIVE, REVERSE, BuildOptions,
)
from .vocabulary import GRADES

Form = dict[str, Any]

# Warnings an indicator score off its formula triggers, by how the row is scored.
_FORMULA_WARNING = {POSITIVE: "R-IND-02", EQUAL: "R-IND-02", REVERSE: "R-IND-04", INFERRED_REVERSE: "R-IND-04",
                    BAND: "R-IND-06"}


@dataclass(frozen=True, slots=True)
class Injection:
    rule_id: str
    options: BuildOptions
    apply: Callable[[Form, random.Random], str]  # changes the form, returns what it did


# Descriptions stay ASCII: ground_truth.jsonl sits in the corpus folder that `jixiao load` searches,
# and Chinese labels in it ("项目名称…") would be read as a form by the lenient readers.
_LEVEL1_NAMES = {"产出指标": "output", "效益指标": "benefit", "满意度指标": "satisfaction", "成本指标": "cost"}
_BAND_NAMES = ("A (90+)", "B (80-90)", "C (60-80)", "D (<60)")


# -- helpers ---------------------------------------------------------------------------------

def _expect(form: Form, errors: set[str], warnings: set[str] = frozenset()) -> None:
    form["_expect"]["errors"] = set(errors)
    form["_expect"]["warnings"] |= set(warnings)


def _set_total(form: Form, total: int) -> None:
    form["_calc"]["total"] = total
    form["total_score"] = to_number(total)
    form["total_score_raw"] = f"{fixed2(total)}分"


def _set_score(row: dict[str, Any], score: int) -> None:
    row["_s"] = score
    row["score"] = to_number(score)
    row["score_raw"] = compact(score)


def _full_marks_rows(form: Form, min_weight: int = 100) -> list[dict[str, Any]]:
    return [row for row in form["indicators"]
            if row["_scoring"] != NOT_APPLICABLE and row["_s"] == row["_w"] and row["_w"] >= min_weight]


def _scored_rows(form: Form) -> int:
    """R-TOT-01's n: scored indicator rows plus the funds row."""
    return sum(1 for row in form["indicators"] if row["score"] is not None) + 1


def _amount_like(raw: str, cents: int) -> str:
    """Write an amount the way its cell was written (two decimals or as typed)."""
    return fixed2(cents) if "." in raw else compact(cents)


def _position(form: Form, row: dict[str, Any]) -> int:
    return form["indicators"].index(row) + 1


def _cents(value: float) -> int:
    return round(value * 100)


# -- funds -----------------------------------------------------------------------------------

def _rate_off(form: Form, rng: random.Random) -> str:
    total = form["funds"][0]
    true_rate = round(total["execution_rate"] * 10000)
    off = rng.randint(60, 1200)  # 0.6–12 percentage points: well past R-FUND-01's 0.5
    written = true_rate - off if true_rate + off > 10000 or rng.random() < 0.6 else true_rate + off
    total["execution_rate"] = written / 10000
    total["execution_rate_raw"] = percent_of(written)
    _expect(form, {"R-FUND-01"})
    return f"R-FUND-01: execution rate written {percent_of(written)}, E/B gives {percent_of(true_rate)}"


def _funds_score_over_weight(form: Form, rng: random.Random) -> str:
    total_row, calc = form["funds"][0], form["_calc"]
    # The new 总分 gains (w - s) + excess; the missed indicator's lost points keep it within 100.
    room = 10000 - calc["total"] - (calc["funds_weight"] - calc["funds_score"])
    _require(room >= 20, "R-FUND-03 needs a missed indicator")
    excess = rng.randint(20, min(200, room))
    score = calc["funds_weight"] + excess
    total_row["score"] = to_number(score)
    total_row["score_raw"] = f"{fixed2(score)}分"
    _set_total(form, calc["total"] + score - calc["funds_score"])
    calc["funds_score"] = score
    _expect(form, {"R-FUND-03"}, {"R-FUND-02"})
    return f"R-FUND-03: funds score {fixed2(score)} above its weight {fixed2(calc['funds_weight'])}; total follows"


def _sources_off(form: Form, rng: random.Random) -> str:
    row = form["funds"][1]  # 财政拨款, never blank
    column = rng.choice(("initial_budget", "annual_budget", "executed"))
    change = rng.randint(50, 5000) * (1 if rng.random() < 0.7 else -1)
    old = _cents(row[column])
    new = old + change if old + change >= 0 else old + abs(change)
    row[column] = to_number(new)
    row[f"{column}_raw"] = _amount_like(row[f"{column}_raw"], new)
    _expect(form, {"R-FUND-05"})
    return f"R-FUND-05: appropriation row {column} written {fixed2(new)} instead of {fixed2(old)}"


def _negative_amount(form: Form, rng: random.Random) -> str:
    appropriation, other = form["funds"][1], form["funds"][3]
    refund = rng.randint(50, 5000)
    moved = _cents(other["executed"]) + refund
    new_appropriation = _cents(appropriation["executed"]) + moved  # the sum stays right (no R-FUND-05)
    appropriation["executed"] = to_number(new_appropriation)
    appropriation["executed_raw"] = _amount_like(appropriation["executed_raw"] or "0.00", new_appropriation)
    other["executed"] = to_number(-refund)
    other["executed_raw"] = fixed2(-refund)
    _expect(form, {"R-FUND-11"})
    return f"R-FUND-11: other-funds row executed written {fixed2(-refund)} (a refund), appropriation raised to balance"


# -- weights and indicator scores ------------------------------------------------------------

def _indicator_over_weight(form: Form, rng: random.Random) -> str:
    rows = _full_marks_rows(form)
    quiet = [row for row in rows if row["_scoring"] in (QUALITATIVE, DATE)]
    row = rng.choice(quiet or rows)
    room = 10000 - form["_calc"]["total"]  # the funds shortfall leaves ≥ 1 point
    _require(room >= 50, "R-IND-01 needs a funds shortfall")
    excess = rng.randint(50, min(300, room))
    _set_score(row, row["_w"] + excess)
    _set_total(form, form["_calc"]["total"] + excess)
    warning = _FORMULA_WARNING.get(row["_scoring"])
    _expect(form, {"R-IND-01"}, {warning} if warning else set())
    return f"R-IND-01: indicator row {_position(form, row)} score {row['score_raw']} above its weight {row['weight_raw']}; total follows"


def _weights_not_100(form: Form, rng: random.Random) -> str:
    row = rng.choice(_full_marks_rows(form, min_weight=300) or _full_marks_rows(form, min_weight=200))
    cut = rng.randint(1, max(1, min(3, row["_w"] // 100 - 1))) * 100
    weight = row["_w"] - cut
    row["_w"], row["weight"], row["weight_raw"] = weight, to_number(weight), compact(weight)
    _set_score(row, weight)  # still full marks: only the weights are off
    _set_total(form, form["_calc"]["total"] - cut)
    _expect(form, {"R-WGT-01"})
    return f"R-WGT-01: indicator row {_position(form, row)} weight lowered to {compact(weight)}; weights sum to {100 - cut // 100}"


def _declared_level1_off(form: Form, rng: random.Random) -> str:
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in form["indicators"]:
        groups.setdefault(row["level1"], []).append(row)
    level1 = rng.choice(sorted(groups))
    actual = sum(row["_w"] for row in groups[level1]) // 100
    declared = actual + rng.choice((-10, -5, 5, 10))
    if declared <= 0:
        declared = actual + 5
    for row in groups[level1]:
        row["level1_raw"] = f"{level1}({declared}分)"
    _expect(form, {"R-WGT-03"})
    return f"R-WGT-03: level-1 group {_LEVEL1_NAMES.get(level1, level1)} declares {declared} points, its indicators weigh {actual}"


# -- totals ----------------------------------------------------------------------------------

def _total_off(form: Form, rng: random.Random) -> str:
    total = form["_calc"]["total"]
    text = fixed2(total)
    swapped = int((text[:-2] + text[-1] + text[-2]).replace(".", ""))  # 96.38 -> 96.83
    if 30 <= abs(swapped - total) and swapped <= 10000 and rng.random() < 0.5:
        written = swapped
    else:
        change = rng.randint(30, 500)
        written = total - change if total + change > 10000 or rng.random() < 0.5 else total + change
        written = max(written, 0) if written != total else total + 30
    _set_total(form, written)
    _expect(form, {"R-TOT-01"})
    return f"R-TOT-01: total written {fixed2(written)}, the scores sum to {fixed2(total)}"


def _total_over_100(form: Form, rng: random.Random) -> str:
    total = form["_calc"]["total"]
    _require(total == 10000, "R-TOT-02 starts from a perfect 100.00")
    rows = _scored_rows(form)
    draw = rng.random()
    if draw < 0.34:
        excess, errors, warnings = 1, {"R-TOT-02"}, set()  # within R-TOT-01's 0.01
    elif draw < 0.67 and rows // 2 >= 2:
        excess = rng.randint(2, rows // 2)  # within 0.005 per scored row: R-TOT-01 warning only
        errors, warnings = {"R-TOT-02"}, {"R-TOT-01"}
    else:
        excess, errors, warnings = rng.randint(50, 500), {"R-TOT-02", "R-TOT-01"}, set()
    _set_total(form, total + excess)
    _expect(form, errors, warnings)
    return f"R-TOT-02: total written {fixed2(total + excess)} (> 100), the scores sum to {fixed2(total)}"


def _wrong_grade(form: Form, rng: random.Random) -> str:
    total = form["_calc"]["total"]
    band = grade_band(total)
    wrong = band - 1 if band > 0 and (band == 3 or rng.random() < 0.5) else band + 1
    style = rng.randrange(2)
    form["layout"]["grade_style"] = style
    form["layout"]["grade_fixed"] = True
    form["reported_grade"] = GRADES[wrong][style]
    _expect(form, {"R-TOT-04"})
    return f"R-TOT-04: grade written for band {_BAND_NAMES[wrong]}, the total {fixed2(total)} is band {_BAND_NAMES[band]}"


# -- parse -----------------------------------------------------------------------------------

def _text_in_number_cell(form: Form, rng: random.Random) -> str:
    text = rng.choice(("完成", "已完成", "达标"))
    rows = _full_marks_rows(form)
    if rows and rng.random() < 0.6:
        row = rng.choice(rows)
        row["score"], row["score_raw"] = None, text
        # The 总分 still counts the row's points, so it no longer equals the readable scores.
        _expect(form, {"R-PARSE-03", "R-TOT-01"})
        return f"R-PARSE-03: indicator row {_position(form, row)} score written as text (the total keeps its {row['weight_raw']} points)"
    total_row = form["funds"][0]
    total_row["execution_rate"], total_row["execution_rate_raw"] = None, text
    _expect(form, {"R-PARSE-03"})
    return "R-PARSE-03: funds execution rate written as text"


def _missing_project_name(form: Form, rng: random.Random) -> str:
    form["project_name"] = None  # the title line still names it
    _expect(form, {"R-PARSE-01"})
    return "R-PARSE-01: project name cell left blank (the title line still names the project)"


def _missing_total_row(form: Form, rng: random.Random) -> str:
    form["layout"]["omit_total_row"] = True
    form["total_weight"] = form["total_score"] = None
    form["total_weight_raw"] = form["total_score_raw"] = None
    form["reported_grade"] = None
    form["layout"]["grade_style"] = None
    # Without the row its required 总分·得分 cell is blank too (int_numeric_cells: R-PARSE-03).
    _expect(form, {"R-PARSE-02", "R-PARSE-03"})
    return "R-PARSE-02: the total row is missing"


def _require(condition: bool, what: str) -> None:
    # The expected findings rely on it: a broken assumption must stop the run, not skew the truth.
    if not condition:
        raise AssertionError(f"synthetic form does not meet its injection's precondition: {what}")


def grade_band(total: int) -> int:
    """Index into GRADES: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差 (rules.md R-TOT-04)."""
    return 0 if total >= 9000 else 1 if total >= 8000 else 2 if total >= 6000 else 3


_DEFAULT = BuildOptions()
INJECTIONS: tuple[Injection, ...] = (
    Injection("R-FUND-01", _DEFAULT, _rate_off),
    Injection("R-FUND-03", BuildOptions(indicator_miss=True), _funds_score_over_weight),
    Injection("R-FUND-05", _DEFAULT, _sources_off),
    Injection("R-FUND-11", _DEFAULT, _negative_amount),
    Injection("R-IND-01", BuildOptions(funds_shortfall=True), _indicator_over_weight),
    Injection("R-WGT-01", BuildOptions(declared_weights=False), _weights_not_100),
    Injection("R-TOT-01", _DEFAULT, _total_off),
    Injection("R-TOT-02", BuildOptions(full_marks=True), _total_over_100),
    Injection("R-PARSE-03", _DEFAULT, _text_in_number_cell),
    Injection("R-PARSE-01", _DEFAULT, _missing_project_name),
    Injection("R-PARSE-02", _DEFAULT, _missing_total_row),
    Injection("R-WGT-03", BuildOptions(declared_weights=True), _declared_level1_off),
    Injection("R-TOT-04", _DEFAULT, _wrong_grade),
)
ERROR_RULE_IDS = tuple(injection.rule_id for injection in INJECTIONS)


def finalize_grade(form: Form) -> None:
    """Write the grade a form shows (if its layout shows one) from its final 总分."""
    layout = form["layout"]
    style = layout.get("grade_style")
    if style is None or layout.get("grade_fixed"):
        return
    form["reported_grade"] = GRADES[grade_band(form["_calc"]["total"])][style]
