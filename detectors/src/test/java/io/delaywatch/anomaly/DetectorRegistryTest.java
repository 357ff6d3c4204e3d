package io.delaywatch.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DetectorRegistryTest {
  private final DetectorRegistry registry = DetectorRegistry.standard();

  @Test
  void knowsTheShippedDetectorsSortedByName() {
    assertThat(registry.names()).containsExactly("arima", "iforest", "rcf", "robust", "zscore");
    assertThat(registry.contains(DetectorRegistry.DEFAULT)).isTrue();
  }

  @Test
  void buildsTheDetectorNamedWithItsDefaults() {
    DelayDetector robust = registry.create("robust", DetectorSettings.DEFAULTS);
    DelayDetector zscore = registry.create("zscore", DetectorSettings.DEFAULTS);

    assertThat(robust.name()).isEqualTo("robust");
    assertThat(robust.parameters())
        .containsEntry("threshold", 4.0)
        .containsEntry("two_sided", false);
    assertThat(zscore.parameters())
        .containsEntry("threshold", 3.0)
        .containsEntry("two_sided", true);
  }

  @Test
  void settingsOverrideTheDefaults() {
    DelayDetector zscore = registry.create("zscore", new DetectorSettings(false, 2.5, 42));

    assertThat(zscore.parameters())
        .containsEntry("threshold", 2.5)
        .containsEntry("two_sided", false);
  }

  @Test
  void anUnknownNameIsRefusedWithTheKnownNames() {
    assertThatThrownBy(() -> registry.create("prophet", DetectorSettings.DEFAULTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown detector 'prophet'; known detectors: arima, iforest, rcf, robust, zscore");
  }

  @Test
  void aNewDetectorIsOneRegistration() {
    DetectorRegistry extended =
        registry.register("prophet", settings -> new ZScoreDetector(settings));

    assertThat(extended.names())
        .containsExactly("arima", "iforest", "prophet", "rcf", "robust", "zscore");
    assertThat(registry.names()).containsExactly("arima", "iforest", "rcf", "robust", "zscore");
    assertThatThrownBy(() -> extended.register("rcf", ZScoreDetector::new))
        .hasMessage("detector 'rcf' is already registered");
  }

  @Test
  void eachDetectorKeepsItsOwnDefaultsForItsOwnOptions() {
    assertThat(registry.create("arima", DetectorSettings.DEFAULTS).parameters())
        .containsEntry("level", 0.8)
        .containsEntry("order_search", "aic")
        .containsEntry("two_sided", true);
    assertThat(registry.create("rcf", DetectorSettings.DEFAULTS).parameters())
        .containsEntry("threshold", 3.0)
        .containsEntry("threshold_scope", "airport");
    assertThat(registry.create("iforest", DetectorSettings.DEFAULTS).parameters())
        .containsEntry("threshold", 0.7)
        .containsEntry("contamination", "none");
  }

  @Test
  void detectorOptionsAreParsedByTheirCommandLineNames() {
    DetectorSettings settings =
        DetectorSettings.DEFAULTS
            .withOption("order-search", "walk-forward")
            .withOption("threshold-scope", "year")
            .withOption("contamination", "0.05")
            .withOption("level", "0.9");

    assertThat(settings.orderSearch()).isEqualTo(DetectorSettings.OrderSearch.WALK_FORWARD);
    assertThat(settings.thresholdScope()).isEqualTo(DetectorSettings.ThresholdScope.YEAR);
    assertThat(settings.contamination()).isEqualTo(0.05);
    assertThat(settings.level()).isEqualTo(0.9);
    assertThatThrownBy(() -> settings.withOption("order-search", "guess"))
        .hasMessage("order-search must be one of aic, bic, walk-forward, got 'guess'");
    assertThatThrownBy(() -> settings.withOption("colour", "red"))
        .hasMessage(
            "unknown detector option 'colour'; known: two-sided, threshold, seed, level,"
                + " order-search, threshold-scope, contamination");
    assertThatThrownBy(() -> settings.withOption("level", "1.5"))
        .hasMessage("level must be between 0 and 1 (exclusive), got 1.5");
  }

  @Test
  void aThresholdThatIsNotPositiveIsRefused() {
    assertThatThrownBy(() -> new DetectorSettings(null, 0.0, 42))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threshold must be a positive number, got 0.0");
  }
}
