package io.delaywatch.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.delaywatch.anomaly.DetectorRegistry;
import io.delaywatch.sample.GeneratorConfig;
import io.delaywatch.sample.LabelKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small evaluation: one generated year of the 12 largest airports (400,000 flights), scored by
 * the default detector and the reference projects' z-score, as {@code ./delaywatch evaluate} would.
 */
class EvaluateSmallYearTest {
  /**
   * The default detector's F1 here is 0.97 (precision 1.00, recall 0.94; storms 1.00, hub events
   * 0.85, no false alarm); the floor leaves room for a change of the generator or the method
   * without letting a real regression through.
   */
  private static final double ROBUST_F1_FLOOR = 0.95;

  @TempDir static Path dir;
  static LabelledYear year;
  static Scoreboard robust;
  static Scoreboard zscore;

  @BeforeAll
  static void evaluateOneSmallYear() throws IOException {
    year = LabelledYear.generate(new GeneratorConfig(2015, 12, 400_000, 1, false, false), dir);
    DetectorRegistry registry = DetectorRegistry.standard();
    Evaluation evaluation =
        new Evaluation(
            List.of(
                DetectorSpec.parse("robust", 1, registry),
                DetectorSpec.parse("zscore", 1, registry)),
            registry);
    evaluation.add(year);
    robust = evaluation.scoreboards().get(0);
    zscore = evaluation.scoreboards().get(1);
  }

  @Test
  void theDefaultDetectorClearsItsF1FloorAndBeatsTheSeedsZScore() {
    assertThat(robust.overall().f1()).isGreaterThanOrEqualTo(ROBUST_F1_FLOOR);
    assertThat(robust.overall().f1()).isGreaterThan(zscore.overall().f1());
    assertThat(robust.overall().recall()).isGreaterThan(zscore.overall().recall());
  }

  @Test
  void everyLabelledAnomalousDayIsOnePositiveWhateverTheDetector() {
    long anomalous =
        year.days().stream()
            .filter(day -> year.label(day) != null && year.label(day).anomalous())
            .count();

    for (Scoreboard board : List.of(robust, zscore)) {
      assertThat(board.overall().truePositives() + board.overall().falseNegatives())
          .isEqualTo(anomalous);
      assertThat(board.labelled(LabelKind.STORM))
          .isEqualTo(
              year.labels().values().stream().filter(kind -> kind == LabelKind.STORM).count());
      assertThat(board.airportYears()).isEqualTo(12);
    }
  }

  @Test
  void theDefaultSeesClosuresWhichTheZScoreCannot() {
    assertThat(robust.flaggedShare(LabelKind.CLOSURE)).isGreaterThanOrEqualTo(0.8);
    assertThat(zscore.flaggedShare(LabelKind.CLOSURE)).isZero();
    assertThat(robust.flaggedShare(LabelKind.HOLIDAY_DIP)).isLessThanOrEqualTo(0.05);
  }

  @Test
  void theDefaultFindsEveryPlantedKindAndNoHolidayDip() {
    for (LabelKind kind :
        List.of(
            LabelKind.CANCELLATION_WAVE,
            LabelKind.COLLAPSE,
            LabelKind.GROUND_STOP,
            LabelKind.CLOSURE,
            LabelKind.SPIKE,
            LabelKind.STORM,
            LabelKind.HUB_EVENT)) {
      if (robust.labelled(kind) > 0) {
        assertThat(robust.flaggedShare(kind)).as("recall of %s", kind).isGreaterThanOrEqualTo(0.8);
      }
    }
    assertThat(robust.flaggedShare(LabelKind.HOLIDAY_DIP)).isZero();
    assertThat(robust.flaggedShare(LabelKind.DRIFT)).isLessThanOrEqualTo(0.02);
    assertThat(robust.falseAlarmsPerAirportYear()).isLessThanOrEqualTo(0.5);
  }

  @Test
  void withoutCancelledRowsClosuresAreFoundAsCollapsedSchedules() throws IOException {
    LabelledYear dropped =
        LabelledYear.generate(
            new GeneratorConfig(2016, 12, 400_000, 1, false, false, true), dir.resolve("dropped"));
    DetectorRegistry registry = DetectorRegistry.standard();
    Evaluation evaluation =
        new Evaluation(List.of(DetectorSpec.parse("robust", 1, registry)), registry);
    evaluation.add(dropped);
    Scoreboard board = evaluation.scoreboards().get(0);

    assertThat(dropped.days()).allMatch(day -> day.cancelled() == 0);
    assertThat(board.labelled(LabelKind.CANCELLATION_WAVE)).isZero();
    assertThat(board.flaggedShare(LabelKind.COLLAPSE)).isGreaterThanOrEqualTo(0.8);
    assertThat(board.flaggedShare(LabelKind.HOLIDAY_DIP)).isZero();
  }
}
