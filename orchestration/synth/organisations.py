"""Who reports what: departments (主管部门), their units (实施单位) and projects across years.

A department is a region plus a department type ("阜康县" + "教育局"); each runs a few units, each
unit a few projects, and a project reports once per year for a run of consecutive years,
renamed as real ones are ("2020年X经费" -> "2021年度X经费" -> "X经费"). (unit, project name, year)
is unique across the corpus, so no form supersedes another (R-PARSE-04).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Iterator, Sequence

from . import vocabulary as vocab
from .form_builder import FormContext
from .vocabulary import DepartmentType, Theme

# Qualifiers that tell apart two projects of one unit built on the same theme.
_NAME_QUALIFIERS = ("中央财政{}", "省级{}", "市级{}", "本级{}", "{}（二期）", "{}（第二批）", "{}（续建）")
# Characters the warehouse ignores when it compares names (dbt macro normalize_name).
_NAME_NOISE = re.compile(r"[\s　()（）【】《》〈〉“”\"‘’、，,。.；;：:·・•—–_/|-]")
_PLAIN, _YEAR, _YEARLY = "plain", "year", "yearly"


@dataclass(frozen=True, slots=True)
class Department:
    name: str
    slug: str  # ASCII, unique: the file name stem
    region: str
    kind: DepartmentType


@dataclass(frozen=True, slots=True)
class Project:
    unit: str
    base: str
    theme: Theme
    years: tuple[int, ...]


def iter_departments(rng: random.Random) -> Iterator[Department]:
    """Departments in a seeded order, region by region; ~600 000 before names run out."""
    syllables = vocab.PLACE_SYLLABLES
    pairs = [(a, b) for a in range(len(syllables)) for b in range(len(syllables)) if a != b]
    rng.shuffle(pairs)
    seen_slugs: set[str] = set()
    for first, second in pairs:
        (char1, pinyin1), (char2, pinyin2) = syllables[first], syllables[second]
        suffix, suffix_pinyin = rng.choice(vocab.PLACE_SUFFIXES)
        region, slug = f"{char1}{char2}{suffix}", f"{pinyin1}{pinyin2}{suffix_pinyin}"
        if slug in seen_slugs:  # "xi"+"an…" vs "xian…": keep file names unique
            continue
        seen_slugs.add(slug)
        kinds = list(vocab.DEPARTMENT_TYPES)
        rng.shuffle(kinds)
        for kind in kinds[: rng.randint(len(kinds) * 2 // 3, len(kinds))]:
            yield Department(f"{region}{kind.name}", f"{slug}-{kind.slug}", region, kind)


def department_forms(rng: random.Random, department: Department, years: Sequence[int]) -> list[FormContext]:
    """Every form the department's units report, ordered by year (stable within a year)."""
    contexts: list[FormContext] = []
    for unit in _units(rng, department):
        for project in _projects(rng, department, unit, years):
            for year, name in zip(project.years, _yearly_names(rng, project)):
                contexts.append(FormContext(year, name, department.name, unit, project.theme))
    contexts.sort(key=lambda context: context.report_year)
    return contexts


def _units(rng: random.Random, department: Department) -> list[str]:
    templates = department.kind.unit_templates
    count = rng.choice((1, 1, 2, 2, 3, 3, 4, 5, 6))
    units: list[str] = []
    ordinals = iter(vocab.CHINESE_ORDINALS)
    for _ in range(count * 3):  # a few draws may repeat a name
        if len(units) == count:
            break
        template = templates[0] if not units and rng.random() < 0.6 else rng.choice(templates)
        if "{n}" in template:
            ordinal = next(ordinals, None)
            if ordinal is None:
                continue
            template = template.replace("{n}", ordinal)
        unit = template.format(region=department.region, dept=department.name)
        if unit not in units:
            units.append(unit)
    return units


def _projects(rng: random.Random, department: Department, unit: str, years: Sequence[int]) -> list[Project]:
    own = department.kind.themes
    count = rng.choice((1, 1, 2, 2, 2, 3, 3, 4, 5))
    used: set[str] = set()
    projects: list[Project] = []
    for _ in range(count):
        theme = rng.choice(own) if rng.random() < 0.75 else rng.choice(vocab.GENERIC_THEMES)
        base = _unique_base(rng, theme.base, used)
        if base is not None:
            projects.append(Project(unit, base, theme, _active_years(rng, years)))
    return projects


def _unique_base(rng: random.Random, base: str, used: set[str]) -> str | None:
    candidates = [base] + [q.format(base) for q in rng.sample(_NAME_QUALIFIERS, len(_NAME_QUALIFIERS))]
    for candidate in candidates:
        key = _NAME_NOISE.sub("", candidate).lower()
        if key not in used:
            used.add(key)
            return candidate
    return None


def _active_years(rng: random.Random, years: Sequence[int]) -> tuple[int, ...]:
    span = min(len(years), rng.choice((1, 1, 2, 2, 3, 3, 4, 5)))
    start = rng.randrange(len(years) - span + 1)
    return tuple(years[start : start + span])


def _yearly_names(rng: random.Random, project: Project) -> list[str]:
    """The project's name in each report year: a budget-year prefix comes and goes."""
    style = rng.choice((_PLAIN, _PLAIN, _YEAR, _YEARLY))
    # A name often carries the budget year before the report year (carried-over funds).
    offset = -1 if rng.random() < 0.2 else 0
    names = []
    for year in project.years:
        if rng.random() < 0.25:
            style = rng.choice((_PLAIN, _YEAR, _YEARLY))
        budget_year = year + offset
        names.append(project.base if style == _PLAIN else
                     f"{budget_year}年{project.base}" if style == _YEAR else f"{budget_year}年度{project.base}")
    return names
