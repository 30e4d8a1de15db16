"""Copy the published warehouse into a PostgreSQL schema, in one transaction.

Readers see the old tables or the new ones, never a mix: PostgreSQL DDL is transactional. The role
`jixiao_analyst` may read the schema and nothing else.

Rows never pass through Python objects: DuckDB writes each table as CSV (NULL unquoted-empty, empty
text quoted, as PostgreSQL's CSV format reads them) into a scratch file beside the published file,
and its bytes are streamed into `COPY … FROM STDIN (FORMAT csv)`.
"""

from __future__ import annotations

import re
import shutil
import tempfile
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
    scratch = Path(tempfile.mkdtemp(prefix=".postgres-", dir=Path(published_db).parent))
    try:
        with duckdb.connect(str(published_db), read_only=True) as source, psycopg.connect(dsn) as target:
            source.execute("SET enable_progress_bar = false")
            catalog = _read_catalog(source)
            with target.transaction(), target.cursor() as cursor:
                cursor.execute(f"DROP SCHEMA IF EXISTS {quoted_schema} CASCADE")
                cursor.execute(f"CREATE SCHEMA {quoted_schema}")
                for table in catalog:
                    counts[table["name"]] = _copy_table(source, cursor, quoted_schema, table, scratch)
                _grant_analyst(cursor, quoted_schema)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return counts


def _copy_table(source, cursor, quoted_schema: str, table: dict, scratch: Path) -> int:
    from psycopg import sql

    relation = f"{quoted_schema}.{_identifier(table['name'])}"
    column_ddl = ", ".join(f"{_identifier(name)} {postgres_type(dtype)}" for name, dtype, _ in table["columns"])
    cursor.execute(f"CREATE TABLE {relation} ({column_ddl})")
    names = ", ".join(_identifier(name) for name, _, _ in table["columns"])
    csv_file = scratch / f"{table['name']}.csv"
    # Columns PostgreSQL keeps as text (lists, structs…) are written in DuckDB's text form.
    columns = ", ".join(
        _identifier(name) if dtype in _SIMPLE_TYPES or dtype.startswith("DECIMAL")
        else f"CAST({_identifier(name)} AS VARCHAR) AS {_identifier(name)}"
        for name, dtype, _ in table["columns"])
    copied = source.execute(
        f"COPY (SELECT {columns} FROM main.{_identifier(table['name'])}) TO '{str(csv_file).replace(chr(39), chr(39) * 2)}' "
        "(FORMAT csv, HEADER false)").fetchone()[0]
    with cursor.copy(f"COPY {relation} ({names}) FROM STDIN (FORMAT csv)") as copy, open(csv_file, "rb") as handle:
        while chunk := handle.read(1 << 20):
            copy.write(chunk)
    csv_file.unlink()
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
