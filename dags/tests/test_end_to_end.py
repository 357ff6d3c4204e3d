"""The whole DAG run by Airflow (dag.test) with the local runner: the real ./delaywatch launcher,
a data lake in a temporary folder and a throwaway PostgreSQL cluster.

The launcher is part of the repository; when it is missing these tests fail. Set
DELAYWATCH_SKIP_E2E=1 to skip them explicitly, or DELAYWATCH_LAUNCHER to run another launcher.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pendulum
import pytest
from conftest import (
    DAG_ID,
    LAUNCHER_UNDER_TEST,
    SKIP_E2E,
    STEPS,
    airflow_2,
    forget_runs,
)

pytestmark = pytest.mark.e2e

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def launcher() -> Path:
    if SKIP_E2E:
        pytest.skip("DELAYWATCH_SKIP_E2E=1")
    return LAUNCHER_UNDER_TEST


def require(launcher: Path) -> None:
    """Fail, not skip: a missing launcher is a broken build, not an optional extra."""
    if not (launcher.is_file() and os.access(launcher, os.X_OK)):
        pytest.fail(
            f"{launcher} is missing or not executable (set DELAYWATCH_SKIP_E2E=1 to skip end-to-end tests)"
        )


@dataclass(frozen=True)
class Postgres:
    port: int
    database: str = "delaywatch"
    user: str = "delaywatch"
    password: str = "delaywatch-e2e"
    host: str = "127.0.0.1"

    @property
    def jdbc_url(self) -> str:
        return f"jdbc:postgresql://{self.host}:{self.port}/{self.database}"

    def connect(self, database: str | None = None):
        import psycopg2

        return psycopg2.connect(
            host=self.host,
            port=self.port,
            dbname=database or self.database,
            user=self.user,
            password=self.password,
        )


@pytest.fixture(scope="module")
def postgres(launcher):
    """A throwaway PostgreSQL cluster on a free loopback port, started with Debian's initdb and pg_ctl."""
    bin_dirs = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda path: int(Path(path).parent.name)
    )
    pg_ctl = Path(bin_dirs[-1]) / "pg_ctl" if bin_dirs else shutil.which("pg_ctl")
    if not pg_ctl:
        pytest.fail("PostgreSQL server binaries not found (apt-get install postgresql)")
    bin_dir = Path(pg_ctl).parent
    root = Path(tempfile.mkdtemp(prefix="delaywatch-pg-"))
    server = Postgres(port=free_port())
    (root / "password").write_text(server.password)
    # PostgreSQL refuses to run as root: run it as the postgres user then.
    as_server_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_server_user:
        shutil.chown(root, "postgres")
        shutil.chown(root / "password", "postgres")
    data = root / "data"

    def run(*command: str) -> None:
        subprocess.run(
            [*as_server_user, *command], check=True, stdout=subprocess.DEVNULL, timeout=120
        )

    run(str(bin_dir / "initdb"), "-D", str(data), "-U", server.user, f"--pwfile={root / 'password'}",
        "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C", "--no-sync")  # fmt: skip
    run(str(pg_ctl), "-D", str(data), "-l", str(root / "server.log"), "-w", "-o",
        f"-p {server.port} -k {root} -c listen_addresses={server.host} -c fsync=off", "start")  # fmt: skip
    try:
        with closing(server.connect("postgres")) as connection:
            connection.autocommit = True
            connection.cursor().execute(f"CREATE DATABASE {server.database}")
        yield server
    finally:
        run(str(pg_ctl), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(root, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_year(dag, year: int):
    """dag.test for the year's logical date, run after the year as the scheduler would; a second
    call reruns the same dag run."""
    if airflow_2():
        return dag.test(execution_date=pendulum.datetime(year, 1, 1, tz="UTC"))
    return dag.test(
        logical_date=pendulum.datetime(year, 1, 1, tz="UTC"),
        run_after=pendulum.datetime(year + 1, 1, 1, tz="UTC"),
    )


def task_states(run) -> dict[str, str]:
    return {ti.task_id: ti.state for ti in run.get_task_instances()}


def summary_rows(server: Postgres) -> list[tuple]:
    """Every row of airport_daily_summary, without the load timestamps a rerun renews."""
    with closing(server.connect()) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'airport_daily_summary'"
            " AND data_type NOT LIKE 'timestamp%' ORDER BY ordinal_position"
        )
        columns = [name for (name,) in cursor.fetchall()]
        assert {"airport", "flight_date", "is_anomaly"} <= set(columns)
        cursor.execute(
            f"SELECT {', '.join(columns)} FROM airport_daily_summary ORDER BY airport, flight_date"
        )
        names = [description.name for description in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


@pytest.fixture
def clean_runs():
    forget_runs()
    yield
    forget_runs()


def test_a_year_reaches_the_database_and_the_charts_and_a_rerun_leaves_the_same_rows(
    launcher, postgres, load_dag, tmp_path, clean_runs
):
    require(launcher)
    lake = tmp_path / "lake"
    subprocess.run(
        [str(launcher), "generate", "--year", "2013", "--out", str(lake / "raw" / "flights"),
         "--airports", "5", "--rows", "20000", "--seed", "1"],
        check=True, timeout=600,
    )  # fmt: skip
    dag = load_dag(
        "local",
        DELAYWATCH_LAUNCHER=str(launcher),
        DELAYWATCH_WAREHOUSE=str(lake),
        DELAYWATCH_RETRIES="0",
        DELAYWATCH_JDBC_URL=postgres.jdbc_url,
        PGUSER=postgres.user,
        PGPASSWORD=postgres.password,
    )

    first = run_year(dag, 2013)
    rows = summary_rows(postgres)
    second = run_year(dag, 2013)

    assert task_states(first) == dict.fromkeys([*STEPS, "data_year"], "success")
    assert first.state == "success"
    airports = {row["airport"] for row in rows}
    assert len(airports) == 5
    assert {row["flight_date"].year for row in rows} == {2013}
    # plot writes each run into its own folder and keeps only the one the index points to.
    for airport in airports:
        (chart,) = (lake / "plots" / "2013").glob(f"run-*/{airport}/daily_flights.png")
        assert chart.read_bytes().startswith(PNG_SIGNATURE)
    assert task_states(second) == dict.fromkeys([*STEPS, "data_year"], "success")
    assert second.run_id == first.run_id
    assert summary_rows(postgres) == rows


def test_a_year_without_raw_file_is_skipped_and_the_run_does_not_fail(
    launcher, load_dag, tmp_path, clean_runs
):
    require(launcher)
    lake = tmp_path / "lake"
    lake.mkdir()
    dag = load_dag(
        "local",
        DELAYWATCH_LAUNCHER=str(launcher),
        DELAYWATCH_WAREHOUSE=str(lake),
        DELAYWATCH_RETRIES="0",
    )

    run = run_year(dag, 2011)

    assert task_states(run) == {**dict.fromkeys(STEPS, "skipped"), "data_year": "success"}
    assert run.state == "success"


def stand_in_launcher(tmp_path, missing_year: int) -> Path:
    """Answers like the tasks, at once: discover finds no raw file for missing_year."""
    script = tmp_path / "delaywatch"
    script.write_text(
        "#!/bin/sh\n"
        "step=$1; year=$5\n"
        f'if [ "$step" = discover ] && [ "$year" = {missing_year} ]; then\n'
        '  echo "$(date -u +%FT%TZ) WARN Discover - no raw file for $year" >&2; exit 99\n'
        "fi\n"
        # discover's manifest names the raw object's ETag, which download is given.
        'echo "{\\"task\\": \\"$step\\", \\"year\\": $year, \\"status\\": \\"done\\",'
        ' \\"details\\": {\\"etag\\": \\"e-$year\\"}}"\n'
    )
    script.chmod(0o755)
    return script


def backfill_states(years: range) -> dict[int, tuple[str, dict[str, str]]]:
    """Each year's run as the metadata database holds it: its state and its tasks' states."""
    from airflow.models.dagrun import DagRun
    from airflow.utils.session import create_session
    from sqlalchemy import select

    with create_session() as session:
        runs = session.scalars(select(DagRun).where(DagRun.dag_id == DAG_ID)).all()
        found = {
            (run.logical_date if not airflow_2() else run.execution_date).year: (
                run.state,
                {ti.task_id: ti.state for ti in run.get_task_instances(session=session)},
            )
            for run in runs
        }
    assert sorted(found) == list(years)
    return found


def test_backfill_across_a_year_without_raw_file_reaches_the_later_years(
    load_dag, tmp_path, clean_runs
):
    """Airflow 2: the CLI's backfill job, which deadlocked on a skipped year before data_year.
    Airflow 3: its scheduler runs backfills and has no such limit; the backfill's runs are
    created by its CLI and each run in-process with dag.test (a scheduler needs an API server)."""
    env = {
        **os.environ,
        "DELAYWATCH_RUNNER": "local",
        "DELAYWATCH_LAUNCHER": str(stand_in_launcher(tmp_path, missing_year=2011)),
        "DELAYWATCH_WAREHOUSE": str(tmp_path / "lake"),
        "DELAYWATCH_RETRIES": "0",
        # Airflow 2's executor starts each task as the command `airflow tasks run`: the one of
        # this interpreter's environment, whether or not that environment is activated.
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
    }
    years = range(2010, 2013)
    if airflow_2():
        subprocess.run(
            [sys.executable, "-m", "airflow", "dags", "backfill", DAG_ID,
             "--start-date", "2010-01-01", "--end-date", "2012-01-01"],
            check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600,
        )  # fmt: skip
    else:
        subprocess.run(
            [sys.executable, "-m", "airflow", "dags", "reserialize"],
            check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300,
        )  # fmt: skip
        created = subprocess.run(
            [sys.executable, "-m", "airflow", "backfill", "create", "--dag-id", DAG_ID,
             "--from-date", "2010-01-01", "--to-date", "2012-12-31", "--dry-run"],
            check=True, env=env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert [f"{year}-01-01" in created.stdout for year in years] == [True] * len(years)
        dag = load_dag("local", **{k: v for k, v in env.items() if k.startswith("DELAYWATCH_")})
        for year in years:
            run_year(dag, year)

    states = backfill_states(years)

    done = dict.fromkeys([*STEPS, "data_year"], "success")
    assert states == {
        2010: ("success", done),
        2011: ("success", {**dict.fromkeys(STEPS, "skipped"), "data_year": "success"}),
        2012: ("success", done),
    }
