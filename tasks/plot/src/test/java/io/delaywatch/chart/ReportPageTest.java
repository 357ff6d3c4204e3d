package io.delaywatch.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delaywatch.daily.AnomalyKind;
import io.delaywatch.daily.ScoredDay;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportPageTest {
  private static final Pattern RANK_ROW =
      Pattern.compile("<tr data-airport=\"(\\w+)\"><td class=\"num\">(\\d+)</td>");

  private static JsonNode data(String html) throws IOException {
    String open = "<script type=\"application/json\" id=\"data\">";
    int start = html.indexOf(open) + open.length();
    return new ObjectMapper().readTree(html.substring(start, html.indexOf("</script>", start)));
  }

  private static ScoredDay day(String airport, int dayOfYear, boolean anomaly, String detector) {
    ScoredDay d =
        ScoredDays.scored(
            airport,
            LocalDate.ofYearDay(2015, dayOfYear),
            100,
            1,
            5.0,
            4.0,
            0.0,
            9.0,
            0.5,
            anomaly);
    return new ScoredDay(
        d.day(),
        d.expectedDepDelay(),
        d.lowerBound(),
        d.upperBound(),
        d.anomalyScore(),
        d.kind(),
        detector);
  }

  @Test
  void headerShowsYearDetectorAndCounts() {
    String html =
        ReportPage.render(ChartYear.of(2015, "test", ScoredDays.year()), "scheduled__2015");

    assertThat(html)
        .contains("<title>DelayWatch 2015 — departure-delay anomalies</title>")
        .contains("<dt>Detector</dt><dd>rolling_zscore</dd>")
        .contains("<dt>Airports</dt><dd>3</dd>")
        .contains("<dt>Airport-days</dt><dd>989</dd>")
        .contains("<dt>Anomalous days</dt><dd>9 (0.9 %)</dd>")
        .contains("<dt>Run</dt><dd>scheduled__2015</dd>");
  }

  @Test
  void textFromTheDataCannotEndTheScriptOrInjectMarkup() throws IOException {
    String detector = "z</script><script>alert(1)</script><!--&";
    List<ScoredDay> rows = List.of(day("ATL", 1, true, detector), day("ATL", 2, false, detector));

    String html = ReportPage.render(ChartYear.of(2015, "test", rows), "run <b>1</b>");

    assertThat(html.split("</script>", -1)).hasSize(3);
    assertThat(html)
        .doesNotContain("<script>alert", "<b>1</b>")
        .contains("run &lt;b&gt;1&lt;/b&gt;");
    assertThat(data(html).get("detectors").get(0).asText()).isEqualTo(detector);
  }

  @Test
  void rankingPutsTheMostAnomalousAirportFirstAndTiesShareARank() {
    List<ScoredDay> rows = new ArrayList<>();
    rows.add(day("ORD", 1, true, "d"));
    rows.add(day("ORD", 2, true, "d"));
    rows.add(day("BOS", 1, true, "d"));
    rows.add(day("ATL", 1, true, "d"));
    rows.add(day("SFO", 1, false, "d"));

    String html = ReportPage.render(ChartYear.of(2015, "test", rows), "r");

    List<String> ranking = new ArrayList<>();
    Matcher row = RANK_ROW.matcher(html);
    while (row.find()) {
      ranking.add(row.group(2) + " " + row.group(1));
    }
    assertThat(ranking).containsExactly("1 ORD", "2 ATL", "2 BOS", "4 SFO");
  }

  @Test
  void pickerListsAirportsByCodeWithTheirAnomalyCounts() {
    String html = ReportPage.render(ChartYear.of(2015, "test", ScoredDays.year()), "r");

    assertThat(html)
        .containsSubsequence(
            "<option value=\"ATL\">ATL — 7 anomalous days</option>",
            "<option value=\"BOS\">BOS — 2 anomalous days</option>",
            "<option value=\"XWA\">XWA — 0 anomalous days</option>");
  }

  @Test
  void anEmptyYearStillGivesAPageSayingSo() throws IOException {
    String html = ReportPage.render(ChartYear.of(2015, "test", List.of()), "r");

    assertThat(html).contains("No airport has scored days in 2015.").doesNotContain("<select");
    assertThat(data(html).get("airports")).isEmpty();
  }

  @Test
  void everyAnomalousDayCarriesItsKindAndTheTableHasAKindColumn() throws IOException {
    String html = ReportPage.render(ChartYear.of(2015, "test", ScoredDays.year()), "r");

    List<String> kinds = new ArrayList<>();
    data(html)
        .get("airports")
        .get(0)
        .get("anomalies")
        .forEach(a -> kinds.add(a.get("anomaly_kind").asText()));
    assertThat(kinds)
        .containsExactly(
            "CANCELLATIONS",
            "CANCELLATIONS",
            "HIGH_DELAY",
            "HIGH_DELAY",
            "LOW_DELAY",
            "COLLAPSE",
            "COLLAPSE");
    assertThat(html).contains("<thead><tr><th>Date</th><th>Kind</th>");
  }

  @Test
  void aDayWhenManyAirportsAreFlaggedIsListedOnceAsANetworkEvent() throws IOException {
    List<ScoredDay> rows = new ArrayList<>();
    LocalDate storm = LocalDate.of(2015, 1, 26);
    for (int i = 0; i < 100; i++) {
      String code = String.format("A%02d", i);
      AnomalyKind kind = i < 5 ? AnomalyKind.CANCELLATIONS : i == 5 ? AnomalyKind.HIGH_DELAY : null;
      rows.add(ScoredDays.scored(code, storm, 100 + i, 10, 20.0, 10.0, 0.0, 20.0, 1.0, kind));
      // The next day only 4 airports are flagged: under the rule's 5.
      rows.add(
          ScoredDays.scored(
              code,
              storm.plusDays(1),
              100,
              1,
              9.0,
              10.0,
              0.0,
              20.0,
              0.1,
              i < 4 ? AnomalyKind.HIGH_DELAY : null));
    }

    String html = ReportPage.render(ChartYear.of(2015, "test", rows), "r");

    JsonNode events = data(html).get("event_days");
    assertThat(events).hasSize(1);
    assertThat(events.get(0).get("flight_date").asText()).isEqualTo("2015-01-26");
    assertThat(events.get(0).get("main_kind").asText()).isEqualTo("CANCELLATIONS");
    assertThat(events.get(0).get("kinds").get("CANCELLATIONS").asInt()).isEqualTo(5);
    assertThat(events.get(0).get("airports").toString())
        .isEqualTo("[\"A05\",\"A04\",\"A03\",\"A02\",\"A01\",\"A00\"]");
    assertThat(html)
        .contains("<td>2015-01-26</td><td class=\"num\">6 of 100</td>")
        .contains("CANCELLATIONS 5, HIGH_DELAY 1");
  }

  @Test
  void aYearWithoutEventDaysSaysSo() {
    String html = ReportPage.render(ChartYear.of(2015, "test", ScoredDays.year()), "r");

    assertThat(html).contains("No event day this year.");
  }
}
