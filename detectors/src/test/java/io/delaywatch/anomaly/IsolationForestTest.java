package io.delaywatch.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsolationForestTest {

  @Test
  void averagePathLengthIsThePapersC() {
    assertThat(IsolationForest.averagePathLength(1)).isZero();
    assertThat(IsolationForest.averagePathLength(2)).isCloseTo(1.0, within(1e-12));
    // c(256) = 2 H(255) − 2·255/256 = 2 · 6.1243 − 1.9922.
    assertThat(IsolationForest.averagePathLength(256)).isCloseTo(10.2487, within(1e-3));
  }

  @Test
  void anIsolatedPointScoresNearOneAndTheCrowdBelowOneHalf() {
    Random random = new Random(5);
    double[][] points = new double[501][];
    for (int i = 0; i < 500; i++) {
      points[i] = new double[] {random.nextGaussian(), random.nextGaussian()};
    }
    points[500] = new double[] {8, 8};

    IsolationForest forest = IsolationForest.grow(points, 100, 256, 42);

    double[] scores = Arrays.stream(points).mapToDouble(forest::score).toArray();
    assertThat(scores[500]).isGreaterThan(0.7);
    double[] crowd = Arrays.copyOf(scores, 500);
    Arrays.sort(crowd);
    assertThat(crowd[250]).isLessThan(0.5);
  }

  @Test
  void theSameSeedGrowsTheSameForest() {
    double[][] points = {{1, 2}, {2, 3}, {3, 1}, {10, 10}, {2, 2}, {1, 1}};

    IsolationForest a = IsolationForest.grow(points, 50, 256, 9);
    IsolationForest b = IsolationForest.grow(points, 50, 256, 9);

    for (double[] point : points) {
      assertThat(a.score(point)).isEqualTo(b.score(point));
    }
  }
}
