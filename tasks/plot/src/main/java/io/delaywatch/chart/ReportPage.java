package io.delaywatch.chart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.delaywatch.daily.ScoredDay;
import io.delaywatch.storage.LakePaths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The browsable report of a year, {@code plots/YYYY/index.html}: one self-contained page (inline
 * CSS and script, no external resource) that works from a local folder, a static website or an S3
 * bucket, since it links the charts relatively ({@code ATL/daily_flights.png}).
 *
 * <p>It has a header with the year's facts, an airport picker ({@code select#airport} filtered by
 * {@code input#search}; {@code index.html#ATL} opens ATL), the selected airport's charts and its
 * anomalous days ({@code table#anomalies}), and a ranking of the airports by anomalous days ({@code
 * table#ranking}, plain HTML that works without script). The per-airport data is embedded as JSON
 * in {@code script#data}, its keys named like the dataset's columns.
 */
public final class ReportPage {
  private static final ObjectMapper JSON =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private ReportPage() {}

  /** The embedded data: what the page's script reads. */
  record Data(
      int year,
      String runId,
      List<String> detectors,
      long days,
      long anomalies,
      Map<String, String> charts,
      List<String> ranking,
      List<Airport> airports) {}

  /** One airport's year and its anomalous days. */
  record Airport(
      String airport,
      int days,
      long flights,
      long cancelled,
      Double meanDepDelay,
      List<Anomaly> anomalies) {}

  /** One anomalous day, minutes rounded to 0.01. */
  record Anomaly(
      String flightDate,
      int flights,
      int cancelled,
      Double avgDepDelay,
      Double expectedDepDelay,
      Double lowerBound,
      Double upperBound,
      Double anomalyScore,
      String mainCause) {}

  /** The page of {@code year}; {@code runId} is shown in the header. */
  public static String render(ChartYear year, String runId) {
    List<AirportYear> ranked = ranking(year.airports());
    Data data = data(year, runId, ranked);
    StringBuilder html = new StringBuilder(64 * 1024);
    html.append(
        HEAD.replace(
            "{{title}}", esc("DelayWatch " + year.year() + " — departure-delay anomalies")));
    header(html, year, runId);
    if (year.airports().isEmpty()) {
      html.append("<main><p class=\"empty\">No airport has scored days in ")
          .append(year.year())
          .append(".</p></main>\n");
    } else {
      html.append("<main>\n");
      airportView(html, year, ranked.get(0));
      rankingTable(html, ranked);
      html.append("</main>\n");
    }
    html.append("<script type=\"application/json\" id=\"data\">")
        .append(scriptSafe(json(data)))
        .append("</script>\n")
        .append("<script>")
        .append(SCRIPT)
        .append("</script>\n</body>\n</html>\n");
    return html.toString();
  }

  /** Airports by anomalous days, most first, then by code. */
  static List<AirportYear> ranking(List<AirportYear> airports) {
    List<AirportYear> ranked = new ArrayList<>(airports);
    ranked.sort(
        Comparator.comparingInt((AirportYear a) -> a.anomalies().size())
            .reversed()
            .thenComparing(AirportYear::airport));
    return ranked;
  }

  static Data data(ChartYear year, String runId, List<AirportYear> ranked) {
    Map<String, String> charts = new LinkedHashMap<>();
    for (AirportChart chart : AirportChart.values()) {
      charts.put(chart.name().toLowerCase(Locale.ROOT), chart.fileName());
    }
    List<Airport> airports = new ArrayList<>();
    for (AirportYear a : year.airports()) {
      List<Anomaly> anomalies = new ArrayList<>();
      for (ScoredDay d : a.anomalies()) {
        anomalies.add(
            new Anomaly(
                d.day().flightDate().toString(),
                d.day().flights(),
                d.day().cancelled(),
                round(d.day().avgDepDelay()),
                round(d.expectedDepDelay()),
                round(d.lowerBound()),
                round(d.upperBound()),
                round(d.anomalyScore()),
                d.day().mainCause()));
      }
      airports.add(
          new Airport(
              a.airport(),
              a.days().size(),
              a.flights(),
              a.cancelled(),
              round(a.meanDepDelay()),
              anomalies));
    }
    return new Data(
        year.year(),
        runId,
        year.detectors(),
        year.days(),
        year.anomalies(),
        charts,
        ranked.stream().map(AirportYear::airport).toList(),
        airports);
  }

  private static void header(StringBuilder html, ChartYear year, String runId) {
    long days = year.days();
    long anomalies = year.anomalies();
    html.append("<header>\n<h1>DelayWatch ")
        .append(year.year())
        .append(" <span>departure-delay anomalies by airport</span></h1>\n<dl class=\"facts\">")
        .append(fact("Year", String.valueOf(year.year())))
        .append(
            fact(
                year.detectors().size() == 1 ? "Detector" : "Detectors",
                String.join(", ", year.detectors())))
        .append(fact("Airports", count(year.airports().size())))
        .append(fact("Airport-days", count(days)))
        .append(
            fact(
                "Anomalous days",
                count(anomalies)
                    + (days == 0
                        ? ""
                        : String.format(Locale.ENGLISH, " (%.1f %%)", 100.0 * anomalies / days))))
        .append(fact("Source", LakePaths.scored(year.year())))
        .append(fact("Run", runId))
        .append("</dl>\n</header>\n");
  }

  /**
   * The picker and the view of one airport, filled by the script; {@code first} is shown without
   * it.
   */
  private static void airportView(StringBuilder html, ChartYear year, AirportYear first) {
    html.append(
        """
        <section id="airport-view">
        <div class="picker">
        <label for="search">Airport</label>
        <input id="search" type="search" placeholder="Filter by code, e.g. ATL" autocomplete="off" spellcheck="false">
        <select id="airport" aria-label="Airport">
        """);
    for (AirportYear a : year.airports()) {
      html.append("<option value=\"")
          .append(esc(a.airport()))
          .append("\">")
          .append(esc(a.airport() + " — " + plural(a.anomalies().size(), "anomalous day")))
          .append("</option>\n");
    }
    html.append(
        """
        </select>
        </div>
        <noscript><p>Choosing an airport here needs JavaScript; the ranking below links every chart.</p></noscript>
        <h2 id="airport-name">{{name}}</h2>
        <p id="airport-facts" class="muted"></p>
        <figure><img id="chart-flights" src="{{flights}}" alt="{{name}} daily flights" width="1200" height="500"></figure>
        <figure><img id="chart-delay" src="{{delay}}" alt="{{name}} departure delay vs expected" width="1200" height="500"></figure>
        <h3>Anomalous days</h3>
        <table id="anomalies">
        <thead><tr><th>Date</th><th class="num">Flights</th><th class="num">Cancelled</th>\
        <th class="num">Avg delay (min)</th><th class="num">Expected (min)</th><th class="num">Score</th>\
        <th>Main delay cause</th></tr></thead>
        <tbody></tbody>
        </table>
        <p id="no-anomalies" class="muted" hidden>No anomalous day this year.</p>
        </section>
        """
            .replace("{{name}}", esc(first.airport()))
            .replace(
                "{{flights}}", esc(first.airport() + "/" + AirportChart.DAILY_FLIGHTS.fileName()))
            .replace(
                "{{delay}}",
                esc(first.airport() + "/" + AirportChart.DELAY_VS_EXPECTED.fileName())));
  }

  private static void rankingTable(StringBuilder html, List<AirportYear> ranked) {
    html.append(
        """
        <section id="summary">
        <h2>Airports ranked by anomalous days</h2>
        <table id="ranking">
        <thead><tr><th class="num">Rank</th><th>Airport</th><th class="num">Anomalous days</th>\
        <th class="num">Days</th><th class="num">Flights</th><th class="num">Cancelled</th>\
        <th class="num" title="Mean departure delay of the year, weighted by departed flights">\
        Mean delay (min)</th><th>Charts</th></tr></thead>
        <tbody>
        """);
    int rank = 0;
    int previous = -1;
    for (int i = 0; i < ranked.size(); i++) {
      AirportYear a = ranked.get(i);
      int anomalies = a.anomalies().size();
      // Ties share a rank (1, 1, 3): the order among them is only alphabetical.
      if (anomalies != previous) {
        rank = i + 1;
        previous = anomalies;
      }
      String code = esc(a.airport());
      html.append("<tr data-airport=\"")
          .append(code)
          .append("\">")
          .append("<td class=\"num\">")
          .append(rank)
          .append("</td>")
          .append("<td><a href=\"#")
          .append(code)
          .append("\">")
          .append(code)
          .append("</a></td>")
          .append("<td class=\"num\">")
          .append(count(anomalies))
          .append("</td>")
          .append("<td class=\"num\">")
          .append(count(a.days().size()))
          .append("</td>")
          .append("<td class=\"num\">")
          .append(count(a.flights()))
          .append("</td>")
          .append("<td class=\"num\">")
          .append(count(a.cancelled()))
          .append("</td>")
          .append("<td class=\"num\">")
          .append(minutes(a.meanDepDelay()))
          .append("</td>")
          .append("<td><a href=\"")
          .append(code)
          .append('/')
          .append(AirportChart.DAILY_FLIGHTS.fileName())
          .append("\">flights</a> · <a href=\"")
          .append(code)
          .append('/')
          .append(AirportChart.DELAY_VS_EXPECTED.fileName())
          .append("\">delay</a></td></tr>\n");
    }
    html.append("</tbody>\n</table>\n</section>\n");
  }

  private static String fact(String name, String value) {
    return "<div><dt>" + esc(name) + "</dt><dd>" + esc(value) + "</dd></div>";
  }

  private static String count(long n) {
    return String.format(Locale.ENGLISH, "%,d", n);
  }

  private static String minutes(Double value) {
    return value == null ? "—" : String.format(Locale.ENGLISH, "%.1f", value);
  }

  private static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  private static Double round(Double value) {
    return value == null || value.isNaN() || value.isInfinite()
        ? null
        : Math.round(value * 100) / 100.0;
  }

  private static String json(Data data) {
    try {
      return JSON.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("report data not serializable", e);
    }
  }

  /** Text for HTML content and double-quoted attributes. */
  static String esc(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * JSON that can sit inside a {@code <script>} element: {@code <}, {@code >} and {@code &} only
   * occur inside JSON strings, where their {@code \\u} escapes mean the same, so no {@code
   * </script>} or {@code <!--} can end the element early. U+2028/9 are escaped for old parsers.
   */
  static String scriptSafe(String json) {
    return json.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029");
  }

  private static final String HEAD =
      """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>{{title}}</title>
      <style>
      :root { --ink: #1d2733; --muted: #5b6673; --line: #d9dee5; --accent: #1f56a0; --anomaly: #d62728; }
      * { box-sizing: border-box; }
      body { margin: 0; color: var(--ink); background: #f6f7f9;
        font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
      header { background: #fff; border-bottom: 1px solid var(--line); padding: 16px 24px; }
      h1 { margin: 0 0 8px; font-size: 22px; }
      h1 span { font-weight: normal; color: var(--muted); }
      .facts { display: flex; flex-wrap: wrap; gap: 6px 28px; margin: 0; }
      .facts div { display: flex; gap: 6px; }
      .facts dt { color: var(--muted); }
      .facts dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
      main { max-width: 1260px; margin: 0 auto; padding: 8px 24px 40px; }
      section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 16px 20px; margin-top: 20px; }
      .picker { display: flex; flex-wrap: wrap; align-items: center; gap: 10px; }
      .picker label { font-weight: 600; }
      .picker input, .picker select { font: inherit; padding: 5px 8px; border: 1px solid #b9c1cc; border-radius: 4px; }
      .picker input { width: 14em; }
      .picker select { min-width: 18em; }
      h2 { margin: 16px 0 4px; font-size: 19px; }
      h3 { margin: 18px 0 6px; font-size: 16px; }
      .muted { color: var(--muted); margin-top: 0; }
      figure { margin: 12px 0; }
      img { max-width: 100%; height: auto; border: 1px solid var(--line); background: #fff; }
      table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
      th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; }
      th { background: #eef1f5; position: sticky; top: 0; }
      td.num, th.num { text-align: right; }
      #anomalies td:first-child { color: var(--anomaly); font-weight: 600; }
      #ranking tr.current td { background: #fff6d6; }
      a { color: var(--accent); }
      .empty { font-size: 17px; }
      </style>
      </head>
      <body>
      """;

  private static final String SCRIPT =
      """

      (function () {
        "use strict";
        var data = JSON.parse(document.getElementById("data").textContent);
        var byCode = {};
        data.airports.forEach(function (a) { byCode[a.airport] = a; });
        var select = document.getElementById("airport");
        var search = document.getElementById("search");
        var shown = null;

        function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
        function number(v, digits) {
          if (v === null || v === undefined) { return "\\u2014"; }
          return v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
        }
        function cause(c) { return c ? c.replace(/_/g, " ") : "\\u2014"; }
        function codeFromHash() {
          var code = decodeURIComponent(location.hash.replace(/^#/, "")).trim().toUpperCase();
          return byCode[code] ? code : null;
        }

        function fillOptions() {
          var query = search.value.trim().toUpperCase();
          select.textContent = "";
          data.airports.forEach(function (a) {
            if (query && a.airport.indexOf(query) === -1) { return; }
            var option = document.createElement("option");
            option.value = a.airport;
            option.textContent = a.airport + " \\u2014 " + plural(a.anomalies.length, "anomalous day");
            select.appendChild(option);
          });
          var codes = Array.prototype.map.call(select.options, function (o) { return o.value; });
          if (codes.indexOf(shown) !== -1) {
            select.value = shown;
          } else if (codes.length) {
            location.replace("#" + codes[0]);
          }
        }

        function cell(row, text, numeric) {
          var td = document.createElement("td");
          td.textContent = text;
          if (numeric) { td.className = "num"; }
          row.appendChild(td);
        }

        function show(code) {
          var a = byCode[code];
          shown = code;
          select.value = code;
          document.title = code + " \\u2014 DelayWatch " + data.year;
          document.getElementById("airport-name").textContent = code + " \\u2014 " + data.year;
          document.getElementById("airport-facts").textContent =
            number(a.days, 0) + " days with flights \\u00b7 " + number(a.flights, 0) + " flights \\u00b7 " +
            number(a.cancelled, 0) + " cancelled \\u00b7 mean departure delay " + number(a.mean_dep_delay, 1) +
            " min \\u00b7 " + plural(a.anomalies.length, "anomalous day");
          var flights = document.getElementById("chart-flights");
          flights.src = encodeURIComponent(code) + "/" + data.charts.daily_flights;
          flights.alt = code + " daily flights " + data.year;
          var delay = document.getElementById("chart-delay");
          delay.src = encodeURIComponent(code) + "/" + data.charts.delay_vs_expected;
          delay.alt = code + " departure delay vs expected " + data.year;
          var body = document.querySelector("#anomalies tbody");
          body.textContent = "";
          a.anomalies.forEach(function (d) {
            var row = document.createElement("tr");
            cell(row, d.flight_date, false);
            cell(row, number(d.flights, 0), true);
            cell(row, number(d.cancelled, 0), true);
            cell(row, number(d.avg_dep_delay, 1), true);
            cell(row, number(d.expected_dep_delay, 1), true);
            cell(row, number(d.anomaly_score, 2), true);
            cell(row, cause(d.main_cause), false);
            body.appendChild(row);
          });
          document.getElementById("anomalies").hidden = a.anomalies.length === 0;
          document.getElementById("no-anomalies").hidden = a.anomalies.length > 0;
          Array.prototype.forEach.call(document.querySelectorAll("#ranking tbody tr"), function (tr) {
            tr.className = tr.getAttribute("data-airport") === code ? "current" : "";
          });
        }

        select.addEventListener("change", function () { location.hash = select.value; });
        search.addEventListener("input", fillOptions);
        search.addEventListener("keydown", function (e) {
          if (e.key === "Enter" && select.options.length) { location.hash = select.options[0].value; }
        });
        window.addEventListener("hashchange", function () {
          var code = codeFromHash();
          if (code) {
            show(code);
            var view = document.getElementById("airport-view");
            if (view.getBoundingClientRect().top < 0) { view.scrollIntoView(); }
          }
        });
        if (data.airports.length) { show(codeFromHash() || data.ranking[0]); }
      })();
      """;
}
