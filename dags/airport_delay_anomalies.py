"""
### Airport delay anomalies

Finds, for every US airport and every day of one year, whether departure delays were out of the
ordinary; draws a chart per airport and loads the daily summary with its anomaly flag into
PostgreSQL.

```
discover >> data_year >> download >> transform >> detect >> [plot, load]
```

One run processes one year. The year is the `year` param when a manual run sets it, otherwise the
year of the run's logical date, which the yearly data-interval timetable makes the start of the
data interval (the run for 2013 covers 2013-01-01 to 2014-01-01 and starts in 2014). `discover`
resolves that year (or `latest`) against the data lake and every later step reads the year from
discover's manifest. When discover finds no raw file it exits 99 and is skipped; `data_year`, a
short circuit, then skips every later task and the run succeeds. Otherwise `data_year` returns the
year the run processes (its XCom, shown beside the run id: on Airflow 3 the scheduled run for 2013
is `scheduled__2014-01-01…`).

Every step is one DelayWatch task program (image `delaywatch-<step>`), started by the runner
named in `DELAYWATCH_RUNNER`: `local` (the `./delaywatch` launcher), `docker`, `kubernetes` or
`ecs`. All runners pass the same arguments; docs/airflow.md lists the configuration. The runner
plumbing lives in the `dag_runners` package beside this file (listed in `.airflowignore`).
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pendulum

from dag_runners import discovered_year, make_operator, manifest
from dag_runners.compat import DAG, CronDataIntervalTimetable, Param, ShortCircuitOperator

DAG_ID = "airport_delay_anomalies"
STEPS = ("discover", "download", "transform", "detect", "plot", "load")

# --- configuration: environment only, read when the file is parsed (no Variables, no I/O) ------
REPO_ROOT = Path(__file__).resolve().parents[1]
RUNNER = os.environ.get("DELAYWATCH_RUNNER", "local")
WAREHOUSE = os.environ.get("DELAYWATCH_WAREHOUSE", "")
LAUNCHER = os.environ.get("DELAYWATCH_LAUNCHER", str(REPO_ROOT / "delaywatch"))
MAX_ACTIVE_RUNS = int(os.environ.get("DELAYWATCH_MAX_ACTIVE_RUNS", "1"))
RETRIES = int(os.environ.get("DELAYWATCH_RETRIES", "2"))

EXECUTION_TIMEOUT = {
    "discover": timedelta(minutes=10),
    "download": timedelta(minutes=90),  # ~800 MB of CSV per year
    "transform": timedelta(minutes=60),
    "detect": timedelta(minutes=30),
    "plot": timedelta(minutes=30),
    "load": timedelta(minutes=30),
}

# The years the tasks accept (--year): the on-time data starts in 1987.
FIRST_YEAR, LAST_YEAR = 1987, 2100

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


def step(name: str):
    """The runner's operator for one step, with the step's arguments and timeout."""
    return make_operator(
        RUNNER,
        name,
        task_arguments(name),
        launcher=LAUNCHER,
        task_id=name,
        execution_timeout=EXECUTION_TIMEOUT[name],
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
        # JSON Schema: the bounds apply to integers, the pattern to strings.
        "year": Param(
            None,
            type=["null", "integer", "string"],
            minimum=FIRST_YEAR,
            maximum=LAST_YEAR,
            pattern=r"^(latest|198[7-9]|199[0-9]|20[0-9][0-9]|2100)$",
            description=f"Year to process, {FIRST_YEAR}-{LAST_YEAR} (or 'latest'), on a manual run;"
            " empty: the logical date's year.",
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
    discover, download, transform, detect, plot, load = (step(name) for name in STEPS)
    # Runs after a skipped discover too ("none_failed"), and then ends the run successfully.
    data_year = ShortCircuitOperator(
        task_id="data_year",
        python_callable=discovered_year,
        trigger_rule="none_failed",
        execution_timeout=timedelta(minutes=5),
    )

    discover >> data_year >> download >> transform >> detect >> [plot, load]
