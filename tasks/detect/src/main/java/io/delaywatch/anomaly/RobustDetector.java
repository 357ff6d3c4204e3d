package io.delaywatch.anomaly;

import io.delaywatch.daily.DailyAirportStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The default detector: a day is anomalous when its average departure delay is far above what
 * the airport's recent days and its weekday predict, measured against the noise a mean of that
 * many flights carries, and more of its flights than usual were late; or when much of its
 * schedule was cancelled (a closure). The method is described in the package documentation.
 */
public final class RobustDetector implements DelayDetector {
  public static final String NAME = "robust";
  public static final double DEFAULT_THRESHOLD = 3.5;
  /** An airport with fewer days with a delay than this has no baseline: its days are unscored. */
  static final int MIN_DAYS = 14;

  private final double threshold;
  private final boolean twoSided;

  public RobustDetector(DetectorSettings settings) {
    this.threshold = settings.thresholdOr(DEFAULT_THRESHOLD);
    // Early departures are good news; only --two-sided reports them.
    this.twoSided = settings.twoSidedOr(false);
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
    parameters.put("half_window_days", RollingBaseline.HALF_WINDOW_DAYS);
    parameters.put("flight_sd_minutes", DayNoise.FLIGHT_SD);
    parameters.put("min_between_sd_minutes", DayNoise.MIN_BETWEEN_SD);
    parameters.put("closure_min_cancelled_share", ClosureCheck.MIN_CANCELLED_SHARE);
    parameters.put("closure_min_cancel_rate", ClosureCheck.MIN_CANCEL_RATE);
    parameters.put("late_share_min_score", LateShareCheck.MIN_SCORE);
    parameters.put("min_days", MIN_DAYS);
    return parameters;
  }

  @Override
  public List<Verdict> score(List<DailyAirportStats> series) {
    int n = series.size();
    double[] delays = new double[n];
    int[] epochDays = new int[n];
    int withDelay = 0;
    for (int i = 0; i < n; i++) {
      DailyAirportStats day = series.get(i);
      delays[i] = day.avgDepDelay() == null ? Double.NaN : day.avgDepDelay();
      epochDays[i] = (int) day.flightDate().toEpochDay();
      withDelay += day.avgDepDelay() == null ? 0 : 1;
    }
    List<Verdict> verdicts = new ArrayList<>(n);
    if (withDelay < MIN_DAYS) {
      series.forEach(day -> verdicts.add(Verdict.UNSCORED));
      return verdicts;
    }
    double[] expected = RollingBaseline.expected(delays, epochDays);
    Airport airport =
        new Airport(
            fitNoise(series, delays, expected, withDelay),
            usualDepartedByWeekday(series, epochDays),
            ClosureCheck.of(series),
            LateShareCheck.of(series));
    for (int i = 0; i < n; i++) {
      verdicts.add(judge(series.get(i), delays[i], expected[i], airport));
    }
    return verdicts;
  }

  /** What the detector learnt about one airport-year, besides its baseline. */
  private record Airport(
      DayNoise noise, int[] usualDeparted, ClosureCheck closures, LateShareCheck lateShare) {}

  private Verdict judge(DailyAirportStats day, double delay, double expected, Airport airport) {
    boolean hasDelay = !Double.isNaN(delay);
    // A day without departures has no mean to judge; its band is that of a usual day.
    int flights = hasDelay ? day.departed() : airport.usualDeparted()[weekday(day)];
    double sigma = airport.noise().sigma(flights);
    Double lower = null;
    Double upper = null;
    if (hasDelay || flights > 0) {
      lower = expected - threshold * sigma;
      upper = expected + threshold * sigma;
    }
    Double score = hasDelay ? (delay - expected) / sigma : null;
    double closure = airport.closures().score(day);
    if (closure >= threshold) {
      double worst = score == null ? closure : Math.max(score, closure);
      return new Verdict(expected, lower, upper, worst, AnomalyKind.CLOSURE);
    }
    AnomalyKind kind = null;
    if (score != null && score >= threshold && airport.lateShare().corroborates(day)) {
      kind = AnomalyKind.HIGH_DELAY;
    } else if (score != null && twoSided && score <= -threshold) {
      kind = AnomalyKind.LOW_DELAY;
    }
    return new Verdict(expected, lower, upper, score, kind);
  }

  private static DayNoise fitNoise(
      List<DailyAirportStats> series, double[] delays, double[] expected, int withDelay) {
    double[] residuals = new double[withDelay];
    int[] flights = new int[withDelay];
    int k = 0;
    for (int i = 0; i < delays.length; i++) {
      if (!Double.isNaN(delays[i])) {
        residuals[k] = delays[i] - expected[i];
        flights[k] = series.get(i).departed();
        k++;
      }
    }
    return DayNoise.fit(residuals, flights);
  }

  /** The median number of departures per weekday, for the band of days without departures. */
  private static int[] usualDepartedByWeekday(List<DailyAirportStats> series, int[] epochDays) {
    int[] usual = new int[7];
    double[] counts = new double[series.size()];
    for (int d = 0; d < 7; d++) {
      int k = 0;
      for (int i = 0; i < series.size(); i++) {
        if (Math.floorMod(epochDays[i], 7) == d) {
          counts[k++] = series.get(i).departed();
        }
      }
      usual[d] = k == 0 ? 0 : (int) Math.round(Medians.ofFirst(counts, k));
    }
    return usual;
  }

  private static int weekday(DailyAirportStats day) {
    return Math.floorMod((int) day.flightDate().toEpochDay(), 7);
  }
}
