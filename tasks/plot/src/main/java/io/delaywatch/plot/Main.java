package io.delaywatch.plot;

import io.delaywatch.chart.ChartYear;
import io.delaywatch.chart.YearPlots;
import io.delaywatch.storage.LakePaths;
import io.delaywatch.storage.ObjectStore;
import io.delaywatch.task.LakeOptions;
import io.delaywatch.task.TaskCommandLine;
import io.delaywatch.task.TaskRun;
import java.nio.file.Path;
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
      "Writes: plots/YYYY/AIRPORT/daily_flights.png, plots/YYYY/AIRPORT/delay_vs_expected.png,",
      "plots/YYYY/index.html (open it from the folder or bucket; links are relative), and its",
      "manifest. A rerun overwrites the same keys.",
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
      Path local = run.fetchInput(store, scoredKey, "detect");
      ChartYear data = ChartYear.read(local, year, scored);
      YearPlots.Published published =
          YearPlots.publish(data, store, run.tempDir().resolve("plots"), workers, run.runId());
      return run.output(store.uri(published.index()))
          .output(store.uri(LakePaths.plotsYear(year)))
          .count("rows_read", data.days())
          .count("airports", published.airports())
          .count("charts", published.charts())
          .count("anomalies", published.anomalies())
          .detail("detectors", data.detectors())
          .detail("threads", workers)
          .done(store);
    }
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
