package io.delaywatch.db;

import io.delaywatch.daily.AnomalyKind;
import io.delaywatch.daily.DailyAirportStats;
import io.delaywatch.daily.ScoredCodec;
import io.delaywatch.daily.ScoredDay;
import io.delaywatch.parquet.ParquetRowWriter;
import io.delaywatch.storage.LakePaths;
import io.delaywatch.task.TaskHarness;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Test fixtures: generated scored years, and their Parquet file in a warehouse folder. */
public final class ScoredDays {
  private ScoredDays() {}

  /**
   * Every day of {@code year} at each airport, with a fixed seed: full-precision doubles, some
   * all-cancelled days (no average), some days without a baseline, a few anomalies.
   */
  public static List<ScoredDay> year(int year, long seed, String... airports) {
    Random random = new Random(seed);
    List<ScoredDay> rows = new ArrayList<>();
    for (String airport : airports) {
      for (LocalDate day = LocalDate.of(year, 1, 1); day.getYear() == year; day = day.plusDays(1)) {
        int flights = 20 + random.nextInt(400);
        boolean closed = random.nextInt(90) == 0;
        int cancelled = closed ? flights : random.nextInt(flights / 10 + 1);
        int departed = flights - cancelled;
        Double avg = departed == 0 ? null : random.nextGaussian() * 12 + 6;
        Double share = departed == 0 ? null : random.nextDouble();
        boolean baseline = day.getDayOfYear() > 14;
        Double expected = baseline ? 6 + random.nextGaussian() : null;
        Double score = avg == null || expected == null ? null : Math.abs(avg - expected) / 3.1;
        rows.add(
            new ScoredDay(
                new DailyAirportStats(
                    airport,
                    day,
                    flights,
                    departed,
                    cancelled,
                    random.nextInt(3),
                    avg,
                    share,
                    random.nextInt(5) == 0 ? 0 : random.nextDouble() * 900,
                    random.nextInt(3) == 0 ? 0 : random.nextInt(400),
                    random.nextDouble() * 700,
                    0,
                    random.nextDouble() * 1000),
                expected,
                baseline ? expected - 9.3 : null,
                baseline ? expected + 9.3 : null,
                score,
                score != null && score > 3.5 ? AnomalyKind.HIGH_DELAY : null,
                "robust_zscore"));
      }
    }
    return rows;
  }

  /** Writes {@code rows} where the load task reads the scored set of {@code year}. */
  public static void writeScored(Path warehouse, int year, List<ScoredDay> rows)
      throws IOException {
    Path file = warehouse.resolve(LakePaths.scored(year));
    try (ParquetRowWriter<ScoredDay> out =
        ParquetRowWriter.create(file, ScoredCodec.INSTANCE, Map.of())) {
      rows.forEach(out::write);
    }
    TaskHarness.commit(warehouse, year, "detect", LakePaths.scored(year));
  }
}
