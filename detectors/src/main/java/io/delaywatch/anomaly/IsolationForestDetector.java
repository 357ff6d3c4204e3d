package io.delaywatch.anomaly;

import io.delaywatch.daily.AnomalyKind;
import io.delaywatch.daily.DailyAirportStats;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Isolation Forest ({@link IsolationForest}, Liu et al. 2008) on each airport's days, as the seed
 * projects used scikit-learn's: a day is a point (its average delay centred on the airport's
 * median, its share of flights 15+ minutes late, its share of flights cancelled), one seeded forest
 * of 100 trees of up to 256 days per airport-year scores every day.
 *
 * <p>By default a day is flagged when its score s reaches {@value #DEFAULT_THRESHOLD} ({@code
 * --threshold}): the paper reads s near 1 as anomalous and s well below 0.5 as ordinary, and on the
 * evaluation's generated years 0.7 keeps false alarms near one a month per airport. {@code
 * --contamination c} instead flags the share c of each airport's days with the highest scores, as
 * scikit-learn does (the reference projects used 0.05, about 18 days a year whatever happened). A
 * flagged day is CANCELLATIONS when at least 30% of its flights were cancelled, else HIGH_DELAY
 * (LOW_DELAY, with {@code --two-sided}, when its delay was below the median). The reported score is
 * s, negative for days below the median.
 */
public final class IsolationForestDetector implements DelayDetector {
  public static final String NAME = "iforest";
  public static final double DEFAULT_THRESHOLD = 0.7;

  /** A flagged day with at least this share of its flights cancelled is CANCELLATIONS. */
  static final double CANCELLED_SHARE = 0.3;

  /** An airport with fewer days than this is not scored. */
  static final int MIN_DAYS = 30;

  private final double threshold;
  private final Double contamination;
  private final boolean twoSided;
  private final long seed;

  public IsolationForestDetector(DetectorSettings settings) {
    this.threshold = settings.thresholdOr(DEFAULT_THRESHOLD);
    if (threshold > 1) {
      throw new IllegalArgumentException(
          "iforest's threshold is an isolation score between 0 and 1, got " + threshold);
    }
    this.contamination = settings.contamination();
    this.twoSided = settings.twoSidedOr(false);
    this.seed = settings.seed();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("threshold", threshold);
    parameters.put("two_sided", twoSided);
    parameters.put("contamination", contamination == null ? "none" : contamination.toString());
    parameters.put("seed", seed);
    parameters.put("trees", IsolationForest.TREES);
    parameters.put("subsample", IsolationForest.SUBSAMPLE);
    parameters.put("min_days", MIN_DAYS);
    return parameters;
  }

  @Override
  public List<List<Verdict>> scoreAirports(List<List<DailyAirportStats>> airports) {
    return airports.parallelStream().map(this::score).toList();
  }

  @Override
  public List<Verdict> score(List<DailyAirportStats> series) {
    int n = series.size();
    DailySeries daily = DailySeries.of(series);
    double[] scores = new double[n];
    Arrays.fill(scores, Double.NaN);
    AnomalyKind[] kinds = new AnomalyKind[n];
    if (n < MIN_DAYS) {
      return ForestVerdicts.of(series, daily.centre(), scores, kinds);
    }
    double[][] points = new double[n][];
    for (int i = 0; i < n; i++) {
      DailyAirportStats day = series.get(i);
      double delay = daily.values()[daily.index(i)];
      Double late = day.delayed15Share();
      // A day without departures sits at the median delay with no late flight: its cancelled
      // share is what sets it apart.
      points[i] =
          new double[] {
            Double.isNaN(delay) ? 0 : delay,
            late == null ? 0 : late,
            day.flights() == 0 ? 0 : (double) day.cancelled() / day.flights()
          };
    }
    IsolationForest forest =
        IsolationForest.grow(
            points,
            IsolationForest.TREES,
            IsolationForest.SUBSAMPLE,
            seed * 31 + series.get(0).airport().hashCode());
    double[] raw = new double[n];
    for (int i = 0; i < n; i++) {
      raw[i] = forest.score(points[i]);
    }
    double cut = threshold;
    if (contamination != null) {
      double[] sorted = raw.clone();
      Arrays.sort(sorted);
      // The (1 − c) quantile: the top c of the days lie at or above it.
      cut = sorted[Math.max(0, (int) Math.ceil(n * (1 - contamination)) - 1)];
    }
    for (int i = 0; i < n; i++) {
      double delay = daily.values()[daily.index(i)];
      boolean low = !Double.isNaN(delay) && delay < 0;
      scores[i] = low ? -raw[i] : raw[i];
      if (raw[i] < cut) {
        continue;
      }
      DailyAirportStats day = series.get(i);
      if (day.flights() > 0 && day.cancelled() >= CANCELLED_SHARE * day.flights()) {
        kinds[i] = AnomalyKind.CANCELLATIONS;
      } else if (!Double.isNaN(delay) && !low) {
        kinds[i] = AnomalyKind.HIGH_DELAY;
      } else if (low && twoSided) {
        kinds[i] = AnomalyKind.LOW_DELAY;
      }
    }
    return ForestVerdicts.of(series, daily.centre(), scores, kinds);
  }
}
