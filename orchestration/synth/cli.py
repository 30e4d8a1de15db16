"""`main_synth(argv)`: the command line of the corpus generator (to be wired as `jixiao synth`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from .generator import generate_corpus


def _years(text: str) -> range:
    """"2019-2023" (inclusive) or a single year "2021"."""
    first, _, last = text.partition("-")
    try:
        start, end = int(first), int(last or first)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YEAR or FIRST-LAST, got {text!r}") from None
    if end < start:
        raise argparse.ArgumentTypeError(f"empty year range {text!r}")
    return range(start, end + 1)


def _rate(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError("the error rate is a fraction between 0 and 1")
    return value


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def build_parser(prog: str = "jixiao synth") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Generate a deterministic synthetic corpus of 项目支出绩效自评表 forms in the seed's text "
                    "layout, with ground_truth.jsonl naming the error findings each form must produce.")
    parser.add_argument("--forms", type=_positive, required=True, metavar="N", help="number of forms")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="output folder")
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")
    parser.add_argument("--error-rate", type=_rate, default=0.05, metavar="R",
                        help="fraction of forms given one injected contradiction (default 0.05)")
    parser.add_argument("--years", type=_years, default=range(2019, 2024), metavar="FIRST-LAST",
                        help="report years (default 2019-2023)")
    parser.add_argument("--forms-per-file", type=_positive, default=5, metavar="K",
                        help="forms per file (default 5)")
    return parser


def main_synth(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        summary = generate_corpus(args.out, args.forms, seed=args.seed, years=args.years,
                                  error_rate=args.error_rate, forms_per_file=args.forms_per_file)
    except OSError as error:
        print(f"synth: cannot write the corpus: {error}", file=sys.stderr)
        return 1
    print(summary.line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main_synth())
