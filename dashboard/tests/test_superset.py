"""The imported bundle through Superset's REST API: the dashboard, its charts' saved query contexts
and the rows they return, compared with airport_daily_summary itself."""

from __future__ import annotations

import json
from contextlib import closing
from datetime import UTC, datetime

import psycopg2
import pytest
import yaml
from conftest import BUNDLE, DASHBOARD_SLUG, YEAR
from query_contexts import disagreements

EXPECTED_CHARTS = [
    ("Anomalous days", "big_number_total"),
    ("Flights", "big_number_total"),
    ("Cancelled share", "big_number_total"),
    ("Avg delay (min)", "big_number_total"),
    ("Daily flights, anomalous days in red", "echarts_timeseries_bar"),
    ("Departure delay vs expected, normal band and anomalous days", "mixed_timeseries"),
    ("Anomalous days", "table"),
    ("Airports ranked by anomalous days per year", "table"),
]


@pytest.fixture(scope="module")
def dashboard(api) -> dict:
    return api.get(f"/api/v1/dashboard/{DASHBOARD_SLUG}")["result"]


@pytest.fixture(scope="module")
def charts(api, dashboard) -> list[dict]:
    """Every chart of the dashboard, as the chart API shows it."""
    listed = api.get(f"/api/v1/dashboard/{DASHBOARD_SLUG}/charts")["result"]
    return [api.get(f"/api/v1/chart/{chart['id']}")["result"] for chart in listed]


def chart_named(charts: list[dict], name: str, viz_type: str) -> dict:
    (chart,) = [c for c in charts if c["slice_name"] == name and c["viz_type"] == viz_type]
    return chart


def test_the_dashboard_has_its_charts_and_the_airport_kind_and_period_filters(dashboard, charts):
    assert dashboard["dashboard_title"] == "Airport delay anomalies"
    assert dashboard["published"] is True
    assert sorted((c["slice_name"], c["viz_type"]) for c in charts) == sorted(EXPECTED_CHARTS)
    filters = json.loads(dashboard["json_metadata"])["native_filter_configuration"]
    assert [(f["name"], f["filterType"]) for f in filters] == [
        ("Airport", "filter_select"),
        ("Kind", "filter_select"),
        ("Period", "filter_time"),
    ]
    (airport,) = [f for f in filters if f["name"] == "Airport"]
    assert airport["targets"][0]["column"]["name"] == "airport"
    # The ranking covers every airport: neither the airport nor the period filter applies to it.
    ranking = chart_named(charts, "Airports ranked by anomalous days per year", "table")
    assert all(f["scope"]["excluded"] == [ranking["id"]] for f in filters if f["name"] != "Kind")
    # The kind filter narrows the list of anomalous days only; on the daily charts it would drop
    # every ordinary day.
    (kind,) = [f for f in filters if f["name"] == "Kind"]
    assert kind["targets"][0]["column"]["name"] == "anomaly_kind"
    assert kind["controlValues"]["multiSelect"] is True
    listed = chart_named(charts, "Anomalous days", "table")
    assert sorted(kind["scope"]["excluded"]) == sorted(
        c["id"] for c in charts if c["id"] != listed["id"]
    )


def test_every_chart_has_a_saved_query_context_that_matches_its_params(charts):
    for chart in charts:
        assert chart["query_context"], f"{chart['slice_name']} has no saved query context"
        context = json.loads(chart["query_context"])
        assert context["datasource"]["id"] == chart["datasource_id"], chart["slice_name"]
        assert disagreements(json.loads(chart["params"]), context) == [], chart["slice_name"]


def test_every_chart_returns_rows_from_its_saved_query_context(api, charts):
    for chart in charts:
        result = api.get(f"/api/v1/chart/{chart['id']}/data/")["result"]
        assert result, chart["slice_name"]
        for query in result:
            assert query["status"] == "success", (chart["slice_name"], query.get("error"))
            assert query["rowcount"] > 0, f"{chart['slice_name']} returned no rows"


def saved_query(chart: dict, airport: str | None = None) -> dict:
    """The chart's saved query context, as the dashboard sends it with an airport picked."""
    context = json.loads(chart["query_context"])
    if airport:
        for query in context["queries"]:
            query["filters"].append({"col": "airport", "op": "IN", "val": [airport]})
    return context


def test_the_anomalous_days_table_lists_exactly_the_flagged_days(api, charts, postgres):
    table = chart_named(charts, "Anomalous days", "table")
    (result,) = api.post("/api/v1/chart/data", saved_query(table))["result"]
    # Superset sends dates as epoch milliseconds (UTC midnight for a DATE column).
    shown = [
        (datetime.fromtimestamp(row["flight_date"] / 1000, UTC).date(), row["airport"])
        for row in result["data"]
    ]
    flagged = postgres.query(
        "SELECT flight_date, airport FROM airport_daily_summary WHERE is_anomaly ORDER BY flight_date, airport"
    )
    assert flagged, "the pipeline flagged no day: nothing to show"
    assert shown == [tuple(row) for row in flagged]
    assert set(result["colnames"]) >= {
        "flight_date", "airport", "flights", "avg_dep_delay", "expected_dep_delay", "anomaly_score", "main_delay_cause",
    }  # fmt: skip


def test_picking_an_airport_narrows_the_charts_to_its_figures(api, charts, postgres):
    """The airport filter's column, applied as the dashboard applies it, gives that airport's own
    figures (a POST with the CSRF token, as the dashboard's requests are)."""
    airport, flights, anomalous = postgres.query(
        "SELECT airport, SUM(flights), COUNT(*) FILTER (WHERE is_anomaly) FROM airport_daily_summary"
        " GROUP BY airport ORDER BY 3 DESC, airport DESC LIMIT 1"
    )[0]
    kpi_flights = chart_named(charts, "Flights", "big_number_total")
    kpi_anomalous = chart_named(charts, "Anomalous days", "big_number_total")
    assert api.post("/api/v1/chart/data", saved_query(kpi_flights, airport))["result"][0][
        "data"
    ] == [{"total_flights": flights}]
    assert api.post("/api/v1/chart/data", saved_query(kpi_anomalous, airport))["result"][0][
        "data"
    ] == [{"anomalous_days": anomalous}]
    bars = chart_named(charts, "Daily flights, anomalous days in red", "echarts_timeseries_bar")
    (daily,) = api.post("/api/v1/chart/data", saved_query(bars, airport))["result"]
    days = postgres.query("SELECT COUNT(*) FROM airport_daily_summary WHERE airport = %s", airport)[
        0
    ][0]
    assert daily["rowcount"] == days
    assert (
        sum(row["flights_on_anomalous_days"] for row in daily["data"])
        == postgres.query(
            "SELECT SUM(flights) FROM airport_daily_summary WHERE airport = %s AND is_anomaly",
            airport,
        )[0][0]
    )


def test_the_ranking_has_every_airport_of_the_year_most_anomalous_first(api, charts, postgres):
    ranking = chart_named(charts, "Airports ranked by anomalous days per year", "table")
    (result,) = api.post("/api/v1/chart/data", saved_query(ranking))["result"]
    rows = [(row["year"], row["airport"], row["anomalous_days"]) for row in result["data"]]
    expected = postgres.query(
        "SELECT year, airport, anomalous_days FROM airport_year_anomalies"
        " ORDER BY year DESC, anomalous_days DESC, airport"
    )
    assert rows == [tuple(row) for row in expected]
    assert {year for year, _, _ in rows} == {YEAR}


def test_superset_reads_through_the_read_only_role_and_the_bundle_holds_no_password(api, postgres):
    (database,) = api.get("/api/v1/database/")["result"]
    connection = api.get(f"/api/v1/database/{database['id']}/connection")["result"]
    assert connection["sqlalchemy_uri"] == (
        f"postgresql+psycopg2://delaywatch_reader:XXXXXXXXXX@{postgres.host}:{postgres.port}/delaywatch"
    )
    for path in BUNDLE.rglob("*.yaml"):
        text = path.read_text()
        assert all(password not in text for password in postgres.passwords.values()), path
    assert (
        yaml.safe_load((BUNDLE / "databases" / "delaywatch.yaml").read_text())[
            "sqlalchemy_uri"
        ].count("XXXXXXXXXX")
        == 1
    )
    with closing(postgres.connect("delaywatch_reader")) as reader, reader.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM airport_daily_summary")
        assert cursor.fetchone()[0] > 0
        with pytest.raises(psycopg2.errors.InsufficientPrivilege):
            cursor.execute("DELETE FROM airport_daily_summary")


def test_importing_the_bundle_again_updates_in_place(api, superset, dashboard, charts):
    superset.import_bundle()
    again = api.get(f"/api/v1/dashboard/{DASHBOARD_SLUG}")["result"]
    assert again["id"] == dashboard["id"]
    listed = api.get(f"/api/v1/dashboard/{DASHBOARD_SLUG}/charts")["result"]
    assert sorted(c["id"] for c in listed) == sorted(c["id"] for c in charts)
    assert api.get("/api/v1/chart/", q="(page_size:100)")["count"] == len(charts)
    assert api.get("/api/v1/dataset/")["count"] == 2
    assert api.get("/api/v1/database/")["count"] == 1
