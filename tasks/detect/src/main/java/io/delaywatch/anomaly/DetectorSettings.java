package io.delaywatch.anomaly;

/**
 * The command-line choices a detector is built from. A null field means "the detector's own
 * default", so each detector keeps the default its method calls for (the z-score of the seed
 * projects is two-sided at 3, the robust detector one-sided at 3.5).
 *
 * @param twoSided also flag unusually low delays; null for the detector's default
 * @param threshold the score at which a day is flagged; null for the detector's default
 * @param seed the seed of randomised detectors, so that a rerun gives identical output
 */
public record DetectorSettings(Boolean twoSided, Double threshold, long seed) {
  /** The seed used when none is given. */
  public static final long DEFAULT_SEED = 42L;

  /** Every detector's defaults. */
  public static final DetectorSettings DEFAULTS = new DetectorSettings(null, null, DEFAULT_SEED);

  /**
   * @throws IllegalArgumentException if the threshold is not a positive number
   */
  public DetectorSettings {
    if (threshold != null && !(threshold > 0 && Double.isFinite(threshold))) {
      throw new IllegalArgumentException("threshold must be a positive number, got " + threshold);
    }
  }

  public boolean twoSidedOr(boolean detectorDefault) {
    return twoSided == null ? detectorDefault : twoSided;
  }

  public double thresholdOr(double detectorDefault) {
    return threshold == null ? detectorDefault : threshold;
  }
}
