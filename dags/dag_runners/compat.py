"""The Airflow names the DAG uses, imported from where Airflow 3 keeps them, else Airflow 2.10's."""

# ruff: noqa: F401 (re-exported names)
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
    from airflow.providers.standard.operators.python import PythonOperator, ShortCircuitOperator
except ImportError:
    from airflow.operators.python import PythonOperator, ShortCircuitOperator
