package io.delaywatch.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.delaywatch.daily.ScoredDay;
import java.awt.image.BufferedImage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYSeries;

class AirportChartTest {
  private static Map<String, AirportYear> airports;

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
    airports =
        ChartYear.of(ScoredDays.YEAR, "test", ScoredDays.year()).airports().stream()
            .collect(Collectors.toMap(AirportYear::airport, a -> a));
  }

  private static List<String> legend(YearChart chart) {
    return chart.chart().getSeriesMap().values().stream()
        .filter(XYSeries::isShowInLegend)
        .map(XYSeries::getName)
        .toList();
  }

  private static long anomalyRedPixels(BufferedImage image) {
    long red = 0;
    for (int x = 0; x < image.getWidth(); x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == (Palette.ANOMALY.getRGB() & 0xFFFFFF)) {
          red++;
        }
      }
    }
    return red;
  }

  @Test
  void dailyFlightsChartIsTitledAndLabelledWithAnomalousDaysInTheLegend() {
    YearChart chart = AirportChart.DAILY_FLIGHTS.build(airports.get("ATL"));

    assertThat(chart.chart().getTitle()).isEqualTo("ATL — daily flights, 2015");
    assertThat(chart.chart().getYAxisTitle()).isEqualTo("flights");
    assertThat(legend(chart)).containsExactly("flights", "cancelled", "anomalous day");
    assertThat(chart.chart().getSeriesMap().get("anomalous day").getXData())
        .containsExactly(25.5, 26.5, 184.5, 226.5);
    assertThat(chart.y().min()).isZero();
    assertThat(chart.y().max()).isGreaterThanOrEqualTo(1090);
  }

  @Test
  void delayChartShowsDelayExpectedBandAndAnomaliesInMinutes() {
    YearChart chart = AirportChart.DELAY_VS_EXPECTED.build(airports.get("BOS"));

    assertThat(chart.chart().getTitle()).isEqualTo("BOS — departure delay vs expected, 2015");
    assertThat(chart.chart().getYAxisTitle()).isEqualTo("minutes");
    assertThat(legend(chart))
        .containsExactly("normal band", "expected", "average departure delay", "anomalous day");
  }

  @Test
  void delayLineBreaksOnAFullyCancelledDayAndOnDaysWithoutRows() {
    YearChart chart = AirportChart.DELAY_VS_EXPECTED.build(airports.get("BOS"));
    MonthAxis axis = chart.axis();
    double[] delay = chart.chart().getSeriesMap().get("average departure delay").getYData();

    assertThat(delay[axis.index(LocalDate.of(2015, 1, 27))]).isNaN();
    assertThat(delay[axis.index(LocalDate.of(2015, 2, 9))]).isNaN();
    assertThat(delay[axis.index(LocalDate.of(2015, 2, 11))]).isNotNaN();
    // The closed day is anomalous but has no delay to mark: only 3 March is marked.
    assertThat(chart.chart().getSeriesMap().get("anomalous day").getXData()).containsExactly(61.5);
  }

  @Test
  void bandIsOnePolygonPerRunOfDaysWithBoundsAndOnlyTheFirstIsInTheLegend() {
    YearChart chart = AirportChart.DELAY_VS_EXPECTED.build(airports.get("BOS"));

    // BOS has bounds from 15 January, broken by the closed 27 January and the 9-10 February gap.
    assertThat(chart.chart().getSeriesMap().keySet())
        .contains("normal band", "normal band 2", "normal band 3")
        .doesNotContain("normal band 4");
    assertThat(chart.chart().getSeriesMap().get("normal band 2").isShowInLegend()).isFalse();
  }

  @Test
  void anomalousDaysAreDrawnInTheAnomalyRedAndOnlyWhenThereAreAny() {
    assertThat(anomalyRedPixels(AirportChart.DAILY_FLIGHTS.build(airports.get("ATL")).paint()))
        .isPositive();
    assertThat(anomalyRedPixels(AirportChart.DELAY_VS_EXPECTED.build(airports.get("ATL")).paint()))
        .isPositive();
    assertThat(anomalyRedPixels(AirportChart.DAILY_FLIGHTS.build(airports.get("XWA")).paint()))
        .isZero();
  }

  @Test
  void anAirportThatNeverDepartedStillGetsBothCharts() {
    ScoredDay closed =
        ScoredDays.scored(
            "ZZZ", LocalDate.of(2015, 3, 1), 4, 4, null, null, null, null, null, true);
    AirportYear airport = new AirportYear("ZZZ", 2015, List.of(closed));

    for (AirportChart chart : AirportChart.values()) {
      BufferedImage image = chart.build(airport).paint();
      assertThat(image.getWidth()).isEqualTo(1200);
      assertThat(image.getHeight()).isEqualTo(500);
    }
  }

  @Test
  void aDelayBetweenTwoGapsIsDrawnAsADotAndTheBandCoversItsWholeDay() {
    List<ScoredDay> saturdays = new ArrayList<>();
    for (LocalDate day = LocalDate.of(2015, 1, 3); day.getYear() == 2015; day = day.plusWeeks(1)) {
      saturdays.add(ScoredDays.scored("SAT", day, 2, 0, 7.0, 5.0, 0.0, 10.0, 0.4, false));
    }

    YearChart chart = AirportChart.DELAY_VS_EXPECTED.build(new AirportYear("SAT", 2015, saturdays));

    XYSeries dots =
        chart
            .chart()
            .getSeriesMap()
            .get(DelayVsExpectedChart.DELAY + DelayVsExpectedChart.LONE_DAYS);
    assertThat(dots.getXData()).hasSize(52).startsWith(2.5, 9.5);
    assertThat(dots.isShowInLegend()).isFalse();
    assertThat(chart.chart().getSeriesMap().get("normal band").getXData())
        .containsExactly(2, 2.5, 3, 3, 2.5, 2);
  }

  @Test
  void yAxisAlwaysShowsZeroAndEndsOnRoundNumbers() {
    assertThat(AxisRange.covering(3, 47)).isEqualTo(new AxisRange(0, 50));
    assertThat(AxisRange.covering(-12, 80)).isEqualTo(new AxisRange(-20, 100));
    assertThat(AxisRange.covering(Double.NaN, Double.NaN)).isEqualTo(new AxisRange(0, 12));
    assertThat(AxisRange.covering(0, 1093)).isEqualTo(new AxisRange(0, 1200));
  }
}
