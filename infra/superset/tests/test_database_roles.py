"""database_roles.py against a real PostgreSQL whose owner is, as on RDS, not a superuser.

A throwaway cluster from Debian's initdb/pg_ctl (the newest major version installed, or
DELAYWATCH_PG_BIN), password authentication on a loopback port; the owner role `delaywatch` has
CREATEROLE and CREATEDB only, like the RDS master user.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg2
import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "database_roles.py"
PASSWORDS = {
    "SUPERSET_DB_PASSWORD": "metadata-1",
    "DELAYWATCH_READER_PASSWORD": "reader-1",
    "DELAYWATCH_API_PASSWORD": "api-1",
}


def pg_bin() -> Path:
    if os.environ.get("DELAYWATCH_PG_BIN"):
        return Path(os.environ["DELAYWATCH_PG_BIN"])
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    if not found:
        pytest.fail(
            "no PostgreSQL server binaries: apt-get install postgresql (or set DELAYWATCH_PG_BIN)"
        )
    return Path(found[-1]).parent


@pytest.fixture(scope="module")
def server():
    root = Path(tempfile.mkdtemp(prefix="delaywatch-roles-"))
    as_server_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_server_user:
        shutil.chown(root, "postgres")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    (root / "pw").write_text("admin-pw\n")
    if as_server_user:
        shutil.chown(root / "pw", "postgres")
    bin_dir = pg_bin()
    subprocess.run([*as_server_user, str(bin_dir / "initdb"), "-D", str(root / "data"), "-U", "postgres",
                    "--auth=scram-sha-256", f"--pwfile={root / 'pw'}", "--no-sync"],
                   check=True, capture_output=True, timeout=120)  # fmt: skip
    subprocess.run([*as_server_user, str(bin_dir / "pg_ctl"), "-D", str(root / "data"), "-w", "-l",
                    str(root / "server.log"), "-o", f"-p {port} -k {root} -c listen_addresses=127.0.0.1",
                    "start"], check=True, capture_output=True, timeout=120)  # fmt: skip
    admin = psycopg2.connect(
        host="127.0.0.1", port=port, user="postgres", password="admin-pw", dbname="postgres"
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("CREATE ROLE delaywatch LOGIN CREATEROLE CREATEDB PASSWORD 'owner-pw'")
        cursor.execute("CREATE DATABASE delaywatch OWNER delaywatch")
    admin.close()
    yield port
    subprocess.run([*as_server_user, str(bin_dir / "pg_ctl"), "-D", str(root / "data"), "-m", "immediate", "stop"],
                   check=False, capture_output=True, timeout=60)  # fmt: skip
    shutil.rmtree(root, ignore_errors=True)


def connect(port: int, user: str, password: str, dbname: str = "delaywatch"):
    connection = psycopg2.connect(
        host="127.0.0.1", port=port, user=user, password=password, dbname=dbname
    )
    connection.autocommit = True
    return connection


def run_roles(port: int, **overrides: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ["PATH"],
        "PGHOST": "127.0.0.1",
        "PGPORT": str(port),
        "PGDATABASE": "delaywatch",
        "PGUSER": "delaywatch",
        "PGPASSWORD": "owner-pw",
        **PASSWORDS,
        **overrides,
    }
    return subprocess.run(
        [sys.executable, str(SCRIPT)], env=env, capture_output=True, text=True, timeout=60
    )


def test_roles_are_created_read_only_and_a_rerun_converges(server):
    owner = connect(server, "delaywatch", "owner-pw")
    with owner.cursor() as cursor:
        cursor.execute("CREATE TABLE airport_daily_summary (airport text, flights int)")
        cursor.execute("INSERT INTO airport_daily_summary VALUES ('JFK', 1000)")

    first = run_roles(server)
    assert first.returncode == 0, first.stderr
    assert "owner-pw" not in first.stdout + first.stderr
    second = run_roles(server, DELAYWATCH_API_PASSWORD="api-2")
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == (
        "database_roles: roles superset, delaywatch_reader, delaywatch_api and database superset ready"
    )

    # A table the load task's migrations add later is readable too (default privileges).
    with owner.cursor() as cursor:
        cursor.execute(
            "CREATE VIEW airport_year_anomalies AS SELECT airport FROM airport_daily_summary"
        )
    for role, password in (("delaywatch_reader", "reader-1"), ("delaywatch_api", "api-2")):
        reader = connect(server, role, password)
        with reader.cursor() as cursor:
            cursor.execute("SELECT flights FROM airport_daily_summary")
            assert cursor.fetchall() == [(1000,)]
            cursor.execute("SELECT airport FROM airport_year_anomalies")
            assert cursor.fetchall() == [("JFK",)]
            with pytest.raises(psycopg2.errors.ReadOnlySqlTransaction):
                cursor.execute("DELETE FROM airport_daily_summary")
        reader.close()
    with pytest.raises(psycopg2.OperationalError, match="password authentication failed"):
        connect(server, "delaywatch_api", "api-1")

    metadata = connect(server, "superset", "metadata-1", dbname="superset")
    with metadata.cursor() as cursor:
        cursor.execute("CREATE TABLE ab_user (id int)")
        cursor.execute("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'superset'")
        assert cursor.fetchone() == ("superset",)
    metadata.close()
    with pytest.raises(psycopg2.OperationalError, match="permission denied for database"):
        connect(server, "delaywatch_reader", "reader-1", dbname="superset")
    owner.close()


def test_a_missing_password_exits_two_naming_it(server):
    result = run_roles(server, DELAYWATCH_READER_PASSWORD="")

    assert result.returncode == 2
    assert result.stderr.strip() == "database_roles: set DELAYWATCH_READER_PASSWORD"


def test_a_wrong_owner_password_exits_one_with_postgresqls_reason(server):
    result = run_roles(server, PGPASSWORD="wrong")

    assert result.returncode == 1
    assert result.stderr.startswith("database_roles: cannot connect: ")
    assert 'password authentication failed for user "delaywatch"' in result.stderr
