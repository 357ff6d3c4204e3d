package io.delaywatch.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delaywatch.storage.FileObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskRunTest {
  @TempDir Path lake;

  @Test
  void startRemovesTheScratchFoldersOfKilledRunsOfTheSameTaskOnly() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    Path killed = Files.createDirectories(tmp.resolve("delaywatch-sweeper-" + gone.pid() + "-x1"));
    Files.writeString(killed.resolve("flights.parquet"), "half");
    Path other = Files.createDirectories(tmp.resolve("delaywatch-other-" + gone.pid() + "-x2"));
    Path alive =
        Files.createDirectories(
            tmp.resolve("delaywatch-sweeper-" + ProcessHandle.current().pid() + "-x3"));
    try {
      TaskRun.start("sweeper", "r", 2015).close();

      assertThat(killed).doesNotExist();
      assertThat(other).exists();
      assertThat(alive).exists();
    } finally {
      Files.deleteIfExists(other);
      Files.deleteIfExists(alive);
    }
  }

  @Test
  void anInputWithoutItsProducersManifestIsRefusedNamingTheStepToRerun() throws IOException {
    FileObjectStore store = new FileObjectStore(lake);
    store.put("daily/d.parquet", "rows".getBytes(), "application/octet-stream");
    try (TaskRun run = TaskRun.start("detect", "r", 2015)) {
      assertThatThrownBy(() -> run.fetchInput(store, "daily/d.parquet", "transform"))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage(
              store.uri("daily/d.parquet")
                  + " was not committed: "
                  + store.uri("runs/year=2015/transform.json")
                  + " does not exist (transform stopped before its end); rerun transform for 2015");
    }
  }

  @Test
  void anotherOutputOfTheManifestThatChangedIsRefusedToo() throws IOException {
    FileObjectStore store = new FileObjectStore(lake);
    store.put("staged/s.parquet", "rows".getBytes(), "application/octet-stream");
    store.put("staged/rejected.csv", "line,reason".getBytes(), "text/csv");
    TaskHarness.commit(lake, 2015, "download", "staged/s.parquet", "staged/rejected.csv");
    String committed = Fingerprints.of(lake.resolve("staged/rejected.csv"));
    // download replaced rejected.csv, and died before its manifest.
    store.put("staged/rejected.csv", "line,reason\n7,bad".getBytes(), "text/csv");
    String found = Fingerprints.of(lake.resolve("staged/rejected.csv"));

    try (TaskRun run = TaskRun.start("transform", "r", 2015)) {
      assertThatThrownBy(() -> run.fetchInput(store, "staged/s.parquet", "download"))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage(notWhatDownloadCommitted(store, "staged/rejected.csv", found, committed));
    }
  }

  @Test
  void aCommittedInputIsFetchedAndRecordedWithItsFingerprint() throws IOException {
    FileObjectStore store = new FileObjectStore(lake);
    store.put("daily/d.parquet", "rows".getBytes(), "application/octet-stream");
    TaskHarness.commit(lake, 2015, "transform", "daily/d.parquet");

    try (TaskRun run = TaskRun.start("detect", "r-9", 2015)) {
      Path local = run.fetchInput(store, "daily/d.parquet", "transform");

      assertThat(local).hasContent("rows");
      assertThat(run.manifest("done", 0, null).inputFingerprints())
          .containsEntry("daily/d.parquet", Fingerprints.of(local));
      assertThat(run.fileMetadata())
          .containsEntry("delaywatch.run_id", "r-9")
          .containsEntry("delaywatch.input", "daily/d.parquet")
          .containsEntry("delaywatch.input_fingerprint", Fingerprints.of(local));
    }
  }

  @Test
  void anInputReadWhileCheckedIsRefusedAsNotCommittedWhateverReadingItBroke() throws IOException {
    FileObjectStore store = new FileObjectStore(lake);
    store.put("staged/s.parquet", "rows".getBytes(), "application/octet-stream");
    TaskHarness.commit(lake, 2015, "download", "staged/s.parquet");
    String committed = Fingerprints.of(lake.resolve("staged/s.parquet"));
    store.put("staged/s.parquet", "garbage".getBytes(), "application/octet-stream");
    String found = Fingerprints.of(lake.resolve("staged/s.parquet"));

    try (TaskRun run = TaskRun.start("transform", "r", 2015)) {
      assertThatThrownBy(
              () ->
                  run.readInput(
                      store,
                      "staged/s.parquet",
                      "download",
                      local -> {
                        throw new IllegalArgumentException("not a Parquet file");
                      }))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage(notWhatDownloadCommitted(store, "staged/s.parquet", found, committed))
          .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
    }
  }

  @Test
  void anInputReadWhileCheckedReturnsTheWorksResultAndRecordsItsFingerprint() throws IOException {
    FileObjectStore store = new FileObjectStore(lake);
    store.put("daily/d.parquet", "rows".getBytes(), "application/octet-stream");
    TaskHarness.commit(lake, 2015, "transform", "daily/d.parquet");

    try (TaskRun run = TaskRun.start("detect", "r", 2015)) {
      String read = run.readInput(store, "daily/d.parquet", "transform", Files::readString);

      assertThat(read).isEqualTo("rows");
      assertThat(run.fileMetadata())
          .containsEntry(
              "delaywatch.input_fingerprint", Fingerprints.of(lake.resolve("daily/d.parquet")));
    }
  }

  private static String notWhatDownloadCommitted(
      FileObjectStore store, String key, String found, String committed) {
    return store.uri(key)
        + " is not the file download committed (it is "
        + found.substring(0, 19)
        + ", "
        + store.uri("runs/year=2015/download.json")
        + " names "
        + committed.substring(0, 19)
        + ": download stopped after writing it, or it was replaced); rerun download for 2015";
  }
}
