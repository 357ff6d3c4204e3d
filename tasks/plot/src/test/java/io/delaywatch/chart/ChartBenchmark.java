package io.delaywatch.chart;

import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where a chart's CPU time goes, phase by phase, in one warm JVM on one thread: building the chart
 * (its series), painting it, encoding the PNG. A program, not a test: bench/plot.sh runs it after
 * the whole-process runs.
 *
 * <pre>
 * java -cp ... io.delaywatch.chart.ChartBenchmark SCORED.parquet YEAR [PASSES]
 * </pre>
 *
 * Thread CPU time, so that other processes on a shared machine inflate the figures only through
 * caches and hyperthreads, not by the time they hold the core.
 */
final class ChartBenchmark {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ChartBenchmark() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    int year = Integer.parseInt(args[1]);
    int passes = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    long readStart = cpuNanos();
    ChartYear data = ChartYear.read(Path.of(args[0]), year, args[0]);
    double read = (cpuNanos() - readStart) / 1e6;
    List<AirportYear> airports = data.airports();
    System.out.printf(
        Locale.ROOT,
        "%d airports, read in %.0f ms CPU; %d passes, the first a warm-up%n",
        airports.size(),
        read,
        passes);
    BufferedImage canvas =
        new BufferedImage(ChartImage.WIDTH, ChartImage.HEIGHT, BufferedImage.TYPE_INT_RGB);
    for (int pass = 0; pass < passes; pass++) {
      for (AirportChart kind : AirportChart.values()) {
        long[] phases = new long[3];
        long bytes = 0;
        for (AirportYear airport : airports) {
          long t0 = cpuNanos();
          YearChart chart = kind.build(airport);
          long t1 = cpuNanos();
          ChartImage.paint(chart.chart(), chart.axis(), chart.y(), canvas);
          long t2 = cpuNanos();
          bytes += PngFile.encode(canvas).length;
          long t3 = cpuNanos();
          phases[0] += t1 - t0;
          phases[1] += t2 - t1;
          phases[2] += t3 - t2;
        }
        if (pass == passes - 1) {
          int n = airports.size();
          System.out.printf(
              Locale.ROOT,
              "%-22s build %5.2f  paint %5.2f  png %5.2f  total %5.2f ms  (%.0f KB a file)%n",
              kind.fileName(),
              phases[0] / n / 1e6,
              phases[1] / n / 1e6,
              phases[2] / n / 1e6,
              (phases[0] + phases[1] + phases[2]) / n / 1e6,
              bytes / 1024.0 / n);
        }
      }
    }
  }

  private static long cpuNanos() {
    return THREADS.getCurrentThreadCpuTime();
  }
}
