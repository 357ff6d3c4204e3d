"""Saved query contexts of the bundle's charts: how they are made and how they are checked.

Superset answers a chart's data API (/api/v1/chart/<id>/data/), reports, alerts and cache warm-up
from the chart's saved query context, the request its Explore view builds from the chart's params
(its form data). A hand-written bundle cannot guess that request, so `refresh_bundle` asks Explore:
it opens each chart in headless Chromium, takes the body of the data request the page sends, drops
what belongs to this installation (ids, URL parameters) and writes it into the chart's YAML file.
`disagreements` tells when params and the saved context no longer describe the same chart.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

# Form data keys that name this installation or this request rather than the chart.
INSTALLATION_KEYS = {
    "slice_id",
    "url_params",
    "dashboards",
    "datasource",
    "force",
    "result_format",
    "result_type",
}


def portable(body: dict) -> dict:
    """The request body without what differs between installations (the importer sets datasource)."""
    context = json.loads(json.dumps(body))
    for key in ("slice_id", "url_params", "dashboards"):
        context.get("form_data", {}).pop(key, None)
    for query in context.get("queries", []):
        query.pop("url_params", None)
    return context


def disagreements(params: dict, query_context: dict) -> list[str]:
    """Where params and the saved context describe different charts. Explore's form data keeps
    only the controls of the chart type (it may drop some params and add defaults), so a key is
    compared when both have it; the metrics and the raw columns are compared with the queries."""
    form_data = query_context.get("form_data", {})
    found = [
        f"{key}: params {value!r} != query_context {form_data[key]!r}"
        for key, value in params.items()
        if key not in INSTALLATION_KEYS and key in form_data and form_data[key] != value
    ]
    queries = query_context.get("queries", [])
    wanted = [
        m
        for key in ("metric", "metrics", "metrics_b")
        for m in _as_list(params.get(key))
        if isinstance(m, str)
    ]
    queried = [m for query in queries for m in query.get("metrics") or [] if isinstance(m, str)]
    if sorted(wanted) != sorted(queried):
        found.append(f"metrics: params {wanted} != queries {queried}")
    columns = {c for query in queries for c in query.get("columns") or [] if isinstance(c, str)}
    missing = [c for c in params.get("all_columns", []) if c not in columns]
    if missing:
        found.append(f"all_columns {missing} are not queried")
    return found


def _as_list(value) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


def chart_files(bundle: Path) -> dict[str, Path]:
    """The bundle's chart files by chart uuid."""
    return {
        str(yaml.safe_load(path.read_text())["uuid"]): path
        for path in sorted((bundle / "charts").glob("*.yaml"))
    }


def write_query_context(path: Path, context: dict) -> None:
    """Replaces the file's top-level query_context line, leaving its comments and layout alone."""
    line = yaml.safe_dump(
        {"query_context": json.dumps(context, sort_keys=True)}, width=float("inf")
    ).rstrip("\n")
    lines = path.read_text().splitlines()
    index = next(i for i, text in enumerate(lines) if text.startswith("query_context:"))
    lines[index] = line
    path.write_text("\n".join(lines) + "\n")


def refresh_bundle(superset, bundle: Path, browser) -> None:
    """Captures every chart's query context from Explore and writes it into its YAML file."""
    from conftest import SupersetApi, log_in

    api = SupersetApi(superset.url, superset.username, superset.password)
    files = chart_files(bundle)
    context = log_in(browser, superset, viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    for chart in api.get("/api/v1/chart/", q="(page_size:100)")["result"]:
        uuid = api.get(f"/api/v1/chart/{chart['id']}")["result"]["uuid"]
        if uuid not in files:
            continue
        with page.expect_request(
            lambda request: "/api/v1/chart/data" in request.url and request.method == "POST",
            timeout=60_000,
        ) as sent:
            page.goto(f"{superset.url}/explore/?slice_id={chart['id']}")
        write_query_context(files[uuid], portable(json.loads(sent.value.post_data)))
    context.close()
