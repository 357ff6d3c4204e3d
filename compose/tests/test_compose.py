"""docker-compose.yml checked without a Docker engine: the Compose Specification's JSON schema
(vendored in check-jsonschema), and what the stack relies on that the schema cannot know."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
COMPOSE = REPO / "docker-compose.yml"
CHECK_JSONSCHEMA = [
    str(Path(sys.executable).parent / "check-jsonschema"),
    "--builtin-schema",
    "vendor.compose-spec",
]
# ${NAME}, ${NAME:-default}, ${NAME:?message}; $$ is a literal dollar for the container's shell.
VARIABLE = re.compile(r"(?<!\$)\$\{([A-Z0-9_]+)(?:(:?[-?])([^}]*))?\}")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def env_example() -> dict[str, str]:
    lines = (REPO / ".env.example").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def validate(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CHECK_JSONSCHEMA, str(path)], capture_output=True, text=True, check=False
    )


def test_the_file_is_valid_against_the_compose_specification():
    result = validate(COMPOSE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_validator_rejects_what_the_specification_does_not_allow(tmp_path):
    """The schema check is real: a misspelt key and a value outside an enumeration both fail it."""
    text = COMPOSE.read_text()
    misspelt = tmp_path / "misspelt.yml"
    misspelt.write_text(
        text.replace("    depends_on:\n      minio:", "    depend_on:\n      minio:", 1)
    )
    unknown_condition = tmp_path / "unknown-condition.yml"
    unknown_condition.write_text(
        text.replace("condition: service_healthy", "condition: when_ready", 1)
    )
    for broken in (misspelt, unknown_condition):
        assert broken.read_text() != text
        assert validate(broken).returncode != 0, broken.name


def test_every_variable_without_a_default_is_in_env_example():
    example = env_example()
    for name, operator, _ in VARIABLE.findall(COMPOSE.read_text()):
        if operator not in (":-", "-"):
            assert name in example, (
                f"{name} is used without a default but missing from .env.example"
            )
    assert all(value for value in example.values()), ".env.example leaves a value empty"


def test_airflow_runs_the_dag_with_the_docker_runner_on_the_compose_network(compose):
    airflow = compose["services"]["airflow"]
    env = airflow["environment"]
    assert env["DELAYWATCH_RUNNER"] == "docker"
    assert env["DELAYWATCH_WAREHOUSE"] == "s3://delaywatch/lake"
    assert env["AWS_ENDPOINT_URL"] == "http://minio:9000"
    assert env["DELAYWATCH_JDBC_URL"] == "jdbc:postgresql://postgres:5432/delaywatch"
    assert env["PGUSER"] == "delaywatch"
    assert {"PGPASSWORD", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION"} <= env.keys()
    # The task containers join the network by this name to reach minio and postgres.
    assert (
        env["DELAYWATCH_DOCKER_NETWORK"] == compose["networks"]["default"]["name"] == "delaywatch"
    )
    assert "/var/run/docker.sock:/var/run/docker.sock" in airflow["volumes"]
    assert airflow["depends_on"]["minio-init"]["condition"] == "service_completed_successfully"
    dag = next(v.split(":")[0] for v in airflow["volumes"] if "airport_delay_anomalies.py" in v)
    assert (REPO / dag).is_file()


def test_minio_init_creates_the_bucket_of_the_warehouse(compose):
    script = compose["services"]["minio-init"]["command"][0]
    assert "mc mb --ignore-existing local/delaywatch" in script
    assert "upload" not in compose["services"]["minio-init"].get("profiles", [])
    assert compose["services"]["upload"]["profiles"] == ["tools"]


def test_superset_init_runs_the_script_the_dashboard_test_runs(compose):
    init = compose["services"]["superset-init"]
    assert init["command"] == ["bash", "/app/delaywatch/init.sh"]
    assert "./infra/superset:/app/delaywatch:ro" in init["volumes"]
    assert (REPO / "infra" / "superset" / "init.sh").is_file()
    assert "infra/superset/init.sh" in (REPO / "dashboard" / "tests" / "conftest.py").read_text()
    assert init["environment"]["SUPERSET_CONFIG_PATH"] == "/app/delaywatch/superset_config.py"
    superset = compose["services"]["superset"]
    assert superset["image"] == init["image"]
    assert superset["depends_on"]["superset-init"]["condition"] == "service_completed_successfully"


def test_postgres_creates_the_databases_with_the_init_script_the_dashboard_test_runs(compose):
    volumes = compose["services"]["postgres"]["volumes"]
    script = next(v.split(":")[0] for v in volumes if "docker-entrypoint-initdb.d" in v)
    assert (REPO / script).is_file()
    dashboard_fixtures = (REPO / "dashboard" / "tests" / "conftest.py").read_text()
    assert '"compose" / "postgres" / "init-databases.sh"' in dashboard_fixtures


def test_the_api_reads_as_the_read_only_role_and_needs_a_token(compose):
    api = compose["services"]["api"]
    env = api["environment"]
    assert env["PGUSER"] == "delaywatch_reader"
    assert env["PGPASSWORD"] == "${DELAYWATCH_READER_PASSWORD}"
    assert env["DELAYWATCH_JDBC_URL"] == "jdbc:postgresql://postgres:5432/delaywatch"
    # No default: the stack refuses to start the API without a token.
    assert env["DELAYWATCH_API_TOKEN"].startswith("${DELAYWATCH_API_TOKEN:?")
    assert api["image"].startswith("delaywatch-api:")
    assert api["ports"] == ["127.0.0.1:8090:8090"]
    init = (REPO / "compose" / "postgres" / "init-databases.sh").read_text()
    assert "CREATE ROLE delaywatch_reader LOGIN" in init


def test_every_build_context_and_dockerfile_exists(compose):
    for name, service in compose["services"].items():
        build = service.get("build")
        if build:
            context = REPO / build["context"]
            assert context.is_dir(), name
            assert (context / build.get("dockerfile", "Dockerfile")).is_file(), name


def test_images_are_the_versions_the_tests_run(compose):
    """The Airflow and Superset images are the releases the DAG and dashboard tests install."""
    airflow_pin = pinned(REPO / "dags" / "requirements-test.txt", "apache-airflow")
    superset_pin = pinned(REPO / "dashboard" / "requirements-test.txt", "apache-superset")
    assert (
        f"ARG AIRFLOW_VERSION={airflow_pin}\n"
        in (REPO / "compose" / "airflow" / "Dockerfile").read_text()
    )
    assert (
        f"ARG SUPERSET_VERSION={superset_pin}\n"
        in (REPO / "infra" / "superset" / "Dockerfile").read_text()
    )
    for name, service in compose["services"].items():
        image = service.get("image", "")
        assert not image.endswith(":latest") and ":" in image, f"{name}: pin the image ({image!r})"


def pinned(requirements: Path, package: str) -> str:
    (version,) = re.findall(
        rf"^{re.escape(package)}==(\S+)$", requirements.read_text(), re.MULTILINE
    )
    return version
