package io.delaywatch.anomaly;

import static io.delaywatch.anomaly.SyntheticAirport.change;
import static io.delaywatch.anomaly.SyntheticAirport.flagged;
import static io.delaywatch.anomaly.SyntheticAirport.on;
import static io.delaywatch.anomaly.SyntheticAirport.withSchedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.delaywatch.daily.AnomalyKind;
import io.delaywatch.daily.DailyAirportStats;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArimaDetectorTest {
  private static final LocalDate SPIKE = LocalDate.of(2015, 7, 15);
  private static final ArimaDetector ARIMA = new ArimaDetector(DetectorSettings.DEFAULTS);

  @Test
  void flagsAPlantedSpikeAndAboutOneDayInFiveLikeTheSeeds() {
    List<DailyAirportStats> days =
        SyntheticAirport.named("ORD", 3).flightsPerDay(300).plant(SPIKE, 40).year(2015);

    List<Verdict> verdicts = ARIMA.score(days);

    assertThat(on(days, verdicts, SPIKE).kind()).isEqualTo(AnomalyKind.HIGH_DELAY);
    // An 80% interval leaves about 20% of ordinary days outside, on both sides.
    assertThat(flagged(days, verdicts).size()).isBetween(40, 110);
    assertThat(verdicts).anyMatch(v -> v.kind() == AnomalyKind.LOW_DELAY);
  }

  @Test
  void theLevelSetsTheBandAndTheThresholdReplacesIt() {
    List<DailyAirportStats> days = SyntheticAirport.named("ORD", 3).flightsPerDay(300).year(2015);
    DetectorSettings wide = DetectorSettings.DEFAULTS.withOption("level", "0.95");
    DetectorSettings explicit = DetectorSettings.DEFAULTS.withOption("threshold", "3");

    Verdict at80 = ARIMA.score(days).get(100);
    Verdict at95 = new ArimaDetector(wide).score(days).get(100);
    Verdict at3 = new ArimaDetector(explicit).score(days).get(100);

    double sd80 = (at80.upper() - at80.expected()) / 1.2815516;
    assertThat(at95.upper() - at95.expected()).isCloseTo(1.959964 * sd80, within(1e-6));
    assertThat(at3.upper() - at3.expected()).isCloseTo(3 * sd80, within(1e-6));
    assertThat(at95.expected()).isCloseTo(at80.expected(), within(1e-9));
  }

  @Test
  void aDayWithoutDeparturesGetsAPredictionButNoScore() {
    LocalDate closed = LocalDate.of(2015, 3, 3);
    List<DailyAirportStats> days =
        change(
            SyntheticAirport.named("BOS", 5).flightsPerDay(200).year(2015),
            closed,
            d -> withSchedule(d, 200, 200));

    Verdict verdict = on(days, ARIMA.score(days), closed);

    assertThat(verdict.score()).isNull();
    assertThat(verdict.anomaly()).isFalse();
    assertThat(verdict.expected()).isNotNull();
    assertThat(verdict.lower()).isLessThan(verdict.upper());
  }

  @Test
  void missingDaysAreSkippedAndTheOthersStillScored() {
    List<DailyAirportStats> days = new ArrayList<>();
    for (DailyAirportStats day :
        SyntheticAirport.named("SEA", 8).flightsPerDay(250).plant(SPIKE, 45).year(2015)) {
      if (day.flightDate().getDayOfMonth() % 3 != 1) {
        days.add(day);
      }
    }

    List<Verdict> verdicts = ARIMA.score(days);

    assertThat(verdicts).hasSameSizeAs(days);
    assertThat(verdicts.stream().filter(v -> v.score() != null).count())
        .isGreaterThan(days.size() - 3);
    assertThat(on(days, verdicts, SPIKE).kind()).isEqualTo(AnomalyKind.HIGH_DELAY);
  }

  @Test
  void anAirportWithTooFewDaysIsNotScored() {
    List<DailyAirportStats> days =
        SyntheticAirport.named("ORD", 3).year(2015).subList(0, ArimaDetector.MIN_DAYS - 1);

    assertThat(ARIMA.score(days)).containsOnly(Verdict.UNSCORED);
  }
}
