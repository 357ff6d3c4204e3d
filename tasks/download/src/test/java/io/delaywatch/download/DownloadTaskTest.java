package io.delaywatch.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.delaywatch.flights.Flight;
import io.delaywatch.flights.FlightCodec;
import io.delaywatch.flights.RawColumns;
import io.delaywatch.parquet.ParquetRowReader;
import io.delaywatch.task.TaskHarness;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadTaskTest {
  static final String HEADER = String.join(",", RawColumns.KAGGLE_HEADER);
  @TempDir Path lake;

  static String row(String date, String origin, String delay) {
    return date
        + ",AA,1,"
        + origin
        + ",ORD,1058,1100.0,"
        + delay
        + ",10.0,1110.0,1200.0,5.0,1205,1210.0,5.0,0.0,,0.0,120.0,110.0,100.0,600.0,,,,,,";
  }

  Path raw(String name) throws IOException {
    Path dir = Files.createDirectories(lake.resolve("raw/flights"));
    return dir.resolve(name);
  }

  /** A run that accepts the few days these fixtures cover. */
  TaskHarness.Outcome download(String... extra) {
    String[] args = {
      "--warehouse", lake.toString(), "--year", "2015", "--run-id", "t", "--accept-partial-year"
    };
    String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    return TaskHarness.run(new Main(), all);
  }

  @Test
  void stagesReadableRowsAndReportsRejectedOnesWithTheirLines() throws IOException {
    StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
    for (int i = 0; i < 40; i++) {
      csv.append(row("2015-01-0" + (1 + i % 9), i % 2 == 0 ? "ATL" : "BOS", i + ".0"))
          .append("\r\n");
    }
    csv.append(row("2015-01-01", "ATL", "soon")).append("\r\n");
    Files.writeString(raw("2015.csv"), csv);

    TaskHarness.Outcome outcome = download();

    assertThat(outcome.exit()).isZero();
    var manifest = outcome.manifest();
    assertThat(manifest.get("counts").get("rows_read").asLong()).isEqualTo(41);
    assertThat(manifest.get("counts").get("rows_kept").asLong()).isEqualTo(40);
    assertThat(manifest.get("counts").get("rows_rejected").asLong()).isEqualTo(1);
    assertThat(manifest.get("counts").get("airports").asLong()).isEqualTo(2);
    assertThat(manifest.get("details").get("first_rejections").get(0).get("line").asLong())
        .isEqualTo(42);
    Path staged = lake.resolve("staged/flights/year=2015/flights.parquet");
    List<Flight> flights = ParquetRowReader.readAll(staged, FlightCodec.INSTANCE);
    assertThat(flights).hasSize(40).extracting(Flight::depDelay).startsWith(0.0, 1.0, 2.0);
    assertThat(Files.readAllLines(lake.resolve("staged/rejected/year=2015/rejected.csv")))
        .hasSize(2)
        .last()
        .asString()
        .startsWith(
            "42,DEP_DELAY,\"expected minutes as a number, found 'soon'\",\"2015-01-01,AA,1,ATL");
  }

  @Test
  void readsGzippedRawFiles() throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(raw("2015.csv.gz")))) {
      out.write(
          (HEADER + "\n" + row("2015-05-05", "SEA", "-2.0") + "\n")
              .getBytes(StandardCharsets.UTF_8));
    }

    TaskHarness.Outcome outcome = download();

    assertThat(outcome.exit()).isZero();
    assertThat(ParquetRowReader.rowCount(lake.resolve("staged/flights/year=2015/flights.parquet")))
        .isEqualTo(1);
  }

  @Test
  void wrongHeaderFailsWithExitThreeNamingTheFileAndColumn() throws IOException {
    Files.writeString(
        raw("2015.csv"),
        HEADER.replace("CANCELLED", "CANCELED") + "\n" + row("2015-01-01", "ATL", "1"));

    TaskHarness.Outcome outcome = download();

    assertThat(outcome.exit()).isEqualTo(3);
    assertThat(outcome.manifest().get("error").asText())
        .startsWith(
            lake.resolve("raw/flights/2015.csv").toUri()
                + " line 1: wrong header, missing column CANCELLED;");
    assertThat(lake.resolve("staged/flights/year=2015/flights.parquet")).doesNotExist();
  }

  @Test
  void anEmptyFileOrAFileWithoutValidRowsFailsWithExitThree() throws IOException {
    Files.writeString(raw("2015.csv"), "");
    assertThat(download().exit()).isEqualTo(3);

    Files.writeString(raw("2015.csv"), HEADER + "\n" + row("2016-01-01", "ATL", "1") + "\n");
    TaskHarness.Outcome outcome = download("--max-rejected-share", "1");
    assertThat(outcome.exit()).isEqualTo(3);
    assertThat(outcome.manifest().get("error").asText())
        .endsWith(
            "no valid row (1 rows read, 1 rejected; first: line 2 column FL_DATE: date 2016-01-01 is outside the year 2015)");
  }

  @Test
  void tooManyRejectedRowsFailTheFileWhileAFewAreTolerated() throws IOException {
    Files.writeString(
        raw("2015.csv"),
        HEADER
            + "\n"
            + row("2015-01-01", "ATL", "1")
            + "\n"
            + row("2015-01-01", "ATL", "x")
            + "\n");

    assertThat(download().exit()).isEqualTo(3);
    assertThat(download("--max-rejected-share", "0.5").exit()).isZero();
  }

  @Test
  void aMissingRawFileIsInvalidInputNamingWhatWasExpected() {
    TaskHarness.Outcome outcome = download();

    assertThat(outcome.exit()).isEqualTo(3);
    assertThat(outcome.stdout()).contains("no raw file for 2015: expected ");
  }

  @Test
  void bothCsvParsersStageTheSameRows() throws IOException {
    Files.writeString(
        raw("2015.csv"),
        HEADER
            + "\n"
            + row("2015-01-01", "ATL", "\"12.0\"")
            + "\n"
            + row("2015-02-01", "BOS", "")
            + "\n");
    Path staged = lake.resolve("staged/flights/year=2015/flights.parquet");

    assertThat(download("--csv-parser", "commons").exit()).isZero();
    List<Flight> reference = ParquetRowReader.readAll(staged, FlightCodec.INSTANCE);
    assertThat(download("--csv-parser", "fast").exit()).isZero();

    assertThat(ParquetRowReader.readAll(staged, FlightCodec.INSTANCE))
        .hasSize(2)
        .isEqualTo(reference);
    assertThat(download("--csv-parser", "opencsv").exit()).isEqualTo(2);
  }

  @Test
  void aPartialYearExitsThreeUnlessAcceptedAndTheManifestReportsTheDateCoverage()
      throws IOException {
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (java.time.LocalDate d = java.time.LocalDate.of(2015, 1, 1);
        d.getMonthValue() <= 3;
        d = d.plusDays(1)) {
      csv.append(row(d.toString(), "ATL", "1.0")).append('\n');
    }
    Files.writeString(raw("2015.csv"), csv);
    String[] strict = {"--warehouse", lake.toString(), "--year", "2015", "--run-id", "t"};

    TaskHarness.Outcome refused = TaskHarness.run(new Main(), strict);
    TaskHarness.Outcome accepted = download();

    assertThat(refused.exit()).isEqualTo(3);
    assertThat(refused.manifest().get("error").asText())
        .isEqualTo(
            lake.resolve("raw/flights/2015.csv").toUri()
                + ": looks like a partial year: rows on 90 of the year's 365 days (at least 329"
                + " expected), from 2015-01-01 to 2015-03-31; upload the whole year, or pass"
                + " --accept-partial-year");
    assertThat(accepted.exit()).isZero();
    assertThat(accepted.manifest().get("details").get("date_coverage").toString())
        .isEqualTo(
            "{\"first_date\":\"2015-01-01\",\"last_date\":\"2015-03-31\",\"days_with_rows\":90,"
                + "\"days_in_year\":365}");
  }
}
