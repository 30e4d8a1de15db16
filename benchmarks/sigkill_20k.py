"""Issue 4's crash demonstration, recorded: a `jixiao load` of 20,000 forms killed with SIGKILL.

    .venv/bin/python -m benchmarks.sigkill_20k [--forms 20000] [--kill-after 15] [--out benchmarks/sigkill_20k.md]

1. loads the bundled sample into a fresh home (so a published file exists);
2. starts `jixiao load` on a synthetic corpus of --forms forms and, while it runs, opens the published
   file read-only in this process every 0.2 s (every open must succeed and see the old state);
3. kills the load's whole process group with SIGKILL after --kill-after seconds;
4. checks the published file is byte-for-byte what it was (sha256) and its tables hold the same rows;
5. runs the load again to completion and checks every form is published or quarantined;
6. writes what it saw to --out.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]
JIXIAO = Path(sys.executable).parent / "jixiao"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tables(published: Path) -> dict[str, int]:
    with duckdb.connect(str(published), read_only=True) as connection:
        names = [row[0] for row in connection.execute(
            "SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        return {name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchall()[0][0] for name in names}


def _content(published: Path) -> list:
    with duckdb.connect(str(published), read_only=True) as connection:
        return connection.execute("SELECT * FROM fct_form_score ORDER BY form_id").fetchall()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--forms", type=int, default=20_000)
    parser.add_argument("--kill-after", type=float, default=15.0)
    parser.add_argument("--out", default=str(REPO / "benchmarks" / "sigkill_20k.md"))
    arguments = parser.parse_args(argv)

    from orchestration.synth import generate_corpus

    scratch = Path(os.environ.get("JIXIAO_BENCH_DIR", "/tmp/jixiao-bench"))
    corpus = scratch / f"corpus-{arguments.forms}-seed3-err0.05"
    if not (corpus / "ground_truth.jsonl").exists():
        generate_corpus(corpus, arguments.forms, seed=3, error_rate=0.05)
    folders = sorted(str(path) for path in corpus.iterdir() if path.is_dir())
    home = Path(tempfile.mkdtemp(prefix="jixiao-sigkill-"))
    subprocess.run([str(JIXIAO), "load", str(REPO / "data" / "sample"), "--home", str(home)], check=True,
                   capture_output=True, cwd=REPO)
    published = home / "published" / "jixiao.duckdb"
    before_hash, before_tables, before_rows = _sha256(published), _tables(published), _content(published)

    started = time.monotonic()
    load = subprocess.Popen([str(JIXIAO), "load", *folders, "--home", str(home)], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    reads, failed_reads, changed_reads = 0, [], 0
    while time.monotonic() - started < arguments.kill_after:
        try:
            if _tables(published) != before_tables:
                changed_reads += 1
            reads += 1
        except duckdb.Error as error:
            failed_reads.append(str(error))
        time.sleep(0.2)
    still_running = load.poll() is None
    os.killpg(load.pid, signal.SIGKILL)
    load.wait()
    killed_at = time.monotonic() - started
    after_hash, after_rows = _sha256(published), _content(published)

    again_started = time.monotonic()
    again = subprocess.run([str(JIXIAO), "load", *folders, "--home", str(home)], capture_output=True, text=True,
                           cwd=REPO)
    again_seconds = time.monotonic() - again_started
    status = json.loads(subprocess.run([str(JIXIAO), "status", "--json", "--home", str(home)], check=True,
                                       capture_output=True, text=True, cwd=REPO).stdout)
    sample_forms = before_tables.get("fct_form_score", 0)
    expected_forms = arguments.forms + sample_forms
    outcome = {
        "killed_while_running": still_running,
        "killed_after_s": round(killed_at, 1),
        "published_file_unchanged": before_hash == after_hash,
        "published_rows_unchanged": before_rows == after_rows,
        "reader_opens": reads,
        "reader_opens_failed": len(failed_reads),
        "reader_saw_a_changed_state": changed_reads,
        "next_load_exit": again.returncode,
        "next_load_s": round(again_seconds, 1),
        "published_plus_quarantined": status["published"] + status["quarantined"],
        "expected_forms": expected_forms,
    }
    ok = (still_running and outcome["published_file_unchanged"] and outcome["published_rows_unchanged"]
          and not failed_reads and not changed_reads and again.returncode == 0
          and outcome["published_plus_quarantined"] == expected_forms)
    Path(arguments.out).write_text(_markdown(arguments, outcome, status, ok, failed_reads), encoding="utf-8")
    print(json.dumps(outcome, indent=1))
    return 0 if ok else 1


def _markdown(arguments, outcome: dict, status: dict, ok: bool, failed_reads: list[str]) -> str:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=REPO).stdout.strip()
    lines = [
        "# SIGKILL during a 20,000-form load (issue 4)",
        "",
        f"Produced by `.venv/bin/python -m benchmarks.sigkill_20k --forms {arguments.forms} "
        f"--kill-after {arguments.kill_after:g}` on {datetime.now(timezone.utc).isoformat(timespec='seconds')} "
        f"(git {commit}), {os.cpu_count()} cores.",
        "",
        "| what | seen |",
        "|---|---|",
        *(f"| {key.replace('_', ' ')} | {value} |" for key, value in outcome.items()),
        f"| quarantined (errors injected at 5 %) | {status['quarantined']} |",
        "",
        f"**{'All checks held' if ok else 'A CHECK FAILED'}**: the published file is byte-for-byte what it was "
        "(sha256) and its rows are the same; every read-only open during the load succeeded and saw the old "
        "state; the next load completed and every form is published or quarantined.",
    ]
    if failed_reads:
        lines += ["", "Failed reads:", *(f"- {text}" for text in failed_reads[:10])]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
