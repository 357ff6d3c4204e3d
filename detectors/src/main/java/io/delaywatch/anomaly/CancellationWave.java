package io.delaywatch.anomaly;

import io.delaywatch.daily.DailyAirportStats;
import java.util.Arrays;
import java.util.List;

/**
 * Is a day a cancellation wave: far more of its schedule cancelled than the airport's own normal
 * rate and the day's number of flights explain? Not API.
 *
 * <p>The normal rate p_t is a trimmed pooled rate: the cancelled over the scheduled flights of the
 * ordinary days within ±{@value #HALF_WINDOW_DAYS} days (t and holidays left out), after dropping
 * the {@value #TRIM} of those days with the highest cancelled shares, so that a wave (or a
 * blizzard's two days) does not raise the normal rate of its neighbours; at least {@value
 * #MIN_RATE}. The count c_t of the f_t scheduled flights is judged as BetaBinomial(f_t, p_t, rho),
 * rho the airport's day-to-day overdispersion fitted robustly (as {@link LateCount}'s), so that a
 * hub whose ordinary days already vary a lot needs more than a small airport whose days vary only
 * binomially. The score is the normal-equivalent of P(X ≥ c_t).
 *
 * <p>A day also needs an effect a person would call a wave: at least {@value #MIN_RATIO} times its
 * normal rate and {@value #MIN_EXCESS} above it (15% at an airport that normally cancels 1.5%
 * qualifies; 5% does not, however many flights it has).
 */
final class CancellationWave {
  /** Days either side whose flights the normal rate pools. */
  static final int HALF_WINDOW_DAYS = 28;

  /** The share of the window's days with the most cancellations left out of the normal rate. */
  static final double TRIM = 0.1;

  /** Floor of the normal rate: an airport that cancelled nothing for weeks is not infallible. */
  static final double MIN_RATE = 0.01;

  /** A wave cancels at least this many times the normal rate ... */
  static final double MIN_RATIO = 3;

  /** ... and at least this much more than the normal rate (a share of the schedule). */
  static final double MIN_EXCESS = 0.05;

  /**
   * A day that cancels at least this share of its schedule, and {@value #WAVE_RATIO} times its
   * normal rate, is a wave by its size (what operations call one: 15-30% where 1-2% is normal) ...
   */
  static final double WAVE_SHARE = 0.15;

  static final double WAVE_RATIO = 5;

  /**
   * ... provided its count is not chance under the airport's ordinary day-to-day variation: P(X ≥
   * c) below 0.001 ...
   */
  static final double WAVE_MIN_SIGNIFICANCE = 3.09;

  /** ... and at least this many flights were cancelled (two of eight is no wave). */
  static final int WAVE_MIN_CANCELLED = 5;

  /**
   * The quantile of the ordinary days' spread the tail-aware overdispersion is matched at: a day is
   * a wave by its improbability alone only beyond what the airport's ordinary bad days (its worst
   * tenth) already show.
   */
  static final double TAIL_QUANTILE = 0.9;

  private final double[] rate;
  private final double rho;
  private final double tailRho;

  private CancellationWave(double[] rate, double rho, double tailRho) {
    this.rate = rate;
    this.rho = rho;
    this.tailRho = tailRho;
  }

  /**
   * Fits one airport-year.
   *
   * @param ordinary whether each day may shape the normal rate (not a holiday)
   */
  static CancellationWave of(List<DailyAirportStats> series, boolean[] ordinary) {
    int n = series.size();
    int[] epochDays = new int[n];
    for (int i = 0; i < n; i++) {
      epochDays[i] = (int) series.get(i).flightDate().toEpochDay();
    }
    double[] rate = new double[n];
    double[] shares = new double[n];
    Integer[] order = new Integer[n];
    int lo = 0;
    for (int i = 0; i < n; i++) {
      while (epochDays[lo] < epochDays[i] - HALF_WINDOW_DAYS) {
        lo++;
      }
      int count = 0;
      for (int j = lo; j < n && epochDays[j] <= epochDays[i] + HALF_WINDOW_DAYS; j++) {
        if (j != i && ordinary[j] && series.get(j).flights() > 0) {
          order[count] = j;
          shares[j] = share(series.get(j));
          count++;
        }
      }
      Arrays.sort(order, 0, count, (x, y) -> Double.compare(shares[x], shares[y]));
      int kept = count - (int) Math.floor(count * TRIM);
      long cancelled = 0;
      long flights = 0;
      for (int k = 0; k < kept; k++) {
        DailyAirportStats day = series.get(order[k]);
        cancelled += Math.min(day.cancelled(), day.flights());
        flights += day.flights();
      }
      rate[i] = Math.max(MIN_RATE, flights == 0 ? 0 : (double) cancelled / flights);
    }
    double[] absolute = new double[n];
    double[] within = new double[n];
    double[] typical = new double[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      DailyAirportStats day = series.get(i);
      if (ordinary[i] && day.flights() > 0) {
        absolute[count] = Math.abs(share(day) - rate[i]);
        within[count] = rate[i] * (1 - rate[i]) / day.flights();
        typical[count] = rate[i];
        count++;
      }
    }
    double[] absoluteDays = Arrays.copyOf(absolute, count);
    double[] withinDays = Arrays.copyOf(within, count);
    double typicalRate = count == 0 ? MIN_RATE : Medians.ofFirst(typical, count);
    double rho = BetaBinomial.fitRho(absoluteDays, withinDays, typicalRate, 0.5);
    double tailRho =
        Math.max(rho, BetaBinomial.fitRho(absoluteDays, withinDays, typicalRate, TAIL_QUANTILE));
    return new CancellationWave(rate, rho, tailRho);
  }

  /**
   * Each day's cancelled share minus its normal rate, NaN without flights: what persists from one
   * day to the next.
   */
  double[] excess(List<DailyAirportStats> series) {
    double[] excess = new double[series.size()];
    for (int i = 0; i < excess.length; i++) {
      DailyAirportStats day = series.get(i);
      excess[i] = day.flights() > 0 ? share(day) - rate[i] : Double.NaN;
    }
    return excess;
  }

  /**
   * The wave score of row {@code i}, or NaN when too little of its schedule was cancelled: the
   * larger of its improbability beyond the airport's ordinary bad days and, for a day of a wave's
   * size, that size in units of the threshold.
   *
   * @param threshold the score at which a day is flagged
   */
  double score(int i, DailyAirportStats day, double threshold) {
    int flights = day.flights();
    if (flights <= 0) {
      return Double.NaN;
    }
    int cancelled = Math.min(day.cancelled(), flights);
    double p = rate[i];
    double share = (double) cancelled / flights;
    if (share < Math.max(MIN_RATIO * p, p + MIN_EXCESS)) {
      return Double.NaN;
    }
    double improbable = significance(flights, cancelled, p, tailRho);
    double size = Math.min(share / WAVE_SHARE, share / (WAVE_RATIO * p));
    if (size >= 1
        && cancelled >= WAVE_MIN_CANCELLED
        && significance(flights, cancelled, p, rho) >= WAVE_MIN_SIGNIFICANCE) {
      return Math.max(improbable, threshold * size);
    }
    return improbable;
  }

  private static double significance(int flights, int cancelled, double p, double rho) {
    double[] tail = BetaBinomial.tail(flights, cancelled, p, rho);
    return Binomial.normalScore(Math.min(1, tail[0] + tail[1]));
  }

  private static double share(DailyAirportStats day) {
    return (double) Math.min(day.cancelled(), day.flights()) / day.flights();
  }
}
