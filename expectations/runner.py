"""Run the rule suites on the build database with Great Expectations; return findings.

    outcome = run_rule_suites(build_db_path, data_docs_dir=None | Path, findings_path=None | Path)
    outcome.findings_file  # Parquet, one row per finding: form_id, rule_id, severity, subject,
                           # reported, expected, message, line, suite, expectation
    outcome.finding_counts # Counter of (rule_id, severity)
    outcome.findings       # the same rows as dicts, sorted (small loads and tests only)
    outcome.results   # suite, expectation, rule_id, severity, success, unexpected_count, error

great_expectations is imported inside `run_rule_suites` only (3-8 s): importing this module,
`all_rule_ids()` and `expectation_catalogue()` stay cheap for the CLI.
"""

from __future__ import annotations

import logging
import os
import time
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from string import Formatter
from typing import Any, Sequence

from expectations.findings_spool import FINDING_KEYS, FindingsSpool  # noqa: F401 (re-exported)
from expectations.duckdb_fix import (
    ensure_duckdb_persisted_connection,
    release,
    rollback_after_failed_statement,
)
from expectations.rule import REQUIRED_COLUMNS, RuleCheck, Suite
from expectations.sql import SCHEMA
from expectations.suites import SUITES, all_checks

logger = logging.getLogger(__name__)

# Failing rows are fetched and turned into findings this many at a time.
FETCH_BATCH_ROWS = 20_000
RESULT_KEYS = (
    "suite",
    "expectation",
    "rule_id",
    "severity",
    "success",
    "unexpected_count",
    "error",
)

DATASOURCE_NAME = "build_db"
DATA_DOCS_SITE = "jixiao_data_docs"
# Shown in a message where a returned column is NULL (a blank cell on the form).
BLANK_IN_MESSAGE = "空白"


@dataclass
class RuleOutcome:
    spool: FindingsSpool
    results: list[dict[str, Any]] = field(default_factory=list)
    data_docs_index: Path | None = None
    data_docs_error: str | None = None
    elapsed_seconds: float = 0.0

    @property
    def findings_file(self) -> Path:
        return self.spool.path

    @property
    def finding_counts(self) -> Counter[tuple[str, str]]:
        return self.spool.counts

    @property
    def findings(self) -> list[dict[str, Any]]:
        return sorted(self.spool.read(), key=_finding_order)

    @property
    def errors(self) -> list[dict[str, Any]]:
        """Expectations that could not be evaluated: their rules were NOT checked."""
        return [result for result in self.results if result["error"]]

    @property
    def ran_cleanly(self) -> bool:
        return not self.errors


def all_rule_ids() -> list[str]:
    """Every rules.md ID that at least one expectation checks."""
    return sorted({check.rule_id for _, check in all_checks()})


def expectation_catalogue() -> list[dict[str, str]]:
    """One row per expectation, for documentation."""
    return [
        {
            "suite": suite.name,
            "expectation": check.name,
            "rule_id": check.rule_id,
            "severity": check.severity,
            "description": check.description,
        }
        for suite, check in all_checks()
    ]


def run_rule_suites(
    build_db_path: str | os.PathLike,
    data_docs_dir: Path | None = None,
    *,
    findings_path: Path | None = None,
    memory_limit: str | None = None,
    suites: Sequence[Suite] | None = None,
    anchor_schema: str = SCHEMA,
) -> RuleOutcome:
    """Validate the current forms in `build_db_path` (read-only) against every rule suite.

    Findings are written to `findings_path` (Parquet; a temporary file when None) as they are
    produced, so memory does not grow with their number. `memory_limit` caps DuckDB's buffer
    pool (its default is 80 % of the machine; at 1,000,000 forms this step reached 2.9 GB).
    Never raises for a failing rule or a broken expectation: an expectation that could not
    run is returned in `results` with `error` set (see `RuleOutcome.errors`). The DuckDB file
    is released before returning, so the caller may open it for writing straight away.
    `suites` replaces the rule suites (tests only). `anchor_schema` is where each suite's anchor
    table is read (a schema of views over fewer forms: orchestration/quality/scope.py); the tables
    the rules join are always read from `intermediate`.
    """
    started = time.perf_counter()
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    suites = tuple(SUITES if suites is None else suites)
    run = _ValidationRun(FindingsSpool(findings_path), anchor_schema)
    setup_error: str | None = None
    try:
        run.open(Path(build_db_path), memory_limit)
        for suite in suites:
            run.validate(suite)
        if data_docs_dir is not None:
            run.build_data_docs(Path(data_docs_dir))
    except Exception as exc:  # GX or the data source could not start: unevaluated checks error below
        logger.exception("rule suites could not run")
        setup_error = f"validation did not run: {_describe(exc)}"
    finally:
        run.close()
        run.outcome.spool.close()

    outcome = run.outcome
    checks = [(suite, check) for suite in suites for check in suite.checks]
    for suite, check in checks:  # a check without a result was not evaluated
        if check.name not in run.results:
            run.record(suite, check, error=setup_error or "no validation result returned")
    outcome.results = [run.results[check.name] for _, check in checks]
    outcome.elapsed_seconds = time.perf_counter() - started
    return outcome


def _finding_order(finding: dict[str, Any]):
    return (
        finding["form_id"] or "",
        finding["line"] or 0,
        finding["rule_id"],
        finding["subject"],
        finding["expectation"],
    )


class _ValidationRun:
    """One ephemeral GX context with one read-only SQL data source on the build database."""

    def __init__(self, spool: FindingsSpool, anchor_schema: str) -> None:
        self.outcome = RuleOutcome(spool)
        self.anchor_schema = anchor_schema
        self.results: dict[str, dict[str, Any]] = {}
        self._gx = None
        self._context = None
        self._datasource = None
        self._batches: dict[str, Any] = {}  # anchor table -> whole-table batch definition
        self._run_id = None

    def open(self, db_path: Path, memory_limit: str | None) -> None:
        import great_expectations as gx
        from great_expectations.core.run_identifier import RunIdentifier
        from great_expectations.data_context.types.base import ProgressBarsConfig

        self._gx = gx
        ensure_duckdb_persisted_connection()  # before the data source creates its engine
        self._context = gx.get_context(mode="ephemeral")
        self._context.variables.progress_bars = ProgressBarsConfig(globally=False)
        self._datasource = self._context.data_sources.add_sql(
            name=DATASOURCE_NAME, connection_string=_read_only_url(db_path, memory_limit)
        )
        rollback_after_failed_statement(self._datasource.get_execution_engine().engine)
        self._run_id = RunIdentifier(run_name="jixiao_rules")

    def close(self) -> None:
        if self._datasource is not None:
            release(self._datasource)

    def validate(self, suite: Suite) -> None:
        """Validate one suite; a suite that cannot run marks all its expectations as errors."""
        gx = self._gx
        try:
            gx_suite = self._context.suites.add(
                gx.ExpectationSuite(name=suite.name, expectations=[c.to_gx() for c in suite.checks])
            )
            validation = self._context.validation_definitions.add(
                gx.ValidationDefinition(
                    name=suite.name, data=self._batch(suite.table), suite=gx_suite
                )
            )
            suite_result = validation.run(result_format="COMPLETE", run_id=self._run_id)
        except Exception as exc:
            logger.exception("suite %s could not run", suite.name)
            for check in suite.checks:
                self.record(suite, check, error=f"suite {suite.name} did not run: {_describe(exc)}")
            return
        for expectation_result in suite_result.results:
            meta = expectation_result.expectation_config.meta or {}
            self._collect(suite, suite.check_named(meta["expectation_name"]), expectation_result)

    def _batch(self, table_name: str):
        if table_name not in self._batches:
            with warnings.catch_warnings():
                # GX 1.14+ deprecates schema_name in favour of a schema in the connection
                # string, which DuckDB URLs cannot carry; it still works in the pinned 1.24.
                warnings.simplefilter("ignore", DeprecationWarning)
                asset = self._datasource.add_table_asset(
                    name=table_name, table_name=table_name, schema_name=self.anchor_schema
                )
            self._batches[table_name] = asset.add_batch_definition_whole_table(
                name=f"{table_name}_whole_table"
            )
        return self._batches[table_name]

    def _collect(self, suite: Suite, check: RuleCheck, expectation_result) -> None:
        error = _raised(expectation_result)
        if error is not None:
            self.record(suite, check, error=error)
            return
        result = expectation_result.result or {}
        count = result.get("observed_value")
        if not isinstance(count, int):
            self.record(suite, check, error="no unexpected-row count returned")
            return
        rows = list((result.get("details") or {}).get("unexpected_rows") or [])
        # GX returns at most 200 rows (MAX_RESULT_RECORDS); every failing row is a finding
        # that can quarantine a form, so beyond that they are fetched with the same query.
        batches = iter([rows]) if len(rows) >= count else self._fetch_all_rows(suite, check)
        message_error = None
        try:
            for batch in batches:
                missing = [c for c in REQUIRED_COLUMNS if batch and c not in batch[0]]
                if missing:
                    self.record(suite, check, count=count,
                                error=f"query returns no column {', '.join(missing)}")
                    return
                findings, batch_error = _findings(suite, check, batch)
                message_error = message_error or batch_error
                self.outcome.spool.write(findings)
        except Exception as exc:
            self.record(suite, check, count=count, error=f"could not fetch all rows: {_describe(exc)}")
            return
        self.record(suite, check, count=count, success=count == 0, error=message_error)

    def _fetch_all_rows(self, suite: Suite, check: RuleCheck):
        """The query's failing rows in batches of FETCH_BATCH_ROWS dicts."""
        import sqlalchemy as sa

        query = check.sql.format(batch=f"{self.anchor_schema}.{suite.table}")
        cursor = self._datasource.get_execution_engine().execute_query(sa.text(query))
        while batch := cursor.fetchmany(FETCH_BATCH_ROWS):
            yield [row._asdict() for row in batch]

    def record(self, suite: Suite, check: RuleCheck, *, count=None, success=False, error=None) -> None:
        self.results[check.name] = {
            "suite": suite.name,
            "expectation": check.name,
            "rule_id": check.rule_id,
            "severity": check.severity,
            "success": bool(success) and error is None,
            "unexpected_count": count,
            "error": error,
        }

    def build_data_docs(self, data_docs_dir: Path) -> None:
        """Engineers' view of the suites and results (auditors get a report of their own)."""
        try:
            data_docs_dir.mkdir(parents=True, exist_ok=True)
            # The ephemeral context already owns "local_site"; ours writes into the home.
            self._context.add_data_docs_site(
                site_name=DATA_DOCS_SITE,
                site_config={
                    "class_name": "SiteBuilder",
                    "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
                    "store_backend": {
                        "class_name": "TupleFilesystemStoreBackend",
                        "base_directory": str(data_docs_dir.resolve()),
                    },
                },
            )
            self._context.build_data_docs(site_names=[DATA_DOCS_SITE])
            self.outcome.data_docs_index = data_docs_dir.resolve() / "index.html"
        except Exception as exc:
            logger.exception("Data Docs were not built")
            self.outcome.data_docs_error = _describe(exc)


def _read_only_url(db_path: Path, memory_limit: str | None) -> str:
    # read_only: validation never writes, and other readers are not locked out meanwhile.
    url = f"duckdb:///{db_path.resolve()}?access_mode=read_only"
    return url if memory_limit is None else f"{url}&memory_limit={memory_limit}"


def _findings(suite: Suite, check: RuleCheck, rows) -> tuple[list[dict[str, Any]], str | None]:
    findings, message_error = [], None
    for row in rows:
        values = dict(row)
        try:
            message = _format_message(check.message_zh, values)
        except (KeyError, IndexError, ValueError) as exc:
            # Keep the finding (it may quarantine the form); report the broken template.
            message = check.message_zh
            message_error = f"message_zh could not be formatted: {_describe(exc)}"
        findings.append(
            {
                "form_id": values.get("form_id"),
                "rule_id": check.rule_id,
                "severity": check.severity,
                "subject": _as_text(values.get("subject")) or "",
                "reported": _as_text(values.get("reported")),
                "expected": _as_text(values.get("expected")),
                "message": message,
                "line": int(values["line"]) if values.get("line") is not None else None,
                "suite": suite.name,
                "expectation": check.name,
            }
        )
    return findings, message_error


def _format_message(template: str, values: dict[str, Any]) -> str:
    fields = [name for _, name, _, _ in Formatter().parse(template) if name]
    shown = {
        name: BLANK_IN_MESSAGE if values[name] is None else _as_text(values[name])
        for name in fields
    }
    return template.format(**shown)


def _as_text(value: Any) -> str | None:
    return None if value is None else str(value)


def _raised(expectation_result) -> str | None:
    """The exception message GX caught while evaluating an expectation, if any."""
    info = expectation_result.exception_info or {}
    if info.get("raised_exception"):
        return info.get("exception_message") or "expectation raised an exception"
    messages = [
        value.get("exception_message") or "metric raised an exception"
        for value in info.values()
        if isinstance(value, dict) and value.get("raised_exception")
    ]
    return "; ".join(dict.fromkeys(messages)) or None


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"
