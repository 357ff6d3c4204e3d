package io.delaywatch.evaluate;

/**
 * Flagged days against planted ones. Not API.
 *
 * @param truePositives anomalous days flagged
 * @param falsePositives ordinary days flagged (drift and holiday days included)
 * @param falseNegatives anomalous days not flagged
 */
record Counts(long truePositives, long falsePositives, long falseNegatives) {
  static final Counts NONE = new Counts(0, 0, 0);

  Counts plus(Counts other) {
    return new Counts(
        truePositives + other.truePositives,
        falsePositives + other.falsePositives,
        falseNegatives + other.falseNegatives);
  }

  /** Flagged days that were anomalous; NaN when nothing was flagged. */
  double precision() {
    return ratio(truePositives, truePositives + falsePositives);
  }

  /** Anomalous days that were flagged; NaN when there were none. */
  double recall() {
    return ratio(truePositives, truePositives + falseNegatives);
  }

  /** The harmonic mean of precision and recall: 2·TP / (2·TP + FP + FN); NaN when undefined. */
  double f1() {
    return ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
  }

  private static double ratio(long part, long whole) {
    return whole == 0 ? Double.NaN : (double) part / whole;
  }
}
