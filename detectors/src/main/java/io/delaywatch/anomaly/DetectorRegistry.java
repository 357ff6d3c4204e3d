package io.delaywatch.anomaly;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The detectors {@code --detector} can name. A new detector (as {@code arima}, {@code rcf} and
 * {@code iforest} were) is one more {@link #register} line in {@link #standard()}. Immutable once
 * built; thread-safe.
 */
public final class DetectorRegistry {
  /** The detector used when none is named. */
  public static final String DEFAULT = RobustDetector.NAME;

  private static final DetectorRegistry STANDARD =
      new DetectorRegistry()
          .register(RobustDetector.NAME, RobustDetector::new)
          .register(ZScoreDetector.NAME, ZScoreDetector::new)
          .register(ArimaDetector.NAME, ArimaDetector::new)
          .register(RcfDetector.NAME, RcfDetector::new)
          .register(IsolationForestDetector.NAME, IsolationForestDetector::new);

  // Sorted, so that the usage message and the help list the names in a stable order.
  private final Map<String, Function<DetectorSettings, DelayDetector>> factories;

  private DetectorRegistry() {
    this(new TreeMap<>());
  }

  private DetectorRegistry(Map<String, Function<DetectorSettings, DelayDetector>> factories) {
    this.factories = factories;
  }

  /** The detectors shipped with DelayWatch. */
  public static DetectorRegistry standard() {
    return STANDARD;
  }

  /** A copy of this registry that also knows {@code name}. */
  DetectorRegistry register(String name, Function<DetectorSettings, DelayDetector> factory) {
    if (factories.containsKey(name)) {
      throw new IllegalArgumentException("detector '" + name + "' is already registered");
    }
    TreeMap<String, Function<DetectorSettings, DelayDetector>> copy = new TreeMap<>(factories);
    copy.put(name, factory);
    return new DetectorRegistry(Collections.unmodifiableMap(copy));
  }

  /** The known names, sorted. */
  public List<String> names() {
    return List.copyOf(factories.keySet());
  }

  public boolean contains(String name) {
    return factories.containsKey(name);
  }

  /**
   * Builds the detector called {@code name}.
   *
   * @throws IllegalArgumentException if the name is unknown (the message lists the known ones) or
   *     the settings do not suit the detector
   */
  public DelayDetector create(String name, DetectorSettings settings) {
    Function<DetectorSettings, DelayDetector> factory = factories.get(name);
    if (factory == null) {
      throw new IllegalArgumentException(
          "unknown detector '" + name + "'; known detectors: " + String.join(", ", names()));
    }
    return factory.apply(settings);
  }
}
