package io.delaywatch.anomaly;

import java.util.Arrays;

/**
 * The KPSS test of level stationarity (Kwiatkowski, Phillips, Schmidt and Shin 1992), which chooses
 * the differencing order of the information-criterion searches. Not API.
 */
final class Kpss {
  /** The statistic's 5% critical value (Kwiatkowski et al. 1992, table 1). */
  static final double CRITICAL_5 = 0.463;

  private Kpss() {}

  /**
   * The KPSS statistic of the observed values (gaps skipped): η = Σ S_t² / (n² σ²), S_t the partial
   * sums of the deviations from the mean, σ² the Newey–West long-run variance with ⌊12 (n/100)^¼⌋
   * lags; 0 for fewer than three values or no variance.
   */
  static double statistic(double[] y) {
    double[] values = Arrays.stream(y).filter(v -> !Double.isNaN(v)).toArray();
    int n = values.length;
    if (n < 3) {
      return 0;
    }
    double mean = Arrays.stream(values).average().orElse(0);
    double[] e = new double[n];
    for (int i = 0; i < n; i++) {
      e[i] = values[i] - mean;
    }
    double partial = 0;
    double sumSquares = 0;
    for (int i = 0; i < n; i++) {
      partial += e[i];
      sumSquares += partial * partial;
    }
    int lags = Math.min(n - 1, (int) Math.floor(12 * Math.pow(n / 100.0, 0.25)));
    double longRun = 0;
    for (int i = 0; i < n; i++) {
      longRun += e[i] * e[i];
    }
    for (int j = 1; j <= lags; j++) {
      double gamma = 0;
      for (int i = j; i < n; i++) {
        gamma += e[i] * e[i - j];
      }
      longRun += 2 * (1 - j / (lags + 1.0)) * gamma;
    }
    longRun /= n;
    return longRun > 0 ? sumSquares / ((double) n * n * longRun) : 0;
  }
}
