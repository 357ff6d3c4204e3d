#!/usr/bin/env bash
# Starts Airflow standalone (API server and UI, scheduler, DAG processor, triggerer; LocalExecutor
# on the compose PostgreSQL) with the admin password from the environment (.env) instead of the
# generated one standalone would print.
set -euo pipefail
: "${AIRFLOW_ADMIN_PASSWORD:?start.sh: set AIRFLOW_ADMIN_PASSWORD}"
export AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS="admin:admin"
export AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE="${AIRFLOW_HOME:-/opt/airflow}/simple_auth_manager_passwords.json"
python - <<'PY'
import json, os
path = os.environ["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE"]
with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as file:
    json.dump({"admin": os.environ["AIRFLOW_ADMIN_PASSWORD"]}, file)
PY
exec airflow standalone
