"""dbt run inside the Dagster step's own process.

As a subprocess, every dbt invocation of a load paid a Python start and dbt's imports (~4 s here), on
top of dagster-dbt importing dbt in the step process anyway to open an adapter; the nightly job runs
dbt up to three times. In-process, dbt is imported once per run (issue 6: "without paying the heavy
imports once per step"), and the parsed manifest of one invocation is reused by the next one with the
same project, profile and vars, so only the first invocation of a run parses; the parsed manifest is
also kept in the home's target folder, so the next load does not parse an unchanged project at all.

dbt-duckdb keeps its DuckDB database open in a class attribute after an invocation; it is closed here
after every invocation, because the next step (the Great Expectations suites, publication) opens the
same build database with its own settings.
"""

import dataclasses
import functools
import hashlib
import json
import os
import pickle
import queue
import sys
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
# dbt's warnings and errors, one JSON line each (dbt's own file-log format), and when it is rotated.
DBT_LOG_FILE = "dbt.log"
DBT_LOG_MAX_BYTES = 10 * 1024 * 1024
DBT_LOG_LEVELS = frozenset({"warn", "error"})
# The parsed project of the latest parse, kept for the next load of the home (`_parsed_manifest`).
PARSED_MANIFEST_FILE = "parsed_manifest.pickle"
# The manifest's metadata of the invocation that made it, made again for a kept manifest.
INVOCATION_METADATA = frozenset({"generated_at", "invocation_id", "invocation_started_at", "env"})


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


def _quick_behavior_flag_source() -> None:
    """dbt names the module that declared each of an adapter's behavior flags with `inspect.stack()`,
    which reads the source lines of every frame of the stack, and the first time a frame's file is
    looked up, asks `__file__` of every loaded module. dbt makes the adapter again in every invocation
    (~0.15 s each here), and when that comes after Great Expectations was imported, the modules
    `warmup.GX_DEFERRED_MODULES` made lazy are loaded by that question (~0.7 s). The same name, the
    module of the first caller outside dbt_common.behavior_flags, read from the frames' globals."""
    from dbt_common import behavior_flags

    def default_source() -> str:
        frame = sys._getframe(1)
        while frame is not None:
            name = frame.f_globals.get("__name__")
            if name and name != behavior_flags.__name__ and name in sys.modules:
                return name
            frame = frame.f_back
        return "Unknown"

    behavior_flags.BehaviorFlagRendered._default_source = staticmethod(default_source)


def _option_of(arguments: Sequence[str], name: str) -> str:
    for index, argument in enumerate(arguments):
        if argument == name and index + 1 < len(arguments):
            return arguments[index + 1]
    return ""


def _vars_of(arguments: Sequence[str]) -> str:
    return _option_of(arguments, "--vars")


def _options(target_path: Path) -> list[str]:
    return ["--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR),
            "--target-path", str(target_path), "--log-path", str(target_path),
            # dbt's file logger turns every event into a JSON line before its level is looked at
            # (~5,000 debug events a load: every SQL statement, four per node). dbt.log keeps only
            # warnings and errors, so `DbtLog` writes those and dbt's loggers are off; every node's
            # outcome is written by `_record`, and nothing is printed (a failure reaches the step as
            # `DbtInvocation.failure_text`).
            "--log-level-file", "none", "--log-level", "none"]


class DbtLog:
    """dbt.log in the target folder: dbt's warning and error events as dbt's JSON file log writes them."""

    def __init__(self, target_path: Path) -> None:
        self.path = target_path / DBT_LOG_FILE
        self._lock = threading.Lock()

    def __call__(self, event) -> None:
        if event.info.level not in DBT_LOG_LEVELS:
            return
        from dbt_common.events.functions import env_scrubber, msg_to_dict
        from dbt_common.utils.encoding import ForgivingJSONEncoder

        line = env_scrubber(json.dumps(msg_to_dict(event), sort_keys=True, cls=ForgivingJSONEncoder))
        with self._lock:
            if self.path.exists() and self.path.stat().st_size > DBT_LOG_MAX_BYTES:
                self.path.replace(self.path.with_name(self.path.name + ".1"))
            with open(self.path, "a", encoding="utf-8") as handle:
                handle.write(line + "\n")


def _manifest_key(arguments: Sequence[str], environment: dict[str, str]) -> str:
    """What a parsed manifest depends on here: the project's files and where they are, the profile's
    inputs (its file, target and variables), the vars, and the dbt and Python that parsed it (the
    manifest is kept on disk for the next load: `_parsed_manifest`)."""
    from orchestration.ingest.unchanged import dbt_fingerprint

    profiles = (DBT_PROJECT_DIR / "profiles.yml").read_bytes()
    variables = {**{name: value for name, value in os.environ.items() if name.startswith(("JIXIAO_", "DBT_"))},
                 **environment}
    inputs = [dbt_fingerprint(), _project_files(), str(DBT_PROJECT_DIR), hashlib.sha256(profiles).hexdigest(),
              _vars_of(arguments),
              _option_of(arguments, "--target"), json.dumps(sorted(variables.items())),
              *_parser_versions()]
    return hashlib.sha256("\0".join(inputs).encode()).hexdigest()


def _project_files() -> str:
    """Every file of the dbt project but dbt's own output, by name, size and modification time: a parse
    also reads folders the models' fingerprint leaves out (snapshots, analyses, installed packages)."""
    entries = []
    for path in sorted(DBT_PROJECT_DIR.rglob("*")):
        relative = path.relative_to(DBT_PROJECT_DIR)
        if relative.parts[0] in ("target", "logs") or not path.is_file():
            continue
        stat = path.stat()
        entries.append(f"{relative}\t{stat.st_size}\t{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(entries).encode()).hexdigest()


@functools.lru_cache(maxsize=1)
def _parser_versions() -> tuple[str, ...]:
    from importlib.metadata import PackageNotFoundError, version

    versions = [sys.version]
    for package in ("dbt-core", "dbt-adapters", "dbt-duckdb", "dbt-postgres"):
        try:
            versions.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            versions.append(f"{package} -")
    return tuple(versions)


def run_dbt(arguments: Sequence[str], target_path: Path, environment: dict[str, str]) -> Iterator[NodeOutcome | DbtInvocation]:
    """Run one dbt command in this process. Yields each node's outcome as dbt finishes it, then the
    whole invocation (success, error). `environment` are the variables the profile reads; they are
    set in os.environ (dbt reads env_var() from there) for the invocation."""
    from dbt.cli.main import dbtRunner

    _quick_behavior_flag_source()
    os.environ.update(environment)
    target_path.mkdir(parents=True, exist_ok=True)
    full_arguments = [*arguments, *_options(target_path)]
    invocation = DbtInvocation(arguments=list(arguments))
    outcomes: queue.Queue = queue.Queue()
    done = object()

    dbt_log = DbtLog(target_path)

    def on_event(event) -> None:
        dbt_log(event)
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
                manifest = _parsed_manifest(key, arguments, target_path) if key else None
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


def _parsed_manifest(key: str, arguments: Sequence[str], target_path: Path):
    """The parsed project for these inputs: parsed once (dbt's partial parse helps), then reused in
    this process and, through a pickle in the target folder, by the next load of the home: a partial
    parse still reads every node back and processes the graph (~1.3 s of a +1 % reload's critical
    path, in the warm-up), unpickling it takes ~0.15 s."""
    from dbt.cli.main import dbtRunner

    if key not in _manifest_cache:
        manifest = _kept_manifest(target_path, key)
        if manifest is None:
            vars_json, target = _vars_of(arguments), _option_of(arguments, "--target")
            # No manifest.json (~0.3 s): the docs write theirs from the parsed manifest (`run_dbt`).
            result = dbtRunner(callbacks=[_count_parses, DbtLog(target_path)]).invoke(
                ["parse", "--no-write-json", *(["--vars", vars_json] if vars_json else []),
                 *(["--target", target] if target else []), *_options(target_path)])
            if not result.success:
                return None  # the command itself parses and reports what is wrong
            manifest = result.result
            if not vars_json:  # a backfill's vars name its run: never asked for again
                _keep_manifest(target_path, key, manifest)
        _manifest_cache[key] = manifest
        while len(_manifest_cache) > MANIFESTS_KEPT:
            _manifest_cache.popitem(last=False)
    _manifest_cache.move_to_end(key)
    return _manifest_cache[key]


def _kept_manifest(target_path: Path, key: str):
    """The manifest `_keep_manifest` wrote for the same key, or None (missing, other key, unreadable,
    or an environment variable the project read has changed since)."""
    try:
        with open(target_path / PARSED_MANIFEST_FILE, "rb") as handle:
            if handle.readline().rstrip(b"\n") != key.encode():
                return None
            from dbt.contracts.graph.manifest import Manifest

            manifest = Manifest(**pickle.load(handle))
    except Exception:  # a missing, partial or foreign file: parse instead
        return None
    if any(os.environ.get(name) != value for name, value in (manifest.env_vars or {}).items()):
        return None
    # Stamped as a parse now would stamp it (the docs embed the manifest: `generated_at`).
    fresh = {field.name: field.default_factory() for field in dataclasses.fields(manifest.metadata)
             if field.name in INVOCATION_METADATA}
    manifest.metadata = dataclasses.replace(manifest.metadata, **fresh)
    return manifest


def _manifest_fields(manifest) -> dict:
    """The manifest's contents without its lock and lookups (built again on first use). Not the
    manifest itself: dbt's `Manifest.__reduce_ex__` passes its fields positionally and out of step
    with the constructor (dbt-core 1.11), which unpickles a manifest whose ref lookup is broken."""
    return {field.name: getattr(manifest, field.name) for field in dataclasses.fields(manifest)
            if not field.name.startswith("_")}


def _keep_manifest(target_path: Path, key: str, manifest) -> None:
    path = target_path / PARSED_MANIFEST_FILE
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        with open(partial, "wb") as handle:
            handle.write(key.encode() + b"\n")
            pickle.dump(_manifest_fields(manifest), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
    except Exception:  # only a head start for the next load
        partial.unlink(missing_ok=True)


def prepare(target_path: Path, environment: dict[str, str]) -> None:
    """Import dbt and parse the project for a plain build (no vars), so that the first dbt step of a
    run finds both done. Safe beside the landing: parsing never opens the database."""
    _quick_behavior_flag_source()
    os.environ.update(environment)
    with _lock:
        _parsed_manifest(_manifest_key([], environment), [], target_path)
