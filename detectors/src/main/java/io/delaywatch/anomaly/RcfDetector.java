package io.delaywatch.anomaly;

import com.amazon.randomcutforest.RandomCutForest;
import com.amazon.randomcutforest.returntypes.DiVector;
import io.delaywatch.anomaly.DetectorSettings.ThresholdScope;
import io.delaywatch.daily.AnomalyKind;
import io.delaywatch.daily.DailyAirportStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Random Cut Forest (Guha et al. 2016; the AWS open-source library, as SageMaker's RCF) on each
 * airport's shingled daily delays, as the reference projects used it, with a per-airport threshold
 * by default.
 *
 * <p>A day's point is the shingle of its delay and the three observed days before it (centred on
 * the airport's median). Each airport gets two seeded forests of {@value #TREES} trees, one grown
 * on the days of even rank and one on the odd: each day is scored by the forest that has not seen
 * it, since a forest that holds a point judges it as known (cross-fitting). The day's raw score is
 * the forest's anomaly attribution to the newest coordinate of its shingle, so that a spike raises
 * its own day and not the three after it; the attribution's high and low parts say whether the day
 * was later or earlier than the forest expected.
 *
 * <p>Threshold: raw ≥ mean + k·sd of the raw scores ({@code --threshold} k, default 3), over the
 * airport's own days ({@code --threshold-scope airport}, default) or over every day of every
 * airport of the year ({@code year}: the reference projects' single threshold, mean + 3σ of all
 * scores). The reported score is (raw − mean) / sd, signed by the direction. One-sided unless
 * {@code --two-sided}. Expected = the airport's median delay; the band spans the delays of the days
 * it did not flag.
 */
public final class RcfDetector implements DelayDetector {
  public static final String NAME = "rcf";
  public static final double DEFAULT_THRESHOLD = 3.0;
  static final int SHINGLE = 4;
  static final int TREES = 30;
  static final int SAMPLE_SIZE = 256;

  /** An airport with fewer days with a delay than this is not scored. */
  static final int MIN_DAYS = 30;

  private final Flagging flagging;
  private final ThresholdScope scope;
  private final long seed;

  public RcfDetector(DetectorSettings settings) {
    this.flagging =
        new Flagging(settings.thresholdOr(DEFAULT_THRESHOLD), settings.twoSidedOr(false));
    this.scope =
        settings.thresholdScope() == null ? ThresholdScope.AIRPORT : settings.thresholdScope();
    this.seed = settings.seed();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("threshold", flagging.threshold());
    parameters.put("two_sided", flagging.twoSided());
    parameters.put("threshold_scope", scope.label());
    parameters.put("seed", seed);
    parameters.put("shingle", SHINGLE);
    parameters.put("trees", TREES);
    parameters.put("sample_size", SAMPLE_SIZE);
    parameters.put("min_days", MIN_DAYS);
    return parameters;
  }

  @Override
  public List<Verdict> score(List<DailyAirportStats> series) {
    Raw raw = raw(series);
    return judge(series, raw, raw.mean(), raw.sd());
  }

  @Override
  public List<List<Verdict>> scoreAirports(List<List<DailyAirportStats>> airports) {
    List<Raw> raws = airports.parallelStream().map(this::raw).toList();
    List<List<Verdict>> verdicts = new ArrayList<>(airports.size());
    if (scope == ThresholdScope.AIRPORT) {
      for (int a = 0; a < airports.size(); a++) {
        verdicts.add(judge(airports.get(a), raws.get(a), raws.get(a).mean(), raws.get(a).sd()));
      }
      return verdicts;
    }
    double sum = 0;
    double squares = 0;
    long count = 0;
    for (Raw raw : raws) {
      for (double value : raw.scores()) {
        if (!Double.isNaN(value)) {
          sum += value;
          squares += value * value;
          count++;
        }
      }
    }
    double mean = count == 0 ? Double.NaN : sum / count;
    double sd =
        count < 2 ? Double.NaN : Math.sqrt(Math.max(0, (squares - sum * mean) / (count - 1)));
    for (int a = 0; a < airports.size(); a++) {
      verdicts.add(judge(airports.get(a), raws.get(a), mean, sd));
    }
    return verdicts;
  }

  /**
   * One airport's raw scores.
   *
   * @param scores per row, NaN when not scored
   * @param high per row, whether the day was later than expected
   */
  private record Raw(double[] scores, boolean[] high, double centre) {
    double mean() {
      double sum = 0;
      int count = 0;
      for (double value : scores) {
        if (!Double.isNaN(value)) {
          sum += value;
          count++;
        }
      }
      return count == 0 ? Double.NaN : sum / count;
    }

    double sd() {
      double mean = mean();
      double squares = 0;
      int count = 0;
      for (double value : scores) {
        if (!Double.isNaN(value)) {
          squares += (value - mean) * (value - mean);
          count++;
        }
      }
      return count < 2 ? Double.NaN : Math.sqrt(squares / (count - 1));
    }
  }

  // RCF 4 deprecates update(double[]) for float[] points; doubles keep the scores that the
  // evaluation measured (float rounding moves near-tie days across the threshold).
  @SuppressWarnings("deprecation")
  private Raw raw(List<DailyAirportStats> series) {
    int n = series.size();
    double[] scores = new double[n];
    boolean[] high = new boolean[n];
    java.util.Arrays.fill(scores, Double.NaN);
    DailySeries daily = DailySeries.of(series);
    if (daily.observed() < MIN_DAYS || daily.spread() == 0) {
      return new Raw(scores, high, daily.centre());
    }
    int[] rows = new int[daily.observed()];
    double[][] points = new double[daily.observed()][];
    double[] recent = new double[SHINGLE];
    int count = 0;
    for (int i = 0; i < n; i++) {
      double value = daily.values()[daily.index(i)];
      if (Double.isNaN(value)) {
        continue;
      }
      System.arraycopy(recent, 1, recent, 0, SHINGLE - 1);
      recent[SHINGLE - 1] = value;
      points[count] = recent.clone();
      rows[count] = i;
      count++;
    }
    long airportSeed = seed * 31 + series.get(0).airport().hashCode();
    RandomCutForest[] forests = {forest(airportSeed), forest(airportSeed + 1)};
    for (int j = 0; j < count; j++) {
      forests[j % 2].update(points[j]);
    }
    for (int j = 0; j < count; j++) {
      DiVector attribution = forests[1 - j % 2].getAnomalyAttribution(points[j]);
      double up = attribution.high[SHINGLE - 1];
      double down = attribution.low[SHINGLE - 1];
      scores[rows[j]] = up + down;
      high[rows[j]] = up >= down;
    }
    return new Raw(scores, high, daily.centre());
  }

  private static RandomCutForest forest(long seed) {
    return RandomCutForest.builder()
        .dimensions(SHINGLE)
        .numberOfTrees(TREES)
        .sampleSize(SAMPLE_SIZE)
        .randomSeed(seed)
        // Keep every point of the half-year (fewer than the sample size) and weigh them alike.
        .initialAcceptFraction(1.0)
        .timeDecay(0)
        .outputAfter(1)
        .build();
  }

  private List<Verdict> judge(List<DailyAirportStats> series, Raw raw, double mean, double sd) {
    int n = series.size();
    double[] scores = new double[n];
    AnomalyKind[] kinds = new AnomalyKind[n];
    for (int i = 0; i < n; i++) {
      double value = raw.scores()[i];
      if (Double.isNaN(value) || !(sd > 0)) {
        scores[i] = Double.NaN;
        continue;
      }
      double magnitude = (value - mean) / sd;
      scores[i] = raw.high()[i] ? magnitude : -magnitude;
      // The magnitude, not the signed score, must reach the threshold: a day far below the mean
      // raw score is ordinary, whichever way it leant.
      kinds[i] = magnitude >= flagging.threshold() ? flagging.ofDelay(scores[i]) : null;
    }
    return ForestVerdicts.of(series, raw.centre(), scores, kinds);
  }
}
