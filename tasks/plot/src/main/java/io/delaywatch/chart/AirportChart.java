package io.delaywatch.chart;

import java.util.function.Function;

/**
 * The charts drawn for every airport and year, and their file names under {@code
 * plots/YYYY/AIRPORT/}.
 */
public enum AirportChart {
  /** Flights per day, cancelled ones and anomalous days marked. */
  DAILY_FLIGHTS("daily_flights.png", DailyFlightsChart::build),
  /** Average departure delay, expected delay and normal band, anomalous days marked. */
  DELAY_VS_EXPECTED("delay_vs_expected.png", DelayVsExpectedChart::build);

  private final String fileName;
  private final Function<AirportYear, YearChart> builder;

  AirportChart(String fileName, Function<AirportYear, YearChart> builder) {
    this.fileName = fileName;
    this.builder = builder;
  }

  /** The file name, e.g. {@code daily_flights.png}. */
  public String fileName() {
    return fileName;
  }

  /** The chart of {@code airport}'s year. */
  YearChart build(AirportYear airport) {
    return builder.apply(airport);
  }

  /** The chart of {@code airport} as PNG bytes. */
  public byte[] png(AirportYear airport) {
    return ChartImage.png(build(airport));
  }
}
