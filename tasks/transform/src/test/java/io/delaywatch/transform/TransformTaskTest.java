package io.delaywatch.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.delaywatch.flights.Flight;
import io.delaywatch.flights.FlightCodec;
import io.delaywatch.parquet.ParquetRowWriter;
import io.delaywatch.storage.LakePaths;
import io.delaywatch.task.TaskHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransformTaskTest {
  @TempDir Path lake;

  Path staged() throws IOException {
    return Files.createDirectories(lake.resolve("staged/flights/year=2015"))
        .resolve("flights.parquet");
  }

  /**
   * Transform on the staged file as download committed it: the fingerprint matches, so what is
   * tested is a file that was already broken when written, not a half-committed one.
   */
  TaskHarness.Outcome transform() throws IOException {
    TaskHarness.commit(lake, 2015, "download", LakePaths.staged(2015));
    return TaskHarness.run(
        new Main(), "--warehouse", lake.toString(), "--year", "2015", "--run-id", "t");
  }

  byte[] goodParquet() throws IOException {
    Path file = lake.resolve("good.parquet");
    try (ParquetRowWriter<Flight> out =
        ParquetRowWriter.create(file, FlightCodec.INSTANCE, Map.of())) {
      for (int i = 0; i < 5000; i++) {
        out.write(
            new Flight(
                16436 + i % 365,
                "AA",
                i % 2 == 0 ? "ATL" : "BOS",
                i % 50,
                false,
                false,
                1,
                2,
                3,
                4,
                5));
      }
    }
    byte[] bytes = Files.readAllBytes(file);
    Files.delete(file);
    return bytes;
  }

  @Test
  void aStagedFileThatIsNotParquetExitsThreeNamingTheLakePathWithoutATrace() throws IOException {
    Files.writeString(staged(), "FL_DATE,OP_CARRIER\n2015-01-01,AA\n");

    TaskHarness.Outcome outcome = transform();

    assertThat(outcome.exit()).isEqualTo(3);
    assertThat(outcome.manifest().get("error").asText())
        .isEqualTo(
            staged().toUri()
                + ": cannot be read as Parquet: is not a Parquet file. Expected magic number at"
                + " tail, but found [44, 65, 65, 10]");
  }

  @Test
  void aCutOffStagedFileExitsThreeNamingTheLakePath() throws IOException {
    byte[] good = goodParquet();
    byte[] cut = Arrays.copyOf(good, good.length / 2);
    Files.write(staged(), cut);

    TaskHarness.Outcome outcome = transform();

    assertThat(outcome.exit()).isEqualTo(3);
    assertThat(outcome.manifest().get("error").asText())
        .isEqualTo(
            staged().toUri()
                + ": cannot be read as Parquet: is not a Parquet file. Expected magic number at"
                + " tail, but found "
                + Arrays.toString(Arrays.copyOfRange(cut, cut.length - 4, cut.length)));
  }

  @Test
  void aStagedFileWithCorruptPagesExitsThreeNamingTheLakePath() throws IOException {
    byte[] bytes = goodParquet();
    for (int i = 4; i < bytes.length / 2; i++) {
      bytes[i] = (byte) (bytes[i] ^ 0x5a);
    }
    Files.write(staged(), bytes);

    TaskHarness.Outcome outcome = transform();

    assertThat(outcome.exit()).isEqualTo(3);
    assertThat(outcome.manifest().get("error").asText())
        .isEqualTo(
            staged().toUri()
                + ": cannot be read as Parquet: can not read class"
                + " org.apache.parquet.format.PageHeader: don't know what type: 15");
    assertThat(outcome.stdout()).doesNotContain("LocalInputFile").doesNotContain("\tat ");
  }
}
