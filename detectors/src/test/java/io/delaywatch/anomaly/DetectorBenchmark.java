package io.delaywatch.anomaly;

import io.delaywatch.daily.DailyAirportStats;
import java.lang.management.ManagementFactory;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How long each detector takes for a full year: 350 airports × 365 days, sized like the real ones
 * (a few hubs of 300-1,000 flights a day down to fields with one flight every other day, whose gaps
 * the detectors must skip). A program, not a test: bench/detectors.sh runs it.
 *
 * <pre>
 * bash bench/detectors.sh
 * </pre>
 *
 * Prints, per detector, the best wall time of three runs after a warm-up and the CPU time the
 * calling thread saw (arima, rcf and iforest score airports in parallel, so wall can be below CPU
 * on an idle machine with several cores).
 */
final class DetectorBenchmark {
  private DetectorBenchmark() {}

  private static final int YEAR = 2015;
  private static final String[] DETECTORS = {
    "robust",
    "zscore",
    "arima",
    "arima:order-search=bic",
    "arima:order-search=walk-forward",
    "rcf",
    "rcf:threshold-scope=year",
    "iforest",
    "iforest:contamination=0.05"
  };

  public static void main(String[] args) {
    List<DailyAirportStats> year = realSizedYear(350);
    System.out.printf(
        Locale.ROOT,
        "%,d rows, %d airports, %d cores%n",
        year.size(),
        350,
        Runtime.getRuntime().availableProcessors());
    System.out.printf(
        Locale.ROOT, "%-32s %10s %10s %10s%n", "detector", "wall s", "cpu s", "anomalies");
    for (String spec : DETECTORS) {
      String[] parts = spec.split(":");
      DetectorSettings settings = DetectorSettings.DEFAULTS;
      for (int i = 1; i < parts.length; i++) {
        String[] option = parts[i].split("=");
        settings = settings.withOption(option[0], option[1]);
      }
      AnomalyScorer scorer =
          new AnomalyScorer(DetectorRegistry.standard().create(parts[0], settings));
      scorer.score(year);
      double best = Double.POSITIVE_INFINITY;
      double cpu = 0;
      long anomalies = 0;
      for (int run = 0; run < 3; run++) {
        long cpuStart = cpuNanos();
        long start = System.nanoTime();
        anomalies = scorer.score(year).anomalies();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (seconds < best) {
          best = seconds;
          cpu = (cpuNanos() - cpuStart) / 1e9;
        }
      }
      System.out.printf(Locale.ROOT, "%-32s %10.2f %10.2f %10d%n", spec, best, cpu, anomalies);
    }
  }

  private static long cpuNanos() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  /** Airports whose sizes fall like the real ones': about 1,000 flights a day down to 0.5. */
  static List<DailyAirportStats> realSizedYear(int airports) {
    Random random = new Random(1);
    List<DailyAirportStats> days = new ArrayList<>();
    for (int a = 0; a < airports; a++) {
      double size = 1000 * Math.pow(a + 1, -1.4) + 0.5;
      String code =
          "" + (char) ('A' + a / 676 % 26) + (char) ('A' + a / 26 % 26) + (char) ('A' + a % 26);
      SyntheticAirport airport =
          SyntheticAirport.named(code, a)
              .flightsPerDay((int) Math.max(1, Math.round(size)))
              .level(5 + 10 * random.nextDouble())
              .dayToDaySd(3 + 4 * random.nextDouble())
              .weekday(DayOfWeek.FRIDAY, 3 + 5 * random.nextDouble())
              .weekday(DayOfWeek.SATURDAY, -3)
              .weekdayVolume(DayOfWeek.SATURDAY, 0.85);
      for (DailyAirportStats day : airport.year(YEAR)) {
        // A field with under a flight a day has none on some days: a gap, not a zero.
        if (size >= 1 || random.nextDouble() < size) {
          days.add(day);
        }
      }
    }
    return days;
  }
}
