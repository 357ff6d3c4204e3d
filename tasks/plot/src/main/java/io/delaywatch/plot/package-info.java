/** The plot task: {@link io.delaywatch.plot.Main}, over {@link io.delaywatch.chart.YearPlots}. */
package io.delaywatch.plot;
