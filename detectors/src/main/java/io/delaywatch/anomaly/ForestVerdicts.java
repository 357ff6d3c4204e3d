package io.delaywatch.anomaly;

import io.delaywatch.daily.AnomalyKind;
import io.delaywatch.daily.DailyAirportStats;
import java.util.ArrayList;
import java.util.List;

/**
 * Verdicts of the tree detectors ({@code rcf}, {@code iforest}), which score days but predict no
 * value: expected is the airport's median delay, and the band spans the delays of the days the
 * detector did not flag (widened to hold the median), so that a chart shows what the forest took as
 * ordinary. Not API.
 */
final class ForestVerdicts {
  private ForestVerdicts() {}

  /**
   * @param centre the airport's median delay
   * @param scores per row, NaN when not scored
   * @param kinds per row, null when not flagged
   */
  static List<Verdict> of(
      List<DailyAirportStats> series, double centre, double[] scores, AnomalyKind[] kinds) {
    double lower = centre;
    double upper = centre;
    boolean any = false;
    for (int i = 0; i < series.size(); i++) {
      Double delay = series.get(i).avgDepDelay();
      if (!Double.isNaN(scores[i])) {
        any = true;
        if (delay != null && kinds[i] == null) {
          lower = Math.min(lower, delay);
          upper = Math.max(upper, delay);
        }
      }
    }
    List<Verdict> verdicts = new ArrayList<>(series.size());
    for (int i = 0; i < series.size(); i++) {
      if (!any) {
        // Kinds come only with scores: no score anywhere, no flag anywhere.
        verdicts.add(Verdict.UNSCORED);
      } else {
        verdicts.add(
            new Verdict(
                centre, lower, upper, Double.isNaN(scores[i]) ? null : scores[i], kinds[i]));
      }
    }
    return verdicts;
  }
}
