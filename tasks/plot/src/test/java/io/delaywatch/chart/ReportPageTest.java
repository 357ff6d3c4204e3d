package io.delaywatch.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        .contains("<dt>Anomalous days</dt><dd>6 (0.6 %)</dd>")
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
            "<option value=\"ATL\">ATL — 4 anomalous days</option>",
            "<option value=\"BOS\">BOS — 2 anomalous days</option>",
            "<option value=\"XWA\">XWA — 0 anomalous days</option>");
  }

  @Test
  void anEmptyYearStillGivesAPageSayingSo() throws IOException {
    String html = ReportPage.render(ChartYear.of(2015, "test", List.of()), "r");

    assertThat(html).contains("No airport has scored days in 2015.").doesNotContain("<select");
    assertThat(data(html).get("airports")).isEmpty();
  }
}
