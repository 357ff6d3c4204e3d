package io.delaywatch.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

class BinomialTest {

  @Test
  void upperTailMatchesTheBinomialDistribution() {
    BinomialDistribution distribution = new BinomialDistribution(null, 40, 0.2);
    for (int k = 1; k <= 40; k++) {
      double expected = 1 - distribution.cumulativeProbability(k - 1);
      assertThat(Binomial.upperTail(40, k, 0.2))
          .as("P(X >= %d)", k)
          .isCloseTo(expected, within(1e-12));
    }
    assertThat(Binomial.upperTail(40, 0, 0.2)).isEqualTo(1.0);
  }

  @Test
  void normalScoreInvertsTheUpperTailOfTheStandardNormal() {
    assertThat(Binomial.normalScore(0.5)).isCloseTo(0.0, within(1e-12));
    assertThat(Binomial.normalScore(0.05)).isCloseTo(1.6448536, within(1e-6));
    assertThat(Binomial.normalScore(2.326290790355e-4)).isCloseTo(3.5, within(1e-6));
    // Tables: P(Z >= 8) = 6.22096e-16, P(Z >= 20) = 2.75362e-89.
    assertThat(Binomial.normalScore(6.22096057427e-16)).isCloseTo(8.0, within(1e-3));
    assertThat(Binomial.normalScore(2.7536241186e-89)).isCloseTo(20.0, within(1e-3));
  }

  @Test
  void normalScoreIsContinuousWhereItSwitchesToTheAsymptote() {
    assertThat(Binomial.normalScore(1.0000001e-10))
        .isCloseTo(Binomial.normalScore(0.9999999e-10), within(1e-3));
  }

  @Test
  void aTailThatUnderflowsGivesALargeFiniteScore() {
    double score = Binomial.score(1000, 1000, 0.01);

    assertThat(score).isFinite().isGreaterThan(30);
  }
}
