"""`jixiao publish --postgres DSN [--home DIR]`: copy the current published state to PostgreSQL."""

from __future__ import annotations

import os
import sys


def run(arguments) -> int:
    from orchestration.home import HomeLayout, resolve_home
    from orchestration.published import NothingPublished, open_published
    from orchestration.publish.postgres import publish_to_postgres

    layout = HomeLayout(resolve_home(arguments.home))
    dsn = arguments.postgres or os.environ.get("JIXIAO_POSTGRES_DSN")
    if not dsn:
        print("error: no PostgreSQL DSN: pass --postgres DSN or set JIXIAO_POSTGRES_DSN", file=sys.stderr)
        return 2
    try:
        with open_published(layout.published_db):
            pass
        copied = publish_to_postgres(layout.published_db, dsn, schema=arguments.schema)
    except NothingPublished as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # the transaction rolled back: PostgreSQL is as it was
        print(f"error: publishing to PostgreSQL failed, nothing changed there: {error}", file=sys.stderr)
        return 1
    print(f"published {len(copied)} tables ({sum(copied.values())} rows) to schema {arguments.schema}")
    return 0
