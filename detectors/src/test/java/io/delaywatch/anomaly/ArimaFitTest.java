package io.delaywatch.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ArimaFitTest {

  @Test
  void anAr1LikelihoodIsTheTextbookExactOne() {
    double[] y = ar1(0.6, 10, 4, 300, 5);
    double phi = 0.55;
    double mu = 9.5;

    ArimaFilter.Result result =
        new ArimaFilter(1, 0, 0).run(y, new double[] {phi}, new double[0], mu, false);

    // Exact AR(1): the first value from the stationary N(mu, s²/(1−φ²)), the rest conditional.
    double squares = (1 - phi * phi) * (y[0] - mu) * (y[0] - mu);
    for (int t = 1; t < y.length; t++) {
      double e = y[t] - mu - phi * (y[t - 1] - mu);
      squares += e * e;
    }
    int n = y.length;
    double sigma2 = squares / n;
    double expected =
        -0.5 * n * (Math.log(2 * Math.PI * sigma2) + 1) + 0.5 * Math.log(1 - phi * phi);
    assertThat(result.sigma2()).isCloseTo(sigma2, within(1e-9));
    assertThat(result.logLikelihood()).isCloseTo(expected, within(1e-8));
  }

  @Test
  void aGapIsPredictedThroughNotReadAsZero() {
    double[] y = ar1(0.7, 20, 3, 120, 8);
    for (int t = 60; t < 65; t++) {
      y[t] = Double.NaN;
    }
    double phi = 0.7;
    double mu = 20;

    ArimaFilter.Result result =
        new ArimaFilter(1, 0, 0).run(y, new double[] {phi}, new double[0], mu, true);

    // Six steps after the last value: mu + φ⁶ (y59 − mu); the variance grows to σ²(1 − φ¹²)/(1 −
    // φ²).
    assertThat(result.predicted()[65])
        .isCloseTo(mu + Math.pow(phi, 6) * (y[59] - mu), within(1e-9));
    assertThat(result.variance()[65] / result.sigma2())
        .isCloseTo((1 - Math.pow(phi, 12)) / (1 - phi * phi), within(1e-9));
    assertThat(result.observations()).isEqualTo(115);
  }

  @Test
  void recoversTheParametersOfASimulatedArma11() {
    Random random = new Random(11);
    int n = 3000;
    double[] y = new double[n];
    double previous = 0;
    double shock = 0;
    for (int t = 0; t < n; t++) {
      double e = random.nextGaussian() * 5;
      double u = 0.6 * previous + e + 0.3 * shock;
      y[t] = 10 + u;
      previous = u;
      shock = e;
    }

    ArimaFit fit = ArimaFit.fit(y, 1, 0, 1);

    assertThat(fit.ar()[0]).isCloseTo(0.6, within(0.05));
    assertThat(fit.ma()[0]).isCloseTo(0.3, within(0.06));
    assertThat(fit.mean()).isCloseTo(10, within(0.8));
    assertThat(Math.sqrt(fit.sigma2())).isCloseTo(5, within(0.2));
  }

  @Test
  void theFirstDayOfADifferencedModelHasNoPrediction() {
    double[] y = ar1(0.3, 5, 2, 50, 9);

    ArimaFilter.Result result = ArimaFit.fit(y, 0, 1, 1).filter(y, false);

    assertThat(result.variance()[0]).isNaN();
    assertThat(result.variance()[1]).isPositive();
    assertThat(result.observations()).isEqualTo(49);
  }

  /** y_t = mu + u_t, u_t = φ u_{t−1} + e_t, e_t ~ N(0, sd²), from the stationary start. */
  static double[] ar1(double phi, double mu, double sd, int n, long seed) {
    Random random = new Random(seed);
    double[] y = new double[n];
    double u = random.nextGaussian() * sd / Math.sqrt(1 - phi * phi);
    for (int t = 0; t < n; t++) {
      y[t] = mu + u;
      u = phi * u + random.nextGaussian() * sd;
    }
    return y;
  }
}
