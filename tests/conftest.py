"""Shared test fixtures: where ../shared is, the seed, and one loaded home reused by many tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
JIXIAO = Path(sys.executable).parent / "jixiao"


def shared_dir() -> Path:
    configured = os.environ.get("JIXIAO_SHARED_DIR")
    return Path(configured) if configured else REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    return shared_dir()


@pytest.fixture(scope="session")
def seed_file(shared) -> Path:
    return next((shared / "seeds").glob("*.txt"))


@pytest.fixture(scope="session")
def seed_expected(shared) -> list[dict]:
    return json.loads((shared / "spec" / "seed_expected.json").read_text(encoding="utf-8"))


def run_jixiao(*args: str, home: Path | None = None, check: bool = False) -> subprocess.CompletedProcess:
    command = [str(JIXIAO), *args]
    if home is not None:
        command += ["--home", str(home)]
    completed = subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=900)
    if check and completed.returncode != 0:
        raise AssertionError(f"{command} exited {completed.returncode}\n{completed.stdout}\n{completed.stderr}")
    return completed


def renamed_copy(seed_text: str, suffix: str) -> str:
    """The seed with every project renamed (new forms, not re-submissions): `suffix` appended to each name."""
    lines = seed_text.split("\n")
    for i, line in enumerate(lines[:-1]):
        if line == "\t项目名称":
            lines[i + 1] = lines[i + 1] + suffix
    return "\n".join(lines)


@pytest.fixture(scope="session")
def seed_home(tmp_path_factory, seed_file) -> dict:
    """The seed loaded once through the real CLI; tests read what it left behind."""
    home = tmp_path_factory.mktemp("seed_home")
    completed = run_jixiao("load", str(seed_file), home=home, check=True)
    return {"home": home, "load": completed}
