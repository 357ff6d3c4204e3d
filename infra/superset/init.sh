#!/usr/bin/env bash
# Prepares Superset's metadata database and imports the DelayWatch dashboard. Idempotent: run it
# again after changing the bundle. docker-compose's one-shot service superset-init runs it, and so
# does dashboard/run-tests.sh, the same way.
#
# Environment (see superset_config.py and import_bundle.py):
#   SUPERSET_CONFIG_PATH             this folder's superset_config.py
#   SUPERSET_SECRET_KEY              required
#   SUPERSET_METADATA_URI            Superset's own database (default SQLite)
#   SUPERSET_ADMIN_USERNAME          default admin
#   SUPERSET_ADMIN_PASSWORD          required: the admin is created on the first run only
#   SUPERSET_ADMIN_EMAIL             default admin@localhost
#   SUPERSET_DELAYWATCH_DB_PASSWORD  required: the results database password
#   SUPERSET_DELAYWATCH_DB_URI       the results database without password (default: the bundle's)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${SUPERSET_ADMIN_PASSWORD:?init.sh: set SUPERSET_ADMIN_PASSWORD}"
: "${SUPERSET_DELAYWATCH_DB_PASSWORD:?init.sh: set SUPERSET_DELAYWATCH_DB_PASSWORD}"
admin="${SUPERSET_ADMIN_USERNAME:-admin}"

echo "init.sh: superset db upgrade" >&2
superset db upgrade
echo "init.sh: admin user $admin" >&2
# Leaves an existing user (and its password) as it is.
superset fab create-admin --username "$admin" --firstname Superset --lastname Admin \
  --email "${SUPERSET_ADMIN_EMAIL:-admin@localhost}" --password "$SUPERSET_ADMIN_PASSWORD"
echo "init.sh: superset init (roles and permissions)" >&2
superset init
echo "init.sh: importing $here/bundle" >&2
SUPERSET_ADMIN_USERNAME="$admin" python "$here/import_bundle.py" "$here/bundle"
