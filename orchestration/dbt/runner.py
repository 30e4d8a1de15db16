"""dbt run inside the Dagster step's own process.

As a subprocess, every dbt invocation of a load paid a Python start and dbt's imports (~4 s here), on
top of dagster-dbt importing dbt in the step process anyway to open an adapter; the nightly job runs
dbt up to three times. In-process, dbt is imported once per run (issue 6: "without paying the heavy
imports once per step"), and the parsed manifest of one invocation is reused by the next one with the
same project, profile and vars, so only the first invocation of a run parses.

dbt-duckdb keeps its DuckDB database open in a class attribute after an invocation; it is closed here
after every invocation, because the next step (the Great Expectations suites, publication) opens the
same build database with its own settings.
"""

import hashlib
import json
import os
import queue
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orchestration.dbt.project import DBT_PROJECT_DIR

# dbt's node statuses that mean "this node did its job".
GOOD_STATUSES = {"success", "pass", "skipped_not_run", "warn"}
FAILED_STATUSES = {"error", "fail", "runtime error"}
# Where each invocation's node outcomes are written (JSON lines), beside dbt's own dbt.log.
NODE_RESULTS_FILE = "node_results.jsonl"
NODE_RESULTS_MAX_BYTES = 4 * 1024 * 1024  # then the file starts again, the previous one kept as .1


@dataclass(frozen=True)
class NodeOutcome:
    unique_id: str
    resource_type: str
    status: str
    message: str
    seconds: float
    failures: int | None

    def as_record(self) -> dict[str, Any]:
        return {"unique_id": self.unique_id, "resource_type": self.resource_type, "status": self.status,
                "seconds": round(self.seconds, 4), "failures": self.failures, "message": self.message}


@dataclass
class DbtInvocation:
    arguments: list[str]
    nodes: list[NodeOutcome] = field(default_factory=list)
    success: bool = False
    error: str | None = None
    seconds: float = 0.0
    parsed: bool = False  # dbt parsed the project in this invocation (no parsed manifest was reusable)

    def failed_nodes(self) -> list[NodeOutcome]:
        return [node for node in self.nodes if node.status in FAILED_STATUSES]

    def summary(self) -> str:
        counts: dict[str, int] = {}
        for node in self.nodes:
            key = f"{node.resource_type} {node.status}"
            counts[key] = counts.get(key, 0) + 1
        listed = ", ".join(f"{count} {key}" for key, count in sorted(counts.items()))
        return f"dbt {' '.join(self.arguments[:1])}: {listed or 'no node ran'} in {self.seconds:.1f} s"

    def failure_text(self) -> str:
        lines = [f"dbt {' '.join(self.arguments)} failed"]
        if self.error:
            lines.append(self.error)
        for node in self.failed_nodes():
            lines.append(f"- {node.resource_type} {node.unique_id}: {node.status}: {node.message}")
        return "\n".join(lines)


# Parsed projects by key (project files, vars, profile environment); a backfill's vars name its run, so
# only the latest few are kept.
_manifest_cache: "OrderedDict[str, Any]" = OrderedDict()
MANIFESTS_KEPT = 4
_lock = threading.Lock()
# How many times dbt parsed a project in this process (each full or partial parse reports its timings).
parse_count = 0


def _count_parses(event) -> None:
    global parse_count
    if event.info.name == "ParsePerfInfoPath":
        parse_count += 1


def _interrupt_duckdb() -> None:
    """Stop the statement dbt-duckdb is running (the step was stopped: run terminated, Ctrl-C)."""
    try:
        from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    except ImportError:
        return
    environment = DuckDBConnectionManager._ENV
    connection = getattr(environment, "conn", None)
    if connection is not None:
        connection.interrupt()


def _release_duckdb() -> None:
    """Close the database dbt-duckdb keeps open between invocations (see the module docstring)."""
    try:
        from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    except ImportError:  # another adapter only
        return
    with DuckDBConnectionManager._LOCK:
        environment = DuckDBConnectionManager._ENV
        DuckDBConnectionManager._ENV = None
    if environment is not None:
        environment.close()


def _vars_of(arguments: Sequence[str]) -> str:
    for index, argument in enumerate(arguments):
        if argument == "--vars" and index + 1 < len(arguments):
            return arguments[index + 1]
    return ""


def _options(target_path: Path) -> list[str]:
    return ["--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR),
            "--target-path", str(target_path), "--log-path", str(target_path), "--log-format-file", "json",
            # dbt formats every event a logger accepts: its debug events (every SQL statement: ~5,000 a
            # load) cost ~1 s, and even the info events (four per node) ~0.4 s of a +1 % reload. dbt.log
            # keeps warnings and errors; every node's outcome is written by `_record` instead, and
            # nothing is printed (a failure reaches the step as `DbtInvocation.failure_text`).
            "--log-level-file", "warn", "--log-level", "none"]


def _manifest_key(arguments: Sequence[str], environment: dict[str, str]) -> str:
    """What a parsed manifest depends on here: the project's files, the profile's inputs and the vars."""
    from orchestration.ingest.unchanged import dbt_fingerprint

    profiles = (DBT_PROJECT_DIR / "profiles.yml").read_bytes()
    inputs = [dbt_fingerprint(), hashlib.sha256(profiles).hexdigest(), _vars_of(arguments),
              json.dumps(sorted(environment.items()))]
    return hashlib.sha256("\0".join(inputs).encode()).hexdigest()


def run_dbt(arguments: Sequence[str], target_path: Path, environment: dict[str, str]) -> Iterator[NodeOutcome | DbtInvocation]:
    """Run one dbt command in this process. Yields each node's outcome as dbt finishes it, then the
    whole invocation (success, error). `environment` are the variables the profile reads; they are
    set in os.environ (dbt reads env_var() from there) for the invocation."""
    from dbt.cli.main import dbtRunner

    os.environ.update(environment)
    target_path.mkdir(parents=True, exist_ok=True)
    full_arguments = [*arguments, *_options(target_path)]
    invocation = DbtInvocation(arguments=list(arguments))
    outcomes: queue.Queue = queue.Queue()
    done = object()

    def on_event(event) -> None:
        if event.info.name == "ParsePerfInfoPath":
            invocation.parsed = True
            _count_parses(event)
        if event.info.name != "NodeFinished":
            return
        data = event.data
        run_result = data.run_result
        outcomes.put(NodeOutcome(
            unique_id=data.node_info.unique_id, resource_type=data.node_info.resource_type,
            status=str(run_result.status), message=str(run_result.message or ""),
            seconds=float(run_result.execution_time or 0.0), failures=run_result.num_failures))

    key = _manifest_key(arguments, environment) if arguments[:1] != ["parse"] else None
    started = time.perf_counter()

    def invoke() -> None:
        try:
            with _lock:
                manifest = _parsed_manifest(key, _vars_of(arguments), target_path) if key else None
                if manifest is not None and arguments[:1] == ["docs"]:
                    # dbt writes manifest.json only after it parsed itself, and the docs site embeds it.
                    manifest.write(str(target_path / "manifest.json"))
                runner = dbtRunner(manifest=manifest, callbacks=[on_event])
                try:
                    result = runner.invoke(full_arguments)
                finally:
                    _release_duckdb()
                invocation.success = bool(result.success)
                if result.exception is not None:
                    invocation.error = f"{type(result.exception).__name__}: {result.exception}"
        except BaseException as error:  # reported to the caller's thread below
            invocation.success = False
            invocation.error = f"{type(error).__name__}: {error}"
        finally:
            outcomes.put(done)

    # dbt runs in a thread so the step can report each node as it finishes; Dagster's context is only
    # used from the caller's thread.
    worker = threading.Thread(target=invoke, name="dbt", daemon=True)
    worker.start()
    finished = False
    try:
        while True:
            item = outcomes.get()
            if item is done:
                break
            invocation.nodes.append(item)
            yield item
        finished = True
    finally:
        if not finished:
            # The step stopped listening (terminated, interrupted, failed): dbt must not go on
            # writing the build database behind its back, nor die mid-statement at exit.
            _interrupt_duckdb()
            worker.join(timeout=120)
    worker.join()
    invocation.seconds = time.perf_counter() - started
    _record(target_path, invocation)
    yield invocation


def _record(target_path: Path, invocation: DbtInvocation) -> None:
    """Append the invocation and its nodes' outcomes to `NODE_RESULTS_FILE`, one JSON line each."""
    path = target_path / NODE_RESULTS_FILE
    if path.exists() and path.stat().st_size > NODE_RESULTS_MAX_BYTES:
        path.replace(path.with_name(path.name + ".1"))
    at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    lines = [json.dumps({"invocation": invocation.arguments, "at": at, "success": invocation.success,
                         "error": invocation.error, "seconds": round(invocation.seconds, 3),
                         "parsed": invocation.parsed}, ensure_ascii=False)]
    lines += [json.dumps({"at": at, **node.as_record()}, ensure_ascii=False) for node in invocation.nodes]
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def _parsed_manifest(key: str, vars_json: str, target_path: Path):
    """The parsed project for these inputs: parsed once (dbt's partial parse helps), then reused."""
    from dbt.cli.main import dbtRunner

    if key not in _manifest_cache:
        result = dbtRunner(callbacks=[_count_parses]).invoke(["parse", *(["--vars", vars_json] if vars_json else []), *_options(target_path)])
        if not result.success:
            return None  # the command itself parses and reports what is wrong
        _manifest_cache[key] = result.result
        while len(_manifest_cache) > MANIFESTS_KEPT:
            _manifest_cache.popitem(last=False)
    _manifest_cache.move_to_end(key)
    return _manifest_cache[key]


def prepare(target_path: Path, environment: dict[str, str]) -> None:
    """Import dbt and parse the project for a plain build (no vars), so that the first dbt step of a
    run finds both done. Safe beside the landing: parsing never opens the database."""
    os.environ.update(environment)
    with _lock:
        _parsed_manifest(_manifest_key([], environment), "", target_path)
