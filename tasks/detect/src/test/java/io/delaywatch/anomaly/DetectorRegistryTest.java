package io.delaywatch.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DetectorRegistryTest {
  private final DetectorRegistry registry = DetectorRegistry.standard();

  @Test
  void knowsTheShippedDetectorsSortedByName() {
    assertThat(registry.names()).containsExactly("robust", "zscore");
    assertThat(registry.contains(DetectorRegistry.DEFAULT)).isTrue();
  }

  @Test
  void buildsTheDetectorNamedWithItsDefaults() {
    DelayDetector robust = registry.create("robust", DetectorSettings.DEFAULTS);
    DelayDetector zscore = registry.create("zscore", DetectorSettings.DEFAULTS);

    assertThat(robust.name()).isEqualTo("robust");
    assertThat(robust.parameters()).containsEntry("threshold", 3.5).containsEntry("two_sided", false);
    assertThat(zscore.parameters()).containsEntry("threshold", 3.0).containsEntry("two_sided", true);
  }

  @Test
  void settingsOverrideTheDefaults() {
    DelayDetector zscore = registry.create("zscore", new DetectorSettings(false, 2.5, 42));

    assertThat(zscore.parameters()).containsEntry("threshold", 2.5).containsEntry("two_sided", false);
  }

  @Test
  void anUnknownNameIsRefusedWithTheKnownNames() {
    assertThatThrownBy(() -> registry.create("arima", DetectorSettings.DEFAULTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown detector 'arima'; known detectors: robust, zscore");
  }

  @Test
  void aNewDetectorIsOneRegistration() {
    DetectorRegistry extended =
        registry.register("rcf", settings -> new ZScoreDetector(settings));

    assertThat(extended.names()).containsExactly("rcf", "robust", "zscore");
    assertThat(registry.names()).containsExactly("robust", "zscore");
    assertThatThrownBy(() -> extended.register("rcf", ZScoreDetector::new))
        .hasMessage("detector 'rcf' is already registered");
  }

  @Test
  void aThresholdThatIsNotPositiveIsRefused() {
    assertThatThrownBy(() -> new DetectorSettings(null, 0.0, 42))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threshold must be a positive number, got 0.0");
  }
}
