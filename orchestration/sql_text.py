"""Text spliced into SQL: one quoting rule for every module that writes statements."""

from __future__ import annotations


def sql_literal(text: str) -> str:
    """A single-quoted SQL string literal of `text` (quotes doubled), as DuckDB and PostgreSQL read it."""
    return "'" + text.replace("'", "''") + "'"
