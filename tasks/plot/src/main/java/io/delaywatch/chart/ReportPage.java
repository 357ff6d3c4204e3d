package io.delaywatch.chart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.delaywatch.daily.NetworkEventDay;
import io.delaywatch.daily.ScoredDay;
import io.delaywatch.storage.LakePaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The browsable report of a year, {@code plots/YYYY/index.html}: one self-contained page (the style
 * sheet {@code report.css} and script {@code report.js}, resources next to this class, are inlined;
 * no external resource) that works from a local folder, a static website or an S3 bucket, since it
 * links the charts relatively ({@code ATL/daily_flights.png}).
 *
 * <p>It has a header with the year's facts, an airport picker ({@code select#airport} filtered by
 * {@code input#search}; {@code index.html#ATL} opens ATL), the selected airport's charts and its
 * anomalous days with their kind ({@code table#anomalies}), the year's network-wide event days
 * ({@code table#events}, see {@link NetworkEventDay}), and a ranking of the airports by anomalous
 * days ({@code table#ranking}, plain HTML that works without script). The per-airport data is
 * embedded as JSON in {@code script#data}, its keys named like the dataset's columns.
 */
public final class ReportPage {
  private static final ObjectMapper JSON =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  /** The page's style sheet and script, inlined so the page stays one file. */
  private static final String STYLE = resource("report.css");

  private static final String SCRIPT = resource("report.js");

  private ReportPage() {}

  private static String resource(String name) {
    try (InputStream in = ReportPage.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " missing from the plot jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The embedded data: what the page's script reads. */
  record Data(
      int year,
      String runId,
      List<String> detectors,
      long days,
      long anomalies,
      Map<String, String> charts,
      List<String> ranking,
      List<Airport> airports,
      List<EventDay> eventDays) {}

  /** A network-wide event day ({@link NetworkEventDay}). */
  record EventDay(
      String flightDate,
      int airportsReporting,
      int airportsAnomalous,
      Map<String, Integer> kinds,
      String mainKind,
      List<String> airports) {}

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
      String anomalyKind,
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
        HEAD.replace("{{style}}", STYLE)
            .replace(
                "{{title}}", esc("DelayWatch " + year.year() + " — departure-delay anomalies")));
    header(html, year, runId);
    if (year.airports().isEmpty()) {
      html.append("<main><p class=\"empty\">No airport has scored days in ")
          .append(year.year())
          .append(".</p></main>\n");
    } else {
      html.append("<main>\n");
      airportView(html, year, ranked.get(0));
      eventTable(html, data.eventDays());
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
                d.kind().name(),
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
        airports,
        eventDays(year).stream()
            .map(
                e -> {
                  Map<String, Integer> kinds = new LinkedHashMap<>();
                  e.kinds().forEach((k, n) -> kinds.put(k.name(), n));
                  return new EventDay(
                      e.flightDate().toString(),
                      e.airportsReporting(),
                      e.airportsAnomalous(),
                      kinds,
                      e.mainKind().name(),
                      e.airports());
                })
            .toList());
  }

  static List<NetworkEventDay> eventDays(ChartYear year) {
    List<ScoredDay> rows = new ArrayList<>();
    year.airports().forEach(a -> rows.addAll(a.days()));
    return NetworkEventDay.find(rows);
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
        <thead><tr><th>Date</th><th>Kind</th><th class="num">Flights</th><th class="num">Cancelled</th>\
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

  /**
   * The network-wide event days ({@link NetworkEventDay}), plain HTML: a storm across the network
   * reads as one row here rather than as one row per airport in the tables above.
   */
  private static void eventTable(StringBuilder html, List<EventDay> events) {
    html.append(
        """
        <section id="network">
        <h2>Network-wide event days</h2>
        <p class="muted">Days on which at least {{min}} airports, and at least {{share}}% of the         airports with flights that day, were anomalous together. Airports busiest first.</p>
        """
            .replace("{{min}}", String.valueOf(NetworkEventDay.MIN_AIRPORTS))
            .replace("{{share}}", String.valueOf(NetworkEventDay.MIN_SHARE_PERCENT)));
    if (events.isEmpty()) {
      html.append("<p id=\"no-events\" class=\"muted\">No event day this year.</p>\n</section>\n");
      return;
    }
    html.append(
        """
        <table id="events">
        <thead><tr><th>Date</th><th class="num">Airports</th><th>Main kind</th><th>Kinds</th>        <th>Airports flagged</th></tr></thead>
        <tbody>
        """);
    for (EventDay e : events) {
      List<String> kinds = new ArrayList<>();
      e.kinds().entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
          .forEach(k -> kinds.add(k.getKey() + " " + k.getValue()));
      List<String> links =
          e.airports().stream().map(a -> "<a href=\"#" + esc(a) + "\">" + esc(a) + "</a>").toList();
      html.append("<tr><td>")
          .append(esc(e.flightDate()))
          .append("</td><td class=\"num\">")
          .append(e.airportsAnomalous())
          .append(" of ")
          .append(e.airportsReporting())
          .append("</td><td><span class=\"kind kind-")
          .append(esc(e.mainKind()))
          .append("\">")
          .append(esc(e.mainKind()))
          .append("</span></td><td>")
          .append(esc(String.join(", ", kinds)))
          .append("</td><td class=\"airports\">")
          .append(String.join(" ", links))
          .append("</td></tr>\n");
    }
    html.append("</tbody>\n</table>\n</section>\n");
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
      {{style}}</style>
      </head>
      <body>
      """;
}
