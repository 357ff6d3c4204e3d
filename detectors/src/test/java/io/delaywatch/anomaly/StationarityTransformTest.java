package io.delaywatch.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StationarityTransformTest {

  @Test
  void theMonahanJonesTransformMapsEveryPointToAStationaryModelAndBack() {
    Random random = new Random(3);
    for (int trial = 0; trial < 200; trial++) {
      double[] x = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};

      double[] phi = StationarityTransform.constrain(x);

      assertThat(StationarityTransform.unconstrain(phi)).containsExactly(x, within(1e-8));
      // Stationary: the AR(3) recursion of a unit shock dies out.
      double[] path = new double[20000];
      path[0] = 1;
      for (int t = 1; t < path.length; t++) {
        for (int j = 0; j < 3 && t - 1 - j >= 0; j++) {
          path[t] += phi[j] * path[t - 1 - j];
        }
      }
      assertThat(Math.abs(path[path.length - 1])).isLessThan(1e-3);
    }
  }

  @Test
  void theMaPartIsTheInvertibleMirrorOfTheArPart() {
    double[] x = {0.4, -1.2, 0.7};

    double[] theta = StationarityTransform.ma(x, 1, 2);

    assertThat(theta)
        .containsExactly(
            negate(StationarityTransform.constrain(new double[] {-1.2, 0.7})), within(0.0));
    assertThat(StationarityTransform.unconstrained(StationarityTransform.ar(x, 1), theta))
        .containsExactly(x, within(1e-12));
  }

  private static double[] negate(double[] values) {
    double[] out = values.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] = -out[i];
    }
    return out;
  }
}
