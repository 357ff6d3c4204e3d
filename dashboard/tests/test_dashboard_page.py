"""The dashboard as a person sees it: headless Chromium opens it, every chart renders with data and
none shows an error; the screenshot is saved as dashboard/out/dashboard.png."""

from __future__ import annotations

import time

from conftest import DASHBOARD_SLUG, log_in

CHARTS = 8
# Tall enough for the whole dashboard: Superset renders only the charts in (or near) the viewport.
VIEWPORT = {"width": 1600, "height": 2400}

STATE = """() => {
  const charts = [...document.querySelectorAll('[data-test="chart-grid-component"]')];
  return charts.map(chart => ({
    name: chart.getAttribute('data-test-chart-name'),
    viz: chart.getAttribute('data-test-viz-type'),
    loading: chart.querySelector('[data-test="loading-indicator"]') !== null,
    rendered: chart.querySelector('[data-test="slice-container"] canvas, [data-test="slice-container"] svg,'
      + ' [data-test="slice-container"] table, [data-test="slice-container"] .header-line') !== null,
    error: [...chart.querySelectorAll('.ant-alert-error, [role="alert"], [data-test="error-tooltip"]')]
      .map(e => e.innerText).join(' ').trim(),
    empty: /No results|No data/i.test(chart.innerText),
    text: chart.innerText.slice(0, 300),
    number: (chart.querySelector('.header-line') || {}).innerText || null,
  }));
}"""


def wait_for_charts(page, timeout: float = 120) -> list[dict]:
    """The charts' state once all of them have finished loading (or the timeout passed)."""
    deadline = time.monotonic() + timeout
    while True:
        charts = page.evaluate(STATE)
        done = len(charts) == CHARTS and all(c["rendered"] or c["error"] for c in charts)
        if done and not any(c["loading"] for c in charts):
            # Echarts animates into place: give it a moment before the screenshot.
            page.wait_for_timeout(1500)
            return page.evaluate(STATE)
        if time.monotonic() > deadline:
            return charts
        page.wait_for_timeout(500)


def test_every_chart_renders_with_data_for_the_most_anomalous_airport(
    browser, superset, postgres, out_dir
):
    top_airport, anomalous = postgres.query(
        "SELECT airport, COUNT(*) FILTER (WHERE is_anomaly) FROM airport_daily_summary"
        " GROUP BY airport ORDER BY 2 DESC, airport LIMIT 1"
    )[0]
    context = log_in(browser, superset, viewport=VIEWPORT)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{superset.url}/superset/dashboard/{DASHBOARD_SLUG}/")
    charts = wait_for_charts(page)
    # Down to the last chart: the viewport is taller than the dashboard.
    bottom = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-test=\"chart-grid-component\"]')]"
        ".map(chart => chart.getBoundingClientRect().bottom))"
    )
    height = min(bottom + 24, VIEWPORT["height"])
    clip = {"x": 0, "y": 0, "width": VIEWPORT["width"], "height": height}
    page.screenshot(path=str(out_dir / "dashboard.png"), clip=clip)
    context.close()

    assert len(charts) == CHARTS, charts
    for chart in charts:
        assert not chart["loading"], f"{chart['name']} still loading"
        assert chart["error"] == "", f"{chart['name']}: {chart['error']}"
        assert chart["rendered"] and not chart["empty"], (
            f"{chart['name']} shows no data: {chart['text']!r}"
        )
    assert errors == []
    # The airport filter starts on the airport with the most anomalous days, and the charts follow it.
    (kpi,) = [c for c in charts if c["name"] == "Anomalous days" and c["viz"] == "big_number_total"]
    assert kpi["number"] == str(anomalous), kpi["text"]
    (table,) = [c for c in charts if c["name"] == "Anomalous days" and c["viz"] == "table"]
    assert top_airport in table["text"]
