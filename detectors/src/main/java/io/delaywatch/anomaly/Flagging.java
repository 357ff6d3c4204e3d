package io.delaywatch.anomaly;

import io.delaywatch.daily.AnomalyKind;

/**
 * The flagging rule the detectors share: a delay score at or beyond the threshold is HIGH_DELAY, or
 * LOW_DELAY below −threshold when two-sided; a count score (cancellations, schedule) at or beyond
 * the threshold is its kind. Not API.
 *
 * @param threshold the score at which a day is flagged, positive
 * @param twoSided whether unusually low delays are flagged too
 */
record Flagging(double threshold, boolean twoSided) {

  /** The kind of a day whose delay score is {@code score}, or null (also for NaN). */
  AnomalyKind ofDelay(double score) {
    if (score >= threshold) {
      return AnomalyKind.HIGH_DELAY;
    }
    if (twoSided && score <= -threshold) {
      return AnomalyKind.LOW_DELAY;
    }
    return null;
  }

  /** Whether a count score (NaN: not a candidate) flags its day. */
  boolean flags(double countScore) {
    return countScore >= threshold;
  }
}
