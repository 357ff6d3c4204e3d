"""Superset configuration of DelayWatch, the same for docker-compose and the dashboard test.

Everything comes from the environment (read when Superset starts):

SUPERSET_SECRET_KEY     required: signs sessions and encrypts the stored database password
                        (``openssl rand -base64 42``); Superset refuses to start without one.
SUPERSET_METADATA_URI   Superset's own database (users, charts, dashboards); default SQLite in
                        SUPERSET_HOME. docker-compose uses its PostgreSQL.

The results database is not configured here: it is an asset of the bundle (``bundle/databases``),
and ``import_bundle.py`` sets its address and password at import.
"""

import os

SECRET_KEY = os.environ["SUPERSET_SECRET_KEY"]

if os.environ.get("SUPERSET_METADATA_URI"):
    SQLALCHEMY_DATABASE_URI = os.environ["SUPERSET_METADATA_URI"]
