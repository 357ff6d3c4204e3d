package io.delaywatch.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.delaywatch.daily.ScoredDay;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalendarSeriesTest {
  private final MonthAxis axis = new MonthAxis(2015);

  private static ScoredDay day(int dayOfMonth, Double delay) {
    return ScoredDays.scored(
        "ATL",
        LocalDate.of(2015, 1, dayOfMonth),
        10,
        delay == null ? 10 : 0,
        delay,
        5.0,
        0.0,
        10.0,
        0.0,
        false);
  }

  private final List<ScoredDay> days =
      List.of(day(1, 4.0), day(2, null), day(3, 6.0), day(4, 7.0), day(6, 9.0));

  @Test
  void nullValuesAndAbsentDaysAreGapsNotZeros() {
    double[][] points = CalendarSeries.of(axis, days, d -> d.day().avgDepDelay()).points();

    assertThat(points[0]).hasSize(365);
    assertThat(points[0][0]).isEqualTo(0.5);
    assertThat(points[1][0]).isEqualTo(4.0);
    assertThat(points[1][1]).isNaN();
    assertThat(points[1][4]).isNaN();
    assertThat(points[1][5]).isEqualTo(9.0);
    assertThat(points[1][200]).isNaN();
  }

  @Test
  void barOutlineRisesFromTheBaselineForEveryRunOfDaysAndLeavesGapsEmpty() {
    double[][] bars = CalendarSeries.of(axis, days, d -> d.day().avgDepDelay()).barOutline();

    // Runs: day 0 (4); days 2-3 (6, 7); day 5 (9). Each: up at its start, across, down at its end.
    assertThat(bars[0]).containsExactly(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6);
    assertThat(bars[1]).containsExactly(0, 4, 4, 0, 0, 6, 6, 7, 7, 0, 0, 9, 9, 0);
  }

  @Test
  void daysBetweenTwoGapsAreTheLonePoints() {
    double[][] lone = CalendarSeries.of(axis, days, d -> d.day().avgDepDelay()).lonePoints();

    assertThat(lone[0]).containsExactly(0.5, 5.5);
    assertThat(lone[1]).containsExactly(4.0, 9.0);
  }

  @Test
  void minAndMaxIgnoreGapsAndAreNaNWithoutAnyValue() {
    CalendarSeries delays = CalendarSeries.of(axis, days, d -> d.day().avgDepDelay());
    CalendarSeries none = CalendarSeries.of(axis, days, d -> null);

    assertThat(delays.min()).isEqualTo(4.0);
    assertThat(delays.max()).isEqualTo(9.0);
    assertThat(none.isEmpty()).isTrue();
    assertThat(none.max()).isNaN();
    assertThat(none.runs()).isEmpty();
  }
}
