"""Seeded small forms whose whole text stands in one paragraph (a web page's table copied as one
line: cells separated by single spaces, row boundaries lost), with 偏差原因 notes of several shapes:
plain text, text holding numbers or "%", a note that reads like a name, a note holding a space
or a placeholder, blank notes.
Each case is (text, truth): the truth is the rows' (level2, name, target, actual, weight, score, note)."""

from __future__ import annotations

import random

from .small_form import HEAD

_ROWS = [("产出指标", "数量指标", "培训人数", "100人", "95人"), ("产出指标", "数量指标", "培训场次", "10场", "10场"),
         ("产出指标", "质量指标", "合格率", "≥90%", "95%"), ("产出指标", "质量指标", "验收结果", "合格", "合格"),
         ("产出指标", "时效指标", "完成及时率", "100%", "100%"),
         ("效益指标", "社会效益指标", "就业率提升", "≥5%", "6%"),
         ("满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "93%")]
NOTE_SHAPES = {
    "text": ["受疫情影响部分培训延期", "因天气原因工期推迟", "资金到位较晚", "受疫情影响部分培训延期至下半年举办"],
    "numbers": ["少培训5人", "完成率95%未达标", "延期2个月"],
    "name_like": ["培训延期", "场地调整", "学员流失"],
    "spaced": ["受疫情影响 部分培训延期", "资金 到位较晚", "/", "无"],
}


def one_paragraph(table: list[list[str]]) -> str:
    return " ".join(cell for row in table for cell in row if cell.strip())


def form(seed: int, shape: str) -> tuple[str, list[tuple]]:
    """One form: three to five rows in order, about half of them noted with a note of `shape`."""
    rng = random.Random(seed)
    picked = sorted(rng.sample(range(len(_ROWS)), rng.randint(3, 5)))
    weight = 100 // len(picked)
    rows, truth, previous = [], [], (None, None)
    for k in picked:
        level1, level2, name, target, actual = _ROWS[k]
        score = weight - rng.choice((0, 0, 1, 2))
        note = rng.choice(NOTE_SHAPES[shape]) if rng.random() < 0.5 else ""
        rows.append(["", level1 if level1 != previous[0] else "", level2 if (level1, level2) != previous else "",
                     name, target, actual, str(weight), str(score), note])
        previous = (level1, level2)
        truth.append((level2, name, target, actual, float(weight), float(score), note or None))
    total = ["总分", "", "", "", "", "", str(weight * len(picked)), str(int(sum(t[5] for t in truth)) + 9), ""]
    return one_paragraph([*HEAD, *rows, total]), truth
