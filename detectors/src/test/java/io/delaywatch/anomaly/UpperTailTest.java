package io.delaywatch.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UpperTailTest {

  @Test
  void aNormalTailLeavesTheScoresAlone() {
    double[] scores = new double[365];
    Random random = new Random(7);
    for (int i = 0; i < scores.length; i++) {
      scores[i] = random.nextGaussian();
    }
    double[] factors = UpperTail.scales(scores, days(scores.length), ordinary(scores.length));

    assertThat(Arrays.stream(factors).max().orElseThrow()).isLessThan(1.05);
    assertThat(Arrays.stream(factors).min().orElseThrow()).isEqualTo(1.0);
  }

  @Test
  void aHeavyRightTailWidensTheScaleToItsOwnQuantile() {
    // Ordinary days normal; one day in five a bad day of 3 to 6 standard scores, as a busy
    // airport's thunderstorm season has.
    double[] scores = new double[365];
    Random random = new Random(11);
    for (int i = 0; i < scores.length; i++) {
      scores[i] = i % 5 == 0 ? 3 + 3 * random.nextDouble() : random.nextGaussian();
    }
    double[] factors = UpperTail.scales(scores, days(scores.length), ordinary(scores.length));

    // The 95th percentile of such days is 5.25 (P(S > x) = 0.2·(6 − x)/3 = 0.05), less two
    // standard errors of a quantile over 240 days (0.27): the factor brings it to 1.645.
    assertThat(factors[180]).isCloseTo((5.25 - 0.27) / 1.645, within(0.4));
  }

  @Test
  void holidaysDoNotShapeTheFactor() {
    double[] scores = new double[365];
    boolean[] ordinary = ordinary(scores.length);
    for (int i = 0; i < scores.length; i++) {
      scores[i] = (i % 3) - 1;
      if (i % 10 == 0) {
        scores[i] = 20;
        ordinary[i] = false;
      }
    }
    double[] factors = UpperTail.scales(scores, days(scores.length), ordinary);

    assertThat(factors).containsOnly(1.0);
  }

  private static int[] days(int n) {
    int[] days = new int[n];
    for (int i = 0; i < n; i++) {
      days[i] = 16_436 + i;
    }
    return days;
  }

  private static boolean[] ordinary(int n) {
    boolean[] ordinary = new boolean[n];
    Arrays.fill(ordinary, true);
    return ordinary;
  }
}
