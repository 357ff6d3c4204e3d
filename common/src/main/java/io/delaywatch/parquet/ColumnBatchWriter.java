package io.delaywatch.parquet;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.xerial.snappy.Snappy;

/**
 * Writes a local Parquet file of a flat schema column by column, one row group per {@link
 * ColumnBatch}: Snappy pages (format v1), strings dictionary-encoded (plain past {@link
 * #MAX_DICTIONARY} distinct values), other types plain, exact page statistics. parquet-java's
 * record writer spends several calls, a definition-level encoder step and a dictionary hash lookup
 * per value; encoding a whole column of primitives in one loop is most of download's speed-up.
 * parquet-java's {@link ParquetFileWriter} lays out the file and writes the footer, so the file is
 * what any engine reads. Not thread-safe.
 */
public final class ColumnBatchWriter implements AutoCloseable {
  /** Rows per data page: pages of 32 K rows stay under 300 KB, as engines expect. */
  static final int PAGE_ROWS = 1 << 15;

  /** Distinct strings above which a column chunk is written plain instead. */
  static final int MAX_DICTIONARY = 1 << 16;

  private static final VarHandle LE_DOUBLE =
      MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LE_INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private final ParquetFileWriter file;
  private final MessageType schema;
  private final List<ColumnDescriptor> descriptors;
  private final Map<String, String> metadata;
  private final Buffer body = new Buffer();
  private final Buffer levels = new Buffer();
  private byte[] compressed = new byte[1 << 16];
  private long rows;
  private boolean ended;

  private ColumnBatchWriter(ParquetFileWriter file, MessageType schema, Map<String, String> meta) {
    this.file = file;
    this.schema = schema;
    this.descriptors = schema.getColumns();
    this.metadata = meta;
  }

  /**
   * Creates (or overwrites) {@code file}.
   *
   * @param metadata key-value pairs stored in the footer (e.g. run id)
   */
  public static ColumnBatchWriter create(
      Path file, MessageType schema, Map<String, String> metadata) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    ParquetFileWriter writer =
        new ParquetFileWriter(
            new LocalOutputFile(file),
            schema,
            ParquetFileWriter.Mode.OVERWRITE,
            128L << 20,
            0,
            64,
            Integer.MAX_VALUE,
            false);
    writer.start();
    return new ColumnBatchWriter(writer, schema, metadata);
  }

  /** Writes the batch's rows as one row group (nothing for an empty batch). */
  public void write(ColumnBatch batch) throws IOException {
    if (!batch.schema().equals(schema)) {
      throw new IllegalArgumentException("batch of another schema: " + batch.schema());
    }
    int n = batch.rows();
    if (n == 0) {
      return;
    }
    file.startBlock(n);
    for (int c = 0; c < descriptors.size(); c++) {
      ColumnDescriptor column = descriptors.get(c);
      file.startColumn(column, n, CompressionCodecName.SNAPPY);
      switch (column.getPrimitiveType().getPrimitiveTypeName()) {
        case INT32 -> writeInts(column, batch.ints(c), n);
        case DOUBLE -> writeDoubles(column, batch.doubles(c), n);
        case BOOLEAN -> writeBools(column, batch.bools(c), n);
        case BINARY -> writeStrings(column, batch.strings(c), n);
        default -> throw new IllegalStateException("checked by ColumnBatch");
      }
      file.endColumn();
    }
    file.endBlock();
    rows += n;
  }

  public long rows() {
    return rows;
  }

  private boolean optional(ColumnDescriptor column) {
    return column.getMaxDefinitionLevel() > 0;
  }

  private void writeInts(ColumnDescriptor column, int[] values, int n) throws IOException {
    if (optional(column)) {
      throw new IllegalArgumentException("optional INT32 not supported: " + column);
    }
    for (int from = 0; from < n; from += PAGE_ROWS) {
      int to = Math.min(n, from + PAGE_ROWS);
      body.clear();
      body.ensure((to - from) * 4);
      int min = Integer.MAX_VALUE;
      int max = Integer.MIN_VALUE;
      byte[] b = body.bytes;
      int p = body.size;
      for (int i = from; i < to; i++) {
        int v = values[i];
        LE_INT.set(b, p, v);
        p += 4;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      body.size = p;
      page(column, to - from, stats(column, le(min), le(max), 0), Encoding.PLAIN);
    }
  }

  private void writeDoubles(ColumnDescriptor column, double[] values, int n) throws IOException {
    boolean optional = optional(column);
    for (int from = 0; from < n; from += PAGE_ROWS) {
      int to = Math.min(n, from + PAGE_ROWS);
      body.clear();
      int nulls = 0;
      if (optional) {
        nulls = definitionLevels(values, from, to);
      } else {
        for (int i = from; i < to; i++) {
          if (Double.isNaN(values[i])) {
            throw new IllegalArgumentException("null in required column " + column);
          }
        }
      }
      body.ensure((to - from) * 8);
      byte[] b = body.bytes;
      int p = body.size;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = from; i < to; i++) {
        double v = values[i];
        if (v == v) {
          LE_DOUBLE.set(b, p, v);
          p += 8;
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
      body.size = p;
      Statistics<?> stats;
      if (nulls == to - from) {
        stats = stats(column, null, null, nulls);
      } else {
        // The format's rule for zeros: min -0.0, max +0.0, whichever sign the data had.
        stats = stats(column, le(min == 0 ? -0.0 : min), le(max == 0 ? 0.0 : max), nulls);
      }
      page(column, to - from, stats, Encoding.PLAIN);
    }
  }

  private void writeBools(ColumnDescriptor column, boolean[] values, int n) throws IOException {
    if (optional(column)) {
      throw new IllegalArgumentException("optional BOOLEAN not supported: " + column);
    }
    for (int from = 0; from < n; from += PAGE_ROWS) {
      int to = Math.min(n, from + PAGE_ROWS);
      body.clear();
      body.ensure((to - from + 7) / 8);
      boolean any = false;
      boolean all = true;
      byte[] b = body.bytes;
      int p = body.size;
      for (int i = from; i < to; i += 8) {
        int bits = 0;
        for (int k = 0; k < 8 && i + k < to; k++) {
          if (values[i + k]) {
            bits |= 1 << k;
            any = true;
          } else {
            all = false;
          }
        }
        b[p++] = (byte) bits;
      }
      body.size = p;
      byte[] min = {(byte) (all ? 1 : 0)};
      byte[] max = {(byte) (any ? 1 : 0)};
      page(column, to - from, stats(column, min, max, 0), Encoding.PLAIN);
    }
  }

  // writeStrings keeps to the dictionary and the per-page steps and leaves each loop over the rows
  // to a method of its own: one method holding them all was compiled by C2 up to six times a
  // download (on-stack at each loop, then again after each deoptimization), ~0.35 CPU s.
  private void writeStrings(ColumnDescriptor column, String[] values, int n) throws IOException {
    boolean optional = optional(column);
    StringDictionary dictionary = new StringDictionary();
    int[] ids = dictionaryIds(column, values, n, optional, dictionary);
    if (ids == null) {
      writePlainStrings(column, values, n);
      return;
    }
    byte[][] entries = dictionary.utf8();
    body.clear();
    for (byte[] entry : entries) {
      body.ensure(4 + entry.length);
      LE_INT.set(body.bytes, body.size, entry.length);
      System.arraycopy(entry, 0, body.bytes, body.size + 4, entry.length);
      body.size += 4 + entry.length;
    }
    int size = compress();
    file.writeDictionaryPage(
        new DictionaryPage(
            BytesInput.from(compressed, 0, size), body.size, entries.length, Encoding.PLAIN));
    // Statistics by byte order, as the format compares BINARY: rank each entry once.
    Integer[] order = new Integer[entries.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(entries[a], entries[b]));
    int[] rank = new int[entries.length];
    for (int r = 0; r < order.length; r++) {
      rank[order[r]] = r;
    }
    int width = Math.max(1, 32 - Integer.numberOfLeadingZeros(entries.length - 1));
    for (int from = 0; from < n; from += PAGE_ROWS) {
      int to = Math.min(n, from + PAGE_ROWS);
      body.clear();
      int nulls = 0;
      if (optional) {
        nulls = definitionLevels(ids, from, to);
      }
      long ranks = packIds(ids, from, to, to - from - nulls, width, rank);
      int minRank = (int) (ranks >> 32);
      int maxRank = (int) ranks;
      Statistics<?> stats =
          maxRank < 0
              ? stats(column, null, null, nulls)
              : stats(column, entries[order[minRank]], entries[order[maxRank]], nulls);
      page(column, to - from, stats, Encoding.RLE_DICTIONARY);
    }
  }

  /**
   * The dictionary id of each value, -1 for null; null when the chunk has more than {@link
   * #MAX_DICTIONARY} distinct values.
   */
  private static int[] dictionaryIds(
      ColumnDescriptor column,
      String[] values,
      int n,
      boolean optional,
      StringDictionary dictionary) {
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      String v = values[i];
      if (v == null) {
        if (!optional) {
          throw new IllegalArgumentException("null in required column " + column);
        }
        ids[i] = -1;
      } else {
        ids[i] = dictionary.id(v);
        if (dictionary.size() > MAX_DICTIONARY) {
          return null;
        }
      }
    }
    return ids;
  }

  /**
   * Appends the {@code present} non-null ids of rows {@code [from, to)} to the page body as one
   * bit-packed run of {@code width} bits each (the RLE/bit-packing hybrid, padded to a group of 8);
   * returns the least and the greatest rank among them (-1 for both when none), high and low word.
   */
  private long packIds(int[] ids, int from, int to, int present, int width, int[] rank) {
    body.ensure(1 + 5 + (present + 7) / 8 * width);
    body.bytes[body.size++] = (byte) width;
    body.varint(((present + 7) / 8) << 1 | 1);
    int minRank = Integer.MAX_VALUE;
    int maxRank = -1;
    long acc = 0;
    int bits = 0;
    int written = 0;
    byte[] b = body.bytes;
    int p = body.size;
    for (int i = from; i < to; i++) {
      int id = ids[i];
      if (id < 0) {
        continue;
      }
      minRank = Math.min(minRank, rank[id]);
      maxRank = Math.max(maxRank, rank[id]);
      acc |= (long) id << bits;
      bits += width;
      while (bits >= 8) {
        b[p++] = (byte) acc;
        acc >>>= 8;
        bits -= 8;
      }
      written++;
    }
    // Pad the last group of 8 with zeros.
    for (; written % 8 != 0; written++) {
      bits += width;
      while (bits >= 8) {
        b[p++] = (byte) acc;
        acc >>>= 8;
        bits -= 8;
      }
    }
    body.size = p;
    return maxRank < 0 ? -1L : (long) minRank << 32 | maxRank;
  }

  private void writePlainStrings(ColumnDescriptor column, String[] values, int n)
      throws IOException {
    boolean optional = optional(column);
    for (int from = 0; from < n; from += PAGE_ROWS) {
      int to = Math.min(n, from + PAGE_ROWS);
      body.clear();
      int nulls = 0;
      if (optional) {
        int[] present = new int[to - from];
        for (int i = from; i < to; i++) {
          present[i - from] = values[i] == null ? -1 : 0;
        }
        nulls = definitionLevels(present, 0, to - from);
      }
      byte[] min = null;
      byte[] max = null;
      for (int i = from; i < to; i++) {
        if (values[i] == null) {
          continue;
        }
        byte[] utf8 = values[i].getBytes(StandardCharsets.UTF_8);
        body.ensure(4 + utf8.length);
        LE_INT.set(body.bytes, body.size, utf8.length);
        System.arraycopy(utf8, 0, body.bytes, body.size + 4, utf8.length);
        body.size += 4 + utf8.length;
        if (min == null || Arrays.compareUnsigned(utf8, min) < 0) {
          min = utf8;
        }
        if (max == null || Arrays.compareUnsigned(utf8, max) > 0) {
          max = utf8;
        }
      }
      page(column, to - from, stats(column, min, max, nulls), Encoding.PLAIN);
    }
  }

  /** Writes the definition levels of NaN-as-null doubles; returns the nulls. */
  private int definitionLevels(double[] values, int from, int to) {
    levels.clear();
    int n = to - from;
    int groups = (n + 7) / 8;
    levels.ensure(5 + groups);
    levels.varint(groups << 1 | 1);
    int nulls = 0;
    byte[] b = levels.bytes;
    int p = levels.size;
    for (int i = from; i < to; i += 8) {
      int bits = 0;
      for (int k = 0; k < 8 && i + k < to; k++) {
        double v = values[i + k];
        if (v == v) {
          bits |= 1 << k;
        } else {
          nulls++;
        }
      }
      b[p++] = (byte) bits;
    }
    levels.size = p;
    appendLevels();
    return nulls;
  }

  /** Writes the definition levels of ids where -1 is null; returns the nulls. */
  private int definitionLevels(int[] ids, int from, int to) {
    levels.clear();
    int n = to - from;
    int groups = (n + 7) / 8;
    levels.ensure(5 + groups);
    levels.varint(groups << 1 | 1);
    int nulls = 0;
    byte[] b = levels.bytes;
    int p = levels.size;
    for (int i = from; i < to; i += 8) {
      int bits = 0;
      for (int k = 0; k < 8 && i + k < to; k++) {
        if (ids[i + k] >= 0) {
          bits |= 1 << k;
        } else {
          nulls++;
        }
      }
      b[p++] = (byte) bits;
    }
    levels.size = p;
    appendLevels();
    return nulls;
  }

  /** Puts the levels, behind their 4-byte length (format v1), at the start of the page body. */
  private void appendLevels() {
    body.ensure(4 + levels.size);
    LE_INT.set(body.bytes, body.size, levels.size);
    System.arraycopy(levels.bytes, 0, body.bytes, body.size + 4, levels.size);
    body.size += 4 + levels.size;
  }

  // BIT_PACKED names the levels of a column that has none, as parquet-java's v1 pages do: RLE there
  // would read, to a reader of old files, as a boolean column's values being RLE.
  @SuppressWarnings("deprecation")
  private void page(ColumnDescriptor column, int values, Statistics<?> stats, Encoding encoding)
      throws IOException {
    int size = compress();
    file.writeDataPage(
        values,
        body.size,
        BytesInput.from(compressed, 0, size),
        stats,
        values,
        Encoding.BIT_PACKED,
        optional(column) ? Encoding.RLE : Encoding.BIT_PACKED,
        encoding);
  }

  private int compress() throws IOException {
    int bound = Snappy.maxCompressedLength(body.size);
    if (compressed.length < bound) {
      compressed = new byte[Math.max(bound, compressed.length * 2)];
    }
    return Snappy.compress(body.bytes, 0, body.size, compressed, 0);
  }

  private static Statistics<?> stats(ColumnDescriptor column, byte[] min, byte[] max, long nulls) {
    Statistics.Builder builder =
        Statistics.getBuilderForReading(column.getPrimitiveType()).withNumNulls(nulls);
    if (min != null) {
      builder.withMin(min).withMax(max);
    }
    return builder.build();
  }

  private static byte[] le(int v) {
    byte[] b = new byte[4];
    LE_INT.set(b, 0, v);
    return b;
  }

  private static byte[] le(double v) {
    byte[] b = new byte[8];
    LE_DOUBLE.set(b, 0, v);
    return b;
  }

  /** Writes the footer; the file is complete. */
  @Override
  public void close() throws IOException {
    if (!ended) {
      ended = true;
      file.end(metadata);
    }
  }

  /** A growable byte array. */
  private static final class Buffer {
    byte[] bytes = new byte[1 << 16];
    int size;

    void clear() {
      size = 0;
    }

    void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
      }
    }

    void varint(int value) {
      ensure(5);
      while ((value & ~0x7F) != 0) {
        bytes[size++] = (byte) ((value & 0x7F) | 0x80);
        value >>>= 7;
      }
      bytes[size++] = (byte) value;
    }
  }

  /** Strings to dense ids in first-seen order; open addressing on the strings' cached hashes. */
  private static final class StringDictionary {
    private String[] keys = new String[1024];
    private int[] ids = new int[1024];
    private String[] byId = new String[256];
    private int size;

    int id(String s) {
      int mask = keys.length - 1;
      int slot = mix(s.hashCode()) & mask;
      while (true) {
        String k = keys[slot];
        if (k == null) {
          break;
        }
        if (k == s || k.equals(s)) {
          return ids[slot];
        }
        slot = (slot + 1) & mask;
      }
      keys[slot] = s;
      ids[slot] = size;
      if (size == byId.length) {
        byId = Arrays.copyOf(byId, size * 2);
      }
      byId[size] = s;
      if (++size * 2 > keys.length) {
        grow();
      }
      return size - 1;
    }

    int size() {
      return size;
    }

    byte[][] utf8() {
      byte[][] out = new byte[size][];
      for (int i = 0; i < size; i++) {
        out[i] = byId[i].getBytes(StandardCharsets.UTF_8);
      }
      return out;
    }

    private static int mix(int h) {
      return h * 0x9E3779B9 >>> 7 ^ h;
    }

    private void grow() {
      String[] oldKeys = keys;
      int[] oldIds = ids;
      keys = new String[oldKeys.length * 2];
      ids = new int[oldKeys.length * 2];
      int mask = keys.length - 1;
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldKeys[i] != null) {
          int slot = mix(oldKeys[i].hashCode()) & mask;
          while (keys[slot] != null) {
            slot = (slot + 1) & mask;
          }
          keys[slot] = oldKeys[i];
          ids[slot] = oldIds[i];
        }
      }
    }
  }
}
