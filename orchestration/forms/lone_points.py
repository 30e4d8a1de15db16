"""Where a row's one number goes when flattened text lost its blank 分值 or 得分 cell.

"name target actual 10" under 分值 得分: the 10 is the row's 分值 (its 得分 blank) or its 得分 (its 分值
blank); the line does not say. The form's sums may: the rows' 分值 (with the funds row's) add up to the
总分's 分值, their 得分 to its 得分. A blank cell is an unknown number: a blank 分值 is no less than its row's
得分, a blank 得分 no more than its row's 分值 and no less than 0."""

from __future__ import annotations

from decimal import Decimal
from itertools import product

# 2**10 placements at most; more lone numbers than that are not placed by sums.
_MAX_LONE = 10


def placements(lone: list[Decimal], rows: list[tuple[Decimal | None, Decimal | None]],
               total_weight: Decimal | None, total_score: Decimal | None) -> list[tuple[bool, ...]]:
    """The placements of the lone numbers (True: the 分值, False: the 得分) that the totals allow.
    `rows` are the form's other rows' (分值, 得分), None where blank (a template's "/" rows left out by the
    caller). A total left blank allows any."""
    if len(lone) > _MAX_LONE:
        return [tuple(True for _ in lone), tuple(False for _ in lone)]
    return [placed for placed in product((True, False), repeat=len(lone))
            if _weights_allow(lone, placed, rows, total_weight) and _scores_allow(lone, placed, rows, total_score)]


def _weights_allow(lone, placed, rows, total: Decimal | None) -> bool:
    if total is None:
        return True
    known = sum((w for w, _ in rows if w is not None), Decimal(0))
    known += sum((v for v, as_weight in zip(lone, placed) if as_weight), Decimal(0))
    # each blank 分值 is at least its row's 得分 (0 when that is blank too)
    least = sum((v for v, as_weight in zip(lone, placed) if not as_weight), Decimal(0))
    least += sum((s for w, s in rows if w is None and s is not None), Decimal(0))
    blanks = any(not as_weight for as_weight in placed) or any(w is None for w, _ in rows)
    return known == total if not blanks else known + least <= total


def _scores_allow(lone, placed, rows, total: Decimal | None) -> bool:
    if total is None:
        return True
    known = sum((s for _, s in rows if s is not None), Decimal(0))
    known += sum((v for v, as_weight in zip(lone, placed) if not as_weight), Decimal(0))
    # each blank 得分 is at most its row's 分值 (unbounded when that is blank too)
    unbounded = any(w is None and s is None for w, s in rows)
    most = sum((v for v, as_weight in zip(lone, placed) if as_weight), Decimal(0))
    most += sum((w for w, s in rows if s is None and w is not None), Decimal(0))
    blanks = any(placed) or any(s is None for _, s in rows)
    if not blanks:
        return known == total
    return known <= total and (unbounded or total <= known + most)
