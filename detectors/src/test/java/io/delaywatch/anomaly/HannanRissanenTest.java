package io.delaywatch.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HannanRissanenTest {

  @Test
  void startsAnArma21NearItsTrueCoefficients() {
    Random random = new Random(21);
    int n = 5000;
    double[] y = new double[n];
    double shock = 0;
    for (int t = 2; t < n; t++) {
      double e = random.nextGaussian();
      y[t] = 7 + 0.5 * (y[t - 1] - 7) - 0.3 * (y[t - 2] - 7) + e + 0.4 * shock;
      shock = e;
    }
    for (int t = 100; t < 110; t++) {
      y[t] = Double.NaN;
    }

    double[] start = HannanRissanen.startingValues(y, 2, 0, 1);

    assertThat(StationarityTransform.ar(start, 2))
        .containsExactly(new double[] {0.5, -0.3}, within(0.05));
    assertThat(StationarityTransform.ma(start, 2, 1))
        .containsExactly(new double[] {0.4}, within(0.05));
  }

  @Test
  void aSeriesTooShortForItsRegressionHasNoStart() {
    double[] y = {1, 3, 2, 5, 4, 6, 5, 8, 7, 9, 8, 10};

    assertThat(HannanRissanen.startingValues(y, 2, 0, 2)).isNull();
  }

  @Test
  void aConstantSeriesHasNoStart() {
    double[] y = new double[100];
    Arrays.fill(y, 4);

    assertThat(HannanRissanen.startingValues(y, 2, 0, 0)).isNull();
  }
}
