"""Benchmarks of the nightly load against a yardstick, on synthetic corpora (issue 6).

    .venv/bin/python -m benchmarks.run --sizes 1000,10000,100000 [--million]

For every size: generate a corpus with `orchestration.synth` (cached in the scratch folder,
$JIXIAO_BENCH_DIR or /tmp/jixiao-bench), run the yardstick (benchmarks/yardstick.py) on it, then the
real `jixiao load` in a fresh home, a no-op reload of the same folders, and a reload with 1 % more
files. Wall time per stage comes from the home's Dagster instance (step start/end of the run), the
landing split (read+hash / parse wait / insert) from the landing step's metadata, peak memory from
polling /proc for the whole process tree (jixiao, its parse workers and dbt subprocesses) every 50 ms.
Writes benchmarks/results.json and benchmarks/results.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
JIXIAO = BIN / "jixiao"
HERE = Path(__file__).resolve().parent
PAGE = os.sysconf("SC_PAGE_SIZE")

# Dagster step key -> stage of the results table (in job order).
STAGES = (
    ("parse+land", ("land_received_files",)),
    ("dbt pre-check", ("dbt_pre_check_models",)),
    ("checks (GX)", ("quality__rule_findings",)),
    ("dbt published", ("dbt_published_models",)),
    ("publish", ("published__",)),
    ("dbt docs", ("reports__dbt_docs",)),
    ("reports", ("reports__",)),  # audit.xlsx/html, trends.html (each step counts in its first stage)
)


def stage_of(step_key: str) -> str | None:
    for stage, prefixes in STAGES:
        if step_key.startswith(prefixes):
            return stage
    return None


# --- measuring a process tree -------------------------------------------------------------------

def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # the command name is in parentheses and may hold spaces: split after the last ')'
        fields = stat[stat.rfind(b")") + 2:].split()
        children.setdefault(int(fields[1]), []).append(int(entry))
    return children


def _tree_rss(root: int) -> tuple[int, int]:
    """(sum of RSS over the tree, RSS of the largest process), in bytes."""
    children = _children_map()
    total = largest = 0
    stack = [root]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/statm") as handle:
                rss = int(handle.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            rss = 0
        total += rss
        largest = max(largest, rss)
        stack.extend(children.get(pid, ()))
    return total, largest


def measure(command: list[str], env: dict | None = None, cwd: Path = REPO, address_space_gb: float | None = None
            ) -> dict:
    """Run a command; wall seconds, CPU seconds of the tree, peak tree RSS, output.

    `address_space_gb`: RLIMIT_AS for every process of the tree, so a stage that would take all the
    machine's memory fails with MemoryError in its own process instead of waking the OOM killer on a
    machine other sessions share."""
    def limit():
        if address_space_gb:
            cap = int(address_space_gb * 2**30)
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    # The files the previous run wrote (a load writes GBs: archive, databases, Parquet) are flushed
    # before this one starts: their writeback would otherwise slow whichever run comes next.
    os.sync()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=env, cwd=cwd, preexec_fn=limit if address_space_gb else None)
    peak = {"tree": 0, "largest": 0}
    samples: list[tuple[float, int]] = []  # (unix time, tree RSS): peaks per Dagster step afterwards
    done = threading.Event()

    def poll():
        while not done.is_set():
            tree, largest = _tree_rss(process.pid)
            peak["tree"] = max(peak["tree"], tree)
            peak["largest"] = max(peak["largest"], largest)
            samples.append((time.time(), tree))
            done.wait(0.05)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    stdout, stderr = process.communicate()
    wall = time.perf_counter() - started
    done.set()
    poller.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "command": command,
        "returncode": process.returncode,
        "wall_s": round(wall, 2),
        "cpu_s": round((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), 2),
        "peak_rss_tree_mb": round(peak["tree"] / 2**20),
        "peak_rss_largest_mb": round(max(peak["largest"], after.ru_maxrss * 1024 if after.ru_maxrss > before.ru_maxrss
                                         else 0) / 2**20),
        "stdout": stdout,
        "stderr_tail": stderr[-3000:],
        "rss_samples": samples,
    }


# --- corpora ---------------------------------------------------------------------------------------

def corpus(scratch: Path, forms: int, seed: int, error_rate: float) -> tuple[Path, dict]:
    """Generate once per (forms, seed, error_rate); later runs reuse it."""
    from orchestration.synth.generator import generate_corpus

    folder = scratch / f"corpus-{forms}-seed{seed}-err{error_rate}"
    marker = folder / ".complete.json"
    if marker.exists():
        return folder, json.loads(marker.read_text())
    shutil.rmtree(folder, ignore_errors=True)
    summary = generate_corpus(folder, forms, seed=seed, error_rate=error_rate)
    info = {"forms": summary.forms, "files": summary.files, "injected": summary.injected,
            "generate_s": round(summary.seconds, 1),
            "bytes": sum(p.stat().st_size for p in folder.rglob("*.txt"))}
    marker.write_text(json.dumps(info))
    return folder, info


def form_folders(folder: Path) -> list[str]:
    """The year folders (the corpus root also holds ground_truth.jsonl, which is not a form file)."""
    return [str(path) for path in sorted(folder.iterdir()) if path.is_dir()]


# --- reading what a load did ---------------------------------------------------------------------

def run_stats(home: Path) -> dict:
    """Step durations and landing metadata of the latest run in the home's Dagster instance."""
    import dagster as dg

    os.environ["DAGSTER_HOME"] = str(home / "dagster")  # the home's event log storage reads it
    instance = dg.DagsterInstance.from_config(str(home / "dagster"))
    try:
        run = instance.get_runs(limit=1)[0]
        step_stats = [s for s in instance.get_run_step_stats(run.run_id) if s.end_time and s.start_time]
        steps = {s.step_key: round(s.end_time - s.start_time, 2) for s in step_stats}
        windows = {s.step_key: (s.start_time, s.end_time) for s in step_stats}
        stats = instance.get_run_stats(run.run_id)
        landing = {}
        for record in instance.all_logs(run.run_id):
            event = record.dagster_event
            if event and event.is_step_materialization and event.step_key == "land_received_files":
                landing = {k: v.value for k, v in event.event_specific_data.materialization.metadata.items()
                           if k.startswith("seconds_") or k in ("parse_workers", "forms_landed", "files_new",
                                                                 "downstream_skipped")}
                break
        return {"run_id": run.run_id, "run_s": round(stats.end_time - stats.start_time, 2), "steps": steps,
                "windows": windows, "landing": landing}
    finally:
        instance.dispose()


def stages(steps: dict[str, float]) -> dict[str, float]:
    out: dict[str, float] = {stage: 0.0 for stage, _ in STAGES}
    out["other steps"] = 0.0
    for key, seconds in steps.items():
        stage = stage_of(key) or "other steps"
        out[stage] = round(out[stage] + seconds, 2)
    return out


def stage_peaks(windows: dict[str, tuple[float, float]], samples: list[tuple[float, int]]) -> dict[str, int]:
    """Peak tree RSS (MB) while each stage's steps ran."""
    peaks: dict[str, int] = {}
    for stage, _ in STAGES:
        spans = [span for key, span in windows.items() if stage_of(key) == stage]
        inside = [rss for at, rss in samples if any(start <= at <= end for start, end in spans)]
        peaks[stage] = round(max(inside, default=0) / 2**20)
    return peaks


def load(home: Path, paths: list[str], address_space_gb: float | None = None) -> dict:
    env = {**os.environ, "DAGSTER_DISABLE_TELEMETRY": "1", "DO_NOT_TRACK": "1", "GX_ANALYTICS_ENABLED": "false"}
    result = measure([str(JIXIAO), "load", *paths, "--home", str(home)], env=env, address_space_gb=address_space_gb)
    result["address_space_limit_gb"] = address_space_gb
    # A failed load is recorded with the steps it ran (a stage we do not own must not hide the others).
    result["failed"] = result["returncode"] != 0
    stats = run_stats(home)
    windows = stats.pop("windows")
    samples = result.pop("rss_samples")
    result.update(stats)
    result["stages"] = stages(stats["steps"])
    result["stage_peak_rss_mb"] = stage_peaks(windows, samples)
    result["outside_steps_s"] = round(result["wall_s"] - sum(stats["steps"].values()), 2)
    result["summary"] = [line.strip() for line in result.pop("stdout").splitlines()[:8]]
    return result


def accuracy(home: Path, folder: Path) -> dict:
    """jixiao's error findings against the generator's ground truth, by file + form index + rule."""
    import hashlib

    import duckdb

    truth: dict[tuple[str, int], set[str]] = {}
    for line in open(folder / "ground_truth.jsonl", encoding="utf-8"):
        record = json.loads(line)
        truth[(record["file"], record["form_index"])] = set(record["expected_errors"])
    hash_to_file = {hashlib.sha256(path.read_bytes()).hexdigest(): str(path.relative_to(folder))
                    for path in folder.rglob("*.txt")}
    with duckdb.connect(str(home / "published" / "jixiao.duckdb"), read_only=True) as connection:
        rows = connection.execute(
            "SELECT form_id, rule_id FROM audit_findings WHERE severity = 'error' AND form_id IS NOT NULL").fetchall()
    found: dict[tuple[str, int], set[str]] = {}
    for form_id, rule_id in rows:
        file_hash, index = form_id.split("#")
        key = (hash_to_file.get(file_hash, file_hash), int(index))
        found.setdefault(key, set()).add(rule_id)
    missed = sum(len(rules - found.get(key, set())) for key, rules in truth.items())
    extra = sum(len(rules - truth.get(key, set())) for key, rules in found.items())
    return {
        "expected_error_forms": sum(1 for rules in truth.values() if rules),
        "found_error_forms": len(found),
        "expected_findings": sum(len(r) for r in truth.values()),
        "missed": missed,
        "unexpected": extra,
        "clean_forms_with_error": sum(1 for key, rules in found.items() if not truth.get(key)),
    }


# --- one size --------------------------------------------------------------------------------------

def bench_size(scratch: Path, forms: int, seed: int, error_rate: float, reloads: bool, log,
               address_space_gb: float | None = None, pairs: int = 1) -> dict:
    """`pairs`: the yardstick and the full load run that many times, alternately, each load in a fresh
    home; the ratio is then that of their summed wall times (this machine's speed drifts by ~10-20 %
    within minutes, so one pair can land on either side of a ratio). The stage tables show the last pair."""
    folder, info = corpus(scratch, forms, seed, error_rate)
    log(f"[{forms}] corpus {folder} ({info['files']} files)")
    paths = form_folders(folder)
    result: dict = {"forms": forms, "corpus": info}
    home = scratch / f"home-{forms}"
    runs = []
    for attempt in range(1, pairs + 1):
        tag = f"[{forms}]" if pairs == 1 else f"[{forms}, pair {attempt}/{pairs}]"
        yard_db = scratch / f"yardstick-{forms}.duckdb"
        yard = measure([sys.executable, "-m", "benchmarks.yardstick", str(folder), "--db", str(yard_db)])
        if yard["returncode"] != 0:
            raise RuntimeError(f"yardstick failed:\n{yard['stderr_tail']}")
        yard["report"] = json.loads(yard.pop("stdout"))
        yard.pop("rss_samples")
        yard_db.unlink(missing_ok=True)
        log(f"{tag} yardstick {yard['wall_s']} s, peak {yard['peak_rss_tree_mb']} MB")

        shutil.rmtree(home, ignore_errors=True)  # before the sync in measure(): its deletes land there
        full = load(home, paths, address_space_gb)
        log(f"{tag} full load {full['wall_s']} s ({round(full['wall_s'] / yard['wall_s'], 2)}x yardstick), "
            f"peak {full['peak_rss_tree_mb']} MB, stages {full['stages']}")
        try:
            found = accuracy(home, folder)
        except Exception as error:  # noqa: BLE001 - e.g. nothing was published
            found = {"error": f"{type(error).__name__}: {error}"}
        log(f"{tag} accuracy {found}")
        runs.append({"yardstick_s": yard["wall_s"], "full_s": full["wall_s"],
                     "ratio": round(full["wall_s"] / yard["wall_s"], 2), "accuracy": found})
        result["yardstick"], result["full"], result["accuracy"] = yard, full, found
    result["pairs"] = runs
    result["ratio_to_yardstick"] = round(sum(r["full_s"] for r in runs) / sum(r["yardstick_s"] for r in runs), 2)
    if pairs > 1:
        log(f"[{forms}] {pairs} pairs: ratios {[r['ratio'] for r in runs]}, of the sums "
            f"{result['ratio_to_yardstick']}x")

    if reloads:
        noop = load(home, paths, address_space_gb)
        result["noop"] = noop
        log(f"[{forms}] no-op reload {noop['wall_s']} s")
        extra_forms = max(1, forms // 100)
        extra, extra_info = corpus(scratch, extra_forms, seed + 1, error_rate)
        plus = load(home, paths + form_folders(extra), address_space_gb)
        plus["extra_corpus"] = extra_info
        result["plus_1pct"] = plus
        result["plus_1pct_share_of_full"] = round(plus["wall_s"] / full["wall_s"], 3)
        log(f"[{forms}] +1% reload {plus['wall_s']} s ({result['plus_1pct_share_of_full']:.0%} of full)")
    shutil.rmtree(home, ignore_errors=True)
    return result


# --- machine and report ----------------------------------------------------------------------------

def _shell(command: str) -> str:
    try:
        return subprocess.run(command, shell=True, capture_output=True, text=True, timeout=30).stdout.strip()
    except Exception as error:  # noqa: BLE001 - informational only
        return f"({error})"


def machine() -> dict:
    import dagster
    import duckdb
    import pyarrow

    cpu = next((line.split(":", 1)[1].strip() for line in _shell("lscpu").splitlines()
                if line.startswith("Model name")), platform.processor())
    dbt_version = _shell(f"{BIN / 'dbt'} --version | head -2 | tail -1")
    site = Path(duckdb.__file__).parents[1]
    compiled = any((site / "dbt").glob("__pycache__/*.pyc"))
    return {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "nproc": _shell("nproc"),
        "free_h": _shell("free -h"),
        "cpu_model": cpu,
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "pyarrow": pyarrow.__version__,
        "dagster": dagster.__version__,
        "dbt": dbt_version,
        "git": _shell(f"git -C {REPO} rev-parse --short HEAD") + (" (dirty)" if _shell(
            f"git -C {REPO} status --porcelain -- orchestration dbt_project expectations") else ""),
        "site_packages_bytecode_compiled": compiled,
        "loadavg_start": _shell("cat /proc/loadavg"),
    }


def _fmt(value, unit="") -> str:
    return "—" if value is None else f"{value}{unit}"


def _percent(value) -> str:
    return "—" if value is None else f"{value:.0%}"


def targets(results: dict) -> list[str]:
    """The issue's targets, measured against this run (met / not met)."""
    by_size = {size["forms"]: size for size in results["sizes"]}
    out = []

    def verdict(ok: bool) -> str:
        return "**met**" if ok else "**not met**"

    big = by_size.get(100_000)
    if big:
        runs = big.get("pairs") or [{"yardstick_s": big["yardstick"]["wall_s"], "full_s": big["full"]["wall_s"]}]
        shown = "; ".join(f"{r['full_s']} s ÷ {r['yardstick_s']} s" for r in runs)
        of = " (ratio of the sums over the pairs)" if len(runs) > 1 else ""
        fastest = min(r["full_s"] for r in runs)
        out.append(f"- 100,000 forms, full load ≤ 2× yardstick: {shown} = {big['ratio_to_yardstick']}{of} → "
                   f"{verdict(big['ratio_to_yardstick'] <= 2)}; under 60 s ({fastest} s at best) → "
                   f"{verdict(fastest < 60)}.")
        if "noop" in big:
            out.append(f"- No-op reload of 100,000 forms ≤ 15 s: {big['noop']['wall_s']} s → "
                       f"{verdict(big['noop']['wall_s'] <= 15)}.")
        if "plus_1pct" in big:
            plus = big["plus_1pct"]
            out.append(f"- +1 % new files ≤ 25 % of a full load: {plus['wall_s']} s = "
                       f"{big['plus_1pct_share_of_full']:.0%} → {verdict(big['plus_1pct_share_of_full'] <= 0.25)}.")
    million = by_size.get(1_000_000)
    if million:
        full = million["full"]
        out.append(f"- 1,000,000 forms completes: {verdict(not full.get('failed'))}"
                   + (f" (failed: {full['summary'][-2:]})" if full.get("failed") else "")
                   + f"; peak RSS {full['peak_rss_tree_mb']} MB ≤ 2048 → {verdict(full['peak_rss_tree_mb'] <= 2048)}"
                   f" (per stage: {full.get('stage_peak_rss_mb')}).")
        if big:
            growth = {stage: round(full["stages"][stage] / big["full"]["stages"][stage], 1)
                      for stage in full["stages"] if big["full"]["stages"].get(stage)}
            out.append(f"- Time growth 100k → 1M (×10 forms): total ×{round(full['wall_s'] / big['full']['wall_s'], 1)}"
                       f", yardstick ×{round(million['yardstick']['wall_s'] / big['yardstick']['wall_s'], 1)}, "
                       f"per stage {growth}.")
    return out


def write_report(results: dict, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    m = results["machine"]
    lines = [
        "# jixiao benchmarks",
        "",
        f"Produced by `{results['command']}` on {m['date']} (git {m['git']}).",
        "",
        f"Machine: {m['nproc']} cores ({m['cpu_model']}), Python {m['python']}, duckdb {m['duckdb']}, "
        f"pyarrow {m['pyarrow']}, dagster {m['dagster']}, {m['dbt']}; site-packages bytecode compiled: "
        f"{m['site_packages_bytecode_compiled']}. Load average at start `{m['loadavg_start']}`, at end "
        f"`{m.get('loadavg_end', '?')}` (the machine is shared: other sessions' tests were running).",
        "",
        "```",
        m["free_h"],
        "```",
        "",
        "## Full load, per stage (seconds, wall)",
        "",
        "Stages are the Dagster steps of the run (step start to end, from the home's event log); "
        "*outside steps* is process start, imports, run creation and the summary. Peak RSS is the sum over "
        "the process tree (jixiao, parse workers, dbt), polled every 50 ms.",
        "",
        "| forms | files | yardstick s | jixiao s | ÷ yardstick | parse+land | dbt pre-check | checks (GX) "
        "| dbt published | publish | dbt docs | reports | other steps | outside steps | peak RSS MB (yardstick) "
        "| CPU s |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in results["sizes"]:
        full, yard, st = size["full"], size["yardstick"], size["full"]["stages"]
        lines.append(
            f"| {size['forms']:,} | {size['corpus']['files']:,} | {yard['wall_s']} | "
            f"{full['wall_s']}{' (FAILED)' if full.get('failed') else ''} | "
            # the shown pair's own ratio (with --pairs, the targets state the ratio of the sums)
            f"{round(size['full']['wall_s'] / size['yardstick']['wall_s'], 2)} | {st['parse+land']} | "
            f"{st['dbt pre-check']} | {st['checks (GX)']} | "
            f"{st['dbt published']} | {st['publish']} | {st['dbt docs']} | {st['reports']} | {st['other steps']} | "
            f"{full['outside_steps_s']} | {full['peak_rss_tree_mb']} ({yard['peak_rss_tree_mb']}) | {full['cpu_s']} |")
    lines += [
        "",
        "Peak RSS (MB, process tree) while each stage ran:",
        "",
        "| forms | " + " | ".join(stage for stage, _ in STAGES) + " |",
        "|---:|" + "---:|" * len(STAGES),
    ]
    for size in results["sizes"]:
        peaks = size["full"].get("stage_peak_rss_mb", {})
        lines.append(f"| {size['forms']:,} | " + " | ".join(str(peaks.get(stage, "—")) for stage, _ in STAGES) + " |")
    lines += [
        "",
        "## Reloads",
        "",
        "| forms | full s | no-op reload s | +1 % files reload s | +1 % ÷ full | +1 % peak RSS MB |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for size in results["sizes"]:
        noop, plus = size.get("noop"), size.get("plus_1pct")
        lines.append(
            f"| {size['forms']:,} | {size['full']['wall_s']} | {_fmt(noop and noop['wall_s'])} | "
            f"{_fmt(plus and plus['wall_s'])} | "
            f"{_percent(size.get('plus_1pct_share_of_full'))} | "
            f"{_fmt(plus and plus['peak_rss_tree_mb'])} |")
    lines += [
        "",
        "## Landing split and yardstick split (seconds)",
        "",
        "| forms | read+hash | waiting for parse workers | insert (Arrow → DuckDB) | archive sync | workers "
        "| yardstick parse+load | yardstick rules SQL |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in results["sizes"]:
        landing, yard = size["full"].get("landing", {}), size["yardstick"]["report"]["seconds"]
        lines.append(
            f"| {size['forms']:,} | {_fmt(landing.get('seconds_read_hash'))} | "
            f"{_fmt(landing.get('seconds_wait_for_parse', landing.get('seconds_parse_inline')))} | "
            f"{_fmt(landing.get('seconds_insert'))} | {_fmt(landing.get('seconds_archive_sync'))} | "
            f"{_fmt(landing.get('parse_workers'))} | {yard['parse_and_load']} | {yard['rules']} |")
    lines += [
        "",
        "## Findings against the ground truth (error level)",
        "",
        "| forms | expected error forms | jixiao error forms | yardstick error forms | missed | unexpected "
        "| clean forms with an error |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in results["sizes"]:
        acc = size["accuracy"]
        if "error" in acc:
            lines.append(f"| {size['forms']:,} | {acc['error']} | | | | | |")
            continue
        lines.append(
            f"| {size['forms']:,} | {acc['expected_error_forms']} | {acc['found_error_forms']} | "
            f"{size['yardstick']['report']['error_forms']} | {acc['missed']} | {acc['unexpected']} | "
            f"{acc['clean_forms_with_error']} |")
    lines += ["", "## Targets of issue 6", ""] + targets(results)
    notes = list(results.get("notes", []))
    for size in results["sizes"]:
        if size["full"].get("address_space_limit_gb"):
            notes.append(f"- {size['forms']:,} forms: jixiao ran with RLIMIT_AS = "
                         f"{size['full']['address_space_limit_gb']} GiB per process (see --address-space-gb).")
    if notes:
        lines += ["", "## Notes", "", *notes]
    (out_dir / "results.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated form counts")
    parser.add_argument("--million", action="store_true", help="also 1,000,000 forms")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--error-rate", type=float, default=0.05)
    parser.add_argument("--scratch", type=Path,
                        default=Path(os.environ.get("JIXIAO_BENCH_DIR", "/tmp/jixiao-bench")))
    parser.add_argument("--no-reloads-above", type=int, default=100_000,
                        help="skip the no-op and +1%% reloads for sizes above this (default 100000)")
    parser.add_argument("--out", type=Path, default=HERE, help="where results.md/json go (default benchmarks/)")
    parser.add_argument("--pairs", type=int, default=1,
                        help="run the yardstick and the full load this many times, alternately (default 1)")
    parser.add_argument("--address-space-gb-from", type=int, default=1_000_000,
                        help="sizes from this one on run jixiao with RLIMIT_AS (default 1000000)")
    parser.add_argument("--address-space-gb", type=float, default=16.0,
                        help="that RLIMIT_AS per process, GiB (default 16: a stage that needs more fails alone "
                             "instead of waking the OOM killer on a shared machine)")
    arguments = parser.parse_args(argv)
    sizes = [int(s) for s in arguments.sizes.split(",") if s.strip()]
    if arguments.million and 1_000_000 not in sizes:
        sizes.append(1_000_000)
    arguments.scratch.mkdir(parents=True, exist_ok=True)

    def log(text: str) -> None:
        print(f"{datetime.now().strftime('%H:%M:%S')} {text}", flush=True)

    shown = " ".join(a for a in (argv if argv is not None else sys.argv[1:]))
    results = {"command": f".venv/bin/python -m benchmarks.run {shown}".strip(), "machine": machine(),
               "sizes": []}
    from orchestration.dbt.project import ensure_manifest

    ensure_manifest()  # a stale manifest would make the first load pay for `dbt parse`
    for forms in sizes:
        results["sizes"].append(bench_size(arguments.scratch, forms, arguments.seed, arguments.error_rate,
                                           reloads=forms <= arguments.no_reloads_above, log=log,
                                           pairs=arguments.pairs,
                                           address_space_gb=arguments.address_space_gb
                                           if forms >= arguments.address_space_gb_from else None))
        results["machine"]["loadavg_end"] = _shell("cat /proc/loadavg")
        write_report(results, arguments.out)  # after every size: a long run leaves partial results
    log(f"wrote {arguments.out / 'results.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
