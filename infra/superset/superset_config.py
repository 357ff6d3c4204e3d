"""Superset configuration of DelayWatch, the same for docker-compose and the dashboard test.

Everything comes from the environment (read when Superset starts):

SUPERSET_SECRET_KEY     required: signs sessions and encrypts the stored database password
                        (``openssl rand -base64 42``); Superset refuses to start without one.
SUPERSET_METADATA_URI   Superset's own database (users, charts, dashboards); default SQLite in
                        SUPERSET_HOME. docker-compose uses its PostgreSQL.
SUPERSET_METADATA_PASSWORD  optional: the password of that URI, kept apart from it (on ECS it
                        comes from Secrets Manager while the URI is plain configuration).
SUPERSET_BEHIND_PROXY   "true" behind a load balancer: trust its X-Forwarded-* headers, so that
                        Superset's redirects and links keep the client's scheme and host.

The results database is not configured here: it is an asset of the bundle (``bundle/databases``),
and ``import_bundle.py`` sets its address and password at import.
"""

import os

from sqlalchemy.engine.url import make_url

SECRET_KEY = os.environ["SUPERSET_SECRET_KEY"]

if os.environ.get("SUPERSET_METADATA_URI"):
    _metadata = make_url(os.environ["SUPERSET_METADATA_URI"])
    if os.environ.get("SUPERSET_METADATA_PASSWORD"):
        _metadata = _metadata.set(password=os.environ["SUPERSET_METADATA_PASSWORD"])
    SQLALCHEMY_DATABASE_URI = _metadata.render_as_string(hide_password=False)

ENABLE_PROXY_FIX = os.environ.get("SUPERSET_BEHIND_PROXY") == "true"
