package io.delaywatch.evaluate;

import io.delaywatch.anomaly.AnomalyScorer;
import io.delaywatch.anomaly.DelayDetector;
import io.delaywatch.anomaly.DetectorRegistry;
import io.delaywatch.anomaly.ScoringResult;
import io.delaywatch.daily.ScoredDay;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

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
    add(year, (detector, row) -> {});
  }

  /**
   * Scores {@code year} with every detector and hands each flagged row, with its detector's label,
   * to {@code flagged}.
   */
  void add(LabelledYear year, BiConsumer<String, ScoredDay> flagged) {
    years++;
    airportDays += year.days().size();
    for (int i = 0; i < detectors.size(); i++) {
      long start = System.nanoTime();
      ScoringResult scored = new AnomalyScorer(detectors.get(i)).score(year.days());
      long nanos = System.nanoTime() - start;
      scoreboards.get(i).add(year, scored.rows(), nanos);
      for (ScoredDay row : scored.rows()) {
        if (row.anomaly()) {
          flagged.accept(scoreboards.get(i).detector(), row);
        }
      }
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
