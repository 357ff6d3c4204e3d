"""Creates or updates the PostgreSQL roles and databases the serving stack needs, as the owner.

    python database_roles.py

The AWS counterpart of compose/postgres/init-databases.sh: the first container of the Superset task
on ECS runs it before ``init.sh``, connected (libpq's PG* variables) as the database owner, the
RDS master user ``delaywatch``. Idempotent: each run sets the passwords from the environment again,
so a rerun after a secret changed converges.

  superset           LOGIN, owner of database superset (Superset's metadata); nobody else may
                     connect to that database
  delaywatch_reader  LOGIN, read-only on database delaywatch: the dashboard's connection
  delaywatch_api     LOGIN, read-only on database delaywatch: the API's connection

Read-only means SELECT on every table and view of schema public, now and (default privileges)
whatever load's migrations create later, and read-only transactions by default.

Environment:
  PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGSSLMODE   the owner's connection (libpq)
  DELAYWATCH_OWNER_ROLE        the role that owns the results' tables (default: PGUSER)
  SUPERSET_DB_PASSWORD         password of role superset
  DELAYWATCH_READER_PASSWORD   password of role delaywatch_reader
  DELAYWATCH_API_PASSWORD      password of role delaywatch_api

Exits 0 when done; 2 when a variable is missing; 1 with PostgreSQL's message otherwise. Passwords
are sent as SQL literals of an ALTER ROLE, never printed.
"""

from __future__ import annotations

import os
import sys

import psycopg2
from psycopg2 import sql

METADATA = "superset"
READERS = {
    "delaywatch_reader": "DELAYWATCH_READER_PASSWORD",
    "delaywatch_api": "DELAYWATCH_API_PASSWORD",
}
PASSWORDS = {METADATA: "SUPERSET_DB_PASSWORD", **READERS}


def ensure_login(cursor, role: str, password: str) -> None:
    """The role exists, may log in, and has ``password``."""
    cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
    verb = "ALTER" if cursor.fetchone() else "CREATE"
    cursor.execute(
        sql.SQL(verb + " ROLE {} WITH LOGIN PASSWORD {}").format(
            sql.Identifier(role), sql.Literal(password)
        )
    )


def ensure_metadata_database(cursor, owner: str) -> None:
    """Database superset exists, owned by role superset, closed to every other role."""
    # The owner (not a superuser on RDS) must be able to SET ROLE superset to give it a database;
    # PostgreSQL 16 no longer grants that to a role's creator by default.
    cursor.execute(
        sql.SQL("GRANT {} TO {}").format(sql.Identifier(METADATA), sql.Identifier(owner))
    )
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (METADATA,))
    if not cursor.fetchone():
        cursor.execute(
            sql.SQL("CREATE DATABASE {} OWNER {}").format(
                sql.Identifier(METADATA), sql.Identifier(METADATA)
            )
        )
    cursor.execute(
        sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(sql.Identifier(METADATA))
    )


def grant_read_only(cursor, role: str, database: str, owner: str) -> None:
    """``role`` may read every table and view of schema public, and change nothing."""
    name = sql.Identifier(role)
    cursor.execute(
        sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), name)
    )
    cursor.execute(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(name))
    cursor.execute(sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA public TO {}").format(name))
    # load's migrations create tables and views later, as the owner: grant those ahead.
    cursor.execute(
        sql.SQL(
            "ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA public GRANT SELECT ON TABLES TO {}"
        ).format(sql.Identifier(owner), name)
    )
    cursor.execute(sql.SQL("ALTER ROLE {} SET default_transaction_read_only = on").format(name))


def main() -> int:
    missing = [v for v in ("PGUSER", "PGDATABASE", *PASSWORDS.values()) if not os.environ.get(v)]
    if missing:
        print(f"database_roles: set {', '.join(missing)}", file=sys.stderr)
        return 2
    owner = os.environ.get("DELAYWATCH_OWNER_ROLE") or os.environ["PGUSER"]
    database = os.environ["PGDATABASE"]
    try:
        connection = psycopg2.connect("")
    except psycopg2.Error as error:
        print(f"database_roles: cannot connect: {error}".rstrip(), file=sys.stderr)
        return 1
    # CREATE DATABASE refuses to run inside a transaction block.
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            for role, variable in PASSWORDS.items():
                ensure_login(cursor, role, os.environ[variable])
            ensure_metadata_database(cursor, owner)
            for role in READERS:
                grant_read_only(cursor, role, database, owner)
    except psycopg2.Error as error:
        print(f"database_roles: {error}".rstrip(), file=sys.stderr)
        return 1
    finally:
        connection.close()
    print(f"database_roles: roles {', '.join(PASSWORDS)} and database {METADATA} ready")
    return 0


if __name__ == "__main__":
    sys.exit(main())
