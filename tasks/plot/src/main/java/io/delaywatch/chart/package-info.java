/**
 * The charts and the report of a year: {@link io.delaywatch.chart.YearPlots} publishes, for every
 * airport of a {@link io.delaywatch.chart.ChartYear}, each {@link io.delaywatch.chart.AirportChart}
 * as a PNG (series held in XChart's model, painted by {@code ChartImage}) on a {@link
 * io.delaywatch.chart.MonthAxis}, and the year's {@link io.delaywatch.chart.ReportPage}.
 */
package io.delaywatch.chart;
