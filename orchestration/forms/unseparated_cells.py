"""Where a run of cells written with no separator ("194.9194.9100%", "100%无", "0起0起") can be cut.

Some copies of a form (document-site previews) keep every character but no separator between
cells. Such a run can only be cut with the meaning of the columns it spans: every piece must
have its column's shape (an amount, a rate ending in "%", a score, a target value), and when
several cuttings have the right shapes the arithmetic that ties the columns together decides
(执行率 = 全年执行数 / 全年预算数; 得分 <= 分值 <= 100). Whatever is still ambiguous after that is
returned as ambiguous, never guessed: the caller reports it instead of writing a number.

Positions index a folded string `s` (NFKC per character, same length as the raw text), so the
caller can take each cell's text from the raw string unchanged.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Iterator

AMOUNT, WEIGHT, RATE, SCORE, VALUE = "amount", "weight", "rate", "score", "value"
# A 权重 column written as a share of 100 points ("20%"), the 得分 beside it in points.
WEIGHT_PERCENT = "weight_percent"

# A cell longer than this is not a number or a target; it also bounds the search.
_MAX_CELL = 24
_MAX_CUTTINGS = 1024
_VALUE_CHARS = re.compile(r"[\d.,%]+")
_PLACEHOLDER = re.compile(r"——|--|[—―–\-/\\]")
_OPERATOR = re.compile(
    r"大于或等于|小于或等于|大于等于|小于等于|不低于|不少于|不小于|不高于|不超过|不多于|不大于"
    r"|大于|小于|高于|低于|超过|等于|>=|<=|=>|=<|==|[≥≤≧≦⩾⩽><=]"
)
_SUFFIX_OPERATOR = re.compile(r"及以上|以上|及以下|以下|以内")
# Units a target or actual value carries. A unit not listed is still accepted when target and
# actual both carry it ("0起0起"): the repetition itself marks where each cell ends.
_UNITS = sorted(
    """% ‰ 个百分点 百分点 人次 万人次 万人 人 个 次 起 件 项 户 家 所 座 处 条 台 套 辆 场 期 批 份 篇 本 册
    张 名 位 株 棵 头 只 吨 万吨 公斤 千克 斤 亩 万亩 公顷 平方米 平米 ㎡ 立方米 厘米 毫米 米 公里 千米 元 万元 亿元
    千瓦 千瓦时 间 栋 床
    天 日 个月 月 年 小时 分钟 工作日 个工作日 周 季度 学时 课时 节 班 组 类 种 轮 例 宗 分 kg km m2""".split(),
    key=len,
    reverse=True,
)
# Words that fill a target/actual cell on their own. STATUS words may answer any target ("100%"
# target, "无" actual); DEGREE words answer a degree target ("高" / "高").
_STATUS = ("达成预期指标", "达到预期指标", "达成预期目标", "达到预期目标", "部分达成", "未达成", "达成", "已完成",
           "未完成", "全部完成", "基本完成", "按时完成", "按期完成", "完成", "未达标", "达标", "不合格", "合格",
           "是", "否", "有", "无")
_DEGREE = ("较高", "很高", "高", "较低", "低", "良好", "较好", "很好", "好", "优秀", "优良", "优", "良", "中",
           "较差", "差", "显著", "明显")
_WORDS = sorted(_STATUS + _DEGREE, key=len, reverse=True)
# A degree or status word directly followed by one of these is part of a longer noun ("达标率").
_WORD_CONTINUES = "率数量度值性化"
# "提高", "降低", "最高": a degree word after one of these ends a name, it is no cell.
_VERB_BEFORE_DEGREE = "提升降偏最"
# "是否明显提高", "有无投诉": a yes/no question, when more text follows it.
_CJK_AFTER_PAIR = re.compile(r"[\u3400-\u9fff]")
_DATE = re.compile(
    r"(?:(?:19|20)\d{2}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月(?:\d{1,2}日)?|年底|年末|年内|年中)"
    r"(?:底|末|初)?(?:之前|以前|前|内)?"
)
_NUMBER_START = re.compile(r"\d")


class Cut:
    """One way of cutting a run: cells[k] = (start, end, kind-detail) for column k."""

    __slots__ = ("spans", "shapes")

    def __init__(self, spans: tuple[tuple[int, int], ...], shapes: tuple[tuple, ...]) -> None:
        self.spans = spans
        self.shapes = shapes

    @property
    def end(self) -> int:
        return self.spans[-1][1] if self.spans else -1


# -- single cells ---------------------------------------------------------------------------


def number_ends(s: str, i: int) -> list[int]:
    """Every end j such that s[i:j] is a number as forms write it (no leading zero, optional
    decimals, optional thousands groups)."""
    n = len(s)
    if i >= n or not s[i].isdigit():
        return []
    j = i
    while j < n and s[j].isdigit() and j - i < _MAX_CELL:
        j += 1
    integer_ends = [i + 1] if s[i] == "0" else list(range(i + 1, j + 1))
    ends: list[int] = []
    for k in integer_ends:
        ends.append(k)
        if k < n - 1 and s[k] == "." and s[k + 1].isdigit():
            m = k + 1
            while m < n and s[m].isdigit() and m - k <= 8:
                m += 1
                ends.append(m)
    if s[i] != "0":
        ends.extend(_grouped_ends(s, i))
    return sorted(set(ends))


def _grouped_ends(s: str, i: int) -> list[int]:
    # "1,314.5": thousands groups are exact, so they never create a second way to cut.
    match = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?").match(s, i)
    return [match.end()] if match else []


def _placeholder_ends(s: str, i: int) -> list[int]:
    """"——" may be one cell or two ("—" "—"): both are offered, the columns decide."""
    match = _PLACEHOLDER.match(s, i)
    if match is None:
        return []
    return [i + 1, match.end()] if match.end() > i + 1 else [i + 1]


def shaped_ends(s: str, i: int, kind: str) -> list[tuple[int, tuple]]:
    """(end, shape) for every cell of column kind `kind` that can start at i."""
    out: list[tuple[int, tuple]] = []
    out.extend((end, ("placeholder",)) for end in _placeholder_ends(s, i))
    if kind == VALUE:
        out.extend(_value_ends(s, i))
        return out
    for k in number_ends(s, i):
        if kind == RATE:
            if s.startswith("%", k) and not _over_thousand(s[i:k]):
                out.append((k + 1, ("number", s[i:k])))
        elif kind in (WEIGHT, SCORE, WEIGHT_PERCENT) and _over_hundred(s[i:k]):
            continue  # no 分值 or 得分 is above 100: such a cell is two run together
        elif kind == WEIGHT_PERCENT:
            out.append((k, ("number", s[i:k])))
            if s.startswith("%", k):
                out.append((k + 1, ("number", s[i:k])))
        elif kind == SCORE and s.startswith("分", k):
            out.append((k + 1, ("number", s[i:k])))
            out.append((k, ("number", s[i:k])))
        elif kind == AMOUNT and s.startswith("万", k):
            # "10万10万100%20": an amount written with 万 or 万元 ends after it; the cell keeps
            # it, and the amount reading takes "10万" as 10 万元.
            out.append((k + (3 if s.startswith("万元", k) else 2) - 1, ("number", s[i:k])))
            out.append((k, ("number", s[i:k])))
        else:
            out.append((k, ("number", s[i:k])))
    return out


def _over_hundred(number: str) -> bool:
    return len(number.split(".", 1)[0]) > 3 or Decimal(number) > _HUNDRED


def _over_thousand(number: str) -> bool:
    """No 执行率 is above 1000 %: such a cell is amounts run into the rate."""
    return len(number.split(".", 1)[0]) > 4 or Decimal(number) > 1000


def _value_ends(s: str, i: int) -> Iterator[tuple[int, tuple]]:
    """Target / actual cells: [operator] number [unit] [以上], a date, or a status/degree word."""
    operator = _OPERATOR.match(s, i)
    start = operator.end() if operator else i
    date = _DATE.match(s, start)
    if date is not None:
        yield date.end(), ("date",)
    for k in number_ends(s, start):
        number = s[start:k]
        yield from _with_suffix(s, k, ("quantity", number, None))
        for unit in _UNITS:
            if s.startswith(unit, k):
                yield from _with_suffix(s, k + len(unit), ("quantity", number, unit))
        for repeated in (_repeated_unit(s, k), _echoed_unit(s, start, k)):
            if repeated is not None and repeated not in _UNITS:
                yield from _with_suffix(s, k + len(repeated), ("quantity", number, repeated))
    if operator is None:
        for word in _WORDS:
            if s.startswith(word, i):
                after = i + len(word)
                if after < len(s) and s[after] in _WORD_CONTINUES:
                    continue
                if word in ("高", "低") and i > 0 and s[i - 1] in _VERB_BEFORE_DEGREE:
                    continue  # "明显提高", "降低": the end of a name
                pair = i if s.startswith(("是否", "有无"), i) else i - 1
                if pair >= 0 and s.startswith(("是否", "有无"), pair) and _CJK_AFTER_PAIR.match(s, pair + 2):
                    continue  # "是否明显提高", "有无投诉": a yes/no question in a name, not two cells
                yield after, ("status" if word in _STATUS else "degree", word)


def _with_suffix(s: str, k: int, shape: tuple) -> Iterator[tuple[int, tuple]]:
    yield k, shape
    suffix = _SUFFIX_OPERATOR.match(s, k)
    if suffix is not None:
        yield suffix.end(), shape


def _repeated_unit(s: str, k: int) -> str | None:
    """"0起0起", "10万元/处9.8万元/处": a unit (1-5 non-digit characters, "/" inside a compound
    one) that the next number repeats. The longest repeated one is the unit."""
    found = None
    for size in range(1, 6):
        unit = s[k : k + size]
        if len(unit) < size or unit[0] == "/" or any(c.isdigit() or c in "%.,、，。；;:" for c in unit):
            break
        after = k + size
        operator = _OPERATOR.match(s, after)  # "50厘米≥50厘米": the next cell may open with its comparator
        after = operator.end() if operator else after
        if any(s.startswith(unit, j) for j in number_ends(s, after)):
            found = unit
    return found


def _echoed_unit(s: str, start: int, k: int) -> str | None:
    """The other half of a repeated unit: the unit the previous cell ended with ("万元/处")."""
    found = None
    for size in range(1, 6):
        unit = s[k : k + size]
        if len(unit) < size or unit[0] == "/" or any(c.isdigit() for c in unit):
            break
        if start >= size and s[start - size : start] == unit:
            found = unit
    return found


# -- runs of cells --------------------------------------------------------------------------


def cuts_at(s: str, i: int, kinds: list[str], limit: int, exact_end: int | None = None) -> list[Cut]:
    """Every cutting of s[i:...] into len(kinds) cells of those kinds (ending at exact_end when
    given, else anywhere up to limit)."""
    found: list[Cut] = []

    def walk(pos: int, k: int, spans: tuple, shapes: tuple) -> None:
        if len(found) > _MAX_CUTTINGS:
            # Hopeless ambiguity, and the cuttings not walked may hold the right one: choosing among
            # those found would read wrong numbers.
            raise TooManyCuttings(f"more than {_MAX_CUTTINGS} cuttings")
        if k == len(kinds):
            if exact_end is None or pos == exact_end:
                found.append(Cut(spans, shapes))
            return
        for end, shape in shaped_ends(s, pos, kinds[k]):
            if end <= limit and end - pos <= _MAX_CELL:
                walk(end, k + 1, spans + ((pos, end),), shapes + (shape,))

    if i < limit:
        walk(i, 0, (), ())
    return found


def decimals(number: str) -> int:
    return len(number.split(".", 1)[1]) if "." in number else 0


def to_decimal(shape: tuple) -> Decimal | None:
    if shape[0] not in ("number", "quantity"):
        return None
    try:
        return Decimal(shape[1].replace(",", ""))
    except InvalidOperation:
        return None


def starts_value(s: str, i: int) -> bool:
    """Cheap test before a full cutting: can a value cell start here at all?"""
    return bool(
        _NUMBER_START.match(s, i) or _OPERATOR.match(s, i) or _PLACEHOLDER.match(s, i)
        or any(s.startswith(w, i) for w in _WORDS) or _DATE.match(s, i)
        or any(s[i : i + size] == s[i + size : i + 2 * size] for size in range(2, _DOUBLED_MAX + 1))
    )


# -- choosing a cutting ---------------------------------------------------------------------

FUND_KINDS = {
    "initial_budget": AMOUNT, "annual_budget": AMOUNT, "executed": AMOUNT,
    "weight": WEIGHT, "execution_rate": RATE, "score": SCORE,
}
_HUNDRED = Decimal(100)
# _NEAR: a whole-percent rate written for executed / budget cut or rounded to the percent ("47.68 /
# 50" = 95.36 % written "95.00%"): the form's own slip, which the checks then report.
# It ranks above a cutting with no rate to check (which leaves a column out: "1484631.0 | 0%" is no
# reading), but only a single slip is taken: two cuttings that each bear the rate out nearly are ambiguous.
_CONSISTENT, _NEAR, _UNCHECKED, _INCONSISTENT = 0, 1, 2, 3


class Ambiguous(Exception):
    """More than one cutting survives every check (or none has the right shapes)."""


class TooManyCuttings(Ambiguous):
    """So many cuttings fit that they were not all walked."""


def split_fund_run(
    s: str, start: int, end: int, columns: list[str], total: dict[str, Decimal] | None = None,
    implied_weight: Decimal | None = None, part: bool = False,
) -> dict[str, tuple[int, int]]:
    """Cut a funds row's values (s[start:end]) into its columns; blank cells vanish in such text,
    so any contiguous block of the header's columns may be present. `total` holds the amounts of
    the 年度资金总额 row already read (a part is within the total, and often equal to it).
    `implied_weight` is the 分值 a header states when the form has no 分值 column ("得分(20分*
    执行率)"): the score is then checked against it as against a 分值 cell.
    Raises Ambiguous."""
    if start >= end:
        return {}
    candidates: list[dict[str, tuple[tuple[int, int], tuple]]] = []
    # A part row (其中…) may leave its 分值/得分 blank between amounts and rate: those cells
    # vanish from the middle of the row, so its columns are also tried without them.
    reduced = [c for c in columns if c not in ("weight", "score")]
    shapes_of = [columns, reduced] if part and len(reduced) < len(columns) else [columns]
    seen: set[tuple] = set()
    for cols in shapes_of:
        for a in range(len(cols)):
            for b in range(a + 1, len(cols) + 1):
                block = tuple(cols[a:b])
                if block in seen:
                    continue
                seen.add(block)
                for cut in cuts_at(s, start, [FUND_KINDS[c] for c in block], end, exact_end=end):
                    candidates.append(dict(zip(block, zip(cut.spans, cut.shapes))))
    candidates = [c for c in candidates if _scores_plausible(c.get("weight"), c.get("score"))]
    if not candidates:
        raise Ambiguous("no cutting has the columns' shapes")
    best = min(_rate_class(c) for c in candidates)
    if best == _UNCHECKED and any(len(c) == len(columns) and _rate_class(c) == _INCONSISTENT for c in candidates):
        # "101090%": read whole, the row contradicts itself (10 | 10 | 90%); a reading that leaves a
        # column out to escape the check ("1010 | 90%") is a guess.
        raise Ambiguous("the whole row's amounts do not bear its rate out")
    kept = [c for c in candidates if _rate_class(c) == best]
    if best == _NEAR and len({_meaning(c, columns) for c in kept}) > 1:
        raise Ambiguous("more than one cutting bears the rate out only nearly")
    # Soft checks, each applied only when it leaves something.
    # Strongest first: every column filled ("0 0 0 — — —": nothing vanished), a part within
    # (then equal to) the total, execution within the budget, and last the weak one, amounts
    # written with the same decimals ("194.9", "194.9").
    checks = [lambda c: len(c) == len(columns), lambda c: _score_follows_rate(c, implied_weight),
              _not_over_budget, _amounts_alike, _same_decimals]
    if total:
        checks[2:2] = [lambda c: _within(c, total, equal=False), lambda c: _within(c, total, equal=True),
                       _no_score_on_part]
    elif part:
        checks[2:2] = [_no_score_on_part]
    for check in checks:
        narrowed = [c for c in kept if check(c)]
        kept = narrowed or kept
    if best == _CONSISTENT and len({_meaning(c, columns) for c in kept}) > 1:
        # Among cuttings whose rate the amounts bear out, the one that bears it out best, when it
        # does so clearly ("85.66 | 2.57 | 3.0%": 3.0002 % over "85.6 | 62.5 | 73.0%": 73.014 %).
        errors = sorted({_rate_error(c) for c in kept})
        trivial = any(_value(c.get("execution_rate")) == 0 for c in kept)  # "0 | 0%" is exact for any budget
        if len(errors) > 1 and errors[1] > 10 * errors[0] and not trivial:
            kept = [c for c in kept if _rate_error(c) == errors[0]]
    if best == _CONSISTENT and len({_meaning(c, columns) for c in kept}) > 1 and not any(map(_has_decimals, kept)):
        # Last, the weakest, among cuttings of whole amounts whose rate the amounts bear out: the cutting
        # whose longest amount is shortest ("30|30|10|100%" over "30301|0|10|0%"): a long number is more
        # often two numbers run together. (Decimal points fix where amounts end: cuttings that move them,
        # "85.66|2.57|3.0%" and "85.6|62.5|73.0%", stay ambiguous.)
        shortest = min(_longest_amount(c) for c in kept)
        kept = [c for c in kept if _longest_amount(c) == shortest]
    # Cuttings that read the same values (placeholders: "———" as one, two or three cells) agree.
    meanings = {_meaning(c, columns) for c in kept}
    if len(meanings) != 1:
        raise Ambiguous(f"{len(meanings)} cuttings fit")  # (several slips of a rate among them, too)
    if _padded_tail(kept[0]):
        raise Ambiguous("an amount would end in a zero its row's other amounts do not write")
    return {column: span for column, (span, _) in kept[0].items()}


def _padded_tail(cell_map) -> bool:
    """"1.56 | 1.56120": an amount whose long decimals end in 0 beside an amount written with fewer
    decimals. A row's amounts share their format, so the zero (and what follows) is the next cell
    run into this one, not a digit of the amount."""
    places = [shape[1].split(".", 1)[1] if "." in shape[1] else ""
              for c, (_, shape) in cell_map.items() if FUND_KINDS[c] == AMOUNT and shape[0] == "number"]
    shortest = min((len(p) for p in places), default=0)
    return any(len(p) >= 3 and p.endswith("0") and len(p) > shortest for p in places)


def _score_follows_rate(cell_map, implied_weight: Decimal | None = None) -> bool:
    """得分 = 分值 × 执行率 (capped at 100%), give or take the form's rounding: the form's own
    arithmetic, so a cutting that breaks it is the less likely one."""
    weight, rate, score = (_value(cell_map.get(c)) for c in ("weight", "execution_rate", "score"))
    if weight is None and "weight" not in cell_map:
        weight = implied_weight
    if weight is not None and weight == 0:
        return False  # a 分值 of 0 is no 分值
    if weight is None or rate is None or score is None:
        return True
    if rate == 0:
        return score == 0  # nothing executed scores nothing
    expected = weight * min(rate, _HUNDRED) / _HUNDRED
    return abs(score - expected) <= max(Decimal("0.5"), weight / 20)


def _no_score_on_part(cell_map) -> bool:
    """分值 and 得分 belong to the 年度资金总额 row; a part (其中…) row carries amounts (and a rate)."""
    return all(FUND_KINDS[c] in (AMOUNT, RATE) or cell[1][0] == "placeholder" for c, cell in cell_map.items())


def _meaning(cell_map, columns) -> tuple:
    return tuple(_value(cell_map.get(c)) for c in columns)


def _within(cell_map, total: dict[str, Decimal], equal: bool) -> bool:
    for column, cell in cell_map.items():
        value, limit = _value(cell), total.get(column)
        if FUND_KINDS[column] == AMOUNT and value is not None and limit is not None:
            if (value != limit) if equal else (value > limit):
                return False
    return True


def _value(cell) -> Decimal | None:
    return None if cell is None else to_decimal(cell[1])


def _scores_plausible(weight, score, most: Decimal = _HUNDRED) -> bool:
    w, sc = _value(weight), _value(score)
    if w is not None and w > most or sc is not None and sc > most:
        return False
    return w is None or sc is None or sc <= w


def _rate_class(cell_map) -> int:
    budget, executed, rate = (_value(cell_map.get(c)) for c in ("annual_budget", "executed", "execution_rate"))
    if executed is not None and rate is not None and (rate == 0) != (executed == 0):
        return _INCONSISTENT  # "14846 | 31 | 0%": nothing executed is 0 %, anything executed is more
    if budget is None or executed is None or rate is None or budget == 0:
        return _UNCHECKED
    written = cell_map["execution_rate"][1][1]
    tolerance = Decimal(5).scaleb(-decimals(written) - 1) + Decimal("1e-9")
    if abs(executed / budget * _HUNDRED - rate) <= tolerance:
        return _CONSISTENT
    if rate == _HUNDRED and executed >= budget:
        return _CONSISTENT  # rate capped at 100%
    if _whole_percent_slip(budget, executed, rate):
        return _NEAR
    return _INCONSISTENT


def _whole_percent_slip(budget: Decimal, executed: Decimal, rate: Decimal) -> bool:
    """The rate is a whole percent, not 0, and the computed rate cut or rounded to the percent;
    budget and execution of one size (a cutting that makes them far apart is no slip)."""
    computed = executed / budget * _HUNDRED
    whole = rate == rate.to_integral_value()
    return (whole and rate > 0 and rate in (computed.to_integral_value(rounding="ROUND_FLOOR"),
                                            computed.to_integral_value(rounding="ROUND_HALF_UP"))
            and 0 < executed and max(budget, executed) <= 5 * min(budget, executed))


def _rate_error(cell_map) -> Decimal:
    """How far the written rate is from executed / budget, relative to the rate (0 when exact)."""
    budget, executed, rate = (_value(cell_map.get(c)) for c in ("annual_budget", "executed", "execution_rate"))
    if budget is None or executed is None or rate is None or budget == 0:
        return Decimal(0)
    computed = min(executed / budget * _HUNDRED, _HUNDRED) if rate == _HUNDRED else executed / budget * _HUNDRED
    return abs(computed - rate) / max(rate, Decimal(1))


def _has_decimals(cell_map) -> bool:
    return any(FUND_KINDS[c] == AMOUNT and shape[0] == "number" and "." in shape[1]
               for c, (_, shape) in cell_map.items())


def _longest_amount(cell_map) -> int:
    return max((b - a for c, ((a, b), _) in cell_map.items() if FUND_KINDS[c] == AMOUNT), default=0)


def _amounts_alike(cell_map) -> bool:
    """A row's non-zero amounts (年初/全年预算数, 执行数) are of one size: within a factor of 5 of
    each other. A cutting that makes one of them a hundred times another ("30 | 30301 | 0") is
    the less likely one."""
    # With a rate in the cutting, the rate already ties the execution to the budget: a low execution
    # ("512558 | 25628 | 5.00%") is no sign of a wrong cut then.
    checked = "execution_rate" in cell_map and "annual_budget" in cell_map
    columns = ("initial_budget", "annual_budget") if checked else ("initial_budget", "annual_budget", "executed")
    amounts = [v for c in columns if (v := _value(cell_map.get(c))) is not None and v > 0]
    return not amounts or max(amounts) <= 5 * min(amounts)


def _same_decimals(cell_map) -> bool:
    places = {
        decimals(shape[1]) for c, (_, shape) in cell_map.items() if FUND_KINDS[c] == AMOUNT and shape[0] == "number"
    }
    return len(places) <= 1


def _not_over_budget(cell_map) -> bool:
    budget, executed = _value(cell_map.get("annual_budget")), _value(cell_map.get("executed"))
    return budget is None or executed is None or executed <= budget


INDICATOR_KINDS = {"target": VALUE, "actual": VALUE, "weight": WEIGHT, "score": SCORE}
# No single indicator weighs more than its 一级 part (产出 50 at most in every template seen:
# 50/30/10/10 centrally, 40/30/10/20 in Hubei).
_INDICATOR_WEIGHT_MAX = Decimal(50)


Spans = dict[str, tuple[int, int]]


def indicator_run(s: str, q: int, columns: list[str], limit: int,
                  percent_weight: bool = False) -> tuple[Spans | None, int] | None:
    """The value cells of an indicator row starting at q: (cells, end), cells None when the run
    is there but cannot be cut confidently; None when no run of these columns starts at q.
    percent_weight: the 分值 column is a 权重 that may be written "20%"."""
    kinds = [WEIGHT_PERCENT if c == "weight" and percent_weight else INDICATOR_KINDS[c] for c in columns]
    try:
        maps = [dict(zip(columns, zip(cut.spans, cut.shapes))) for cut in cuts_at(s, q, kinds, limit)]
        maps.extend(_doubled_word(s, q, columns, kinds, limit))
    except TooManyCuttings:
        run = _VALUE_CHARS.match(s, q, limit)
        return (None, run.end()) if run is not None else None  # values are here, not cuttable
    maps = [
        m for m in maps
        if _compatible(m.get("target"), m.get("actual"))
        and _digit_cut_ok(s, m.get("target"), m.get("actual"))
        and _scores_plausible(m.get("weight"), m.get("score"), _INDICATOR_WEIGHT_MAX)
        and _clean_end(s, _end(m))
    ]
    if not maps:
        return None
    believable = [m for m in maps if _digit_cuts(s, m) <= 1] or _only_doubled_number(s, maps, columns)
    if not believable:
        return None, max(_end(m) for m in maps)  # a row's values are here, but not cuttable
    maps = believable
    # The longest run wins: a shorter one would leave a unit or a digit to start the next name.
    end = max(_end(m) for m in maps)
    kept = list({tuple(span for span, _ in m.values()): m for m in maps if _end(m) == end}.values())
    narrowed = [m for m in kept if _same_value_decimals(m)]
    kept = narrowed or kept
    if len(kept) != 1:
        return None, end
    return {column: span for column, (span, _) in kept[0].items()}, end


_DOUBLED_MAX = 8


def _doubled_word(s: str, q: int, columns: list[str], kinds: list[str], limit: int) -> list[dict]:
    """Target and actual written as the same word of no known shape ("长期长期"): the repetition
    marks the cut. Only believed when numeric columns (分值, 得分) follow and fit, since a name
    may repeat characters too."""
    at = columns.index("target") if "target" in columns else -1
    if at < 0 or columns[at + 1 : at + 2] != ["actual"] or len(columns) < 3:
        return []
    out = []
    # Cells before the pair (分值 written first in some templates) are cut as usual.
    heads = cuts_at(s, q, kinds[:at], limit) if at else [Cut((), ())]
    for head in heads:
        p = head.end if at else q
        for size in range(2, _DOUBLED_MAX + 1):
            word = s[p : p + size]
            if len(word) < size or any(c.isdigit() for c in word) or s[p + size : p + 2 * size] != word:
                continue
            start = p + 2 * size
            shapes = head.shapes + (("degree", word), ("degree", word))
            for cut in cuts_at(s, start, kinds[at + 2 :], limit):
                spans = head.spans + ((p, p + size), (p + size, start)) + cut.spans
                out.append(dict(zip(columns, zip(spans, shapes + cut.shapes))))
    return out


def _only_doubled_number(s: str, maps: list[dict], columns: list[str]) -> list[dict]:
    """The one cutting in the repeated-number shape, when no other cutting of the run reads as a
    row at all (its score agreeing with how far the actual is from the target)."""
    fitting = [m for m in maps if _score_fits_completion(m)]
    doubled = [m for m in fitting if _doubled_number(s, m, columns)]
    return doubled if len(doubled) == len(fitting) == 1 else []


def _score_fits_completion(cell_map) -> bool:
    """Either direction of "better" is allowed (costs and complaints are better lower): a score of
    at least half the 分值, or one within half the 分值 of the ratio of the smaller value to the
    larger. Values apart by more than ten times are no one row's target and actual; a zero beside
    a value of 1,000 or more neither."""
    values = [to_decimal(cell_map[c][1]) if c in cell_map else None for c in ("weight", "target", "actual", "score")]
    if any(v is None for v in values):
        return False
    weight, target, actual, score = values
    if weight <= 0:
        return False
    share = score / weight
    low, high = sorted((abs(target), abs(actual)))
    if low == 0:
        return high < 1000
    if high > 10 * low:
        return False
    return share >= Decimal("0.5") or abs(share - low / high) <= Decimal("0.5")


def _doubled_number(s: str, cell_map, columns: list[str]) -> bool:
    """分值, target, actual, 得分 run together with the target met exactly ("20|100|100|20"): the
    repeated number marks two cuts, and the scores on both sides must fit, so three cuts between
    digits are believed only in that shape."""
    if columns[:1] != ["weight"] or columns[-1:] != ["score"] or len(columns) != 4:
        return False
    target, actual = cell_map.get("target"), cell_map.get("actual")
    if target is None or actual is None or target[1][0] != "quantity":
        return False
    written = s[target[0][0]:target[0][1]]
    return len(written) >= 3 and written == s[actual[0][0]:actual[0][1]]


def _end(cell_map) -> int:
    return max(span[1] for span, _ in cell_map.values())


def _compatible(target, actual) -> bool:
    """Could these two cells be one row's target and actual? Placeholders and status words
    ("无", "完成") answer anything; otherwise both are quantities with the same (or no) unit,
    both dates, or both degree words."""
    if target is None or actual is None:
        return True
    t, a = target[1], actual[1]
    if "placeholder" in (t[0], a[0]) or a[0] == "status":
        return True
    if t[0] == "status":
        return a[0] == "degree"
    if t[0] == "quantity" and a[0] == "quantity":
        if "%" in (t[2], a[2]) and t[2] is not None and a[2] is not None:
            return t[2] == a[2]
        return t[2] is None or a[2] is None or t[2] == a[2]
    return t[0] == a[0] and t[0] in ("date", "degree")


def _clean_end(s: str, end: int) -> bool:
    """A row's last cell does not stop inside a number or before its own unit ("0" | "0吨…")."""
    if end >= len(s) or not s[end - 1].isdigit():
        return True
    return not (s[end].isdigit() or s[end] == "." or any(s.startswith(unit, end) for unit in _UNITS))


def _digit_cuts(s: str, cell_map) -> int:
    """Cuts that fall between two digits. One is believable ("00", "100%100%1515"); a run cut
    between digits all along ("3030" as 3|0|3|0) fits any shape by coincidence."""
    spans = sorted(span for span, _ in cell_map.values())
    cuts = [end for _, end in spans[:-1]]
    return sum(1 for end in cuts if s[end - 1 : end].isdigit() and s[end : end + 1].isdigit())


def _digit_cut_ok(s: str, target, actual) -> bool:
    """A cut between two digits ("500吨" as "50" | "0吨") is only believed when both sides are
    written alike (same unit or none): a target without the unit its actual has is far more
    likely one number of a name than two cells."""
    if target is None or actual is None:
        return True
    (_, t_end), t = target
    (a_start, _), a = actual
    if not (s[t_end - 1 : t_end].isdigit() and s[a_start : a_start + 1].isdigit()):
        return True
    return t[0] == a[0] == "quantity" and t[2] == a[2]


def _same_value_decimals(cell_map) -> bool:
    target, actual = cell_map.get("target"), cell_map.get("actual")
    if target is None or actual is None or target[1][0] != "quantity" or actual[1][0] != "quantity":
        return True
    if target[1][2] is not None or actual[1][2] is not None:
        return True
    return decimals(target[1][1]) == decimals(actual[1][1])
