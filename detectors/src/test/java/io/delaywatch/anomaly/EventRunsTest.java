package io.delaywatch.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EventRunsTest {
  private static final int[] DAYS = {100, 101, 102, 103, 104, 106, 107};

  @Test
  void threeIndependentBadDaysAddUpToMoreThanAnyOfThem() {
    double[] scores = {0, 3, 3.5, 3, 0, 0, 0};

    double[] runs = EventRuns.scores(scores, DAYS, 0);

    // 3 days × the weakest 3 / sqrt(3)
    assertThat(runs[1]).isCloseTo(3 * 3 / Math.sqrt(3), within(1e-12));
    assertThat(runs[2]).isEqualTo(runs[1]);
    assertThat(runs[0]).isNaN();
    assertThat(runs[4]).isNaN();
  }

  @Test
  void persistentDaysAddLittle() {
    double[] scores = {0, 3, 3, 0, 0, 0, 0};

    double[] independent = EventRuns.scores(scores, DAYS, 0);
    double[] persistent = EventRuns.scores(scores, DAYS, 0.95);

    assertThat(independent[1]).isGreaterThan(4);
    assertThat(persistent[1]).isLessThan(3.1);
  }

  @Test
  void aGapInTheCalendarEndsARunAndALoneDayIsNoRun() {
    double[] scores = {0, 0, 0, 0, 3, 3, 0};

    double[] runs = EventRuns.scores(scores, DAYS, 0);

    // Days 104 and 106 are not consecutive.
    assertThat(runs).containsOnly(Double.NaN);
  }

  @Test
  void aDayBelowTheMinimumBreaksTheRun() {
    double[] scores = {3, EventRuns.MIN_DAY_SCORE - 0.1, 3, 0, 0, 0, 0};

    assertThat(EventRuns.scores(scores, DAYS, 0)).containsOnly(Double.NaN);
  }

  @Test
  void aRunOnTooFewDeparturesInAllIsNoRun() {
    double[] scores = {0, 5, 5, 0, 6, 6, 6};
    double[] persistence = new double[DAYS.length];
    int[] departed = {9, 1, 1, 9, 1, 1, 1};

    double[] runs = EventRuns.scores(scores, DAYS, persistence, departed, 3);

    assertThat(runs[1]).isNaN();
    assertThat(runs[2]).isNaN();
    // Days 106 and 107: consecutive, 2 departures; day 104 stands alone.
    assertThat(runs[4]).isNaN();
    assertThat(EventRuns.scores(scores, DAYS, persistence, departed, 2)[5])
        .isCloseTo(2 * 6 / Math.sqrt(2), within(1e-12));
  }
}
