package io.delaywatch.flights;

import java.io.FilterInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The reference {@link CsvCursor}, on Apache Commons CSV. Slower than {@link ByteCsvCursor} (a
 * String per field), and the yardstick its tests compare against. Commons CSV's own errors are
 * turned into the same {@link CsvFormatException}s, at the same lines, as the fast cursor's.
 */
public final class CommonsCsvCursor extends CsvCursor {
  // Commons CSV 1.14's messages carry the only record of where its lexer stopped.
  private static final Pattern UNCLOSED =
      Pattern.compile("\\(startline ([\\d,]+)\\) EOF reached.*");
  private static final Pattern AFTER_QUOTE =
      Pattern.compile(
          "Invalid character between encapsulated token and delimiter at line: ([\\d,]+).*");
  // Commons CSV reads ahead in blocks of 8192 characters; the guard allows for two of them.
  private static final long MAX_UNFINISHED_CHARS = 4L * MAX_RECORD_BYTES + 8 + 2 * 8192;

  private final LastByte input;
  private final Guard guard;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private CSVRecord current;
  private long line;
  private long lastLine;

  public CommonsCsvCursor(InputStream in) throws IOException {
    this.input = new LastByte(skipBom(in));
    this.guard = new Guard(new InputStreamReader(input, StandardCharsets.UTF_8));
    this.parser =
        CSVParser.builder()
            .setReader(guard)
            .setFormat(CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get())
            .get();
    this.records = parser.iterator();
  }

  @Override
  public boolean next() throws IOException {
    guard.sinceRecord = 0;
    CSVRecord record;
    try {
      if (!records.hasNext()) {
        if (input.failure != null) {
          throw input.failure;
        }
        return false;
      }
      record = records.next();
    } catch (UncheckedIOException e) {
      throw translate(e.getCause());
    }
    long end = parser.getCurrentLineNumber();
    if (input.failure != null && input.last != '\n' && !hasNextRecord()) {
      // The bytes stopped mid-record: the fast cursor never sees this record, nor should we.
      throw input.failure;
    }
    current = record;
    lastLine = end;
    long breaks = 0;
    long length = current.size() - 1;
    for (String value : current.values()) {
      breaks += lineBreaks(value);
      length += value.getBytes(StandardCharsets.UTF_8).length;
    }
    line = lastLine - breaks;
    if (length > MAX_RECORD_BYTES) {
      throw tooLong(line);
    }
    return true;
  }

  private boolean hasNextRecord() throws IOException {
    try {
      return records.hasNext();
    } catch (UncheckedIOException e) {
      throw translate(e.getCause());
    }
  }

  private IOException translate(IOException e) {
    if (e instanceof CSVException) {
      Matcher unclosed = UNCLOSED.matcher(e.getMessage());
      if (unclosed.matches()) {
        return new CsvFormatException(
            number(unclosed.group(1)),
            "a quoted field opened on this line is never closed (unterminated quote); the"
                + " rest of the file cannot be read");
      }
      Matcher afterQuote = AFTER_QUOTE.matcher(e.getMessage());
      if (afterQuote.matches()) {
        return new CsvFormatException(
            number(afterQuote.group(1)),
            "unexpected text after a closing quote; expected a comma or the end of the line");
      }
    }
    return e;
  }

  private static long number(String grouped) {
    return Long.parseLong(grouped.replace(",", ""));
  }

  private static long lineBreaks(String value) {
    long breaks = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 == value.length() || value.charAt(i + 1) != '\n'))) {
        breaks++;
      }
    }
    return breaks;
  }

  @Override
  public int fieldCount() {
    return current.size();
  }

  @Override
  public String text(int field) {
    return current.get(field);
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
    return input.last == '\n' || input.last == '\r';
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }

  /**
   * Remembers the last byte read, to tell a file cut mid-record; and holds back a decoding failure
   * of the bytes (corrupt gzip) as an end of input, thrown once the records before it are read: the
   * character decoder would otherwise drop the text it holds when the failure passes through.
   */
  private static final class LastByte extends FilterInputStream {
    int last = '\n';
    CsvFormatException failure;

    LastByte(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (failure != null) {
        return -1;
      }
      int n;
      try {
        n = super.read(b, off, len);
      } catch (CsvFormatException e) {
        failure = e;
        return -1;
      }
      if (n > 0) {
        last = b[off + n - 1];
      }
      return n;
    }
  }

  /**
   * Stops a record that would not end (a quote left open in a big file) before it fills the heap,
   * as the fast cursor does.
   */
  private final class Guard extends FilterReader {
    long sinceRecord;

    Guard(Reader in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      count(1);
      return super.read();
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
      int n = super.read(cbuf, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int chars) throws CsvFormatException {
      sinceRecord += chars;
      if (sinceRecord > MAX_UNFINISHED_CHARS) {
        throw tooLong(lastLine + 1);
      }
    }
  }
}
