package io.delaywatch.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delaywatch.daily.DailyAirportStats;
import io.delaywatch.daily.DailyCodec;
import io.delaywatch.daily.ScoredCodec;
import io.delaywatch.daily.ScoredDay;
import io.delaywatch.parquet.ParquetRowReader;
import io.delaywatch.parquet.ParquetRowWriter;
import io.delaywatch.storage.FileObjectStore;
import io.delaywatch.storage.LakePaths;
import io.delaywatch.task.TaskCommandLine;
import io.delaywatch.task.TaskHarness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {
  private static final int YEAR = 2015;
  private static final LocalDate STORM = LocalDate.of(YEAR, 2, 10);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path lake;

  private String err = "";

  @Test
  void scoresEveryDailyRowAndPrintsTheManifestLast() throws IOException {
    List<DailyAirportStats> daily = writeDaily();

    Run run = detect("--warehouse", lake.toString(), "--year", "2015", "--run-id", "r1");

    assertThat(run.exitCode()).isZero();
    List<ScoredDay> scored = ParquetRowReader.readAll(scoredFile(), ScoredCodec.INSTANCE);
    assertThat(scored).hasSameSizeAs(daily);
    assertThat(scored).extracting(ScoredDay::day).containsExactlyElementsOf(daily);
    assertThat(scored)
        .filteredOn(ScoredDay::anomaly)
        .extracting(s -> s.day().flightDate())
        .containsExactly(STORM);
    JsonNode manifest = run.manifest();
    assertThat(manifest.path("task").asText()).isEqualTo("detect");
    assertThat(manifest.path("year").asInt()).isEqualTo(YEAR);
    assertThat(manifest.path("run_id").asText()).isEqualTo("r1");
    assertThat(manifest.path("status").asText()).isEqualTo("done");
    assertThat(manifest.path("counts").path("rows").asLong()).isEqualTo(daily.size());
    assertThat(manifest.path("counts").path("airports").asLong()).isEqualTo(3);
    assertThat(manifest.path("counts").path("anomalies").asLong()).isEqualTo(1);
    assertThat(manifest.path("counts").path("anomalies_high_delay").asLong()).isEqualTo(1);
    assertThat(manifest.path("counts").path("anomalies_cancellations").asLong()).isZero();
    assertThat(manifest.path("details").path("detector").asText()).isEqualTo("robust");
    assertThat(manifest.path("details").path("parameters").path("threshold").asDouble())
        .isEqualTo(4.0);
    assertThat(manifest.path("outputs").get(0).asText()).endsWith(LakePaths.scored(YEAR));
    assertThat(lake.resolve(LakePaths.manifest(YEAR, "detect"))).exists();
  }

  @Test
  void theChosenDetectorAndItsOptionsReachTheRowsAndTheManifest() throws IOException {
    writeDaily();

    Run run =
        detect(
            "--warehouse",
            lake.toString(),
            "--year",
            "2015",
            "--detector",
            "zscore",
            "--no-two-sided",
            "--threshold",
            "2.5");

    assertThat(run.exitCode()).isZero();
    assertThat(ParquetRowReader.readAll(scoredFile(), ScoredCodec.INSTANCE))
        .extracting(ScoredDay::detector)
        .containsOnly("zscore");
    JsonNode parameters = run.manifest().path("details").path("parameters");
    assertThat(parameters.path("threshold").asDouble()).isEqualTo(2.5);
    assertThat(parameters.path("two_sided").asBoolean()).isFalse();
  }

  @Test
  void everyDetectorRunsAsATaskWithItsOwnOptionsAndRerunsIdentically() throws IOException {
    writeDaily();
    String[][] runs = {
      {"--detector", "arima", "--level", "0.9", "--order-search", "bic"},
      {"--detector", "rcf", "--threshold-scope", "year", "--seed", "7"},
      {"--detector", "iforest", "--contamination", "0.05"},
    };
    for (String[] options : runs) {
      List<String> args =
          new ArrayList<>(
              List.of("--warehouse", lake.toString(), "--year", "2015", "--run-id", "same"));
      args.addAll(List.of(options));

      Run run = detect(args.toArray(String[]::new));
      byte[] first = Files.readAllBytes(scoredFile());
      Run again = detect(args.toArray(String[]::new));

      assertThat(run.exitCode()).as(String.join(" ", options)).isZero();
      assertThat(again.exitCode()).isZero();
      assertThat(Files.readAllBytes(scoredFile())).as(String.join(" ", options)).isEqualTo(first);
      assertThat(run.manifest().path("details").path("detector").asText()).isEqualTo(options[1]);
    }
    JsonNode arima = detectManifest("--detector", "arima", "--level", "0.9");
    assertThat(arima.path("details").path("parameters").path("level").asDouble()).isEqualTo(0.9);
    assertThat(arima.path("details").path("parameters").path("threshold").asDouble())
        .isCloseTo(1.6449, within(1e-4));
    JsonNode rcf = detectManifest("--detector", "rcf", "--threshold-scope", "year");
    assertThat(rcf.path("details").path("parameters").path("threshold_scope").asText())
        .isEqualTo("year");
  }

  @Test
  void aDetectorOptionWithAnUnknownValueIsAUsageErrorListingTheKnownOnes() throws IOException {
    writeDaily();

    Run run =
        detect(
            "--warehouse",
            lake.toString(),
            "--year",
            "2015",
            "--detector",
            "arima",
            "--order-search",
            "guess");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(err).contains("--order-search must be one of aic, bic, walk-forward, got 'guess'");
    assertThat(lake.resolve(LakePaths.scored(YEAR))).doesNotExist();
  }

  private JsonNode detectManifest(String... options) throws IOException {
    List<String> args = new ArrayList<>(List.of("--warehouse", lake.toString(), "--year", "2015"));
    args.addAll(List.of(options));
    Run run = detect(args.toArray(String[]::new));
    assertThat(run.exitCode()).isZero();
    return run.manifest();
  }

  @Test
  void twoSidedDefaultsToEachDetectorsOwnChoiceUnlessGiven() throws IOException {
    writeDaily();

    assertThat(twoSided("--detector", "robust")).isFalse();
    assertThat(twoSided("--detector", "robust", "--two-sided")).isTrue();
    assertThat(twoSided("--detector", "zscore")).isTrue();
  }

  private boolean twoSided(String... options) throws IOException {
    List<String> args = new ArrayList<>(List.of("--warehouse", lake.toString(), "--year", "2015"));
    args.addAll(List.of(options));
    Run run = detect(args.toArray(String[]::new));
    assertThat(run.exitCode()).isZero();
    return run.manifest().path("details").path("parameters").path("two_sided").asBoolean();
  }

  @Test
  void aRerunWritesAByteIdenticalFileAndAnotherRunTheSameRows() throws IOException {
    writeDaily();

    assertThat(
            detect("--warehouse", lake.toString(), "--year", "2015", "--run-id", "first")
                .exitCode())
        .isZero();
    byte[] first = Files.readAllBytes(scoredFile());
    List<ScoredDay> firstRows = ParquetRowReader.readAll(scoredFile(), ScoredCodec.INSTANCE);
    assertThat(
            detect("--warehouse", lake.toString(), "--year", "2015", "--run-id", "first")
                .exitCode())
        .isZero();
    assertThat(Files.readAllBytes(scoredFile())).isEqualTo(first);
    assertThat(
            detect("--warehouse", lake.toString(), "--year", "2015", "--run-id", "second")
                .exitCode())
        .isZero();

    assertThat(ParquetRowReader.readAll(scoredFile(), ScoredCodec.INSTANCE)).isEqualTo(firstRows);
  }

  @Test
  void aMissingDailyFileFailsWithExitThreeNamingItAndTheTaskToRun() throws IOException {
    Run run = detect("--warehouse", lake.toString(), "--year", "2015");

    String uri = new FileObjectStore(lake).uri(LakePaths.daily(YEAR));
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.manifest().path("status").asText()).isEqualTo("failed");
    assertThat(run.manifest().path("error").asText())
        .isEqualTo(uri + " does not exist: run transform for 2015 first");
    assertThat(lake.resolve(LakePaths.scored(YEAR))).doesNotExist();
  }

  @Test
  void aRowOfAnotherYearFailsWithExitThreeNamingTheRow() throws IOException {
    write(List.of(day("ATL", LocalDate.of(2014, 12, 31), 10, 0, 5.0)));

    Run run = detect("--warehouse", lake.toString(), "--year", "2015");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.manifest().path("error").asText())
        .isEqualTo(
            new FileObjectStore(lake).uri(LakePaths.daily(YEAR))
                + ": row 1 (ATL, 2014-12-31) is not in 2015");
  }

  @Test
  void aDailyFileThatTransformsManifestDoesNotCommitIsRefusedNamingTransform() throws IOException {
    writeDaily();
    // transform replaced the file, then died before writing its manifest: the manifest names
    // the earlier file.
    write(List.of(day("ATL", LocalDate.of(2015, 1, 1), 10, 0, 1.0)));
    String actual =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(lake.resolve(LakePaths.manifest(YEAR, "transform")).toFile())
            .path("fingerprints")
            .path(LakePaths.daily(YEAR))
            .asText();
    Files.writeString(
        lake.resolve(LakePaths.manifest(YEAR, "transform")),
        "{\"task\":\"transform\",\"year\":2015,\"status\":\"done\",\"fingerprints\":{\""
            + LakePaths.daily(YEAR)
            + "\":\"sha256:0123456789abcdef\"}}");

    Run run = detect("--warehouse", lake.toString(), "--year", "2015");

    FileObjectStore store = new FileObjectStore(lake);
    assertThat(actual).startsWith("sha256:");
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.manifest().path("error").asText())
        .isEqualTo(
            store.uri(LakePaths.daily(YEAR))
                + " is not the file transform committed (it is "
                + actual.substring(0, 19)
                + ", "
                + store.uri(LakePaths.manifest(YEAR, "transform"))
                + " names sha256:0123456789ab: transform stopped after writing it, or it was"
                + " replaced); rerun transform for 2015");
    assertThat(scoredFile()).doesNotExist();
  }

  @Test
  void theScoredFileCarriesTheRunIdAndTheInputFingerprintAndTheManifestCommitsIt()
      throws IOException {
    writeDaily();
    String input = io.delaywatch.task.Fingerprints.of(lake.resolve(LakePaths.daily(YEAR)));

    Run run = detect("--warehouse", lake.toString(), "--year", "2015", "--run-id", "r-7");

    assertThat(run.exitCode()).isZero();
    assertThat(run.manifest().path("fingerprints").path(LakePaths.scored(YEAR)).asText())
        .isEqualTo(io.delaywatch.task.Fingerprints.of(scoredFile()));
    assertThat(run.manifest().path("input_fingerprints").path(LakePaths.daily(YEAR)).asText())
        .isEqualTo(input);
    try (var footer =
        org.apache.parquet.hadoop.ParquetFileReader.open(
            new org.apache.parquet.io.LocalInputFile(scoredFile()),
            org.apache.parquet.ParquetReadOptions.builder(
                    new org.apache.parquet.conf.PlainParquetConfiguration())
                .build())) {
      assertThat(footer.getFileMetaData().getKeyValueMetaData())
          .containsEntry("delaywatch.run_id", "r-7")
          .containsEntry("delaywatch.input", LakePaths.daily(YEAR))
          .containsEntry("delaywatch.input_fingerprint", input);
    }
  }

  @Test
  void aFileThatIsNotParquetFailsWithExitThree() throws IOException {
    Path daily = lake.resolve(LakePaths.daily(YEAR));
    Files.createDirectories(daily.getParent());
    Files.writeString(daily, "airport,flight_date\nATL,2015-01-01\n");
    TaskHarness.commit(lake, YEAR, "transform", LakePaths.daily(YEAR));

    Run run = detect("--warehouse", lake.toString(), "--year", "2015");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.manifest().path("error").asText())
        .contains("is not a readable daily Parquet file");
  }

  @Test
  void anUnknownDetectorIsAUsageErrorListingTheKnownOnes() throws IOException {
    writeDaily();

    Run run = detect("--warehouse", lake.toString(), "--year", "2015", "--detector", "prophet");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(err)
        .contains(
            "Unknown --detector 'prophet'; known detectors: arima, iforest, rcf, robust, zscore");
    assertThat(lake.resolve(LakePaths.scored(YEAR))).doesNotExist();
  }

  @Test
  void aThresholdThatIsNotPositiveIsAUsageError() throws IOException {
    Run run = detect("--warehouse", lake.toString(), "--year", "2015", "--threshold", "-1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(err).contains("threshold must be a positive number, got -1.0");
  }

  @Test
  void helpListsTheDetectors() {
    Run run = detect("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout())
        .contains(
            "--detector",
            "arima, iforest, rcf, robust, zscore",
            "--[no-]two-sided",
            "--threshold",
            "--seed",
            "--level",
            "--order-search",
            "--threshold-scope",
            "--contamination");
  }

  private record Run(int exitCode, String stdout) {
    JsonNode manifest() throws IOException {
      List<String> lines = stdout.lines().toList();
      return JSON.readTree(lines.get(lines.size() - 1));
    }
  }

  private Run detect(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter usage = new StringWriter();
    PrintStream original = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      CommandLine cli = TaskCommandLine.of(new Main());
      cli.setOut(new PrintWriter(System.out, true));
      cli.setErr(new PrintWriter(usage, true));
      int code = cli.execute(args);
      err = usage.toString();
      return new Run(code, out.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(original);
    }
  }

  private Path scoredFile() {
    return lake.resolve(LakePaths.scored(YEAR));
  }

  /**
   * Three airports over the first quarter, written in date-major order (not the output's order): a
   * hub with one stormy day, a mid-size airport, and one with too few days to be scored.
   */
  private List<DailyAirportStats> writeDaily() throws IOException {
    Random random = new Random(17);
    List<DailyAirportStats> days = new ArrayList<>();
    for (LocalDate d = LocalDate.of(YEAR, 1, 1);
        d.isBefore(LocalDate.of(YEAR, 4, 1));
        d = d.plusDays(1)) {
      double storm = d.equals(STORM) ? 60 : 0;
      days.add(day("ORD", d, 600, random.nextInt(10), 12 + storm + 3 * random.nextGaussian()));
      days.add(day("BOS", d, 200, random.nextInt(4), 9 + 4 * random.nextGaussian()));
      if (d.getDayOfMonth() <= 5 && d.getMonthValue() == 1) {
        days.add(day("ACK", d, 2, 0, 20 * random.nextGaussian()));
      }
    }
    write(days);
    return days.stream()
        .sorted(
            (a, b) ->
                a.airport().equals(b.airport())
                    ? a.flightDate().compareTo(b.flightDate())
                    : a.airport().compareTo(b.airport()))
        .toList();
  }

  private void write(List<DailyAirportStats> days) throws IOException {
    try (ParquetRowWriter<DailyAirportStats> out =
        ParquetRowWriter.create(
            lake.resolve(LakePaths.daily(YEAR)), DailyCodec.INSTANCE, Map.of())) {
      days.forEach(out::write);
    }
    TaskHarness.commit(lake, YEAR, "transform", LakePaths.daily(YEAR));
  }

  private static DailyAirportStats day(
      String airport, LocalDate date, int flights, int cancelled, double delay) {
    int departed = flights - cancelled;
    // Storm days are late across the board; quiet days have a fifth of flights 15+ min late.
    double late = delay > 40 ? 0.8 : 0.2;
    return new DailyAirportStats(
        airport, date, flights, departed, cancelled, 0, delay, late, 0, 0, 0, 0, 0);
  }
}
