package io.delaywatch.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DayNoiseTest {

  @Test
  void recoversTheDayToDaySpreadBehindTheSamplingNoise() {
    Random random = new Random(31);
    double between = 6;
    int days = 2000;
    double[] residuals = new double[days];
    int[] flights = new int[days];
    for (int i = 0; i < days; i++) {
      flights[i] = 20 + random.nextInt(200);
      double within = DayNoise.FLIGHT_SD / Math.sqrt(flights[i]);
      residuals[i] = random.nextGaussian() * Math.sqrt(between * between + within * within);
    }

    DayNoise noise = DayNoise.fit(residuals, flights);

    assertThat(noise.between()).isCloseTo(between, within(0.4));
    assertThat(noise.sigma(100)).isCloseTo(Math.sqrt(36 + 16), within(0.4));
  }

  @Test
  void aSmallAirportsSpreadIsSamplingNoiseAndTheFloorKeepsABand() {
    Random random = new Random(32);
    double[] residuals = new double[365];
    int[] flights = new int[365];
    for (int i = 0; i < residuals.length; i++) {
      flights[i] = 3;
      residuals[i] = random.nextGaussian() * DayNoise.FLIGHT_SD / Math.sqrt(3) * 0.9;
    }

    DayNoise noise = DayNoise.fit(residuals, flights);

    assertThat(noise.between()).isEqualTo(DayNoise.MIN_BETWEEN_SD);
    assertThat(noise.sigma(3)).isGreaterThan(noise.sigma(300) * 5);
  }

  @Test
  void aConstantSeriesGetsTheFloorNotAZeroBand() {
    DayNoise noise =
        DayNoise.fit(
            new double[] {0, 0, 0, 0}, new int[] {1_000_000, 1_000_000, 1_000_000, 1_000_000});

    assertThat(noise.sigma(1_000_000)).isGreaterThanOrEqualTo(DayNoise.MIN_BETWEEN_SD);
  }
}
