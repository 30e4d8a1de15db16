"""Publishing to the local PostgreSQL server (never a mock): schema, comments, analyst role,
and a failed load leaving the schema as it was."""

from __future__ import annotations

import re

import duckdb
import psycopg
import pytest

from tests.conftest import run_jixiao

DSN = "postgresql://postgres@127.0.0.1:5432/test"


def _all_forms_broken(seed_text: str) -> str:
    # Every 总分 off by 20 points: each form breaks R-TOT-01 (error).
    return re.sub(r"^\t(\d+\.\d\d)分$", lambda m: f"\t{float(m.group(1)) - 20:.2f}分", seed_text, flags=re.M)


@pytest.fixture(scope="module")
def postgres_home(tmp_path_factory, seed_file):
    with psycopg.connect(DSN, autocommit=True) as connection:
        connection.execute("DROP SCHEMA IF EXISTS jixiao CASCADE")
    home = tmp_path_factory.mktemp("pg_home")
    load = run_jixiao("load", str(seed_file), "--postgres", DSN, home=home, check=True)
    return {"home": home, "load": load}


def _pg_counts() -> dict[str, int]:
    with psycopg.connect(DSN) as connection:
        tables = [row[0] for row in connection.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'jixiao' ORDER BY 1")]
        return {table: connection.execute(f'SELECT count(*) FROM jixiao."{table}"').fetchone()[0]
                for table in tables}


def test_published_tables_are_in_schema_jixiao_with_comments(postgres_home):
    published = postgres_home["home"] / "published" / "jixiao.duckdb"
    with duckdb.connect(str(published), read_only=True) as connection:
        duck = {name: connection.execute(f"select count(*) from main.{name}").fetchone()[0]
                for (name,) in connection.execute("select table_name from duckdb_tables()").fetchall()}
    assert _pg_counts() == duck
    with psycopg.connect(DSN) as connection:
        comment = connection.execute(
            "SELECT obj_description('jixiao.fct_form_score'::regclass, 'pg_class')").fetchone()[0]
        column_comments = connection.execute(
            "SELECT count(*) FROM pg_description d JOIN pg_class c ON c.oid = d.objoid "
            "WHERE c.relname = 'fct_form_score' AND d.objsubid > 0").fetchone()[0]
    assert comment and column_comments > 5


@pytest.mark.parametrize("statement", [
    "INSERT INTO jixiao.dim_year (report_year) VALUES (1999)",
    "UPDATE jixiao.fct_form_score SET total_score = 0",
    "DELETE FROM jixiao.fct_form_score",
    "CREATE TABLE jixiao.analyst_scratch (x int)",
])
def test_analyst_role_can_select_and_nothing_else(postgres_home, statement):
    with psycopg.connect(DSN) as connection:
        connection.execute("SET ROLE jixiao_analyst")
        assert connection.execute("SELECT count(*) FROM jixiao.fct_form_score").fetchone()[0] == 5
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute(statement)


def test_a_load_that_fails_its_checks_leaves_postgres_as_it_was(postgres_home, seed_file, tmp_path):
    before = _pg_counts()
    published = postgres_home["home"] / "published" / "jixiao.duckdb"
    published_bytes = published.read_bytes()
    broken = tmp_path / "all_broken.txt"
    broken.write_text(_all_forms_broken(seed_file.read_text(encoding="utf-8")), encoding="utf-8")
    load = run_jixiao("load", str(broken), "--postgres", DSN, home=postgres_home["home"])
    assert load.returncode == 1, load.stdout + load.stderr
    assert "quarantine_share" in load.stdout and "unchanged" in load.stdout
    assert _pg_counts() == before
    assert published.read_bytes() == published_bytes


def _readme_examples() -> list[tuple[str, str]]:
    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sql\n(-- example \d+:[^\n]*)\n(.*?)```", readme, flags=re.S)
    return [(title, f"{title}\n{body}") for title, body in blocks]


def _normalised(rows) -> list[tuple]:
    from decimal import Decimal

    def value(v):
        if isinstance(v, (Decimal, float)):
            return Decimal(str(v)).quantize(Decimal("0.0001"))
        return v

    return [tuple(value(v) for v in row) for row in rows]


def test_readme_has_five_example_queries():
    assert len(_readme_examples()) == 5


@pytest.mark.parametrize("title,query", _readme_examples(), ids=lambda text: text[:14])
def test_readme_example_queries_agree_on_duckdb_and_postgres(postgres_home, title, query):
    published = postgres_home["home"] / "published" / "jixiao.duckdb"
    with duckdb.connect(str(published), read_only=True) as connection:
        on_duckdb = _normalised(connection.execute(query).fetchall())
    with psycopg.connect(DSN) as connection:
        connection.execute("SET search_path = jixiao")
        on_postgres = _normalised(connection.execute(query).fetchall())
    assert on_duckdb, f"{title}: no rows on the seed"
    assert on_duckdb == on_postgres


def test_publish_command_republishes_the_current_state(postgres_home):
    before = _pg_counts()
    with psycopg.connect(DSN, autocommit=True) as connection:
        connection.execute("DROP SCHEMA jixiao CASCADE")
    completed = run_jixiao("publish", "--postgres", DSN, home=postgres_home["home"], check=True)
    assert "to schema jixiao" in completed.stdout
    assert _pg_counts() == before


def test_publish_command_without_a_dsn_is_refused(tmp_path, monkeypatch):
    monkeypatch.delenv("JIXIAO_POSTGRES_DSN", raising=False)
    completed = run_jixiao("publish", home=tmp_path)
    assert completed.returncode == 2 and "JIXIAO_POSTGRES_DSN" in completed.stderr
