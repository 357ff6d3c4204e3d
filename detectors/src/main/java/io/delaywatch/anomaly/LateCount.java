package io.delaywatch.anomaly;

import io.delaywatch.daily.DailyAirportStats;
import java.util.Arrays;
import java.util.List;

/**
 * How surprising a day's count of flights delayed 15+ minutes is, given the airport's usual share
 * of such flights and how much that share varies from day to day. Not API.
 *
 * <p>The count k_t = delayed_15_share·n_t of the n_t departed flights is beta-binomial: each day
 * draws its own share around its expected share q_t (weather, traffic), then each flight is late
 * with that day's share. Its intra-day correlation rho is fitted per airport, robustly, so that a
 * big airport's ordinary bad days are not all surprising (its count varies far more than a
 * binomial), while a small airport's count is judged almost exactly binomially. The score is the
 * normal-equivalent of the mid-p upper tail P(X > k) + P(X = k)/2, which is close to a standard
 * normal on ordinary days even for a handful of flights.
 */
final class LateCount {
  /** Floor and ceiling of the share: an airport that never (or always) runs late is not certain. */
  static final double MIN_SHARE = 0.01;

  /** Days either side whose flights the expected share pools. */
  static final int HALF_WINDOW_DAYS = 28;

  private final double[] expected;
  private final double rho;

  private LateCount(double[] expected, double rho) {
    this.expected = expected;
    this.rho = rho;
  }

  /**
   * Fits one airport-year: each day's expected share, and the overdispersion around it.
   *
   * <p>The expected share of day t pools the late and departed flights of the days within ±{@value
   * #HALF_WINDOW_DAYS} days (day t and holidays left out), times the ratio of t's weekday pooled
   * over the year to all days pooled: a pooled ratio, not a median, because a small airport's daily
   * shares are mostly 0 or 1.
   *
   * @param ordinary whether each day may shape the expectation (not a holiday)
   */
  static LateCount of(List<DailyAirportStats> series, boolean[] ordinary) {
    int n = series.size();
    double[] late = new double[n];
    double[] departed = new double[n];
    int[] epochDays = new int[n];
    double[] weekdayLate = new double[7];
    double[] weekdayDeparted = new double[7];
    double totalLate = 0;
    double totalDeparted = 0;
    for (int i = 0; i < n; i++) {
      DailyAirportStats day = series.get(i);
      epochDays[i] = (int) day.flightDate().toEpochDay();
      if (day.delayed15Share() != null && day.departed() > 0 && ordinary[i]) {
        late[i] = day.delayed15Share() * day.departed();
        departed[i] = day.departed();
        int weekday = Math.floorMod(epochDays[i], 7);
        weekdayLate[weekday] += late[i];
        weekdayDeparted[weekday] += departed[i];
        totalLate += late[i];
        totalDeparted += departed[i];
      }
    }
    double pooled = totalDeparted == 0 ? MIN_SHARE : totalLate / totalDeparted;
    double[] expected = new double[n];
    int lo = 0;
    int hi = 0;
    double windowLate = 0;
    double windowDeparted = 0;
    for (int i = 0; i < n; i++) {
      while (hi < n && epochDays[hi] <= epochDays[i] + HALF_WINDOW_DAYS) {
        windowLate += late[hi];
        windowDeparted += departed[hi];
        hi++;
      }
      while (epochDays[lo] < epochDays[i] - HALF_WINDOW_DAYS) {
        windowLate -= late[lo];
        windowDeparted -= departed[lo];
        lo++;
      }
      double others = windowDeparted - departed[i];
      double local = others > 0 ? (windowLate - late[i]) / others : pooled;
      int weekday = Math.floorMod(epochDays[i], 7);
      double factor =
          weekdayDeparted[weekday] > 0 && pooled > 0
              ? weekdayLate[weekday] / weekdayDeparted[weekday] / pooled
              : 1;
      expected[i] = Math.min(1 - MIN_SHARE, Math.max(MIN_SHARE, local * factor));
    }
    double[] absolute = new double[n];
    double[] within = new double[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      DailyAirportStats day = series.get(i);
      if (day.delayed15Share() != null && day.departed() > 0) {
        double q = expected[i];
        absolute[count] = Math.abs(day.delayed15Share() - q);
        within[count] = q * (1 - q) / day.departed();
        count++;
      }
    }
    double typical = Math.min(1 - MIN_SHARE, Math.max(MIN_SHARE, pooled));
    double rho =
        BetaBinomial.fitRho(
            Arrays.copyOf(absolute, count), Arrays.copyOf(within, count), typical, 0.5);
    return new LateCount(expected, rho);
  }

  /**
   * How much of the late count's spread on day i is the binomial noise of its few flights rather
   * than the day-to-day drift of the share, in [0, 1]: near 1 at a small airport, where the count
   * is the better evidence, lower at a hub, where its mean delay already says it all.
   */
  double samplingShare(int i, DailyAirportStats day) {
    double q = expected[i];
    double within = q * (1 - q) / Math.max(1, day.departed());
    double between = rho * q * (1 - q);
    return within / (within + between);
  }

  /** The score of row {@code i}'s late count, or NaN when it has no share or no departure. */
  double score(int i, DailyAirportStats day) {
    if (day.delayed15Share() == null || day.departed() <= 0) {
      return Double.NaN;
    }
    double share = expected[i];
    int n = day.departed();
    int k = (int) Math.min(n, Math.max(0, Math.round(day.delayed15Share() * n)));
    double[] tail = BetaBinomial.tail(n, k, share, rho);
    double above = tail[0];
    double at = tail[1];
    return Binomial.normalScore(Math.min(1 - 1e-16, above + at / 2));
  }
}
