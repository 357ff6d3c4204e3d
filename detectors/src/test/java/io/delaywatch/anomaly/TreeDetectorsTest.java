package io.delaywatch.anomaly;

import static io.delaywatch.anomaly.SyntheticAirport.change;
import static io.delaywatch.anomaly.SyntheticAirport.flagged;
import static io.delaywatch.anomaly.SyntheticAirport.on;
import static io.delaywatch.anomaly.SyntheticAirport.withDelay;
import static io.delaywatch.anomaly.SyntheticAirport.withSchedule;
import static org.assertj.core.api.Assertions.assertThat;

import io.delaywatch.daily.AnomalyKind;
import io.delaywatch.daily.DailyAirportStats;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Random Cut Forest and Isolation Forest detectors. */
class TreeDetectorsTest {
  private static final LocalDate SPIKE = LocalDate.of(2015, 7, 15);
  private static final LocalDate CLOSED = LocalDate.of(2015, 2, 2);

  @Test
  void rcfFindsASpikeOnItsOwnDayNotOnTheShinglesAfterIt() {
    List<DailyAirportStats> days = quietHub(3).plant(SPIKE, 60).year(2015);

    List<Verdict> verdicts = new RcfDetector(DetectorSettings.DEFAULTS).score(days);

    assertThat(on(days, verdicts, SPIKE).kind()).isEqualTo(AnomalyKind.HIGH_DELAY);
    for (int after = 1; after < RcfDetector.SHINGLE; after++) {
      assertThat(on(days, verdicts, SPIKE.plusDays(after)).anomaly())
          .as("day +%d", after)
          .isFalse();
    }
    assertThat(flagged(days, verdicts).size()).isLessThanOrEqualTo(8);
  }

  @Test
  void rcfIsDeterministicForASeedAndMovesWithIt() {
    List<DailyAirportStats> days = quietHub(4).plant(SPIKE, 60).year(2015);

    List<Verdict> first = new RcfDetector(DetectorSettings.DEFAULTS).score(days);
    List<Verdict> again = new RcfDetector(DetectorSettings.DEFAULTS).score(days);
    List<Verdict> other = new RcfDetector(DetectorSettings.DEFAULTS.withSeed(7)).score(days);

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void rcfsYearScopeJudgesEveryAirportByOneThreshold() {
    List<DailyAirportStats> quiet = quietHub(5).plant(SPIKE, 60).year(2015);
    List<DailyAirportStats> noisy =
        SyntheticAirport.named("XNA", 6).flightsPerDay(8).dayToDaySd(15).year(2015);
    RcfDetector perAirport = new RcfDetector(DetectorSettings.DEFAULTS);
    RcfDetector perYear =
        new RcfDetector(DetectorSettings.DEFAULTS.withOption("threshold-scope", "year"));

    List<List<Verdict>> own = perAirport.scoreAirports(List.of(quiet, noisy));
    List<List<Verdict>> shared = perYear.scoreAirports(List.of(quiet, noisy));

    // The same raw scores, standardised by another mean and sd: the order of the days holds.
    assertThat(own.get(0)).isEqualTo(perAirport.score(quiet));
    assertThat(shared.get(0).get(10).score()).isNotEqualTo(own.get(0).get(10).score());
    assertThat(Math.signum(shared.get(1).get(20).score() - shared.get(1).get(30).score()))
        .isEqualTo(Math.signum(own.get(1).get(20).score() - own.get(1).get(30).score()));
    assertThat(on(quiet, shared.get(0), SPIKE).kind()).isEqualTo(AnomalyKind.HIGH_DELAY);
  }

  @Test
  void iforestFindsASpikeAndAClosureAndNamesThem() {
    List<DailyAirportStats> days =
        change(
            quietHub(8).plant(SPIKE, 60).year(2015),
            CLOSED,
            d -> withDelay(withSchedule(d, 300, 270), -3.0));

    List<Verdict> verdicts = new IsolationForestDetector(DetectorSettings.DEFAULTS).score(days);

    assertThat(on(days, verdicts, SPIKE).kind()).isEqualTo(AnomalyKind.HIGH_DELAY);
    assertThat(on(days, verdicts, CLOSED).kind()).isEqualTo(AnomalyKind.CANCELLATIONS);
    assertThat(flagged(days, verdicts).size()).isLessThanOrEqualTo(12);
  }

  @Test
  void iforestsContaminationFlagsThatShareOfTheDaysLikeScikitLearn() {
    List<DailyAirportStats> days = quietHub(9).year(2015);
    DetectorSettings seeds =
        DetectorSettings.DEFAULTS
            .withOption("contamination", "0.05")
            .withOption("two-sided", "true");

    List<Verdict> verdicts = new IsolationForestDetector(seeds).score(days);

    // ⌈5% of 365⌉ = 19 days at or above the cut (ties aside).
    assertThat(flagged(days, verdicts)).hasSizeBetween(18, 20);
  }

  @Test
  void iforestRefusesAThresholdAboveOne() {
    DetectorSettings settings = DetectorSettings.DEFAULTS.withOption("threshold", "3");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new IsolationForestDetector(settings))
        .hasMessage("iforest's threshold is an isolation score between 0 and 1, got 3.0");
  }

  private static SyntheticAirport quietHub(long seed) {
    return SyntheticAirport.named("ORD", seed).flightsPerDay(300).level(12).dayToDaySd(4);
  }
}
