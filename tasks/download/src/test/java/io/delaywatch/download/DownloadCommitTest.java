package io.delaywatch.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.delaywatch.storage.FileObjectStore;
import io.delaywatch.storage.LakePaths;
import io.delaywatch.task.Fingerprints;
import io.delaywatch.task.TaskHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** download's side of the commit protocol: the raw object read is the one discovered. */
class DownloadCommitTest {
  @TempDir Path lake;

  private void raw() throws IOException {
    Path dir = Files.createDirectories(lake.resolve("raw/flights"));
    Files.writeString(
        dir.resolve("2015.csv"),
        DownloadTaskTest.HEADER
            + "\n"
            + DownloadTaskTest.row("2015-01-01", "ATL", "3.0")
            + "\n"
            + DownloadTaskTest.row("2015-01-02", "BOS", "-1.0")
            + "\n");
  }

  private TaskHarness.Outcome download(String... extra) {
    // A few days of rows are enough here: the coverage rule has tests of its own.
    String[] args = {
      "--warehouse", lake.toString(), "--year", "2015", "--run-id", "d-1", "--accept-partial-year"
    };
    String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    return TaskHarness.run(new Main(), all);
  }

  @Test
  void aRawObjectOtherThanTheDiscoveredOneExitsThreeSayingToRerunDiscover() throws IOException {
    raw();
    FileObjectStore store = new FileObjectStore(lake);
    String now = store.stat(LakePaths.rawCsv(2015, false)).orElseThrow().etag();

    TaskHarness.Outcome outcome = download("--expect-etag", "1-2");

    assertThat(outcome.exit()).isEqualTo(3);
    assertThat(outcome.manifest().get("error").asText())
        .isEqualTo(
            store.uri(LakePaths.rawCsv(2015, false))
                + " is not the version expected (ETag 1-2, found "
                + now
                + "): it is not the object discover found; rerun discover for 2015");
    assertThat(lake.resolve(LakePaths.staged(2015))).doesNotExist();
    assertThat(lake.resolve("runs/year=2015/download.json")).doesNotExist();
  }

  @Test
  void theDiscoveredObjectIsStagedAndBothOutputsAreCommittedWithFingerprints() throws IOException {
    raw();
    String etag =
        new FileObjectStore(lake).stat(LakePaths.rawCsv(2015, false)).orElseThrow().etag();

    TaskHarness.Outcome outcome = download("--expect-etag", etag);

    assertThat(outcome.exit()).isZero();
    var manifest = outcome.manifest();
    assertThat(manifest.get("fingerprints").get(LakePaths.staged(2015)).asText())
        .isEqualTo(Fingerprints.of(lake.resolve(LakePaths.staged(2015))));
    assertThat(manifest.get("fingerprints").get(LakePaths.rejected(2015)).asText())
        .isEqualTo(Fingerprints.of(lake.resolve(LakePaths.rejected(2015))));
    assertThat(manifest.get("input_fingerprints").get(LakePaths.rawCsv(2015, false)).asText())
        .isEqualTo("etag:" + etag);
    try (ParquetFileReader footer =
        ParquetFileReader.open(
            new LocalInputFile(lake.resolve(LakePaths.staged(2015))),
            org.apache.parquet.ParquetReadOptions.builder(
                    new org.apache.parquet.conf.PlainParquetConfiguration())
                .build())) {
      assertThat(footer.getFileMetaData().getKeyValueMetaData())
          .containsEntry("delaywatch.run_id", "d-1")
          .containsEntry("delaywatch.input", LakePaths.rawCsv(2015, false))
          .containsEntry("delaywatch.input_fingerprint", "etag:" + etag);
    }
  }

  @Test
  void theNextRunRemovesTheTemporaryFilesAKilledRunLeftBesideItsOutputs() throws IOException {
    raw();
    Path staged = Files.createDirectories(lake.resolve(LakePaths.staged(2015)).getParent());
    Path leftover = Files.writeString(staged.resolve(".tmp-flights.parquet-dead.part"), "half");
    Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minusSeconds(60)));

    TaskHarness.Outcome outcome = download();

    assertThat(outcome.exit()).isZero();
    assertThat(leftover).doesNotExist();
    assertThat(outcome.manifest().get("counts").get("leftovers_removed").asLong()).isEqualTo(1);
  }
}
