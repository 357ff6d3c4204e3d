package io.delaywatch.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.delaywatch.daily.AnomalyKind;
import io.delaywatch.daily.DailyAirportStats;
import io.delaywatch.daily.ScoredDay;
import io.delaywatch.sample.LabelKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluateScoreboardTest {
  private static final LocalDate DAY = LocalDate.of(2015, 3, 1);

  @Test
  void eachDayOfAStormIsOnePositiveAndDriftAndHolidayFlagsAreFalseAlarms() {
    // A hub (300 flights a day) over ten days: a three-day storm (two flagged), a flagged drift
    // day, a holiday, and a flagged ordinary day.
    Scoreboard board =
        board(
            "ORD",
            300,
            new boolean[] {true, true, false, true, false, false, false, false, false, true},
            Map.of(
                0, LabelKind.STORM,
                1, LabelKind.STORM,
                2, LabelKind.STORM,
                3, LabelKind.DRIFT,
                4, LabelKind.HOLIDAY_DIP),
            2_000_000_000L);

    assertThat(board.overall()).isEqualTo(new Counts(2, 2, 1));
    assertThat(board.band(SizeBand.HUB)).isEqualTo(new Counts(2, 2, 1));
    assertThat(board.band(SizeBand.SMALL)).isEqualTo(Counts.NONE);
    assertThat(board.flaggedShare(LabelKind.STORM)).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(board.flaggedShare(LabelKind.DRIFT)).isEqualTo(1.0);
    assertThat(board.flaggedShare(LabelKind.HOLIDAY_DIP)).isZero();
    assertThat(board.flaggedShare(null)).isCloseTo(1 / 5.0, within(1e-12));
    assertThat(board.alarmsPerAirportYear()).isEqualTo(4.0);
    assertThat(board.seconds()).isEqualTo(2.0);
  }

  @Test
  void aDayNotScoredIsNeitherAMissNorAFalseAlarmButItsFlagsAreCounted() {
    // A small field (10 flights a day) over four days: two hub-event spillover days, one
    // flagged; a hub event scored there, missed; an ordinary day.
    Scoreboard board =
        board(
            "XNA",
            10,
            new boolean[] {true, false, false, false},
            Map.of(
                0, LabelKind.HUB_SPILLOVER,
                1, LabelKind.HUB_SPILLOVER,
                2, LabelKind.HUB_EVENT),
            1L);

    assertThat(board.overall()).isEqualTo(new Counts(0, 0, 1));
    assertThat(board.band(SizeBand.SMALL)).isEqualTo(new Counts(0, 0, 1));
    assertThat(board.falseAlarmsPerAirportYear()).isZero();
    assertThat(board.alarmsPerAirportYear()).isEqualTo(1.0);
    assertThat(board.labelled(LabelKind.HUB_SPILLOVER)).isEqualTo(2);
    assertThat(board.flaggedShare(LabelKind.HUB_SPILLOVER)).isEqualTo(0.5);
    assertThat(board.flaggedShare(null)).isZero();
  }

  @Test
  void airportsAreBandedByTheirAverageFlightsPerDay() {
    assertThat(SizeBand.of(150)).isEqualTo(SizeBand.HUB);
    assertThat(SizeBand.of(149.9)).isEqualTo(SizeBand.MEDIUM);
    assertThat(SizeBand.of(30)).isEqualTo(SizeBand.MEDIUM);
    assertThat(SizeBand.of(29.9)).isEqualTo(SizeBand.SMALL);
  }

  @Test
  void precisionRecallAndF1FollowTheirDefinitions() {
    Counts counts = new Counts(8, 2, 4);

    assertThat(counts.precision()).isCloseTo(0.8, within(1e-12));
    assertThat(counts.recall()).isCloseTo(8 / 12.0, within(1e-12));
    assertThat(counts.f1()).isCloseTo(2 * 0.8 * (8 / 12.0) / (0.8 + 8 / 12.0), within(1e-12));
    assertThat(Counts.NONE.precision()).isNaN();
  }

  /**
   * A scoreboard of one airport's days from {@code DAY} on, day i flagged when {@code flagged[i]},
   * labelled as {@code labels} says (by day number), the detector taking {@code nanos}.
   */
  private static Scoreboard board(
      String airport, int flights, boolean[] flagged, Map<Integer, LabelKind> labels, long nanos) {
    List<ScoredDay> rows = new ArrayList<>();
    for (int i = 0; i < flagged.length; i++) {
      rows.add(scored(airport, DAY.plusDays(i), flights, flagged[i]));
    }
    Map<LabelledYear.AirportDay, LabelKind> byDay = new HashMap<>();
    labels.forEach(
        (day, kind) -> byDay.put(new LabelledYear.AirportDay(airport, DAY.plusDays(day)), kind));
    Scoreboard board = new Scoreboard("test");
    board.add(
        new LabelledYear(2015, rows.stream().map(ScoredDay::day).toList(), byDay), rows, nanos);
    return board;
  }

  private static ScoredDay scored(String airport, LocalDate date, int flights, boolean anomaly) {
    DailyAirportStats day =
        new DailyAirportStats(airport, date, flights, flights, 0, 0, 10.0, 0.2, 0, 0, 0, 0, 0);
    return new ScoredDay(
        day, 10.0, 0.0, 20.0, anomaly ? 5.0 : 0.0, anomaly ? AnomalyKind.HIGH_DELAY : null, "test");
  }
}
