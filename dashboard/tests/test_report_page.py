"""The yearly report plots/YEAR/index.html opened from the lake folder (file://) in headless
Chromium: the airport search and picker, both charts and the airport's anomalous days. The
screenshot is saved as dashboard/out/report.png."""

from __future__ import annotations

from conftest import YEAR


def test_searching_and_picking_an_airport_shows_its_charts_and_anomalous_days(
    browser, lake, postgres, out_dir
):
    report = lake / "plots" / str(YEAR) / "index.html"
    assert report.is_file(), f"the pipeline wrote no report at {report}"
    airports = postgres.query(
        "SELECT airport, COUNT(*) FILTER (WHERE is_anomaly) FROM airport_daily_summary GROUP BY airport"
        " ORDER BY 2 DESC, airport"
    )
    # Not the airport the page opens with (the top of the ranking), one with anomalous days.
    airport = next(code for code, anomalous in airports[1:] if anomalous > 0)
    days = [str(day) for (day,) in postgres.query(
        "SELECT flight_date FROM airport_daily_summary WHERE airport = %s AND is_anomaly ORDER BY flight_date", airport
    )]  # fmt: skip

    context = browser.new_context(viewport={"width": 1400, "height": 1800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(report.as_uri())
    page.wait_for_selector("select#airport option", state="attached")
    assert page.input_value("select#airport") == airports[0][0]

    page.fill("input#search", airport[:2].lower())
    options = page.eval_on_selector_all(
        "select#airport option", "options => options.map(o => o.value)"
    )
    assert airport in options and all(airport[:2] in code for code in options), options
    page.select_option("select#airport", airport)
    page.wait_for_function("code => location.hash === '#' + code", arg=airport)
    page.wait_for_function(
        "() => [...document.querySelectorAll('figure img')].every(img => img.complete && img.naturalWidth > 0)"
    )

    assert page.inner_text("#airport-name").startswith(airport)
    images = page.eval_on_selector_all(
        "figure img",
        "images => images.map(i => ({src: i.getAttribute('src'), width: i.naturalWidth}))",
    )
    assert [image["src"] for image in images] == [
        f"{airport}/daily_flights.png",
        f"{airport}/delay_vs_expected.png",
    ]
    assert all(image["width"] > 0 for image in images), images
    shown = page.eval_on_selector_all(
        "table#anomalies tbody tr", "rows => rows.map(r => r.cells[0].innerText)"
    )
    assert shown == days
    kinds = page.eval_on_selector_all(
        "table#anomalies tbody tr", "rows => rows.map(r => r.cells[1].innerText)"
    )
    assert set(kinds) <= {"HIGH_DELAY", "LOW_DELAY", "CANCELLATIONS", "COLLAPSE"}, kinds
    assert len(kinds) == len(days)
    assert page.is_visible("section#network")
    assert page.is_hidden("#no-anomalies")
    page.screenshot(path=str(out_dir / "report.png"), full_page=True)
    context.close()
    assert errors == []
