#!/usr/bin/env bash
# Every test of the project: the Java modules (mvn verify: unit, property, embedded PostgreSQL,
# in-process S3, end-to-end) and the Airflow DAG (pytest against a real Airflow in a venv).
set -euo pipefail
cd "$(dirname "$0")"

mvn -B -ntp verify
# The build above left every task's class path in place: the launcher needs no rebuild.
mkdir -p .delaywatch && touch .delaywatch/build.stamp

bash dags/run-tests.sh
