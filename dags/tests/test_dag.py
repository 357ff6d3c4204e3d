"""The DAG as Airflow sees it: it imports under every runner, runs the steps in pipeline order one
year at a time, and hands every task the same arguments whichever runner starts it."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import pendulum
import pytest
from conftest import (
    DAG_ID,
    DAG_SOURCES,
    LAKE,
    REPO_ROOT,
    RUNNERS,
    STEPS,
    airflow_2,
    render,
    serializer,
    task_instance,
)

from dag_runners.compat import AirflowException, AirflowFailException, AirflowSkipException

YEAR_2013 = pendulum.datetime(2013, 1, 1, tz="UTC")
DISCOVER_MANIFEST = {
    "task": "discover",
    "year": 2013,
    "run_id": "r",
    "status": "done",
    "inputs": ["raw/flights/2013.csv"],
    "outputs": [],
    "counts": {},
    "details": {"file": "raw/flights/2013.csv", "etag": "e-2013"},
}

# Where each runner's operator keeps the task's command-line options.
ARGUMENTS_OF = {
    "local": lambda task: task.op_args[0][2:],
    "docker": lambda task: task.command,
    "kubernetes": lambda task: task.arguments,
    "ecs": lambda task: task.overrides["containerOverrides"][0]["command"],
}


def expected_arguments(
    step: str, year: str, run_id: str, detector: str = "robust", etag: str = "e-2013"
) -> list[str]:
    """The task contract: --warehouse, --year, --run-id for every task; download adds
    --expect-etag (discover's ETag), detect adds --detector."""
    arguments = ["--warehouse", LAKE, "--year", year, "--run-id", run_id]
    if step == "download":
        return arguments + ["--expect-etag", etag]
    return arguments + ["--detector", detector] if step == "detect" else arguments


@pytest.mark.parametrize("runner", RUNNERS)
def test_dag_imports_without_errors_under_every_runner(dagbag, runner):
    bag = dagbag(runner)

    assert bag.import_errors == {}
    assert list(bag.dags) == [DAG_ID]


@pytest.mark.parametrize("runner", RUNNERS)
def test_steps_run_in_pipeline_order_under_every_runner(load_dag, runner):
    dag = load_dag(runner)

    assert {task.task_id: task.downstream_task_ids for task in dag.tasks} == {
        "discover": {"data_year"},
        "data_year": {"download"},
        "download": {"transform"},
        "transform": {"detect"},
        "detect": {"plot", "load"},
        "plot": set(),
        "load": set(),
    }


def test_unknown_runner_is_an_import_error_naming_the_runners(dagbag):
    bag = dagbag("lambda")

    (error,) = bag.import_errors.values()
    assert "DELAYWATCH_RUNNER='lambda'; expected one of local, docker, kubernetes, ecs" in error


@pytest.mark.parametrize("runner", ["docker", "kubernetes", "ecs"])
def test_container_runners_need_the_warehouse_configured(dagbag, runner):
    bag = dagbag(runner, DELAYWATCH_WAREHOUSE=None)

    (error,) = bag.import_errors.values()
    assert f"DELAYWATCH_WAREHOUSE must name the data lake for the '{runner}' runner" in error


def test_local_runner_defaults_to_the_lake_and_launcher_in_the_repository(load_dag):
    dag = load_dag("local", DELAYWATCH_WAREHOUSE=None, DELAYWATCH_LAUNCHER=None)

    command = dag.get_task("discover").op_args[0]
    assert command[:4] == [
        str(REPO_ROOT / "delaywatch"),
        "discover",
        "--warehouse",
        str(REPO_ROOT / "lake"),
    ]


def test_local_runner_runs_the_configured_launcher(load_dag):
    dag = load_dag("local", DELAYWATCH_LAUNCHER="/opt/delaywatch/delaywatch")

    assert [dag.get_task(step).op_args[0][:2] for step in STEPS] == [
        ["/opt/delaywatch/delaywatch", step] for step in STEPS
    ]


def test_yearly_runs_from_2009_each_dated_at_the_start_of_its_year(load_dag):
    dag = load_dag()
    scheduler_dag = serializer().deserialize_dag(serializer().serialize_dag(dag))

    runs = list(
        scheduler_dag.iter_dagrun_infos_between(
            pendulum.datetime(2009, 1, 1, tz="UTC"), pendulum.datetime(2018, 12, 31, tz="UTC")
        )
    )

    assert type(dag.timetable).__name__ == "CronDataIntervalTimetable"
    assert dag.start_date == pendulum.datetime(2009, 1, 1, tz="UTC")
    assert dag.catchup is True
    assert [
        (run.logical_date.year, run.data_interval.start, run.data_interval.end) for run in runs
    ] == [
        (year, pendulum.datetime(year, 1, 1, tz="UTC"), pendulum.datetime(year + 1, 1, 1, tz="UTC"))
        for year in range(2009, 2019)
    ]
    # The run for a year starts once the year is over.
    assert runs[4].run_after == pendulum.datetime(2014, 1, 1, tz="UTC")


def test_max_active_runs_comes_from_the_environment(load_dag):
    assert load_dag().max_active_runs == 1
    assert load_dag(DELAYWATCH_MAX_ACTIVE_RUNS="3").max_active_runs == 3


def test_dag_documents_itself_and_is_tagged(load_dag):
    dag = load_dag("ecs")

    assert dag.doc_md.lstrip().startswith("### Airport delay anomalies")
    assert "discover >> data_year >> download >> transform >> detect >> [plot, load]" in dag.doc_md
    assert set(dag.tags) == {"delaywatch", "yearly", "runner:ecs"}
    assert dag.params.dump() == {"year": None, "detector": "robust"}


@pytest.mark.parametrize("runner", RUNNERS)
def test_every_task_retries_with_backoff_within_a_timeout(load_dag, runner):
    dag = load_dag(runner)

    for task in dag.tasks:
        assert task.retries == 2, task.task_id
        assert task.retry_exponential_backoff
        assert task.max_retry_delay == timedelta(minutes=30)
        assert timedelta(minutes=5) <= task.execution_timeout <= timedelta(hours=2)
    assert load_dag(runner, DELAYWATCH_RETRIES="0").get_task("load").retries == 0


@pytest.mark.parametrize("runner", RUNNERS)
def test_every_runner_passes_the_task_contract_arguments(load_dag, runner):
    dag = load_dag(runner)
    discovered_year = "{{ (ti.xcom_pull(task_ids='discover') | manifest)['year'] }}"
    discovered_etag = "{{ (ti.xcom_pull(task_ids='discover') | manifest)['details']['etag'] }}"

    assert {step: ARGUMENTS_OF[runner](dag.get_task(step)) for step in STEPS} == {
        "discover": expected_arguments(
            "discover",
            "{{ params.year or (dag_run.logical_date.year if dag_run.logical_date else 'latest') }}",
            "{{ run_id }}",
        ),
        **{
            step: expected_arguments(
                step, discovered_year, "{{ run_id }}", "{{ params.detector }}", discovered_etag
            )
            for step in STEPS[1:]
        },
    }


@pytest.mark.parametrize("manifest_as", ["parsed", "last log line"])
@pytest.mark.parametrize("runner", RUNNERS)
def test_scheduled_run_for_2013_renders_year_2013_under_every_runner(
    load_dag, dag_runs, runner, manifest_as
):
    dag = load_dag(runner)
    run = dag_runs(dag, YEAR_2013)
    # KubernetesPodOperator and the local runner push the manifest parsed; ECS and Docker its text.
    manifest = DISCOVER_MANIFEST if manifest_as == "parsed" else json.dumps(DISCOVER_MANIFEST)
    task_instance(run, "discover").xcom_push(key="return_value", value=manifest)

    rendered = {}
    for step in STEPS:
        task = dag.get_task(step)
        render(task, run, task_instance(run, step))
        rendered[step] = ARGUMENTS_OF[runner](task)

    assert run.data_interval_start == YEAR_2013
    assert rendered == {step: expected_arguments(step, "2013", run.run_id) for step in STEPS}


@pytest.mark.parametrize(
    ("logical_date", "conf", "year"),
    [
        (pendulum.datetime(2016, 3, 1, tz="UTC"), {"year": 2010}, "2010"),
        (pendulum.datetime(2016, 3, 1, tz="UTC"), {"year": "latest"}, "latest"),
        (pendulum.datetime(2016, 3, 1, tz="UTC"), {}, "2016"),
        (None, {}, "latest"),
        (None, {"year": 2012}, "2012"),
    ],
    ids=[
        "year param wins",
        "latest",
        "logical date",
        "no logical date",
        "no logical date, year param",
    ],
)
def test_manual_run_asks_discover_for_the_year_param_else_the_logical_dates_year(
    load_dag, dag_runs, logical_date, conf, year
):
    if logical_date is None and airflow_2():
        pytest.skip("every run has a logical date on Airflow 2")
    dag = load_dag()
    run = dag_runs(dag, logical_date, run_type="manual", conf=conf)
    discover = dag.get_task("discover")

    render(discover, run, task_instance(run, "discover"))

    assert ARGUMENTS_OF["local"](discover)[2:4] == ["--year", year]


def test_detector_param_reaches_detect(load_dag, dag_runs):
    dag = load_dag("kubernetes")
    run = dag_runs(dag, YEAR_2013, run_type="manual", conf={"detector": "zscore"})
    task_instance(run, "discover").xcom_push(key="return_value", value=DISCOVER_MANIFEST)
    detect = dag.get_task("detect")

    render(detect, run, task_instance(run, "detect"))

    assert detect.arguments[-2:] == ["--detector", "zscore"]


def test_ecs_runs_each_step_as_its_fargate_task_definition_with_the_arguments_as_command(load_dag):
    dag = load_dag("ecs")

    for step in STEPS:
        task = dag.get_task(step)
        assert task.task_definition == f"delaywatch-{step}"
        assert task.cluster == "delaywatch-cluster"
        assert task.launch_type == "FARGATE"
        assert task.overrides == {
            "containerOverrides": [{"name": step, "command": ARGUMENTS_OF["ecs"](task)}]
        }
        assert task.network_configuration == {
            "awsvpcConfiguration": {
                "subnets": ["subnet-0a", "subnet-0b"],
                "securityGroups": ["sg-0c"],
                "assignPublicIp": "DISABLED",
            }
        }
        # The task definitions log with awslogs-stream-prefix "delaywatch": streams are
        # delaywatch/<container>/<task id>, and the manifest is the last line of that stream.
        assert task.awslogs_group == "/delaywatch/tasks"
        assert task.awslogs_stream_prefix == f"delaywatch/{step}"
        task.arn = "arn:aws:ecs:eu-west-1:123456789012:task/delaywatch-cluster/0123456789abcdef"
        assert task._get_logs_stream_name() == f"delaywatch/{step}/0123456789abcdef"
        assert task.do_xcom_push
        assert task.reattach


class StoppedEcsTask:
    """Stands in for boto3's ECS client: describes one stopped task whose container exited."""

    def __init__(self, exit_code: int):
        self.exit_code = exit_code

    def describe_tasks(self, cluster, tasks):
        container = {"name": "discover", "lastStatus": "STOPPED", "exitCode": self.exit_code}
        return {
            "failures": [],
            "tasks": [{"taskArn": tasks[0], "lastStatus": "STOPPED", "containers": [container]}],
        }


def stopped_ecs_step(dag, exit_code: int):
    task = dag.get_task("discover")
    task.client = StoppedEcsTask(exit_code)
    task.arn = "arn:aws:ecs:eu-west-1:123456789012:task/delaywatch-cluster/0123456789abcdef"
    return task


def test_ecs_step_whose_container_exits_99_is_skipped(load_dag):
    task = stopped_ecs_step(load_dag("ecs"), 99)

    with pytest.raises(AirflowSkipException, match="nothing to do for this year"):
        task._check_success_task()


def test_ecs_step_whose_container_fails_otherwise_fails(load_dag):
    task = stopped_ecs_step(load_dag("ecs"), 4)

    with pytest.raises(AirflowException, match="not in success state") as failure:
        task._check_success_task()
    assert not isinstance(failure.value, AirflowSkipException)
    stopped_ecs_step(load_dag("ecs"), 0)._check_success_task()


# A kube config naming a cluster on a loopback port nothing listens on: building the pod request
# creates the provider's API client (on cncf-kubernetes 10.10, which has no dry_run, to label the
# pod "in cluster" or not), and creating a client sends nothing.
STUB_KUBE_CONFIG = """\
apiVersion: v1
kind: Config
clusters: [{name: stub, cluster: {server: "https://127.0.0.1:9"}}]
users: [{name: stub, user: {token: not-a-token}}]
contexts: [{name: stub, context: {cluster: stub, user: stub}}]
current-context: stub
"""


def test_kubernetes_pod_runs_the_task_image_with_the_rendered_arguments(
    load_dag, dag_runs, tmp_path
):
    from kubernetes.client import ApiClient

    kube_config = tmp_path / "kube-config"
    kube_config.write_text(STUB_KUBE_CONFIG)

    dag = load_dag(
        "kubernetes",
        DELAYWATCH_IMAGE_REGISTRY="registry.example/delaywatch/",
        DELAYWATCH_IMAGE_TAG="1.2.0",
    )
    run = dag_runs(dag, YEAR_2013)
    task_instance(run, "discover").xcom_push(key="return_value", value=DISCOVER_MANIFEST)
    pods = {}
    for step in ("discover", "load"):
        task = dag.get_task(step)
        render(task, run, task_instance(run, step))
        task.config_file = str(kube_config)
        try:
            pod = task.build_pod_request_obj(dry_run=True)
        except TypeError:  # cncf-kubernetes 10.10 (the Airflow 2 suite): no dry_run argument
            pod = task.build_pod_request_obj()
        pods[step] = ApiClient().sanitize_for_serialization(pod)

    load = pods["load"]
    container, sidecar = load["spec"]["containers"]
    assert load["metadata"]["namespace"] == "pipelines"
    assert load["metadata"]["labels"]["delaywatch/task"] == "load"
    assert load["spec"]["serviceAccountName"] == "delaywatch-tasks"
    assert load["spec"]["restartPolicy"] == "Never"
    assert container["image"] == "registry.example/delaywatch/delaywatch-load:1.2.0"
    assert container["args"] == expected_arguments("load", "2013", run.run_id)
    assert container.get("command") in (None, [])  # the image's entrypoint is the task
    assert container["resources"] == {
        "requests": {"cpu": "1", "memory": "2Gi"},
        "limits": {"memory": "2Gi"},
    }
    # The database settings come from the Secret, never from the arguments.
    assert container["envFrom"] == [{"secretRef": {"name": "delaywatch-db"}}]
    # The manifest comes back through /airflow/xcom/return.json.
    assert {"mountPath": "/airflow/xcom", "name": "xcom"} in container["volumeMounts"]
    assert sidecar["name"] == "airflow-xcom-sidecar"

    discover_container = pods["discover"]["spec"]["containers"][0]
    assert discover_container["args"] == expected_arguments("discover", "2013", run.run_id)
    assert not discover_container.get("envFrom")
    assert dag.get_task("discover").skip_on_exit_code == [99]


def test_docker_runs_the_task_image_on_the_compose_network(load_dag):
    dag = load_dag(
        "docker",
        AWS_ACCESS_KEY_ID="minio",
        AWS_SECRET_ACCESS_KEY="minio-secret",
        PGUSER="delaywatch",
        PGPASSWORD="pw",
    )

    for step in STEPS:
        task = dag.get_task(step)
        assert task.image == f"delaywatch-{step}:latest"
        assert task.command == ARGUMENTS_OF["docker"](task)
        assert task.network_mode == "delaywatch_default"
        assert task.environment["AWS_ENDPOINT_URL"] == "http://minio:9000"
        assert task.skip_on_exit_code == [99]
        assert task.do_xcom_push and not task.xcom_all  # the last line: the manifest
        assert not task.mount_tmp_dir
    load, detect = dag.get_task("load"), dag.get_task("detect")
    assert load.environment["PGUSER"] == "delaywatch"
    assert load._private_environment == {
        "AWS_ACCESS_KEY_ID": "minio",
        "AWS_SECRET_ACCESS_KEY": "minio-secret",
        "PGPASSWORD": "pw",
    }
    assert "PGPASSWORD" not in detect._private_environment and "PGUSER" not in detect.environment


@pytest.mark.parametrize("runner", RUNNERS)
def test_database_password_is_neither_an_argument_nor_stored_with_the_dag(load_dag, runner):
    dag = load_dag(
        runner, PGPASSWORD="pg-password-never-shown", AWS_SECRET_ACCESS_KEY="aws-secret-never-shown"
    )

    serialized = json.dumps(serializer().to_dict(dag))
    assert "never-shown" not in serialized
    assert all(
        "never-shown" not in " ".join(ARGUMENTS_OF[runner](dag.get_task(step))) for step in STEPS
    )


def test_manifest_filter_reads_parsed_or_text_manifests(load_dag):
    manifest = load_dag().user_defined_filters["manifest"]

    assert manifest({"year": 2013}) == {"year": 2013}
    assert manifest('{"year": 2013}\n') == {"year": 2013}
    assert manifest(b'{"year": 2013}') == {"year": 2013}
    with pytest.raises(ValueError, match="expected a task manifest"):
        manifest(None)


def stand_in_launcher(
    tmp_path, exit_code: int, stdout: str = 'progress\n{"task": "discover", "year": 2013}\n'
):
    """An executable that answers like a task: a log line on stderr, then stdout and the exit code."""
    script = tmp_path / "delaywatch"
    script.write_text(
        f"#!/bin/sh\necho 'reading raw/flights' >&2\nprintf '%s' '{stdout}'\nexit {exit_code}\n"
    )
    script.chmod(0o755)
    return str(script)


def test_local_runner_returns_the_manifest_from_the_last_line_of_stdout(load_dag, tmp_path):
    run_launcher = load_dag().get_task("discover").python_callable

    assert run_launcher([stand_in_launcher(tmp_path, 0), "discover", "--year", "2013"]) == {
        "task": "discover",
        "year": 2013,
    }


@pytest.mark.parametrize(
    ("exit_code", "outcome", "message"),
    [
        (99, "AirflowSkipException", "nothing to do for this year"),
        (3, "AirflowFailException", "exit 3: invalid input data"),
        (2, "AirflowFailException", "exit 2: usage or configuration error"),
        (4, "AirflowException", "exit 4"),
    ],
)
def test_local_runner_maps_the_exit_codes_of_the_task_contract(
    load_dag, tmp_path, exit_code, outcome, message
):
    run_launcher = load_dag().get_task("discover").python_callable

    with pytest.raises(Exception, match=message) as raised:
        run_launcher([stand_in_launcher(tmp_path, exit_code), "discover", "--year", "2013"])
    # Skipped, failed without retry, or failed to be retried.
    assert type(raised.value).__name__ == outcome


def test_local_runner_fails_without_retry_when_there_is_no_manifest_or_no_launcher(
    load_dag, tmp_path
):
    run_launcher = load_dag().get_task("discover").python_callable

    with pytest.raises(AirflowFailException, match="printed no manifest as its last line"):
        run_launcher([stand_in_launcher(tmp_path, 0, stdout=""), "discover"])
    with pytest.raises(AirflowFailException, match="got 'done'"):
        run_launcher([stand_in_launcher(tmp_path, 0, stdout='{"year": 2013}\ndone\n'), "discover"])
    with pytest.raises(AirflowFailException, match="set DELAYWATCH_LAUNCHER"):
        run_launcher([str(tmp_path / "missing"), "discover"])


def test_local_runner_stops_the_task_and_its_children_when_airflow_interrupts_it(
    load_dag, tmp_path
):
    import signal
    import time

    run_launcher = load_dag().get_task("discover").python_callable
    pid_file = tmp_path / "child.pid"
    script = tmp_path / "delaywatch"
    script.write_text(f"#!/bin/sh\nsleep 60 &\necho $! > {pid_file}\nwait\n")
    script.chmod(0o755)

    def timeout(signum, frame):  # what Airflow's execution_timeout does: raise in the task's thread
        raise TimeoutError("execution timeout")

    previous = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(2)
    started = time.monotonic()
    try:
        with pytest.raises(TimeoutError):
            run_launcher([str(script), "download"])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)

    assert time.monotonic() - started < 10  # not held up until the child ends by itself

    child = Path(f"/proc/{pid_file.read_text().strip()}")
    for _ in range(50):
        if not child.exists() or "State:\tZ" in (child / "status").read_text():
            break
        time.sleep(0.1)
    else:
        pytest.fail("the launcher's child process outlived the interrupted task")


def test_every_setting_the_dag_reads_is_documented():
    readme = REPO_ROOT / "docs" / "airflow.md"
    settings = {
        name
        for path in DAG_SOURCES
        for name in re.findall(r"DELAYWATCH_[A-Z0-9_]+", path.read_text())
    }

    assert sorted(name for name in settings if f"`{name}`" not in readme.read_text()) == []


@pytest.mark.parametrize(
    ("year", "message"),
    [
        (123, "123 is less than the minimum of 1987"),
        (2102, "2102 is greater than the maximum of 2100"),
        ("2102", "'2102' does not match"),
        ("13", "'13' does not match"),
        (2013.5, "2013.5 is not of type 'null', 'integer', 'string'"),
    ],
)
def test_year_param_out_of_range_is_rejected_when_the_run_is_triggered(load_dag, year, message):
    from airflow.exceptions import ParamValidationError

    param = load_dag().params.get_param("year")

    with pytest.raises(ParamValidationError, match=re.escape(message)):
        param.resolve(year)
    assert [param.resolve(ok) for ok in (None, 1987, 2013, 2100, "2013", "latest")] == [
        None, 1987, 2013, 2100, "2013", "latest",
    ]  # fmt: skip


class PushedXcom:
    """Stands in for a task instance: what discover pushed (None when it was skipped)."""

    def __init__(self, pushed):
        self.pushed = pushed

    def xcom_pull(self, task_ids):
        assert task_ids == "discover"
        return self.pushed


@pytest.mark.parametrize("pushed", [DISCOVER_MANIFEST, json.dumps(DISCOVER_MANIFEST)])
def test_data_year_is_the_year_discover_resolved_logged_with_the_run_id(load_dag, pushed, caplog):
    data_year = load_dag().get_task("data_year")
    caplog.set_level("INFO")

    year = data_year.python_callable(
        ti=PushedXcom(pushed), run_id="scheduled__2014-01-01T00:00:00+00:00"
    )

    assert year == 2013
    assert "run scheduled__2014-01-01T00:00:00+00:00 processes the data of 2013" in caplog.text


def test_data_year_ends_the_run_when_discover_found_no_raw_file(load_dag):
    data_year = load_dag().get_task("data_year")

    assert data_year.python_callable(ti=PushedXcom(None), run_id="scheduled__2012-01-01") is None
    # It runs after a skipped discover, and skips every later task itself.
    assert data_year.trigger_rule == "none_failed"
    assert data_year.ignore_downstream_trigger_rules


def test_local_runner_logs_the_tasks_warnings_and_errors_at_their_level(load_dag, tmp_path, caplog):
    run_launcher = load_dag().get_task("discover").python_callable
    script = tmp_path / "delaywatch"
    script.write_text(
        "#!/bin/sh\n"
        "echo '2026-01-01T00:00:00.000Z INFO Discover - reading' >&2\n"
        "echo '2026-01-01T00:00:00.000Z WARN Discover - no ETag' >&2\n"
        "echo '2026-01-01T00:00:00.000Z ERROR Discover - gave up' >&2\n"
        "echo '{\"year\": 2013}'\n"
    )
    script.chmod(0o755)
    caplog.set_level("INFO")

    run_launcher([str(script), "discover"])

    levels = {record.getMessage().split(" - ")[-1]: record.levelname for record in caplog.records}
    assert levels["reading"] == "INFO"
    assert levels["no ETag"] == "WARNING"
    assert levels["gave up"] == "ERROR"
