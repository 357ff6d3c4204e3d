package io.delaywatch.transform;

import io.delaywatch.daily.DailyAggregator;
import io.delaywatch.daily.DailyAirportStats;
import io.delaywatch.daily.DailyCodec;
import io.delaywatch.flights.FlightCodec;
import io.delaywatch.parquet.ParquetRowReader;
import io.delaywatch.parquet.ParquetRowWriter;
import io.delaywatch.storage.LakePaths;
import io.delaywatch.storage.ObjectStore;
import io.delaywatch.task.LakeOptions;
import io.delaywatch.task.TaskCommandLine;
import io.delaywatch.task.TaskRun;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The transform task: staged flights to daily per-airport figures. */
@Command(
    name = "transform",
    mixinStandardHelpOptions = true,
    description = {
      "Reads staged/flights/year=YYYY/flights.parquet and writes one row per (airport, date) with",
      "flights, departed, cancelled, diverted, avg_dep_delay, delayed_15_share and the five delay",
      "cause sums to daily/airport_daily/year=YYYY/airport_daily.parquet (rules in the README).",
      "",
      "Example: transform --warehouse s3://my-lake --year 2015"
    })
public final class Main implements Callable<Integer> {
  @Mixin LakeOptions lake;

  /** Rows read per batch: 64 K rows of the projection are about 4 MB. */
  private static final int BATCH_ROWS = 1 << 16;

  public static void main(String[] args) {
    System.exit(TaskCommandLine.of(new Main()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    int year = lake.year();
    try (ObjectStore store = lake.openWarehouse();
        TaskRun run = TaskRun.start("transform", lake.runId(), year)) {
      String stagedKey = LakePaths.staged(year);
      run.sweepLeftovers(store, LakePaths.daily(year));
      Path staged = run.fetchInput(store, stagedKey, "download");
      DailyAggregator aggregator = new DailyAggregator(year);
      long rows =
          ParquetRowReader.forEachBatch(
              staged,
              store.uri(stagedKey),
              FlightCodec.WITHOUT_CARRIER.schema(),
              BATCH_ROWS,
              aggregator::add);
      List<DailyAirportStats> daily = aggregator.rows();
      Path out = run.tempDir().resolve("airport_daily.parquet");
      try (ParquetRowWriter<DailyAirportStats> writer =
          ParquetRowWriter.create(out, DailyCodec.INSTANCE, run.fileMetadata())) {
        daily.forEach(writer::write);
      }
      run.commit(store, out, LakePaths.daily(year), "application/vnd.apache.parquet")
          .count("rows_read", rows)
          .count("daily_rows", daily.size())
          .count("airports", daily.stream().map(DailyAirportStats::airport).distinct().count())
          .count("flights", aggregator.flights());
      return run.done(store);
    }
  }
}
