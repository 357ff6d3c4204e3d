package io.delaywatch.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Progress lines on stderr: which step of which year runs, how it ended, with its counts. While a
 * step runs: on a terminal one line rewritten every second (time, bytes in the lake), in a log a
 * plain line every {@value #LOG_EVERY_SECONDS} s, so neither looks stuck and no escape code lands
 * in a file.
 */
final class ConsoleProgress implements Pipeline.Listener {
  static final int LOG_EVERY_SECONDS = 10;

  private final Path lake;
  private final boolean terminal = System.console() != null;
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "progress");
            t.setDaemon(true);
            return t;
          });
  private ScheduledFuture<?> tick;
  private long startedAt;

  /** {@code lake}: a local lake folder whose growth is shown, or null (an S3 lake). */
  ConsoleProgress(Path lake) {
    this.lake = lake;
  }

  @Override
  public synchronized void started(int year, String task) {
    System.err.printf("[%d] %-9s ...%n", year, task);
    startedAt = System.nanoTime();
    int every = terminal ? 1 : LOG_EVERY_SECONDS;
    tick = ticker.scheduleAtFixedRate(() -> running(year, task), every, every, TimeUnit.SECONDS);
  }

  private synchronized void running(int year, String task) {
    long seconds = (System.nanoTime() - startedAt) / 1_000_000_000L;
    String size = lake == null ? "" : String.format(", lake %s", bytes(lakeBytes()));
    String line = String.format("[%d] %-9s running %d s%s", year, task, seconds, size);
    if (terminal) {
      System.err.print("\r" + line + "   ");
    } else {
      System.err.println(line);
    }
    System.err.flush();
  }

  @Override
  public synchronized void finished(int year, StepResult r) {
    if (tick != null) {
      tick.cancel(false);
      if (terminal) {
        System.err.print("\r" + " ".repeat(72) + "\r");
      }
    }
    String outcome =
        switch (r.exitCode()) {
          case 0 -> "done";
          case 99 -> "skipped (no raw file)";
          default -> "FAILED (exit " + r.exitCode() + ")";
        };
    StringBuilder counts = new StringBuilder();
    if (r.manifest() != null && r.manifest().has("counts")) {
      for (Map.Entry<String, JsonNode> e : r.manifest().get("counts").properties()) {
        counts
            .append(counts.length() == 0 ? "" : ", ")
            .append(e.getKey())
            .append('=')
            .append(e.getValue().asText());
      }
    }
    System.err.printf(
        "[%d] %-9s %s in %.1f s%s%n",
        year, r.task(), outcome, r.seconds(), counts.length() == 0 ? "" : " (" + counts + ")");
    if (r.exitCode() != 0 && r.manifest() != null && r.manifest().has("error")) {
      System.err.printf("[%d] %-9s %s%n", year, r.task(), r.manifest().get("error").asText());
    }
  }

  private long lakeBytes() {
    if (!Files.isDirectory(lake)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(lake)) {
      return files.filter(Files::isRegularFile).mapToLong(ConsoleProgress::size).sum();
    } catch (IOException | UncheckedIOException e) {
      return 0; // a file replaced while walking: the next tick counts again
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  private static String bytes(long n) {
    return n >= 1 << 30
        ? String.format("%.1f GB", n / (double) (1 << 30))
        : String.format("%.1f MB", n / (double) (1 << 20));
  }
}
