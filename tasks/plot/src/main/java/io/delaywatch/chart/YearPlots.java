package io.delaywatch.chart;

import io.delaywatch.daily.AnomalyKind;
import io.delaywatch.daily.DailyAirportStats;
import io.delaywatch.daily.ScoredDay;
import io.delaywatch.storage.LakePaths;
import io.delaywatch.storage.ObjectStore;
import io.delaywatch.task.Fingerprints;
import io.delaywatch.task.WorkerFailures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
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
 * publishes them as one run's report under {@code plots/YYYY/<run>/} of the warehouse.
 *
 * <p>Airports are rendered in parallel on a fixed pool; each PNG is put from memory to {@code
 * plots/YYYY/<run>/AIRPORT/<chart>.png}; the run's page follows. Only then is the year's entry page
 * {@code plots/YYYY/index.html} switched to the new run, and the older runs' folders (and charts of
 * airports no longer in the data) deleted: a report never mixes two runs, and a run killed half-way
 * leaves the previous report whole (its partial folder is swept by the next run).
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
   * @param index the key of the year's entry page
   * @param page the key of this run's report page
   * @param folder this run's folder
   * @param fingerprints the fingerprint of the entry page, the run's page, and the folder (the
   *     SHA-256 of its sorted {@code key fingerprint} lines)
   * @param removed objects of older runs deleted
   */
  public record Published(
      int airports,
      int charts,
      long anomalies,
      String index,
      String page,
      String folder,
      Map<String, String> fingerprints,
      int removed) {}

  /**
   * Renders and uploads the charts and the page of {@code year}.
   *
   * @param workDir a local scratch folder for the pages (the caller deletes it)
   * @param threads how many airports are rendered at once, at least 1
   * @param runId shown on the page
   * @param run the name of this run's folder (see {@link LakePaths#plotRun})
   * @param startedAt when the run started: leftovers older than this are swept
   * @throws IOException if an upload fails
   */
  public static Published publish(
      ChartYear year,
      ObjectStore store,
      Path workDir,
      int threads,
      String runId,
      String run,
      Instant startedAt)
      throws IOException, InterruptedException {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    long started = System.nanoTime();
    LOG.info(
        "rendering {} airports of {} on {} threads", year.airports().size(), year.year(), threads);
    AtomicInteger charts = new AtomicInteger();
    Map<String, String> chartPrints = new ConcurrentSkipListMap<>();
    // Java2D sets up its fonts, glyph caches and rasteriser on first use, and two threads painting
    // their first charts at once rasterised one of them differently, 1 run in 60 (a report that did
    // not equal a clean run's). So the first airport is published here, on one thread, before the
    // render threads start.
    List<AirportYear> airports = year.airports();
    if (!airports.isEmpty()) {
      charts.addAndGet(publishAirport(airports.get(0), store, run, chartPrints));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, new RenderThreads());
    try {
      List<Future<?>> jobs = new ArrayList<>();
      for (AirportYear airport : airports.subList(Math.min(1, airports.size()), airports.size())) {
        jobs.add(
            pool.submit(
                () -> {
                  charts.addAndGet(publishAirport(airport, store, run, chartPrints));
                  return null;
                }));
      }
      for (Future<?> job : jobs) {
        await(job);
      }
    } finally {
      pool.shutdownNow();
    }
    String folder = LakePaths.plotRun(year.year(), run);
    String pageKey = LakePaths.plotRunIndex(year.year(), run);
    // Written as a file and uploaded, as the entry page below.
    Path page = Files.createDirectories(workDir).resolve("index.html");
    Files.writeString(page, ReportPage.render(year, runId), StandardCharsets.UTF_8);
    String pagePrint = Fingerprints.of(page);
    // No charset parameter: the page declares it, and S3Proxy (our test S3) fails the signature
    // of a Content-Type with parameters.
    store.upload(page, pageKey, "text/html");
    chartPrints.put(pageKey, pagePrint);

    // The switch: from here on the year's entry page shows this run only.
    String index = LakePaths.plotIndex(year.year());
    Path entry = workDir.resolve("entry.html");
    Files.writeString(entry, entryPage(year.year(), run, runId), StandardCharsets.UTF_8);
    String entryPrint = Fingerprints.of(entry);
    store.upload(entry, index, "text/html");
    int removed =
        store.deleteExcept(LakePaths.plotsYear(year.year()), List.of(folder, index), startedAt);
    if (removed > 0) {
      LOG.info("deleted {} files of older plot runs of {}", removed, year.year());
    }
    LOG.info(
        "published {} charts and {} in {} ms",
        charts.get(),
        store.uri(index),
        (System.nanoTime() - started) / 1_000_000);
    Map<String, String> prints = new LinkedHashMap<>();
    prints.put(index, entryPrint);
    prints.put(pageKey, pagePrint);
    prints.put(folder, listingPrint(chartPrints));
    return new Published(
        year.airports().size(),
        charts.get(),
        year.anomalies(),
        index,
        pageKey,
        folder,
        prints,
        removed);
  }

  /**
   * Paints both charts of a made-up airport year with a day of every anomaly kind and encodes them,
   * writing nothing: Java2D's fonts, glyph caches and rasteriser, and the chart and PNG code, are
   * then set up and compiled before the first real chart. Plot runs it beside reading its input,
   * when the second core has nothing else to do. Thread-safe; any number of calls.
   */
  public static void warmUp() {
    int year = 2001;
    List<ScoredDay> days = new ArrayList<>();
    AnomalyKind[] kinds = AnomalyKind.values();
    for (LocalDate day = LocalDate.of(year, 1, 1); day.getYear() == year; day = day.plusDays(1)) {
      int n = day.getDayOfYear();
      AnomalyKind kind = n % 40 == 0 ? kinds[(n / 40) % kinds.length] : null;
      boolean closed = n == 200;
      int flights = 300 + n % 7 * 10;
      int cancelled = closed ? flights : 4;
      Double delay = closed ? null : 10.0 + n % 13 + (kind == AnomalyKind.HIGH_DELAY ? 60 : 0);
      DailyAirportStats stats =
          new DailyAirportStats(
              "WARM",
              day,
              flights,
              flights - cancelled,
              cancelled,
              0,
              delay,
              closed ? null : 0.2,
              1,
              1,
              1,
              0,
              1);
      days.add(
          n < 15
              ? new ScoredDay(stats, null, null, null, null, null, "warm-up")
              : new ScoredDay(stats, 12.0, 2.0, 22.0, kind == null ? 0.5 : 9.0, kind, "warm-up"));
    }
    AirportYear airport = new AirportYear("WARM", year, days);
    try {
      for (AirportChart chart : AirportChart.values()) {
        Fingerprints.of(chart.png(airport));
      }
    } catch (RuntimeException e) {
      // Only time is lost: the first real chart sets everything up instead.
      LOG.debug("warm-up failed", e);
    }
  }

  /** The year's entry page: sends the reader to the current run's report (relative link). */
  static String entryPage(int year, String run, String runId) {
    String target = run + "/index.html";
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta http-equiv=\"refresh\" content=\"0; url="
        + target
        + "\"><title>DelayWatch "
        + year
        + "</title></head>\n<body><p><a href=\""
        + target
        + "\">DelayWatch report of "
        + year
        + "</a> (run "
        + escape(runId)
        + ")</p></body></html>\n";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String listingPrint(Map<String, String> sorted) {
    StringBuilder listing = new StringBuilder();
    sorted.forEach((key, print) -> listing.append(key).append(' ').append(print).append('\n'));
    return Fingerprints.of(listing.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Renders and uploads the charts of {@code airport} straight from memory: a local file per chart
   * first (written, read back for its fingerprint, copied into a local warehouse) cost two new
   * files and three passes over each PNG, and with 700 files created and deleted a run, the file
   * system's search for free inodes alone took ~8% of plot's CPU.
   */
  private static int publishAirport(
      AirportYear airport, ObjectStore store, String run, Map<String, String> prints)
      throws IOException {
    for (AirportChart chart : AirportChart.values()) {
      byte[] png = chart.png(airport);
      String key = LakePaths.plot(airport.year(), run, airport.airport(), chart.fileName());
      prints.put(key, Fingerprints.of(png));
      store.put(key, png, "image/png");
    }
    LOG.debug("{}: {} charts", airport.airport(), AirportChart.values().length);
    return AirportChart.values().length;
  }

  /** Waits for {@code job}, rethrowing its failure as it was thrown (exit codes depend on it). */
  private static void await(Future<?> job) throws IOException, InterruptedException {
    try {
      job.get();
    } catch (ExecutionException e) {
      throw WorkerFailures.rethrow(e.getCause());
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
