package io.delaywatch.download;

import io.delaywatch.flights.ByteCsvCursor;
import io.delaywatch.flights.FlightCodec;
import io.delaywatch.flights.FlightCsvReader;
import io.delaywatch.flights.Rejection;
import io.delaywatch.parquet.ColumnBatch;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Parses a raw CSV on two threads and hands the rows over in file order. A reading thread cuts the
 * stream into parts of {@link #PART_BYTES} bytes at the last line break in each; two threads parse
 * the parts, each with its own cursor and counts; the calling thread takes the parts in order,
 * shifts their rejections' line numbers by the lines before them, and passes their rows on.
 *
 * <p>A part parsed alone gives what the whole-file parse gives for those bytes as long as no record
 * crosses its ends, which only a quoted field holding a line break can do: the yearly files have
 * none, and such a record ends the read anyway. Whenever a part does anything but parse cleanly
 * (that, any error, a header that cannot be read, a read failure, a line longer than a part), the
 * rest of the file from that part's first byte is parsed on the calling thread by one cursor as the
 * single-threaded download always did: the same rows, rejections, line numbers and messages.
 * Memory: at most {@link #IN_FLIGHT} parts and their rows, whatever the file size.
 */
final class PartedStaging {
  static final int PART_BYTES = 8 << 20;
  private final int partBytes;
  private static final int IN_FLIGHT = 4;
  private static final int ROWS = 1 << 15;

  private final InputStream in;
  private final String source;
  private final int year;
  private final Consumer<Rejection> rejections;
  private final BlockingQueue<Part> parts = new ArrayBlockingQueue<>(IN_FLIGHT);
  // Blocks and row batches go back to these once merged: the garbage collector's work and the
  // heap's growth stay those of the few in flight, not of the file's size.
  private final BlockingQueue<byte[]> freeBlocks = new ArrayBlockingQueue<>(2 * IN_FLIGHT + 4);
  private final BlockingQueue<ColumnBatch> freeBatches = new ArrayBlockingQueue<>(64);
  private final ExecutorService parsers =
      Executors.newFixedThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "download-parse");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param partBytes the size parts are cut at ({@link #PART_BYTES}; tests cut small ones)
   */
  PartedStaging(
      InputStream in, String source, int year, Consumer<Rejection> rejections, int partBytes) {
    this.partBytes = partBytes;
    this.in = in;
    this.source = source;
    this.year = year;
    this.rejections = rejections;
  }

  /**
   * A run of bytes of the file in order. {@code rest} non-null: the last part, to be read on by one
   * cursor, followed by {@code rest}; otherwise parsed (or being parsed) into {@code parsed}.
   */
  private record Part(
      byte[] bytes,
      int length,
      boolean fileStart,
      FlightCsvReader header,
      InputStream rest,
      CompletableFuture<Parsed> parsed) {}

  private static final Part END = new Part(new byte[0], 0, false, null, null, null);

  /** A part parsed alone: rows, rejections (lines counted from the part's start), its reader. */
  private record Parsed(
      List<ColumnBatch> batches, List<Rejection> rejections, FlightCsvReader reader, long lines) {}

  /** Batches of rows, in file order, valid during the call. */
  interface Rows {
    void accept(ColumnBatch batch) throws IOException;
  }

  /**
   * Reads the whole file, handing its readable rows to {@code rows} in file order.
   *
   * @return the reader whose counts, dates and end state are those of the whole file
   * @throws io.delaywatch.task.InvalidInputException as {@link FlightCsvReader}
   */
  FlightCsvReader run(Rows rows) throws IOException {
    Thread splitter = new Thread(this::split, "download-read");
    splitter.setDaemon(true);
    splitter.start();
    try {
      return merge(rows);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while staging " + source);
    } finally {
      splitter.interrupt();
      parsers.shutdownNow();
    }
  }

  private FlightCsvReader merge(Rows rows) throws IOException, InterruptedException {
    FlightCsvReader whole = null;
    long lines = 0;
    ColumnBatch out = new ColumnBatch(FlightCodec.INSTANCE.schema(), FlightStager.BATCH);
    while (true) {
      Part part = parts.take();
      if (part == END) {
        break;
      }
      Parsed parsed = part.rest() == null ? result(part.parsed()) : null;
      if (parsed == null) {
        flush(out, rows);
        return sequential(part, whole, lines, rows);
      }
      if (whole == null) {
        whole = part.header();
      }
      for (Rejection r : parsed.rejections()) {
        rejections.accept(new Rejection(r.line() + lines, r.column(), r.reason(), r.raw()));
      }
      for (ColumnBatch batch : parsed.batches()) {
        int from = 0;
        while (from < batch.rows()) {
          int n = Math.min(batch.rows() - from, out.capacity() - out.rows());
          out.append(batch, from, n);
          from += n;
          if (out.rows() == out.capacity()) {
            flush(out, rows);
          }
        }
      }
      whole.absorb(parsed.reader());
      lines += parsed.lines();
      for (ColumnBatch batch : parsed.batches()) {
        freeBatches.offer(batch);
      }
      if (part.bytes().length == partBytes) {
        freeBlocks.offer(part.bytes());
      }
    }
    flush(out, rows);
    return whole;
  }

  private static void flush(ColumnBatch out, Rows rows) throws IOException {
    if (out.rows() > 0) {
      rows.accept(out);
      out.rows(0);
    }
  }

  /** The part's rows, or null when it did not parse cleanly alone. */
  private static Parsed result(CompletableFuture<Parsed> parsed) throws InterruptedException {
    try {
      return parsed.get();
    } catch (ExecutionException e) {
      return null;
    }
  }

  /**
   * Reads on from {@code from}'s first byte through the rest of the file with one cursor on this
   * thread, as the single-threaded download does, then counts it into {@code whole}.
   */
  private FlightCsvReader sequential(Part from, FlightCsvReader whole, long lines, Rows rows)
      throws IOException, InterruptedException {
    ByteCsvCursor cursor;
    FlightCsvReader reader;
    InputStream rest = new SequenceInputStream(new RestOfFile(from));
    if (from.fileStart()) {
      cursor = new ByteCsvCursor(rest);
      reader = new FlightCsvReader(cursor, source, year, rejections);
    } else {
      cursor = new ByteCsvCursor(rest, lines + 1);
      reader = whole.part(cursor, rejections);
    }
    ColumnBatch batch = new ColumnBatch(FlightCodec.INSTANCE.schema(), FlightStager.BATCH);
    boolean more = true;
    while (more) {
      batch.rows(0);
      more = reader.readInto(batch);
      flush(batch, rows);
    }
    if (from.fileStart()) {
      return reader;
    }
    whole.absorb(reader);
    return whole;
  }

  /** The bytes of {@code first} and of every part queued after it, then the rest of the stream. */
  private final class RestOfFile implements Enumeration<InputStream> {
    private Part next;
    private InputStream tail;

    RestOfFile(Part first) {
      this.next = first;
    }

    @Override
    public boolean hasMoreElements() {
      if (next == null && tail == null) {
        try {
          next = parts.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new UncheckedIOException(new InterruptedIOException("interrupted"));
        }
        if (next == END) {
          next = null;
          tail = InputStream.nullInputStream();
          return false;
        }
      }
      return next != null;
    }

    @Override
    public InputStream nextElement() {
      if (!hasMoreElements()) {
        throw new NoSuchElementException();
      }
      Part part = next;
      next = null;
      InputStream bytes = new ByteArrayInputStream(part.bytes(), 0, part.length());
      if (part.rest() != null) {
        tail = part.rest();
        return new SequenceInputStream(bytes, part.rest());
      }
      return bytes;
    }
  }

  /** The reading thread: cuts the stream into parts and starts their parsing, in order. */
  private void split() {
    try {
      byte[] carry = new byte[0];
      FlightCsvReader header = null;
      boolean fileStart = true;
      while (true) {
        byte[] block = carry.length * 2 > partBytes ? null : freeBlocks.poll();
        if (block == null) {
          block = new byte[Math.max(partBytes, carry.length * 2)];
        }
        System.arraycopy(carry, 0, block, 0, carry.length);
        int n = carry.length;
        boolean eof = false;
        try {
          while (n < block.length) {
            int r = in.read(block, n, block.length - n);
            if (r < 0) {
              eof = true;
              break;
            }
            n += r;
          }
        } catch (IOException | RuntimeException e) {
          // The bytes before the failure are parsed first, as a single read would.
          parts.put(new Part(block, n, fileStart, header, failing(e), null));
          return;
        }
        int cut = eof ? n : lastLineBreak(block, n);
        if (cut < 0) {
          parts.put(new Part(block, n, fileStart, header, in, null));
          return;
        }
        if (header == null) {
          header = header(block, cut);
          if (header == null) {
            parts.put(
                new Part(block, n, true, null, eof ? InputStream.nullInputStream() : in, null));
            return;
          }
        }
        final FlightCsvReader layout = header;
        final byte[] bytes = block;
        final boolean atStart = fileStart;
        final int length = cut;
        CompletableFuture<Parsed> parsed =
            CompletableFuture.supplyAsync(() -> parse(layout, bytes, length, atStart), parsers);
        parts.put(new Part(block, cut, fileStart, header, null, parsed));
        fileStart = false;
        if (eof) {
          parts.put(END);
          return;
        }
        carry = java.util.Arrays.copyOfRange(block, cut, n);
      }
    } catch (InterruptedException e) {
      // The merge has ended (an error or the end): nothing more to read.
    }
  }

  /** The header read from the first part alone, or null when that is not clean. */
  private FlightCsvReader header(byte[] block, int length) {
    try {
      ByteCsvCursor cursor = new ByteCsvCursor(block, length, true);
      FlightCsvReader reader = new FlightCsvReader(cursor, source, year, r -> {});
      return cursor.lastLine() == cursor.line() ? reader : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static int lastLineBreak(byte[] block, int n) {
    for (int i = n - 1; i >= 0; i--) {
      if (block[i] == '\n') {
        return i + 1;
      }
    }
    return -1;
  }

  /** Parses one part alone; throws when it is not clean (see the class comment). */
  private Parsed parse(FlightCsvReader header, byte[] bytes, int length, boolean start) {
    try {
      ByteCsvCursor cursor = new ByteCsvCursor(bytes, length, start);
      if (start && !cursor.next()) {
        throw new IllegalStateException("no header");
      }
      List<Rejection> rejected = new ArrayList<>();
      FlightCsvReader reader = header.part(cursor, rejected::add);
      List<ColumnBatch> batches = new ArrayList<>();
      boolean more = true;
      while (more) {
        ColumnBatch batch = freeBatches.poll();
        if (batch == null) {
          batch = new ColumnBatch(FlightCodec.INSTANCE.schema(), ROWS);
        }
        batch.rows(0);
        more = reader.readInto(batch);
        if (batch.rows() > 0) {
          batches.add(batch);
        } else {
          freeBatches.offer(batch);
        }
      }
      // Line numbers of the first part are the file's already (its cursor counted the header).
      return new Parsed(batches, rejected, reader, cursor.linesRead());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream failing(Exception e) {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        throw rethrown();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        throw rethrown();
      }

      private IOException rethrown() {
        if (e instanceof IOException io) {
          return io;
        }
        throw (RuntimeException) e;
      }
    };
  }
}
