package io.delaywatch.plot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delaywatch.chart.ScoredDays;
import io.delaywatch.daily.DailyAirportStats;
import io.delaywatch.daily.ScoredDay;
import io.delaywatch.task.Fingerprints;
import io.delaywatch.task.TaskHarness;
import io.delaywatch.task.TaskHarness.Outcome;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  /** One run over the fixture year, shared by the tests that only read what it wrote. */
  @TempDir static Path plotted;

  private static Outcome outcome;

  @TempDir Path lake;

  @BeforeAll
  static void plotTheFixtureYear() throws IOException {
    ScoredDays.writeScored(plotted, ScoredDays.year());
    outcome = plot(plotted, "--threads", "2");
  }

  private static Outcome plot(Path warehouse, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of("--warehouse", warehouse.toString(), "--year", "2015", "--run-id", "r1"));
    args.addAll(List.of(extra));
    return TaskHarness.run(new Main(), args.toArray(String[]::new));
  }

  /** The report page of the run the year's entry page points to. */
  private static String index(Path warehouse) throws IOException {
    return Files.readString(runFolder(warehouse).resolve("index.html"));
  }

  /** The folder of the run the year's entry page points to (plots/2015/run-…/). */
  private static Path runFolder(Path warehouse) throws IOException {
    String entry = Files.readString(warehouse.resolve("plots/2015/index.html"));
    int start = entry.indexOf("href=\"") + "href=\"".length();
    String target = entry.substring(start, entry.indexOf('"', start));
    assertThat(target).matches("run-[0-9a-f]{12}/index.html");
    return warehouse.resolve("plots/2015").resolve(target).getParent();
  }

  @Test
  void drawsBothChartsOfEveryAirportAsValidPngs() throws IOException {
    assertThat(outcome.exit()).isZero();
    for (String airport : ScoredDays.AIRPORTS) {
      for (String chart : List.of("daily_flights.png", "delay_vs_expected.png")) {
        Path png = runFolder(plotted).resolve(airport).resolve(chart);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as(png.toString()).isNotNull();
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(image.getHeight()).isEqualTo(500);
      }
    }
  }

  @Test
  void reportNamesEveryAirportAndLinksBothOfItsChartsRelatively() throws IOException {
    String html = index(plotted);

    for (String airport : ScoredDays.AIRPORTS) {
      assertThat(html)
          .contains("<option value=\"" + airport + "\">")
          .contains("href=\"#" + airport + "\"")
          .contains("href=\"" + airport + "/daily_flights.png\"")
          .contains("href=\"" + airport + "/delay_vs_expected.png\"");
    }
    assertThat(html)
        .contains("<select id=\"airport\"", "<input id=\"search\"", "<table id=\"anomalies\">")
        // Without script, the most anomalous airport's charts are shown.
        .contains("src=\"ATL/daily_flights.png\"", "src=\"ATL/delay_vs_expected.png\"")
        .doesNotContain("http://", "https://", "<link", "src=\"/");
  }

  @Test
  void reportDataListsExactlyTheAnomalousDaysOfEachAirport() throws IOException {
    JsonNode data = embeddedData(index(plotted));

    assertThat(data.get("year").asInt()).isEqualTo(2015);
    assertThat(data.get("detectors").get(0).asText()).isEqualTo(ScoredDays.DETECTOR);
    assertThat(data.get("airports")).hasSize(3);
    for (JsonNode airport : data.get("airports")) {
      List<LocalDate> listed = new ArrayList<>();
      airport
          .get("anomalies")
          .forEach(d -> listed.add(LocalDate.parse(d.get("flight_date").asText())));
      assertThat(listed)
          .as(airport.get("airport").asText())
          .isEqualTo(ScoredDays.anomalousDays(airport.get("airport").asText()));
    }
    JsonNode closedDay = data.get("airports").get(0).get("anomalies").get(1);
    assertThat(closedDay.get("flight_date").asText()).isEqualTo("2015-01-27");
    assertThat(closedDay.get("avg_dep_delay").isNull()).isTrue();
    assertThat(closedDay.get("cancelled").asInt()).isEqualTo(closedDay.get("flights").asInt());
    assertThat(data.get("ranking").toString()).isEqualTo("[\"ATL\",\"BOS\",\"XWA\"]");
  }

  @Test
  void manifestCountsAirportsChartsAndAnomaliesAndNamesTheReport() throws IOException {
    List<ScoredDay> rows = ScoredDays.year();
    Path plots = plotted.resolve("plots/2015");

    JsonNode manifest = outcome.manifest();

    assertThat(manifest.get("status").asText()).isEqualTo("done");
    assertThat(manifest.get("counts").get("airports").asLong()).isEqualTo(3);
    assertThat(manifest.get("counts").get("charts").asLong()).isEqualTo(6);
    assertThat(manifest.get("counts").get("anomalies").asLong())
        .isEqualTo(rows.stream().filter(ScoredDay::anomaly).count());
    assertThat(manifest.get("counts").get("rows_read").asLong()).isEqualTo(rows.size());
    assertThat(manifest.get("inputs").get(0).asText())
        .isEqualTo(
            plotted
                .resolve("scored/airport_anomalies/year=2015/anomalies.parquet")
                .toUri()
                .toString());
    assertThat(manifest.get("outputs").get(0).asText())
        .isEqualTo(plots.resolve("index.html").toUri().toString());
    assertThat(manifest.get("outputs").get(1).asText()).startsWith(plots.toUri().toString());
    assertThat(plotted.resolve("runs/year=2015/plot.json")).exists();
  }

  @Test
  void theFolderFingerprintIsWhatAReaderRecomputesFromTheFilesWritten() throws IOException {
    // The charts are fingerprinted from memory as they are put; a reader has only the files.
    Path folder = runFolder(plotted);
    String folderKey = "plots/2015/" + folder.getFileName() + "/";
    StringBuilder listing = new StringBuilder();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        listing
            .append(folderKey)
            .append(folder.relativize(file).toString().replace('\\', '/'))
            .append(' ')
            .append(Fingerprints.of(file))
            .append('\n');
      }
    }

    assertThat(listing.toString()).contains("/ATL/delay_vs_expected.png sha256:");
    assertThat(outcome.manifest().get("fingerprints").get(folderKey).asText())
        .isEqualTo(Fingerprints.of(listing.toString().getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aRerunPublishesItsOwnFolderSwitchesTheEntryPageThenDeletesTheOlderRun() throws IOException {
    ScoredDays.writeScored(lake, ScoredDays.year());
    assertThat(plot(lake).exit()).isZero();
    Path first = runFolder(lake);

    ScoredDays.writeScored(
        lake, ScoredDays.year().stream().filter(d -> !d.day().airport().equals("XWA")).toList());
    Outcome rerun = plot(lake);

    assertThat(rerun.exit()).isZero();
    Path second = runFolder(lake);
    assertThat(second).isNotEqualTo(first);
    assertThat(first).doesNotExist();
    assertThat(files(lake.resolve("plots/2015")))
        .containsExactly(
            Path.of("index.html"),
            lake.resolve("plots/2015").relativize(second).resolve("ATL/daily_flights.png"),
            lake.resolve("plots/2015").relativize(second).resolve("ATL/delay_vs_expected.png"),
            lake.resolve("plots/2015").relativize(second).resolve("BOS/daily_flights.png"),
            lake.resolve("plots/2015").relativize(second).resolve("BOS/delay_vs_expected.png"),
            lake.resolve("plots/2015").relativize(second).resolve("index.html"));
    assertThat(index(lake)).doesNotContain("XWA");
    assertThat(rerun.manifest().get("counts").get("older_files_deleted").asLong()).isEqualTo(7);
  }

  @Test
  void theSameInputAndRunIdGiveTheSameFolderAndBytes() throws IOException {
    ScoredDays.writeScored(lake, ScoredDays.year());
    assertThat(plot(lake).exit()).isZero();
    Path folder = runFolder(lake);
    List<byte[]> first = contents(lake.resolve("plots/2015"));

    assertThat(plot(lake).exit()).isZero();

    assertThat(runFolder(lake)).isEqualTo(folder);
    assertThat(contents(lake.resolve("plots/2015"))).containsExactlyElementsOf(first);
  }

  @Test
  void whatAKilledRunLeftIsSweptAndThePreviousReportStaysWholeUntilTheSwitch() throws IOException {
    ScoredDays.writeScored(lake, ScoredDays.year());
    // A killed run: a partial folder, the old layout's charts, and half-written files.
    Path partial = Files.createDirectories(lake.resolve("plots/2015/run-000000000000/ATL"));
    Files.writeString(partial.resolve("daily_flights.png"), "half");
    Files.writeString(partial.resolve(".tmp-delay_vs_expected.png-1.part"), "half");
    Path old = Files.createDirectories(lake.resolve("plots/2015/ATL"));
    Files.writeString(old.resolve("daily_flights.png"), "old layout");
    Files.writeString(lake.resolve("plots/2015/.tmp-index.html-2.part"), "half");

    assertThat(plot(lake).exit()).isZero();

    assertThat(lake.resolve("plots/2015/run-000000000000")).doesNotExist();
    assertThat(lake.resolve("plots/2015/ATL")).doesNotExist();
    assertThat(lake.resolve("plots/2015/.tmp-index.html-2.part")).doesNotExist();
    assertThat(files(lake.resolve("plots/2015"))).hasSize(8);
  }

  @Test
  void aScoredFileThatDetectsManifestDoesNotCommitIsRefusedAndTheReportIsKept() throws IOException {
    ScoredDays.writeScored(lake, ScoredDays.year());
    assertThat(plot(lake).exit()).isZero();
    List<byte[]> before = contents(lake.resolve("plots/2015"));
    String manifest = Files.readString(lake.resolve("runs/year=2015/detect.json"));
    // detect replaced the scored file (another detector), then failed to write its manifest.
    ScoredDays.writeScored(
        lake, ScoredDays.year().stream().filter(d -> !d.day().airport().equals("BOS")).toList());
    Files.writeString(lake.resolve("runs/year=2015/detect.json"), manifest);

    Outcome refused = plot(lake);

    String scored =
        lake.resolve("scored/airport_anomalies/year=2015/anomalies.parquet").toUri().toString();
    assertThat(refused.exit()).isEqualTo(3);
    assertThat(refused.manifest().get("error").asText())
        .startsWith(scored + " is not the file detect committed (it is sha256:")
        .endsWith(
            "names "
                + manifest.substring(manifest.indexOf("sha256:"), manifest.indexOf("sha256:") + 19)
                + ": detect stopped after writing it, or it was replaced); rerun detect for 2015");
    assertThat(contents(lake.resolve("plots/2015"))).containsExactlyElementsOf(before);
  }

  @Test
  void missingScoredFileFailsWithExitThreeNamingItAndDetect() throws IOException {
    Outcome missing = plot(lake);

    assertThat(missing.exit()).isEqualTo(3);
    String uri =
        lake.resolve("scored/airport_anomalies/year=2015/anomalies.parquet").toUri().toString();
    assertThat(missing.manifest().get("error").asText())
        .isEqualTo(uri + " does not exist: run detect for 2015 first");
    assertThat(lake.resolve("plots")).doesNotExist();
  }

  @Test
  void rowOfAnotherYearFailsWithExitThreeNamingTheFileAndTheRow() throws IOException {
    List<ScoredDay> rows = new ArrayList<>(ScoredDays.year());
    DailyAirportStats lastYear =
        new DailyAirportStats(
            "ATL", LocalDate.of(2014, 12, 31), 1, 1, 0, 0, 1.0, 0.0, 0, 0, 0, 0, 0);
    rows.add(new ScoredDay(lastYear, 1.0, 0.0, 2.0, 0.0, null, ScoredDays.DETECTOR));
    ScoredDays.writeScored(lake, rows);

    Outcome invalid = plot(lake);

    assertThat(invalid.exit()).isEqualTo(3);
    String uri =
        lake.resolve("scored/airport_anomalies/year=2015/anomalies.parquet").toUri().toString();
    assertThat(invalid.manifest().get("error").asText())
        .isEqualTo(uri + ": row ATL 2014-12-31 is not in year 2015");
  }

  @Test
  void threadsBelowOneIsAUsageError() throws IOException {
    ScoredDays.writeScored(lake, ScoredDays.year());

    assertThat(plot(lake, "--threads", "0").exit()).isEqualTo(2);
  }

  static JsonNode embeddedData(String html) throws IOException {
    String open = "<script type=\"application/json\" id=\"data\">";
    int start = html.indexOf(open) + open.length();
    return new ObjectMapper().readTree(html.substring(start, html.indexOf("</script>", start)));
  }

  private static List<byte[]> contents(Path dir) throws IOException {
    List<byte[]> all = new ArrayList<>();
    for (Path file : files(dir)) {
      all.add(Files.readAllBytes(dir.resolve(file)));
    }
    return all;
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
    }
  }
}
