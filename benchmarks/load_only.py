"""One measured `jixiao load` of a cached synthetic corpus in a fresh home, without the yardstick.

    .venv/bin/python -m benchmarks.load_only 1000000 [--home DIR] [--keep]

For re-measuring one size after a fix (the 1,000,000-form yardstick alone takes ~10 minutes): the same
corpus, load and measurement functions as benchmarks/run.py; prints the stages, the per-stage peak RSS
and the accuracy against the ground truth as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
from pathlib import Path

from benchmarks.run import accuracy, corpus, form_folders, load, machine


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("forms", type=int)
    parser.add_argument("--scratch", type=Path, default=Path(os.environ.get("JIXIAO_BENCH_DIR", "/tmp/jixiao-bench")))
    parser.add_argument("--home", type=Path, default=None)
    parser.add_argument("--keep", action="store_true", help="keep the home (to look into a failed step)")
    arguments = parser.parse_args(argv)
    arguments.scratch.mkdir(parents=True, exist_ok=True)
    folder, info = corpus(arguments.scratch, arguments.forms, 0, 0.05)
    home = arguments.home or arguments.scratch / f"home-{arguments.forms}-load-only"
    shutil.rmtree(home, ignore_errors=True)
    result = {"machine": machine(), "corpus": info, "full": load(home, form_folders(folder))}
    try:
        result["accuracy"] = accuracy(home, folder)
    except Exception as error:  # noqa: BLE001 - a failed load published nothing: still print what it did
        result["accuracy"] = {"error": f"{type(error).__name__}: {error}"}
    print(json.dumps(result, ensure_ascii=False, indent=1, default=str))
    if not arguments.keep:
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
