"""Build one clean form: consistent by every rule of rules.md, scored exactly as they say.

A clean form has no error and no warning finding, except the one deliberate realism variant
recorded in `form["_expect"]["warnings"]` (a cost target written without an operator: R-IND-08).
To stay clear of the warning rules it never over-achieves (A < 1.2·T), never executes above
budget, explains every lost point, and only misses quantitative targets by ≤ 97 % (so a rounded
score cannot reach full marks: R-IND-13).

The form is a dict in the contract's shape (numbers as floats, as to_contract_dict gives them)
plus the parser's raw-text extras (which the renderer writes verbatim), a `layout` dict of
optional seed features, and private `_`-prefixed bookkeeping in hundredths for the injections.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Any

from . import vocabulary as vocab
from .amounts import compact, div_half_up, fixed2, grouped, percent_of, to_number
from .vocabulary import Quantity, Theme

FUNDS_WEIGHT = 10
# (产出, 效益, 满意度) after the funds' 10 points; the first is the template default (research §1).
LEVEL_SPLITS = ((50, 30, 10),) * 17 + ((40, 40, 10), (60, 20, 10), (45, 35, 10))
MIN_INDICATOR_WEIGHT = 2
OVER_ACHIEVEMENT = 1.2  # R-IND-03 threshold: clean forms stay strictly below it
OUTPUT, BENEFIT, SATISFACTION, COST = "产出指标", "效益指标", "满意度指标", "成本指标"
PLACEHOLDER = "/"

# Scoring kinds of indicator rows (how the rules score them).
POSITIVE, EQUAL, REVERSE, INFERRED_REVERSE = "positive", "equal", "reverse", "inferred_reverse"
QUALITATIVE, BAND, DATE, NOT_APPLICABLE = "qualitative", "band", "date", "placeholder"
QUANTITATIVE_KINDS = (POSITIVE, EQUAL, REVERSE, INFERRED_REVERSE)


@dataclass(frozen=True, slots=True)
class FormContext:
    report_year: int
    project_name: str
    department: str
    implementing_unit: str
    theme: Theme


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """Constraints an injection needs from the clean form it starts from."""

    full_marks: bool = False  # all targets met and funds fully executed: 总分 = 100.00
    funds_shortfall: bool = False  # execution rate 75–90 %: ≥ 1 point lost on the funds row
    indicator_miss: bool = False  # one positive target missed by ≥ 15 %: ≥ 0.3 points lost
    declared_weights: bool | None = None  # "产出指标(50分)" labels; None: at random
    operatorless_cost: bool | None = None  # cost target without operator (R-IND-08); None: at random


def is_percent_name(name: str) -> bool:
    return name.endswith(("率", "比例", "盖度", "密度"))


def build_form(rng: random.Random, context: FormContext, options: BuildOptions = BuildOptions()) -> dict[str, Any]:
    builder = _FormBuilder(rng, context, options)
    return builder.build()


class _FormBuilder:
    def __init__(self, rng: random.Random, context: FormContext, options: BuildOptions) -> None:
        self.rng = rng
        self.context = context
        self.options = options
        self.theme = context.theme
        self.warnings: set[str] = set()
        self.quantities: list[tuple[Quantity, int, int]] = []  # for the goal texts
        self.percents: list[tuple[str, int]] = []
        # Set by _funds (hundredths of 万元 / of a point); the cost rows and the total need them.
        self.budget = self.executed = self.funds_score = 0
        self.operatorless = False  # this form's cost target is written without an operator

    # -- the whole form --------------------------------------------------------------------

    def build(self) -> dict[str, Any]:
        rng, context = self.rng, self.context
        funds = self._funds()
        indicators = self._indicators()
        total = self.funds_score + sum(row["_s"] for row in indicators)
        goal_expected, goal_actual, quoted = self._goals(indicators)
        form: dict[str, Any] = {
            "report_year": context.report_year,
            "project_name": context.project_name,
            "department": context.department,
            "implementing_unit": context.implementing_unit,
            "goal_expected": goal_expected,
            "goal_actual": goal_actual,
            "funds": funds,
            "indicators": indicators,
            "total_weight": 100.0,
            "total_score": to_number(total),
            "title": _title(context.project_name),
            "reported_grade": None,
            "total_weight_raw": "100",
            "total_score_raw": f"{fixed2(total)}分",
            "layout": {
                "spacer_after_goals": rng.random() < 0.2,
                "merge_level2": rng.random() < 0.25,
                "quote_goals": quoted,
                "trailing_space": rng.random() < 0.05,
                "grade_style": (0 if rng.random() < 0.5 else 1) if rng.random() < 0.15 else None,
            },
            "_calc": {
                "funds_weight": FUNDS_WEIGHT * 100,
                "funds_score": self.funds_score,
                "total": total,
            },
            "_expect": {"errors": set(), "warnings": self.warnings},
        }
        if rng.random() < 0.04:
            # Some forms leave the 总分 row's 分值 cell empty.
            form["total_weight"] = None
            form["total_weight_raw"] = ""
        return form

    # -- funds -----------------------------------------------------------------------------

    def _funds(self) -> list[dict[str, Any]]:
        rng = self.rng
        budget = _budget_cents(rng)
        mix = rng.random()
        extra = (() if mix < 0.72 else ("carryover",) if mix < 0.87 else ("other",) if mix < 0.95
                 else ("carryover", "other"))
        annual = {"appropriation": budget, "carryover": 0, "other": 0}
        for source in extra:
            share = int(budget * rng.uniform(0.05, 0.35))
            annual[source] = share
            annual["appropriation"] -= share

        style = rng.random()
        if style < 0.55:
            initial = dict(annual)
        elif style < 0.75:
            initial = {source: 0 for source in annual}  # funds arrived during the year
        else:
            initial = {"appropriation": max(100, annual["appropriation"] * rng.randint(50, 100) // 10000 * 100),
                       "carryover": 0, "other": annual["other"]}

        executed_total = self._executed(budget)
        executed = dict(annual)
        shortfall = budget - executed_total
        for source in ("other", "carryover", "appropriation") if rng.random() < 0.5 else (
                "appropriation", "carryover", "other"):
            taken = min(shortfall, executed[source])
            executed[source] -= taken
            shortfall -= taken

        self.budget, self.executed = budget, executed_total
        rate = div_half_up(executed_total * 10000, budget)
        weight = FUNDS_WEIGHT * 100
        self.funds_score = weight if executed_total >= budget else div_half_up(weight * executed_total, budget)
        total_row = _fund_row("total", "年度资金总额", sum(initial.values()), budget, executed_total,
                              fixed2, fixed2, fixed2)
        total_row.update(weight=float(FUNDS_WEIGHT), weight_raw=str(FUNDS_WEIGHT),
                         execution_rate=rate / 10000, execution_rate_raw=percent_of(rate),
                         score=to_number(self.funds_score), score_raw=f"{fixed2(self.funds_score)}分")
        label = "本年财政拨款" if rng.random() < 0.2 else "当年财政拨款"
        typed = rng.random() < 0.6  # the seed's style: budgets as typed, executions to 2 places
        budget_fmt = compact if typed else fixed2
        rows = [total_row]
        for source, source_label in (("appropriation", label), ("carryover", "上年结转资金"), ("other", "其他资金")):
            exec_fmt = (compact if executed[source] == 0 else fixed2) if typed else fixed2
            row = _fund_row(source, source_label, initial[source], annual[source], executed[source],
                            budget_fmt, budget_fmt, exec_fmt)
            if source != "appropriation" and annual[source] == 0 and rng.random() < 0.1:
                row.update(initial_budget=None, initial_budget_raw="")  # the seed's blank cell
            rows.append(row)
        return rows

    def _executed(self, budget: int) -> int:
        rng, options = self.rng, self.options
        if options.full_marks:
            return budget
        if options.funds_shortfall:
            rate = rng.uniform(0.75, 0.9)
        else:
            draw = rng.random()
            if draw < 0.45:
                return budget
            rate = (rng.uniform(0.95, 0.999) if draw < 0.8 else rng.uniform(0.85, 0.95) if draw < 0.95
                    else rng.uniform(0.65, 0.85))
        return min(budget - 1, int(budget * rate))

    # -- indicators ------------------------------------------------------------------------

    def _indicators(self) -> list[dict[str, Any]]:
        rng, theme, options = self.rng, self.theme, self.options
        split_output, split_benefit, split_satisfaction = rng.choice(LEVEL_SPLITS)
        cost_as_level1 = self.context.report_year >= 2022 and rng.random() < 0.35
        has_cost = cost_as_level1 or rng.random() < 0.8
        self.operatorless = has_cost and (
            options.operatorless_cost if options.operatorless_cost is not None else rng.random() < 0.04)

        groups: list[tuple[str, int, list[tuple[str, str]]]] = []  # (level1, weight, [(level2, kind)])
        output = [("数量指标", "quantity")] * rng.choice((1, 2, 2, 3)) + [("质量指标", "quality")] * rng.choice(
            (1, 1, 2)) + [("时效指标", "time")] * rng.choice((1, 1, 1, 2))
        cost_rows = [("成本指标", "cost_total")]
        if theme.unit_cost and rng.random() < 0.6:
            cost_rows.append(("成本指标", "cost_unit"))
        if cost_as_level1:
            cost_weight = 10
            groups.append((OUTPUT, split_output - cost_weight, output))
            cost_group = (COST, cost_weight, [("经济成本指标", kind) for _, kind in cost_rows])
            placeholders = rng.random() < 0.5
            if placeholders:
                cost_group[2].extend([("社会成本指标", "placeholder"), ("生态环境成本指标", "placeholder")])
            groups.insert(0 if rng.random() < 0.3 else 1, cost_group)
        else:
            groups.append((OUTPUT, split_output, output + (cost_rows if has_cost else [])))
        groups.append((BENEFIT, split_benefit, self._benefit_rows()))
        satisfaction_level2 = "满意度指标" if rng.random() < 0.6 else "服务对象满意度指标"
        groups.append((SATISFACTION, split_satisfaction,
                       [(satisfaction_level2, "satisfaction")] * (1 if rng.random() < 0.85 else 2)))

        declared = options.declared_weights if options.declared_weights is not None else rng.random() < 0.15
        plan = []  # (level1, level1_raw, level2, kind, weight)
        for level1, weight, rows in groups:
            applicable = [i for i, (_, kind) in enumerate(rows) if kind != "placeholder"]
            weights = _partition(rng, weight, len(applicable))
            level1_raw = f"{level1}({weight}分)" if declared else level1
            given = dict(zip(applicable, weights))
            for index, (level2, kind) in enumerate(rows):
                plan.append((level1, level1_raw, level2, kind, given.get(index, 0)))

        misses = self._choose_misses(plan)
        used_names: set[str] = set()
        return [self._indicator(level1, level1_raw, level2, kind, weight, misses.get(i), used_names)
                for i, (level1, level1_raw, level2, kind, weight) in enumerate(plan)]

    def _benefit_rows(self) -> list[tuple[str, str]]:
        rng, theme = self.rng, self.theme
        rows: list[tuple[str, str]] = []
        show_placeholders = rng.random() < 0.75
        if theme.economic and rng.random() < 0.4:
            rows.append(("经济效益指标", "economic"))
        elif show_placeholders:
            rows.append(("经济效益指标", "placeholder"))
        rows += [("社会效益指标", "social")] * (1 if rng.random() < 0.75 else 2)
        if theme.ecological and rng.random() < 0.5:
            rows.append(("生态效益指标", "ecological"))
        elif show_placeholders:
            rows.append(("生态效益指标", "placeholder"))
        if rng.random() < 0.9:
            rows.append(("可持续影响指标", "sustain"))
        return rows

    def _choose_misses(self, plan: list[tuple]) -> dict[int, str]:
        """Which rows lose points: index -> "deep" (forced, ≥ 15 % short) or "natural"."""
        rng, options = self.rng, self.options
        if options.full_marks:
            return {}
        # Percent targets can always be missed by 15 %; small counts ("=1次") cannot.
        missable = [i for i, row in enumerate(plan) if row[3] in ("quality", "satisfaction")]
        misses: dict[int, str] = {}
        if options.indicator_miss and missable:
            misses[max(missable, key=lambda i: plan[i][4])] = "deep"
        if rng.random() < 0.15:
            candidates = [i for i, row in enumerate(plan) if row[3] in ("quantity", "quality", "satisfaction",
                                                                         "time", "social", "sustain")
                          and row[4] > 0 and i not in misses]
            if candidates:
                misses[rng.choice(candidates)] = "natural"
        return misses

    def _indicator(self, level1: str, level1_raw: str, level2: str, kind: str, weight: int, miss: str | None,
                   used_names: set[str]) -> dict[str, Any]:
        if kind == "placeholder":
            return {"level1": level1, "level2": level2, "name": PLACEHOLDER, "target_raw": PLACEHOLDER,
                    "actual_raw": PLACEHOLDER, "weight": None, "score": None, "deviation_note": None,
                    "level1_raw": level1_raw, "weight_raw": PLACEHOLDER, "score_raw": PLACEHOLDER,
                    "_w": 0, "_s": 0, "_scoring": NOT_APPLICABLE}
        w = weight * 100
        # One method per kind of row: _quantity, _quality, _time, _cost_total, _social, …
        make_row = getattr(self, f"_{kind}")
        name, target_raw, actual_raw, score, scoring = make_row(w, miss, used_names)
        note = None
        if score < w:
            note = self.rng.choice(vocab.QUALITATIVE_PARTIAL_NOTES if scoring == BAND else vocab.SHORTFALL_NOTES)
        return {"level1": level1, "level2": level2, "name": name, "target_raw": target_raw,
                "actual_raw": actual_raw, "weight": float(weight), "score": to_number(score),
                "deviation_note": note, "level1_raw": level1_raw, "weight_raw": str(weight),
                "score_raw": compact(score), "_w": w, "_s": score, "_scoring": scoring}

    # Each kind returns (name, target_raw, actual_raw, score in hundredths, scoring kind).

    def _pick(self, names: tuple[str, ...], fallback: tuple[str, ...], used: set[str]) -> str:
        pool = [n for n in names if n not in used] or [n for n in fallback if n not in used] or list(fallback)
        name = self.rng.choice(pool)
        used.add(name)
        return name

    def _quantity(self, w: int, miss: str | None, used: set[str]) -> tuple:
        rng = self.rng
        free = [q for q in self.theme.quantities if q.name not in used]
        quantity = rng.choice(free) if free else Quantity(f"完成工作任务数{len(used)}", "项", 2, 30)
        used.add(quantity.name)
        target = _nice(rng.randint(quantity.low, quantity.high))
        if miss and target >= 10:
            actual = rng.randint(-(-target // 2), int(target * (0.85 if miss == "deep" else 0.97)))
            score = div_half_up(w * actual, target)
        else:
            actual = target if rng.random() < 0.4 else rng.randint(target, _below_over_achievement(target))
            score = w
        operator = "=" if actual == target and rng.random() < 0.15 else _ge(rng)
        unit = quantity.unit
        actual_text = grouped(actual, rng.choice((" ", ","))) if actual >= 1000 and rng.random() < 0.1 else str(actual)
        if rng.random() < 0.35:
            actual_text += unit
        self.quantities.append((quantity, target, actual))
        return quantity.name, f"{operator}{target}{unit}", actual_text, score, EQUAL if operator == "=" else POSITIVE

    def _percent(self, name: str, w: int, miss: str | None, targets: tuple[int, ...], top: int) -> tuple:
        rng = self.rng
        target = rng.choice(targets)
        if miss:
            low = 50 if miss == "deep" else target - 12
            actual = rng.randint(low, int(target * 0.85) if miss == "deep" else target - 1)
            score = div_half_up(w * actual, target)
        else:
            actual = rng.randint(target, max(target, top))
            score = w
        operator = "=" if target == 100 and rng.random() < 0.5 else _ge(rng)
        actual_text = f"{actual}%" if rng.random() < 0.7 else str(actual)
        self.percents.append((name, actual))
        return name, f"{operator}{target}%", actual_text, score, EQUAL if operator == "=" else POSITIVE

    def _quality(self, w: int, miss: str | None, used: set[str]) -> tuple:
        name = self._pick(self.theme.quality, vocab.GENERIC_QUALITY, used)
        return self._percent(name, w, miss, (90, 95, 95, 98, 100), 100)

    def _satisfaction(self, w: int, miss: str | None, used: set[str]) -> tuple:
        name = self._pick(self.theme.satisfaction, vocab.GENERIC_SATISFACTION, used)
        return self._percent(name, w, miss, (85, 90, 90, 95), 99)

    def _time(self, w: int, miss: str | None, used: set[str]) -> tuple:
        rng, year = self.rng, self.context.report_year
        name = self._pick(self.theme.time, vocab.GENERIC_TIME, used)
        if is_percent_name(name):
            return self._percent(name, w, miss, (95, 100, 100), 100)
        if rng.random() < 0.4 and not miss:
            target = rng.choice((f"{year}年12月31日之前", f"{year}年12月底前", f"{year}年11月30日前"))
            actual = target if rng.random() < 0.5 else f"{year}年{rng.randint(10, 12)}月{rng.randint(1, 28)}日"
            return name, target, actual, w, DATE
        # "<=12月": a month count scored as a reverse target (A <= T met).
        months = rng.choice((12, 12, 12, 11, 10, 6)) if not miss else rng.choice((6, 9, 10, 11))
        if miss:
            actual, score = months + 1, div_half_up(w * (months - 1), months)  # one month late, linear
        else:
            actual, score = rng.randint(max(1, months - 2), months), w
        operator = "<=" if rng.random() < 0.7 else "≤"
        return name, f"{operator}{months}月", f"{actual}月" if rng.random() < 0.3 else str(actual), score, REVERSE

    def _cost_total(self, w: int, miss: str | None, used: set[str]) -> tuple:
        rng = self.rng
        name = rng.choice(("业务活动运行成本（万元）", "项目总成本", "项目成本控制数（万元）",
                           f"{self.theme.base.removesuffix('经费').removesuffix('资金')}成本"))
        used.add(name)
        budget, executed = self.budget, self.executed
        budget_text = (compact if rng.random() < 0.5 else fixed2)(budget)
        actual_text = (compact if rng.random() < 0.5 else fixed2)(executed) + ("万元" if rng.random() < 0.3 else "")
        if self.operatorless:
            self.warnings.add("R-IND-08")
            return name, f"{budget_text}万元", actual_text, w, INFERRED_REVERSE
        if executed == budget and rng.random() < 0.2:
            return name, f"={budget_text}万元", actual_text, w, EQUAL
        return name, f"{'<=' if rng.random() < 0.75 else '≤'}{budget_text}万元", actual_text, w, REVERSE

    def _cost_unit(self, w: int, miss: str | None, used: set[str]) -> tuple:
        rng = self.rng
        quantity = self.theme.unit_cost[0]
        used.add(quantity.name)
        target = _nice(rng.randint(quantity.low, quantity.high))
        actual = rng.randint(int(target * 0.85), target)
        operator = "<=" if rng.random() < 0.75 else "≤"
        return quantity.name, f"{operator}{target}{quantity.unit}", f"{actual}{quantity.unit}", w, REVERSE

    def _qualitative(self, name: str, w: int, miss: str | None, targets: tuple[str, ...]) -> tuple:
        rng = self.rng
        target = rng.choice(targets)
        if miss:
            return name, target, "部分达成", div_half_up(w * 7, 10), BAND
        draw = rng.random()
        if draw < 0.5:
            return name, target, f"{rng.choice((90, 95, 95, 98, 100))}%", w, QUALITATIVE
        if draw < 0.8:
            actual = rng.choice(vocab.QUALITATIVE_ACTUALS_MET)
            return name, target, actual, w, BAND if actual.startswith("达成") else QUALITATIVE
        return name, target, target, w, QUALITATIVE

    def _social(self, w: int, miss: str | None, used: set[str]) -> tuple:
        name = self._pick(self.theme.social, vocab.GENERIC_SOCIAL, used)
        if is_percent_name(name):
            return self._percent(name, w, miss, (85, 90, 95, 100), 100)
        return self._qualitative(name, w, miss, vocab.QUALITATIVE_TARGETS)

    def _sustain(self, w: int, miss: str | None, used: set[str]) -> tuple:
        name = self._pick(self.theme.sustain, vocab.GENERIC_SUSTAIN, used)
        return self._qualitative(name, w, miss, vocab.SUSTAIN_TARGETS)

    def _economic(self, w: int, miss: str | None, used: set[str]) -> tuple:
        name = self._pick(self.theme.economic, self.theme.economic, used)
        return self._qualitative(name, w, miss, ("有效带动", "提高", "有效"))

    def _ecological(self, w: int, miss: str | None, used: set[str]) -> tuple:
        name = self._pick(self.theme.ecological, self.theme.ecological, used)
        if is_percent_name(name):
            return self._percent(name, w, miss, (85, 90, 95), 100)
        return self._qualitative(name, w, miss, ("明显改善", "有效", "逐步提高"))

    # -- goals -----------------------------------------------------------------------------

    def _goals(self, indicators: list[dict[str, Any]]) -> tuple[str, str, bool]:
        rng, theme = self.rng, self.theme
        quantities = self.quantities[:2]
        planned = "，".join(f"{_short(q.name)}{t}{q.unit}" for q, t, _ in quantities)
        achieved = "，".join(f"{_short(q.name)}{a}{q.unit}" for q, _, a in quantities)
        percents = self.percents[:1]
        achieved_rates = "".join(f"，{_short(name)}达{value}%" for name, value in percents)
        if rng.random() < 0.1:
            expected = f"单位职能：{theme.duty}。\n\n总体目标：完成{planned}。" if planned else f"单位职能：{theme.duty}。"
            actual = f"{theme.duty}等工作已完成，{achieved}{achieved_rates}。"
            return expected, actual, True
        prefix = rng.choice(("", "职能：", "目标：", "总体目标："))
        expected = f"{prefix}{theme.duty}。" + (f"计划完成{planned}。" if planned else "")
        done = rng.choice(("全年", "已按计划", "本年度"))
        actual = f"{done}{theme.duty}，{achieved}{achieved_rates}。" if achieved else f"{done}{theme.duty}{achieved_rates}。"
        return expected, actual, False


def _fund_row(source: str, label: str, initial: int, annual: int, executed: int, initial_fmt, annual_fmt,
              executed_fmt) -> dict[str, Any]:
    return {
        "source": source, "initial_budget": to_number(initial), "annual_budget": to_number(annual),
        "executed": to_number(executed), "weight": None, "execution_rate": None, "score": None,
        "source_label": label, "initial_budget_raw": initial_fmt(initial), "annual_budget_raw": annual_fmt(annual),
        "executed_raw": executed_fmt(executed), "weight_raw": "—", "execution_rate_raw": "—", "score_raw": "—",
    }


def _budget_cents(rng: random.Random) -> int:
    """Annual budgets from 2 万元 to 3000 万元, log-uniform; many are round numbers."""
    cents = int(math.exp(rng.uniform(math.log(200), math.log(300_000))))
    draw = rng.random()
    if draw < 0.35:
        cents = cents // 100 * 100
    elif draw < 0.5:
        cents = cents // 1000 * 1000
    return max(cents, 100)


def _nice(value: int) -> int:
    """Targets are round numbers: 8000, 2700, 35."""
    if value >= 1000:
        return value // 100 * 100
    if value >= 100:
        return value // 10 * 10
    return value


def _below_over_achievement(target: int) -> int:
    """The largest integer A with A < 1.2·T (R-IND-03 fires at A ≥ 1.2·T)."""
    return max(target, -(-12 * target // 10) - 1)


def _ge(rng: random.Random) -> str:
    return ">=" if rng.random() < 0.7 else "≥"


def _partition(rng: random.Random, total: int, parts: int) -> list[int]:
    """Split `total` points into `parts` integer weights of at least MIN_INDICATOR_WEIGHT."""
    if parts == 0:
        return []
    if total % parts == 0 and rng.random() < 0.5:
        return [total // parts] * parts
    minimum = min(MIN_INDICATOR_WEIGHT, total // parts)
    spare = total - minimum * parts
    shares = [rng.random() + 0.2 for _ in range(parts)]
    scale = spare / sum(shares)
    weights = [minimum + int(share * scale) for share in shares]
    weights[rng.randrange(parts)] += total - sum(weights)
    return weights


def _short(name: str) -> str:
    return name.split("（")[0]


def _title(project_name: str) -> str:
    # "…项目" names are not titled "…项目项目支出…" by careful writers; most others get the suffix.
    if project_name.endswith("项目"):
        return f"{project_name}支出绩效自评表"
    return f"{project_name}项目支出绩效自评表"
