package io.delaywatch.anomaly;

import io.delaywatch.daily.DailyAirportStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference projects' method, kept as a reference: z = (avg_dep_delay − mean) / stdev over the
 * airport's year (sample standard deviation), flagged when |z| ≥ 3. Expected = mean, band = mean ±
 * 3σ. Blind to the weekly cycle, dragged by the outliers it looks for, and unaware of how many
 * flights a day's mean rests on; see {@link RobustDetector} for the default.
 */
public final class ZScoreDetector implements DelayDetector {
  public static final String NAME = "zscore";
  public static final double DEFAULT_THRESHOLD = 3.0;

  private final Flagging flagging;

  public ZScoreDetector(DetectorSettings settings) {
    // The reference projects flagged |z| >= 3: low delays too.
    this.flagging =
        new Flagging(settings.thresholdOr(DEFAULT_THRESHOLD), settings.twoSidedOr(true));
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
    return parameters;
  }

  @Override
  public List<Verdict> score(List<DailyAirportStats> series) {
    double sum = 0;
    int count = 0;
    for (DailyAirportStats day : series) {
      if (day.avgDepDelay() != null) {
        sum += day.avgDepDelay();
        count++;
      }
    }
    List<Verdict> verdicts = new ArrayList<>(series.size());
    if (count < 2) {
      series.forEach(day -> verdicts.add(Verdict.UNSCORED));
      return verdicts;
    }
    double mean = sum / count;
    // Two passes rather than sum of squares: no cancellation error on large, similar values.
    double squares = 0;
    for (DailyAirportStats day : series) {
      if (day.avgDepDelay() != null) {
        double d = day.avgDepDelay() - mean;
        squares += d * d;
      }
    }
    double sd = Math.sqrt(squares / (count - 1));
    Double lower = mean - flagging.threshold() * sd;
    Double upper = mean + flagging.threshold() * sd;
    for (DailyAirportStats day : series) {
      if (day.avgDepDelay() == null || sd == 0) {
        verdicts.add(new Verdict(mean, lower, upper, null, null));
        continue;
      }
      double z = (day.avgDepDelay() - mean) / sd;
      verdicts.add(new Verdict(mean, lower, upper, z, flagging.ofDelay(z)));
    }
    return verdicts;
  }
}
