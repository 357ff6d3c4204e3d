package io.delaywatch.download;

import io.delaywatch.flights.CsvCursor;
import io.delaywatch.flights.DateCoverage;
import io.delaywatch.flights.FlightCodec;
import io.delaywatch.flights.FlightCsvReader;
import io.delaywatch.flights.Rejection;
import io.delaywatch.parquet.ColumnBatch;
import io.delaywatch.parquet.ColumnBatchWriter;
import io.delaywatch.task.InvalidInputException;
import io.delaywatch.task.WorkerFailures;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a raw CSV into a local staged Parquet file and a rejected-rows CSV. Memory stays flat:
 * one row at a time, plus the Parquet writer's row-group buffer.
 */
public final class FlightStager {
  /** How many rejected rows the manifest and the log name; all of them go to rejected.csv. */
  static final int REPORTED_REJECTIONS = 10;

  private static final Logger LOG = LoggerFactory.getLogger(FlightStager.class);

  private final String source;
  private final int year;
  private final double maxRejectedShare;
  private final Map<String, String> fileMetadata;
  private final boolean acceptPartialYear;
  private long lastRejection;

  /**
   * @param source the raw file's URI, for messages
   * @param year the year every row must belong to
   * @param maxRejectedShare above this share of rejected rows the file is refused
   * @param fileMetadata stored in the Parquet footer (run id, input fingerprint)
   * @param acceptPartialYear stage a file cut mid-record or covering too few days (see {@link
   *     DateCoverage#partialReason()}) instead of refusing it
   */
  public FlightStager(
      String source,
      int year,
      double maxRejectedShare,
      Map<String, String> fileMetadata,
      boolean acceptPartialYear) {
    this.source = source;
    this.year = year;
    this.maxRejectedShare = maxRejectedShare;
    this.fileMetadata = fileMetadata;
    this.acceptPartialYear = acceptPartialYear;
  }

  /**
   * Reads every row of {@code cursor}; writes the readable ones to {@code staged} and the others to
   * {@code rejected}.
   *
   * @throws InvalidInputException for a wrong header, an empty file, a file that cannot be read on
   *     (see {@link FlightCsvReader#next()}), no valid row, too many rejected rows, or a partial
   *     year unless accepted
   */
  public StagingResult stage(CsvCursor cursor, Path staged, Path rejected) throws IOException {
    return stage(
        staged,
        rejected,
        (consumer, airports) -> {
          FlightCsvReader reader = new FlightCsvReader(cursor, source, year, consumer);
          return new Staged(reader, pipe(reader, staged, airports));
        });
  }

  /**
   * Like {@link #stage(CsvCursor, Path, Path)} with the byte scanner, on both cores: the file is
   * cut into parts at line breaks, parsed by two threads, and merged in file order (see {@link
   * PartedStaging}): the same rows, rejections with the same line numbers, the same errors.
   */
  public StagingResult stageInParts(InputStream in, Path staged, Path rejected) throws IOException {
    return stageInParts(in, staged, rejected, PartedStaging.PART_BYTES);
  }

  StagingResult stageInParts(InputStream in, Path staged, Path rejected, int partBytes)
      throws IOException {
    return stage(
        staged,
        rejected,
        (consumer, airports) -> {
          PartedStaging parted = new PartedStaging(in, source, year, consumer, partBytes);
          try (ColumnBatchWriter out =
              ColumnBatchWriter.create(
                  staged, FlightCodec.INSTANCE.schema(), withSource(fileMetadata, source))) {
            FlightCsvReader reader = parted.run(batch -> write(out, batch, airports));
            return new Staged(reader, out.rows());
          }
        });
  }

  /** The reader that has read the file, and the rows kept. */
  private record Staged(FlightCsvReader reader, long kept) {}

  private interface Reading {
    Staged read(java.util.function.Consumer<Rejection> rejections, Set<String> airports)
        throws IOException;
  }

  private StagingResult stage(Path staged, Path rejected, Reading reading) throws IOException {
    List<Map<String, Object>> first = new ArrayList<>();
    Set<String> airports = new HashSet<>();
    long kept;
    FlightCsvReader reader;
    try (BufferedWriter rejectedOut = Files.newBufferedWriter(rejected, StandardCharsets.UTF_8);
        CSVPrinter rejectedCsv =
            new CSVPrinter(
                rejectedOut,
                CSVFormat.RFC4180.builder().setHeader("line", "column", "reason", "row").get())) {
      Staged result = reading.read(r -> record(r, rejectedCsv, first), airports);
      reader = result.reader();
      kept = result.kept();
    }
    long read = reader.rowsRead();
    long rejectedRows = reader.rowsRejected();
    if (rejectedRows > 0) {
      LOG.warn("{}: {} of {} rows rejected (see rejected.csv)", source, rejectedRows, read);
    }
    if (kept == 0) {
      throw new InvalidInputException(
          source
              + ": no valid row ("
              + read
              + " rows read, "
              + rejectedRows
              + " rejected"
              + (first.isEmpty() ? "" : "; first: " + describe(first.get(0)))
              + ")");
    }
    if (rejectedRows > maxRejectedShare * read) {
      throw new InvalidInputException(
          String.format(
              "%s: %d of %d rows (%.1f%%) could not be read, above --max-rejected-share %.3f; first: %s",
              source,
              rejectedRows,
              read,
              100.0 * rejectedRows / read,
              maxRejectedShare,
              describe(first.get(0))));
    }
    DateCoverage coverage = reader.coverage();
    if (!acceptPartialYear) {
      if (reader.endsMidRecord()) {
        throw new InvalidInputException(
            source
                + " line "
                + lastRejection
                + ": the file ends mid-record (no line break after a row that cannot be read); a"
                + " truncated upload? Upload the whole file, or pass --accept-partial-year");
      }
      String partial = coverage.partialReason();
      if (partial != null) {
        throw new InvalidInputException(
            source
                + ": looks like a partial year: "
                + partial
                + "; upload the whole year, or pass --accept-partial-year");
      }
    }
    return new StagingResult(read, kept, rejectedRows, airports.size(), first, coverage);
  }

  /** Rows per batch handed from the parsing thread to the writing one, and per row group. */
  static final int BATCH = 1 << 17;

  /** Batches in flight: one being filled, one being written, one queued between them. */
  private static final int BATCHES = 3;

  private static final Object END = new Object();

  /**
   * Parses on a second thread while this one encodes and writes Parquet, column by column. Batches
   * go round: the parser takes an empty one from {@code free}, fills it in file order and queues it
   * in {@code full}; this thread writes it as a row group and gives it back. Memory stays at {@link
   * #BATCHES} batches whatever the file size. Rejections are recorded on the parsing thread; the
   * queue's hand-over makes them visible here once END arrives.
   */
  private long pipe(FlightCsvReader reader, Path staged, Set<String> airports) throws IOException {
    BlockingQueue<Object> full = new ArrayBlockingQueue<>(BATCHES + 1);
    BlockingQueue<ColumnBatch> free = new ArrayBlockingQueue<>(BATCHES);
    for (int i = 0; i < BATCHES; i++) {
      free.add(new ColumnBatch(FlightCodec.INSTANCE.schema(), BATCH));
    }
    Thread parser =
        new Thread(
            () -> {
              Object last = END;
              try {
                boolean more = true;
                while (more) {
                  ColumnBatch batch = free.take();
                  batch.rows(0);
                  more = reader.readInto(batch);
                  full.put(batch);
                }
              } catch (InterruptedException e) {
                return;
              } catch (IOException | RuntimeException | Error e) {
                last = e;
              }
              try {
                full.put(last);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "download-parse");
    parser.setDaemon(true);
    parser.start();
    long kept = 0;
    try (ColumnBatchWriter out =
        ColumnBatchWriter.create(
            staged, FlightCodec.INSTANCE.schema(), withSource(fileMetadata, source))) {
      while (true) {
        Object item = full.take();
        if (item == END) {
          break;
        }
        if (item instanceof Throwable failure) {
          throw WorkerFailures.rethrow(failure);
        }
        ColumnBatch batch = (ColumnBatch) item;
        write(out, batch, airports);
        kept += batch.rows();
        free.put(batch);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while staging " + source);
    } finally {
      parser.interrupt();
    }
    return kept;
  }

  private static void write(ColumnBatchWriter out, ColumnBatch batch, Set<String> airports)
      throws IOException {
    out.write(batch);
    String[] origins = batch.strings(2);
    // Codes are shared instances (one per cursor's table): a direct-mapped cache of the instances
    // already added spares most rows a hash-set lookup, which was a twentieth of download.
    String[] added = new String[ADDED_SLOTS];
    for (int i = 0; i < batch.rows(); i++) {
      String origin = origins[i];
      int slot = System.identityHashCode(origin) & (ADDED_SLOTS - 1);
      if (added[slot] != origin) {
        added[slot] = origin;
        airports.add(origin);
      }
    }
  }

  /** Slots of that cache: several times the airports of a year, times two parse threads. */
  private static final int ADDED_SLOTS = 1 << 12;

  private static Map<String, String> withSource(Map<String, String> metadata, String source) {
    Map<String, String> all = new java.util.TreeMap<>(metadata);
    all.put("delaywatch.source", source);
    return all;
  }

  private void record(Rejection r, CSVPrinter out, List<Map<String, Object>> first) {
    lastRejection = r.line();
    try {
      out.printRecord(r.line(), r.column(), r.reason(), r.raw());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (first.size() < REPORTED_REJECTIONS) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("line", r.line());
      entry.put("column", r.column());
      entry.put("reason", r.reason());
      first.add(entry);
      LOG.warn(
          "{} line {}{}: {}",
          source,
          r.line(),
          r.column().isEmpty() ? "" : " column " + r.column(),
          r.reason());
    }
  }

  private static String describe(Map<String, Object> rejection) {
    String column = (String) rejection.get("column");
    return "line "
        + rejection.get("line")
        + (column.isEmpty() ? "" : " column " + column)
        + ": "
        + rejection.get("reason");
  }
}
