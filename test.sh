#!/usr/bin/env bash
# Every test of the project: the Java modules (mvn verify: unit, property, embedded PostgreSQL,
# in-process S3, end-to-end, CDK assertions) and the Airflow DAG (pytest against a real Airflow in
# a venv), then the infrastructure linters.
set -euo pipefail
cd "$(dirname "$0")"

# Quality gates outside Maven first: ruff on every Python file, shellcheck on every shell script.
bash scripts/lint.sh

mvn -B -ntp verify
# The build above left every task's class path in place: the launcher needs no rebuild.
mkdir -p .delaywatch && touch .delaywatch/build.stamp
# Our ARIMA against statsmodels on the same series (uses tasks/detect/target from the build above).
bash reference/run-tests.sh

bash dags/run-tests.sh
# docker-compose.yml against the Compose Specification; the Superset bundle imported into a real
# Superset over the pipeline's PostgreSQL, checked by REST and in headless Chromium.
bash compose/check.sh
bash dashboard/run-tests.sh
# The CDK app's templates: synthesized above by mvn verify, then cfn-lint, checkov and actionlint.
bash infra/run-tests.sh --no-build
