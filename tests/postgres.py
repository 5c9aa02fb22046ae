"""PostgreSQL for the tests: a database of this run's own, a fresh schema for each test.

The server is `JIANFU_TEST_PG` (default: the local one, `postgresql://postgres@127.0.0.1:5432/
postgres`; `.ci/run` makes sure it runs). Several test runs share the server, so each run
creates its own database `jianfu_test_<pid>_<random>` and drops it at the end; each test gets
a schema of its own in it (a URL whose `search_path` is that schema), so nothing a test
writes is seen by another.

Unreachable server: under CI (CI=true) the PostgreSQL tests fail; elsewhere they are skipped
with the reason.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from urllib.parse import quote, urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql

SERVER = os.environ.get("JIANFU_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def with_schema(url: str, schema: str) -> str:
    """`url` whose sessions use `schema` (created by the caller) for every table."""
    options = quote(f"-csearch_path={schema}")
    return urlunsplit(urlsplit(url)._replace(query=f"options={options}"))


def unreachable(reason: str) -> None:
    message = f"PostgreSQL at {SERVER} is not reachable: {reason}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message} (CI=true: the PostgreSQL tests must run; .ci/run starts it)")
    pytest.skip(f"{message} (set JIANFU_TEST_PG, or start the server)")


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """This run's own database on the server (its URL); dropped at the end of the run."""
    name = f"jianfu_test_{os.getpid()}_{secrets.token_hex(4)}"
    try:
        admin = psycopg.connect(SERVER, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        unreachable(str(exc).strip().splitlines()[0])
    with admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            yield with_database(SERVER, name)
        finally:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def fresh_schema(database: str) -> str:
    """A new empty schema in `database`; the URL whose tables live there."""
    schema = f"t_{secrets.token_hex(6)}"
    with psycopg.connect(database, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    return with_schema(database, schema)


@pytest.fixture
def pg_url(pg_database: str) -> str:
    """A PostgreSQL URL with nothing in it yet, for this test alone."""
    return fresh_schema(pg_database)
