package io.delaywatch.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.delaywatch.daily.AnomalyKind;
import io.delaywatch.daily.ScoredDay;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.RenderableSeries.LegendRenderType;

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

  private static long pixels(BufferedImage image, Color color) {
    long red = 0;
    for (int x = 0; x < image.getWidth(); x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == (color.getRGB() & 0xFFFFFF)) {
          red++;
        }
      }
    }
    return red;
  }

  @Test
  void theWarmUpLeavesNoTraceInTheChartsPaintedAfterIt() throws Exception {
    // plot warms Java2D up on a thread of its own, then paints on others: a chart must come out
    // byte for byte as it does without the warm-up (each thread keeps its own canvas and buffers).
    AirportYear atl = airports.get("ATL");
    byte[] before = AirportChart.DELAY_VS_EXPECTED.png(atl);
    Thread warmUp = new Thread(YearPlots::warmUp);
    warmUp.start();
    warmUp.join();
    YearPlots.warmUp();

    assertThat(AirportChart.DELAY_VS_EXPECTED.png(atl)).isEqualTo(before);
    assertThat(AirportChart.DAILY_FLIGHTS.png(atl)).isNotEqualTo(before);
  }

  @Test
  void dailyFlightsChartMarksCancellationWavesAndCollapsesEachWithItsOwnLegendEntry() {
    YearChart chart = AirportChart.DAILY_FLIGHTS.build(airports.get("ATL"));

    assertThat(chart.chart().getTitle()).isEqualTo("ATL — daily flights, 2015");
    assertThat(chart.chart().getYAxisTitle()).isEqualTo("flights");
    assertThat(legend(chart))
        .containsExactly("flights", "cancelled", "cancellation wave", "schedule collapse");
    assertThat(chart.chart().getSeriesMap().get("cancellation wave").getXData())
        .containsExactly(25.5, 26.5);
    assertThat(chart.chart().getSeriesMap().get("schedule collapse").getXData())
        .containsExactly(312.5, 313.5);
    assertThat(chart.y().min()).isZero();
    assertThat(chart.y().max()).isGreaterThanOrEqualTo(1090);
  }

  @Test
  void delayChartMarksOnlyDelayKindsAndNamesEachInTheLegend() {
    YearChart chart = AirportChart.DELAY_VS_EXPECTED.build(airports.get("ATL"));

    assertThat(legend(chart))
        .containsExactly(
            "normal band", "expected", "average departure delay", "high delay", "low delay");
    assertThat(chart.chart().getSeriesMap().get("high delay").getXData())
        .containsExactly(184.5, 226.5);
    assertThat(chart.chart().getSeriesMap().get("low delay").getXData()).containsExactly(278.5);
  }

  @Test
  void aDelayKindDayInsideTheBandGetsAnOpenMarkWithALegendThatSaysWhy() {
    ScoredDay inside =
        ScoredDays.scored(
            "IN",
            LocalDate.of(2015, 5, 1),
            100,
            0,
            8.0,
            5.0,
            0.0,
            10.0,
            4.1,
            AnomalyKind.HIGH_DELAY);

    YearChart chart =
        AirportChart.DELAY_VS_EXPECTED.build(new AirportYear("IN", 2015, List.of(inside)));

    assertThat(legend(chart)).contains("flagged on other features").doesNotContain("high delay");
  }

  @Test
  void swatchesMatchWhatTheyLabelBarsAndBandsAsBoxes() {
    YearChart flights = AirportChart.DAILY_FLIGHTS.build(airports.get("ATL"));
    YearChart delay = AirportChart.DELAY_VS_EXPECTED.build(airports.get("ATL"));

    assertThat(flights.chart().getSeriesMap().get("flights").getLegendRenderType())
        .isEqualTo(LegendRenderType.Box);
    assertThat(flights.chart().getSeriesMap().get("cancelled").getLegendRenderType())
        .isEqualTo(LegendRenderType.Box);
    assertThat(delay.chart().getSeriesMap().get("normal band").getLegendRenderType())
        .isEqualTo(LegendRenderType.Box);
    assertThat(delay.chart().getSeriesMap().get("expected").getLegendRenderType())
        .isEqualTo(LegendRenderType.Line);
  }

  /** The columns where the plot frame's grey runs down most of the image's height. */
  private static List<Integer> frameColumns(BufferedImage image) {
    List<Integer> columns = new ArrayList<>();
    for (int x = 0; x < image.getWidth(); x++) {
      int grey = 0;
      for (int y = 0; y < image.getHeight(); y++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == (Color.GRAY.getRGB() & 0xFFFFFF)) {
          grey++;
        }
      }
      if (grey > image.getHeight() * 0.8) {
        columns.add(x);
      }
    }
    return columns;
  }

  @Test
  void anAirportsTwoChartsShareOnePlotAreaSoTheMonthsLineUp() {
    for (AirportYear airport : airports.values()) {
      for (AirportChart kind : AirportChart.values()) {
        assertThat(frameColumns(kind.build(airport).paint()))
            .as(airport.airport() + " " + kind)
            .containsExactly(ChartImage.PLOT_LEFT, ChartImage.PLOT_RIGHT);
      }
    }
  }

  @Test
  void marksStayInsideThePlotClearOfTheTitle() {
    // Four consecutive marks on the year's busiest days, 22 pixels under the top of the axis:
    // stacked upwards they would reach into the title.
    List<ScoredDay> days = new ArrayList<>();
    for (LocalDate day = LocalDate.of(2015, 6, 1); day.getMonth().getValue() == 6; ) {
      boolean marked = day.getDayOfMonth() >= 10 && day.getDayOfMonth() <= 13;
      days.add(
          ScoredDays.scored(
              "TOP",
              day,
              marked ? 1140 : 1100,
              0,
              10.0,
              10.0,
              0.0,
              20.0,
              marked ? 9.0 : 0.1,
              marked ? AnomalyKind.COLLAPSE : null));
      day = day.plusDays(1);
    }
    YearChart chart = AirportChart.DAILY_FLIGHTS.build(new AirportYear("TOP", 2015, days));
    double[] y = chart.chart().getSeriesMap().get("schedule collapse").getYData();
    ChartImage.Plot plot = new ChartImage.Plot(chart.axis().length(), chart.y());
    int size = chart.chart().getStyler().getMarkerSize();

    assertThat(y).hasSize(4);
    for (double value : y) {
      assertThat(plot.screenY(value) - size / 2.0)
          .isGreaterThanOrEqualTo(ChartImage.PLOT_TOP + ChartImage.MARK_MARGIN);
    }
    // And still a marker apart from each other.
    for (int i = 1; i < y.length; i++) {
      assertThat(Math.abs(plot.screenY(y[i]) - plot.screenY(y[i - 1])))
          .isGreaterThanOrEqualTo(size - 1e-9);
    }
  }

  @Test
  void aClosuresWideBandDoesNotStretchTheDelayAxis() {
    // ATL's closed 27 January has a band of -130..140; the rest of the year stays within -20..80.
    YearChart chart = AirportChart.DELAY_VS_EXPECTED.build(airports.get("ATL"));

    assertThat(chart.y()).isEqualTo(new AxisRange(-20, 80, 20));
  }

  @Test
  void marksOfConsecutiveDaysAtTheSameValueAreStackedApart() {
    YearChart chart = AirportChart.DAILY_FLIGHTS.build(airports.get("ATL"));
    double[] y = chart.chart().getSeriesMap().get("cancellation wave").getYData();
    double unitsPerPixel = (chart.y().max() - chart.y().min()) / 450;

    // 26 and 27 January: nearly the same number of flights, drawn at least a marker apart.
    assertThat(Math.abs(y[1] - y[0])).isGreaterThanOrEqualTo(7 * unitsPerPixel);
  }

  @Test
  void delayChartShowsDelayExpectedBandAndAnomaliesInMinutes() {
    YearChart chart = AirportChart.DELAY_VS_EXPECTED.build(airports.get("BOS"));

    assertThat(chart.chart().getTitle()).isEqualTo("BOS — departure delay vs expected, 2015");
    assertThat(chart.chart().getYAxisTitle()).isEqualTo("minutes");
    assertThat(legend(chart))
        .containsExactly("normal band", "expected", "average departure delay", "high delay");
  }

  @Test
  void delayLineBreaksOnAFullyCancelledDayAndOnDaysWithoutRows() {
    YearChart chart = AirportChart.DELAY_VS_EXPECTED.build(airports.get("BOS"));
    MonthAxis axis = chart.axis();
    double[] delay = chart.chart().getSeriesMap().get("average departure delay").getYData();

    assertThat(delay[axis.index(LocalDate.of(2015, 1, 27))]).isNaN();
    assertThat(delay[axis.index(LocalDate.of(2015, 2, 9))]).isNaN();
    assertThat(delay[axis.index(LocalDate.of(2015, 2, 11))]).isNotNaN();
    // The closed day is a cancellation wave, marked on the flights chart: only 3 March is here.
    assertThat(chart.chart().getSeriesMap().get("high delay").getXData()).containsExactly(61.5);
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
  void eachKindIsDrawnInItsColourAndOnlyWhenThereAreAny() {
    assertThat(pixels(AirportChart.DAILY_FLIGHTS.build(airports.get("ATL")).paint(), Palette.WAVE))
        .isPositive();
    assertThat(
            pixels(AirportChart.DAILY_FLIGHTS.build(airports.get("ATL")).paint(), Palette.COLLAPSE))
        .isPositive();
    assertThat(
            pixels(
                AirportChart.DELAY_VS_EXPECTED.build(airports.get("ATL")).paint(), Palette.ANOMALY))
        .isPositive();
    assertThat(
            pixels(AirportChart.DELAY_VS_EXPECTED.build(airports.get("ATL")).paint(), Palette.LOW))
        .isPositive();
    assertThat(
            pixels(
                AirportChart.DELAY_VS_EXPECTED.build(airports.get("XWA")).paint(), Palette.ANOMALY))
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
    assertThat(AxisRange.covering(3, 47)).isEqualTo(new AxisRange(0, 50, 10));
    assertThat(AxisRange.covering(-12, 80)).isEqualTo(new AxisRange(-20, 100, 20));
    assertThat(AxisRange.covering(Double.NaN, Double.NaN)).isEqualTo(new AxisRange(0, 12, 2));
    assertThat(AxisRange.covering(0, 1093)).isEqualTo(new AxisRange(0, 1200, 200));
  }
}
