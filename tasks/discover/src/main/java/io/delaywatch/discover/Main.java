package io.delaywatch.discover;

import io.delaywatch.storage.LakePaths;
import io.delaywatch.storage.ObjectInfo;
import io.delaywatch.storage.ObjectStore;
import io.delaywatch.storage.RawFiles;
import io.delaywatch.task.Fingerprints;
import io.delaywatch.task.LakeOptions;
import io.delaywatch.task.NothingToDoException;
import io.delaywatch.task.TaskCommandLine;
import io.delaywatch.task.TaskRun;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The discover task: which raw file will the pipeline read for the year. */
@Command(
    name = "discover",
    mixinStandardHelpOptions = true,
    description = {
      "Finds the raw yearly CSV of --year (or of the latest year when --year latest) under",
      "raw/flights/ of the warehouse. Reads: a listing of raw/flights/. Writes: its manifest",
      "(file, size, ETag, version id where the bucket keeps versions, year); download reads exactly",
      "that object (--expect-etag). Exits 99 when the year has no raw file (the DAG skips the run).",
      "",
      "Example: discover --warehouse s3://my-lake --year latest"
    })
public final class Main implements Callable<Integer> {
  @Mixin LakeOptions lake;

  public static void main(String[] args) {
    System.exit(TaskCommandLine.of(new Main()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    try (ObjectStore store = lake.openWarehouse();
        TaskRun run = TaskRun.start("discover", lake.runId(), null)) {
      String wanted = lake.yearText() == null ? "latest" : lake.yearText();
      Integer year = "latest".equalsIgnoreCase(wanted) ? null : lake.year();
      if (year != null) {
        run.year(year);
      }
      RawFiles raw = RawFiles.list(store);
      List<Integer> years = raw.years();
      run.detail("available_years", years);
      ObjectInfo file =
          (year == null ? raw.latest() : raw.forYear(year))
              .orElseThrow(
                  () ->
                      new NothingToDoException(
                          "no raw file for "
                              + (year == null ? "any year" : "year " + year)
                              + " under "
                              + store.uri(LakePaths.RAW_FLIGHTS)
                              + (years.isEmpty()
                                  ? " (it is empty)"
                                  : " (years found: " + years + ")")));
      int resolved = RawFiles.yearOf(file.key()).orElseThrow();
      // A listing has no version id: HEAD the object (it also gives the newest ETag).
      ObjectInfo head = store.stat(file.key()).orElse(file);
      run.year(resolved)
          .input(file.key(), store.uri(file.key()), Fingerprints.ofEtag(head.etag()))
          .count("raw_bytes", head.size())
          .detail("file", file.key())
          .detail("size", head.size())
          .detail("etag", head.etag());
      // Its manifest is its only output: a killed run can leave that write's temporary file.
      run.sweepLeftovers(store);
      if (head.versionId() != null && !head.versionId().equals("null")) {
        run.detail("version_id", head.versionId());
      }
      return run.done(store);
    }
  }
}
