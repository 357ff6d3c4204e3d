#!/usr/bin/env bash
# Creates the databases and roles of the docker-compose stack. The postgres image runs it once, on
# the first start with an empty data directory (/docker-entrypoint-initdb.d); dashboard/run-tests.sh
# runs it against its throwaway cluster, so the roles Superset uses are tested as compose makes them.
#
#   delaywatch         database of the results (table airport_daily_summary), owned by role
#                      delaywatch: the DAG's `load` task writes it (Flyway creates the table)
#   delaywatch_reader  read-only role on it: Superset's connection, so SQL Lab cannot change data
#   airflow, superset  the metadata databases of Airflow and Superset, each owned by its role
#
# Passwords come from the environment (.env): DELAYWATCH_DB_PASSWORD, DELAYWATCH_READER_PASSWORD,
# AIRFLOW_DB_PASSWORD, SUPERSET_DB_PASSWORD; psql connects as POSTGRES_USER (libpq's PG* variables
# pick another server).
set -euo pipefail
for name in DELAYWATCH_DB_PASSWORD DELAYWATCH_READER_PASSWORD AIRFLOW_DB_PASSWORD SUPERSET_DB_PASSWORD; do
  if [[ -z "${!name:-}" ]]; then
    echo "init-databases.sh: set $name" >&2
    exit 1
  fi
done

# psql variables (:'name') quote the passwords as SQL literals.
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname postgres \
  -v delaywatch_password="$DELAYWATCH_DB_PASSWORD" \
  -v reader_password="$DELAYWATCH_READER_PASSWORD" \
  -v airflow_password="$AIRFLOW_DB_PASSWORD" \
  -v superset_password="$SUPERSET_DB_PASSWORD" <<'SQL'
CREATE ROLE delaywatch LOGIN PASSWORD :'delaywatch_password';
CREATE DATABASE delaywatch OWNER delaywatch;
CREATE ROLE delaywatch_reader LOGIN PASSWORD :'reader_password';
CREATE ROLE airflow LOGIN PASSWORD :'airflow_password';
CREATE DATABASE airflow OWNER airflow;
CREATE ROLE superset LOGIN PASSWORD :'superset_password';
CREATE DATABASE superset OWNER superset;

\connect delaywatch
-- load's migrations create the table and the view later, as delaywatch: grant the reader ahead.
GRANT USAGE ON SCHEMA public TO delaywatch_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE delaywatch IN SCHEMA public GRANT SELECT ON TABLES TO delaywatch_reader;
SQL
echo "init-databases.sh: databases delaywatch, airflow, superset and their roles created" >&2
