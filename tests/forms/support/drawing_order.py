"""Forms whose indicator table is written as a PDF's text layer gives it: in drawing order.

A PDF draws a table line by line, each line left to right. So the run-on text of a table holds
- a tall header cell one line at a time, its lines interleaved with the one-line labels;
- a name wrapped over two lines split around its row's values, drawn at the row's vertical middle;
- a merged 一级/二级 cell at the vertical middle of its group of rows (a wrapped label split around
  what is drawn between its lines), and the 绩效指标 cell spanning the table at the table's middle.

`drawn_form(seed)` renders a small form (the head and funds of small_form, in row order) with a
random indicator table in that order, as one paragraph, and returns the text and the table's truth;
`row_form(seed)` renders the same table in row order (merged cells in their group's first row).
"""

from __future__ import annotations

import random

from orchestration.forms import parse_document, to_contract_dict

from . import small_form

# The head of a small form and the indicator header, as run-on text, for tables written by hand.
RUN_ON_HEAD = ("2022年度项目支出绩效自评表 项目名称 某某项目 主管部门 某县教育局 项目资金（万元） 年初预算数 全年预算数 全年执行数 "
               "分值 执行率 得分 年度资金总额 100 120 108 10 90% 9 ")
RUN_ON_HEADER = "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "


def read_indicators(text: str) -> tuple[list[dict], list[dict]]:
    """The indicator rows (contract cells) of the first form in `text`, and its error-level R-PARSE findings."""
    form = parse_document(text.encode("utf-8"), "form.txt").forms[0]
    return to_contract_dict(form)["indicators"], small_form.parse_errors(form)

_GROUPS = (
    ("产出指标", ("数量指标", "质量指标", "时效指标", "成本指标")),
    ("效益指标", ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")),
    ("满意度指标", ("服务对象满意度指标",)),
)
_SUBJECTS = ("农村义务教育学校", "骨干教师", "培训学员", "补助资金", "受益群众", "道路维修里程", "设备购置",
             "项目验收", "资金拨付", "乡村医生", "困难家庭学生", "公共文化服务设施")
_MEASURES = ("人数(人)", "覆盖率(%)", "合格率(%)", "完成及时率(%)", "资金总额(元)", "发放准确率(%)",
             "满意度(%)", "数量(个)", "完成率", "人均补助标准")
_VALUES = ("≥90%", "100%", "95%", "120人", "提高", "改善", "≤5天", "28", "98%", "达标", "3个", "≥85%")
_TALL_TARGET = ("年度指标值(按", "预算批复", "填写)")
_TALL_NOTE = ("偏差原因", "分析及改进", "措施")
_WRAPPABLE = 6  # a level label this long wraps its last character in a narrow column


def _table(rng: random.Random) -> list[dict]:
    rows: list[dict] = []
    groups = [_GROUPS[0]] + rng.sample(_GROUPS[1:], rng.randint(1, 2))
    groups.sort(key=_GROUPS.index)
    for level1, level2s in groups:
        chosen = sorted(rng.sample(level2s, rng.randint(1, min(3, len(level2s)))), key=level2s.index)
        for level2 in chosen:
            # (the first group has two rows at least: a one-line first group is drawn as in row order)
            for _ in range(rng.randint(1 if rows else 2, 4)):
                name = rng.choice(_SUBJECTS) + rng.choice(_MEASURES)
                while any(name == row["name"] for row in rows):
                    name = rng.choice(_SUBJECTS) + rng.choice(_MEASURES)
                weight = rng.randint(2, 10)
                rows.append({"level1": level1, "level2": level2, "name": name, "target_raw": rng.choice(_VALUES),
                             "actual_raw": rng.choice(_VALUES), "weight": weight, "score": rng.randint(1, weight),
                             "deviation_note": None})
    return rows


def _head() -> str:
    return " ".join(cell for row in small_form.HEAD[:-1] for cell in row if cell.strip())


def _total(rows: list[dict]) -> str:
    return f"总分 {sum(r['weight'] for r in rows) + 10} {sum(r['score'] for r in rows) + 9}"


def drawn_form(seed: int, tall_header: bool | None = None, wrap_names: float = 0.6,
               wrap_labels: float = 0.5, padding: float = 0.0) -> tuple[bytes, list[dict]]:
    """`padding`: the space above and below a row's text, in lines (a PDF's rows are taller than their
    text, so a merged cell's middle need not fall on a line of text)."""
    rng = random.Random(seed)
    rows = _table(rng)
    tall = rng.random() < 0.5 if tall_header is None else tall_header
    items: list[tuple[float, int, str]] = []  # (line, column, text): the order a PDF draws them
    if tall:
        items += [(-3, 3, _TALL_TARGET[0]), (-3, 5, _TALL_NOTE[0]), (-1, 3, _TALL_TARGET[2]), (-1, 5, _TALL_NOTE[2])]
        items += [(-2, 0, "一级指标"), (-2, 1, "二级指标"), (-2, 2, "三级指标"), (-2, 3, _TALL_TARGET[1]),
                  (-2, 4, "实际完成值"), (-2, 5, _TALL_NOTE[1]), (-2, 6, "分值"), (-2, 7, "得分")]
    else:
        items += [(-2, k, label) for k, label in enumerate(
            ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "偏差原因分析", "分值", "得分"))]
    line = 0.0
    spans: dict[tuple[int, str, str], list[float]] = {}  # (level, label, parent): lines
    for row in rows:
        name = row["name"]
        wrapped = len(name) >= 11 and rng.random() < wrap_names
        height = (2 if wrapped else 1) + 2 * padding
        middle = line + (height - 1) / 2
        if wrapped:
            cut = rng.randint(5, len(name) - 3)
            items += [(middle - 0.5, 2, name[:cut]), (middle + 0.5, 2, name[cut:])]
        else:
            items.append((middle, 2, name))
        items += [(middle, 3, row["target_raw"]), (middle, 4, row["actual_raw"]), (middle, 6, str(row["weight"])),
                  (middle, 7, str(row["score"]))]
        for key in ((0, row["level1"], ""), (1, row["level2"], row["level1"])):
            spans.setdefault(key, [line, line])[1] = line + height
        line += height
    for (level, label, _), (first, end) in spans.items():
        middle = first + (end - first - 1) / 2
        if level == 1 and len(label) >= _WRAPPABLE and end - first >= 2 and rng.random() < wrap_labels:
            items += [(middle - 0.5, 1, label[:-1]), (middle + 0.5, 1, label[-1])]
        else:
            items.append((middle, level, label))
    if rng.random() < 0.5:
        items.append(((line - 1) / 2, -1, "绩效指标"))
    items.sort(key=lambda item: (item[0], item[1]))
    text = " ".join([_head(), *(text for _, _, text in items), _total(rows)])
    return text.encode("utf-8"), rows


def row_form(seed: int, tall_header: bool = False) -> tuple[bytes, list[dict]]:
    """The same table in row order, as one paragraph: each merged cell in its group's first row;
    `tall_header`: its 年度指标值 cell drawn a line at a time around the one-line labels."""
    rng = random.Random(seed)
    rows = _table(rng)
    cells = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    if tall_header:
        cells = [_TALL_TARGET[0], *cells[:3], _TALL_TARGET[1], *cells[4:], _TALL_TARGET[2]]
    previous = (None, None)
    for row in rows:
        if row["level1"] != previous[0]:
            cells.append(row["level1"])
        if (row["level1"], row["level2"]) != previous:
            cells.append(row["level2"])
        previous = (row["level1"], row["level2"])
        cells += [row["name"], row["target_raw"], row["actual_raw"], str(row["weight"]), str(row["score"])]
    return " ".join([_head(), *cells, _total(rows)]).encode("utf-8"), rows
