"""The plumbing behind ``airport_delay_anomalies.py``, so that the DAG file reads like the pipeline.

- :func:`make_operator` turns (runner, step, arguments) into the runner's operator
  (``operators``), with the local runner's subprocess handling in ``launcher``;
- :func:`discovered_year` is the short circuit (task `data_year`) after discover: the year to process, or the end of the run;
- :func:`manifest` is the Jinja filter that reads a task's manifest from its XCom.

Listed in ``.airflowignore``: Airflow puts the DAGs folder on ``sys.path`` and imports this package
from the DAG file, but must not parse it as DAG files. Not API: only the DAG file uses it.
"""

from dag_runners.manifests import NOTHING_TO_DO, discovered_year, manifest
from dag_runners.operators import RUNNERS, make_operator

__all__ = ["NOTHING_TO_DO", "RUNNERS", "discovered_year", "make_operator", "manifest"]
