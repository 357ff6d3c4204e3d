package io.delaywatch.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Decodes one flat column chunk page by page straight into a {@link ColumnBatch}'s arrays: plain
 * and dictionary values, RLE/bit-packed definition levels, pages v1 and v2 — what parquet-java and
 * {@link ColumnBatchWriter} write for the staged flights. parquet-java's column reader costs
 * several virtual calls and a level decode step per value; this is one loop per page. Chunks with
 * any other encoding go to parquet-java's reader (see {@link #supports}).
 */
final class ColumnChunkDecoder {
  private static final VarHandle LE_DOUBLE =
      MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LE_INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LE_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  // Deprecated constants are what older files name in their metadata; reading them is the point.
  @SuppressWarnings("deprecation")
  private static final Set<Encoding> SUPPORTED =
      EnumSet.of(
          Encoding.PLAIN,
          Encoding.PLAIN_DICTIONARY,
          Encoding.RLE_DICTIONARY,
          Encoding.RLE,
          Encoding.BIT_PACKED);

  private final ColumnDescriptor column;
  private final PrimitiveTypeName type;
  private final int maxDefinition;
  private final PageReader pages;

  private final Map<String, String> canonical;
  private String[] dictStrings;
  private int[] dictInts;
  private double[] dictDoubles;

  private byte[] data = new byte[0];
  private int pos;
  private int end;
  private int left;
  private boolean dictionaryEncoded;
  private int booleanBit;
  private final Rle levels = new Rle();
  private final Rle ids = new Rle();

  /**
   * Whether every page of the chunk is one this decoder reads: plain or dictionary values (booleans
   * plain), RLE levels, no repetition.
   */
  @SuppressWarnings("deprecation") // BIT_PACKED: see SUPPORTED
  static boolean supports(ColumnChunkMetaData chunk, ColumnDescriptor column) {
    if (column.getMaxRepetitionLevel() > 0 || column.getMaxDefinitionLevel() > 1) {
      return false;
    }
    Set<Encoding> encodings = chunk.getEncodings();
    if (!SUPPORTED.containsAll(encodings)) {
      return false;
    }
    // BIT_PACKED is what v1 writers name the repetition levels that are not written; RLE in a
    // boolean column may be its values (v2 writers), which only the plain case is read for here.
    return column.getPrimitiveType().getPrimitiveTypeName() != PrimitiveTypeName.BOOLEAN
        || !encodings.contains(Encoding.RLE);
  }

  /**
   * @param canonical strings already met in the file, by value: a dictionary's strings are the same
   *     instances in every row group, so that consumers can compare them by reference
   */
  ColumnChunkDecoder(ColumnDescriptor column, PageReader pages, Map<String, String> canonical) {
    this.canonical = canonical;
    this.column = column;
    this.type = column.getPrimitiveType().getPrimitiveTypeName();
    this.maxDefinition = column.getMaxDefinitionLevel();
    this.pages = pages;
    DictionaryPage dictionary = pages.readDictionaryPage();
    if (dictionary != null) {
      readDictionary(dictionary);
    }
  }

  private void readDictionary(DictionaryPage page) {
    byte[] bytes = bytes(page.getBytes());
    int n = page.getDictionarySize();
    int p = 0;
    switch (type) {
      case BINARY -> {
        dictStrings = new String[n];
        for (int i = 0; i < n; i++) {
          int length = (int) LE_INT.get(bytes, p);
          String value = new String(bytes, p + 4, length, StandardCharsets.UTF_8);
          dictStrings[i] = canonical.computeIfAbsent(value, v -> v);
          p += 4 + length;
        }
      }
      case INT32 -> {
        dictInts = new int[n];
        for (int i = 0; i < n; i++, p += 4) {
          dictInts[i] = (int) LE_INT.get(bytes, p);
        }
      }
      case DOUBLE -> {
        dictDoubles = new double[n];
        for (int i = 0; i < n; i++, p += 8) {
          dictDoubles[i] = (double) LE_DOUBLE.get(bytes, p);
        }
      }
      default -> throw new IllegalStateException("a dictionary for " + column);
    }
  }

  /** Fills rows [0, n) of the batch's column {@code c} with the chunk's next n values. */
  void fill(ColumnBatch batch, int c, int n) {
    int i = 0;
    while (i < n) {
      if (left == 0) {
        nextPage();
      }
      int k = Math.min(left, n - i);
      switch (type) {
        case INT32 -> ints(batch.ints(c), i, k);
        case DOUBLE -> doubles(batch.doubles(c), i, k);
        case BOOLEAN -> bools(batch.bools(c), i, k);
        case BINARY -> strings(batch.strings(c), i, k);
        default -> throw new IllegalStateException("checked by ColumnBatch");
      }
      left -= k;
      i += k;
    }
  }

  private boolean present() {
    return maxDefinition == 0 || levels.next() == maxDefinition;
  }

  private void ints(int[] out, int from, int k) {
    for (int i = from; i < from + k; i++) {
      if (!present()) {
        throw new IllegalArgumentException("null in INT32 column " + column);
      }
      if (dictionaryEncoded) {
        out[i] = dictInts[ids.next()];
      } else {
        out[i] = (int) LE_INT.get(data, pos);
        pos += 4;
      }
    }
  }

  private void doubles(double[] out, int from, int k) {
    for (int i = from; i < from + k; i++) {
      if (!present()) {
        out[i] = Double.NaN;
      } else if (dictionaryEncoded) {
        out[i] = dictDoubles[ids.next()];
      } else {
        out[i] = (double) LE_DOUBLE.get(data, pos);
        pos += 8;
      }
    }
  }

  private void bools(boolean[] out, int from, int k) {
    for (int i = from; i < from + k; i++) {
      if (!present()) {
        throw new IllegalArgumentException("null in BOOLEAN column " + column);
      }
      out[i] = (data[pos + (booleanBit >>> 3)] >>> (booleanBit & 7) & 1) != 0;
      booleanBit++;
    }
  }

  private void strings(String[] out, int from, int k) {
    for (int i = from; i < from + k; i++) {
      if (!present()) {
        out[i] = null;
      } else if (dictionaryEncoded) {
        out[i] = dictStrings[ids.next()];
      } else {
        int length = (int) LE_INT.get(data, pos);
        out[i] = new String(data, pos + 4, length, StandardCharsets.UTF_8);
        pos += 4 + length;
      }
    }
  }

  private void nextPage() {
    DataPage page = pages.readPage();
    if (page == null) {
      throw new IllegalStateException("column " + column + " has fewer values than rows");
    }
    left = page.getValueCount();
    Encoding encoding;
    if (page instanceof DataPageV1 v1) {
      encoding = v1.getValueEncoding();
      if (maxDefinition > 0 && v1.getDlEncoding() != Encoding.RLE) {
        // Only pre-2013 writers bit-packed definition levels.
        throw new IllegalStateException(
            "definition levels encoded " + v1.getDlEncoding() + " in column " + column);
      }
      load(v1.getBytes());
      if (maxDefinition > 0) {
        int length = (int) LE_INT.get(data, pos);
        levels.reset(data, pos + 4, pos + 4 + length, 1);
        pos += 4 + length;
      }
    } else if (page instanceof DataPageV2 v2) {
      encoding = v2.getDataEncoding();
      byte[] levelBytes = bytes(v2.getDefinitionLevels());
      if (maxDefinition > 0) {
        byte[] padded = java.util.Arrays.copyOf(levelBytes, levelBytes.length + 8);
        levels.reset(padded, 0, levelBytes.length, 1);
      }
      load(v2.getData());
    } else {
      throw new IllegalStateException("unknown page " + page);
    }
    booleanBit = 0;
    dictionaryEncoded = encoding.usesDictionary();
    if (dictionaryEncoded) {
      if (dictStrings == null && dictInts == null && dictDoubles == null) {
        throw new IllegalStateException("a dictionary page missing in column " + column);
      }
      int width = data[pos] & 0xff;
      ids.reset(data, pos + 1, end, width);
    } else if (encoding != Encoding.PLAIN) {
      throw new IllegalStateException("unexpected encoding " + encoding + " in column " + column);
    }
  }

  /** Copies the page into the reused buffer, with 8 spare bytes for the unpacking reads. */
  private void load(BytesInput bytes) {
    try {
      int size = (int) bytes.size();
      if (data.length < size + 8) {
        data = new byte[size + 8 + (size >> 2)];
      }
      bytes.toInputStream().readNBytes(data, 0, size);
      pos = 0;
      end = size;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(BytesInput bytes) {
    try {
      return bytes.toInputStream().readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The RLE / bit-packing hybrid, as the format defines it. */
  private static final class Rle {
    private byte[] bytes;
    private int pos;
    private int end;
    private int width;
    private int mask;
    private int runLeft;
    private boolean packed;
    private int runValue;
    private long bitPos;

    void reset(byte[] bytes, int from, int end, int width) {
      if (width > 32) {
        throw new IllegalStateException("bit width " + width);
      }
      this.bytes = bytes;
      this.pos = from;
      this.end = end;
      this.width = width;
      this.mask = width == 32 ? -1 : (1 << width) - 1;
      this.runLeft = 0;
    }

    int next() {
      if (runLeft == 0) {
        readHeader();
      }
      runLeft--;
      if (!packed) {
        return runValue;
      }
      int index = (int) (bitPos >>> 3);
      long word = (long) LE_LONG.get(bytes, index);
      int value = (int) (word >>> (bitPos & 7)) & mask;
      bitPos += width;
      return value;
    }

    private void readHeader() {
      if (pos >= end) {
        throw new IllegalStateException("RLE data ends early");
      }
      int header = 0;
      int shift = 0;
      while (true) {
        int b = bytes[pos++] & 0xff;
        header |= (b & 0x7f) << shift;
        if (b < 0x80) {
          break;
        }
        shift += 7;
      }
      if ((header & 1) == 0) {
        packed = false;
        runLeft = header >>> 1;
        int value = 0;
        for (int i = 0; i < (width + 7) / 8; i++) {
          value |= (bytes[pos++] & 0xff) << (8 * i);
        }
        runValue = value;
      } else {
        packed = true;
        int groups = header >>> 1;
        runLeft = groups * 8;
        bitPos = (long) pos * 8;
        pos += groups * width;
        if (pos > end + 8) {
          throw new IllegalStateException("RLE data ends early");
        }
      }
      if (runLeft <= 0) {
        throw new IllegalStateException("an empty RLE run");
      }
    }
  }
}
