"""One memory budget for every DuckDB connection of a load.

DuckDB's buffer pool takes up to 80 % of the machine's memory unless told otherwise; at 1,000,000
forms the publication and report connections grew the load to 5.7 GB. Every connection that
scans or writes whole tables sets this limit (DuckDB spills to disk beyond it): the landing, the
publication, the Parquet copy, the reports; dbt's own connection reads the same variable
(dbt_project/profiles.yml).
"""

import os
import re

MEMORY_LIMIT_ENV = "JIXIAO_DUCKDB_MEMORY_LIMIT"
DEFAULT_MEMORY_LIMIT = "1GB"


def memory_limit() -> str:
    return os.environ.get(MEMORY_LIMIT_ENV, DEFAULT_MEMORY_LIMIT)


_SIZE = re.compile(r"^\s*([0-9.]+)\s*([KMGT]i?B)\s*$", re.IGNORECASE)


def limit_memory(connection, share: float = 1.0) -> None:
    """Cap the connection at the load's limit, or at `share` of it (the landing shares the budget with
    its parse workers)."""
    limit = memory_limit()
    match = _SIZE.match(limit)
    if share != 1.0 and match:
        limit = f"{float(match.group(1)) * share:g}{match.group(2)}"
    connection.execute(f"SET memory_limit = '{limit}'")
