"""deploy/dagster.postgres.yaml, as shipped, keeps Dagster's runs in the local PostgreSQL server."""

from __future__ import annotations

import shutil

import dagster as dg
import psycopg

from tests.conftest import REPO

ADMIN_DSN = "postgresql://postgres@127.0.0.1:5432/postgres"
DATABASE = "jixiao_dagster_storage_test"


@dg.op
def say_hello() -> str:
    return "你好"


@dg.job
def storage_probe():
    say_hello()


def _recreate_database() -> None:
    with psycopg.connect(ADMIN_DSN, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")


def test_runs_are_stored_in_postgres(tmp_path, monkeypatch):
    _recreate_database()
    shutil.copy(REPO / "deploy" / "dagster.postgres.yaml", tmp_path / "dagster.yaml")
    monkeypatch.setenv("JIXIAO_DAGSTER_PG_URL", f"postgresql+psycopg2://postgres@127.0.0.1:5432/{DATABASE}")
    with dg.DagsterInstance.from_config(str(tmp_path)) as instance:
        assert type(instance.run_storage).__name__ == "PostgresRunStorage"
        result = storage_probe.execute_in_process(instance=instance)
        assert result.success
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{DATABASE}") as connection:
        stored = connection.execute("SELECT run_id, pipeline_name, status FROM runs").fetchall()
    assert stored == [(result.run_id, "storage_probe", "SUCCESS")]
