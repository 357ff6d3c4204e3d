package io.delaywatch.chart;

import io.delaywatch.daily.AnomalyKind;
import io.delaywatch.daily.DailyAirportStats;
import io.delaywatch.daily.ScoredCodec;
import io.delaywatch.daily.ScoredDay;
import io.delaywatch.parquet.ParquetRowWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small scored year with a fixed seed, the fixture of the plot tests. Not API.
 *
 * <ul>
 *   <li>ATL: every day, one anomaly of each kind: a snowstorm on 26-27 January (cancellation waves,
 *       the 27th fully cancelled: no delay), a late 4 July and a slow 15 August (high delay), an
 *       early 6 October (low delay, as a two-sided detector flags it), and a schedule that
 *       collapsed on 9-10 November (consecutive days, ordinary delay).
 *   <li>BOS: no row on 9-10 February (a gap), no baseline (expected and band null) for the first
 *       two weeks, the 27 January fully cancelled and anomalous, a late 3 March.
 *   <li>XWA: a small field flying on weekdays only; no anomaly.
 * </ul>
 */
public final class ScoredDays {
  public static final int YEAR = 2015;
  public static final String DETECTOR = "rolling_zscore";
  public static final List<String> AIRPORTS = List.of("ATL", "BOS", "XWA");

  private ScoredDays() {}

  /** The rows, by airport then date. */
  public static List<ScoredDay> year() {
    Random random = new Random(42);
    List<ScoredDay> rows = new ArrayList<>();
    for (LocalDate day = LocalDate.of(YEAR, 1, 1); day.getYear() == YEAR; day = day.plusDays(1)) {
      int weekly = day.getDayOfWeek() == DayOfWeek.SATURDAY ? -180 : 0;
      double seasonal = 6 * Math.sin(day.getDayOfYear() / 58.0);
      double delay = 9 + seasonal + random.nextGaussian() * 3;
      int flights = 1050 + weekly + random.nextInt(40);
      int cancelled = random.nextInt(8);
      AnomalyKind kind = null;
      if (day.equals(LocalDate.of(YEAR, 1, 26))) {
        delay = 74;
        cancelled = 420;
        kind = AnomalyKind.CANCELLATIONS;
      } else if (day.equals(LocalDate.of(YEAR, 7, 4)) || day.equals(LocalDate.of(YEAR, 8, 15))) {
        delay = day.getMonth() == Month.JULY ? 52 : 41;
        kind = AnomalyKind.HIGH_DELAY;
      } else if (day.equals(LocalDate.of(YEAR, 10, 6))) {
        delay = -14;
        kind = AnomalyKind.LOW_DELAY;
      } else if (day.equals(LocalDate.of(YEAR, 11, 9)) || day.equals(LocalDate.of(YEAR, 11, 10))) {
        flights = day.getDayOfMonth() == 9 ? 240 : 310;
        cancelled = 2;
        kind = AnomalyKind.COLLAPSE;
      }
      if (day.equals(LocalDate.of(YEAR, 1, 27))) {
        rows.add(
            scored(
                "ATL",
                day,
                flights,
                flights,
                null,
                9.0,
                -130.0,
                140.0,
                9.9,
                AnomalyKind.CANCELLATIONS));
      } else {
        rows.add(
            scored(
                "ATL",
                day,
                flights,
                cancelled,
                delay,
                9 + seasonal,
                seasonal - 3,
                21 + seasonal,
                (delay - 9 - seasonal) / 4,
                kind));
      }
    }
    for (LocalDate day = LocalDate.of(YEAR, 1, 1); day.getYear() == YEAR; day = day.plusDays(1)) {
      if (day.equals(LocalDate.of(YEAR, 2, 9)) || day.equals(LocalDate.of(YEAR, 2, 10))) {
        continue;
      }
      boolean baseline = day.getDayOfYear() > 14;
      double delay = 12 + random.nextGaussian() * 4;
      int flights = 380 + random.nextInt(30);
      if (day.equals(LocalDate.of(YEAR, 1, 27))) {
        rows.add(
            scored(
                "BOS",
                day,
                flights,
                flights,
                null,
                null,
                null,
                null,
                null,
                AnomalyKind.CANCELLATIONS));
      } else if (day.equals(LocalDate.of(YEAR, 3, 3))) {
        rows.add(scored("BOS", day, flights, 12, 63.5, 12.0, 2.0, 22.0, 12.9, true));
      } else {
        rows.add(
            scored(
                "BOS",
                day,
                flights,
                random.nextInt(5),
                delay,
                baseline ? 12.0 : null,
                baseline ? 2.0 : null,
                baseline ? 22.0 : null,
                baseline ? (delay - 12) / 4 : null,
                false));
      }
    }
    for (LocalDate day = LocalDate.of(YEAR, 1, 1); day.getYear() == YEAR; day = day.plusDays(1)) {
      if (day.getDayOfWeek().getValue() <= 5) {
        double delay = 3 + random.nextGaussian() * 6;
        rows.add(
            scored(
                "XWA",
                day,
                2 + random.nextInt(3),
                0,
                delay,
                3.0,
                -9.0,
                15.0,
                (delay - 3) / 6,
                false));
      }
    }
    return rows;
  }

  /** The anomalous days of {@code airport}, by date. */
  public static List<LocalDate> anomalousDays(String airport) {
    return year().stream()
        .filter(d -> d.anomaly() && d.day().airport().equals(airport))
        .map(d -> d.day().flightDate())
        .sorted()
        .toList();
  }

  /** Writes {@code rows} as a scored Parquet file. */
  public static void write(Path file, List<ScoredDay> rows) throws IOException {
    try (ParquetRowWriter<ScoredDay> out =
        ParquetRowWriter.create(file, ScoredCodec.INSTANCE, Map.of())) {
      rows.forEach(out::write);
    }
  }

  /** Writes the year into {@code warehouse} where detect would have put it. */
  public static void writeScored(Path warehouse, List<ScoredDay> rows) throws IOException {
    write(warehouse.resolve("scored/airport_anomalies/year=" + YEAR + "/anomalies.parquet"), rows);
    io.delaywatch.task.TaskHarness.commit(
        warehouse, YEAR, "detect", "scored/airport_anomalies/year=" + YEAR + "/anomalies.parquet");
  }

  static ScoredDay scored(
      String airport,
      LocalDate day,
      int flights,
      int cancelled,
      Double delay,
      Double expected,
      Double lower,
      Double upper,
      Double score,
      boolean anomaly) {
    return scored(
        airport,
        day,
        flights,
        cancelled,
        delay,
        expected,
        lower,
        upper,
        score,
        anomaly ? AnomalyKind.HIGH_DELAY : null);
  }

  /** A day of {@code kind} (null: an ordinary day). */
  static ScoredDay scored(
      String airport,
      LocalDate day,
      int flights,
      int cancelled,
      Double delay,
      Double expected,
      Double lower,
      Double upper,
      Double score,
      AnomalyKind kind) {
    boolean anomaly = kind != null;
    int departed = flights - cancelled;
    double late = delay == null ? 0 : Math.max(0, delay) * departed;
    DailyAirportStats stats =
        new DailyAirportStats(
            airport,
            day,
            flights,
            departed,
            cancelled,
            0,
            delay,
            delay == null ? null : Math.min(1, Math.max(0, delay / 60)),
            late * 0.3,
            anomaly ? late * 0.5 : late * 0.05,
            late * 0.2,
            0,
            late * 0.25);
    return new ScoredDay(stats, expected, lower, upper, score, kind, DETECTOR);
  }
}
