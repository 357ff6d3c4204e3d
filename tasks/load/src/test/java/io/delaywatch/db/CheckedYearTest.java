package io.delaywatch.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delaywatch.daily.DailyAirportStats;
import io.delaywatch.daily.ScoredDay;
import io.delaywatch.task.InvalidInputException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckedYearTest {
  private static final String FILE =
      "file:///lake/scored/airport_anomalies/year=2015/anomalies.parquet";

  @Test
  void acceptsAWholeYearAndCountsItsAnomalies() {
    List<ScoredDay> rows = ScoredDays.year(2015, 1, "ATL", "BOS");

    CheckedYear year = CheckedYear.check(2015, rows, FILE);

    assertThat(year.rows()).isEqualTo(rows);
    assertThat(year.anomalies()).isEqualTo(rows.stream().filter(ScoredDay::anomaly).count());
  }

  @Test
  void aDayOfAnotherYearIsRefusedNamingTheFileAndRow() {
    List<ScoredDay> rows = new ArrayList<>(ScoredDays.year(2015, 1, "ATL"));
    rows.add(day("ATL", LocalDate.of(2016, 1, 1), 10, 10, 0, 0.5));

    assertThatThrownBy(() -> CheckedYear.check(2015, rows, FILE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(FILE + ": row 366 (ATL 2016-01-01): flight_date is not in 2015");
  }

  @Test
  void theSameAirportAndDayTwiceIsRefused() {
    List<ScoredDay> rows =
        List.of(
            day("ATL", LocalDate.of(2015, 3, 1), 10, 10, 0, 0.5),
            day("BOS", LocalDate.of(2015, 3, 1), 10, 10, 0, 0.5),
            day("ATL", LocalDate.of(2015, 3, 1), 12, 12, 0, 0.5));

    assertThatThrownBy(() -> CheckedYear.check(2015, rows, FILE))
        .hasMessage(FILE + ": row 3 (ATL 2015-03-01): same airport and day as row 1");
  }

  @Test
  void figuresTheTableWouldRejectAreRefusedBeforeLoading() {
    LocalDate d = LocalDate.of(2015, 3, 1);

    assertThatThrownBy(() -> CheckedYear.check(2015, List.of(day("ATL", d, 10, 9, 0, 0.5)), FILE))
        .hasMessage(FILE + ": row 1 (ATL 2015-03-01): departed 9 is not flights - cancelled = 10");
    assertThatThrownBy(() -> CheckedYear.check(2015, List.of(day("ATL", d, 10, -2, 12, 0.5)), FILE))
        .hasMessage(
            FILE + ": row 1 (ATL 2015-03-01): cancelled 12 is not between 0 and flights 10");
    assertThatThrownBy(() -> CheckedYear.check(2015, List.of(day("ATL", d, 10, 10, 0, 1.5)), FILE))
        .hasMessage(FILE + ": row 1 (ATL 2015-03-01): delayed_15_share 1.5 is not between 0 and 1");
    assertThatThrownBy(
            () -> CheckedYear.check(2015, List.of(day("ATL", d, 10, 10, 0, Double.NaN)), FILE))
        .hasMessage(FILE + ": row 1 (ATL 2015-03-01): delayed_15_share NaN is not between 0 and 1");
    ScoredDay nanCause =
        new ScoredDay(
            new DailyAirportStats("ATL", d, 1, 1, 0, 0, 1.0, 0.0, 0, 0, Double.NaN, 0, 0),
            null,
            null,
            null,
            null,
            null,
            "d");
    assertThatThrownBy(() -> CheckedYear.check(2015, List.of(nanCause), FILE))
        .hasMessage(FILE + ": row 1 (ATL 2015-03-01): nas_delay_min is not a finite number: NaN");
  }

  @Test
  void anEmptyFileNeverWipesAYear() {
    assertThatThrownBy(() -> CheckedYear.check(2015, List.of(), FILE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(FILE + ": no rows; refusing to replace the rows of 2015 with nothing");
  }

  private static ScoredDay day(
      String airport, LocalDate date, int flights, int departed, int cancelled, double share) {
    return new ScoredDay(
        new DailyAirportStats(
            airport, date, flights, departed, cancelled, 0, 3.0, share, 1, 2, 3, 4, 5),
        null,
        null,
        null,
        null,
        null,
        "robust_zscore");
  }
}
