package io.delaywatch.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class MonthAxisTest {

  @Test
  void aYearHasTwelveMonthLabelsFromJanToDec() {
    assertThat(new MonthAxis(2015).ticks())
        .extracting(MonthAxis.Tick::label)
        .containsExactly(
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");
  }

  @Test
  void eachTickStartsOnTheFirstOfItsMonthAndEndsWhereTheNextBegins() {
    MonthAxis axis = new MonthAxis(2015);

    assertThat(axis.ticks())
        .extracting(MonthAxis.Tick::start)
        .containsExactly(
            0.0, 31.0, 59.0, 90.0, 120.0, 151.0, 181.0, 212.0, 243.0, 273.0, 304.0, 334.0);
    assertThat(axis.ticks().get(1).end()).isEqualTo(59.0);
    assertThat(axis.ticks().get(11).end()).isEqualTo(365.0).isEqualTo(axis.length());
    assertThat(axis.ticks().get(0).middle()).isEqualTo(15.5);
  }

  @Test
  void leapYearShiftsMarchByADayAndHas366Days() {
    MonthAxis axis = new MonthAxis(2016);

    assertThat(axis.length()).isEqualTo(366);
    assertThat(axis.ticks().get(2).start()).isEqualTo(60.0);
    assertThat(axis.index(LocalDate.of(2016, 12, 31))).isEqualTo(365);
  }

  @Test
  void aDaySpansOneUnitAndItsPointSitsInTheMiddle() {
    MonthAxis axis = new MonthAxis(2015);

    assertThat(axis.index(LocalDate.of(2015, 1, 1))).isZero();
    assertThat(axis.middle(LocalDate.of(2015, 2, 1))).isEqualTo(31.5);
    assertThat(axis.index(LocalDate.of(2015, 2, 28))).isEqualTo(58);
  }

  @Test
  void aDayOfAnotherYearIsRejected() {
    assertThatThrownBy(() -> new MonthAxis(2015).index(LocalDate.of(2016, 1, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("2016-01-01 is not in 2015");
  }
}
