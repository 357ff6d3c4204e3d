"""
### Airport delay anomalies

Finds, for every US airport and every day of one year, whether departure delays were out of the
ordinary; draws a chart per airport and loads the daily summary with its anomaly flag into
PostgreSQL.

```
discover >> download >> transform >> detect >> [plot, load]
```

One run processes one year. The year is the `year` param when a manual run sets it, otherwise the
year of the run's logical date, which the yearly data-interval timetable makes the start of the
data interval (the run for 2013 covers 2013-01-01 to 2014-01-01 and starts in 2014). `discover`
resolves that year (or `latest`) against the data lake and every later step reads the year from
discover's manifest. When discover finds no raw file it exits 99: the year is skipped, the run
does not fail.

Every step is one DelayWatch task program (image `delaywatch-<step>`), started by the runner
named in `DELAYWATCH_RUNNER`: `local` (the `./delaywatch` launcher), `docker`, `kubernetes` or
`ecs`. All runners pass the same arguments; the README (section Airflow) lists the configuration.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import shlex
import signal
import subprocess
import threading
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pendulum

try:  # Airflow 3
    from airflow.sdk import DAG, Param
except ImportError:  # Airflow 2.10
    from airflow import DAG
    from airflow.models.param import Param
try:  # Airflow 3.1+
    from airflow.sdk import CronDataIntervalTimetable
except ImportError:
    from airflow.timetables.interval import CronDataIntervalTimetable
try:  # Airflow 3.1+
    from airflow.sdk.exceptions import AirflowException, AirflowFailException, AirflowSkipException
except ImportError:
    from airflow.exceptions import AirflowException, AirflowFailException, AirflowSkipException
try:  # the standard provider (Airflow 3 ships it)
    from airflow.providers.standard.operators.python import PythonOperator
except ImportError:
    from airflow.operators.python import PythonOperator

DAG_ID = "airport_delay_anomalies"
STEPS = ("discover", "download", "transform", "detect", "plot", "load")

# The task contract's exit code for "nothing to do for that year" (discover found no raw file).
NOTHING_TO_DO = 99
# Usage and invalid-input errors: a retry cannot fix them.
NOT_RETRYABLE = {2: "usage or configuration error", 3: "invalid input data"}

log = logging.getLogger(__name__)

# --- configuration: environment only, read when the file is parsed (no Variables, no I/O) ------
REPO_ROOT = Path(__file__).resolve().parents[1]
RUNNER = os.environ.get("DELAYWATCH_RUNNER", "local")
WAREHOUSE = os.environ.get("DELAYWATCH_WAREHOUSE", "")
LAUNCHER = os.environ.get("DELAYWATCH_LAUNCHER", str(REPO_ROOT / "delaywatch"))
MAX_ACTIVE_RUNS = int(os.environ.get("DELAYWATCH_MAX_ACTIVE_RUNS", "1"))
RETRIES = int(os.environ.get("DELAYWATCH_RETRIES", "2"))
IMAGE_REGISTRY = os.environ.get("DELAYWATCH_IMAGE_REGISTRY", "").rstrip("/")
IMAGE_TAG = os.environ.get("DELAYWATCH_IMAGE_TAG", "latest")

EXECUTION_TIMEOUT = {
    "discover": timedelta(minutes=10),
    "download": timedelta(minutes=90),  # ~800 MB of CSV per year
    "transform": timedelta(minutes=60),
    "detect": timedelta(minutes=30),
    "plot": timedelta(minutes=30),
    "load": timedelta(minutes=30),
}

# discover asks for the requested year; every later step processes the year discover resolved.
REQUESTED_YEAR = (
    "{{ params.year or (dag_run.logical_date.year if dag_run.logical_date else 'latest') }}"
)
DISCOVERED_YEAR = "{{ (ti.xcom_pull(task_ids='discover') | manifest)['year'] }}"
# download reads exactly the raw object discover found (a replaced object fails with exit 3).
DISCOVERED_ETAG = "{{ (ti.xcom_pull(task_ids='discover') | manifest)['details']['etag'] }}"


def task_arguments(step: str) -> list[str]:
    """The task's command-line options, the same for every runner (templated)."""
    arguments = [
        "--warehouse", warehouse(),
        "--year", REQUESTED_YEAR if step == "discover" else DISCOVERED_YEAR,
        "--run-id", "{{ run_id }}",
    ]  # fmt: skip
    if step == "download":
        arguments += ["--expect-etag", DISCOVERED_ETAG]
    if step == "detect":
        arguments += ["--detector", "{{ params.detector }}"]
    return arguments


def warehouse() -> str:
    if WAREHOUSE:
        return WAREHOUSE
    if RUNNER == "local":
        return str(REPO_ROOT / "lake")
    raise ValueError(f"DELAYWATCH_WAREHOUSE must name the data lake for the {RUNNER!r} runner")


def manifest(xcom: Any) -> dict:
    """Jinja filter: a task's manifest from its XCom.

    KubernetesPodOperator and the local runner push the parsed JSON; ECS and Docker push the last
    log line as text.
    """
    if isinstance(xcom, dict):
        return xcom
    if isinstance(xcom, bytes):
        xcom = xcom.decode()
    if isinstance(xcom, str) and xcom.strip():
        last_line = xcom.strip().splitlines()[-1]
        try:
            return json.loads(last_line)
        except json.JSONDecodeError:
            raise ValueError(
                f"expected a task manifest (one line of JSON), got {last_line!r}"
            ) from None
    raise ValueError(f"expected a task manifest (one line of JSON), got {xcom!r}")


def image(step: str) -> str:
    name = f"delaywatch-{step}:{IMAGE_TAG}"
    return f"{IMAGE_REGISTRY}/{name}" if IMAGE_REGISTRY else name


def _env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def _env_subset(*names: str) -> dict[str, str]:
    return {name: os.environ[name] for name in names if os.environ.get(name)}


# --- runners: (step, arguments) -> operator -----------------------------------------------------
def run_launcher(command: list[str]) -> dict:
    """Run one task through the local launcher; return its manifest (the last line of stdout).

    stderr (the task's log) goes to the Airflow log as it comes; the launcher inherits the
    worker's environment, so the database password never appears in the command.
    """
    log.info("Running %s", shlex.join(command))
    try:
        # A session of its own, so that a timeout or kill ends the launcher's children too.
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
    except OSError as error:
        raise AirflowFailException(
            f"cannot run {command[0]} (set DELAYWATCH_LAUNCHER): {error}"
        ) from error
    stdout: list[str] = []
    reader = threading.Thread(target=lambda: stdout.extend(process.stdout), daemon=True)
    try:
        reader.start()
        for line in process.stderr:
            log.info("%s", line.rstrip("\n"))
        reader.join()
        exit_code = process.wait()
    except BaseException:  # execution timeout or kill: do not leave the task running
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise
    finally:
        process.stdout.close()
        process.stderr.close()
    lines = [line.strip() for line in stdout if line.strip()]
    for line in lines:
        log.info("stdout: %s", line)
    if exit_code == NOTHING_TO_DO:
        raise AirflowSkipException(f"{command[1]}: nothing to do for this year (exit {exit_code})")
    if exit_code in NOT_RETRYABLE:
        raise AirflowFailException(
            f"{command[1]} failed with exit {exit_code}: {NOT_RETRYABLE[exit_code]}"
        )
    if exit_code != 0:
        raise AirflowException(f"{command[1]} failed with exit {exit_code}")
    try:
        return manifest(lines[-1] if lines else None)
    except ValueError as error:
        raise AirflowFailException(
            f"{command[1]} printed no manifest as its last line: {error}"
        ) from None


def local_operator(step: str, arguments: list[str], **common):
    return PythonOperator(
        python_callable=run_launcher, op_args=[[LAUNCHER, step, *arguments]], **common
    )


def docker_operator(step: str, arguments: list[str], **common):
    from airflow.providers.docker.operators.docker import DockerOperator

    database, password = (
        (["DELAYWATCH_JDBC_URL", "PGUSER"], ["PGPASSWORD"]) if step == "load" else ([], [])
    )
    return DockerOperator(
        image=image(step),
        command=arguments,
        docker_url=os.environ.get("DELAYWATCH_DOCKER_URL", "unix://var/run/docker.sock"),
        network_mode=os.environ.get("DELAYWATCH_DOCKER_NETWORK", "delaywatch"),
        environment=_env_subset("AWS_ENDPOINT_URL", "AWS_REGION", "AWS_DEFAULT_REGION", *database),
        # Not templated, so neither rendered nor stored with the DAG.
        private_environment=_env_subset("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", *password),
        mount_tmp_dir=False,
        auto_remove="success",
        skip_on_exit_code=NOTHING_TO_DO,
        do_xcom_push=True,  # the last log line: the manifest
        **common,
    )


def kubernetes_operator(step: str, arguments: list[str], **common):
    from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
    from airflow.providers.cncf.kubernetes.secret import Secret
    from kubernetes.client import models as k8s

    memory = os.environ.get("DELAYWATCH_K8S_MEMORY", "2Gi")
    db_secret = os.environ.get("DELAYWATCH_K8S_DB_SECRET", "delaywatch-db")
    return KubernetesPodOperator(
        name=f"delaywatch-{step}",
        namespace=os.environ.get("DELAYWATCH_K8S_NAMESPACE", "delaywatch"),
        service_account_name=os.environ.get("DELAYWATCH_K8S_SERVICE_ACCOUNT", "delaywatch"),
        image=image(step),
        arguments=arguments,
        labels={"app.kubernetes.io/part-of": "delaywatch", "delaywatch/task": step},
        container_resources=k8s.V1ResourceRequirements(
            requests={"cpu": os.environ.get("DELAYWATCH_K8S_CPU", "1"), "memory": memory},
            limits={"memory": memory},
        ),
        # Every key of the Secret (DELAYWATCH_JDBC_URL, PGUSER, PGPASSWORD) becomes an env var.
        secrets=[Secret("env", None, db_secret)] if step == "load" else [],
        do_xcom_push=True,  # the task writes /airflow/xcom/return.json
        skip_on_exit_code=NOTHING_TO_DO,
        get_logs=True,
        on_finish_action="delete_succeeded_pod",
        **common,
    )


@functools.cache
def ecs_operator_class() -> type:
    """EcsRunTaskOperator that skips the step when its container exits with 99.

    Checked here rather than with ``skip_on_exit_code``, which only the newest Amazon providers
    have (MWAA pins older ones).
    """
    from airflow.providers.amazon.aws.operators.ecs import EcsRunTaskOperator

    class EcsStepOperator(EcsRunTaskOperator):
        def _check_success_task(self) -> None:
            try:
                super()._check_success_task()
            except AirflowSkipException:
                raise
            except AirflowException:
                if NOTHING_TO_DO not in self._container_exit_codes():
                    raise
                raise AirflowSkipException(
                    f"{self.task_id}: nothing to do for this year (exit {NOTHING_TO_DO})"
                ) from None

        def _container_exit_codes(self) -> set:
            response = self.client.describe_tasks(cluster=self.cluster, tasks=[self.arn])
            return {
                container.get("exitCode")
                for task in response["tasks"]
                for container in task["containers"]
            }

    return EcsStepOperator


def ecs_operator(step: str, arguments: list[str], **common):
    # The task definition (family delaywatch-<step>, container <step>) holds the image, the role,
    # the awslogs configuration and, for load, the database settings with the password injected
    # from Secrets Manager; the DAG only overrides the container's command.
    return ecs_operator_class()(
        cluster=os.environ.get("DELAYWATCH_ECS_CLUSTER", "delaywatch"),
        task_definition=f"delaywatch-{step}",
        launch_type="FARGATE",
        overrides={"containerOverrides": [{"name": step, "command": arguments}]},
        network_configuration={
            "awsvpcConfiguration": {
                "subnets": _env_list("DELAYWATCH_ECS_SUBNETS"),
                "securityGroups": _env_list("DELAYWATCH_ECS_SECURITY_GROUPS"),
                "assignPublicIp": os.environ.get("DELAYWATCH_ECS_ASSIGN_PUBLIC_IP", "DISABLED"),
            }
        },
        aws_conn_id=os.environ.get("DELAYWATCH_AWS_CONN_ID", "aws_default"),
        region_name=os.environ.get("DELAYWATCH_AWS_REGION") or None,
        awslogs_group=os.environ.get("DELAYWATCH_ECS_LOG_GROUP", "/delaywatch/tasks"),
        awslogs_stream_prefix=f"{os.environ.get('DELAYWATCH_ECS_LOG_STREAM_PREFIX', 'delaywatch')}/{step}",
        propagate_tags="TASK_DEFINITION",
        reattach=True,  # a restarted worker attaches to the running task instead of starting another
        do_xcom_push=True,  # the last log line: the manifest
        **common,
    )


RUNNERS: dict[str, Callable[..., Any]] = {
    "local": local_operator,
    "docker": docker_operator,
    "kubernetes": kubernetes_operator,
    "ecs": ecs_operator,
}


def make_step(step: str):
    """The runner's operator for one step, with the step's arguments and timeout."""
    if RUNNER not in RUNNERS:
        raise ValueError(f"DELAYWATCH_RUNNER={RUNNER!r}; expected one of {', '.join(RUNNERS)}")
    return RUNNERS[RUNNER](
        step, task_arguments(step), task_id=step, execution_timeout=EXECUTION_TIMEOUT[step]
    )


with DAG(
    dag_id=DAG_ID,
    description="Yearly airport delay anomalies: discover, download, transform, detect, plot, load",
    doc_md=__doc__,
    # Data-interval timetable: a run's logical date is the start of the year it processes
    # (Airflow 3's default for "@yearly" would date the run for 2013 in 2014).
    schedule=CronDataIntervalTimetable("0 0 1 1 *", timezone="UTC"),
    start_date=pendulum.datetime(2009, 1, 1, tz="UTC"),
    catchup=True,
    max_active_runs=MAX_ACTIVE_RUNS,
    dagrun_timeout=timedelta(hours=6),
    default_args={
        "owner": "delaywatch",
        "retries": RETRIES,
        "retry_delay": timedelta(minutes=2),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(minutes=30),
    },
    params={
        "year": Param(
            None,
            type=["null", "integer", "string"],
            pattern=r"^(latest|[0-9]{4})$",
            description="Year to process (or 'latest') on a manual run; empty: the logical date's year.",
        ),
        "detector": Param(
            "robust",
            type="string",
            pattern=r"^[a-z0-9_-]+$",
            examples=["robust", "zscore", "arima", "rcf", "iforest"],
            description="Anomaly detector used by detect.",
        ),
    },
    user_defined_filters={"manifest": manifest},
    tags=["delaywatch", "yearly", f"runner:{RUNNER}"],
) as dag:
    discover, download, transform, detect, plot, load = (make_step(step) for step in STEPS)

    discover >> download >> transform >> detect >> [plot, load]
