package io.delaywatch.flights;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern US_DATE = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})(\\s.*)?");

  /** Moves to the next record; false at the end of the input. */
  public abstract boolean next() throws IOException;

  /** Fields in the current record. */
  public abstract int fieldCount();

  /** The field's text, unquoted. */
  public abstract String text(int field);

  /** The line number (1-based) of the current record, for error messages. */
  public abstract long line();

  /** The current record as it stood in the file (for the rejected-rows report). */
  public abstract String raw();

  @Override
  public abstract void close() throws IOException;

  /** Why the current record is malformed (e.g. an unterminated quote), or null. */
  public String malformed() {
    return null;
  }

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

  /** Returns {@code in} past a leading UTF-8 byte order mark, if there is one. */
  static InputStream skipBom(InputStream in) throws IOException {
    PushbackInputStream pushback = new PushbackInputStream(in, 3);
    byte[] head = pushback.readNBytes(3);
    boolean bom =
        head.length == 3
            && (head[0] & 0xff) == 0xEF
            && (head[1] & 0xff) == 0xBB
            && (head[2] & 0xff) == 0xBF;
    if (!bom) {
      pushback.unread(head);
    }
    return pushback;
  }
}
