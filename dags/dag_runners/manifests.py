"""Reading the tasks' manifests, and the short circuit that ends a run whose year has no data."""

from __future__ import annotations

import json
import logging
from typing import Any

# The task contract's exit code for "nothing to do for that year" (discover found no raw file).
NOTHING_TO_DO = 99

log = logging.getLogger(__name__)


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


def discovered_year(ti, run_id: str, **_context) -> int | None:
    """The year discover resolved (pushed as this task's XCom, shown beside the run id), or None.

    None makes the ShortCircuitOperator skip every later task itself, and the run succeeds. Left
    to trigger rules, a skipped discover would make Airflow 2's backfill stop as "deadlocked" on the
    tasks it skips, and never reach the later years.
    """
    pushed = ti.xcom_pull(task_ids="discover")
    if pushed is None:
        log.info("run %s: discover found no raw file for its year; the run ends here", run_id)
        return None
    year = manifest(pushed)["year"]
    # On Airflow 3 the id of a scheduled run names the day it ran after: scheduled__2014-01-01…
    # processes 2013.
    log.info("run %s processes the data of %s", run_id, year)
    return year
