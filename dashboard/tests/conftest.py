"""The stack the dashboard tests run against, built once per session, all on this machine:

- a throwaway PostgreSQL cluster (Debian's initdb/pg_ctl) whose roles and databases are made by
  docker-compose's own init script (compose/postgres/init-databases.sh);
- the pipeline (./delaywatch generate + run) filling airport_daily_summary with a generated year and
  writing the lake, whose plots/YEAR/index.html is the yearly report;
- Superset from PyPI (this venv), SQLite metadata in a temporary SUPERSET_HOME, prepared by
  infra/superset/init.sh exactly as compose's superset-init service runs it, served by gunicorn on
  a loopback port;
- headless Debian Chromium (DASHBOARD_CHROMIUM, default /usr/bin/chromium) driven by Playwright.

`pytest --refresh-query-contexts` also rewrites the bundle's saved query contexts from what
Superset's Explore view sends for each chart (run it after changing a chart's params).
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "dashboard" / "out"
SUPERSET_DIR = REPO / "infra" / "superset"
BUNDLE = SUPERSET_DIR / "bundle"
LAUNCHER = Path(os.environ.get("DELAYWATCH_LAUNCHER", REPO / "delaywatch"))
CHROMIUM = os.environ.get("DASHBOARD_CHROMIUM", "/usr/bin/chromium")
# Without the background-networking switches Chromium keeps calling home, which a closed network
# answers with refused connections (and delays); the sandbox needs privileges CI does not have.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
YEAR = 2015
DASHBOARD_SLUG = "airport-delay-anomalies"


def pytest_addoption(parser):
    parser.addoption(
        "--refresh-query-contexts",
        action="store_true",
        help="rewrite query_context in infra/superset/bundle/charts/*.yaml from Superset's Explore view",
    )


@pytest.fixture(scope="session")
def workdir():
    root = Path(tempfile.mkdtemp(prefix="delaywatch-dashboard-"))
    yield root
    shutil.rmtree(root, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_logged(command: list[str], log: Path, env: dict[str, str], timeout: int, what: str) -> None:
    """Runs a command with its output in ``log``; fails the test with the log's tail if it fails."""
    with log.open("ab") as out:
        result = subprocess.run(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=timeout, check=False
        )
    if result.returncode != 0:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-40:])
        pytest.fail(f"{what} failed with exit {result.returncode} (log {log}):\n{tail}")


@dataclass(frozen=True)
class Postgres:
    """The cluster and the passwords compose's .env would hold."""

    port: int
    host: str = "127.0.0.1"
    superuser_password: str = field(default_factory=lambda: secrets.token_urlsafe(12))
    passwords: dict[str, str] = field(
        default_factory=lambda: {
            name: secrets.token_urlsafe(12)
            for name in (
                "DELAYWATCH_DB_PASSWORD",
                "DELAYWATCH_READER_PASSWORD",
                "AIRFLOW_DB_PASSWORD",
                "SUPERSET_DB_PASSWORD",
            )  # fmt: skip
        }
    )

    def connect(self, user: str = "delaywatch", database: str = "delaywatch"):
        import psycopg2

        password = {
            "postgres": self.superuser_password,
            "delaywatch": self.passwords["DELAYWATCH_DB_PASSWORD"],
            "delaywatch_reader": self.passwords["DELAYWATCH_READER_PASSWORD"],
        }[user]
        return psycopg2.connect(
            host=self.host, port=self.port, dbname=database, user=user, password=password
        )

    def query(self, sql: str, *args) -> list[tuple]:
        with closing(self.connect()) as connection, connection.cursor() as cursor:
            cursor.execute(sql, args)
            return cursor.fetchall()


@pytest.fixture(scope="session")
def postgres(workdir):
    bin_dirs = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda path: int(Path(path).parent.name)
    )
    if not bin_dirs:
        pytest.fail("PostgreSQL server binaries not found (apt-get install postgresql)")
    bin_dir = Path(bin_dirs[-1])
    root = workdir / "postgres"
    root.mkdir()
    server = Postgres(port=free_port())
    (root / "password").write_text(server.superuser_password)
    # PostgreSQL refuses to run as root: run it as the postgres user then.
    as_server_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_server_user:
        shutil.chown(workdir, "postgres")
        shutil.chown(root, "postgres")
        shutil.chown(root / "password", "postgres")
    data = root / "data"
    log = workdir / "postgres.log"
    run_logged([*as_server_user, str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres",
                f"--pwfile={root / 'password'}", "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C",
                "--no-sync"], log, dict(os.environ), 120, "initdb")  # fmt: skip
    run_logged([*as_server_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"), "-w",
                "-o", f"-p {server.port} -k {root} -c listen_addresses={server.host} -c fsync=off", "start"],
               log, dict(os.environ), 120, "pg_ctl start")  # fmt: skip
    try:
        env = {**os.environ, **server.passwords, "POSTGRES_USER": "postgres", "PGHOST": server.host,
               "PGPORT": str(server.port), "PGPASSWORD": server.superuser_password,
               "PATH": f"{bin_dir}:{os.environ['PATH']}"}  # fmt: skip
        run_logged(["bash", str(REPO / "compose" / "postgres" / "init-databases.sh")], log, env, 60,
                   "compose/postgres/init-databases.sh")  # fmt: skip
        yield server
    finally:
        subprocess.run([*as_server_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)  # fmt: skip


@pytest.fixture(scope="session")
def lake(postgres, workdir) -> Path:
    """The lake of a generated year run through the whole pipeline into the cluster."""
    if not (LAUNCHER.is_file() and os.access(LAUNCHER, os.X_OK)):
        pytest.fail(f"{LAUNCHER} is missing or not executable")
    lake = workdir / "lake"
    log = workdir / "pipeline.log"
    env = {
        **os.environ,
        "PGUSER": "delaywatch",
        "PGPASSWORD": postgres.passwords["DELAYWATCH_DB_PASSWORD"],
    }
    run_logged([str(LAUNCHER), "generate", "--year", str(YEAR), "--out", str(lake / "raw" / "flights"),
                "--airports", "8", "--rows", "60000", "--seed", "1"],
               log, env, 300, "./delaywatch generate")  # fmt: skip
    run_logged([str(LAUNCHER), "run", "--year", str(YEAR), "--warehouse", str(lake), "--jdbc-url",
                f"jdbc:postgresql://{postgres.host}:{postgres.port}/delaywatch"], log, env, 600,
               "./delaywatch run")  # fmt: skip
    return lake


@dataclass(frozen=True)
class Superset:
    url: str
    username: str
    password: str
    env: dict[str, str]
    workdir: Path

    def import_bundle(self) -> None:
        """The import step of init.sh, run again (as after a change of the bundle)."""
        run_logged([sys.executable, str(SUPERSET_DIR / "import_bundle.py"), str(BUNDLE)],
                   self.workdir / "superset-init.log", self.env, 300, "import_bundle.py")  # fmt: skip


@pytest.fixture(scope="session")
def superset(lake, postgres, workdir, request):
    home = workdir / "superset-home"
    home.mkdir()
    venv_bin = str(Path(sys.executable).parent)
    env = {
        **os.environ,
        "PATH": f"{venv_bin}:{os.environ['PATH']}",
        "SUPERSET_HOME": str(home),
        "SUPERSET_CONFIG_PATH": str(SUPERSET_DIR / "superset_config.py"),
        "SUPERSET_SECRET_KEY": secrets.token_urlsafe(32),
        "SUPERSET_ADMIN_USERNAME": "admin",
        "SUPERSET_ADMIN_PASSWORD": secrets.token_urlsafe(12),
        "SUPERSET_DELAYWATCH_DB_PASSWORD": postgres.passwords["DELAYWATCH_READER_PASSWORD"],
        "SUPERSET_DELAYWATCH_DB_URI": (
            f"postgresql+psycopg2://delaywatch_reader@{postgres.host}:{postgres.port}/delaywatch"
        ),
    }
    # The same script as docker-compose's superset-init service (there with SUPERSET_METADATA_URI
    # on the compose PostgreSQL; here Superset's default SQLite in SUPERSET_HOME).
    init_log = workdir / "superset-init.log"
    run_logged(
        ["bash", str(SUPERSET_DIR / "init.sh")], init_log, env, 600, "infra/superset/init.sh"
    )
    port = free_port()
    log = (workdir / "superset.log").open("wb")
    server = subprocess.Popen(
        [f"{venv_bin}/gunicorn", "--workers", "1", "--threads", "8", "--timeout", "120",
         "--bind", f"127.0.0.1:{port}", "superset.app:create_app()"],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                if requests.get(f"{url}/health", timeout=10).status_code == 200:
                    break
            except requests.RequestException:  # not listening yet, or the worker still loading
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                tail = "\n".join(
                    (workdir / "superset.log").read_text(errors="replace").splitlines()[-40:]
                )
                pytest.fail(f"Superset did not start on {url}:\n{tail}")
            time.sleep(1)
        instance = Superset(
            url, env["SUPERSET_ADMIN_USERNAME"], env["SUPERSET_ADMIN_PASSWORD"], env, workdir
        )
        if request.config.getoption("--refresh-query-contexts"):
            from query_contexts import refresh_bundle

            refresh_bundle(instance, BUNDLE, request.getfixturevalue("browser"))
            instance.import_bundle()
        yield instance
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


class SupersetApi:
    """Superset's REST API as a logged-in user: a JWT for authentication, and the CSRF token (with
    its session cookie) that Superset requires on every POST, PUT and DELETE."""

    def __init__(self, url: str, username: str, password: str):
        self.url = url
        self.session = requests.Session()
        login = self.session.post(
            f"{url}/api/v1/security/login",
            json={"username": username, "password": password, "provider": "db", "refresh": False},
            timeout=30,
        )
        login.raise_for_status()
        self.session.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
        csrf = self.get("/api/v1/security/csrf_token/")["result"]
        self.session.headers.update({"X-CSRFToken": csrf, "Referer": url})

    def get(self, path: str, **params) -> dict:
        response = self.session.get(f"{self.url}{path}", params=params, timeout=60)
        assert response.status_code == 200, (
            f"GET {path}: {response.status_code} {response.text[:500]}"
        )
        return response.json()

    def post(self, path: str, body: dict) -> dict:
        response = self.session.post(f"{self.url}{path}", json=body, timeout=60)
        assert response.status_code == 200, (
            f"POST {path}: {response.status_code} {response.text[:500]}"
        )
        return response.json()


@pytest.fixture(scope="session")
def api(superset) -> SupersetApi:
    return SupersetApi(superset.url, superset.username, superset.password)


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} not found (apt-get install chromium, or set DASHBOARD_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


def log_in(browser, superset: Superset, **context_options):
    """A browser context logged in to Superset through its login form."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.goto(f"{superset.url}/login/")
    page.fill("input#username", superset.username)
    page.fill("input#password", superset.password)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/login" not in url, timeout=60_000)
    # Left open (the context closes it): page.close() waits for the renderer without a timeout, and
    # once waited 45 minutes in CI (run-tests.sh now also kills and reruns a hung run).
    return context


@pytest.fixture(scope="session")
def out_dir() -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    return OUT
