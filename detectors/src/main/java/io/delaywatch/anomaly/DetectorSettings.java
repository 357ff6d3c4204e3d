package io.delaywatch.anomaly;

import java.util.Locale;

/**
 * The command-line choices a detector is built from. A null field means "the detector's own
 * default", so each detector keeps the default its method calls for (the z-score of the seed
 * projects is two-sided at 3, the robust detector one-sided at 3.5). A detector ignores the fields
 * that do not concern it.
 *
 * @param twoSided also flag unusually low delays; null for the detector's default
 * @param threshold the score at which a day is flagged; null for the detector's default
 * @param seed the seed of randomised detectors, so that a rerun gives identical output
 * @param level {@code arima}: the probability of its one-step prediction interval, in (0, 1); null
 *     for 0.80
 * @param orderSearch {@code arima}: how the (p, d, q) order is chosen; null for AIC
 * @param thresholdScope {@code rcf}: whether its score threshold is set per airport or over the
 *     whole year's airports; null for per airport
 * @param contamination {@code iforest}: flag this share of each airport's days, in (0, 0.5); null
 *     to flag by score
 */
public record DetectorSettings(
    Boolean twoSided,
    Double threshold,
    long seed,
    Double level,
    OrderSearch orderSearch,
    ThresholdScope thresholdScope,
    Double contamination) {
  /** The seed used when none is given. */
  public static final long DEFAULT_SEED = 42L;

  /** Every detector's defaults. */
  public static final DetectorSettings DEFAULTS =
      new DetectorSettings(null, null, DEFAULT_SEED, null, null, null, null);

  /** How {@code arima} chooses its order. */
  public enum OrderSearch {
    /** The lowest Akaike information criterion, AIC = −2·log L + 2k. */
    AIC,
    /** The lowest Bayesian information criterion, BIC = −2·log L + k·log n. */
    BIC,
    /**
     * The reference projects' way: fit each order on the first two thirds of the year, predict the
     * rest one step ahead, keep the order with the lowest squared error.
     */
    WALK_FORWARD;

    /** The option value, e.g. {@code walk-forward}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** Which days a score threshold is computed over. */
  public enum ThresholdScope {
    /** Each airport's own days. */
    AIRPORT,
    /** Every day of every airport of the year (the reference projects' single threshold). */
    YEAR;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * @throws IllegalArgumentException if a number is out of its range (the message says which)
   */
  public DetectorSettings {
    if (threshold != null && !(threshold > 0 && Double.isFinite(threshold))) {
      throw new IllegalArgumentException("threshold must be a positive number, got " + threshold);
    }
    if (level != null && !(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be between 0 and 1 (exclusive), got " + level);
    }
    if (contamination != null && !(contamination > 0 && contamination < 0.5)) {
      throw new IllegalArgumentException(
          "contamination must be between 0 and 0.5 (exclusive), got " + contamination);
    }
  }

  /** The first three choices; the detector-specific ones keep their defaults. */
  public DetectorSettings(Boolean twoSided, Double threshold, long seed) {
    this(twoSided, threshold, seed, null, null, null, null);
  }

  public boolean twoSidedOr(boolean detectorDefault) {
    return twoSided == null ? detectorDefault : twoSided;
  }

  public double thresholdOr(double detectorDefault) {
    return threshold == null ? detectorDefault : threshold;
  }

  public DetectorSettings withSeed(long newSeed) {
    return new DetectorSettings(
        twoSided, threshold, newSeed, level, orderSearch, thresholdScope, contamination);
  }

  /**
   * These settings with one changed, named as the detect task's option without its dashes: {@code
   * two-sided}, {@code threshold}, {@code seed}, {@code level}, {@code order-search}, {@code
   * threshold-scope}, {@code contamination}.
   *
   * @throws IllegalArgumentException for an unknown option or a value it does not take
   */
  public DetectorSettings withOption(String option, String value) {
    Boolean sides = twoSided;
    Double k = threshold;
    long s = seed;
    Double p = level;
    OrderSearch search = orderSearch;
    ThresholdScope scope = thresholdScope;
    Double share = contamination;
    switch (option) {
      case "two-sided" -> sides = parseBoolean(option, value);
      case "threshold" -> k = parseDouble(option, value);
      case "seed" -> s = (long) (double) parseDouble(option, value);
      case "level" -> p = parseDouble(option, value);
      case "order-search" -> search = parseEnum(OrderSearch.class, option, value);
      case "threshold-scope" -> scope = parseEnum(ThresholdScope.class, option, value);
      case "contamination" -> share = parseDouble(option, value);
      default ->
          throw new IllegalArgumentException(
              "unknown detector option '"
                  + option
                  + "'; known: two-sided, threshold, seed, level, order-search, threshold-scope, contamination");
    }
    return new DetectorSettings(sides, k, s, p, search, scope, share);
  }

  /**
   * The constant of {@code type} whose label is {@code value} (case-insensitive; '-' or '_').
   *
   * @throws IllegalArgumentException naming the option and the accepted values
   */
  public static <E extends Enum<E>> E parseEnum(Class<E> type, String option, String value) {
    String wanted = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    StringBuilder known = new StringBuilder();
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(wanted)) {
        return constant;
      }
      known
          .append(known.length() == 0 ? "" : ", ")
          .append(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    throw new IllegalArgumentException(
        option + " must be one of " + known + ", got '" + value + "'");
  }

  private static Double parseDouble(String option, String value) {
    try {
      return Double.valueOf(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a number, got '" + value + "'", e);
    }
  }

  private static Boolean parseBoolean(String option, String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(
              option + " must be true or false, got '" + value + "'");
    };
  }
}
