package io.delaywatch.anomaly;

/**
 * Evidence that adds up over consecutive days: a storm, a blizzard or a nor'easter lasts two to
 * four days, and on each of them an airport's score may fall short of the threshold while the run
 * as a whole is far beyond chance. Not API.
 *
 * <p>A run is a maximal stretch of consecutive calendar days whose scores are all at least {@value
 * #MIN_DAY_SCORE}. Its score is Stouffer's sum over its L days divided by the spread that sum has
 * on ordinary days, whose scores are correlated from one day to the next (weather persists): R = Σ
 * s_t / sqrt(L + 2·Σ_{j=1}^{L−1} (L − j)·r^j), r the airport's robust lag-one correlation of the
 * scores (at least 0). Each day of a run of two or more gets R as its run score.
 */
final class EventRuns {
  /**
   * Every day of a run must reach this score itself: a run is of bad days, not of ordinary ones.
   */
  static final double MIN_DAY_SCORE = 2.5;

  private EventRuns() {}

  /**
   * The run score of each day, NaN for a day outside any run of two or more days.
   *
   * @param scores the day scores, NaN where a day is no candidate
   * @param epochDays each row's date, strictly increasing
   * @param lagCorrelation r, the correlation of one day's score with the next day's
   */
  static double[] scores(double[] scores, int[] epochDays, double lagCorrelation) {
    double[] persistence = new double[scores.length];
    java.util.Arrays.fill(persistence, lagCorrelation);
    return scores(scores, epochDays, persistence);
  }

  /**
   * As {@link #scores(double[], int[], double)} with a correlation per day; a run takes the largest
   * of its days'.
   */
  static double[] scores(double[] scores, int[] epochDays, double[] persistence) {
    return scores(scores, epochDays, persistence, null, 0);
  }

  /**
   * As {@link #scores(double[], int[], double[])}, leaving out a run whose days together have fewer
   * than {@code minDeparted} departures.
   *
   * @param departed each day's departures; null: every run counts
   */
  static double[] scores(
      double[] scores, int[] epochDays, double[] persistence, int[] departed, int minDeparted) {
    int n = scores.length;
    double[] runs = new double[n];
    java.util.Arrays.fill(runs, Double.NaN);
    int start = 0;
    while (start < n) {
      if (!(scores[start] >= MIN_DAY_SCORE)) {
        start++;
        continue;
      }
      int end = start + 1;
      double weakest = scores[start];
      double highest = persistence[start];
      while (end < n && scores[end] >= MIN_DAY_SCORE && epochDays[end] == epochDays[end - 1] + 1) {
        weakest = Math.min(weakest, scores[end]);
        highest = Math.max(highest, persistence[end]);
        end++;
      }
      int length = end - start;
      long flights = 0;
      for (int i = start; departed != null && i < end; i++) {
        flights += departed[i];
      }
      if (length >= 2 && (departed == null || flights >= minDeparted)) {
        double r = Math.max(0, Math.min(0.95, highest));
        double variance = length;
        for (int j = 1; j < length; j++) {
          variance += 2 * (length - j) * Math.pow(r, j);
        }
        double run = length * weakest / Math.sqrt(variance);
        for (int i = start; i < end; i++) {
          runs[i] = run;
        }
      }
      start = end;
    }
    return runs;
  }

  /**
   * The robust correlation of each day's value with the next calendar day's, over the pairs where
   * both are present (0 below ten pairs).
   */
  static double lagCorrelation(double[] values, int[] epochDays) {
    int n = values.length;
    double[] today = new double[n];
    double[] tomorrow = new double[n];
    int count = 0;
    for (int i = 0; i + 1 < n; i++) {
      if (epochDays[i + 1] == epochDays[i] + 1
          && !Double.isNaN(values[i])
          && !Double.isNaN(values[i + 1])) {
        today[count] = values[i];
        tomorrow[count] = values[i + 1];
        count++;
      }
    }
    return RobustDetector.robustCorrelation(
        java.util.Arrays.copyOf(today, count), java.util.Arrays.copyOf(tomorrow, count));
  }
}
