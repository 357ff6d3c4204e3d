package io.delaywatch.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.delaywatch.flights.ByteCsvCursor;
import io.delaywatch.flights.Flight;
import io.delaywatch.flights.FlightCodec;
import io.delaywatch.parquet.ParquetRowReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parted parse against the single cursor it stands in for, on files of good and bad rows cut
 * into parts of a few hundred bytes: the same result, rows, rejected.csv (line numbers) and error.
 */
class PartedStagingTest {
  @TempDir Path dir;

  private static final String[] ORIGINS = {"ATL", "BOS", "ORD", "JFK", "SFO", "DEN", "lax", "A"};

  /** One raw file: mostly good rows, every kind of bad one, line ends and quotes of all sorts. */
  private static byte[] file(Random random) {
    StringBuilder out = new StringBuilder();
    if (random.nextInt(10) == 0) {
      out.append('\uFEFF');
    }
    out.append(random.nextInt(30) == 0 ? "FL_DATE,ORIGIN" : DownloadTaskTest.HEADER);
    int rows = random.nextInt(400);
    for (int i = 0; i < rows; i++) {
      out.append(lineEnd(random));
      String date =
          "2015-" + (1 + random.nextInt(12)) / 10 + (1 + random.nextInt(9)) + "-1" + i % 9;
      String row =
          DownloadTaskTest.row(
              random.nextInt(40) == 0 ? "2014-12-31" : date,
              ORIGINS[random.nextInt(ORIGINS.length)],
              random.nextInt(30) == 0 ? "x" : String.valueOf(random.nextInt(200) - 20) + ".0");
      switch (random.nextInt(60)) {
        case 0 -> row = row.substring(0, row.length() / 2);
        case 1 -> row = "\"" + row.replaceFirst(",", "\",");
        case 2 -> row = row.replaceFirst(",AA,", ",\"A,A\",");
        case 3 -> row = "";
        case 4 -> row = row.replaceFirst(",AA,", ",\"AA\n\",");
        case 5 -> row = random.nextInt(8) == 0 ? row.replaceFirst(",AA,", ",\"AA,") : row;
        case 6 -> row = row + "\r";
        default -> {}
      }
      out.append(row);
    }
    if (random.nextBoolean()) {
      out.append(lineEnd(random));
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String lineEnd(Random random) {
    return switch (random.nextInt(20)) {
      case 0 -> "\r\n";
      case 1 -> "\r";
      case 2 -> "\n\n";
      default -> "\n";
    };
  }

  /** What staging did, as comparable text: the result or the error, rows, rejected.csv. */
  private String outcome(byte[] raw, Integer partBytes, String name) throws IOException {
    return outcome(() -> new ByteArrayInputStream(raw), partBytes, name);
  }

  private String outcome(
      java.util.function.Supplier<InputStream> raw, Integer partBytes, String name)
      throws IOException {
    Path staged = dir.resolve(name + ".parquet");
    Path rejected = dir.resolve(name + ".csv");
    Files.deleteIfExists(staged);
    Files.deleteIfExists(rejected);
    FlightStager stager =
        new FlightStager("s3://lake/raw/flights/2015.csv", 2015, 0.5, Map.of(), true);
    String result;
    try (InputStream in = raw.get()) {
      StagingResult r =
          partBytes == null
              ? stager.stage(new ByteCsvCursor(in), staged, rejected)
              : stager.stageInParts(in, staged, rejected, partBytes);
      List<Flight> rows = ParquetRowReader.readAll(staged, FlightCodec.INSTANCE);
      result = r + "\n" + rows;
    } catch (IOException | RuntimeException e) {
      result = e.getClass().getName() + ": " + e.getMessage();
    }
    return result + "\n" + (Files.exists(rejected) ? Files.readString(rejected) : "");
  }

  @Test
  void partedParsingGivesWhatOneCursorGivesWhereverTheFileIsCut() throws IOException {
    Random random = new Random(15);
    for (int i = 0; i < 120; i++) {
      byte[] raw = file(random);
      int partBytes = 40 + random.nextInt(2000);

      assertThat(outcome(raw, partBytes, "parted"))
          .as("file %d, parts of %d bytes", i, partBytes)
          .isEqualTo(outcome(raw, null, "single"));
    }
  }

  @Test
  void aReadFailureComesWhereOneCursorMeetsIt() throws IOException {
    Random random = new Random(16);
    for (int i = 0; i < 40; i++) {
      byte[] raw = file(random);
      int failAt = random.nextInt(raw.length + 1);
      java.util.function.Supplier<InputStream> failing =
          () ->
              new java.io.SequenceInputStream(
                  new ByteArrayInputStream(raw, 0, failAt),
                  new InputStream() {
                    @Override
                    public int read() throws IOException {
                      throw new IOException("corrupt gzip");
                    }
                  });
      int partBytes = 40 + random.nextInt(2000);

      assertThat(outcome(failing, partBytes, "parted"))
          .as("file %d failing at byte %d, parts of %d bytes", i, failAt, partBytes)
          .isEqualTo(outcome(failing, null, "single"));
    }
  }
}
