"""One memory budget for the load's DuckDB connections; the landing takes a share of it."""

import duckdb

from orchestration.duckdb_memory import MEMORY_LIMIT_ENV, limit_memory


def _limit(connection) -> str:
    return connection.execute("SELECT current_setting('memory_limit')").fetchone()[0]


def test_limit_and_share_follow_the_configured_budget(monkeypatch):
    monkeypatch.setenv(MEMORY_LIMIT_ENV, "800MB")
    with duckdb.connect() as connection:
        limit_memory(connection)
        whole = _limit(connection)
        limit_memory(connection, share=0.5)
        half = _limit(connection)
    assert whole == "762.9 MiB"  # 800 MB
    assert half == "381.4 MiB"   # 400 MB


def test_a_budget_in_another_notation_is_passed_through(monkeypatch):
    monkeypatch.setenv(MEMORY_LIMIT_ENV, "75%")
    with duckdb.connect() as connection:
        limit_memory(connection, share=0.5)  # cannot be halved: DuckDB reads it as given
        assert _limit(connection).endswith("iB")
