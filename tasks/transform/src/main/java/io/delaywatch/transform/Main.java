package io.delaywatch.transform;

import io.delaywatch.daily.DailyAggregator;
import io.delaywatch.daily.DailyAirportStats;
import io.delaywatch.daily.DailyCodec;
import io.delaywatch.flights.FlightCodec;
import io.delaywatch.parquet.ColumnBatch;
import io.delaywatch.parquet.ColumnBatchWriter;
import io.delaywatch.parquet.ParquetRowReader;
import io.delaywatch.storage.LakePaths;
import io.delaywatch.storage.ObjectStore;
import io.delaywatch.task.LakeOptions;
import io.delaywatch.task.TaskCommandLine;
import io.delaywatch.task.TaskRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

  /** Rows per row group of the daily file: a year of 350 airports is one. */
  private static final int DAILY_ROWS = 1 << 17;

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
      DailyAggregator aggregator = new DailyAggregator(year);
      // Aggregated while another thread checks the staged file's fingerprint; the daily file,
      // which names that fingerprint, is written after.
      long rows =
          run.readInput(
              store,
              stagedKey,
              "download",
              staged ->
                  ParquetRowReader.forEachBatch(
                      staged,
                      store.uri(stagedKey),
                      FlightCodec.WITHOUT_CARRIER.schema(),
                      BATCH_ROWS,
                      aggregator::add));
      List<DailyAirportStats> daily = aggregator.rows();
      Path out = run.tempDir().resolve("airport_daily.parquet");
      writeDaily(out, daily, run.fileMetadata());
      run.commit(store, out, LakePaths.daily(year), "application/vnd.apache.parquet")
          .count("rows_read", rows)
          .count("daily_rows", daily.size())
          .count("airports", daily.stream().map(DailyAirportStats::airport).distinct().count())
          .count("flights", aggregator.flights());
      return run.done(store);
    }
  }

  /** Writes the daily rows column-wise, as download writes the staged flights. */
  private static void writeDaily(Path file, List<DailyAirportStats> daily, Map<String, String> meta)
      throws IOException {
    var schema = DailyCodec.INSTANCE.schema();
    ColumnBatch batch = new ColumnBatch(schema, DAILY_ROWS);
    try (ColumnBatchWriter out = ColumnBatchWriter.create(file, schema, meta)) {
      for (DailyAirportStats d : daily) {
        int n = batch.rows();
        batch.strings(0)[n] = d.airport();
        batch.ints(1)[n] = (int) d.flightDate().toEpochDay();
        batch.ints(2)[n] = d.flights();
        batch.ints(3)[n] = d.departed();
        batch.ints(4)[n] = d.cancelled();
        batch.ints(5)[n] = d.diverted();
        batch.doubles(6)[n] = d.avgDepDelay() == null ? Double.NaN : d.avgDepDelay();
        batch.doubles(7)[n] = d.delayed15Share() == null ? Double.NaN : d.delayed15Share();
        batch.doubles(8)[n] = d.carrierDelayMin();
        batch.doubles(9)[n] = d.weatherDelayMin();
        batch.doubles(10)[n] = d.nasDelayMin();
        batch.doubles(11)[n] = d.securityDelayMin();
        batch.doubles(12)[n] = d.lateAircraftDelayMin();
        batch.rows(n + 1);
        if (batch.rows() == batch.capacity()) {
          out.write(batch);
          batch.rows(0);
        }
      }
      out.write(batch);
    }
  }
}
