"""A multi-year, two-department input built from the seed file, with one form that must be quarantined.

- dept A (the seed's own unit): 2020 (form 1's 总分 broken -> quarantined), 2021 (the seed as is),
  2022 (form 0 executes 90 % of its budget, form 2 misses one indicator: score and 总分 fall by 5).
- dept B (same forms under another unit): 2021 with the 2022 numbers, 2022 with the seed's numbers.
- one file that holds no form at all (recorded as unreadable, with a file-level finding).
"""

from __future__ import annotations

from pathlib import Path

SEED_UNIT = "昌吉回族自治州人力资源和社会保障服务中心"
OTHER_UNIT = "昌吉回族自治州人事考试中心"


def _form_bounds(lines: list[str], form_index: int) -> tuple[int, int]:
    starts = [i for i, line in enumerate(lines) if line.startswith("\t") and line.rstrip().endswith("绩效自评表")]
    return starts[form_index], (starts[form_index + 1] if form_index + 1 < len(starts) else len(lines))


def change(text: str, form_index: int, old: str, new: str, nth: int = 1) -> str:
    """Replace the nth line equal to `old` inside one form."""
    lines = text.split("\n")
    begin, end = _form_bounds(lines, form_index)
    seen = 0
    for i in range(begin, end):
        if lines[i] == old:
            seen += 1
            if seen == nth:
                lines[i] = new
                return "\n".join(lines)
    raise AssertionError(f"{old!r} (#{nth}) not in form {form_index}")


def with_year(text: str, year: int) -> str:
    return text.replace("\t(2021年度)", f"\t({year}年度)")


def changed_numbers(seed: str) -> str:
    text = change(seed, 0, "\t33.10", "\t29.79", 2)          # 年度资金总额 全年执行数
    text = change(text, 0, "\t33.10", "\t29.79", 2)          # 当年财政拨款 全年执行数
    text = change(text, 0, "\t100.00%", "\t90.00%")
    text = change(text, 0, "\t10.00分", "\t9.00分")
    text = change(text, 0, "\t96.38分", "\t95.38分")
    text = change(text, 2, "\t8664人次", "\t4000人次")       # 人事考试考生人数: 4000 of 8000
    text = change(text, 2, "\t10", "\t5", 3)                 # its score 10 -> 5
    return change(text, 2, "\t100.00分", "\t95.00分")


def write_multi_year_input(seed_file: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    seed = seed_file.read_text(encoding="utf-8")
    broken = change(with_year(seed, 2020), 1, "\t100.00分", "\t90.00分")
    (folder / "unit_a_2020.txt").write_text(broken, encoding="utf-8")
    (folder / "unit_a_2021.txt").write_text(seed, encoding="utf-8")
    (folder / "unit_a_2022.txt").write_text(with_year(changed_numbers(seed), 2022), encoding="utf-8")
    other = seed.replace(SEED_UNIT, OTHER_UNIT)
    (folder / "unit_b_2021.txt").write_text(changed_numbers(other), encoding="utf-8")
    (folder / "unit_b_2022.txt").write_text(with_year(other, 2022), encoding="utf-8")
    (folder / "not_a_form.txt").write_text("会议纪要\n\t本文件不是绩效自评表。\n", encoding="utf-8")
    return folder
