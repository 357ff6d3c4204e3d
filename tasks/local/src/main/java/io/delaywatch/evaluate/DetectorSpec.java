package io.delaywatch.evaluate;

import io.delaywatch.anomaly.DelayDetector;
import io.delaywatch.anomaly.DetectorRegistry;
import io.delaywatch.anomaly.DetectorSettings;

/**
 * A detector with its settings as {@code --detectors} names it: {@code NAME} for the detector's
 * defaults, or {@code NAME:OPTION=VALUE[:OPTION=VALUE...]} with the detect task's option names,
 * e.g. {@code rcf:threshold-scope=year} or {@code iforest:contamination=0.05}. Not API.
 *
 * @param label the text given, the row's name in the tables
 * @param name the registered detector name
 * @param settings the settings, with the evaluation's seed
 */
record DetectorSpec(String label, String name, DetectorSettings settings) {

  /**
   * Parses one {@code --detectors} item.
   *
   * @throws IllegalArgumentException for an unknown detector or option, or a bad value
   */
  static DetectorSpec parse(String text, long seed, DetectorRegistry registry) {
    String[] parts = text.strip().split(":");
    String name = parts[0];
    if (!registry.contains(name)) {
      throw new IllegalArgumentException(
          "unknown detector '"
              + name
              + "'; known detectors: "
              + String.join(", ", registry.names()));
    }
    DetectorSettings settings = DetectorSettings.DEFAULTS.withSeed(seed);
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(
            "expected OPTION=VALUE after ':' in '" + text + "', found '" + parts[i] + "'");
      }
      settings = settings.withOption(parts[i].substring(0, eq), parts[i].substring(eq + 1));
    }
    // Build once now, so that settings the detector refuses fail before any year is generated.
    registry.create(name, settings);
    return new DetectorSpec(text.strip(), name, settings);
  }

  DelayDetector create(DetectorRegistry registry) {
    return registry.create(name, settings);
  }
}
