package io.delaywatch.anomaly;

import static io.delaywatch.anomaly.SyntheticAirport.change;
import static io.delaywatch.anomaly.SyntheticAirport.flagged;
import static io.delaywatch.anomaly.SyntheticAirport.withDelay;
import static io.delaywatch.anomaly.SyntheticAirport.withSchedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.delaywatch.daily.DailyAirportStats;
import java.time.LocalDate;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.junit.jupiter.api.Test;

class ZScoreDetectorTest {
  private static final LocalDate SPIKE = LocalDate.of(2016, 2, 29);
  private static final LocalDate LULL = LocalDate.of(2016, 9, 1);
  private static final LocalDate CLOSED = LocalDate.of(2016, 1, 23);

  private final List<DailyAirportStats> days = plantedYear();

  @Test
  void matchesAHandComputationWithDescriptiveStatistics() {
    DescriptiveStatistics stats = new DescriptiveStatistics();
    days.stream()
        .filter(d -> d.avgDepDelay() != null)
        .forEach(d -> stats.addValue(d.avgDepDelay()));
    double mean = stats.getMean();
    double sd = stats.getStandardDeviation();

    List<Verdict> verdicts = new ZScoreDetector(DetectorSettings.DEFAULTS).score(days);

    assertThat(verdicts).hasSameSizeAs(days);
    for (int i = 0; i < days.size(); i++) {
      Verdict v = verdicts.get(i);
      assertThat(v.expected()).isCloseTo(mean, within(1e-9));
      assertThat(v.lower()).isCloseTo(mean - 3 * sd, within(1e-9));
      assertThat(v.upper()).isCloseTo(mean + 3 * sd, within(1e-9));
      Double delay = days.get(i).avgDepDelay();
      if (delay != null) {
        double z = (delay - mean) / sd;
        assertThat(v.score()).isCloseTo(z, within(1e-9));
        assertThat(v.anomaly()).isEqualTo(Math.abs(z) >= 3);
      }
    }
  }

  @Test
  void flagsBothSidesLikeTheSeedProjectsUnlessToldOtherwise() {
    assertThat(flagged(days, new ZScoreDetector(DetectorSettings.DEFAULTS).score(days)))
        .containsExactly(SPIKE, LULL);
    assertThat(flagged(days, new ZScoreDetector(new DetectorSettings(false, null, 42)).score(days)))
        .containsExactly(SPIKE);
  }

  @Test
  void aDayWithoutDeparturesIsNeitherScoredNorFlagged() {
    Verdict closed =
        SyntheticAirport.on(
            days, new ZScoreDetector(DetectorSettings.DEFAULTS).score(days), CLOSED);

    assertThat(closed.score()).isNull();
    assertThat(closed.anomaly()).isFalse();
    assertThat(closed.expected()).isNotNull();
  }

  @Test
  void aConstantSeriesIsNotScored() {
    List<DailyAirportStats> flat =
        days.stream().map(d -> withDelay(withSchedule(d, 10, 0), 5.0)).toList();

    assertThat(new ZScoreDetector(DetectorSettings.DEFAULTS).score(flat))
        .allSatisfy(v -> assertThat(v.score()).isNull())
        .noneMatch(Verdict::anomaly);
  }

  /** A leap year with a late day, an early day and a day with every flight cancelled. */
  private static List<DailyAirportStats> plantedYear() {
    List<DailyAirportStats> days =
        SyntheticAirport.named("BOS", 21).flightsPerDay(200).dayToDaySd(4).year(2016);
    days = change(days, SPIKE, d -> withDelay(d, d.avgDepDelay() + 40));
    days = change(days, LULL, d -> withDelay(d, d.avgDepDelay() - 40));
    return change(days, CLOSED, d -> withSchedule(d, 200, 200));
  }
}
