"""Repeated +1 % reloads of one home, to compare changes to the reload's fixed costs.

    python -m benchmarks.reload_trials [--forms 100000] [--trials 3] [--extra-seed 2]

A single benchmark run shows a +1 % reload once, and on these shared machines two runs of the same
code differ by a second or more. This loads the corpus of `benchmarks.run` (same cache) into a home
once, keeps a copy, then restores the home from the copy before each trial and loads the corpus plus
1 % new forms of another seed. The home stays at the same path, so dbt's partial parse stays valid.
Prints one JSON line per trial: wall seconds, run seconds, seconds per step.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import time
from pathlib import Path

from benchmarks.run import corpus, form_folders, load


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=100_000)
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--extra-seed", type=int, default=2, help="seed of the 1 %% new forms")
    parser.add_argument("--keep", action="store_true",
                        help="keep the loaded copy of the home afterwards, and start from it when it exists "
                             "(it must have been loaded by the same models, rules and publication code)")
    parser.add_argument("--scratch", type=Path,
                        default=Path(os.environ.get("JIXIAO_BENCH_DIR", "/tmp/jixiao-bench")))
    arguments = parser.parse_args(argv)

    folder, _ = corpus(arguments.scratch, arguments.forms, 0, 0.05)
    extra, _ = corpus(arguments.scratch, max(1, arguments.forms // 100), arguments.extra_seed, 0.05)
    home = arguments.scratch / f"trials-home-{arguments.forms}"
    kept = home.with_name(home.name + ".kept")
    shutil.rmtree(home, ignore_errors=True)
    base_wall_s = None
    if arguments.keep and kept.exists():
        print(json.dumps({"base": str(kept)}), flush=True)
    else:
        shutil.rmtree(kept, ignore_errors=True)
        base = load(home, form_folders(folder))
        base_wall_s = base["wall_s"]
        print(json.dumps({"base_wall_s": base_wall_s, "failed": base["failed"]}), flush=True)
        shutil.copytree(home, kept, symlinks=True)
    try:
        for trial in range(1, arguments.trials + 1):
            shutil.rmtree(home, ignore_errors=True)
            shutil.copytree(kept, home, symlinks=True)
            started = time.perf_counter()
            result = load(home, form_folders(folder) + form_folders(extra))
            print(json.dumps({"trial": trial, "wall_s": result["wall_s"], "failed": result["failed"],
                              "run_s": result["run_s"], "steps": result["steps"],
                              "share_of_base": round(result["wall_s"] / base_wall_s, 3) if base_wall_s else None,
                              "measured_s": round(time.perf_counter() - started, 2)}), flush=True)
    finally:
        shutil.rmtree(home, ignore_errors=True)
        if not arguments.keep:
            shutil.rmtree(kept, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
