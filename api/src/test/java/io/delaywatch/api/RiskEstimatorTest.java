package io.delaywatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.delaywatch.api.RiskEstimator.Counts;
import io.delaywatch.api.RiskEstimator.Estimate;
import org.junit.jupiter.api.Test;

class RiskEstimatorTest {
  private final RiskEstimator estimator = new RiskEstimator();
  private final Counts airport = new Counts(3650, 1_000_000, 200_000);

  @Test
  void aCellWithoutDaysIsTheAirportsRate() {
    Estimate e = estimator.estimate(new Counts(0, 0, 0), airport);
    assertThat(e.probability()).isCloseTo(0.2, within(1e-12));
    assertThat(e.cellRate()).isNaN();
    assertThat(e.low()).isLessThan(0.2);
    assertThat(e.high()).isGreaterThan(0.2);
  }

  @Test
  void aCellOfPriorDaysDaysIsShrunkHalfwayTowardTheAirport() {
    Counts cell = new Counts((long) RiskEstimator.PRIOR_DAYS, 3000, 1200);
    assertThat(estimator.estimate(cell, airport).probability()).isCloseTo(0.3, within(1e-12));
  }

  @Test
  void theIntervalHoldsTheMiddleNinetyPercentOfThePosterior() {
    // 10 days at r = 0.4, p0 = 0.2: Beta(2 + 4, 8 + 6). With whole shapes the beta's CDF is a
    // binomial tail, computed here without the library the estimator uses.
    Estimate e = estimator.estimate(new Counts(10, 3000, 1200), airport);
    assertThat(betaCdf(6, 14, e.low())).isCloseTo(0.05, within(1e-7));
    assertThat(betaCdf(6, 14, e.high())).isCloseTo(0.95, within(1e-7));
  }

  /** P(X <= x) for X ~ Beta(a, b), a and b whole: P(Binomial(a + b - 1, x) >= a). */
  private static double betaCdf(int a, int b, double x) {
    int n = a + b - 1;
    double sum = 0;
    double choose = 1;
    for (int j = 0; j <= n; j++) {
      if (j > 0) {
        choose = choose * (n - j + 1) / j;
      }
      if (j >= a) {
        sum += choose * Math.pow(x, j) * Math.pow(1 - x, n - j);
      }
    }
    return sum;
  }

  @Test
  void theEstimateIsThePosteriorMeanOfTheFormula() {
    // d = 43 days at r = 0.25, p0 = 0.2: (10 * 0.2 + 43 * 0.25) / 53.
    Estimate e = estimator.estimate(new Counts(43, 20_000, 5_000), airport);
    assertThat(e.probability()).isCloseTo((2 + 10.75) / 53, within(1e-12));
    assertThat(e.cellRate()).isCloseTo(0.25, within(1e-12));
    assertThat(e.low()).isBetween(0.0, e.probability());
    assertThat(e.high()).isBetween(e.probability(), 1.0);
  }

  @Test
  void moreDaysGiveANarrowerInterval() {
    Estimate few = estimator.estimate(new Counts(5, 2_000, 500), airport);
    Estimate many = estimator.estimate(new Counts(200, 80_000, 20_000), airport);
    assertThat(many.high() - many.low()).isLessThan(few.high() - few.low());
  }

  @Test
  void anAirportThatNeverHadDelaysHasAZeroEstimateAndAFiniteInterval() {
    Estimate e = estimator.estimate(new Counts(4, 400, 0), new Counts(100, 10_000, 0));
    assertThat(e.probability()).isZero();
    assertThat(e.low()).isBetween(0.0, 1e-6);
    assertThat(e.high()).isBetween(0.0, 1.0);
  }

  @Test
  void anAirportWithoutDepartedFlightsIsRefused() {
    assertThatThrownBy(() -> estimator.estimate(new Counts(0, 0, 0), new Counts(3, 0, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the airport's history has no departed flights");
  }
}
