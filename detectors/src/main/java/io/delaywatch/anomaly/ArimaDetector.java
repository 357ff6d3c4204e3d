package io.delaywatch.anomaly;

import io.delaywatch.anomaly.DetectorSettings.OrderSearch;
import io.delaywatch.daily.AnomalyKind;
import io.delaywatch.daily.DailyAirportStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The reference projects' ARIMA, done properly: one ARIMA(p, d, q) per airport-year, its order
 * chosen per series ({@link ArimaOrderSearch#search}), fitted by exact maximum likelihood with gaps
 * skipped by the Kalman filter, and each day judged against its one-step-ahead prediction interval
 * at {@code --level} (0.80 like the reference projects, which flags about one day in five by
 * construction). {@code --threshold K} replaces the level's z by K. Two-sided by default, as the
 * reference projects were.
 */
public final class ArimaDetector implements DelayDetector {
  public static final String NAME = "arima";
  public static final double DEFAULT_LEVEL = 0.80;

  /** An airport with fewer days with a delay than this is not fitted: its days are unscored. */
  static final int MIN_DAYS = 30;

  private final double level;
  private final double z;
  private final Flagging flagging;
  private final OrderSearch search;

  public ArimaDetector(DetectorSettings settings) {
    this.level = settings.level() == null ? DEFAULT_LEVEL : settings.level();
    this.z =
        settings.threshold() != null
            ? settings.threshold()
            : new NormalDistribution(null, 0, 1).inverseCumulativeProbability((1 + level) / 2);
    this.flagging = new Flagging(z, settings.twoSidedOr(true));
    this.search = settings.orderSearch() == null ? OrderSearch.AIC : settings.orderSearch();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("threshold", z);
    parameters.put("two_sided", flagging.twoSided());
    parameters.put("level", level);
    parameters.put("order_search", search.label());
    parameters.put(
        "max_order",
        "p<="
            + ArimaOrderSearch.MAX_P
            + ",d<="
            + ArimaOrderSearch.MAX_D
            + ",q<="
            + ArimaOrderSearch.MAX_Q);
    parameters.put("min_days", MIN_DAYS);
    return parameters;
  }

  @Override
  public List<List<Verdict>> scoreAirports(List<List<DailyAirportStats>> airports) {
    // Airports are independent and each fit is deterministic: the order of the results is that
    // of the input whatever the threads do.
    return airports.parallelStream().map(this::score).toList();
  }

  @Override
  public List<Verdict> score(List<DailyAirportStats> series) {
    List<Verdict> verdicts = new ArrayList<>(series.size());
    DailySeries daily = DailySeries.of(series);
    if (daily.observed() < MIN_DAYS || daily.spread() == 0) {
      series.forEach(day -> verdicts.add(Verdict.UNSCORED));
      return verdicts;
    }
    ArimaFit fit = ArimaOrderSearch.search(daily.values(), search);
    if (fit == null) {
      series.forEach(day -> verdicts.add(Verdict.UNSCORED));
      return verdicts;
    }
    ArimaFilter.Result result = fit.filter(daily.values(), false);
    for (int i = 0; i < series.size(); i++) {
      int at = daily.index(i);
      double variance = result.variance()[at];
      if (Double.isNaN(variance)) {
        // The first day of a differenced model has no prediction (diffuse prior).
        verdicts.add(Verdict.UNSCORED);
        continue;
      }
      double sd = Math.sqrt(variance);
      double expected = daily.centre() + result.predicted()[at];
      Double delay = series.get(i).avgDepDelay();
      Double score = delay == null ? null : (delay - expected) / sd;
      AnomalyKind kind = score == null ? null : flagging.ofDelay(score);
      verdicts.add(new Verdict(expected, expected - z * sd, expected + z * sd, score, kind));
    }
    return verdicts;
  }
}
