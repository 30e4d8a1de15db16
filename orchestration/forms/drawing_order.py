"""Indicator tables whose text was copied from a PDF in drawing order, put back in row order.

A PDF's text layer holds a table's cells by their position on the page, line by line, not row by
row. Flattened, that order shows in three ways:

- a cell wrapped over several lines is drawn one line at a time, so its lines interleave with the
  cells of the other lines: the header's tall cells open before the one-line labels and end after
  them; a name wrapped over two lines is split around the row's values, which stand at the row's
  vertical middle ("骨干教师补助资金总额 201600 100% 5 5 (元)");
- a merged 一级/二级 cell is drawn at the vertical middle of its group of rows, so the first rows
  come before any level label, and each label stands among the rows it covers;
- a row ends where its 分值/得分 are drawn, the numbers the header declares after the value columns.

The rows are read by their 分值/得分 anchors; a name is joined with the one text that follows the
row's values when the next row does not need it; the groups of the level labels are the partition
of the rows that puts every label closest to the middle of its group. Where that is not certain
(two partitions nearly as good, text between rows that no rule places), the cells are left blank and
reported, never guessed. The table is handed back as the tokens of a row-ordered table, so the
stream reader reads it as it reads any other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import labels
from .normalize import fold, label_key
from .tokens import Token

# The standard indicator system: the 一级 group each 二级 label belongs to.
_PARENT = {**labels.LEVEL1_OF_LEVEL2,
           # 2021+ forms: 成本指标 as a 一级 of its own
           "经济成本指标": "成本指标", "社会成本指标": "成本指标", "生态环境成本指标": "成本指标"}
_LEVEL_NAMES = labels.LEVEL1_NAMES | labels.LEVEL2_NAMES
# 分值 and 得分: the plain numbers that close a row.
_POINTS = re.compile(r"^\d{1,3}(?:\.\d+)?$")
_POINT_COLUMNS = ("weight", "score")
# A cell value rather than a name: a number, percent, comparison or a qualitative word.
_VALUE_LIKE = re.compile(r"^[<>=≥≤≧≦＞＜/—-]|^[\d.,%×*+~～-]+[^\u3400-\u9fff]{0,3}$|^\d[\d.,]*\s*\S{0,3}$")
_NOTE_LABEL = re.compile(r"(?:原因|措施)(?:分析)?$")
_BRACKET_NOTE = re.compile(r"[(（].*$")
_TABLE_END = labels.TOTAL_ROW | labels.INDICATOR_TOTAL_ROW
# A partition of the rows among the level labels is taken only when no other puts the labels within
# this many lines (summed) of the middles of their groups.
_SURE_MARGIN = 0.5
_EPSILON = 1e-6
# A level label wrapped in its narrow column: its last line is drawn after the cells between its lines.
_LABEL_WRAP_WINDOW = 8


@dataclass
class DrawnRow:
    name: list[Token]
    values: list[Token]
    points: list[Token]
    lead: list[Token] = field(default_factory=list)  # text before the name no rule placed
    surplus: list[Token] = field(default_factory=list)  # values beyond the value columns (which are which?)
    height: int = 1  # lines of text: 2 for a name wrapped around its values


@dataclass
class DrawnTable:
    tokens: list[Token]
    rows: int | None  # None: only the header was rewritten (its rows are in row order)
    unsure: dict[int, set[str]]  # row -> contract keys left blank
    notes: list[tuple[str, str, int]]  # (subject, message, line)


def _key(token: Token) -> str:
    return labels.column_key(token.text) if len(token.text) <= 40 else ""


def _column(text: str, joined: bool = False) -> str | None:
    """The column a header label names; `joined`: a tall cell's lines joined, whose bracketed note
    or 原因/措施 ending names it."""
    key = labels.column_key(text)
    found = labels.INDICATOR_COLUMNS.get(key)
    if found is None and joined:
        base = labels.column_key(_BRACKET_NOTE.sub("", text))
        found = labels.INDICATOR_COLUMNS.get(base)
    if found is None and joined and _NOTE_LABEL.search(key):
        found = "note"
    return found


def _level(text: str) -> str | None:
    key = label_key(text)
    weighted = labels.LEVEL1_WEIGHT.match(key) if key.endswith(")") else None
    key = labels.level_name_key(weighted.group(1) if weighted else key)  # "产出指标(40分)"
    return key if key in _LEVEL_NAMES else None


def _header(tokens: list[Token], start: int) -> tuple[int, int, list[tuple[str, str]]] | None:
    """The indicator header whose one-line labels start at `start` (一级指标): (first token, end,
    [(column, label)]) with the tall cells' lines joined, their other lines drawn before and after."""
    order: list[tuple[str | None, str]] = []
    k = start
    end = start
    while k < len(tokens) and len(order) < 16:
        column = _column(tokens[k].text) if not tokens[k].empty else None
        if column is not None:
            order.append((column, tokens[k].text))
            end = k = k + 1
            continue
        following = _column(tokens[k + 1].text) if k + 1 < len(tokens) else None
        if following is None or _POINTS.match(tokens[k].text) or labels.INDICATOR_NOISE.match(_key(tokens[k])):
            break
        order.append((None, tokens[k].text))  # the middle line of a tall cell
        k += 1
    middles = [n for n, (column, _) in enumerate(order) if column is None]
    first = start - len(middles)
    if first < 0 or any(t.empty or labels.column_key(t.text) in labels.INDICATOR_COLUMNS or _POINTS.match(t.text)
                        for t in tokens[first:start]):
        return None
    cells = {n: [tokens[first + m].text, order[n][1]] for m, n in enumerate(middles)}
    k = end
    for n in middles:  # the tall cells' last lines, in the order of the cells
        if k >= len(tokens) or len(tokens[k].text) > 6 or _POINTS.match(tokens[k].text):
            break
        joined = "".join(cells[n])
        unclosed = joined.count("(") + joined.count("（") > joined.count(")") + joined.count("）")
        if (unclosed and (")" in tokens[k].text or "）" in tokens[k].text)) or (
                not unclosed and _NOTE_LABEL.search(joined + tokens[k].text) and not _NOTE_LABEL.search(joined)):
            cells[n].append(tokens[k].text)
            k += 1
    columns: list[tuple[str, str]] = []
    for n, (column, text) in enumerate(order):
        if column is None:
            joined = "".join(cells[n])
            column = _column(joined, joined=True)
            if column is None:
                return None
            text = joined if labels.column_key(joined) in labels.INDICATOR_COLUMNS else _label_of(column)
        columns.append((column, text))
    return first, k, columns, bool(middles)


def _label_of(column: str) -> str:
    """A label the header reader knows for `column` (a tall cell's lines joined may be no label of its
    vocabulary: "年度指标值(根据项目方案和预算填写)")."""
    return min((key for key, value in labels.INDICATOR_COLUMNS.items() if value == column), key=len)


def _table_end(tokens: list[Token], start: int) -> int:
    for k in range(start, len(tokens)):
        key = labels.total_key(_key(tokens[k]))
        if key in _TABLE_END or key in labels.REMARK_ROWS or key in labels.AFTER_TABLE_SECTIONS:
            return k
    return len(tokens)


def _labels(tokens: list[Token]) -> tuple[list[Token], list[tuple[str, list[int]]]]:
    """The table's tokens without its level labels, and the labels in order, each with the index of
    the token each of its lines stands before (len(content) at the end). A label wrapped around other
    cells ("社会效益指 效益指标 标") is joined; the 绩效指标 cell spanning the table is no level."""
    content: list[Token] = []
    found: list[tuple[str, list[int]]] = []
    pending: dict[int, list[int]] = {}  # token of a wrapped label's last line -> the label's spots
    for k, token in enumerate(tokens):
        if k in pending:
            pending.pop(k).append(len(content))
            continue
        if token.empty or labels.INDICATOR_NOISE.match(_key(token)):
            continue
        level = _level(token.text)
        spots = [len(content)]
        if level is None and 2 <= len(token.text) <= 8:
            for m in range(k + 1, min(k + 1 + _LABEL_WRAP_WINDOW, len(tokens))):
                if (m not in pending and not tokens[m].empty and len(tokens[m].text) <= 3
                        and _level(token.text + tokens[m].text)):
                    level = _level(token.text + tokens[m].text)
                    pending[m] = spots
                    break
        if level is None:
            content.append(token)
        else:
            found.append((level, spots))
    return content, found


def _value_like(token: Token) -> bool:
    text = fold(token.text).strip()
    return bool(_VALUE_LIKE.search(text)) or text in labels.QUALITATIVE_WORDS


def _read_rows(content: list[Token], points: int, values: int):
    """Rows anchored on their 分值/得分 runs; per content token, its row and part."""
    rows: list[DrawnRow] = []
    place: list[tuple[int, str]] = []  # per content token: (row, "name"/"lead"/"value"/"cont")
    k = 0
    segment_start = 0
    pending: list[int] = []
    while k < len(content):
        if not _POINTS.match(content[k].text):
            k += 1
            continue
        run_end = k
        while run_end < len(content) and _POINTS.match(content[run_end].text):
            run_end += 1
        if run_end - k < points:
            k = run_end
            continue
        tail = run_end - points
        segment = list(range(segment_start, tail))
        rows.append(DrawnRow([], [], content[tail:run_end]))
        pending.append(len(rows) - 1)
        place.extend([(-1, "")] * (run_end - len(place)))
        _split_segment(rows, segment, content, values, place)
        for m in range(tail, run_end):
            place[m] = (len(rows) - 1, "value")
        segment_start = k = run_end
    place.extend([(-1, "")] * (len(content) - len(place)))
    trailing = list(range(segment_start, len(content)))
    if rows and trailing and not _value_like(content[trailing[0]]):
        # The text after the last row: its first text continues the last row's name when nothing
        # else is left, or when the rest is a row's name and values of its own (a row cut short).
        rest = trailing[1:]
        named = [m for m in rest if not _value_like(content[m])]
        if not rest or len(named) == 1 and named[0] == rest[0]:
            rows[-1].name.append(content[trailing[0]])
            rows[-1].height = 2
            place[trailing[0]] = (len(rows) - 1, "cont")
            segment_start = trailing[0] + 1
    return rows, place, segment_start


def _split_segment(rows, segment, content, values, place) -> None:
    """The tokens between two rows' anchors: the continuation of the row above, the name and the
    values of the row below."""
    row = rows[-1]
    taken: list[int] = []
    for m in reversed(segment):
        if len(taken) >= values or len(taken) >= len(segment) - 1 or not _value_like(content[m]):
            break
        taken.insert(0, m)
    rest = [m for m in segment if m not in taken]
    if not rest:
        return
    named = [m for m in rest if not _value_like(content[m])]
    # A name is no value: values left over once the columns are filled ("name ≥85% 95% 9 3 9", a page
    # number among the points) leave the row's values in doubt, not its name.
    name = named[-1] if named and _value_like(content[rest[-1]]) else rest[-1]
    row.surplus = [content[m] for m in rest if m > name]
    row.name = [content[name]]
    row.values = [content[m] for m in taken]
    place[name] = (len(rows) - 1, "name")
    for m in taken:
        place[m] = (len(rows) - 1, "value")
    for m in rest:
        if m > name:
            place[m] = (len(rows) - 1, "value")
    lead = [m for m in rest if m < name]
    if len(lead) == 1 and len(rows) >= 2 and not _value_like(content[lead[0]]):
        above = rows[-2]
        above.name.append(content[lead[0]])
        above.height = 2
        place[lead[0]] = (len(rows) - 2, "cont")
    elif lead:
        row.lead = [content[m] for m in lead]
        for m in lead:
            place[m] = (len(rows) - 1, "lead")


# How much taller than its text a row may be drawn (padding above and below, in lines): the groups of
# the level labels are taken only where they do not depend on it.
_PADDINGS = (0.0, 0.25, 0.5, 1.0)


def _level_groups(rows: list[DrawnRow], place: list[tuple[int, str]], labelled: list[list[int]],
                  exact_only: bool = False):
    """The groups of one level's labels (each the content indices its lines stand before): the
    partition that puts every label at its group's middle, under a padding where one does (else the
    nearest with none, unless `exact_only`), and the rows another such partition, under any padding,
    puts elsewhere."""
    if not labelled:
        return None, {}
    found: list[tuple[float, tuple[int, ...], list[set[int]]]] = []
    for padding in _PADDINGS:
        starts, ends, lines = _geometry(rows, place, padding)
        found.append(_partition([_label_span(spots, lines, ends[-1]) for spots in labelled], starts, ends))
    taken = [result for result in found if result[1] and result[0] == 0]
    if not taken and exact_only:
        return None, {r: set(range(len(labelled))) for r in range(len(rows))}
    taken = taken or [found[0]]
    bounds = taken[0][1]
    if not bounds:
        return None, {r: set(range(len(labelled))) for r in range(len(rows))}
    doubt: dict[int, set[int]] = {}  # row -> the groups it may be in
    for _, own, candidates in taken:
        for k, values in enumerate(candidates, 1):
            for b in values | {own[k]}:
                for r in range(min(b, bounds[k]), max(b, bounds[k])):
                    doubt.setdefault(r, set()).update((k - 1, k))
    return bounds, doubt


def _geometry(rows: list[DrawnRow], place: list[tuple[int, str]], padding: float):
    """Each row's first and end line, and the line each content token is drawn on (None: not known)."""
    starts: list[float] = []
    ends: list[float] = []
    line = 0.0
    for row in rows:
        starts.append(line)
        line += row.height + 2 * padding
        ends.append(line)
    lines: list[float | None] = [None] * len(place)
    for k, (r, part) in enumerate(place):
        if r >= 0 and part in ("name", "value", "cont"):
            middle = starts[r] + (ends[r] - starts[r] - 1) / 2
            half = (rows[r].height - 1) / 2
            lines[k] = middle + {"name": -half, "value": 0.0, "cont": half}[part]
    return starts, ends, lines


def _label_span(spots: list[int], lines: list[float | None], last: float) -> tuple[float, float]:
    """The lines a label may stand on: after the line of the token before each of its lines (on that
    line it would come first, being left of it), up to the line of the token after it; a wrapped
    label's middle is between its lines."""
    def span(index: int) -> tuple[float, float]:
        before = next((lines[k] for k in range(index - 1, -1, -1) if lines[k] is not None), -1.0)
        after = next((lines[k] for k in range(index, len(lines)) if lines[k] is not None), last)
        return before, max(before, after)

    if len(spots) == 1:
        return span(spots[0])
    (low1, high1), (low2, high2) = span(spots[0]), span(spots[-1])
    low, high = max(low1 + 0.5, low2 - 0.5), min(high1 + 0.5, high2 - 0.5)
    return (low, high) if low <= high else (min(low1, low2), max(high1, high2))


def _distance(line: float, span: tuple[float, float]) -> float:
    """0 for a line within the span: below its first line (on it, the label would come first, being
    left of what is drawn there), down to its last."""
    if span[0] < line <= span[1]:
        return 0.0
    return max(span[0] - line, line - span[1], 0.0) + (_EPSILON if line <= span[0] else 0.0)


def _partition(spans: list[tuple[float, float]], starts: list[float], ends: list[float]):
    """Group boundaries (row indices) for labels drawn within `spans` (lines), each label inside its
    group, scored by the distance of each label from its group's middle: (score, best boundaries or
    None, per inner boundary the other values a partition scoring as well, or nearly, takes)."""
    n = len(starts)
    m = len(spans)
    if m == 0 or m > n:
        return float("inf"), None, []
    inf = float("inf")

    def cost(k: int, first: int, end: int) -> float:
        last = end - 1
        if spans[k][1] < starts[first] - 0.5 or spans[k][0] > ends[last] - 0.5:
            return inf  # the label stands outside its group
        return _distance((starts[first] + ends[last] - 1) / 2, spans[k])

    ahead = [[inf] * (n + 1) for _ in range(m + 1)]  # best score of the first k groups ending at b
    ahead[0][0] = 0.0
    for k in range(m):
        for first in range(n):
            if ahead[k][first] < inf:
                for end in range(first + 1, n + 1):
                    ahead[k + 1][end] = min(ahead[k + 1][end], ahead[k][first] + cost(k, first, end))
    behind = [[inf] * (n + 1) for _ in range(m + 1)]  # best score of groups k.. starting at b
    behind[m][n] = 0.0
    for k in range(m - 1, -1, -1):
        for first in range(n):
            behind[k][first] = min((cost(k, first, end) + behind[k + 1][end] for end in range(first + 1, n + 1)),
                                   default=inf)
    best = ahead[m][n]
    if best == inf:
        return inf, None, []
    bounds = [0]
    for k in range(1, m):
        bounds.append(min(range(bounds[-1] + 1, n), key=lambda b: (ahead[k][b] + behind[k][b], b)))
    bounds.append(n)
    margin = _EPSILON if best == 0 else _SURE_MARGIN
    others = [{b for b in range(1, n) if b != bounds[k] and ahead[k][b] + behind[k][b] - best < margin}
              for k in range(1, m)]
    return best, tuple(bounds), others


def _groups(bounds: tuple[int, ...], names: list[str], n: int) -> list[str | None]:
    owner: list[str | None] = [None] * n
    for k, name in enumerate(names):
        for r in range(bounds[k], bounds[k + 1]):
            owner[r] = name
    return owner


def row_ordered(tokens: list[Token]) -> DrawnTable | None:
    """The tokens with an indicator table drawn in PDF order rewritten in row order, or None when the
    text shows no such table (a row-ordered table opens its first row with its level labels)."""
    start = next((k for k, t in enumerate(tokens)
                  if not t.empty and _column(t.text) == "level1" and len(t.text) <= 8), None)
    if start is None:
        return None
    header = _header(tokens, start)
    if header is None:
        return None
    first, body, columns, tall = header
    order = [column for column, _ in columns]
    if not {"level1", "level2", "name"} <= set(order):
        return None
    rewritten = _header_only(tokens, first, body, columns) if tall else None
    after_name = order[order.index("name") + 1:]
    tail = [c for c in after_name if c in _POINT_COLUMNS]
    if not tail or after_name[len(after_name) - len(tail):] != tail:
        return rewritten  # the rows are found by their 分值/得分; text after them would stand where the next row's does
    value_columns = [c for c in after_name if c not in _POINT_COLUMNS and c != "note"]
    if set(value_columns) - {"target", "actual"}:
        return rewritten
    end = _table_end(tokens, body)
    content, found = _labels(tokens[body:end])
    if not content or not found or found[0][1][0] == 0 or _value_like(content[0]):
        return rewritten  # row order: the first row opens with its labels (or a row number before them)
    rows, place, rest = _read_rows(content, len(tail), len(value_columns))
    if len(rows) < 2:
        return rewritten
    return _rebuild(tokens, first, end, columns, value_columns, content, found, rows, place, rest)


def _header_only(tokens: list[Token], first: int, body: int, columns: list[tuple[str, str]]) -> DrawnTable:
    """A header whose tall cells were drawn a line at a time, over rows in row order: the header alone
    in row order."""
    at = tokens[first].line
    header = [Token(text, at, " ") for _, text in columns]
    return DrawnTable([*tokens[:first], *header, *tokens[body:]], None, {}, [])


def _owners(grouping, names: list[str], n: int) -> tuple[list[str | None], dict]:
    """Each row's label under a grouping of `_level_groups` (bounds, rows in doubt): None where there is
    no grouping or the row is in doubt; and the rows in doubt."""
    bounds, doubt = grouping
    owners: list[str | None] = _groups(bounds, names, n) if bounds is not None else [None] * n
    for r in doubt:
        owners[r] = None
    return owners, doubt


def _rebuild(tokens, first, end, columns, value_columns, content, found, rows, place, rest) -> DrawnTable:
    """The form's tokens with the table in row order, and the cells the drawing order leaves in doubt."""
    unsure: dict[int, set[str]] = {}
    notes: list[tuple[str, str, int]] = []
    kinds: list[tuple[str, list[int]]] = []  # per label: its level and where its lines stand
    children = {_PARENT.get(level) for level, _ in found}
    for level, spots in found:
        both = level in labels.LEVEL1_NAMES and level in labels.LEVEL2_NAMES
        kinds.append(("level1" if level in labels.LEVEL1_NAMES and (not both or level in children) else "level2", spots))
    kinds, levels_unsure = _label_kinds(found, kinds, rows, place)
    level1 = [level for (level, _), (kind, _) in zip(found, kinds) if kind == "level1"]
    level2 = [level for (level, _), (kind, _) in zip(found, kinds) if kind == "level2"]
    # Every label before a row's name, a 一级 with its 二级: the text reads as row order as well, the first
    # rows' labels lost. Then only labels each exactly at its group's middle are taken as drawn there.
    exact_only = _reads_as_row_order(found, kinds, rows, place)
    groups = {kind: _level_groups(rows, place, [s for k, s in kinds if k == kind], exact_only)
              for kind in ("level1", "level2")}
    n = len(rows)
    owners2: list[str | None] = [None] * n
    owners1: list[str | None] = [None] * n
    doubt2: dict[int, set[int]] = {}
    if level2:
        owners2, doubt2 = _owners(groups["level2"], level2, n)
    parents = [_PARENT.get(name) for name in level2]
    firsts = level1
    if level2 and all(parents) and _in_order(parents) == firsts:
        # a row whose 二级 group is in doubt still has its 一级 when every group it may be in has the same
        owners1 = [_PARENT.get(owner) if owner else None for owner in owners2]
        for r, candidates in doubt2.items():
            heads = {parents[g] for g in candidates}
            owners1[r] = heads.pop() if len(heads) == 1 else None
    elif level1:
        owners1, _ = _owners(groups["level1"], firsts, n)  # a row left without one is unsure (below)
    if levels_unsure:
        owners1, owners2 = [None] * n, [None] * n
    for r in range(n):
        if owners1[r] is None:
            unsure.setdefault(r, set()).add("level1")
        if owners2[r] is None and level2:
            unsure.setdefault(r, set()).add("level2")
    if any(unsure.get(r, set()) & {"level1", "level2"} for r in range(n)):
        notes.append(("绩效指标表·一级/二级指标", "绩效指标表按PDF绘制顺序排列，一级/二级指标单元格覆盖哪些指标行无法确定，已留空，请核对",
                      rows[0].points[0].line))
    for r, row in enumerate(rows):
        if not row.name:
            unsure.setdefault(r, set()).update({"name", "target_raw", "actual_raw"})
        if r and row.height == 2 and rows[r - 1].height == 2 and not rows[r - 1].lead and not row.lead \
                and _full_line_before(rows[r - 1].name[-1].text, row.name):
            # "A 1 1 B C 2 2 D": A and C each wrapped over two lines (A+B, C+D), or C over three (B+C+D),
            # its first line drawn above its values, its last below: the text does not say which
            notes.append((_name(row), f"绩效指标表按PDF绘制顺序排列，“{rows[r - 1].name[-1].text}”读作上一行指标名称的末行，"
                          f"也可能是指标“{_name(row)}”三行名称的首行，请核对两行的三级指标", row.points[0].line))
        if row.lead:
            # text drawn before the name that neither completes the name above nor fits a cell: the
            # row's own tall value cells, or the row above's; which cell each line is, the text does not say
            short = [k for k in (r - 1, r) if k >= 0 and len(rows[k].values) < len(value_columns)]
            for doubtful in short or [k for k in (r - 1, r) if k >= 0]:
                unsure.setdefault(doubtful, set()).update({"target_raw", "actual_raw"})
            notes.append((_name(row) or "指标", f"绩效指标表按PDF绘制顺序排列，“{' '.join(t.text for t in row.lead)}”"
                          "无法确定属于哪一行哪一格，相关行的指标值/完成值已留空，请核对", row.lead[0].line))
        elif row.surplus:  # the number too many may as well stand after the 分值/得分
            unsure.setdefault(r, set()).update({"target_raw", "actual_raw", "points"})
            notes.append((_name(row) or "指标", f"指标“{_name(row)}”的值多于指标值、完成值两格（"
                          f"{' '.join(t.text for t in row.surplus + row.values + row.points)}），无法确定各是哪一格，"
                          "指标值、完成值、分值、得分已留空，请核对", row.points[0].line))
        elif len(row.values) < len(value_columns):
            unsure.setdefault(r, set()).update({"target_raw", "actual_raw"})
            notes.append((_name(row) or "指标", f"指标“{_name(row)}”只写了{len(row.values)}个值，无法确定是指标值还是完成值，"
                          "已留空，请核对", row.points[0].line))
    if rest < len(content):
        notes.append(("绩效指标表", "绩效指标表末尾的“" + " ".join(t.text for t in content[rest:])[:60]
                      + "”不是完整的一行（无分值/得分），未读入，请核对", content[rest].line))

    out: list[Token] = list(tokens[:first])
    at = tokens[first].line
    for _, text in columns:
        if _ != "note":  # the note column is empty in every row read (its text would be a lead)
            out.append(Token(text, at, " "))
    previous = (None, None)
    for r, row in enumerate(rows):
        here = row.points[0].line
        if owners1[r] is not None and owners1[r] != previous[0]:
            out.append(Token(owners1[r], here, " "))
        if owners2[r] is not None and (owners1[r], owners2[r]) != previous:
            out.append(Token(owners2[r], here, " "))
        previous = (owners1[r], owners2[r])
        out.append(Token(_name(row) or "/", here, " "))
        cells = row.values if len(row.values) == len(value_columns) else ["/"] * len(value_columns)
        out.extend(c if isinstance(c, Token) else Token(c, here, " ") for c in cells)
        out.extend(row.points)
    out.extend(tokens[end:])
    return DrawnTable(out, len(rows), unsure, notes)


def _reads_as_row_order(found, kinds, rows, place) -> bool:
    opening = {k for k, (r, part) in enumerate(place) if part == "name" and not rows[r].lead}
    second = {spots[0] for kind, spots in kinds if kind == "level2"}
    return all(len(spots) == 1 and spots[0] in opening and (kind == "level2" or not second or spots[0] in second)
               for kind, spots in kinds)


def _label_kinds(found, kinds, rows, place):
    """The level of each label whose name is both a 一级 and a 二级 (成本指标): the one choice, over all its
    occurrences, that makes every 二级's 一级 (the standard system's) the 一级 labels in their order.
    (kinds, True) when several choices do: which label covers which rows is then not known."""
    ambiguous = [k for k, (level, _) in enumerate(found)
                 if level in labels.LEVEL1_NAMES and level in labels.LEVEL2_NAMES]
    if not ambiguous or len(ambiguous) > 6:
        return kinds, False
    fitting = []
    for choice in range(1 << len(ambiguous)):
        tried = list(kinds)
        for bit, k in enumerate(ambiguous):
            tried[k] = ("level1" if choice >> bit & 1 else "level2", kinds[k][1])
        firsts = [level for (level, _), (kind, _) in zip(found, tried) if kind == "level1"]
        parents = [_PARENT.get(level) for (level, _), (kind, _) in zip(found, tried) if kind == "level2"]
        if parents and all(parents) and _in_order(parents) == firsts:
            fitting.append(tried)
    if len(fitting) > 1:  # the same names in the same order: where each stands settles it
        placed = [tried for tried in fitting
                  if all(not spots or _level_groups(rows, place, spots, exact_only=True)[0] is not None
                         for spots in ([s for k, s in tried if k == kind] for kind in ("level1", "level2")))]
        fitting = placed if len(placed) == 1 else fitting
    if len(fitting) == 1:
        return fitting[0], False
    return kinds, len(fitting) > 1


def _width(text: str) -> int:
    return sum(2 if "\u2e80" <= ch <= "\uffef" else 1 for ch in text)


def _full_line_before(first: str, name: list[Token]) -> bool:
    """Whether `first` may be the first line of a name wrapped over three lines whose other lines are
    `name`: a cell wraps its text where the column ends, so its lines but the last are as wide as each
    other (to a character), and its last is no wider."""
    middle, last = _width(name[0].text), _width(name[-1].text)
    return abs(_width(first) - middle) <= 2 and last <= middle + 2


def _name(row: DrawnRow) -> str:
    return "".join(t.text for t in row.name)


def _in_order(names: list[str | None]) -> list[str | None]:
    seen: list[str | None] = []
    for name in names:
        if not seen or seen[-1] != name:
            seen.append(name)
    return seen


_BLANK_KEYS = {
    "target_raw": ("target_raw", "target_kind", "target_operator", "target_value", "target_unit"),
    "actual_raw": ("actual_raw", "actual_kind", "actual_value", "actual_unit", "actual_band"),
    "level1": ("level1", "level1_raw"),
    "level2": ("level2",),
    "name": ("name",),
    "points": ("weight", "weight_raw", "score", "score_raw"),
}


def blank_unsure(indicators: list[dict], drawn: DrawnTable) -> bool:
    """Blank the cells the drawing order left in doubt; False when the rows read are not the rows drawn."""
    if drawn.rows is None:
        return True
    if len(indicators) != drawn.rows:
        return False
    for r, keys in drawn.unsure.items():
        for key in keys:
            for field_name in _BLANK_KEYS[key]:
                if field_name in indicators[r]:
                    indicators[r][field_name] = None
    return True
