"""A table row read cell by cell under its header's cells, and the checks that it fits them.

Pipe text keeps a blank cell for every empty or merged column, in the header as in its rows, and
one-cell-per-line text keeps a row's cells in the header's sequence: there the header's cells (its
"slots": the column each declares, "" for a blank one) stand over a row's cells one for one.
Flattened text keeps only the filled cells, so a row fits its header there only when no blank cell
left a gap. The stream layout (layout_stream.py) finds where a row's cells are; the functions here
pair them with the slots and say whether they fit: no filled cell under a blank header cell,
numbers under the number columns, the score not above the weight, the execution rate borne out by
the amounts.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from decimal import Decimal, InvalidOperation

from .normalize import fold
from .numbers import SCORE_UNITS, meant_as_number, parse_decimal
from .tokens import Token

BLANK = ""
# Indicator columns a row can be read under cell by cell ("?": a label cell before the first
# column, "绩效指标"); under any other the row is read in sequence.
READABLE_COLUMNS = frozenset({BLANK, "?", "level1", "level2", "name", "target", "actual", "weight", "score", "note",
                              "target_op", "target_unit", "deduction", "standard", "description", "completion_rate",
                              "remark"})
POINT_COLUMNS = frozenset({"weight", "score", "deduction"})
# A funds block is worth 10 or 20 of the form's 100 points, rarely 30.
_FUNDS_WEIGHT_MOST = 30


def header_slots(tokens: Sequence[Token], header_cells: list[tuple[int, str, int]], first: int, last: int,
                 before_first: str) -> list[str] | None:
    """The header's cells from token `first` to `last`: the column of each label cell (header_cells:
    its token, column and the token after it), "" for a blank cell and `before_first` for a filled
    cell before the first label ("绩效指标", a funds block's own label). None when a label spans
    tokens or a filled cell after the first label declares no column."""
    if not header_cells or any(end != start + 1 for start, _, end in header_cells):
        return None
    by_token = {start: column for start, column, _ in header_cells}
    slots: list[str] = []
    for k in range(first, last + 1):
        if k in by_token:
            slots.append(by_token[k])
        elif tokens[k].empty:
            slots.append(BLANK)
        elif k < header_cells[0][0]:
            slots.append(before_first)
        else:
            return None
    return slots


def fits(cells: Sequence[Token], slots: Sequence[str]) -> bool:
    """As many cells as the header, or as many once blank cells at the ends of both are dropped."""
    if len(cells) == len(slots):
        return True
    filled = [k for k, token in enumerate(cells) if not token.empty]
    used = [k for k, slot in enumerate(slots) if slot]
    return bool(filled and used) and filled[-1] == used[-1] and len(cells) > used[-1]


def under(slots: Sequence[str], cells: Sequence[Token], shift: int = 0) -> list[tuple[str, Token]]:
    """Each cell with the header cell above it, the row starting `shift` cells into the header; a
    cell past the header's ends stands under a blank one."""
    return [(slots[k + shift] if 0 <= k + shift < len(slots) else BLANK, token) for k, token in enumerate(cells)]


def cells_by_column(row: Iterable[tuple[str, Token]], blank: Collection[str],
                    holds_number: Callable[[str, Token], bool],
                    numbers: Collection[str] = POINT_COLUMNS) -> dict[str, Token] | None:
    """A row's cells by the column above them; None when a filled cell stands under a header cell in
    `blank` or a cell under a column in `numbers` holds no number."""
    by_column: dict[str, Token] = {}
    for slot, token in row:
        if slot in blank:
            if not token.empty:
                return None
        elif slot in numbers and not holds_number(slot, token):
            return None
        else:
            by_column[slot] = token
    return by_column


def holds_points(slot: str, token: Token, *, placeholder: bool = True, percent_in: Collection[str] = ("weight",)) -> bool:
    """A number of points ("18", "18分"), a blank or "/" unless `placeholder` is False, or a percent
    under a column in `percent_in` (权重(%) "15%": that many of the 100 points)."""
    number, is_number = parse_decimal(token.text, SCORE_UNITS)
    return ((is_number and (number is not None or placeholder)) or (slot in percent_in and is_percent(token))
            or (not is_number and meant_as_number(token.text)))  # "约45": its cell, reported as no number


def is_percent(token: Token) -> bool:
    return not token.empty and fold(token.text).strip().endswith("%")


def score_within_weight(cells: dict[str, Token]) -> bool:
    """An indicator's 得分 at most its 分值, or either not a plain number of points."""
    weight = parse_decimal(cells["weight"].text, SCORE_UNITS)[0] if "weight" in cells else None
    score = parse_decimal(cells["score"].text, SCORE_UNITS)[0] if "score" in cells else None
    return weight is None or score is None or score <= weight


def funds_scores_fit(cells: dict[str, Token]) -> bool:
    """A funds row's 分值 and 得分 as forms write them: 分值 at most 30, 得分 at most 分值."""
    try:
        weight = Decimal(fold(cells["weight"].text).strip().rstrip("分"))
        score = Decimal(fold(cells["score"].text).strip().rstrip("分")) if "score" in cells else Decimal(0)
    except (KeyError, InvalidOperation):
        return False
    return 0 < weight <= _FUNDS_WEIGHT_MOST and 0 <= score <= weight


def not_a_funds_weight(token: Token) -> bool:
    """A number no funds block is worth."""
    try:
        return Decimal(fold(token.text).strip()) > _FUNDS_WEIGHT_MOST
    except InvalidOperation:
        return False


def rate_borne_out(cells: dict[str, Token]) -> bool:
    """The 执行率 cell agrees with 全年执行数 / 全年预算数 (within a point; 100 % when over budget; a
    fraction such as "0.98" read as 98 %)."""
    try:
        # No 全年预算数 column (济南: 年初预算数(A), 执行率(B/A)): the rate is of the 年初预算数.
        budget_cell = cells["annual_budget"] if "annual_budget" in cells else cells["initial_budget"]
        budget = Decimal(fold(budget_cell.text).strip().replace(",", "").replace(" ", "").rstrip("万元"))
        executed = Decimal(fold(cells["executed"].text).strip().replace(",", "").replace(" ", "").rstrip("万元"))
        rate = Decimal(fold(cells["execution_rate"].text).strip().rstrip("%"))
    except (KeyError, InvalidOperation):
        return False
    if budget <= 0:
        return budget == 0 and executed == 0 and rate == 0  # "0.00 0.00 0.00 0": nothing budgeted
    exact = executed / budget * 100
    computed = min(exact, Decimal(100)) if rate >= 100 else exact
    return any(abs(value - written) <= 1 for value in {computed, exact} for written in (rate, rate * 100))
