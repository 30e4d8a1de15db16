"""Copy the published warehouse into a PostgreSQL schema, in one transaction.

Readers see the old tables or the new ones, never a mix: PostgreSQL DDL is transactional. The role
`jixiao_analyst` may read the schema and nothing else.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

ANALYST_ROLE = "jixiao_analyst"
DEFAULT_SCHEMA = "jixiao"

_SIMPLE_TYPES = {
    "VARCHAR": "text", "INTEGER": "integer", "BIGINT": "bigint", "SMALLINT": "smallint", "TINYINT": "smallint",
    "HUGEINT": "numeric(38,0)", "DOUBLE": "double precision", "FLOAT": "real", "BOOLEAN": "boolean",
    "DATE": "date", "TIMESTAMP": "timestamp", "TIMESTAMP WITH TIME ZONE": "timestamptz", "UUID": "uuid",
}
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


def postgres_type(duckdb_type: str) -> str:
    if duckdb_type in _SIMPLE_TYPES:
        return _SIMPLE_TYPES[duckdb_type]
    if duckdb_type.startswith("DECIMAL"):
        return duckdb_type.replace("DECIMAL", "numeric")
    return "text"


def _identifier(name: str) -> str:
    if not _IDENTIFIER.match(name):
        raise ValueError(f"unexpected identifier {name!r}")
    return f'"{name}"'


def _read_catalog(connection: duckdb.DuckDBPyConnection) -> list[dict]:
    tables = connection.execute(
        "SELECT table_name, comment FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY table_name").fetchall()
    catalog = []
    for name, comment in tables:
        columns = connection.execute(
            "SELECT column_name, data_type, comment FROM duckdb_columns() "
            "WHERE schema_name = 'main' AND table_name = ? ORDER BY column_index", [name]).fetchall()
        catalog.append({"name": name, "comment": comment, "columns": columns})
    return catalog


def publish_to_postgres(published_db: Path, dsn: str, schema: str = DEFAULT_SCHEMA) -> dict[str, int]:
    import psycopg

    quoted_schema = _identifier(schema)
    counts: dict[str, int] = {}
    with duckdb.connect(str(published_db), read_only=True) as source, psycopg.connect(dsn) as target:
        catalog = _read_catalog(source)
        with target.transaction(), target.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {quoted_schema} CASCADE")
            cursor.execute(f"CREATE SCHEMA {quoted_schema}")
            for table in catalog:
                counts[table["name"]] = _copy_table(source, cursor, quoted_schema, table)
            _grant_analyst(cursor, quoted_schema)
    return counts


def _copy_table(source, cursor, quoted_schema: str, table: dict) -> int:
    from psycopg import sql

    relation = f"{quoted_schema}.{_identifier(table['name'])}"
    column_ddl = ", ".join(f"{_identifier(name)} {postgres_type(dtype)}" for name, dtype, _ in table["columns"])
    cursor.execute(f"CREATE TABLE {relation} ({column_ddl})")
    names = ", ".join(_identifier(name) for name, _, _ in table["columns"])
    result = source.execute(f"SELECT * FROM main.{_identifier(table['name'])}")
    copied = 0
    with cursor.copy(f"COPY {relation} ({names}) FROM STDIN") as copy:
        while batch := result.fetchmany(10_000):
            for row in batch:
                copy.write_row(row)
            copied += len(batch)
    # COMMENT takes no bind parameters: quote the text as a literal on the client.
    if table["comment"]:
        cursor.execute(sql.SQL(f"COMMENT ON TABLE {relation} IS {{}}").format(sql.Literal(table["comment"])))
    for name, _, comment in table["columns"]:
        if comment:
            cursor.execute(sql.SQL(f"COMMENT ON COLUMN {relation}.{_identifier(name)} IS {{}}").format(
                sql.Literal(comment)))
    return copied


def _grant_analyst(cursor, quoted_schema: str) -> None:
    cursor.execute(f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{ANALYST_ROLE}') "
                   f"THEN CREATE ROLE {ANALYST_ROLE} NOLOGIN; END IF; END $$")
    cursor.execute(f"REVOKE ALL ON SCHEMA {quoted_schema} FROM PUBLIC")
    cursor.execute(f"GRANT USAGE ON SCHEMA {quoted_schema} TO {ANALYST_ROLE}")
    cursor.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA {quoted_schema} TO {ANALYST_ROLE}")
