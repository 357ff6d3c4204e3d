package io.delaywatch.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GeneratorConfigTest {
  @Test
  void defaultsAreARealSizedYear() {
    GeneratorConfig config = GeneratorConfig.defaults(2015);

    assertThat(config).isEqualTo(new GeneratorConfig(2015, 350, 7_000_000, 1, false, false));
    assertThat(GeneratorConfig.MAX_AIRPORTS).isGreaterThanOrEqualTo(390);
  }

  @Test
  void rejectsMoreAirportsThanTheCatalogHolds() {
    assertThatThrownBy(() -> new GeneratorConfig(2015, 1000, 10, 1, false, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "airports must be between 1 and " + GeneratorConfig.MAX_AIRPORTS + ", got 1000");
  }

  @Test
  void rejectsAYearWithoutFourDigits() {
    assertThatThrownBy(() -> new GeneratorConfig(15, 5, 10, 1, false, false))
        .hasMessage("year must have four digits, got 15");
  }

  @Test
  void rejectsNoRows() {
    assertThatThrownBy(() -> new GeneratorConfig(2015, 5, 0, 1, false, false))
        .hasMessage("rows must be positive, got 0");
  }
}
