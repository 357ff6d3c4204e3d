package io.delaywatch.chart;

import io.delaywatch.storage.LakePaths;
import io.delaywatch.storage.ObjectStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws every {@link AirportChart} of every airport of a year and the {@link ReportPage}, and
 * publishes them under {@code plots/YYYY/} of the warehouse.
 *
 * <p>Airports are rendered in parallel on a fixed pool; each PNG is written to a local folder, then
 * uploaded to {@code plots/YYYY/AIRPORT/<chart>.png}. The page goes last, so it never links a chart
 * that is not there yet. A rerun overwrites the same keys; the charts of an airport that is no
 * longer in the data are left as they are (the new page no longer links them).
 */
public final class YearPlots {
  private static final Logger LOG = LoggerFactory.getLogger(YearPlots.class);

  private YearPlots() {}

  /**
   * What was published.
   *
   * @param airports airports drawn
   * @param charts PNG files uploaded
   * @param anomalies anomalous airport-days in the year
   * @param index the key of the report page
   */
  public record Published(int airports, int charts, long anomalies, String index) {}

  /**
   * Renders and uploads the charts and the page of {@code year}.
   *
   * @param workDir a local scratch folder for the PNGs (the caller deletes it)
   * @param threads how many airports are rendered at once, at least 1
   * @param runId shown on the page
   * @throws IOException if an upload fails
   */
  public static Published publish(
      ChartYear year, ObjectStore store, Path workDir, int threads, String runId)
      throws IOException, InterruptedException {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    long started = System.nanoTime();
    LOG.info(
        "rendering {} airports of {} on {} threads", year.airports().size(), year.year(), threads);
    AtomicInteger charts = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads, new RenderThreads());
    try {
      List<Future<?>> jobs = new ArrayList<>();
      for (AirportYear airport : year.airports()) {
        jobs.add(
            pool.submit(
                () -> {
                  charts.addAndGet(publishAirport(airport, store, workDir));
                  return null;
                }));
      }
      for (Future<?> job : jobs) {
        await(job);
      }
    } finally {
      pool.shutdownNow();
    }
    String index = LakePaths.plotIndex(year.year());
    // Written as a file and uploaded like the charts: ObjectStore.put gives a local warehouse
    // file owner-only permissions, and the page is meant to be opened by anyone.
    Path page = Files.createDirectories(workDir).resolve("index.html");
    Files.writeString(page, ReportPage.render(year, runId), StandardCharsets.UTF_8);
    // No charset parameter: the page declares it, and S3Proxy (our test S3) fails the signature
    // of a Content-Type with parameters.
    store.upload(page, index, "text/html");
    LOG.info(
        "published {} charts and {} in {} ms",
        charts.get(),
        store.uri(index),
        (System.nanoTime() - started) / 1_000_000);
    return new Published(year.airports().size(), charts.get(), year.anomalies(), index);
  }

  private static int publishAirport(AirportYear airport, ObjectStore store, Path workDir)
      throws IOException {
    Path dir = Files.createDirectories(workDir.resolve(airport.airport()));
    for (AirportChart chart : AirportChart.values()) {
      Path png = dir.resolve(chart.fileName());
      chart.writePng(airport, png);
      store.upload(
          png, LakePaths.plot(airport.year(), airport.airport(), chart.fileName()), "image/png");
    }
    LOG.debug("{}: {} charts", airport.airport(), AirportChart.values().length);
    return AirportChart.values().length;
  }

  /** Waits for {@code job}, rethrowing its failure as it was thrown (exit codes depend on it). */
  private static void await(Future<?> job) throws IOException, InterruptedException {
    try {
      job.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** Daemon threads named {@code plot-N}, so a stuck render cannot keep the JVM alive. */
  private static final class RenderThreads implements ThreadFactory {
    private final AtomicInteger next = new AtomicInteger(1);

    @Override
    public Thread newThread(Runnable work) {
      Thread thread = new Thread(work, "plot-" + next.getAndIncrement());
      thread.setDaemon(true);
      return thread;
    }
  }
}
