package io.delaywatch.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KpssTest {

  @Test
  void tellsARandomWalkFromNoise() {
    Random random = new Random(2);
    double[] walk = new double[365];
    double[] noise = new double[365];
    for (int t = 1; t < walk.length; t++) {
      walk[t] = walk[t - 1] + random.nextGaussian();
      noise[t] = random.nextGaussian();
    }

    assertThat(Kpss.statistic(walk)).isGreaterThan(Kpss.CRITICAL_5);
    assertThat(Kpss.statistic(noise)).isLessThan(Kpss.CRITICAL_5);
  }

  @Test
  void tooFewValuesOrNoVarianceGiveZero() {
    assertThat(Kpss.statistic(new double[] {1, Double.NaN, 2})).isZero();
    assertThat(Kpss.statistic(new double[] {5, 5, 5, 5})).isZero();
  }
}
