package io.delaywatch.evaluate;

import io.delaywatch.anomaly.AnomalyScorer;
import io.delaywatch.anomaly.DelayDetector;
import io.delaywatch.anomaly.DetectorRegistry;
import io.delaywatch.anomaly.ScoringResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs detectors over labelled years and keeps one {@link Scoreboard} per detector. The detectors
 * see exactly what the detect task would read; only the labels are extra. Not API; not thread-safe.
 */
final class Evaluation {
  private final List<DelayDetector> detectors = new ArrayList<>();
  private final List<Scoreboard> scoreboards = new ArrayList<>();
  private int years;
  private long airportDays;

  Evaluation(List<DetectorSpec> specs, DetectorRegistry registry) {
    for (DetectorSpec spec : specs) {
      detectors.add(spec.create(registry));
      scoreboards.add(new Scoreboard(spec.label()));
    }
  }

  /** Scores {@code year} with every detector. */
  void add(LabelledYear year) {
    years++;
    airportDays += year.days().size();
    for (int i = 0; i < detectors.size(); i++) {
      long start = System.nanoTime();
      ScoringResult scored = new AnomalyScorer(detectors.get(i)).score(year.days());
      long nanos = System.nanoTime() - start;
      scoreboards.get(i).add(year, scored.rows(), nanos);
    }
  }

  /** The scoreboards, in the order the detectors were given. */
  List<Scoreboard> scoreboards() {
    return List.copyOf(scoreboards);
  }

  int years() {
    return years;
  }

  long airportDays() {
    return airportDays;
  }
}
