"""One factory per runner: (step, arguments) -> the operator that starts the step's task program.

Every runner passes the same arguments and maps exit 99 (nothing to do for the year) to
*skipped*. Each reads its own settings from the environment when the DAG file is parsed, and
imports its provider only when selected, so a deployment installs only the provider it uses.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Any

from dag_runners.compat import AirflowException, AirflowSkipException, PythonOperator
from dag_runners.launcher import run_launcher
from dag_runners.manifests import NOTHING_TO_DO


def image(step: str) -> str:
    registry = os.environ.get("DELAYWATCH_IMAGE_REGISTRY", "").rstrip("/")
    name = f"delaywatch-{step}:{os.environ.get('DELAYWATCH_IMAGE_TAG', 'latest')}"
    return f"{registry}/{name}" if registry else name


def _env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def _env_subset(*names: str) -> dict[str, str]:
    return {name: os.environ[name] for name in names if os.environ.get(name)}


def local_operator(step: str, arguments: list[str], *, launcher: str, **common):
    return PythonOperator(
        python_callable=run_launcher, op_args=[[launcher, step, *arguments]], **common
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


def make_operator(runner: str, step: str, arguments: list[str], *, launcher: str, **common):
    """The runner's operator for one step; ``common`` goes to the operator (task_id, timeout)."""
    if runner not in RUNNERS:
        raise ValueError(f"DELAYWATCH_RUNNER={runner!r}; expected one of {', '.join(RUNNERS)}")
    if runner == "local":
        return local_operator(step, arguments, launcher=launcher, **common)
    return RUNNERS[runner](step, arguments, **common)
