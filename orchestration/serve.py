"""`python -m orchestration.serve --home DIR`: the Dagster UI and daemon for one home, on 127.0.0.1."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m orchestration.serve", description=__doc__)
    parser.add_argument("--home", help="the home folder (default: $JIXIAO_HOME, else ./warehouse)")
    parser.add_argument("--port", type=int, default=3000)
    return run(parser.parse_args(argv))


def run(arguments) -> int:
    from orchestration.dbt.project import ensure_manifest
    from orchestration.home import HomeLayout, resolve_home
    from orchestration.loading import prepare_environment

    layout = HomeLayout(resolve_home(arguments.home))
    prepare_environment(layout)
    ensure_manifest()
    # Started from a script in the background, `dagster dev` would ignore SIGINT/SIGTERM.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    command = [str(Path(sys.executable).parent / "dagster"), "dev", "-w", str(REPO / "workspace.yaml"),
               "-h", "127.0.0.1", "-p", str(arguments.port)]
    print(f"Dagster UI for home {layout.root}: http://127.0.0.1:{arguments.port}", flush=True)
    env = os.environ.copy()
    # `dagster dev` re-parses the dbt project with the `dbt` it finds on PATH: this venv's.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.call(command, env=env, cwd=REPO)


if __name__ == "__main__":
    sys.exit(main())
