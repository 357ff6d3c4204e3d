package io.delaywatch.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.delaywatch.daily.AnomalyKind;
import io.delaywatch.daily.DailyAirportStats;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * What every registered detector must do, on random series with random gaps and volumes. Each run
 * draws fresh seeds; a failure prints its seed and the command that replays it ({@link
 * ReplayCommand}).
 */
@AddLifecycleHook(ReplayCommand.class)
class DetectorPropertiesTest {

  @Property(tries = 60)
  void everyDetectorGivesOneVerdictPerRowAndFollowsAShiftOfAllDelays(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 366) int days,
      @ForAll @DoubleRange(min = -30, max = 30) double shift) {
    List<DailyAirportStats> series = randomSeries(seed, days, 0);
    List<DailyAirportStats> shifted = randomSeries(seed, days, shift);
    DetectorRegistry registry = DetectorRegistry.standard();

    for (String name : registry.names()) {
      DelayDetector detector = registry.create(name, DetectorSettings.DEFAULTS);
      List<Verdict> verdicts = detector.score(series);
      List<Verdict> moved = detector.score(shifted);

      assertThat(verdicts).as(name).hasSameSizeAs(series);
      for (int i = 0; i < verdicts.size(); i++) {
        Verdict v = verdicts.get(i);
        Verdict m = moved.get(i);
        assertThat(m.anomaly())
            .as("%s on %s", name, series.get(i).flightDate())
            .isEqualTo(v.anomaly());
        if (v.score() != null) {
          assertThat(m.score()).isCloseTo(v.score(), within(1e-6));
          assertThat(m.expected()).isCloseTo(v.expected() + shift, within(1e-6));
          assertThat(v.lower()).isLessThanOrEqualTo(v.expected());
          assertThat(v.upper()).isGreaterThanOrEqualTo(v.expected());
        }
        if (v.anomaly()) {
          String day = name + " on " + series.get(i).flightDate();
          assertThat(v.score()).as("score of %s", day).isNotNull();
          assertThat(v.expected()).as("expected of %s", day).isNotNull();
          assertThat(v.lower())
              .as("lower of %s", day)
              .isNotNull()
              .isLessThanOrEqualTo(v.expected());
          assertThat(v.upper())
              .as("upper of %s", day)
              .isNotNull()
              .isGreaterThanOrEqualTo(v.expected());
        }
        if (series.get(i).avgDepDelay() == null && v.anomaly()) {
          assertThat(v.kind()).isIn(AnomalyKind.CANCELLATIONS, AnomalyKind.COLLAPSE);
        }
      }
    }
  }

  /** Up to {@code days} random days of 2016 (gaps between them), delays moved by {@code shift}. */
  private static List<DailyAirportStats> randomSeries(long seed, int days, double shift) {
    Random random = new Random(seed);
    List<DailyAirportStats> series = new ArrayList<>();
    LocalDate date = LocalDate.of(2016, 1, 1);
    for (int i = 0; i < days && date.getYear() == 2016; i++) {
      int flights = 1 + random.nextInt(random.nextBoolean() ? 8 : 400);
      int cancelled = random.nextInt(10) == 0 ? random.nextInt(flights + 1) : 0;
      int departed = flights - cancelled;
      Double avg = departed == 0 ? null : 10 + random.nextGaussian() * 20 + shift;
      Double late = departed == 0 ? null : (double) random.nextInt(departed + 1) / departed;
      series.add(
          new DailyAirportStats(
              "XYZ", date, flights, departed, cancelled, 0, avg, late, 0, 0, 0, 0, 0));
      date = date.plusDays(random.nextInt(5) == 0 ? 1 + random.nextInt(10) : 1);
    }
    return series;
  }
}
