package io.delaywatch.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.delaywatch.anomaly.DetectorSettings.OrderSearch;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ArimaOrderSearchTest {

  @Test
  void theSearchDifferencesARandomWalkAndFindsTheArOrderOfAStationarySeries() {
    Random random = new Random(4);
    double[] walk = new double[365];
    for (int t = 1; t < walk.length; t++) {
      walk[t] = walk[t - 1] + random.nextGaussian();
    }
    double[] ar2 = new double[365];
    for (int t = 2; t < ar2.length; t++) {
      ar2[t] = 0.6 * ar2[t - 1] - 0.3 * ar2[t - 2] + random.nextGaussian();
    }

    ArimaFit differenced = ArimaOrderSearch.search(walk, OrderSearch.AIC);
    ArimaFit stationary = ArimaOrderSearch.search(ar2, OrderSearch.BIC);

    assertThat(differenced.d()).isEqualTo(1);
    assertThat(stationary.d()).isZero();
    assertThat(stationary.p()).isGreaterThanOrEqualTo(2);
    assertThat(ArimaOrderSearch.search(ar2, OrderSearch.WALK_FORWARD)).isNotNull();
  }
}
