"""Test setup for the DAG: a throwaway Airflow home with a SQLite metadata database, the DAG file
loaded under a chosen runner, and real dag runs to render its templates in."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pendulum
import pytest

DAGS_DIR = Path(__file__).resolve().parents[1]
REPO_ROOT = DAGS_DIR.parent
DAG_FILE = DAGS_DIR / "airport_delay_anomalies.py"
# The runner plumbing the DAG file imports (a package beside it, as Airflow finds it on sys.path).
PACKAGE_DIR = DAGS_DIR / "dag_runners"
sys.path.insert(0, str(DAGS_DIR))
DAG_ID = "airport_delay_anomalies"
STEPS = ["discover", "download", "transform", "detect", "plot", "load"]
# The DAG's own files, which name every setting it reads.
DAG_SOURCES = [DAG_FILE, *sorted(PACKAGE_DIR.glob("*.py"))]
LAKE = "s3://delaywatch-test/lake"

# The end-to-end tests run this launcher. The developer's settings of the DAG stay out of the
# tests, which set what they need (the launcher's own, e.g. DELAYWATCH_JAVA_OPTS, pass through).
LAUNCHER_UNDER_TEST = Path(os.environ.get("DELAYWATCH_LAUNCHER") or REPO_ROOT / "delaywatch")
SKIP_E2E = os.environ.get("DELAYWATCH_SKIP_E2E") == "1"
for _name in {n for f in DAG_SOURCES for n in re.findall(r"DELAYWATCH_[A-Z0-9_]+", f.read_text())}:
    os.environ.pop(_name, None)

# Airflow reads its configuration when first imported, so this comes before any test module
# imports it. Only the DAG file, its package and .airflowignore go into the DAGs folder, as a
# deployment has them: these tests are not DAG files.
AIRFLOW_HOME = Path(tempfile.mkdtemp(prefix="delaywatch-airflow-"))
os.environ.update(
    AIRFLOW_HOME=str(AIRFLOW_HOME),
    AIRFLOW__CORE__DAGS_FOLDER=str(AIRFLOW_HOME / "dags"),
    AIRFLOW__CORE__LOAD_EXAMPLES="False",
    AWS_EC2_METADATA_DISABLED="true",  # no test may look for AWS credentials on the network
)
(AIRFLOW_HOME / "dags").mkdir()
for _path in (DAG_FILE, PACKAGE_DIR, DAGS_DIR / ".airflowignore"):
    (AIRFLOW_HOME / "dags" / _path.name).symlink_to(_path)
AIRFLOW_DAG_FILE = AIRFLOW_HOME / "dags" / DAG_FILE.name

# What each runner needs to be configured; the tests assert these values come through.
RUNNER_ENV = {
    "local": {},
    "docker": {
        "DELAYWATCH_DOCKER_NETWORK": "delaywatch_default",
        "AWS_ENDPOINT_URL": "http://minio:9000",
    },
    "kubernetes": {
        "DELAYWATCH_K8S_NAMESPACE": "pipelines",
        "DELAYWATCH_K8S_SERVICE_ACCOUNT": "delaywatch-tasks",
    },
    "ecs": {
        "DELAYWATCH_ECS_CLUSTER": "delaywatch-cluster",
        "DELAYWATCH_ECS_SUBNETS": "subnet-0a, subnet-0b",
        "DELAYWATCH_ECS_SECURITY_GROUPS": "sg-0c",
        "DELAYWATCH_ECS_LOG_GROUP": "/delaywatch/tasks",
        "DELAYWATCH_ECS_LOG_STREAM_PREFIX": "delaywatch",
    },
}
RUNNERS = list(RUNNER_ENV)


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "e2e: runs the real ./delaywatch launcher and PostgreSQL (DELAYWATCH_SKIP_E2E=1 skips)",
    )
    # Raised inside Airflow's in-process execution API that dag.test() uses; nothing of ours.
    config.addinivalue_line(
        "filterwarnings", "ignore:Using `httpx` with `starlette.testclient` is deprecated"
    )


def pytest_unconfigure(config):
    shutil.rmtree(AIRFLOW_HOME, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def airflow_db():
    """The metadata database (SQLite) in the throwaway Airflow home (removed when pytest ends)."""
    subprocess.run(
        [sys.executable, "-m", "airflow", "db", "migrate"],
        check=True,
        stdout=subprocess.DEVNULL,
        env=os.environ,
    )


@pytest.fixture
def dagbag(monkeypatch):
    """Parse the DAG file afresh with the given runner and environment; returns the DagBag."""
    try:
        from airflow.dag_processing.dagbag import DagBag
    except ImportError:  # Airflow < 3.1
        from airflow.models.dagbag import DagBag

    def parse(runner: str = "local", **env: str | None):
        settings = {
            "DELAYWATCH_RUNNER": runner,
            "DELAYWATCH_WAREHOUSE": LAKE,
            **RUNNER_ENV.get(runner, {}),
            **env,
        }
        for name, value in settings.items():
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        return DagBag(dag_folder=str(AIRFLOW_DAG_FILE))

    return parse


@pytest.fixture
def load_dag(dagbag):
    """The DAG parsed with the given runner and environment; fails on any import error."""

    def load(runner: str = "local", **env: str | None):
        bag = dagbag(runner, **env)
        assert bag.import_errors == {}
        return bag.dags[DAG_ID]

    return load


def airflow_2() -> bool:
    import airflow

    return airflow.__version__.startswith("2.")


def serializer():
    """Airflow's DAG serializer (what the scheduler sees): DagSerialization, SerializedDAG on 2.10."""
    try:
        from airflow.serialization.serialized_objects import DagSerialization
    except ImportError:  # Airflow 2.10
        from airflow.serialization.serialized_objects import SerializedDAG as DagSerialization
    return DagSerialization


@pytest.fixture
def dag_runs():
    """Create real dag runs (and their task instances) in the metadata database.

    ``create(dag, logical_date, run_type, conf)`` stores the DAG, creates the run as the scheduler
    would and returns it; every run of the DAG is deleted before and after the test.
    """
    from airflow.models.dagrun import DagRun
    from airflow.utils.session import create_session
    from airflow.utils.state import DagRunState
    from airflow.utils.types import DagRunType

    def create(dag, logical_date, run_type="scheduled", conf=None):
        if airflow_2():
            dag.sync_to_db()
            scheduler_dag = dag
        else:
            from airflow.dag_processing.bundles.manager import DagBundlesManager
            from airflow.dag_processing.dagbag import DagBag, sync_bag_to_db

            DagBundlesManager().sync_bundles_to_db()
            sync_bag_to_db(DagBag(dag_folder=str(AIRFLOW_DAG_FILE)), "dags-folder", None)
            scheduler_dag = serializer().deserialize_dag(serializer().serialize_dag(dag))
        if run_type == "scheduled":
            (info,) = scheduler_dag.iter_dagrun_infos_between(logical_date, logical_date)
            interval, run_after = info.data_interval, info.run_after
        else:  # manual, as the UI or the API triggers it: the logical date may be left out
            run_after = pendulum.now("UTC")
            interval = logical_date and scheduler_dag.timetable.infer_manual_data_interval(
                run_after=logical_date
            )
        with create_session() as session:
            if airflow_2():
                run = scheduler_dag.create_dagrun(
                    run_id=DagRun.generate_run_id(DagRunType(run_type), logical_date),
                    execution_date=logical_date,
                    data_interval=interval,
                    conf=conf,
                    run_type=DagRunType(run_type),
                    state=DagRunState.RUNNING,
                    session=session,
                )
            else:
                from airflow.utils.types import DagRunTriggeredByType

                run = scheduler_dag.create_dagrun(
                    run_id=DagRun.generate_run_id(
                        run_type=DagRunType(run_type),
                        logical_date=logical_date,
                        run_after=run_after,
                    ),
                    logical_date=logical_date,
                    data_interval=interval,
                    run_after=run_after,
                    conf=conf,
                    run_type=DagRunType(run_type),
                    triggered_by=DagRunTriggeredByType.TEST,
                    state=DagRunState.RUNNING,
                    session=session,
                )
            session.commit()
            session.expunge_all()
        return run

    forget_runs()
    yield create
    forget_runs()


def forget_runs() -> None:
    """Delete every run of the DAG, with its task instances and XComs."""
    if airflow_2():
        # dag_run_note's foreign key names FAB's ab_user table, known only once its model is loaded.
        import airflow.providers.fab.auth_manager.models  # noqa: F401
    from airflow.models.dagrun import DagRun
    from airflow.utils.session import create_session
    from sqlalchemy import select

    with create_session() as session:
        for run in session.scalars(select(DagRun).where(DagRun.dag_id == DAG_ID)):
            session.delete(run)


def task_instance(run, task_id: str):
    """The run's task instance as the metadata database holds it (its xcom_pull reads XComs there)."""
    from airflow.utils.session import create_session

    with create_session() as session:
        ti = run.get_task_instance(task_id, session=session)
        session.expunge(ti)
    return ti


def render(task, run, ti) -> None:
    """Render the task's templated fields with the context of a real run and task instance."""
    context = {
        "dag": task.dag,
        "task": task,
        "ti": ti,
        "task_instance": ti,
        "dag_run": run,
        "run_id": run.run_id,
        # As Airflow resolves them: the DAG's defaults, overridden by the run's conf.
        "params": {**task.dag.params.dump(), **(run.conf or {})},
    }
    task.render_template_fields(context)
