package io.delaywatch.anomaly;

import io.delaywatch.daily.AnomalyKind;

/**
 * A detector's judgement of one day. Delays are minutes of {@code avg_dep_delay}.
 *
 * @param expected what the detector expected the day's average delay to be; null without a baseline
 *     (too little history)
 * @param lower lower end of the normal band; null when unknown
 * @param upper upper end of the normal band; null when unknown
 * @param score signed, in units of the detector's noise scale: positive above expected, negative
 *     below; CANCELLATIONS and COLLAPSE days carry their count's score instead, positive: how
 *     improbable so many cancellations, or so few scheduled flights, are; null when not scored. A
 *     flagged verdict always has expected, lower, upper and score
 * @param kind why the day is anomalous, or null when it is not
 */
public record Verdict(Double expected, Double lower, Double upper, Double score, AnomalyKind kind) {

  /** The verdict on a day a detector cannot judge: no baseline, no score, not anomalous. */
  public static final Verdict UNSCORED = new Verdict(null, null, null, null, null);

  public boolean anomaly() {
    return kind != null;
  }
}
