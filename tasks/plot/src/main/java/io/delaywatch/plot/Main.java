package io.delaywatch.plot;

import io.delaywatch.chart.ChartYear;
import io.delaywatch.chart.YearPlots;
import io.delaywatch.storage.LakePaths;
import io.delaywatch.storage.ObjectStore;
import io.delaywatch.task.Fingerprints;
import io.delaywatch.task.LakeOptions;
import io.delaywatch.task.TaskCommandLine;
import io.delaywatch.task.TaskRun;
import io.delaywatch.task.TaskVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The plot task: charts and a browsable report of a scored year. */
@Command(
    name = "plot",
    mixinStandardHelpOptions = true,
    description = {
      "Draws, for every airport of the year, its daily flights and its departure delay against the",
      "detector's expectation (anomalous days marked), and a browsable report of the year.",
      "Reads: scored/airport_anomalies/year=YYYY/anomalies.parquet (run detect first).",
      "Writes one run's report: plots/YYYY/RUN/AIRPORT/daily_flights.png and delay_vs_expected.png,",
      "plots/YYYY/RUN/index.html; then switches plots/YYYY/index.html (open it from the folder or",
      "bucket; links are relative) to it, deletes older runs' folders, and writes its manifest.",
      "RUN is run-<hash of input, run id and build>: a report never mixes two runs.",
      "",
      "Example: plot --warehouse s3://my-lake --year 2015"
    })
public final class Main implements Callable<Integer> {
  static {
    // Charts are drawn off-screen; set before any AWT class loads (containers have no display).
    System.setProperty("java.awt.headless", "true");
  }

  @Spec CommandSpec spec;

  @Mixin LakeOptions lake;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Airports rendered at once (default: the number of available processors).")
  Integer threads;

  public static void main(String[] args) {
    System.exit(TaskCommandLine.of(new Main()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    int year = lake.year();
    int workers = threads();
    try (ObjectStore store = lake.openWarehouse();
        TaskRun run = TaskRun.start("plot", lake.runId(), year)) {
      String scoredKey = LakePaths.scored(year);
      String scored = store.uri(scoredKey);
      run.sweepLeftovers(store, LakePaths.plotIndex(year));
      // While the main thread reads the scored year (and another checks its fingerprint), a third
      // sets up Java2D and warms the chart code: until the render threads start, one core was idle.
      Thread warmUp = new Thread(YearPlots::warmUp, "plot-warm-up");
      warmUp.setDaemon(true);
      warmUp.start();
      ChartYear data =
          run.readInput(store, scoredKey, "detect", local -> ChartYear.read(local, year, scored));
      warmUp.join();
      String folder = runFolder(run.inputFingerprint(scoredKey), run.runId());
      YearPlots.Published published =
          YearPlots.publish(
              data,
              store,
              run.tempDir().resolve("plots"),
              workers,
              run.runId(),
              folder,
              run.startedAt());
      published.fingerprints().forEach((key, print) -> run.output(key, store.uri(key), print));
      return run.count("rows_read", data.days())
          .count("airports", published.airports())
          .count("charts", published.charts())
          .count("anomalies", published.anomalies())
          .detail("detectors", data.detectors())
          .count("older_files_deleted", published.removed())
          .detail("threads", workers)
          .detail("report", store.uri(published.page()))
          .done(store);
    }
  }

  /**
   * The folder name of this run's report: the same input, run id and build give the same name and
   * the same files, so only a run that would write identical bytes ever writes into the folder the
   * published page points to.
   */
  static String runFolder(String inputFingerprint, String runId) {
    String print =
        Fingerprints.of(
                (inputFingerprint + "\n" + runId + "\n" + TaskVersion.commit())
                    .getBytes(StandardCharsets.UTF_8))
            .substring("sha256:".length());
    return "run-" + print.substring(0, 12);
  }

  private int threads() {
    if (threads == null) {
      return Runtime.getRuntime().availableProcessors();
    }
    if (threads < 1) {
      throw new ParameterException(
          spec.commandLine(), "--threads must be at least 1, got " + threads);
    }
    return threads;
  }
}
