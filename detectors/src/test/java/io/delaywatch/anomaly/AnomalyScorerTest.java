package io.delaywatch.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delaywatch.daily.AnomalyKind;
import io.delaywatch.daily.DailyAirportStats;
import io.delaywatch.daily.ScoredDay;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnomalyScorerTest {
  private static final LocalDate SPIKE = LocalDate.of(2015, 8, 6);
  private static final LocalDate CLOSED = LocalDate.of(2015, 2, 2);

  @Test
  void rowsComeOutSortedByAirportAndDateWhateverTheInputOrder() {
    List<DailyAirportStats> days = twoAirports();
    List<DailyAirportStats> shuffled = new ArrayList<>(days);
    Collections.shuffle(shuffled, new Random(5));

    List<ScoredDay> rows = new AnomalyScorer(robust()).score(shuffled).rows();

    assertThat(rows).extracting(ScoredDay::day).containsExactlyElementsOf(days);
    assertThat(rows).extracting(ScoredDay::detector).containsOnly(RobustDetector.NAME);
    assertThat(new AnomalyScorer(robust()).score(shuffled).rows()).isEqualTo(rows);
  }

  @Test
  void countsAirportsScoredRowsAndAnomaliesByKind() {
    ScoringResult year = new AnomalyScorer(robust()).score(twoAirports());

    assertThat(year.airports()).isEqualTo(2);
    // The closure day has no delay but a closure score.
    assertThat(year.scored()).isEqualTo(2 * 365);
    assertThat(year.anomaliesByKind())
        .containsExactly(
            Map.entry(AnomalyKind.HIGH_DELAY, 1L),
            Map.entry(AnomalyKind.LOW_DELAY, 0L),
            Map.entry(AnomalyKind.CANCELLATIONS, 1L),
            Map.entry(AnomalyKind.COLLAPSE, 0L));
    assertThat(year.anomalies()).isEqualTo(2);
  }

  @Test
  void twoRowsForTheSameAirportAndDayAreRejected() {
    List<DailyAirportStats> days = new ArrayList<>(twoAirports());
    days.add(days.get(10));

    assertThatThrownBy(() -> new AnomalyScorer(robust()).score(days))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("two rows for airport ATL on 2015-01-11");
  }

  @Test
  void anEmptyYearScoresToNothing() {
    ScoringResult year = new AnomalyScorer(robust()).score(List.of());

    assertThat(year.rows()).isEmpty();
    assertThat(year.airports()).isZero();
    assertThat(year.anomalies()).isZero();
  }

  private static RobustDetector robust() {
    return new RobustDetector(DetectorSettings.DEFAULTS);
  }

  /** ATL with a delay spike, then BOS with a day whose flights were all cancelled. */
  private static List<DailyAirportStats> twoAirports() {
    List<DailyAirportStats> days =
        new ArrayList<>(
            SyntheticAirport.named("ATL", 3).flightsPerDay(500).plant(SPIKE, 45).year(2015));
    days.addAll(
        SyntheticAirport.change(
            SyntheticAirport.named("BOS", 7).flightsPerDay(200).year(2015),
            CLOSED,
            d -> SyntheticAirport.withSchedule(d, 200, 200)));
    return days;
  }
}
