"""generate_corpus: a deterministic synthetic corpus of forms in the seed's text layout.

    summary = generate_corpus(Path("corpus"), forms=10_000, seed=0)

writes `corpus/<year>/<department-slug>_<n>.txt` (up to `forms_per_file` forms each, one
department and report year per file) and `corpus/ground_truth.jsonl`, one line per form, in file
order. Everything comes from one `random.Random(seed)`: the same arguments give the same bytes.
Output is streamed department by department, so memory stays flat at any corpus size.
"""

from __future__ import annotations

import json
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, TextIO

from .form_builder import BuildOptions, build_form
from .injections import INJECTIONS, finalize_grade
from .organisations import Department, department_forms, iter_departments
from .render_text import render_file_text

GROUND_TRUTH = "ground_truth.jsonl"
_CLEAN = BuildOptions()


@dataclass(frozen=True, slots=True)
class GeneratedForm:
    form: dict[str, Any]  # contract shape + raw-text extras + layout + private bookkeeping
    injected: str | None  # what was injected, or None for a clean form


@dataclass(slots=True)
class CorpusSummary:
    out_dir: Path
    seed: int
    forms: int = 0
    files: int = 0
    injected: int = 0
    departments: int = 0
    errors_by_rule: Counter = field(default_factory=Counter)  # expected error findings, per rule
    seconds: float = 0.0  # wall clock
    cpu_seconds: float = 0.0  # this process's CPU time (fair on a shared machine)

    @property
    def forms_per_second(self) -> float:
        return self.forms / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        return (f"synth: {self.forms} forms in {self.files} files ({self.departments} departments), "
                f"{self.injected} with an injected error, seed {self.seed}, "
                f"{self.seconds:.1f}s ({self.forms_per_second:,.0f} forms/s) -> {self.out_dir}")


def generate_corpus(
    out_dir: Path,
    forms: int,
    seed: int = 0,
    years: Iterable[int] = range(2019, 2024),
    error_rate: float = 0.05,
    forms_per_file: int = 5,
) -> CorpusSummary:
    if forms < 0 or forms_per_file < 1 or not 0.0 <= error_rate <= 1.0:
        raise ValueError("forms >= 0, forms_per_file >= 1 and 0 <= error_rate <= 1 are required")
    if not tuple(years):
        raise ValueError("years is empty")
    started, cpu_started = time.perf_counter(), time.process_time()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = CorpusSummary(out_dir=out_dir, seed=seed)
    writer = _CorpusWriter(out_dir, forms_per_file, summary)
    with open(out_dir / GROUND_TRUTH, "w", encoding="utf-8", newline="\n") as truth:
        for department, generated in iter_department_forms(forms, seed, years, error_rate):
            writer.write_department(department.slug, generated, truth)
            summary.departments += 1
            summary.forms += len(generated)
    summary.seconds = time.perf_counter() - started
    summary.cpu_seconds = time.process_time() - cpu_started
    return summary


def iter_department_forms(
    forms: int, seed: int = 0, years: Iterable[int] = range(2019, 2024), error_rate: float = 0.05
) -> Iterator[tuple[Department, list[GeneratedForm]]]:
    """The corpus's forms, department by department, exactly as generate_corpus writes them."""
    years = tuple(sorted(set(years)))
    if not years:
        raise ValueError("years is empty")
    rng = random.Random(seed)
    produced = injection_turn = 0
    for department in iter_departments(rng):
        if produced >= forms:
            return
        generated = []
        for context in department_forms(rng, department, years)[: forms - produced]:
            injection = None
            if error_rate and rng.random() < error_rate:
                # Round-robin keeps every rule represented even in small corpora.
                injection = INJECTIONS[injection_turn % len(INJECTIONS)]
                injection_turn += 1
            form = build_form(rng, context, injection.options if injection else _CLEAN)
            description = injection.apply(form, rng) if injection else None
            finalize_grade(form)
            generated.append(GeneratedForm(form, description))
        produced += len(generated)
        yield department, generated


class _CorpusWriter:
    def __init__(self, out_dir: Path, forms_per_file: int, summary: CorpusSummary) -> None:
        self.out_dir = out_dir
        self.forms_per_file = forms_per_file
        self.summary = summary
        self.year_dirs: set[int] = set()

    def write_department(self, slug: str, generated: list[GeneratedForm], truth: TextIO) -> None:
        by_year: dict[int, list[GeneratedForm]] = {}
        for item in generated:
            by_year.setdefault(item.form["report_year"], []).append(item)
        for year, items in by_year.items():
            if year not in self.year_dirs:
                (self.out_dir / str(year)).mkdir(exist_ok=True)
                self.year_dirs.add(year)
            for number, start in enumerate(range(0, len(items), self.forms_per_file), 1):
                chunk = items[start : start + self.forms_per_file]
                relative = f"{year}/{slug}_{number}.txt"
                text = render_file_text(item.form for item in chunk)
                (self.out_dir / relative).write_bytes(text.encode("utf-8"))
                self.summary.files += 1
                truth.write("".join(self._truth_line(relative, index, item.form, item.injected)
                                    for index, item in enumerate(chunk)))

    def _truth_line(self, relative: str, index: int, form: dict[str, Any], description: str | None) -> str:
        expect = form["_expect"]
        if description is not None:
            self.summary.injected += 1
        self.summary.errors_by_rule.update(expect["errors"])
        record = {
            "file": relative,
            "form_index": index,
            "report_year": form["report_year"],
            "project_name": form["project_name"],
            "implementing_unit": form["implementing_unit"],
            "department": form["department"],
            "expected_errors": sorted(expect["errors"]),
            "injected": description,
            "expected_warnings": sorted(expect["warnings"]),
        }
        return json.dumps(record, ensure_ascii=False) + "\n"
