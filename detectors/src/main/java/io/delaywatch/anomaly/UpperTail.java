package io.delaywatch.anomaly;

/**
 * How much heavier than a normal one the right tail of an airport's day scores is, season by
 * season. Not API.
 *
 * <p>The day score S is fitted at the median, so on ordinary days it is a standard score near its
 * centre. Real daily delays are skewed: a busy airport's summer thunderstorm days or a congested
 * winter sit far out in a tail that a normal distribution fitted at the median puts at odds of one
 * in thousands, though they come every few weeks. The tail factor of day t is {@code max(1, (q_t −
 * 2·se) / Φ⁻¹(}{@value #QUANTILE}{@code ))}, q_t the {@value #QUANTILE} quantile of S over the
 * ordinary days within ±{@value #HALF_WINDOW_DAYS} days (t left out; the whole year below {@value
 * #MIN_DAYS} such days): positive scores are divided by it, so that a day is flagged only when it
 * stands out of its own season's bad days. A normal tail gives 1 and changes nothing; the factor
 * never narrows the band. se, the standard error of a normal sample's quantile over k days,
 * sqrt(q(1 − q)/k) / φ(Φ⁻¹(q)), keeps a normal tail's sampling wobble from widening it.
 */
final class UpperTail {
  /** The quantile the tail is matched at: high enough to see the tail, low enough to be stable. */
  static final double QUANTILE = 0.95;

  /**
   * Days either side of t that its season's quantile is taken over: about 240 days, so that the
   * quantile rests on a dozen days beyond it (with ±45 days one storm moved it visibly), while a
   * summer is still judged with more summer than winter in its window.
   */
  static final int HALF_WINDOW_DAYS = 120;

  /** Below this many scored ordinary days in the window, the year's days are taken instead. */
  static final int MIN_DAYS = 30;

  private static final double NORMAL_QUANTILE = Binomial.normalScore(1 - QUANTILE);

  private UpperTail() {}

  /**
   * Each day's tail factor, at least 1.
   *
   * @param scores the day scores, NaN where none
   * @param epochDays each row's date, strictly increasing
   * @param ordinary whether each day may shape the factor (not a holiday)
   */
  static double[] scales(double[] scores, int[] epochDays, boolean[] ordinary) {
    int n = scores.length;
    double[] year = new double[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (ordinary[i] && !Double.isNaN(scores[i])) {
        year[count++] = scores[i];
      }
    }
    double yearFactor = count == 0 ? 1 : factor(java.util.Arrays.copyOf(year, count));
    double[] factors = new double[n];
    double[] window = new double[n];
    int lo = 0;
    for (int i = 0; i < n; i++) {
      while (epochDays[lo] < epochDays[i] - HALF_WINDOW_DAYS) {
        lo++;
      }
      int k = 0;
      for (int j = lo; j < n && epochDays[j] <= epochDays[i] + HALF_WINDOW_DAYS; j++) {
        if (j != i && ordinary[j] && !Double.isNaN(scores[j])) {
          window[k++] = scores[j];
        }
      }
      factors[i] = k < MIN_DAYS ? yearFactor : factor(java.util.Arrays.copyOf(window, k));
    }
    return factors;
  }

  private static double factor(double[] scores) {
    // A sample quantile of a normal tail strays by its standard error sqrt(q(1 − q)/k) / φ(z_q)
    // (about 0.14 over 240 days): only a quantile beyond two of those is evidence of a heavier
    // tail, so that an airport whose scores are normal keeps its band.
    double density = Math.exp(-NORMAL_QUANTILE * NORMAL_QUANTILE / 2) / Math.sqrt(2 * Math.PI);
    double error = Math.sqrt(QUANTILE * (1 - QUANTILE) / scores.length) / density;
    return Math.max(1, (Medians.quantile(scores, QUANTILE) - 2 * error) / NORMAL_QUANTILE);
  }
}
