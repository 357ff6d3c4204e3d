package io.delaywatch.flights;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Walks the records of a CSV stream (RFC 4180: quotes, doubled quotes, CRLF or LF, a leading UTF-8
 * BOM, empty lines skipped) and types its fields. Two implementations: {@link ByteCsvCursor} scans
 * bytes and is what the pipeline uses; {@link CommonsCsvCursor} is built on Apache Commons CSV and
 * is the reference the fast one is tested against. Typing is defined once, here, on the field text;
 * the fast cursor only takes short cuts that give identical results.
 *
 * <p>Not thread-safe.
 */
public abstract class CsvCursor implements AutoCloseable {
  /**
   * The longest record read, in UTF-8 bytes of its field texts plus separators; a Kaggle row is
   * about 200. A longer one is a corrupt file (or a quote left open), and ends the read.
   */
  public static final int MAX_RECORD_BYTES = 1 << 20;

  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern US_DATE = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})(\\s.*)?");

  /**
   * Moves to the next record; false at the end of the input.
   *
   * @throws CsvFormatException when the text cannot be read on from a record: a quote never closed,
   *     text after a closing quote, a record over {@link #MAX_RECORD_BYTES}
   */
  public abstract boolean next() throws IOException;

  /** Fields in the current record. */
  public abstract int fieldCount();

  /** The field's text, unquoted. */
  public abstract String text(int field);

  /** The line (1-based) on which the current record starts, for error messages. */
  public abstract long line();

  /**
   * The line on which the current record ends: above {@link #line()} when a quoted field spans
   * lines.
   */
  public abstract long lastLine();

  /**
   * Whether the input's last byte is a line break (true for an empty input). Defined once {@link
   * #next()} has returned false: a file cut mid-record ends without one.
   */
  public abstract boolean endsWithLineBreak();

  /**
   * The current record written back as CSV, for the rejected-rows report: the fields joined by
   * commas, a field quoted only when it holds a comma, quote or line break. Both cursors give the
   * same text, which is the file's own wherever the file quotes only where needed.
   */
  public String raw() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < fieldCount(); i++) {
      if (i > 0) {
        out.append(',');
      }
      String text = text(i);
      boolean quote = false;
      for (int c = 0; c < text.length() && !quote; c++) {
        char ch = text.charAt(c);
        quote = ch == ',' || ch == '"' || ch == '\n' || ch == '\r';
      }
      out.append(quote ? '"' + text.replace("\"", "\"\"") + '"' : text);
    }
    return out.toString();
  }

  @Override
  public abstract void close() throws IOException;

  /** True when the field is empty or blank. */
  public boolean isEmpty(int field) {
    return text(field).isBlank();
  }

  /**
   * The field as a number: decimal notation with optional sign, fraction and exponent, blanks
   * around it ignored ({@code 1058.0} and {@code -4} are fine; {@code NaN}, {@code 1f} are not).
   *
   * @throws NumberFormatException when it is not such a number
   */
  public double number(int field) {
    return parseNumber(text(field));
  }

  /**
   * The field as a 0/1 flag: 1, 0, or -1 when it is not one ({@code 1.0}, {@code true} are fine:
   * any number equal to 0 or 1, or {@code true}/{@code false} in any case, blanks around ignored).
   */
  public int flag(int field) {
    if (isEmpty(field)) {
      return -1;
    }
    try {
      double value = number(field);
      return value == 1 ? 1 : value == 0 ? 0 : -1;
    } catch (NumberFormatException e) {
      String text = text(field).strip().toLowerCase(Locale.ROOT);
      return text.equals("true") ? 1 : text.equals("false") ? 0 : -1;
    }
  }

  /**
   * The field as a date, days since 1970-01-01: {@code 2015-01-31}, optionally followed by a time
   * ({@code 2015-01-31 00:00:00}), or {@code 1/31/2015}.
   *
   * @throws DateTimeParseException when it is not such a date
   */
  public int epochDay(int field) {
    return parseEpochDay(text(field));
  }

  /** The field as a short code (airport, carrier), trimmed. */
  public String code(int field) {
    return text(field).strip();
  }

  static double parseNumber(String text) {
    String value = text.strip();
    if (!NUMBER.matcher(value).matches()) {
      throw new NumberFormatException("not a number: '" + text + "'");
    }
    return Double.parseDouble(value);
  }

  static int parseEpochDay(String text) {
    String value = text.strip();
    if (value.length() >= 10 && value.charAt(4) == '-' && value.charAt(7) == '-') {
      if (value.length() > 10 && value.charAt(10) != ' ' && value.charAt(10) != 'T') {
        throw new DateTimeParseException("not a date", text, 10);
      }
      return (int) LocalDate.parse(value.substring(0, 10)).toEpochDay();
    }
    var us = US_DATE.matcher(value);
    if (us.matches()) {
      try {
        return (int)
            LocalDate.of(
                    Integer.parseInt(us.group(3)),
                    Integer.parseInt(us.group(1)),
                    Integer.parseInt(us.group(2)))
                .toEpochDay();
      } catch (java.time.DateTimeException e) {
        throw new DateTimeParseException("not a date", text, 0, e);
      }
    }
    throw new DateTimeParseException("not a date", text, 0);
  }

  static CsvFormatException tooLong(long line) {
    return new CsvFormatException(
        line,
        "a record longer than "
            + MAX_RECORD_BYTES
            + " bytes starts on this line (a Kaggle row is about 200); the file is corrupt");
  }

  /**
   * Returns {@code in} past a leading UTF-8 byte order mark, if there is one. Reads nothing until
   * the first read, so that a stream failing at once fails in {@link #next()}, not in a
   * constructor.
   */
  static InputStream skipBom(InputStream in) {
    return new FilterInputStream(new PushbackInputStream(in, 3)) {
      private boolean checked;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (!checked) {
          checked = true;
          PushbackInputStream pushback = (PushbackInputStream) in;
          byte[] head = pushback.readNBytes(3);
          boolean bom =
              head.length == 3
                  && (head[0] & 0xff) == 0xEF
                  && (head[1] & 0xff) == 0xBB
                  && (head[2] & 0xff) == 0xBF;
          if (!bom) {
            pushback.unread(head);
          }
        }
        return in.read(b, off, len);
      }
    };
  }
}
