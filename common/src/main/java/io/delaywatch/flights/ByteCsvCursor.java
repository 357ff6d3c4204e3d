package io.delaywatch.flights;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * A {@link CsvCursor} that scans bytes in a reused buffer: no object per field, numbers and dates
 * parsed in place, airport and carrier codes shared. Memory stays flat whatever the file size (one
 * buffer, grown only for a record longer than it). UTF-8 input.
 *
 * <p>Fields are ranges of the buffer; a quoted field is decoded to a String (rare in the data).
 * Every typed accessor falls back to the {@link CsvCursor} definition when its short cut does not
 * apply, so both cursors type a field identically.
 */
public final class ByteCsvCursor extends CsvCursor {
  private static final int NEED_MORE = -1;
  // An unfinished record is given up once its bytes could no longer decode to a record within the
  // limit (a doubled quote is 2 bytes for 1); this bounds the buffer at a few MB.
  private static final int MAX_UNFINISHED_BYTES = 4 * MAX_RECORD_BYTES + 8;
  private static final double[] POW10 = new double[16];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  private final InputStream in;
  private byte[] buf;
  private int pos;
  private int limit;
  private boolean eof;

  private int count;
  private int[] starts = new int[64];
  private int[] ends = new int[64];
  private String[] quoted = new String[64];
  private int recordStart;
  private long nextLine = 1;
  private long line;
  private long lastLine;
  private int lastByte = '\n';

  // Codes by their packed bytes, open addressing: packed uppercase codes collide so much in a
  // HashMap<Integer, ...> that its bins turn into trees (a tenth of download's time in a profile).
  private int[] codeKeys = new int[1024];
  private String[] codeValues = new String[1024];
  private int codeCount;
  private final byte[] lastDate = new byte[10];
  private int lastEpochDay = Integer.MIN_VALUE;

  public ByteCsvCursor(InputStream in) throws IOException {
    this(in, 1 << 20);
  }

  ByteCsvCursor(InputStream in, int bufferSize) throws IOException {
    this.in = skipBom(in);
    this.buf = new byte[bufferSize];
  }

  /**
   * A cursor over a part of a file that starts at a record boundary on line {@code firstLine}: no
   * byte order mark is looked for (one would be data there), line numbers are the file's.
   */
  public ByteCsvCursor(InputStream part, long firstLine) {
    this.in = part;
    this.buf = new byte[1 << 20];
    this.nextLine = firstLine;
  }

  /**
   * A cursor over {@code length} bytes of {@code bytes}, the whole input (the array is read in
   * place, not copied): a part of a file cut at a line break, or its start (then with the byte
   * order mark check of the stream constructor).
   */
  public ByteCsvCursor(byte[] bytes, int length, boolean fileStart) {
    int skip =
        fileStart
                && length >= 3
                && (bytes[0] & 0xff) == 0xEF
                && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF
            ? 3
            : 0;
    this.in = InputStream.nullInputStream();
    this.buf = bytes;
    this.pos = skip;
    this.limit = length;
    this.eof = true;
    if (length > 0) {
      this.lastByte = bytes[length - 1];
    }
  }

  /** Lines read so far: the line the next record would start on, less one. */
  public long linesRead() {
    return nextLine - 1;
  }

  @Override
  public boolean next() throws IOException {
    while (true) {
      if (pos >= limit && !fill()) {
        return false;
      }
      int end = parseRecord(pos);
      if (end == NEED_MORE) {
        if (!fill()) {
          end = parseRecord(pos);
          if (end == NEED_MORE) {
            throw new IllegalStateException("parser needs data at end of input");
          }
        } else {
          continue;
        }
      }
      pos = end;
      boolean emptyLine = count == 1 && starts[0] == ends[0] && quoted[0] == null;
      if (!emptyLine) {
        return true;
      }
    }
  }

  /**
   * Parses the record starting at {@code from}; returns the index after its terminator, or
   * NEED_MORE when the buffer ends first and more input may come.
   */
  private int parseRecord(int from) throws CsvFormatException {
    int end = plainRecord(from);
    if (end >= 0) {
      return end;
    }
    count = 0;
    recordStart = from;
    long lines = 1;
    int p = from;
    while (true) {
      if (count == starts.length) {
        growFields();
      }
      quoted[count] = null;
      if (p < limit && buf[p] == '"') {
        long quoteLine = nextLine + lines - 1;
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        p++;
        while (true) {
          if (p >= limit) {
            if (!eof) {
              return needMore(from);
            }
            throw new CsvFormatException(
                quoteLine,
                "a quoted field opened on this line is never closed (unterminated quote); the"
                    + " rest of the file cannot be read");
          }
          byte c = buf[p];
          if (c == '"') {
            if (p + 1 >= limit && !eof) {
              return needMore(from);
            }
            if (p + 1 < limit && buf[p + 1] == '"') {
              text.write('"');
              p += 2;
              continue;
            }
            p++;
            break;
          }
          if (c == '\n') {
            lines++;
          } else if (c == '\r' && (p + 1 >= limit || buf[p + 1] != '\n')) {
            if (p + 1 >= limit && !eof) {
              return needMore(from);
            }
            lines++;
          }
          text.write(c);
          p++;
        }
        quoted[count] = text.toString(StandardCharsets.UTF_8);
        // Commons CSV skips whitespace between a closing quote and the delimiter.
        while (true) {
          int skip = whitespaceAt(p);
          if (skip == NEED_MORE) {
            return needMore(from);
          }
          if (skip == 0) {
            break;
          }
          p += skip;
        }
        starts[count] = p;
        ends[count] = p;
        count++;
        if (p >= limit) {
          return endRecord(p, limit, lines);
        }
        byte c = buf[p];
        if (c == ',') {
          p++;
          continue;
        }
        if (c == '\n' || c == '\r') {
          return terminate(p, lines);
        }
        throw new CsvFormatException(
            nextLine + lines - 1,
            "unexpected text after a closing quote; expected a comma or the end of the line");
      }
      int start = p;
      while (p < limit) {
        byte c = buf[p];
        if (c == ',' || c == '\n' || c == '\r') {
          break;
        }
        p++;
      }
      if (p >= limit) {
        if (!eof) {
          return needMore(from);
        }
        starts[count] = start;
        ends[count] = p;
        count++;
        return endRecord(p, limit, lines);
      }
      starts[count] = start;
      ends[count] = p;
      count++;
      if (buf[p] == ',') {
        p++;
        continue;
      }
      return terminate(p, lines);
    }
  }

  private static final VarHandle LE_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long COMMAS = 0x2C2C2C2C2C2C2C2CL;
  private static final long LFS = 0x0A0A0A0A0A0A0A0AL;
  private static final long CRS = 0x0D0D0D0D0D0D0D0DL;
  private static final long QUOTES = 0x2222222222222222L;
  private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;

  /** The high bit of each byte of {@code word} that equals the byte repeated in {@code pattern}. */
  private static long matches(long word, long pattern) {
    long x = word ^ pattern;
    return ~(((x & LOW7) + LOW7) | x | LOW7);
  }

  /**
   * The short cut for the common record: no quote, no CR, its LF within the buffer. Reads the
   * buffer 8 bytes at a time and finds the commas and the LF by bit masks; gives up (-1, nothing
   * changed but the field table) on a quote or CR before the LF or when the record nears the end of
   * the buffer, and {@link #parseRecord} then takes the general path, which is the definition.
   */
  private int plainRecord(int from) throws CsvFormatException {
    int fields = 0;
    int start = from;
    int p = from;
    while (p + 8 <= limit) {
      long word = (long) LE_LONG.get(buf, p);
      long lf = matches(word, LFS);
      long special = matches(word, CRS) | matches(word, QUOTES);
      if (lf != 0) {
        // Only the bytes before the LF belong to the record.
        long before = (lf & -lf) - 1;
        if ((special & before) != 0) {
          return -1;
        }
        long commas = matches(word, COMMAS) & before;
        while (commas != 0) {
          int at = p + (Long.numberOfTrailingZeros(commas) >>> 3);
          fields = field(fields, start, at);
          start = at + 1;
          commas &= commas - 1;
        }
        int at = p + (Long.numberOfTrailingZeros(lf) >>> 3);
        fields = field(fields, start, at);
        count = fields;
        recordStart = from;
        return endRecord(at, at + 1, 1);
      }
      if (special != 0) {
        return -1;
      }
      long commas = matches(word, COMMAS);
      while (commas != 0) {
        int at = p + (Long.numberOfTrailingZeros(commas) >>> 3);
        fields = field(fields, start, at);
        start = at + 1;
        commas &= commas - 1;
      }
      p += 8;
    }
    return -1;
  }

  private int field(int index, int start, int end) {
    if (index == starts.length) {
      growFields();
    }
    starts[index] = start;
    ends[index] = end;
    quoted[index] = null;
    return index + 1;
  }

  private int needMore(int from) throws CsvFormatException {
    if (limit - from > MAX_UNFINISHED_BYTES) {
      throw tooLong(nextLine);
    }
    return NEED_MORE;
  }

  /**
   * The length of the whitespace character (as {@link Character#isWhitespace}, line breaks aside)
   * at {@code p}: 0 when there is none or the input ends, NEED_MORE when it may be cut off.
   */
  private int whitespaceAt(int p) {
    if (p >= limit) {
      return eof ? 0 : NEED_MORE;
    }
    int b = buf[p] & 0xff;
    if (b < 0x80) {
      return b != '\n' && b != '\r' && Character.isWhitespace(b) ? 1 : 0;
    }
    int length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    if (p + length > limit) {
      return eof ? 0 : NEED_MORE;
    }
    String decoded = new String(buf, p, length, StandardCharsets.UTF_8);
    return decoded.length() == 1 && Character.isWhitespace(decoded.charAt(0)) ? length : 0;
  }

  /** Ends the record at the line terminator at {@code p}. */
  private int terminate(int p, long lines) throws CsvFormatException {
    if (buf[p] == '\r') {
      if (p + 1 >= limit && !eof) {
        return needMore(recordStart);
      }
      int next = p + 1 < limit && buf[p + 1] == '\n' ? p + 2 : p + 1;
      return endRecord(p, next, lines);
    }
    return endRecord(p, p + 1, lines);
  }

  private int endRecord(int contentEnd, int next, long lines) throws CsvFormatException {
    if (contentEnd - recordStart > MAX_RECORD_BYTES && contentLength() > MAX_RECORD_BYTES) {
      throw tooLong(nextLine);
    }
    line = nextLine;
    lastLine = nextLine + lines - 1;
    nextLine += lines;
    return next;
  }

  private long contentLength() {
    long length = count - 1;
    for (int i = 0; i < count; i++) {
      length +=
          quoted[i] != null
              ? quoted[i].getBytes(StandardCharsets.UTF_8).length
              : ends[i] - starts[i];
    }
    return length;
  }

  private void growFields() {
    int size = starts.length * 2;
    starts = Arrays.copyOf(starts, size);
    ends = Arrays.copyOf(ends, size);
    quoted = Arrays.copyOf(quoted, size);
  }

  /** Keeps the unread bytes, reads more; false when nothing is left to parse. */
  private boolean fill() throws IOException {
    if (eof) {
      return pos < limit;
    }
    int remaining = limit - pos;
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, remaining);
      pos = 0;
      limit = remaining;
    } else if (limit == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
      return limit > 0;
    }
    if (n > 0) {
      lastByte = buf[limit + n - 1];
    }
    limit += n;
    return true;
  }

  @Override
  public int fieldCount() {
    return count;
  }

  @Override
  public String text(int field) {
    if (quoted[field] != null) {
      return quoted[field];
    }
    return new String(buf, starts[field], ends[field] - starts[field], StandardCharsets.UTF_8);
  }

  @Override
  public long line() {
    return line;
  }

  @Override
  public long lastLine() {
    return lastLine;
  }

  @Override
  public boolean endsWithLineBreak() {
    return lastByte == '\n' || lastByte == '\r';
  }

  @Override
  public boolean isEmpty(int field) {
    if (quoted[field] == null) {
      int s = starts[field];
      if (s == ends[field]) {
        return true;
      }
      if (buf[s] != ' ' && buf[s] != '\t') {
        return false;
      }
    }
    return super.isEmpty(field);
  }

  @Override
  public double number(int field) {
    if (quoted[field] == null) {
      int p = starts[field];
      int end = ends[field];
      boolean negative = false;
      if (p < end && (buf[p] == '-' || buf[p] == '+')) {
        negative = buf[p] == '-';
        p++;
      }
      long mantissa = 0;
      int digits = 0;
      int fraction = -1;
      for (; p < end; p++) {
        byte c = buf[p];
        if (c >= '0' && c <= '9') {
          mantissa = mantissa * 10 + (c - '0');
          digits++;
          if (fraction >= 0) {
            fraction++;
          }
        } else if (c == '.' && fraction < 0) {
          fraction = 0;
        } else {
          break;
        }
      }
      // Exact: a mantissa below 2^53 divided by an exact power of ten rounds once, like
      // parseDouble.
      if (p == end && digits > 0 && digits <= 15) {
        double value = fraction > 0 ? mantissa / POW10[fraction] : mantissa;
        return negative ? -value : value;
      }
    }
    return super.number(field);
  }

  // The yearly files write their flags as 0.0 and 1.0: read those bytes as they are, without
  // parsing a number (a division) twice a row.
  @Override
  public int flag(int field) {
    if (quoted[field] == null) {
      int s = starts[field];
      int length = ends[field] - s;
      if ((length == 1 || length == 3 && buf[s + 1] == '.' && buf[s + 2] == '0')
          && (buf[s] == '0' || buf[s] == '1')) {
        return buf[s] - '0';
      }
    }
    return super.flag(field);
  }

  @Override
  public int epochDay(int field) {
    if (quoted[field] == null && ends[field] - starts[field] == 10) {
      int s = starts[field];
      if (Arrays.equals(buf, s, s + 10, lastDate, 0, 10)) {
        return lastEpochDay;
      }
      if (buf[s + 4] == '-' && buf[s + 7] == '-') {
        int year = digits(s, 4);
        int month = digits(s + 5, 2);
        int day = digits(s + 8, 2);
        if (year >= 0 && month >= 0 && day >= 0) {
          try {
            int epochDay = (int) LocalDate.of(year, month, day).toEpochDay();
            System.arraycopy(buf, s, lastDate, 0, 10);
            lastEpochDay = epochDay;
            return epochDay;
          } catch (java.time.DateTimeException e) {
            // fall through to the reference definition, which reports the error
          }
        }
      }
    }
    return super.epochDay(field);
  }

  private int digits(int from, int length) {
    int value = 0;
    for (int i = from; i < from + length; i++) {
      byte c = buf[i];
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  @Override
  public String code(int field) {
    int s = starts[field];
    int length = ends[field] - s;
    if (quoted[field] == null && length > 0 && length <= 3) {
      int key = length;
      for (int i = s; i < s + length; i++) {
        byte c = buf[i];
        if (c <= ' ' || c < 0) {
          return super.code(field);
        }
        key = (key << 8) | c;
      }
      return cachedCode(key, field);
    }
    return super.code(field);
  }

  private String cachedCode(int key, int field) {
    int mask = codeKeys.length - 1;
    for (int slot = home(key, codeKeys.length); ; slot = (slot + 1) & mask) {
      if (codeValues[slot] == null) {
        String value = text(field);
        codeKeys[slot] = key;
        codeValues[slot] = value;
        if (++codeCount * 2 > codeKeys.length) {
          growCodes();
        }
        return value;
      }
      if (codeKeys[slot] == key) {
        return codeValues[slot];
      }
    }
  }

  /** Fibonacci hashing: the top bits of the product, as many as the table size needs. */
  private static int home(int key, int tableSize) {
    return (key * 0x9E3779B9) >>> (32 - Integer.numberOfTrailingZeros(tableSize));
  }

  private void growCodes() {
    int[] keys = codeKeys;
    String[] values = codeValues;
    codeKeys = new int[keys.length * 2];
    codeValues = new String[keys.length * 2];
    int mask = codeKeys.length - 1;
    for (int i = 0; i < keys.length; i++) {
      if (values[i] != null) {
        int slot = home(keys[i], codeKeys.length);
        while (codeValues[slot] != null) {
          slot = (slot + 1) & mask;
        }
        codeKeys[slot] = keys[i];
        codeValues[slot] = values[i];
      }
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
