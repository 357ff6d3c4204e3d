package io.delaywatch.discover;

import static org.assertj.core.api.Assertions.assertThat;

import io.delaywatch.task.TaskHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoverTaskTest {
  @TempDir Path lake;

  void raw(String name, String content) throws IOException {
    Files.writeString(Files.createDirectories(lake.resolve("raw/flights")).resolve(name), content);
  }

  TaskHarness.Outcome discover(String year) {
    return TaskHarness.run(
        new Main(), "--warehouse", lake.toUri().toString(), "--year", year, "--run-id", "r");
  }

  @Test
  void latestResolvesToTheNewestYearAndNamesItsFile() throws IOException {
    raw("2013.csv", "a");
    raw("2014.csv.gz", "bb");
    raw("notes.txt", "ignored");

    TaskHarness.Outcome outcome = discover("latest");

    assertThat(outcome.exit()).isZero();
    var manifest = outcome.manifest();
    assertThat(manifest.get("year").asInt()).isEqualTo(2014);
    assertThat(manifest.get("details").get("file").asText()).isEqualTo("raw/flights/2014.csv.gz");
    assertThat(manifest.get("details").get("size").asLong()).isEqualTo(2);
    assertThat(manifest.get("details").get("etag").asText()).isNotBlank();
    assertThat(lake.resolve("runs/year=2014/discover.json")).exists();
  }

  @Test
  void aPlainCsvWinsOverAGzippedOneOfTheSameYear() throws IOException {
    raw("2015.csv.gz", "gz");
    raw("2015.csv", "plain");

    assertThat(discover("2015").manifest().get("details").get("file").asText())
        .isEqualTo("raw/flights/2015.csv");
  }

  @Test
  void aYearWithoutRawFileExitsNinetyNineSaying() throws IOException {
    raw("2013.csv", "a");

    TaskHarness.Outcome outcome = discover("2011");

    assertThat(outcome.exit()).isEqualTo(99);
    assertThat(outcome.manifest().get("status").asText()).isEqualTo("skipped");
    assertThat(outcome.manifest().get("error").asText())
        .contains("no raw file for year 2011")
        .contains("years found: [2013]");
  }

  @Test
  void anEmptyLakeHasNoLatestYear() {
    assertThat(discover("latest").exit()).isEqualTo(99);
  }

  @Test
  void aMalformedYearIsAUsageError() {
    assertThat(discover("last").exit()).isEqualTo(2);
  }
}
