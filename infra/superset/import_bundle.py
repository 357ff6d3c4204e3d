"""Imports the DelayWatch asset bundle (bundle/) into Superset, replacing the assets it names.

    python import_bundle.py [BUNDLE_DIR]

Run with Superset's Python and configuration (SUPERSET_CONFIG_PATH, as for the `superset` command),
after `superset db upgrade` and `superset init`; init.sh does all of it. It is what Superset's
"import assets" API does (ImportAssetsCommand: databases, datasets, charts and dashboards are
overwritten, keyed by their UUIDs), so a rerun after a change of the bundle updates everything.

Environment:
  SUPERSET_DELAYWATCH_DB_PASSWORD  required: password of the results database role; stored
                                   encrypted by Superset, never written to the bundle
  SUPERSET_DELAYWATCH_DB_URI       optional: the results database's SQLAlchemy URI without its
                                   password, replacing the bundle's (docker-compose address), e.g.
                                   postgresql+psycopg2://delaywatch_reader@127.0.0.1:5432/delaywatch
  SUPERSET_ADMIN_USERNAME          the user who imports and owns the assets (default admin)

Exits 0 after importing; 1 with the reasons when the bundle is invalid or the user is unknown.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import yaml
from sqlalchemy.engine.url import make_url

PASSWORD_MASK = "XXXXXXXXXX"  # Superset's placeholder for a password it must be given separately


def bundle_contents(root: Path) -> dict[str, str]:
    """Every YAML file of the bundle by its path inside it, as the import API receives a zip."""
    contents = {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*.yaml"))
    }
    if "metadata.yaml" not in contents:
        raise SystemExit(f"import_bundle: {root} has no metadata.yaml: not an asset bundle")
    return contents


def with_database_uri(contents: dict[str, str], uri: str) -> dict[str, str]:
    """The bundle with every database's address replaced by ``uri`` (its password masked)."""
    url = make_url(uri)
    masked = url.set(password=PASSWORD_MASK).render_as_string(hide_password=False)
    replaced = dict(contents)
    for name, text in contents.items():
        if name.startswith("databases/"):
            config = yaml.safe_load(text)
            config["sqlalchemy_uri"] = masked
            replaced[name] = yaml.safe_dump(config, sort_keys=False)
    return replaced


def main(argv: list[str]) -> int:
    root = Path(argv[1] if len(argv) > 1 else Path(__file__).parent / "bundle").resolve()
    password = os.environ.get("SUPERSET_DELAYWATCH_DB_PASSWORD")
    if not password:
        print(
            "import_bundle: set SUPERSET_DELAYWATCH_DB_PASSWORD (results database password)",
            file=sys.stderr,
        )
        return 2
    contents = bundle_contents(root)
    if os.environ.get("SUPERSET_DELAYWATCH_DB_URI"):
        contents = with_database_uri(contents, os.environ["SUPERSET_DELAYWATCH_DB_URI"])
    passwords = {name: password for name in contents if name.startswith("databases/")}

    # Superset's modules need the application (configuration, database) before they are imported.
    from superset.app import create_app

    app = create_app()
    with app.app_context():
        from superset import security_manager
        from superset.commands.exceptions import CommandInvalidError, ImportFailedError
        from superset.commands.importers.v1.assets import ImportAssetsCommand
        from superset.utils.core import override_user

        username = os.environ.get("SUPERSET_ADMIN_USERNAME", "admin")
        user = security_manager.find_user(username=username)
        if user is None:
            print(
                f"import_bundle: no Superset user {username!r} (create the admin first)",
                file=sys.stderr,
            )
            return 1
        with override_user(user):
            try:
                ImportAssetsCommand(contents, passwords=passwords).run()
            except ImportFailedError as error:
                # The command rolls back and wraps the cause, e.g. the validation messages per file.
                cause = error.__cause__
                reason = (
                    cause.normalized_messages() if isinstance(cause, CommandInvalidError) else cause
                )
                print(f"import_bundle: importing {root} failed: {reason or error}", file=sys.stderr)
                return 1
    kinds = ("databases", "datasets", "charts", "dashboards")
    counts = ", ".join(f"{sum(n.startswith(k + '/') for n in contents)} {k}" for k in kinds)
    print(f"import_bundle: imported {root} ({counts})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
